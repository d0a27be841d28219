"""The per-document stages: each reads one parsed document and returns its own records."""
