"""Imported by the forkserver of the worker pool (see pipeline._in_pool): the spaCy pipeline and
the gazetteer are loaded there once, and every worker forked from it starts with them in memory
(pages shared) instead of reading them again."""

from rashomon.extract.places import gazetteer
from rashomon.ingest.parse import pipeline

pipeline()
gazetteer()
