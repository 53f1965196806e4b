"""Stage 3, documents: document types declared once, planning, template fields, rendering."""
