"""Export: the store as the JSON contract of EXPORT.md (format rashomon/1), and as CSV files.

The JSON is deterministic: the same store gives the same bytes, whatever order documents were
analysed in. Every top-level list is present, empty where a stage has found nothing.
"""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_right
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from rashomon import __version__
from rashomon.corpus.compare import wording
from rashomon.records import Claim, Compared, Event, Source
from rashomon.store import Store
from rashomon.store.reading import Stored, source_id

FORMAT = "rashomon/1"
LISTS = ("documents", "entities", "timexes", "quantities", "citations", "quotes", "events", "labels",
         "framing", "claims", "findings")
# CSV cells that a spreadsheet would run as a formula start with one of these (OWASP)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def amount(q: dict) -> str:
    """A quantity's value for people: 37, 20–30, at least 60, at most 10."""
    def num(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
    if q["value"] is not None:
        return num(q["value"])
    if q["low"] is not None and q["high"] is not None:
        return f"{num(q['low'])}–{num(q['high'])}"
    if q["low"] is not None:
        return f"at least {num(q['low'])}"
    return f"at most {num(q['high'])}" if q["high"] is not None else "?"


def value_text(value: object, names: dict[str, str] | None = None) -> str:
    """A claim's compared value for people: numbers without ".0", [low, high] as an interval,
    entity ids (places, actors) by their names, dates and durations in words."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return ", ".join((names or {}).get(v, v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return amount({"value": value, "low": None, "high": None})
    if isinstance(value, list) and len(value) == 2 and all(v is None or isinstance(v, (int, float)) for v in value):
        return amount({"value": None, "low": value[0], "high": value[1]})
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if re.fullmatch(r"\d{3}[\dX](-\d{2}(-\d{2}(T[\d:A-Z]+)?)?|-W\d{2})?", text):
        return wording.date(text)  # "26 July 1988", "July 1988", "26 July 1988, 14:30"
    if re.fullmatch(r"PT?(\d+(\.\d+)?|X)[YMWDH]", text):
        return wording.duration(text)  # "three days"
    return (names or {}).get(text, text)


def _span(stored: Stored) -> dict:
    r = stored.record
    return {"doc": stored.doc, "start": r.start, "end": r.end, "text": r.text}


def _fields(record: object, names: tuple[str, ...]) -> dict:
    return {k: getattr(record, k) for k in names}


def _compared(c: Compared) -> dict:
    """A finding's claim as the export shows it: its source as {kind, id}."""
    return _fields(c, ("doc", "event", "value", "start", "end", "text", "low", "high")) | {
        "source": {"kind": c.source_kind, "id": c.source_id}}


def _side(doc: str, key: str | None, entity) -> str | None:
    """A count's side as an entity id; "!" before it for the side opposed to that entity (the
    dead of an attack the source names only its author of)."""
    key = key or ""
    found = entity(doc, key.lstrip("!"))
    return None if found is None else ("!" if key.startswith("!") else "") + found


def _claim(stored: Stored[Claim], entity) -> dict:
    """A claim with its frame's entity keys as entity ids and its records as export ids."""
    c, doc = stored.record, stored.doc

    def ref(kind: str, n: int | None) -> str | None:
        return None if n is None else f"{doc}:{kind}:{n}"

    voice_id = doc if c.voice_kind in ("document", "attributed") else ref(c.voice_kind, c.voice_index)
    return {"id": stored.id} | _span(stored) | _fields(c, ("attribute", "value", "low", "high")) | {
        "frame": {"subject": entity(doc, c.subject_key), "actor": entity(doc, c.actor_key), "action": c.action,
                  "target": entity(doc, c.target_key), "place": entity(doc, c.place_key), "counted": c.counted,
                  "counted_text": c.counted_text, "fate": c.fate, "side": _side(doc, c.side_key, entity),
                  "unit": c.unit},
        "voice": {"kind": c.voice_kind, "id": voice_id, "party": entity(doc, c.voice_key), "text": c.voice_text},
        "event": ref("event", c.event), "quantity": ref("quantity", c.quantity), "timex": ref("timex", c.timex)}


def _document_extras(source: Source) -> dict:
    """Where the document's date comes from, and its pages when it has them (a PDF, a Word file)."""
    read = source.published_from == "text" and source.published_start is not None
    spans = pairwise([*source.pages, len(source.text)]) if source.pages else []
    return {"published_from": source.published_from if source.published else None,
            "published_span": {"start": source.published_start, "end": source.published_end,
                               "text": source.text[source.published_start:source.published_end]} if read else None,
            "pages": [{"page": n, "start": a, "end": b} for n, (a, b) in enumerate(spans, 1)] or None}


def _add_pages(records: list[dict], page_starts: dict[str, tuple[int, ...]]) -> None:
    """Each record's page (1 is the first) where its document is paged, else null."""
    for r in records:
        starts = page_starts.get(r["doc"])
        r["page"] = bisect_right(starts, r["start"]) or None if starts else None


def to_dict(store: Store) -> dict:
    """The whole store as one JSON-ready dict, following EXPORT.md, read from one snapshot."""
    with store.snapshot():
        return _export(store)


def _export(store: Store) -> dict:
    entity = store.entity_resolver()

    segments = defaultdict(list)
    for s in store.segments():
        segments[s.doc].append(_fields(s.record, ("kind", "start", "end", "author", "date", "handle")))
    documents, page_starts = [], {}
    for d in store.documents():
        page_starts[d.id] = d.source.pages
        documents.append({"id": d.id} | _fields(d.source, ("file", "url", "title", "publisher", "author", "published",
                                                           "perspective", "sha256", "text"))
                         | _document_extras(d.source) | {"words": d.words, "segments": segments[d.id]})

    mentions, aliases = defaultdict(list), defaultdict(set)
    for m in store.mentions():
        eid = entity(m.doc, m.record.key)
        mentions[eid].append(_span(m))
        aliases[eid].add(m.record.text)
    entities = [
        {"id": e.id, "type": e.type, "name": e.name, "aliases": sorted(aliases[e.id] - {e.name}),
         "kb_id": e.kb_id, "lat": e.lat, "lon": e.lon, "place_kind": e.place_kind,
         "unresolved": e.unresolved, "radius_km": e.radius_km, "mentions": mentions[e.id]}
        for e in store.entities()
    ]

    timexes = [{"id": t.id} | _span(t) | _fields(t.record, (
        "type", "value", "mod", "anchor", "earliest", "latest", "context")) for t in store.timexes()]
    quantities = [{"id": q.id} | _span(q) | _fields(q.record, ("value", "low", "high", "unit", "counted"))
                  | {"approx": q.record.approx} for q in store.quantities()]
    citations = [{"id": c.id} | _span(c) | {"authors": list(c.record.authors)} | _fields(c.record, (
        "title", "container", "place", "publisher", "year", "date", "volume", "pages"))
        | {"in_text": c.record.in_text} for c in store.citations()]
    quotes = [{"id": q.id} | _span(q) | {
        "speaker": entity(q.doc, q.record.speaker_key), "speaker_text": q.record.speaker_text,
        "direct": q.record.direct, "unnamed_source": q.record.unnamed_source} for q in store.quotes()]
    events = [_event(e, entity) for e in store.events()]
    labels = [{"doc": lb.doc, "entity": entity(lb.doc, lb.record.entity_key)} | _fields(
        lb.record, ("start", "end", "text")) for lb in store.labels()]
    framing = [{"id": f.id} | _span(f) | {"technique": f.record.technique} for f in store.framing()]
    claims = [_claim(c, entity) for c in store.claims()]
    findings = [{"id": f.id, "kind": f.kind, "subject": f.subject, "attribute": f.attribute,
                 "entity": f.entity, "claims": [_compared(c) for c in f.claims],
                 "explanation": f.explanation} for f in store.findings()]
    skipped = [{"path": s.path, "code": s.code, "reason": s.reason} for s in store.skips()]
    for records in (timexes, quantities, citations, quotes, events, labels, framing, claims,
                    [m for e in entities for m in e["mentions"]], [c for f in findings for c in f["claims"]]):
        _add_pages(records, page_starts)
    return {"format": FORMAT, "generator": f"rashomon {__version__}", "documents": documents,
            "entities": entities, "timexes": timexes, "quantities": quantities, "citations": citations,
            "quotes": quotes, "events": events, "labels": labels, "framing": framing, "claims": claims,
            "findings": findings, "skipped": skipped}


def _event(stored: Stored[Event], entity) -> dict:
    ev, doc = stored.record, stored.doc
    return {"id": stored.id} | _span(stored) | {
        "type": ev.type, "actor": entity(doc, ev.actor_key), "target": entity(doc, ev.target_key),
        "places": [p for k in ev.place_keys if (p := entity(doc, k))], "name": entity(doc, ev.name_key),
        "time": f"{doc}:timex:{ev.time}" if ev.time is not None else None, "date": ev.date,
        "duration": f"{doc}:timex:{ev.duration}" if ev.duration is not None else None,
        "quantities": [f"{doc}:quantity:{n}" for n in ev.quantities],
        "source": {"kind": ev.source_kind, "id": source_id(doc, ev.source_kind, ev.source_index)},
        "negated": ev.negated, "hedged": ev.hedged, "onset": ev.onset}


def write_json(store: Store, out: Path | None) -> str:
    """Write the JSON export to `out` (or return it when out is None)."""
    text = json.dumps(to_dict(store), ensure_ascii=False, indent=1)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    return text


def write_csl(store: Store, out: Path | None) -> str:
    """Write every citation as CSL-JSON (what Zotero and pandoc read) to `out`, or return it."""
    from rashomon.extract.citations import to_csl

    with store.snapshot():
        cited = [c.record for c in store.citations()]
    text = json.dumps(to_csl(cited), ensure_ascii=False, indent=1)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    return text


def write_geojson(store: Store, out: Path | None) -> str:
    """Write the located places as a GeoJSON FeatureCollection to `out`, or return it."""
    from rashomon.outputs.geojson import to_geojson

    text = json.dumps(to_geojson(to_dict(store)["entities"]), ensure_ascii=False, indent=1)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    return text


def write_timeml(store: Store, folder: Path) -> list[Path]:
    """One TimeML file per document (DOC_ID.tml) in `folder`, for the TempEval tools."""
    from rashomon.outputs.timeml import to_timeml

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with store.snapshot():
        by_doc = defaultdict(list)
        for t in store.timexes():
            by_doc[t.doc].append(t.record)
        for d in store.documents():
            path = folder / f"{d.id}.tml"
            path.write_text(to_timeml(d.id, d.source.text, by_doc[d.id], d.source.published), encoding="utf-8")
            written.append(path)
    return written


def safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: such text gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _flat(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) if all(not isinstance(v, (dict, list)) for v in value) \
            else json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(store: Store, folder: Path) -> list[Path]:
    """One CSV file per list of the JSON export (plus mentions, segments and claims), in `folder`."""
    data = to_dict(store)
    tables: dict[str, list[dict]] = {name: data[name] for name in LISTS}
    tables["segments"] = [{"doc": d["id"]} | s for d in data["documents"] for s in d["segments"]]
    tables["mentions"] = [{"entity": e["id"]} | m for e in data["entities"] for m in e["mentions"]]
    tables["claims"] = [{"finding": f["id"]} | c for f in data["findings"] for c in f["claims"]]
    tables["documents"] = [{k: v for k, v in d.items() if k != "segments"} for d in data["documents"]]
    tables["entities"] = [{k: v for k, v in e.items() if k != "mentions"} for e in data["entities"]]
    tables["findings"] = [{k: v for k, v in f.items() if k != "claims"} for f in data["findings"]]
    tables["skipped"] = data["skipped"]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        columns = list(rows[0]) if rows else _EMPTY_COLUMNS.get(name, ["id"])
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: safe_cell(_flat(v)) for k, v in row.items()})
        written.append(path)
    return written


# header of a CSV file whose table is empty, so that every file loads with its columns
_EMPTY_COLUMNS = {
    "timexes": ["id", "doc", "start", "end", "text", "type", "value", "mod", "anchor", "earliest", "latest",
                "context", "page"],
    "quantities": ["id", "doc", "start", "end", "text", "value", "low", "high", "unit", "counted", "approx", "page"],
    "citations": ["id", "doc", "start", "end", "text", "authors", "title", "container", "place", "publisher",
                  "year", "date", "volume", "pages", "in_text", "page"],
    "quotes": ["id", "doc", "start", "end", "text", "speaker", "speaker_text", "direct", "unnamed_source", "page"],
    "events": ["id", "doc", "start", "end", "text", "type", "actor", "target", "places", "name", "time",
               "date", "duration", "quantities", "source", "negated", "hedged", "onset", "page"],
    "labels": ["doc", "entity", "start", "end", "text", "page"],
    "framing": ["id", "doc", "start", "end", "text", "technique", "page"],
    "findings": ["id", "kind", "subject", "attribute", "entity", "explanation"],
    "claims": ["finding", "doc", "event", "value", "start", "end", "text", "source", "page"],
    "skipped": ["path", "code", "reason"],
}
