"""Typed readers of the store: every stage's records as the frozen dataclasses of `records`, each
with the document and place (`n`) it was stored under, and the corpus-wide tables as theirs.

These are what the export, compare and the web app read; none of them reads a table by name.
Read inside `Store.snapshot()` so that several readers see one moment of a store being written.
Every list comes in a stable order, the same in SQLite and PostgreSQL (documents by file, then
records by document and place).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from rashomon.records import (
    Band,
    Citation,
    Claim,
    Compared,
    Entity,
    Event,
    Finding,
    Framing,
    Label,
    Mention,
    Quantity,
    Quote,
    Segment,
    Skip,
    Source,
    Timex,
)

R = TypeVar("R")
# per-document tables and the record each row is
RECORDS = {"segment": Segment, "mention": Mention, "timex": Timex, "quantity": Quantity, "citation": Citation,
           "quote": Quote, "label": Label, "framing": Framing, "event": Event, "name": Entity, "claim": Claim,
           "band": Band}


@dataclass(frozen=True)
class Stored(Generic[R]):
    """One stored record of a document: `doc`, its place `n` in that document's list, and its
    export id ("doc-…:timex:3")."""

    doc: str
    n: int
    id: str
    record: R


@dataclass(frozen=True)
class StoredDocument:
    """A stored document: the source it was read from and its word count."""

    source: Source
    words: int

    @property
    def id(self) -> str:
        return self.source.id


@dataclass(frozen=True)
class EntityKey:
    """Which corpus-wide entity one document's name key stands for."""

    doc: str
    key: str
    entity: str


@dataclass(frozen=True)
class ResolvedEvent:
    """An event with what it refers to looked up: its date and duration (timexes), its counts
    (quantities), its actor, target, places and name as entity ids, and who tells it (`source_id`:
    the document's id, or "doc:quote:2" for a voice inside it)."""

    doc: str
    n: int
    id: str
    event: Event
    time: Timex | None
    duration: Timex | None
    quantities: tuple[Stored[Quantity], ...]
    actor: str | None
    target: str | None
    places: tuple[str, ...]
    name: str | None
    source_id: str


def decoder(cls: type) -> Callable[[dict], object]:
    """A function from a stored row to a record of `cls`: JSON lists back to tuples, 0/1 to booleans."""
    kinds = {f.name: str(f.type) for f in fields(cls)}

    def decode(row: dict) -> object:
        values = {}
        for name, kind in kinds.items():
            if name not in row:  # a field the store does not keep (Source.story_year): its default
                continue
            value = row[name]
            if kind.startswith("tuple") and isinstance(value, str):
                value = tuple(json.loads(value))
            elif kind == "bool":
                value = bool(value)
            values[name] = value
        return cls(**values)

    return decode


def source_id(doc: str, kind: str, index: int | None) -> str:
    """Who tells an event: the document itself, or "doc:quote:2" for a voice inside it."""
    return doc if kind == "document" else f"{doc}:{kind}:{index}"


