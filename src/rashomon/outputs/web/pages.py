"""The data behind each page of the web app and the report, read straight from the store.

A `Pages` object answers one page at a time with indexed queries, so a page costs the same on a
store of ten documents or ten thousand; the few corpus-wide facts a page needs (which keys make
an entity, which claims a finding holds, the full-text index) are gathered once when it opens.
The store is only read: the full-text index lives in an in-memory database attached beside it.
Every method returns plain dicts for the templates, or None when the id is unknown.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from rashomon.corpus.compare import KIND_ORDER
from rashomon.outputs.export import amount, value_text
from rashomon.store import Store

PAGE_SIZE = {"sources": 100, "findings": 25, "search": 20, "timeline": 20, "entity_docs": 100}
# how the comparison's finding kinds count for the claims of one document
CLAIM_BUCKET = {"agreement": "corroborated", "compatible": "corroborated", "conflict": "contradicted",
                "self_contradiction": "contradicted", "uncorroborated": "alone"}
PLACE_TYPES = ("GPE", "LOC", "FAC")
MAP_PLACES = 500  # the most named located places drawn on the map
COUNTED = ("mention", "timex", "quantity", "quote", "citation", "event")
WIKIDATA = re.compile(r"Q[1-9][0-9]*")
# where a finding's compared value is written, by the finding's attribute (else: a name)
VALUE_TABLE = {"date": "timex", "time": "timex", "duration": "timex", "quantity": "quantity"}
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


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


def _where(*filters: tuple[str, str | None]) -> tuple[str, list[str]]:
    """A WHERE clause of the filters whose value is given (each a condition with one `?`), and
    its parameters: the URL's filters, any of which may be absent."""
    given = [(condition, value) for condition, value in filters if value]
    clause = ("WHERE " + " AND ".join(c for c, _ in given)) if given else ""
    return clause, [v for _, v in given]


