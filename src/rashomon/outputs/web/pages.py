"""The data behind each page of the web app and the report, read from the store's readers.

A `Pages` object answers one page at a time with indexed queries (`store.browse`), so a page
costs about the same on a store of ten documents or ten thousand; the few corpus-wide facts a
page needs (which claims a finding holds, how widely each entity is named, the search index) are
gathered once, and again when the store has changed. Pages are read inside `reading()`, from one
snapshot of the store, so what a page shows agrees with itself even while an `analyze` writes;
the store is only read.
Every method returns plain dicts for the templates, or None when the id is unknown.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from rashomon.corpus.compare import KIND_ORDER
from rashomon.outputs.export import amount, value_text
from rashomon.store import Store
from rashomon.store.browse import PLACE_TYPES, SNIPPET_CLOSE, SNIPPET_OPEN, Reach, search_words
from rashomon.store.reading import Stored

__all__ = ["PLACE_TYPES", "Pages", "amount", "kb_url"]

# where a date is no part of the story: page chrome, a byline or dateline, a broadcast schedule, the
# title of a cited work ("Arising and the End (1965-2005)")
ASIDE_CONTEXTS = ("boilerplate", "byline", "schedule", "title")
PAGE_SIZE = {"sources": 100, "findings": 25, "search": 20, "timeline": 20, "entity_docs": 100}
# how the comparison's finding kinds count for the claims of one document
CLAIM_BUCKET = {"agreement": "corroborated", "compatible": "corroborated", "conflict": "contradicted",
                "self_contradiction": "contradicted", "uncorroborated": "alone"}
MAP_PLACES = 500  # the most named located places drawn on the map
WIKIDATA = re.compile(r"Q[1-9][0-9]*")
# where a finding's compared value is written, by the finding's attribute (else: a name)
VALUE_TABLE = {"date": "timex", "time": "timex", "duration": "timex", "quantity": "quantity"}
NO_REACH = Reach(0, 0)


@dataclass(frozen=True)
class Paging:
    """Which slice of a long list a page shows."""

    page: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def _paging(page: int, size: int, total: int) -> Paging:
    pages = max(1, -(-total // size))
    return Paging(min(max(1, page), pages), size, total)


def _row(stored: Stored) -> dict:
    """A stored record as the templates read it: its fields, its document and place."""
    return {"doc": stored.doc, "n": stored.n} | asdict(stored.record)


def kb_url(kb_id: str | None) -> str | None:
    """The Wikidata page of a knowledge-base id when it is a Q-id, else None."""
    return f"https://www.wikidata.org/wiki/{kb_id}" if kb_id and WIKIDATA.fullmatch(kb_id) else None


class Pages:
    """Page data for one store, read from one snapshot of it; close it when done."""

    def __init__(self, store: Store, search: bool = True):
        self.store, self.searching = store, search
        self.seen: tuple | None = None
        with self.reading():
            if search:
                self._prepare_search()

    @contextmanager
    def reading(self) -> Iterator[Pages]:
        """Answer pages from one snapshot of the store (the report: all of them; the web app: one
        page). What is gathered once is gathered again when the store has changed meanwhile."""
        with self.store.snapshot():
            now = self.store.extent()
            if now != self.seen:
                self._gather()
                self.seen = now
            yield self

    def _gather(self) -> None:
        """The corpus-wide facts pages need: claims per document and per event, the findings in
        their ranking, how widely each entity is named, the counts in the header."""
        self.claims_by_doc: dict[str, Counter] = defaultdict(Counter)
        self.findings_of_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.all_findings = []
        rank = {k: i for i, k in enumerate(KIND_ORDER)}
        for f in self.store.findings():
            self.all_findings.append(f)
            for claim in f.claims:
                self.claims_by_doc[claim.doc][CLAIM_BUCKET.get(f.kind, f.kind)] += 1
                if claim.event:
                    self.findings_of_event[claim.event].append((f.id, f.kind))
        self.all_findings.sort(key=lambda f: rank.get(f.kind, 9))  # stable: compare's order within a kind
        self.reach = self.store.reach()
        self.names_of = self.store.words_for_entities()
        self.labels_of = self.store.words_for_entities(labels=True)
        self.counts = self.store.counts()
        self.store.close_search()  # built again from this snapshot on the next search
        self.search_error = None

    def _prepare_search(self) -> None:
        try:
            self.store.prepare_search()
        except RuntimeError as e:  # an SQLite built without FTS5: search says so instead of failing
            self.search_error = str(e)

    # ------------------------------------------------------------ corpus-wide

    def entity_row(self, entity_id: str | None) -> dict | None:
        """An entity as {id, name, type}; a key that is no entity keeps its key as its name."""
        if not entity_id:
            return None
        e = self.store.entity(entity_id)
        return {"id": e.id, "name": e.name, "type": e.type} if e else {"id": None, "name": entity_id, "type": ""}

    def summary(self) -> dict:
        """Counts shown in every page's header (counted once: the store is only read)."""
        return self.counts

    def perspectives(self) -> list[str]:
        return self.store.perspectives()

    def documents_by_id(self, ids: list[str]) -> dict[str, dict]:
        return {d: asdict(line) for d, line in self.store.documents_by_id(list(ids)).items()}

    # ------------------------------------------------------------ sources

    def sources(self, perspective: str | None = None, publisher: str | None = None, page: int = 1,
                everything: bool = False) -> dict:
        """Every document with its metadata, counts and how its claims fared in the comparison."""
        total = self.store.document_count(perspective, publisher)
        paging = _paging(page, total or 1, total) if everything else _paging(page, PAGE_SIZE["sources"], total)
        rows = [asdict(line) | {"claims": self.claims_by_doc.get(line.id, Counter())}
                for line in self.store.document_lines(perspective, publisher, paging.size, paging.offset, counts=True)]
        return {"documents": rows, "paging": paging, "perspectives": self.perspectives(),
                "filters": {"perspective": perspective, "publisher": publisher},
                "skipped": [asdict(s) for s in self.store.skips()]}

    # ------------------------------------------------------------ one document

    def document(self, doc_id: str, highlight: tuple[int, int] | None = None) -> dict | None:
        """One document's text with every span the stages found, ready for `highlight.render`."""
        stored = self.store.stored_document(doc_id)
        if stored is None:
            return None
        doc = {"id": stored.id} | asdict(stored.source) | {"words": stored.words}
        store = self.store
        entity_of = {k.key: k.entity for k in store.entity_keys(doc_id)}
        names: dict[str, dict] = {}

        def named(key: str) -> dict:
            if key not in names:
                names[key] = self.entity_row(entity_of.get(key, key)) or {}
            return names[key]

        marks: list[dict] = []
        for m in store.mentions(doc_id):
            ent, m = named(m.record.key), m.record
            marks.append({"start": m.start, "end": m.end, "class": f"ent {m.type}", "layer": 2,
                          "title": f"{ent.get('name') or m.text} ({m.type})", "entity": ent.get("id")})
        for lb in store.labels(doc_id):
            ent, lb = named(lb.record.entity_key), lb.record
            marks.append({"start": lb.start, "end": lb.end, "class": "label", "layer": 2,
                          "title": f"label for {ent.get('name')}", "entity": ent.get("id")})
        timexes = [_row(t) for t in store.timexes(doc_id)]
        quantities = [_row(q) for q in store.quantities(doc_id)]
        quotes = [_row(q) for q in store.quotes(doc_id)]
        citations = [_row(c) for c in store.citations(doc_id)]
        marks += _marks_of(timexes, quantities, quotes, citations)
        if highlight and 0 <= highlight[0] < highlight[1] <= len(doc["text"]):
            marks.append({"start": highlight[0], "end": highlight[1], "class": "evidence", "layer": 0.5,
                          "title": "evidence", "id": "evidence"})
        events = [_row(ev) | {"id": ev.id, "findings": self.findings_of_event.get(ev.id, [])}
                  for ev in store.events(doc_id)]
        entities = sorted((e for e in names.values() if e.get("id")), key=lambda e: e["name"])
        return {"doc": doc, "segments": [_row(s) for s in store.segments(doc_id)], "marks": marks,
                "timexes": timexes, "quantities": quantities, "quotes": quotes, "citations": citations,
                "events": events, "entities": entities, "claims": self.claims_by_doc.get(doc_id, Counter())}

    # ------------------------------------------------------------ one entity

    def entity(self, entity_id: str) -> dict | None:
        """How each source names one entity and labels it, and what it takes part in."""
        found = self.store.entity(entity_id)
        if found is None:
            return None
        store = self.store
        shown = store.entity_documents(entity_id, PAGE_SIZE["entity_docs"])
        aliases: dict[str, Counter] = defaultdict(Counter)
        labels: dict[str, Counter] = defaultdict(Counter)
        for doc, text, n in store.names_of_entity(entity_id, shown):
            aliases[doc][text] += n
        for doc, text, n in store.names_of_entity(entity_id, shown, labels=True):
            labels[doc][text] += n
        meta = self.documents_by_id(shown)
        by_source = [{"doc": meta[d], "aliases": aliases[d].most_common(), "labels": labels[d].most_common()}
                     for d in shown if d in meta]
        totals = self.names_of.get(entity_id, [])[:50]
        label_totals = self.labels_of.get(entity_id, [])[:50]
        events = [ev | {"id": f"{ev['doc']}:event:{ev['n']}"} for ev in store.entity_events(entity_id, 200)]
        quotes = store.entity_quotes(entity_id, 100)
        row = {k: v for k, v in asdict(found).items() if k != "aliases"}
        return {"entity": row, "kb_url": kb_url(found.kb_id), "by_source": by_source,
                "sources": self.reach.get(entity_id, NO_REACH).documents, "aliases": totals, "labels": label_totals,
                "events": events, "quotes": quotes, "findings": store.findings_about(entity_id),
                "docs": self.documents_by_id(sorted({e["doc"] for e in events} | {q["doc"] for q in quotes}))}

    def entities(self) -> list[dict]:
        """Every entity (for the report), with how many documents name it, by name."""
        rows = [{k: v for k, v in asdict(e).items() if k != "aliases"}
                | {"documents": self.reach.get(e.id, NO_REACH).documents} for e in self.store.entities()]
        return sorted(rows, key=lambda e: e["name"])

    # ------------------------------------------------------------ findings

    def findings(self, kind: str | None = None, entity: str | None = None, source: str | None = None,
                 page: int = 1, everything: bool = False) -> dict:
        """Findings, conflicts first, each claim with its sentence and the compared value marked."""
        chosen = [f for f in self.all_findings if (not kind or f.kind == kind) and (not entity or f.entity == entity)
                  and (not source or any(c.doc == source for c in f.claims))]
        total = len(chosen)
        paging = _paging(1, total or 1, total) if everything else _paging(page, PAGE_SIZE["findings"], total)
        rows = [asdict(f) for f in chosen[paging.offset:paging.offset + paging.size]]
        docs = self.documents_by_id(sorted({c["doc"] for r in rows for c in r["claims"]}))
        for r in rows:
            r["claims"] = [self._claim(c, r["attribute"], docs) for c in r["claims"]]
            r["entity_row"] = self.entity_row(r["entity"]) if r["entity"] else None
        kinds = sorted({f.kind for f in self.all_findings})
        return {"findings": rows, "paging": paging, "kinds": kinds,
                "filters": {"kind": kind, "entity": entity, "source": source},
                "entity_row": self.entity_row(entity) if entity else None, "source_doc": docs.get(source)
                or self.documents_by_id([source]).get(source) if source else None}

    def _claim(self, claim: dict, attribute: str, docs: dict[str, dict]) -> dict:
        """A claim with the sentence around its evidence, cut into plain and marked pieces."""
        base = max(0, claim["start"] - 400)
        text = self.store.text(claim["doc"], base, base + claim["end"] - claim["start"] + 800)
        window = text if text is not None else claim["text"]
        s, e = claim["start"] - base, claim["end"] - base
        left = max(window.rfind(". ", 0, s) + 2 if window.rfind(". ", 0, s) >= 0 else 0, window.rfind("\n", 0, s) + 1)
        right_candidates = [i for i in (window.find(". ", e), window.find("\n", e)) if i >= 0]
        right = min(right_candidates) + 1 if right_candidates else len(window)
        pieces, cursor = [], left
        for vs, ve in self._value_spans(claim, attribute):
            vs, ve = vs - base, ve - base
            if vs < cursor or ve > right:
                continue
            pieces.append({"text": window[cursor:vs], "cls": "evidence" if s <= cursor < e else ""})
            pieces.append({"text": window[vs:ve], "cls": "value"})
            cursor = ve
        if not pieces:
            pieces = [{"text": window[left:s], "cls": ""}, {"text": window[s:e], "cls": "evidence"}]
            cursor = e
        pieces.append({"text": window[cursor:right], "cls": ""})
        names = {}
        if isinstance(claim["value"], list) and all(isinstance(v, str) for v in claim["value"]):
            names = self.store.entity_names(claim["value"])
        return claim | {"document": docs.get(claim["doc"]), "pieces": pieces,
                        "value_text": value_text(claim["value"], names)}

    def _value_spans(self, claim: dict, attribute: str) -> list[tuple[int, int]]:
        """Where the compared value is written inside a claim's evidence (a date, an amount, a name):
        the spans that hold exactly the claim's value, else every span of that kind."""
        table = VALUE_TABLE.get(attribute, "mention")
        rows = [r.record for r in self.store.spans_within(table, claim["doc"], claim["start"], claim["end"])]
        value = claim["value"]
        if table == "timex":
            same = [r for r in rows if value in (r.value, r.earliest)]
        elif table == "quantity":
            same = [r for r in rows if value == r.value or value == [r.low, r.high]]
        else:
            keys = set()
            if isinstance(value, str):
                keys = {k.key for k in self.store.entity_keys(claim["doc"]) if k.entity == value} or {value}
            same = [r for r in rows if r.key in keys]
        return [(r.start, r.end) for r in same or rows]

    # ------------------------------------------------------------ timeline

    def timeline(self, sources: list[str] | None = None, page: int = 1, everything: bool = False) -> dict:
        """Lanes of dated items, one lane per source: events on their resolved date, else the
        resolved dates (timexes) themselves; an item is a span from earliest to latest. Dates that
        are no part of the story (in page chrome, a byline, a schedule, a cited work's title or
        reference) are `aside`: drawn, but the view is not fitted to them."""
        if sources:
            found = self.documents_by_id(sources)
            lanes = [found[s] for s in sources if s in found]
            paging = _paging(1, max(1, len(lanes)), len(lanes))
        else:
            total = self.store.document_count()
            paging = _paging(page, total or 1, total) if everything else _paging(page, PAGE_SIZE["timeline"], total)
            lanes = [asdict(line) for line in self.store.document_lines(limit=paging.size, offset=paging.offset,
                                                                          by_date=True)]
        items, dates = [], []
        for doc in sorted({d["id"] for d in lanes}):
            timexes = {t.n: t.record for t in self.store.timexes(doc) if t.record.earliest is not None}
            used = set()
            for ev in self.store.events(doc):
                e = ev.record
                t = timexes.get(e.time) if e.time is not None else None
                earliest = t.earliest if t else e.date
                latest = (t.latest if t else None) or earliest
                if not earliest:
                    continue
                if t:
                    used.add(e.time)
                found = self.findings_of_event.get(ev.id, [])
                items.append({"lane": doc, "kind": "event", "type": e.type, "text": e.text, "start": earliest,
                              "end": latest, "href_start": e.start, "href_end": e.end,
                              "conflict": any(k in ("conflict", "self_contradiction") for _, k in found),
                              "findings": [f for f, _ in found], "aside": False})
            cited = [(c.record.start, c.record.end) for c in self.store.citations(doc)]
            dates += [{"lane": doc, "kind": "date", "type": t.type, "text": t.text, "start": t.earliest,
                       "end": t.latest or t.earliest, "href_start": t.start, "href_end": t.end, "conflict": False,
                       "findings": [], "aside": t.context in ASIDE_CONTEXTS or any(a <= t.start < b for a, b in cited)}
                      for n, t in timexes.items() if t.context != "citation" and n not in used]
        return {"lanes": lanes, "entries": items + dates, "paging": paging, "filters": {"source": sources or []}}

    # ------------------------------------------------------------ map

    def places(self, source: str | None = None) -> dict:
        """Resolved places with the documents and events that name them; unresolved places beside."""
        named = self.store.names_in(source) if source else None
        places = []
        for e in self.store.entities():
            if e.lat is None or e.lon is None or (named is not None and e.id not in named):
                continue
            reach = self.reach.get(e.id, NO_REACH) if named is None else Reach(1, named[e.id])
            if reach.mentions:
                places.append({k: getattr(e, k) for k in ("id", "name", "type", "lat", "lon", "place_kind", "kb_id",
                                                          "radius_km")}
                              | {"sources": reach.documents, "mentions": reach.mentions})
        places = sorted(places, key=lambda p: (-p["sources"], p["name"]))[:MAP_PLACES]
        for p in places:
            p["docs"] = self.store.entity_documents(p["id"], 20, source)
            p["events"] = [{"doc": e["doc"], "type": e["type"], "text": e["text"][:200], "start": e["start"],
                            "end": e["end"]} for e in self.store.entity_events(p["id"], 20, True, source)]
        docs = self.documents_by_id(sorted({d for p in places for d in p["docs"]}))
        for p in places:
            p["docs"] = [{"id": d, "title": docs[d]["title"] or docs[d]["file"], "perspective": docs[d]["perspective"]}
                         for d in p["docs"] if d in docs]
        return {"places": places, "unresolved": self.store.unlocated(source), "filters": {"source": source},
                "source_doc": self.documents_by_id([source]).get(source) if source else None}

    # ------------------------------------------------------------ search

    def search(self, query: str | None, source: str | None = None, page: int = 1) -> dict:
        """Documents matching every word of `query`, best first, with the matching passage."""
        result = {"query": query or "", "results": [], "paging": _paging(1, 1, 0), "error": None,
                  "filters": {"q": query, "source": source}}
        if not search_words(query or ""):
            return result
        if self.searching:
            self._prepare_search()
        if not self.searching or self.search_error:
            return result | {"error": self.search_error or "full-text search is unavailable"}
        size = PAGE_SIZE["search"]
        total, hits = self.store.search(query, source, size, (max(1, page) - 1) * size)
        paging = _paging(page, size, total)
        if paging.page != max(1, page):
            total, hits = self.store.search(query, source, size, paging.offset)
        docs = self.documents_by_id([h.doc for h in hits])
        results = []
        for hit in (h for h in hits if h.doc in docs):
            pieces = [{"text": part, "hit": i % 2 == 1}
                      for i, part in enumerate(re.split(f"[{SNIPPET_OPEN}{SNIPPET_CLOSE}]", hit.snippet)) if part]
            results.append({"doc": docs[hit.doc], "pieces": pieces})
        return result | {"results": results, "paging": paging}


