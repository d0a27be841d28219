"""Full-text search of a store, bounded in cost.

A query is words (every one required), "quoted phrases", and OR between two terms
(`"Operation Kaman" OR Nour killed`): `parse_query` reads it into groups that must all match,
each group being phrases of which one must. Nothing a user types is query syntax beyond that:
punctuation separates words, and the words reach the index quoted.

Search is SQLite's FTS5 on an SQLite store (an index of every document kept in memory beside the
read-only store, built on first use and brought up to date with the documents added or removed
since) and PostgreSQL's own full-text search on a PostgreSQL store (`to_tsvector('simple', ...)`
over title and text, with the GIN index the store creates; words are matched without stemming).
Both rank by relevance (up to RANKED matches; a query that matches more, every common word,
lists them in the store's order) and cut a passage around the hits, marked with SNIPPET_OPEN and
SNIPPET_CLOSE.

What a query may cost is bounded: its length (MAX_QUERY_CHARS), its terms, counted once each
(MAX_TERMS, MAX_PHRASE_WORDS), and its time (a query running longer than `time_limit` is stopped
and raises SearchTooSlow), so that no query holds a server for long.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
# the PostgreSQL document text that search reads; the store's GIN index is on this very expression
PG_SEARCH_TEXT = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
MAX_QUERY_CHARS = 300  # characters of a query read; the rest is left out (and the page says so)
MAX_TERMS = 16  # phrases in a query, each counted once, aliases an entity brings in included
MAX_PHRASE_WORDS = 8  # words in one phrase
TIME_LIMIT = 1.0  # seconds a query may run
RANKED = 2000  # the most matches ranked by relevance; more are shown in the store's order
INDEX_CHUNK = 200  # documents read at a time into the search index

Phrase = tuple[str, ...]


class SearchTooSlow(Exception):
    """A query ran longer than its time limit and was stopped."""


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match, and a group matches when one of its phrases does.
    `cut` says that part of what was typed was left out (too long, too many terms)."""

    groups: tuple[tuple[Phrase, ...], ...] = ()
    cut: bool = False

    @property
    def phrases(self) -> list[Phrase]:
        return [p for g in self.groups for p in g]

    def fts5(self) -> str:
        """The query in FTS5's syntax, every phrase quoted."""
        return " AND ".join("(" + " OR ".join('"' + " ".join(p) + '"' for p in g) + ")" for g in self.groups)

    def tsquery(self) -> str:
        """The query as a PostgreSQL tsquery (phrases with <->), every word quoted."""
        return " & ".join("(" + " | ".join(" <-> ".join(f"'{w}'" for w in p) for p in g) + ")"
                          for g in self.groups)

    def widened(self, alternatives: dict[Phrase, list[Phrase]]) -> Query:
        """The query with more phrases allowed beside some (an entity's other names), within MAX_TERMS."""
        room = MAX_TERMS - len(self.phrases)
        groups = []
        for group in self.groups:
            wider = list(group)
            for phrase in group:
                for other in alternatives.get(phrase, []):
                    if room > 0 and other not in wider:
                        wider.append(other)
                        room -= 1
            groups.append(tuple(wider))
        return Query(tuple(groups), self.cut)


def parse_query(text: str) -> Query:
    """A user's query read into groups of phrases: words and "quoted phrases" are required, OR
    joins the terms on either side of it; repeated terms count once, and what lies beyond the
    bounds is left out."""
    cut = len(text) > MAX_QUERY_CHARS
    groups: list[list[Phrase]] = []
    joining = False
    for m in re.finditer(r'"([^"]*)"?|(\S+)', text[:MAX_QUERY_CHARS]):
        if m[2] == "OR":
            joining = bool(groups)
            continue
        words = tuple(w.lower() for w in re.findall(r"\w+", m[1] if m[1] is not None else m[2]))
        if not words:
            continue
        if len(words) > MAX_PHRASE_WORDS:
            words, cut = words[:MAX_PHRASE_WORDS], True
        if joining:
            if words not in groups[-1]:
                groups[-1].append(words)
        elif [words] not in groups:
            groups.append([words])
        joining = False
    kept, terms = [], 0
    for group in groups:
        if terms + len(group) > MAX_TERMS:
            cut = True
            group = group[:MAX_TERMS - terms]
        if group:
            kept.append(tuple(group))
            terms += len(group)
    return Query(tuple(kept), cut)


@dataclass(frozen=True)
class Hit:
    """A document that matches a search, with a passage around the hits (marked)."""

    doc: str
    snippet: str