def _paging(page: int, size: int, total: int) -> Paging:
    pages = max(1, -(-total // size))
    return Paging(min(max(1, page), pages), size, total)


def _marks(seq: str, n: int) -> str:
    return ", ".join(seq for _ in range(n))


def kb_url(kb_id: str | None) -> str | None:
    """The Wikidata page of a knowledge-base id when it is a Q-id, else None."""
    return f"https://www.wikidata.org/wiki/{kb_id}" if kb_id and WIKIDATA.fullmatch(kb_id) else None


def fts_query(text: str) -> str | None:
    """A user's words as an FTS5 query that cannot be a syntax error: each word quoted, all required."""
    words = re.findall(r"\w+", text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words) or None


class Pages:
    """Page data for one store; close it when done."""

    def __init__(self, store: Store, search: bool = True):
        self.store = store
        # a connection of its own, read-only, to hold the in-memory lookups beside the store
        self.db = sqlite3.connect(f"file:{quote(str(store.path.resolve()))}?mode=ro", uri=True,
                                  check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.entity_keys: dict[str, list[str]] = defaultdict(list)
        self.entity_of: dict[str, str] = {}
        for key, entity in self.db.execute("SELECT key, entity FROM entity_key"):
            self.entity_keys[entity].append(key)
            self.entity_of[key] = entity
        self.claims_by_doc: dict[str, Counter] = defaultdict(Counter)
        self.findings_of_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
        finding_docs = []
        for fid, kind, claims in self.db.execute("SELECT id, kind, claims FROM finding"):
            for claim in json.loads(claims):
                self.claims_by_doc[claim["doc"]][CLAIM_BUCKET.get(kind, kind)] += 1
                finding_docs.append((fid, claim["doc"]))
                if claim.get("event"):
                    self.findings_of_event[claim["event"]].append((fid, kind))
        self._build_lookups(finding_docs)
        self.counts = store.counts()
        self.searchable = search and self._build_search()

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------ corpus-wide

    def _build_lookups(self, finding_docs: list[tuple[str, str]]) -> None:
        """Tables the store lacks indexes for, kept in an attached in-memory database (the store
        itself is never written): documents without their text and with their counts, which
        documents name each entity, which events involve it, which findings cite each document."""
        db = self.db
        db.execute("ATTACH DATABASE ':memory:' AS aux")
        counts = ", ".join(f"coalesce((SELECT count(*) FROM main.{t} x WHERE x.doc = d.id), 0) AS {t}"
                           for t in COUNTED)
        db.execute(f"CREATE TABLE aux.doc AS SELECT id, file, url, title, publisher, author, published, perspective, "
                   f"words, {counts} FROM main.document d")
        for column in ("id", "file, id", "perspective, file", "publisher, file", "published, file"):
            db.execute(f"CREATE INDEX aux.doc_{column.split(',')[0]} ON doc ({column})")
        db.execute("CREATE TABLE aux.key_entity (key TEXT PRIMARY KEY, entity TEXT)")
        db.executemany("INSERT INTO aux.key_entity VALUES (?, ?)", self.entity_of.items())
        db.execute("CREATE TABLE aux.doc_entity AS SELECT coalesce(k.entity, m.key) AS entity, m.doc AS doc, "
                   "count(*) AS n FROM main.mention m LEFT JOIN aux.key_entity k ON k.key = m.key GROUP BY 1, 2")
        db.execute("CREATE INDEX aux.doc_entity_entity ON doc_entity (entity, doc)")
        db.execute("CREATE INDEX aux.doc_entity_doc ON doc_entity (doc)")
        db.execute("CREATE TABLE aux.alias AS SELECT coalesce(k.entity, m.key) AS entity, m.text AS text, "
                   "count(*) AS n FROM main.mention m LEFT JOIN aux.key_entity k ON k.key = m.key GROUP BY 1, 2")
        db.execute("CREATE INDEX aux.alias_entity ON alias (entity, n)")
        db.execute("CREATE TABLE aux.label_entity AS SELECT coalesce(k.entity, l.entity_key) AS entity, l.doc AS doc, "
                   "l.text AS text FROM main.label l LEFT JOIN aux.key_entity k ON k.key = l.entity_key")
        db.execute("CREATE INDEX aux.label_entity_entity ON label_entity (entity, doc)")
        db.execute("CREATE TABLE aux.speaker AS SELECT coalesce(k.entity, q.speaker_key) AS entity, q.doc AS doc, "
                   "q.n AS n FROM main.quote q LEFT JOIN aux.key_entity k ON k.key = q.speaker_key "
                   "WHERE q.speaker_key IS NOT NULL")
        db.execute("CREATE INDEX aux.speaker_entity ON speaker (entity, doc, n)")
        db.execute("CREATE TABLE aux.event_entity (entity TEXT, doc TEXT, n INTEGER, role TEXT)")
        rows = []
        for doc, n, actor, target, name, places in db.execute(
                "SELECT doc, n, actor_key, target_key, name_key, place_keys FROM main.event"):
            for role, key in (("actor", actor), ("target", target), ("name", name)):
                if key:
                    rows.append((self.entity_of.get(key, key), doc, n, role))
            rows += [(self.entity_of.get(k, k), doc, n, "place") for k in json.loads(places)]
        db.executemany("INSERT INTO aux.event_entity VALUES (?, ?, ?, ?)", rows)
        db.execute("CREATE INDEX aux.event_entity_entity ON event_entity (entity, doc, n)")
        db.execute("CREATE INDEX aux.event_entity_role ON event_entity (entity, role, doc, n)")
        db.execute("CREATE TABLE aux.finding_doc (finding TEXT, doc TEXT)")
        db.executemany("INSERT INTO aux.finding_doc VALUES (?, ?)", finding_docs)
        db.execute("CREATE INDEX aux.finding_doc_doc ON finding_doc (doc, finding)")

    def _build_search(self) -> bool:
        """Index every document for full-text search, beside the other lookups in memory."""
        try:
            self.db.execute("CREATE VIRTUAL TABLE aux.doc_fts USING fts5(id UNINDEXED, title, text, "
                            "tokenize='unicode61 remove_diacritics 2')")
        except sqlite3.OperationalError as e:  # an SQLite built without FTS5: search says so instead of failing
            self.search_error = f"full-text search is unavailable: {e}"
            return False
        self.db.execute("INSERT INTO aux.doc_fts (id, title, text) SELECT id, coalesce(title, ''), text FROM document")
        return True

    def entity_name(self, key: str | None) -> dict | None:
        """The entity a mention key belongs to, as {id, name, type}; None for no key."""
        if not key:
            return None
        eid = self.entity_of.get(key, key)
        row = self.db.execute("SELECT id, name, type FROM entity WHERE id=?", (eid,)).fetchone()
        return dict(row) if row else {"id": None, "name": key, "type": ""}

    def summary(self) -> dict:
        """Counts shown in every page's header (counted once: the store is only read)."""
        return self.counts

    def perspectives(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT perspective FROM aux.doc WHERE perspective IS NOT NULL ORDER BY 1")]

    def documents_by_id(self, ids: list[str]) -> dict[str, dict]:
        if not ids:
            return {}
        rows = self.db.execute(f"SELECT id, file, title, publisher, author, published, perspective FROM aux.doc "
                               f"WHERE id IN ({_marks('?', len(ids))})", ids)
        return {r["id"]: dict(r) for r in rows}

    # ------------------------------------------------------------ sources

    def sources(self, perspective: str | None = None, publisher: str | None = None, page: int = 1,
                everything: bool = False) -> dict:
        """Every document with its metadata, counts and how its claims fared in the comparison."""
        clause, params = _where(("perspective = ?", perspective), ("publisher = ?", publisher))
        total = self.db.execute(f"SELECT count(*) FROM aux.doc {clause}", params).fetchone()[0]
        paging = _paging(page, total or 1, total) if everything else _paging(page, PAGE_SIZE["sources"], total)
        rows = [dict(r) for r in self.db.execute(
            f"SELECT * FROM aux.doc {clause} ORDER BY file, id LIMIT ? OFFSET ?",
            [*params, paging.size, paging.offset])]
        for r in rows:
            r["counts"] = {t: r[t] for t in COUNTED}
            r["claims"] = self.claims_by_doc.get(r["id"], Counter())
        return {"documents": rows, "paging": paging, "perspectives": self.perspectives(),
                "filters": {"perspective": perspective, "publisher": publisher},
                "skipped": [dict(r) for r in self.db.execute("SELECT * FROM skip ORDER BY path, code")]}

    # ------------------------------------------------------------ one document

    def document(self, doc_id: str, highlight: tuple[int, int] | None = None) -> dict | None:
        """One document's text with every span the stages found, ready for `highlight.render`."""
        row = self.db.execute("SELECT * FROM document WHERE id=?", (doc_id,)).fetchone()
        doc = dict(row) if row else None
        if doc is None:
            return None
        q = "SELECT * FROM {} WHERE doc=? ORDER BY n"
        segments = [dict(r) for r in self.db.execute(q.format("segment"), (doc_id,))]
        marks: list[dict] = []
        names: dict[str, dict] = {}
        for m in self.db.execute(q.format("mention"), (doc_id,)):
            ent = names.setdefault(m["key"], self.entity_name(m["key"]) or {})
            marks.append({"start": m["start"], "end": m["end"], "class": f"ent {m['type']}", "layer": 2,
                          "title": f"{ent.get('name') or m['text']} ({m['type']})",
                          "entity": ent.get("id")})
        for lb in self.db.execute(q.format("label"), (doc_id,)):
            ent = self.entity_name(lb["entity_key"]) or {}
            marks.append({"start": lb["start"], "end": lb["end"], "class": "label", "layer": 2,
                          "title": f"label for {ent.get('name')}", "entity": ent.get("id")})
        timexes = [dict(t) for t in self.db.execute(q.format("timex"), (doc_id,))]
        for t in timexes:
            when = t["value"] or "unresolved"
            if t["earliest"] and t["latest"] and t["earliest"] != t["latest"]:
                when += f" ({t['earliest']} – {t['latest']})"
            marks.append({"start": t["start"], "end": t["end"], "class": "timex", "layer": 2,
                          "title": f"{t['type']} {when}"})
        quantities = [dict(r) for r in self.db.execute(q.format("quantity"), (doc_id,))]
        for x in quantities:
            marks.append({"start": x["start"], "end": x["end"], "class": "quantity", "layer": 2,
                          "title": " ".join(w for w in ("quantity", "about" if x["approx"] else "", amount(x),
                                                         x["counted"] or "") if w)})
        quotes = [dict(r) for r in self.db.execute(q.format("quote"), (doc_id,))]
        for x in quotes:
            who = x["speaker_text"] or ("unnamed source" if x["unnamed_source"] else "speaker unknown")
            marks.append({"start": x["start"], "end": x["end"], "class": "quote" + ("" if x["direct"] else " reported"),
                          "layer": 1, "title": f"{'quote' if x['direct'] else 'reported speech'} · {who}"})
        citations = [dict(r) for r in self.db.execute(q.format("citation"), (doc_id,))]
        for c in citations:
            marks.append({"start": c["start"], "end": c["end"], "class": "citation", "layer": 1,
                          "title": "citation" + (f" · {c['title']}" if c["title"] else "")})
        if highlight and 0 <= highlight[0] < highlight[1] <= len(doc["text"]):
            marks.append({"start": highlight[0], "end": highlight[1], "class": "evidence", "layer": 0.5,
                          "title": "evidence", "id": "evidence"})
        events = []
        for ev in self.db.execute(q.format("event"), (doc_id,)):
            eid = f"{doc_id}:event:{ev['n']}"
            events.append(dict(ev) | {"id": eid, "findings": self.findings_of_event.get(eid, [])})
        entities = sorted((e for e in names.values() if e.get("id")), key=lambda e: e["name"])
        return {"doc": doc, "segments": segments, "marks": marks, "timexes": timexes, "quantities": quantities,
                "quotes": quotes, "citations": citations, "events": events, "entities": entities,
                "claims": self.claims_by_doc.get(doc_id, Counter())}

    # ------------------------------------------------------------ one entity

    def entity(self, entity_id: str) -> dict | None:
        """How each source names one entity and labels it, and what it takes part in."""
        row = self.db.execute("SELECT * FROM entity WHERE id=?", (entity_id,)).fetchone()
        if row is None:
            return None
        keys = self.entity_keys.get(entity_id) or [entity_id]
        kin = _marks("?", len(keys))
        n_docs = self.db.execute("SELECT count(*) FROM aux.doc_entity WHERE entity=?", (entity_id,)).fetchone()[0]
        shown = [d for (d,) in self.db.execute("SELECT doc FROM aux.doc_entity WHERE entity=? ORDER BY doc LIMIT ?",
                                               (entity_id, PAGE_SIZE["entity_docs"]))]
        aliases: dict[str, Counter] = defaultdict(Counter)
        labels: dict[str, Counter] = defaultdict(Counter)
        if shown:
            din = _marks("?", len(shown))
            # `+key`: look the shown documents up by their primary key, not every mention of the key
            for doc, text, n in self.db.execute(f"SELECT doc, text, count(*) FROM mention WHERE doc IN ({din}) "
                                                f"AND +key IN ({kin}) GROUP BY doc, text", [*shown, *keys]):
                aliases[doc][text] += n
            for doc, text in self.db.execute(f"SELECT doc, text FROM aux.label_entity WHERE entity = ? "
                                             f"AND doc IN ({din})", [entity_id, *shown]):
                labels[doc][text] += 1
        meta = self.documents_by_id(shown)
        by_source = [{"doc": meta[d], "aliases": aliases[d].most_common(), "labels": labels[d].most_common()}
                     for d in shown if d in meta]
        totals = self.db.execute("SELECT text, n FROM aux.alias WHERE entity = ? ORDER BY n DESC, text LIMIT 50",
                                 (entity_id,)).fetchall()
        label_totals = self.db.execute("SELECT text, count(*) AS n FROM aux.label_entity WHERE entity = ? "
                                       "GROUP BY text ORDER BY n DESC, text LIMIT 50", (entity_id,)).fetchall()
        events = [dict(ev) | {"id": f"{ev['doc']}:event:{ev['n']}"} for ev in self.db.execute(
            "SELECT e.* FROM aux.event_entity x JOIN main.event e ON e.doc = x.doc AND e.n = x.n "
            "WHERE x.entity = ? GROUP BY x.doc, x.n ORDER BY x.doc, x.n LIMIT 200", (entity_id,))]
        quotes = [dict(r) for r in self.db.execute(
            "SELECT q.* FROM aux.speaker x JOIN main.quote q ON q.doc = x.doc AND q.n = x.n WHERE x.entity = ? "
            "ORDER BY x.doc, x.n LIMIT 100", (entity_id,))]
        findings = self.db.execute("SELECT count(*) FROM finding WHERE entity=?", (entity_id,)).fetchone()[0]
        return {"entity": dict(row), "kb_url": kb_url(row["kb_id"]), "by_source": by_source,
                "sources": n_docs, "aliases": [tuple(r) for r in totals], "labels": [tuple(r) for r in label_totals],
                "events": events, "quotes": quotes, "findings": findings,
                "docs": self.documents_by_id(sorted({e["doc"] for e in events} | {q["doc"] for q in quotes}))}

    def entities(self) -> list[dict]:
        """Every entity (for the report), with how many documents name it."""
        return [dict(r) for r in self.db.execute(
            "SELECT e.*, (SELECT count(*) FROM aux.doc_entity x WHERE x.entity = e.id) AS documents "
            "FROM entity e ORDER BY name")]

    # ------------------------------------------------------------ findings

    def findings(self, kind: str | None = None, entity: str | None = None, source: str | None = None,
                 page: int = 1, everything: bool = False) -> dict:
        """Findings, conflicts first, each claim with its sentence and the compared value marked."""
        clause, params = _where(("kind = ?", kind), ("entity = ?", entity),
                                ("id IN (SELECT finding FROM aux.finding_doc WHERE doc = ?)", source))
        total = self.db.execute(f"SELECT count(*) FROM finding {clause}", params).fetchone()[0]
        paging = _paging(1, total or 1, total) if everything else _paging(page, PAGE_SIZE["findings"], total)
        order = "CASE kind " + " ".join(f"WHEN '{k}' THEN {i}" for i, k in enumerate(KIND_ORDER)) + " ELSE 9 END"
        rows = [dict(r) for r in self.db.execute(
            f"SELECT * FROM finding {clause} ORDER BY {order}, n LIMIT ? OFFSET ?",
            [*params, paging.size, paging.offset])]
        docs = self.documents_by_id(sorted({c["doc"] for r in rows for c in json.loads(r["claims"])}))
        for r in rows:
            r["claims"] = [self._claim(c, r["attribute"], docs) for c in json.loads(r["claims"])]
            r["entity_row"] = self.entity_name(r["entity"]) if r["entity"] else None
        kinds = [k for (k,) in self.db.execute("SELECT DISTINCT kind FROM finding ORDER BY kind")]
        return {"findings": rows, "paging": paging, "kinds": kinds,
                "filters": {"kind": kind, "entity": entity, "source": source},
                "entity_row": self.entity_name(entity) if entity else None, "source_doc": docs.get(source)
                or self.documents_by_id([source]).get(source) if source else None}

    def _claim(self, claim: dict, attribute: str, docs: dict[str, dict]) -> dict:
        """A claim with the sentence around its evidence, cut into plain and marked pieces."""
        text = self.db.execute("SELECT substr(text, ?, ?) FROM document WHERE id=?",
                               (max(0, claim["start"] - 400) + 1, claim["end"] - claim["start"] + 800,
                                claim["doc"])).fetchone()
        base = max(0, claim["start"] - 400)
        window = text[0] if text else claim["text"]
        s, e = claim["start"] - base, claim["end"] - base
        left = max(window.rfind(". ", 0, s) + 2 if window.rfind(". ", 0, s) >= 0 else 0, window.rfind("\n", 0, s) + 1)
        right_candidates = [i for i in (window.find(". ", e), window.find("\n", e)) if i >= 0]
        right = min(right_candidates) + 1 if right_candidates else len(window)
        value_spans = self._value_spans(claim, attribute)
        pieces, cursor = [], left
        for vs, ve in value_spans:
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
            marks = ",".join("?" * len(claim["value"]))
            names = dict(self.db.execute(f"SELECT id, name FROM entity WHERE id IN ({marks})", claim["value"]))
        return claim | {"document": docs.get(claim["doc"]), "pieces": pieces,
                        "value_text": value_text(claim["value"], names)}

    def _value_spans(self, claim: dict, attribute: str) -> list[tuple[int, int]]:
        """Where the compared value is written inside a claim's evidence (a date, an amount, a name):
        the spans that hold exactly the claim's value, else every span of that kind."""
        table = VALUE_TABLE.get(attribute, "mention")
        columns = {"timex": "value, earliest", "quantity": "value, low, high", "mention": "key"}[table]
        rows = self.db.execute(f'SELECT start, "end", {columns} FROM {table} WHERE doc=? AND start >= ? '
                               f'AND "end" <= ? ORDER BY start',
                               (claim["doc"], claim["start"], claim["end"])).fetchall()
        value = claim["value"]
        if table == "timex":
            same = [r for r in rows if value in (r["value"], r["earliest"])]
        elif table == "quantity":
            same = [r for r in rows if value == r["value"] or value == [r["low"], r["high"]]]
        else:
            keys = set(self.entity_keys.get(value, [value])) if isinstance(value, str) else set()
            same = [r for r in rows if r["key"] in keys]
        return [(r["start"], r["end"]) for r in same or rows]

    # ------------------------------------------------------------ timeline

    def timeline(self, sources: list[str] | None = None, page: int = 1, everything: bool = False) -> dict:
        """Lanes of dated items, one lane per source: events on their resolved date, else the
        resolved dates (timexes) themselves; an item is a span from earliest to latest."""
        if sources:
            lanes = [d for d in (self.documents_by_id(sources).get(s) for s in sources) if d]
            paging = _paging(1, max(1, len(lanes)), len(lanes))
        else:
            total = self.db.execute("SELECT count(*) FROM aux.doc").fetchone()[0]
            paging = _paging(page, total or 1, total) if everything else _paging(page, PAGE_SIZE["timeline"], total)
            lanes = [dict(r) for r in self.db.execute(
                "SELECT id, file, title, publisher, author, published, perspective FROM aux.doc "
                "ORDER BY published IS NULL, published, file LIMIT ? OFFSET ?", (paging.size, paging.offset))]
        ids = [d["id"] for d in lanes]
        items = []
        if ids:
            kin = _marks("?", len(ids))
            timexes = {(t["doc"], t["n"]): dict(t) for t in self.db.execute(
                f"SELECT * FROM timex WHERE doc IN ({kin}) AND earliest IS NOT NULL", ids)}
            used = set()
            for ev in self.db.execute(f"SELECT * FROM event WHERE doc IN ({kin}) ORDER BY doc, n", ids):
                t = timexes.get((ev["doc"], ev["time"])) if ev["time"] is not None else None
                earliest = t["earliest"] if t else ev["date"]
                latest = (t["latest"] if t else None) or earliest
                if not earliest:
                    continue
                if t:
                    used.add((ev["doc"], ev["n"]))
                eid = f"{ev['doc']}:event:{ev['n']}"
                found = self.findings_of_event.get(eid, [])
                items.append({"lane": ev["doc"], "kind": "event", "type": ev["type"], "text": ev["text"],
                              "start": earliest, "end": latest, "href_start": ev["start"], "href_end": ev["end"],
                              "conflict": any(k in ("conflict", "self_contradiction") for _, k in found),
                              "findings": [f for f, _ in found]})
            for (doc, _n), t in sorted(timexes.items()):
                if t["context"] in ("citation",) or (doc, _n) in used:
                    continue
                items.append({"lane": doc, "kind": "date", "type": t["type"], "text": t["text"],
                              "start": t["earliest"], "end": t["latest"] or t["earliest"],
                              "href_start": t["start"], "href_end": t["end"], "conflict": False, "findings": []})
        return {"lanes": lanes, "entries": items, "paging": paging, "filters": {"source": sources or []}}

    # ------------------------------------------------------------ map

    def places(self, source: str | None = None) -> dict:
        """Resolved places with the documents and events that name them; unresolved places beside."""
        only, params = ("AND x.doc = ?", [source]) if source else ("", [])
        places = [dict(r) | {"docs": [], "events": []} for r in self.db.execute(
            "SELECT e.id, e.name, e.type, e.lat, e.lon, e.place_kind, e.kb_id, e.radius_km, count(*) AS sources, "
            "sum(x.n) AS mentions FROM entity e JOIN aux.doc_entity x ON x.entity = e.id "
            f"WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL {only} GROUP BY e.id "
            "ORDER BY sources DESC, e.name LIMIT ?", [*params, MAP_PLACES])]
        for p in places:
            p["docs"] = [d for (d,) in self.db.execute(
                f"SELECT doc FROM aux.doc_entity x WHERE entity = ? {only} ORDER BY doc LIMIT 20", [p["id"], *params])]
            p["events"] = [dict(r) for r in self.db.execute(
                'SELECT e.doc, e.type, substr(e.text, 1, 200) AS text, e.start, e."end" FROM aux.event_entity x '
                "JOIN main.event e ON e.doc = x.doc AND e.n = x.n "
                f"WHERE x.entity = ? AND x.role = 'place' {only} ORDER BY x.doc, x.n LIMIT 20", [p["id"], *params])]
        docs = self.documents_by_id(sorted({d for p in places for d in p["docs"]}))
        for p in places:
            p["docs"] = [{"id": d, "title": docs[d]["title"] or docs[d]["file"], "perspective": docs[d]["perspective"]}
                         for d in p["docs"] if d in docs]
        unresolved = [dict(r) for r in self.db.execute(
            f"SELECT id, name, type FROM entity WHERE type IN ({_marks('?', len(PLACE_TYPES))}) "
            f"AND (lat IS NULL OR lon IS NULL) ORDER BY name", PLACE_TYPES)]
        if source:
            named = {e for (e,) in self.db.execute("SELECT entity FROM aux.doc_entity WHERE doc=?", (source,))}
            unresolved = [u for u in unresolved if u["id"] in named]
        return {"places": places,
                "unresolved": unresolved, "filters": {"source": source},
                "source_doc": self.documents_by_id([source]).get(source) if source else None}

    # ------------------------------------------------------------ search

    def search(self, query: str | None, source: str | None = None, page: int = 1) -> dict:
        """Documents matching every word of `query`, best first, with the matching passage."""
        result = {"query": query or "", "results": [], "paging": _paging(1, 1, 0), "error": None,
                  "filters": {"q": query, "source": source}}
        match = fts_query(query or "")
        if match is None:
            return result
        if not self.searchable:
            return result | {"error": getattr(self, "search_error", "full-text search is unavailable")}
        extra, params = ("AND id = ?", [match, source]) if source else ("", [match])
        total = self.db.execute(f"SELECT count(*) FROM aux.doc_fts WHERE doc_fts MATCH ? {extra}", params).fetchone()[0]
        paging = _paging(page, PAGE_SIZE["search"], total)
        rows = self.db.execute(
            f"SELECT id, snippet(doc_fts, 2, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', ' … ', 24) AS snip "
            f"FROM aux.doc_fts WHERE doc_fts MATCH ? {extra} ORDER BY rank LIMIT ? OFFSET ?",
            [*params, paging.size, paging.offset]).fetchall()
        docs = self.documents_by_id([r["id"] for r in rows])
        results = []
        for r in rows:
            pieces = []
            for i, part in enumerate(re.split(f"[{SNIPPET_OPEN}{SNIPPET_CLOSE}]", r["snip"])):
                if part:
                    pieces.append({"text": part, "hit": i % 2 == 1})
            results.append({"doc": docs[r["id"]], "pieces": pieces})
        return result | {"results": results, "paging": paging}
