"""The framing view: how each source names an event or an actor, side by side.

One table per event or actor, the sources as columns and their words in them: what each source
calls it (its labels: "a terrible human tragedy", "proper defensive action", "the terror group")
and the names it uses ("Operation Kaman", "Nour-e Sahar", "SVO"). Columns are ordered by
the sources' perspective, then date, so that the sides of a conflict stand apart. The framing page
shows the events first, then the actors, each ranked by how many sources put words to it. Built
on the entity pages' data (`Pages.entity`), so it reads the store the way they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rashomon.outputs.web.pages import Pages

SUBJECTS = 12  # events and actors on the framing page
COLUMNS = 24  # sources side by side in one table: those that put words to it first
CANDIDATES = 60  # entities looked at for it: the events, then those named in the most documents
ACTORS = ("PERSON", "ORG", "NORP", "GPE")


def columns(entity_page: dict) -> list[dict]:
    """The sources of an entity page as framing columns: {doc, words, names}, where words are the
    labels a source gives it and names the names it uses, each (text, how often)."""
    found = [{"doc": row["doc"], "words": row["labels"], "names": row["aliases"]} for row in entity_page["by_source"]]
    return sorted(found, key=lambda c: (c["doc"].get("perspective") or "~", str(c["doc"].get("published") or "~"),
                                        c["doc"].get("file") or ""))


def framing(pages: Pages, subjects: int = SUBJECTS) -> dict:
    """The framing page: for the events and actors that sources put words to, one table each."""
    entities = sorted(pages.entities(), key=lambda e: -(e.get("documents") or 0))
    events = [e for e in entities if e["type"] == "EVENT"][:CANDIDATES // 2]
    actors = [e for e in entities if e["type"] in ACTORS][:CANDIDATES - len(events)]
    tables = []
    for e in [*events, *actors]:
        page = pages.entity(e["id"])
        if page is None or not page["labels"]:
            continue
        cols = columns(page)
        shown = {id(c) for c in sorted(cols, key=lambda c: not c["words"])[:COLUMNS]}  # stable: words first
        tables.append({"entity": page["entity"], "columns": [c for c in cols if id(c) in shown],
                       "sources": page["sources"], "labelled": sum(1 for c in cols if c["words"]),
                       "left_out": max(0, len(cols) - COLUMNS)})
    tables.sort(key=lambda t: (t["entity"]["type"] != "EVENT", -t["labelled"], -t["sources"], t["entity"]["name"]))
    return {"tables": tables[:subjects], "more": max(0, len(tables) - subjects)}