def _marks_of(timexes: list[dict], quantities: list[dict], quotes: list[dict], citations: list[dict]) -> list[dict]:
    """The marks of a document's dates, amounts, quotes and citations."""
    marks = []
    for t in timexes:
        when = t["value"] or "unresolved"
        if t["earliest"] and t["latest"] and t["earliest"] != t["latest"]:
            when += f" ({t['earliest']} – {t['latest']})"
        marks.append({"start": t["start"], "end": t["end"], "class": "timex", "layer": 2,
                      "title": f"{t['type']} {when}"})
    for x in quantities:
        marks.append({"start": x["start"], "end": x["end"], "class": "quantity", "layer": 2,
                      "title": " ".join(w for w in ("quantity", "about" if x["approx"] else "", amount(x),
                                                     x["counted"] or "") if w)})
    for x in quotes:
        who = x["speaker_text"] or ("unnamed source" if x["unnamed_source"] else "speaker unknown")
        marks.append({"start": x["start"], "end": x["end"], "class": "quote" + ("" if x["direct"] else " reported"),
                      "layer": 1, "title": f"{'quote' if x['direct'] else 'reported speech'} · {who}"})
    for c in citations:
        marks.append({"start": c["start"], "end": c["end"], "class": "citation", "layer": 1,
                      "title": "citation" + (f" · {c['title']}" if c["title"] else "")})
    return marks
