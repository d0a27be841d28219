"""Reading accounts in: files to texts and metadata (read), texts to segments (structure),
texts to spaCy Docs (parse)."""
