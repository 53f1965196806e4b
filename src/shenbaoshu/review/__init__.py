"""Stage 6, review tools: inspect finished documents, check templates, the field guide."""
