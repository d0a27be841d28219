"""Stores for the web tests: the sample accounts as the real pipeline analyses them."""

from __future__ import annotations

import re
from pathlib import Path

from rashomon import analyze

from .conftest import EXAMPLES

MONTH_DAY = re.compile(r"March (\d{1,2})(?:, (\d{4}))?")
DEATHS = re.compile(r"[^.\n]*\b(killed|died|killing|bodies)\b[^.\n]*[.]?")
PLACES = {"tarvand-bridge": (27.18, 56.27), "golzar": (27.2, 56.35)}  # test coordinates for fictional places


def sample_store(folder: Path, extra: list[Path] = ()) -> Path:
    """Analyse examples/accounts (and `extra` files) with the demo's knowledge file into
    folder/sample.db."""
    db = folder / "sample.db"
    with analyze([EXAMPLES, *extra], db=db, sources=EXAMPLES / "sources.yaml", kb=[EXAMPLES.parent / "knowledge.yaml"]):
        pass
    return db
