"""Rashomon: many accounts of one event, read side by side.

    import rashomon
    corpus = rashomon.analyze(["accounts/"], db="rashomon.db", sources="accounts/sources.yaml")
    print(corpus.counts())
    data = corpus.to_dict()          # the JSON export of EXPORT.md
"""

__version__ = "0.1.0"

from rashomon.pipeline import Corpus, RunReport, analyze

__all__ = ["Corpus", "RunReport", "__version__", "analyze"]
