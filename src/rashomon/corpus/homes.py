"""Homes: the corpus-wide step that reads each outlet's ambiguous place names near where its readers
live (`places.homes`), before `resolve` joins the names into entities.

An outlet is a publisher of the sources manifest (or of the page's own metadata). Its home is
inferred from the places its stored documents name with no doubt, so it needs no list of papers
and no knowledge of any; an outlet of one document, or whose sure places lie scattered, has none.
The step reads the stored names of the outlet's documents (one document at a time: memory stays
flat); a document with a placed name far from the home that has a namesake near it is read again
(its mentions and text: the resolver weighs the words beside each name), and the names whose
namesake near the home the resolver then prefers are moved there. It runs for the publishers of
the documents a run stored or updated, over all of each one's documents.
"""

from __future__ import annotations

from collections.abc import Iterable

from rashomon.extract.places import homes
from rashomon.kb import KnowledgeBase
from rashomon.store import Store


def place_at_home(store: Store, publishers: Iterable[str | None], kb: KnowledgeBase | None = None) -> int:
    """Move the places of each publisher's documents to their namesakes near its home, where the
    resolver prefers them, then those of the whole corpus near the corpus's own home, the region
    most of its accounts tell of (none where its sure places lie scattered, as in a corpus of many
    outlets' local news); returns how many document names moved."""
    moved = sum(_near_home(store, store.publisher_documents(p), kb) for p in sorted({p for p in publishers if p}))
    return moved + _near_home(store, store.document_ids(), kb)


def _near_home(store: Store, docs: list[str], kb: KnowledgeBase | None) -> int:
    """Move the places of `docs` near the home their sure places give, if they give one."""
    if len(docs) < homes.HOME_DOCUMENTS:
        return 0
    point = homes.home([homes.evidence(n.record for n in store.names(d)) for d in docs])
    if point is None:
        return 0
    moved = 0
    for doc in docs:
        entities = [n.record for n in store.names(doc)]
        if not homes.may_move(entities, point):
            continue
        mentions = [m.record for m in store.mentions(doc)]
        found = homes.at_home(entities, mentions, store.text(doc) or "", point, kb)
        store.move_places(doc, found)
        moved += len(found)
    return moved
