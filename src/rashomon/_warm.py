"""Imported by the forkserver of the worker pool (see pipeline._in_pool): the data files, the spaCy
pipeline and the gazetteer are loaded there once, and every worker forked from it starts with them
in memory (pages shared) instead of reading them again. Ctrl-C reaches every process of the run; the
forkserver and the workers leave it to the run, which stops them (pipeline._in_pool)."""

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)

from rashomon import data  # noqa: E402 (Ctrl-C is ignored first: loading takes seconds)
from rashomon.extract.places import gazetteer  # noqa: E402
from rashomon.ingest.parse import pipeline  # noqa: E402

data.check_all()
pipeline()
gazetteer()
