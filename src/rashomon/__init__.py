"""Rashomon: many accounts of one event, read side by side.

    import rashomon
    corpus = rashomon.analyze(["accounts/"], db="rashomon.db", sources="accounts/sources.yaml")
    print(corpus.counts())
    data = corpus.to_dict()          # the JSON export of EXPORT.md
"""

__version__ = "0.1.0"

__all__ = ["Corpus", "RunReport", "__version__", "analyze"]


def __getattr__(name: str):
    """`analyze`, `Corpus` and `RunReport` load the pipeline (spaCy) when first used, so that the
    command line starts at once and a Ctrl-C while it loads is said in one line."""
    if name in ("Corpus", "RunReport", "analyze"):
        from rashomon import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'rashomon' has no attribute {name!r}")