class Readers:
    """The typed readers, mixed into `Store` (which supplies `_rows`)."""

    def _rows(self, table: str, where: str = "", params: tuple = ()) -> Iterator[dict]:
        raise NotImplementedError

    def _stored(self, table: str, doc: str | None = None) -> Iterator[Stored]:
        decode = decoder(RECORDS[table])
        rows = self._rows(table, "doc = ?", (doc,)) if doc is not None else self._rows(table)
        for row in rows:
            yield Stored(row["doc"], row["n"], f"{row['doc']}:{table}:{row['n']}", decode(row))

    # ------------------------------------------------------------ documents

    def documents(self) -> Iterator[StoredDocument]:
        """Every stored document, by file then id."""
        for row in self._rows("document"):
            yield _document(row)

    def source_names(self, doc_id: str) -> tuple[str | None, str | None, str | None] | None:
        """A document's publisher, title and file (what names it in a finding), without its text."""
        return self._one("SELECT publisher, title, file FROM document WHERE id = ?", (doc_id,))

    def stored_document(self, doc_id: str) -> StoredDocument | None:
        """One stored document, None when there is none with this id."""
        row = next(self._rows("document", "id = ?", (doc_id,)), None)
        return _document(row) if row else None

    def segments(self, doc: str | None = None) -> Iterator[Stored[Segment]]:
        return self._stored("segment", doc)

    # ------------------------------------------------------------ what each document holds

    def mentions(self, doc: str | None = None) -> Iterator[Stored[Mention]]:
        return self._stored("mention", doc)

    def names(self, doc: str | None = None) -> Iterator[Stored[Entity]]:
        """The candidate entities each document names (one per mention key), before `resolve`."""
        return self._stored("name", doc)

    def timexes(self, doc: str | None = None) -> Iterator[Stored[Timex]]:
        return self._stored("timex", doc)

    def quantities(self, doc: str | None = None) -> Iterator[Stored[Quantity]]:
        return self._stored("quantity", doc)

    def citations(self, doc: str | None = None) -> Iterator[Stored[Citation]]:
        return self._stored("citation", doc)

    def quotes(self, doc: str | None = None) -> Iterator[Stored[Quote]]:
        return self._stored("quote", doc)

    def labels(self, doc: str | None = None) -> Iterator[Stored[Label]]:
        return self._stored("label", doc)

    def framing(self, doc: str | None = None) -> Iterator[Stored[Framing]]:
        return self._stored("framing", doc)

    def events(self, doc: str | None = None) -> Iterator[Stored[Event]]:
        return self._stored("event", doc)

    def claims(self, doc: str | None = None) -> Iterator[Stored[Claim]]:
        """Every checkable statement each voice makes, with its frame (the claims stage's records)."""
        return self._stored("claim", doc)

    def bands(self, doc: str | None = None) -> Iterator[Stored[Band]]:
        return self._stored("band", doc)

    # ------------------------------------------------------------ corpus-wide

    def entities(self) -> Iterator[Entity]:
        """The corpus-wide entities `resolve` made, by id (their aliases are in `mentions`)."""
        decode = decoder(Entity)
        for row in self._rows("entity"):
            yield decode(row | {"aliases": "[]"})

    def entity(self, entity_id: str) -> Entity | None:
        row = next(self._rows("entity", "id = ?", (entity_id,)), None)
        return decoder(Entity)(row | {"aliases": "[]"}) if row else None

    def entity_keys(self, doc: str | None = None) -> Iterator[EntityKey]:
        rows = self._rows("entity_key", "doc = ?", (doc,)) if doc is not None else self._rows("entity_key")
        for row in rows:
            yield EntityKey(row["doc"], row["key"], row["entity"])

    def entities_of_key(self, key: str) -> set[str]:
        """The entities a name key stands for in the documents that use it."""
        return {row["entity"] for row in self._rows("entity_key", "key = ?", (key,))}

    def entity_resolver(self) -> Callable[[str, str | None], str | None]:
        """A function (doc, key) -> entity id. A key the document has no name for (the country of
        "Varnian forces" in an account that never names Varnia) is the entity other documents give it."""
        entity_of, by_key = {}, defaultdict(set)
        for k in self.entity_keys():
            entity_of[k.doc, k.key] = k.entity
            by_key[k.key].add(k.entity)

        def entity(doc: str, key: str | None) -> str | None:
            if not key:
                return None
            found = entity_of.get((doc, key))
            if found is None and len(by_key.get(key, ())) == 1:
                found = next(iter(by_key[key]))
            return found

        return entity

    def findings(self) -> Iterator[Finding]:
        """The findings of the last `compare`, in its ranking, each with its claims whole (a long
        finding's are its row's followed by its parts', schema.sql)."""
        parted = set()  # the few long findings (a store opened read-only may predate parts)
        if self.dialect.has_table(self.db, "finding_part"):
            parted = {r["finding"] for r in self._execute("SELECT DISTINCT finding FROM finding_part")}
        for row in self._rows("finding"):
            claims = tuple(Compared(**c) for c in json.loads(row["claims"]))
            if row["id"] in parted:
                claims += tuple(Compared(**c) for part in self._execute(
                    "SELECT claims FROM finding_part WHERE finding = ? ORDER BY n", (row["id"],))
                    for c in json.loads(part["claims"]))
            yield Finding(id=row["id"], kind=row["kind"], subject=row["subject"], attribute=row["attribute"],
                          entity=row["entity"], claims=claims, explanation=row["explanation"])

    def skips(self) -> Iterator[Skip]:
        """Inputs that could not be used, by path and reason code."""
        for row in self._rows("skip"):
            yield Skip(row["path"], row["code"], row["reason"])

    # ------------------------------------------------------------ for compare

    def resolved_events(self) -> Iterator[ResolvedEvent]:
        """Every event with its timexes, quantities and entities looked up, document by document
        (one document's timexes and quantities in memory at a time)."""
        entity = self.entity_resolver()
        doc, timexes, quantities = None, {}, {}
        for stored in self.events():
            if stored.doc != doc:
                doc = stored.doc
                timexes = {t.n: t.record for t in self.timexes(doc)}
                quantities = {q.n: q for q in self.quantities(doc)}
            ev = stored.record
            places = tuple(dict.fromkeys(p for k in ev.place_keys if (p := entity(doc, k))))
            yield ResolvedEvent(
                doc=doc, n=stored.n, id=stored.id, event=ev,
                time=timexes.get(ev.time) if ev.time is not None else None,
                duration=timexes.get(ev.duration) if ev.duration is not None else None,
                quantities=tuple(quantities[n] for n in ev.quantities if n in quantities),
                actor=entity(doc, ev.actor_key), target=entity(doc, ev.target_key), places=places,
                name=entity(doc, ev.name_key), source_id=source_id(doc, ev.source_kind, ev.source_index))


def _document(row: dict) -> StoredDocument:
    return StoredDocument(decoder(Source)(row), row["words"])
