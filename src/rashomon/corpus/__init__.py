"""The corpus-wide steps: one entity per real thing across documents (resolve), then the sources
side by side (compare)."""
