"""Stage 4, outputs: the summary, the annotated workbook, the text report, safe file writing."""
