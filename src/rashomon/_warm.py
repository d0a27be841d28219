"""Imported by the forkserver of the worker pool (see pipeline._in_pool): the spaCy pipeline is
loaded there once, and every worker forked from it starts with it in memory (pages shared)."""

from .parse import pipeline

pipeline()
