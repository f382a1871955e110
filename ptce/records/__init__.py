"""Read, check and locate the records of data/: one model per kind, French errors, the corpus."""
