"""Stories: documents whose fingerprints (extract/copies.py) share most bands are republished
copies of one story. Copies count as one source: they do not corroborate each other."""

from __future__ import annotations

from rashomon.corpus.resolve import Union
from rashomon.extract.copies import HASHES, ROWS
from rashomon.store import Store

# bands two documents must share to be copies: half of them, a resemblance of about 0.7 or more
SHARED_BANDS = HASHES // ROWS // 2


def stories(store: Store) -> dict[str, str]:
    """Each document that has a copy in the store -> its story's id (the smallest document id of
    the copies); documents without copies are their own story and are left out."""
    union = Union()
    for a, b in store.shared_bands(SHARED_BANDS):
        union.join(a, b)
    return {doc: union.find(doc) for doc in list(union.parent)}
