"""Readers for browsing a store one page at a time (the web app and the report): indexed queries
whose cost does not grow with the corpus, and the markers that say when the store has changed
(`version`, `corpus_version`), so that what a reader gathers once it gathers again only then.
Full-text search is in `store.search`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rashomon.store.reading import RECORDS, Stored, decoder

COUNTED = ("mention", "timex", "quantity", "quote", "citation", "event")
PLACE_TYPES = ("GPE", "LOC", "FAC")
LINE_COLUMNS = "id, file, url, title, publisher, author, published, perspective, words"


@dataclass(frozen=True)
class DocumentLine:
    """A document as a list shows it: what is known about it, without its text; `counts` of what
    the stages found in it (mention, timex, ...) when asked for."""

    id: str
    file: str
    url: str | None
    title: str | None
    publisher: str | None
    author: str | None
    published: str | None
    perspective: str | None
    words: int
    counts: dict[str, int] | None = None


@dataclass(frozen=True)
class Reach:
    """How widely an entity is named: in how many documents, how many times."""

    documents: int
    mentions: int


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


class Browse:
    """The page readers, mixed into `Store` (which supplies `_execute`, `_rows`, `dialect`)."""

    def _all(self, statement: str, params: tuple | list = ()) -> list[dict]:
        return [dict(r) for r in self._execute(statement, params)]

    def _order(self, *columns: str) -> str:
        """ORDER BY text columns as code points, in SQLite and PostgreSQL alike."""
        return ", ".join(self.dialect.collate(f'"{c}"') for c in columns)

    def text(self, doc_id: str, start: int = 0, end: int | None = None) -> str | None:
        """A document's text, or the stretch start:end of it; None for an unknown document."""
        if end is None:
            row = self._one("SELECT text FROM document WHERE id=?", (doc_id,))
            return row[0][start:] if row else None
        row = self._one("SELECT substr(text, ?, ?) FROM document WHERE id=?", (start + 1, max(0, end - start), doc_id))
        return row[0] if row else None

    def version(self) -> tuple:
        """A marker of the store's state that changes whenever an `analyze` commits (SQLite's
        data_version; on PostgreSQL, what was added and the corpus-wide marker)."""
        if self.postgres:
            return (*self._one("SELECT (SELECT count(*) FROM document), (SELECT count(*) FROM skip)"),
                    self.corpus_version())
        return self._one("PRAGMA data_version")

    def corpus_version(self) -> tuple:
        """A marker that changes when `resolve` or `compare` rewrite the corpus-wide tables
        (entities, entity keys, findings), not when a document is added: what is gathered from
        them holds while an `analyze` adds documents, until its corpus-wide steps."""
        row = self._one("SELECT value FROM meta WHERE key = 'corpus'")
        if row is None:  # a store written before the marker: any change may be one
            return ("store", *self.version()) if not self.postgres else (
                "store", *self._one("SELECT (SELECT count(*) FROM entity_key), (SELECT count(*) FROM finding)"))
        return row

    # ------------------------------------------------------------ documents

    def document_count(self, perspective: str | None = None, publisher: str | None = None) -> int:
        """How many documents there are (of a perspective and publisher, when given)."""
        where, params = _filters(perspective, publisher)
        return self._one(f"SELECT count(*) FROM document {where}", params)[0]

    def document_lines(self, perspective: str | None = None, publisher: str | None = None, limit: int = 100,
                       offset: int = 0, counts: bool = False) -> list[DocumentLine]:
        """One page of documents by file, of a perspective and publisher when given; with `counts`,
        what the stages found in each."""
        where, params = _filters(perspective, publisher)
        extra = "".join(f", (SELECT count(*) FROM {t} x WHERE x.doc = d.id) AS {t}" for t in COUNTED)
        rows = self._all(f"SELECT {LINE_COLUMNS}{extra if counts else ''} FROM document d {where} "
                         f"ORDER BY {self._order('file', 'id')} LIMIT ? OFFSET ?", [*params, limit, offset])
        return [_line(r, counts) for r in rows]

    def ids_by_date(self) -> list[str]:
        """Every document's id by publication date (undated last), then file and id."""
        return [_first(r) for r in self._execute(
            f"SELECT id FROM document ORDER BY published IS NULL, {self._order('published', 'file', 'id')}")]

    def documents_by_id(self, ids: list[str], counts: bool = False) -> dict[str, DocumentLine]:
        """Some documents as lines, by id (those that exist); with `counts`, what was found in each."""
        extra = "".join(f", (SELECT count(*) FROM {t} x WHERE x.doc = d.id) AS {t}" for t in COUNTED)
        found: dict[str, DocumentLine] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            for r in self._all(f"SELECT {LINE_COLUMNS}{extra if counts else ''} FROM document d "
                               f"WHERE id IN ({_marks(len(part))})", part):
                found[r["id"]] = _line(r, counts)
        return found

    def perspectives(self) -> list[str]:
        rows = self._execute("SELECT DISTINCT perspective FROM document WHERE perspective IS NOT NULL")
        return sorted(_first(r) for r in rows)

    # ------------------------------------------------------------ entities

    def entity_names(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        return {r["id"]: r["name"] for r in self._all(f"SELECT id, name FROM entity WHERE id IN ({_marks(len(ids))})",
                                                       ids)}

    def reach(self) -> dict[str, Reach]:
        """For every entity, how many documents name it and how often (one pass over the mentions)."""
        return {r["entity"]: Reach(r["docs"], r["n"]) for r in self._all(
            "SELECT k.entity AS entity, count(DISTINCT m.doc) AS docs, count(*) AS n FROM mention m "
            "JOIN entity_key k ON k.doc = m.doc AND k.key = m.key GROUP BY k.entity")}

    def entity_documents(self, entity_id: str, limit: int, source: str | None = None) -> list[str]:
        """The first `limit` documents (by id) that name or label an entity (only `source`, when
        given): an account that calls an event "a tragedy" without naming it is one of its sources."""
        only, params = ("AND k.doc = ?", [source]) if source else ("", [])
        return [_first(r) for r in self._execute(
            f"SELECT k.doc FROM entity_key k WHERE k.entity = ? {only} AND (EXISTS (SELECT 1 FROM mention m "
            f"WHERE m.doc = k.doc AND m.key = k.key) OR EXISTS (SELECT 1 FROM label lb WHERE lb.doc = k.doc "
            f"AND lb.entity_key = k.key)) ORDER BY {self._order('doc')} LIMIT ?",
            [entity_id, *params, limit])]

    def names_of_entity(self, entity_id: str, docs: list[str], labels: bool = False) -> list[tuple[str, str, int]]:
        """The words some documents use for an entity, (doc, text, times): its names (mentions),
        or with `labels` the labels they give it."""
        if not docs:
            return []
        table, key = ("label", "entity_key") if labels else ("mention", "key")
        return [(r["doc"], r["text"], r["n"]) for r in self._all(
            f"SELECT m.doc AS doc, m.text AS text, count(*) AS n FROM {table} m JOIN entity_key k ON k.doc = m.doc "
            f"AND k.key = m.{key} WHERE k.entity = ? AND m.doc IN ({_marks(len(docs))}) GROUP BY m.doc, m.text",
            [entity_id, *docs])]

    def entity_events(self, entity_id: str, limit: int, places_only: bool = False,
                      docs: list[str] | None = None) -> list[dict]:
        """Events an entity takes part in (as actor, target, name or place; only as a place with
        `places_only`), in `docs` when given, by document and place, as stored rows."""
        roles = [] if places_only else ["e.actor_key = k.key", "e.target_key = k.key", "e.name_key = k.key"]
        roles.append(self.dialect.json_has("e.place_keys", "k.key"))
        # the documents to look in: those given (a page's), else every one that names the entity
        within, params = ((f"IN ({_marks(len(docs))})", list(docs)) if docs else
                          ("IN (SELECT k.doc FROM entity_key k WHERE k.entity = ?)", [entity_id]))
        return self._all(
            f"SELECT e.* FROM event e WHERE e.doc {within} "
            f"AND EXISTS (SELECT 1 FROM entity_key k WHERE k.entity = ? AND k.doc = e.doc AND ({' OR '.join(roles)})) "
            f"ORDER BY {self.dialect.collate('e.doc')}, e.n LIMIT ?", [*params, entity_id, limit])

    def entity_quotes(self, entity_id: str, limit: int, docs: list[str] | None = None) -> list[dict]:
        """What an entity is quoted saying (in `docs` when given), as stored quote rows."""
        only, params = (f"AND k.doc IN ({_marks(len(docs))})", list(docs)) if docs else ("", [])
        return self._all(f"SELECT q.* FROM entity_key k JOIN quote q ON q.doc = k.doc AND q.speaker_key = k.key "
                         f"WHERE k.entity = ? {only} ORDER BY {self.dialect.collate('k.doc')}, q.n LIMIT ?",
                         [entity_id, *params, limit])

    def dated(self, docs: list[str]) -> tuple[list[dict], list[dict], dict[str, list[tuple[int, int]]]]:
        """What the timeline draws of some documents: their events, each with the earliest and
        latest day of its timex, their timexes that have an earliest day, and where each cites a
        work (a date inside a citation is no part of the story)."""
        if not docs:
            return [], [], {}
        within = f"IN ({_marks(len(docs))})"
        events = self._all(f'SELECT e.doc, e.n, e.start, e."end", e.text, e.type, e.time, e.date, t.earliest, '
                           f"t.latest FROM event e LEFT JOIN timex t ON t.doc = e.doc AND t.n = e.time "
                           f"WHERE e.doc {within} ORDER BY e.doc, e.n", docs)
        timexes = self._all(f'SELECT doc, n, start, "end", text, type, earliest, latest, context FROM timex '
                            f"WHERE doc {within} AND earliest IS NOT NULL ORDER BY doc, n", docs)
        cited: dict[str, list[tuple[int, int]]] = {}
        for r in self._all(f'SELECT doc, start, "end" FROM citation WHERE doc {within}', docs):
            cited.setdefault(r["doc"], []).append((r["start"], r["end"]))
        return events, timexes, cited

    def names_in(self, doc: str) -> dict[str, int]:
        """The entities one document names, with how often."""
        return {r["entity"]: r["n"] for r in self._all(
            "SELECT k.entity AS entity, count(*) AS n FROM mention m JOIN entity_key k ON k.doc = m.doc "
            "AND k.key = m.key WHERE m.doc = ? GROUP BY k.entity", (doc,))}

    def words_for_entities(self, labels: bool = False) -> dict[str, list[tuple[str, int]]]:
        """For every entity, the words used for it in all documents with how often, most used
        first: its names (mentions), or with `labels` the labels given it (one pass)."""
        table, key = ("label", "entity_key") if labels else ("mention", "key")
        found: dict[str, list[tuple[str, int]]] = {}
        for r in self._all(f"SELECT k.entity AS entity, m.text AS text, count(*) AS n FROM {table} m JOIN entity_key k "
                           f"ON k.doc = m.doc AND k.key = m.{key} GROUP BY k.entity, m.text"):
            found.setdefault(r["entity"], []).append((r["text"], r["n"]))
        return {e: sorted(words, key=lambda w: (-w[1], w[0])) for e, words in found.items()}

    def unlocated(self, source: str | None = None) -> list[dict]:
        """Places not put on the map (only those `source` names, when given), by name."""
        only, params = ("", [])
        if source:
            only = ("AND id IN (SELECT k.entity FROM entity_key k JOIN mention m ON m.doc = k.doc "
                    "AND m.key = k.key WHERE k.doc = ?)")
            params = [source]
        return self._all(f"SELECT id, name, type FROM entity WHERE type IN ({_marks(len(PLACE_TYPES))}) "
                         f"AND (lat IS NULL OR lon IS NULL) {only} ORDER BY {self._order('name')}",
                         [*PLACE_TYPES, *params])

    def spans_within(self, table: str, doc: str, start: int, end: int) -> list:
        """The timexes, quantities or mentions (`table`) inside start:end of a document, by start."""
        decode = decoder(RECORDS[table])
        return [Stored(r["doc"], r["n"], f"{r['doc']}:{table}:{r['n']}", decode(r)) for r in self._all(
            f'SELECT * FROM {table} WHERE doc=? AND start >= ? AND "end" <= ? ORDER BY start, n', (doc, start, end))]


def _filters(perspective: str | None, publisher: str | None) -> tuple[str, list[str]]:
    """A WHERE clause of the document filters that are given, and its parameters."""
    given = [(c, v) for c, v in (("perspective = ?", perspective), ("publisher = ?", publisher)) if v]
    return ("WHERE " + " AND ".join(c for c, _ in given)) if given else "", [v for _, v in given]


def _first(row) -> object:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


def _line(row: dict, counts: bool) -> DocumentLine:
    return DocumentLine(**{k: row[k] for k in ("id", "file", "url", "title", "publisher", "author", "published",
                                                 "perspective", "words")},
                        counts={t: row[t] for t in COUNTED} if counts else None)

