"""Readers for browsing a store one page at a time (the web app and the report): indexed queries
whose cost does not grow with the corpus, and full-text search.

Search is SQLite's FTS5 on an SQLite store (an index of every document kept in memory beside the
read-only store, built on first use) and PostgreSQL's own full-text search on a PostgreSQL store
(`to_tsvector('simple', ...)` over title and text, with the GIN index the store creates; words are
matched without stemming, every word required, as FTS5 does here). Both rank by relevance and
cut a passage around the hits, marked with SNIPPET_OPEN and SNIPPET_CLOSE.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from rashomon.store.reading import RECORDS, Stored, decoder

SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
COUNTED = ("mention", "timex", "quantity", "quote", "citation", "event")
PLACE_TYPES = ("GPE", "LOC", "FAC")
# the PostgreSQL document text that search reads; the store's GIN index is on this very expression
PG_SEARCH_TEXT = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"


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


@dataclass(frozen=True)
class Hit:
    """A document that matches a search, with a passage around the hits (marked)."""

    doc: str
    snippet: str


def search_words(text: str) -> list[str]:
    """The words of a user's query (punctuation and operators are not syntax)."""
    return re.findall(r"\w+", text)


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


class Browse:
    """The page readers, mixed into `Store` (which supplies `_execute`, `_rows`, `dialect`)."""

    _search_index: sqlite3.Connection | None = None

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

    def extent(self) -> tuple[int, int, int]:
        """How many documents, entities and findings the store holds: what changes when an
        `analyze` writes (a reader that gathered facts once gathers them again when it changes)."""
        return self._one("SELECT (SELECT count(*) FROM document), (SELECT count(*) FROM entity), "
                         "(SELECT count(*) FROM finding)")

    # ------------------------------------------------------------ documents

    def document_count(self, perspective: str | None = None, publisher: str | None = None) -> int:
        """How many documents there are (of a perspective and publisher, when given)."""
        where, params = _filters(perspective, publisher)
        return self._one(f"SELECT count(*) FROM document {where}", params)[0]

    def document_lines(self, perspective: str | None = None, publisher: str | None = None, limit: int = 100,
                       offset: int = 0, counts: bool = False, by_date: bool = False) -> list[DocumentLine]:
        """One page of documents (by file, or by publication date with `by_date`), of a perspective
        and publisher when given; with `counts`, what the stages found in each."""
        where, params = _filters(perspective, publisher)
        extra = "".join(f", (SELECT count(*) FROM {t} x WHERE x.doc = d.id) AS {t}" for t in COUNTED)
        order = (f"published IS NULL, {self._order('published', 'file', 'id')}" if by_date
                 else self._order("file", "id"))
        rows = self._all(f"SELECT id, file, url, title, publisher, author, published, perspective, words"
                         f"{extra if counts else ''} FROM document d {where} ORDER BY {order} LIMIT ? OFFSET ?",
                         [*params, limit, offset])
        return [_line(r, counts) for r in rows]

    def documents_by_id(self, ids: list[str]) -> dict[str, DocumentLine]:
        found: dict[str, DocumentLine] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            for r in self._all("SELECT id, file, url, title, publisher, author, published, perspective, words "
                               f"FROM document WHERE id IN ({_marks(len(part))})", part):
                found[r["id"]] = _line(r, False)
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
        """The first `limit` documents (by id) that name an entity (only `source`, when given)."""
        only, params = ("AND k.doc = ?", [source]) if source else ("", [])
        return [_first(r) for r in self._execute(
            f"SELECT k.doc FROM entity_key k WHERE k.entity = ? {only} AND EXISTS (SELECT 1 FROM mention m "
            f"WHERE m.doc = k.doc AND m.key = k.key) ORDER BY {self._order('doc')} LIMIT ?",
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
                      source: str | None = None) -> list[dict]:
        """Events an entity takes part in (as actor, target, name or place; only as a place with
        `places_only`), by document and place, as stored rows."""
        roles = [] if places_only else ["e.actor_key = k.key", "e.target_key = k.key", "e.name_key = k.key"]
        roles.append(self.dialect.json_has("e.place_keys", "k.key"))
        only, params = ("AND e.doc = ?", [source]) if source else ("", [])
        return self._all(
            f"SELECT e.* FROM event e WHERE e.doc IN (SELECT k.doc FROM entity_key k WHERE k.entity = ?) {only} "
            f"AND EXISTS (SELECT 1 FROM entity_key k WHERE k.entity = ? AND k.doc = e.doc AND ({' OR '.join(roles)})) "
            f"ORDER BY {self.dialect.collate('e.doc')}, e.n LIMIT ?", [entity_id, *params, entity_id, limit])

    def entity_quotes(self, entity_id: str, limit: int) -> list[dict]:
        """What an entity is quoted saying, as stored quote rows."""
        return self._all(f"SELECT q.* FROM quote q JOIN entity_key k ON k.doc = q.doc AND k.key = q.speaker_key "
                         f"WHERE k.entity = ? ORDER BY {self.dialect.collate('q.doc')}, q.n LIMIT ?",
                         (entity_id, limit))

    def findings_about(self, entity_id: str) -> int:
        return self._one("SELECT count(*) FROM finding WHERE entity=?", (entity_id,))[0]

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

    # ------------------------------------------------------------ search

    def search(self, query: str, source: str | None = None, limit: int = 20, offset: int = 0,
               ) -> tuple[int, list[Hit]]:
        """Documents holding every word of `query` (only `source`, when given), best first, and
        how many there are in all. Raises RuntimeError when this SQLite has no FTS5."""
        words = search_words(query)
        if not words:
            return 0, []
        if self.postgres:
            return self._search_postgres(" ".join(words), source, limit, offset)
        index = self._fts()
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        extra, params = ("AND id = ?", [match, source]) if source else ("", [match])
        total = index.execute(f"SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ? {extra}", params).fetchone()[0]
        rows = index.execute(f"SELECT id, snippet(doc_fts, 2, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', ' … ', 24) "
                             f"FROM doc_fts WHERE doc_fts MATCH ? {extra} ORDER BY rank LIMIT ? OFFSET ?",
                             [*params, limit, offset]).fetchall()
        return total, [Hit(r[0], r[1]) for r in rows]

    def prepare_search(self) -> None:
        """Build the search index now rather than on the first search (SQLite); raises RuntimeError
        when this SQLite has no FTS5."""
        if not self.postgres:
            self._fts()

    def _fts(self) -> sqlite3.Connection:
        """The in-memory FTS5 index of every document (built once per store object)."""
        if self._search_index is None:
            index = sqlite3.connect(":memory:", check_same_thread=False)
            try:
                index.execute("CREATE VIRTUAL TABLE doc_fts USING fts5(id UNINDEXED, title, text, "
                              "tokenize='unicode61 remove_diacritics 2')")
            except sqlite3.OperationalError as e:  # an SQLite built without FTS5
                index.close()
                raise RuntimeError(f"full-text search is unavailable: {e}") from None
            rows = ((r["id"], r["title"] or "", r["text"])
                    for r in self._execute("SELECT id, title, text FROM document"))
            index.executemany("INSERT INTO doc_fts (id, title, text) VALUES (?, ?, ?)", rows)
            self._search_index = index
        return self._search_index

    def _search_postgres(self, words: str, source: str | None, limit: int, offset: int) -> tuple[int, list[Hit]]:
        match = f"{PG_SEARCH_TEXT} @@ plainto_tsquery('simple', ?)"
        extra, params = ("AND id = ?", [words, source]) if source else ("", [words])
        total = self._one(f"SELECT count(*) FROM document WHERE {match} {extra}", params)[0]
        marks = f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=24, MinWords=12, MaxFragments=3, " \
                "FragmentDelimiter=\" … \""
        rows = self._all(
            f"SELECT id, ts_headline('simple', text, plainto_tsquery('simple', ?), ?) AS snip FROM document "
            f"WHERE {match} {extra} ORDER BY ts_rank({PG_SEARCH_TEXT}, plainto_tsquery('simple', ?)) DESC, "
            f"{self._order('id')} LIMIT ? OFFSET ?", [words, marks, *params, words, limit, offset])
        return total, [Hit(r["id"], r["snip"]) for r in rows]

    def close_search(self) -> None:
        if self._search_index is not None:
            self._search_index.close()
            self._search_index = None


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