@contextmanager
def _deadline(con: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Stop an SQLite query that runs past `seconds` (SearchTooSlow)."""
    end = time.monotonic() + seconds
    con.set_progress_handler(lambda: 1 if time.monotonic() > end else 0, 1000)
    try:
        yield
    except sqlite3.OperationalError as e:
        if "interrupt" in str(e):
            raise SearchTooSlow(f"the search was stopped after {seconds:g} s") from None
        raise
    finally:
        con.set_progress_handler(None, 0)


class Searching:
    """Full-text search, mixed into `Store` (which supplies `_execute`, `_one`, `_all`, `version`,
    `postgres`). Read inside `Store.snapshot()`."""

    _search_index: sqlite3.Connection | None = None
    _indexed: dict[str, int]
    _index_version: object = None

    def search(self, query: Query, source: str | None = None, limit: int = 20, offset: int = 0,
               time_limit: float = TIME_LIMIT) -> tuple[int, list[Hit]]:
        """Documents matching `query` (only `source`, when given), best first, and how many there
        are in all. Raises SearchTooSlow past `time_limit` seconds, and RuntimeError when this
        SQLite has no FTS5."""
        if not query.groups:
            return 0, []
        if self.postgres:
            return self._search_postgres(query, source, limit, offset, time_limit)
        index = self.search_index()
        extra, params = ("AND id = ?", [query.fts5(), source]) if source else ("", [query.fts5()])
        with _deadline(index, time_limit):
            total = index.execute(f"SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ? {extra}", params).fetchone()[0]
            order = "rank" if total <= RANKED else "rowid"  # ranking every document costs a second
            rows = index.execute(f"SELECT id, snippet(doc_fts, 2, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', ' … ', 24) "
                                 f"FROM doc_fts WHERE doc_fts MATCH ? {extra} ORDER BY {order} LIMIT ? OFFSET ?",
                                 [*params, limit, offset]).fetchall()
        return total, [Hit(r[0], r[1]) for r in rows]

    def prepare_search(self) -> None:
        """Build the search index now rather than on the first search (SQLite); raises RuntimeError
        when this SQLite has no FTS5."""
        if not self.postgres:
            self.search_index()

    def search_index(self) -> sqlite3.Connection:
        """The in-memory FTS5 index of every document, brought up to date with the store: the
        documents added since are indexed, those removed are dropped (one pass over the ids)."""
        if self._search_index is None:
            index = sqlite3.connect(":memory:", check_same_thread=False)
            try:
                index.execute("CREATE VIRTUAL TABLE doc_fts USING fts5(id UNINDEXED, title, text, "
                              "tokenize='unicode61 remove_diacritics 2')")
            except sqlite3.OperationalError as e:  # an SQLite built without FTS5
                index.close()
                raise RuntimeError(f"full-text search is unavailable: {e}") from None
            self._search_index, self._indexed, self._index_version = index, {}, None
        version = self.version()
        if version != self._index_version:
            self._update_index(self._search_index)
            self._index_version = version
        return self._search_index

    def _update_index(self, index: sqlite3.Connection) -> None:
        stored = {r[0] for r in self._execute("SELECT id FROM document")}
        for doc in [d for d in self._indexed if d not in stored]:
            index.execute("DELETE FROM doc_fts WHERE rowid = ?", (self._indexed.pop(doc),))
        new = sorted(stored.difference(self._indexed))
        next_row = max(self._indexed.values(), default=0) + 1
        for at in range(0, len(new), INDEX_CHUNK):
            chunk = new[at:at + INDEX_CHUNK]
            rows = self._execute(f"SELECT id, title, text FROM document WHERE id IN ({', '.join('?' * len(chunk))})",
                                 chunk).fetchall()
            for row in rows:
                index.execute("INSERT INTO doc_fts (rowid, id, title, text) VALUES (?, ?, ?, ?)",
                              (next_row, row[0], row[1] or "", row[2]))
                self._indexed[row[0]] = next_row
                next_row += 1
        index.commit()

    def _search_postgres(self, query: Query, source: str | None, limit: int, offset: int,
                         time_limit: float) -> tuple[int, list[Hit]]:
        import psycopg

        words = query.tsquery()
        match = f"{PG_SEARCH_TEXT} @@ to_tsquery('simple', ?)"
        extra, params = ("AND id = ?", [words, source]) if source else ("", [words])
        marks = f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=24, MinWords=12, MaxFragments=3, " \
                "FragmentDelimiter=\" … \""
        try:
            self._execute(f"SET LOCAL statement_timeout = {int(time_limit * 1000)}")
            total = self._one(f"SELECT count(*) FROM document WHERE {match} {extra}", params)[0]
            rank = f"ts_rank({PG_SEARCH_TEXT}, to_tsquery('simple', ?)) DESC, " if total <= RANKED else ""
            rows = self._all(
                f"SELECT id, ts_headline('simple', text, to_tsquery('simple', ?), ?) AS snip FROM document "
                f"WHERE {match} {extra} ORDER BY {rank}{self._order('id')} LIMIT ? OFFSET ?",
                [words, marks, *params, *([words] if rank else []), limit, offset])
            self._execute("SET LOCAL statement_timeout = 0")
        except psycopg.errors.QueryCanceled:
            raise SearchTooSlow(f"the search was stopped after {time_limit:g} s") from None
        return total, [Hit(r["id"], r["snip"]) for r in rows]

    def close_search(self) -> None:
        if self._search_index is not None:
            self._search_index.close()
            self._search_index = None
