"""The data behind each page of the web app and the report, read from the store's readers.

A `Pages` object answers one page at a time with indexed queries (`store.browse`), so a page
costs about the same on a store of ten documents or ten thousand. What a page needs from the whole
corpus (the findings and which claims they hold, how widely each entity is named and in which
words, the map, the entity list) is gathered once and kept while the store's corpus-wide tables
stay as they are (`Store.corpus_version`: until an `analyze` resolves and compares again); what
depends on the documents alone (the header's counts, the order of the sources by date) is kept
until any change (`Store.version`). Pages are read inside `reading()`, one at a time, from one
snapshot of the store, so what a page shows agrees with itself even while an `analyze` writes, and
the next page shows what it has written since; the store is only read.
Every method returns plain dicts for the templates, or None when the id is unknown.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rashomon.corpus.compare import KIND_ORDER
from rashomon.outputs.export import amount, value_text
from rashomon.outputs.quoting import excerpt
from rashomon.outputs.web.listing import ENTITY_KINDS, entity_rows, paging, plain
from rashomon.records import Finding
from rashomon.store import Store
from rashomon.store.browse import PLACE_TYPES, Reach

__all__ = ["PLACE_TYPES", "Pages", "amount", "kb_url"]

# where a date is no part of the story: page chrome, a byline or dateline, a broadcast schedule, the
# title of a cited work ("Arising and the End (1965-2005)")
ASIDE_CONTEXTS = ("boilerplate", "byline", "schedule", "title")
PAGE_SIZE = {"sources": 100, "findings": 25, "timeline": 20, "entity_docs": 100, "entities": 100}
# how the comparison's finding kinds count for the claims of one document
CLAIM_BUCKET = {"agreement": "corroborated", "compatible": "corroborated", "conflict": "contradicted",
                "self_contradiction": "contradicted", "uncorroborated": "alone"}
CONFLICTS = ("conflict", "self_contradiction")
MAP_PLACES = 500  # the most named located places drawn on the map
ENTITY_PAGES = 256  # entity pages kept between changes to the corpus
EVIDENCE_CHARS = 600  # the most of a claim's sentence a finding shows
WIKIDATA = re.compile(r"Q[1-9][0-9]*")
# where a finding's compared value is written, by the finding's attribute (else: a name)
VALUE_TABLE = {"date": "timex", "time": "timex", "duration": "timex", "quantity": "quantity"}
NO_REACH = Reach(0, 0)
SORTS = ("kind", "weight")  # findings: conflicts first (compare's ranking), or the most sources first


def kb_url(kb_id: str | None) -> str | None:
    """The Wikidata page of a knowledge-base id when it is a Q-id, else None."""
    return f"https://www.wikidata.org/wiki/{kb_id}" if kb_id and WIKIDATA.fullmatch(kb_id) else None


@dataclass
class FindingFacts:
    """The findings in their ranking, and what pages look up in them."""

    ranked: list[Finding] = field(default_factory=list)
    claims_by_doc: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    of_event: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    about: Counter = field(default_factory=Counter)  # findings per entity they are about


def weight(f: Finding) -> int:
    """How many sources stand behind a finding's claims."""
    return len({c.doc for c in f.claims})


