"""The search page: documents matching a query (`store.search`), each with its best passage and a
link to that passage highlighted in the document.

Search has a connection to the store and a lock of its own, so that a search never waits for a
page, nor a page for a search; what a query may cost is bounded by `store.search` (its terms and
its time). A query word or phrase that is a name of an entity also finds the other names the
sources use for it ("SVO" finds "Sorkhanin-e Varan"), and the page says which names it added.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from rashomon.outputs.web.listing import paging, plain
from rashomon.outputs.web.pages import Pages
from rashomon.store import Store
from rashomon.store.search import RANKED, SNIPPET_CLOSE, SNIPPET_OPEN, Phrase, Query, SearchTooSlow, parse_query

PAGE_SIZE = 20
WAIT = 2.0  # seconds a search waits for the one before it, at most
OTHER_NAMES = 4  # other names of an entity a query phrase brings in
SPLIT = re.compile(f"([{SNIPPET_OPEN}{SNIPPET_CLOSE}])")


def other_names(pages: Pages, phrases: list[Phrase]) -> dict[Phrase, list[Phrase]]:
    """For each phrase that is a name sources use for an entity, the entity's other names, the
    most used first (read from the pages' corpus-wide facts)."""
    def index() -> tuple[dict[Phrase, str], dict[str, list[Phrase]]]:
        entity_of: dict[Phrase, tuple[int, str]] = {}
        names: dict[str, list[Phrase]] = {}
        for entity, words in pages.names_of().items():
            for text, n in words:
                phrase = tuple(re.findall(r"\w+", text.lower()))
                if phrase and n > entity_of.get(phrase, (0, ""))[0]:
                    entity_of[phrase] = (n, entity)
                if phrase and phrase not in names.setdefault(entity, []):
                    names[entity].append(phrase)
        return {p: e for p, (_, e) in entity_of.items()}, names

    with pages.reading():
        entity_of, names = pages.fact("name index", index)
    found = {}
    for phrase in phrases:
        entity = entity_of.get(phrase)
        if entity:
            found[phrase] = [p for p in names[entity] if p != phrase][:OTHER_NAMES]
    return found


def passage(text: str, snippet: str) -> tuple[int, int] | None:
    """Where the first hit of a snippet lies in the document's text (start, end), or None."""
    for fragment in snippet.split(" … "):
        if SNIPPET_OPEN not in fragment:
            continue
        plain_text = fragment.replace(SNIPPET_OPEN, "").replace(SNIPPET_CLOSE, "").strip("… ")
        at = text.find(plain_text) if plain_text else -1
        lead = fragment.lstrip("… ")
        opening, closing = lead.find(SNIPPET_OPEN), lead.find(SNIPPET_CLOSE)
        word = lead[opening + 1:closing] if 0 <= opening < closing else ""
        if at >= 0 and word:
            start = at + opening
            return start, start + len(word)
        m = re.search(rf"\b{re.escape(word)}\b", text, re.I) if word else None
        if m:
            return m.start(), m.end()
    return None


class Search:
    """The search page over the store `db` (its own read-only connection)."""

    def __init__(self, db: str | Path, pages: Pages):
        self.store = Store(db, readonly=True)
        self.pages = pages
        self.error: str | None = None
        self._lock = threading.Lock()

    def prepare(self) -> None:
        """Build the search index now (SQLite), not on the first search."""
        with self._lock, self.store.snapshot():
            try:
                self.store.prepare_search()
            except RuntimeError as e:  # an SQLite built without FTS5: search says so instead of failing
                self.error = str(e)

    def close(self) -> None:
        self.store.close()

    def page(self, text: str | None, source: str | None = None, page: int = 1) -> dict:
        """Documents matching the query `text`, best first, each with its passage."""
        query = parse_query(text or "")
        result = {"query": text or "", "results": [], "paging": paging(1, 1, 0), "error": None, "cut": query.cut,
                  "also": [], "understood": summary(query), "filters": {"q": text, "source": source}}
        if not query.groups:
            return result
        wider = other_names(self.pages, query.phrases)
        widened = query.widened(wider)
        result["also"] = [" ".join(p) for p in widened.phrases if p not in query.phrases]
        if not self._lock.acquire(timeout=WAIT):  # searches queued behind slow ones would hold every worker
            return result | {"error": "the server is busy with other searches: try again in a moment"}
        try:
            return result | self._run(widened, source, page)
        finally:
            self._lock.release()

    def _run(self, widened: Query, source: str | None, page: int) -> dict:
        with self.store.snapshot():
            if self.error:
                return {"error": self.error}
            try:
                total, hits = self.store.search(widened, source, PAGE_SIZE, (max(1, page) - 1) * PAGE_SIZE)
                shown = paging(page, PAGE_SIZE, total)
                if shown.page != max(1, page):
                    total, hits = self.store.search(widened, source, PAGE_SIZE, shown.offset)
            except SearchTooSlow as e:
                return {"error": f"{e}: try rarer words or fewer alternatives"}
            except RuntimeError as e:
                return {"error": str(e)}
            docs = {d: plain(line) for d, line in self.store.documents_by_id([h.doc for h in hits]).items()}
            results = [self._result(hit, docs[hit.doc]) for hit in hits if hit.doc in docs]
        return {"results": results, "paging": shown, "unranked": total > RANKED}

    def _result(self, hit, doc: dict) -> dict:
        pieces, hit_on = [], False
        for part in SPLIT.split(hit.snippet):
            if part in (SNIPPET_OPEN, SNIPPET_CLOSE):
                hit_on = part == SNIPPET_OPEN
            elif part:
                pieces.append({"text": part, "hit": hit_on})
        where = passage(self.store.text(hit.doc) or "", hit.snippet)
        return {"doc": doc, "pieces": pieces, "hl": f"{where[0]}-{where[1]}" if where else None}


def summary(query: Query) -> str:
    """A query as the page repeats it: phrases quoted, alternatives joined by "or"."""
    return ", ".join(" or ".join(f"“{' '.join(p)}”" for p in g) for g in query.groups)
