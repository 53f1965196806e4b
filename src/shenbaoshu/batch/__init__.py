"""Stage 5, the batch: a working folder (init), documents written into a folder, the incremental build."""