class Pages:
    """Page data for one store, one page at a time (`reading`); the store is the caller's to close."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.RLock()
        self._seen: tuple | None = None
        self._corpus_seen: tuple | None = None
        self._facts: dict[str, object] = {}  # kept until the store changes
        self._corpus: dict[str, object] = {}  # kept until the corpus-wide tables change

    @contextmanager
    def reading(self) -> Iterator[Pages]:
        """Answer pages from one snapshot of the store, one page at a time (the report: all of
        them). What was gathered before the store changed is gathered again."""
        with self._lock, self.store.snapshot():
            now = self.store.version()
            if now != self._seen:
                self._facts, self._seen = {}, now
                corpus = self.store.corpus_version()
                if corpus != self._corpus_seen:
                    self._corpus, self._corpus_seen = {}, corpus
            yield self

    def fact(self, name: str, compute: Callable[[], object], corpus: bool = True):
        """A fact gathered once per state of the store (`corpus`: of its corpus-wide tables)."""
        kept = self._corpus if corpus else self._facts
        if name not in kept:
            kept[name] = compute()
        return kept[name]

    def warm(self) -> None:
        """Gather the corpus-wide facts now, so that no visitor waits for them."""
        with self.reading():
            self.finding_facts(), self.reach(), self.names_of(), self.labels_of(), self.entities()

    # ------------------------------------------------------------ corpus-wide

    def finding_facts(self) -> FindingFacts:
        def gather() -> FindingFacts:
            facts = FindingFacts()
            rank = {k: i for i, k in enumerate(KIND_ORDER)}
            for f in self.store.findings():
                facts.ranked.append(f)
                if f.entity:
                    facts.about[f.entity] += 1
                for claim in f.claims:
                    facts.claims_by_doc[claim.doc][CLAIM_BUCKET.get(f.kind, f.kind)] += 1
                    if claim.event:
                        facts.of_event[claim.event].append((f.id, f.kind))
            facts.ranked.sort(key=lambda f: rank.get(f.kind, 9))  # stable: compare's order within a kind
            return facts
        return self.fact("findings", gather)

    def reach(self) -> dict[str, Reach]:
        return self.fact("reach", self.store.reach)

    def names_of(self) -> dict[str, list[tuple[str, int]]]:
        """For every entity, the names the sources use for it, most used first."""
        return self.fact("names", self.store.words_for_entities)

    def labels_of(self) -> dict[str, list[tuple[str, int]]]:
        return self.fact("labels", lambda: self.store.words_for_entities(labels=True))

    def entity_row(self, entity_id: str | None) -> dict | None:
        """An entity as {id, name, type}; a key that is no entity keeps its key as its name."""
        if not entity_id:
            return None
        e = self.store.entity(entity_id)
        return {"id": e.id, "name": e.name, "type": e.type} if e else {"id": None, "name": entity_id, "type": ""}

    def summary(self) -> dict:
        """Counts shown in every page's header."""
        return self.fact("counts", self.store.counts, corpus=False)

    def perspectives(self) -> list[str]:
        return self.fact("perspectives", self.store.perspectives, corpus=False)

    def documents_by_id(self, ids: list[str], counts: bool = False) -> dict[str, dict]:
        return {d: plain(line) for d, line in self.store.documents_by_id(list(ids), counts).items()}

    # ------------------------------------------------------------ sources

    def sources(self, perspective: str | None = None, publisher: str | None = None, page: int = 1,
                everything: bool = False) -> dict:
        """Every document with its metadata, counts and how its claims fared in the comparison."""
        total = self.store.document_count(perspective, publisher)
        shown = paging(page, total or 1, total) if everything else paging(page, PAGE_SIZE["sources"], total)
        claims = self.finding_facts().claims_by_doc
        rows = [plain(line) | {"claims": claims.get(line.id, Counter())}
                for line in self.store.document_lines(perspective, publisher, shown.size, shown.offset, counts=True)]
        return {"documents": rows, "paging": shown, "perspectives": self.perspectives(),
                "filters": {"perspective": perspective, "publisher": publisher},
                "skipped": self.fact("skips", lambda: [plain(s) for s in self.store.skips()], corpus=False)}

    # ------------------------------------------------------------ one document

    def document(self, doc_id: str, highlight: tuple[int, int] | None = None) -> dict | None:
        """One document's text with every span the stages found, ready for `highlight.render`."""
        stored = self.store.stored_document(doc_id)
        if stored is None:
            return None
        doc = {"id": stored.id} | plain(stored.source) | {"words": stored.words}
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
        of_event = self.finding_facts().of_event
        events = [_row(ev) | {"id": ev.id, "findings": of_event.get(ev.id, [])} for ev in store.events(doc_id)]
        entities = sorted((e for e in names.values() if e.get("id")), key=lambda e: e["name"])
        return {"doc": doc, "segments": [_row(s) for s in store.segments(doc_id)], "marks": marks,
                "timexes": timexes, "quantities": quantities, "quotes": quotes, "citations": citations,
                "events": events, "entities": entities,
                "claims": self.finding_facts().claims_by_doc.get(doc_id, Counter())}

    # ------------------------------------------------------------ entities

    def entity(self, entity_id: str) -> dict | None:
        """How each source names one entity and labels it, and what it takes part in (in the
        first PAGE_SIZE["entity_docs"] sources that name it)."""
        kept = self.fact("entity pages", dict)
        if entity_id not in kept:
            if len(kept) >= ENTITY_PAGES:
                kept.pop(next(iter(kept)))
            kept[entity_id] = self._entity(entity_id)
        return kept[entity_id]

    def _entity(self, entity_id: str) -> dict | None:
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
        events = [ev | {"id": f"{ev['doc']}:event:{ev['n']}"} for ev in store.entity_events(entity_id, 200, docs=shown)]
        quotes = store.entity_quotes(entity_id, 100, docs=shown)
        meta = self.documents_by_id(sorted({*shown, *(e["doc"] for e in events), *(q["doc"] for q in quotes)}))
        by_source = [{"doc": meta[d], "aliases": aliases[d].most_common(), "labels": labels[d].most_common()}
                     for d in shown if d in meta]
        row = {k: v for k, v in plain(found).items() if k != "aliases"}
        return {"entity": row, "kb_url": kb_url(found.kb_id), "by_source": by_source,
                "sources": self.reach().get(entity_id, NO_REACH).documents,
                "aliases": self.names_of().get(entity_id, [])[:50], "labels": self.labels_of().get(entity_id, [])[:50],
                "events": events, "quotes": quotes, "findings": self.finding_facts().about.get(entity_id, 0),
                "docs": meta}

    def entities(self) -> list[dict]:
        """Every entity with how many documents name it and how many findings are about it, the
        most named first."""
        return self.fact("entities", lambda: entity_rows(self.store.entities(), self.reach(),
                                                          self.finding_facts().about))

    def entity_list(self, kind: str | None = None, name: str | None = None, page: int = 1) -> dict:
        """One page of the entity list, of one kind (people, places, ...) and with `name` in its
        name when given."""
        rows = self.entities()
        if kind in ENTITY_KINDS:
            rows = [e for e in rows if e["type"] in ENTITY_KINDS[kind]]
        if name:
            wanted = name.casefold()
            rows = [e for e in rows if wanted in e["name"].casefold()]
        shown = paging(page, PAGE_SIZE["entities"], len(rows))
        return {"entities": rows[shown.offset:shown.offset + shown.size], "paging": shown,
                "kinds": list(ENTITY_KINDS), "filters": {"kind": kind if kind in ENTITY_KINDS else None, "name": name}}

    # ------------------------------------------------------------ findings

    def findings(self, kinds: list[str] | None = None, entity: str | None = None, source: str | None = None,
                 event: str | None = None, sort: str = "kind", page: int = 1, everything: bool = False) -> dict:
        """Findings of the given kinds (all when none), about an entity, citing a source or an event,
        conflicts first or the most sources first (`sort`), each claim with its sentence and the
        compared value marked and in words."""
        facts = self.finding_facts()
        chosen = [f for f in facts.ranked if (not kinds or f.kind in kinds) and (not entity or _about(f, entity))
                  and (not source or any(c.doc == source for c in f.claims))
                  and (not event or any(c.event == event for c in f.claims))]
        if sort == "weight":
            chosen.sort(key=lambda f: -weight(f))
        shown = paging(1, len(chosen) or 1, len(chosen)) if everything else paging(page, PAGE_SIZE["findings"],
                                                                                    len(chosen))
        picked = chosen[shown.offset:shown.offset + shown.size]
        docs = self.documents_by_id(sorted({c.doc for f in picked for c in f.claims} | ({source} if source else set())))
        rows = []
        for f in picked:
            claims = [self._claim(plain(c), f.attribute, docs) for c in f.claims]
            rows.append(plain(f) | {"claims": claims, "weight": weight(f), "entity_row": self.entity_row(f.entity)})
        counts = Counter(f.kind for f in facts.ranked)
        present = [k for k in KIND_ORDER if counts[k]]
        shown_kinds = [k for k in present if not kinds or k in kinds]
        hide_alone = [k for k in shown_kinds if k != "uncorroborated"] if "uncorroborated" in shown_kinds else None
        return {"findings": rows, "paging": shown, "kinds": [(k, counts[k]) for k in present],
                "hide_alone": hide_alone,
                "filters": {"kind": list(kinds or []), "entity": entity, "source": source, "event": event,
                            "sort": sort if sort != "kind" else None},
                "entity_row": self.entity_row(entity) if entity else None, "source_doc": docs.get(source),
                "subjects": self._finding_subjects()}

    def _finding_subjects(self) -> list[dict]:
        """The entities findings are about, by name (for the filter), at most 300."""
        def gather() -> list[dict]:
            about = self.finding_facts().about
            names = self.store.entity_names(sorted(about)[:300])
            return sorted(({"id": e, "name": names.get(e, e), "findings": about[e]} for e in names),
                          key=lambda e: e["name"].casefold())
        return self.fact("finding subjects", gather)

    def _claim(self, claim: dict, attribute: str, docs: dict[str, dict]) -> dict:
        """A claim with the sentence around its evidence, cut into plain and marked pieces."""
        base = max(0, claim["start"] - 400)
        limit = claim["end"] + 400
        text = self.store.text(claim["doc"], base, limit)
        if text is None:
            text, base = claim["text"], claim["start"]
        s, e = claim["start"] - base, claim["end"] - base
        cut = excerpt(text, s, e, EVIDENCE_CHARS, whole_start=base == 0, whole_end=len(text) < limit - base)
        pieces, cursor = [], cut.start
        for vs, ve in self._value_spans(claim, attribute):
            vs, ve = vs - base, ve - base
            if vs < cursor or ve > cut.end:
                continue
            pieces.append({"text": text[cursor:vs], "cls": "evidence" if s <= cursor < e else ""})
            pieces.append({"text": text[vs:ve], "cls": "value"})
            cursor = ve
        if not pieces:
            pieces = [{"text": text[cut.start:s], "cls": ""}, {"text": text[s:e], "cls": "evidence"}]
            cursor = e
        pieces.append({"text": text[cursor:cut.end], "cls": ""})
        value = claim["value"]
        ids = value if isinstance(value, list) and all(isinstance(v, str) for v in value) else [value] if (
            isinstance(value, str)) else []
        return claim | {"document": docs.get(claim["doc"]), "pieces": pieces, "cut_before": cut.cut_before,
                        "cut_after": cut.cut_after, "value_text": value_text(value, self.store.entity_names(ids))}

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
            lanes = [found[s] for s in dict.fromkeys(sources) if s in found]
            shown = paging(1, max(1, len(lanes)), len(lanes))
        else:
            order = self.fact("by date", self.store.ids_by_date, corpus=False)
            shown = paging(page, len(order) or 1, len(order)) if everything else paging(
                page, PAGE_SIZE["timeline"], len(order))
            ids = order[shown.offset:shown.offset + shown.size]
            found = self.documents_by_id(ids)
            lanes = [found[d] for d in ids if d in found]
        events, timexes, cited = self.store.dated([d["id"] for d in lanes])
        of_event = self.finding_facts().of_event
        items, used = [], set()
        for e in events:
            earliest = e["earliest"] or e["date"]
            if not earliest:
                continue
            if e["earliest"]:
                used.add((e["doc"], e["time"]))
            found_in = of_event.get(f"{e['doc']}:event:{e['n']}", [])
            items.append({"lane": e["doc"], "kind": "event", "type": e["type"], "text": e["text"], "start": earliest,
                          "end": e["latest"] or earliest, "href_start": e["start"], "href_end": e["end"],
                          "conflict": any(k in CONFLICTS for _, k in found_in), "findings": [f for f, _ in found_in],
                          "aside": False})
        dates = [{"lane": t["doc"], "kind": "date", "type": t["type"], "text": t["text"], "start": t["earliest"],
                  "end": t["latest"] or t["earliest"], "href_start": t["start"], "href_end": t["end"],
                  "conflict": False, "findings": [],
                  "aside": t["context"] in ASIDE_CONTEXTS
                  or any(a <= t["start"] < b for a, b in cited.get(t["doc"], ()))}
                 for t in timexes if t["context"] != "citation" and (t["doc"], t["n"]) not in used]
        return {"lanes": lanes, "entries": items + dates, "paging": shown, "filters": {"source": sources or []}}

    # ------------------------------------------------------------ map

    def places(self, source: str | None = None) -> dict:
        """Resolved places with the documents and events that name them; unresolved places beside."""
        if source is None:
            return self.fact("map", lambda: self._places(None))
        return self._places(source)

    def _places(self, source: str | None) -> dict:
        named = self.store.names_in(source) if source else None
        reach = self.reach()
        places = []
        for e in self.store.entities():
            if e.lat is None or e.lon is None or (named is not None and e.id not in named):
                continue
            seen = reach.get(e.id, NO_REACH) if named is None else Reach(1, named[e.id])
            if seen.mentions:
                places.append({k: getattr(e, k) for k in ("id", "name", "type", "lat", "lon", "place_kind", "kb_id",
                                                          "radius_km")}
                              | {"sources": seen.documents, "mentions": seen.mentions})
        places = sorted(places, key=lambda p: (-p["sources"], p["name"]))[:MAP_PLACES]
        only = [source] if source else None
        for p in places:
            p["docs"] = self.store.entity_documents(p["id"], 20, source)
            p["events"] = [{"doc": e["doc"], "type": e["type"], "text": e["text"], "start": e["start"],
                            "end": e["end"]} for e in self.store.entity_events(p["id"], 20, True, only)]
        docs = self.documents_by_id(sorted({d for p in places for d in p["docs"]} | ({source} if source else set())))
        for p in places:
            p["docs"] = [docs[d] for d in p["docs"] if d in docs]
        return {"places": places, "unresolved": self.store.unlocated(source), "filters": {"source": source},
                "source_doc": docs.get(source) if source else None}


def _about(f: Finding, entity: str) -> bool:
    """Whether a finding is about `entity`, or names it among the values its sources give."""
    return f.entity == entity or any(c.value == entity or (isinstance(c.value, list) and entity in c.value)
                                     for c in f.claims)


def _row(stored) -> dict:
    """A stored record as the templates read it: its fields, its document and place."""
    return {"doc": stored.doc, "n": stored.n} | plain(stored.record)


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

