"""Stage 1, reading the workbook: declared sheets, value normalisation, records that keep their cells."""
