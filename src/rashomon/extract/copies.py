"""Copies: a fingerprint of each document's words, so that republished copies of one story (a
wire copy, a mirror, an article posted again) are known as one story and do not corroborate each
other as independent sources.

The fingerprint is a MinHash of the document's word 5-grams outside boilerplate (Broder, "On the
resemblance and containment of documents", 1997), cut into bands of two hashes: two documents
share a band with a probability of the square of their resemblance (the Jaccard index of their
5-grams), so documents that share most bands are near-identical whatever page chrome surrounds
them. The store gives a document the story of the one it shares COPY_BANDS bands with.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from rashomon.records import Band, Segment

SHINGLE = 5  # words per shingle
HASHES = 64  # MinHash functions
ROWS = 2  # hashes per band: HASHES // ROWS bands
COPY_BANDS = HASHES // ROWS // 2  # bands a copy shares with its original: a resemblance of 0.7 or more
PRIME = (1 << 31) - 1
_rng = np.random.default_rng(1997)  # fixed: fingerprints must be the same in every process and run
_A = _rng.integers(1, PRIME, HASHES, dtype=np.uint64)
_B = _rng.integers(0, PRIME, HASHES, dtype=np.uint64)


def fingerprint(text: str, segments: Sequence[Segment] = ()) -> list[Band]:
    """The bands of the MinHash of `text`'s word 5-grams, boilerplate left out; none for a text
    of fewer than five words."""
    kept = [text[s.start:s.end] for s in segments if s.kind != "boilerplate"] if segments else [text]
    words = re.findall(r"\w+", " ".join(kept).lower())
    if len(words) < SHINGLE:
        return []
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashed = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big") % PRIME
                          for s in shingles), dtype=np.uint64, count=len(shingles))
    minima = ((np.outer(_A, hashed) + _B[:, None]) % PRIME).min(axis=1)
    bands = minima.reshape(-1, ROWS)
    return [Band(band=n, hash=int.from_bytes(hashlib.blake2b(row.tobytes(), digest_size=7).digest(), "big"))
            for n, row in enumerate(bands)]
