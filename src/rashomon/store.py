"""The store: one SQLite file holding every stage's output (schema in schema.sql).

WAL mode, so readers (the report, the web app) never block a writer; one transaction per
document, so a run killed mid-way leaves every document either whole or absent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path

from .errors import RashomonError
from .records import DocumentAnalysis, Entity, Finding, Skip
from .resources import read_text

SCHEMA_VERSION = "1"
# per-document tables and the DocumentAnalysis field that fills each
DOCUMENT_TABLES = {"segment": "segments", "name": "entities", "mention": "mentions", "timex": "timexes",
                   "quantity": "quantities", "citation": "citations", "quote": "quotes", "label": "labels",
                   "framing": "framing", "event": "events"}
SOURCE_COLUMNS = ("id", "sha256", "file", "url", "title", "publisher", "author", "published", "perspective",
                  "text", "words")


def _encode(value: object) -> object:
    """A record field as an SQLite value: lists and tuples as JSON, booleans as 0/1."""
    if isinstance(value, (tuple, list)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


class Store:
    """A Rashomon store in an SQLite file; `readonly` opens it for reading only."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self.path = Path(path)
        if readonly:
            if not self.path.exists():
                raise RashomonError("R013", f"no store at {self.path}")
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        else:
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA busy_timeout=60000")
        if not readonly:
            self.db.executescript(read_text("schema.sql"))
        version = self.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if version is None or version[0] != SCHEMA_VERSION:
            found = version[0] if version else "none"
            raise RashomonError("R014", f"{self.path} has schema version {found}, this Rashomon reads "
                                        f"{SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM document WHERE id=?", (doc_id,)).fetchone() is not None

    def add(self, analysis: DocumentAnalysis) -> bool:
        """Store one document and everything found in it in one transaction; False when a document
        with the same text is already stored (nothing is written then)."""
        src = analysis.source
        values = {c: getattr(src, c, None) for c in SOURCE_COLUMNS} | {"id": src.id, "words": analysis.words}
        self.db.execute("BEGIN IMMEDIATE")
        try:
            cur = self.db.execute(
                f"INSERT OR IGNORE INTO document ({', '.join(SOURCE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(SOURCE_COLUMNS))})", [values[c] for c in SOURCE_COLUMNS])
            if cur.rowcount == 0:
                self.db.execute("ROLLBACK")
                return False
            for table, attribute in DOCUMENT_TABLES.items():
                self._insert(table, src.id, getattr(analysis, attribute))
            self.db.execute("DELETE FROM skip WHERE path=?", (src.file,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return True

    def _insert(self, table: str, doc_id: str, records: Iterable) -> None:
        rows = [{"doc": doc_id, "n": n} | {f.name: _encode(getattr(r, f.name)) for f in fields(r)}
                for n, r in enumerate(records)]
        if not rows:
            return
        columns = list(rows[0])
        quoted = ", ".join(f'"{c}"' for c in columns)
        self.db.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})",
                            [[row[c] for c in columns] for row in rows])

    def note_skip(self, item: Skip) -> None:
        """Remember an input that could not be used (the latest reason per path and code)."""
        self.db.execute("INSERT OR REPLACE INTO skip VALUES (?, ?, ?)", (item.path, item.code, item.reason))

    def replace_entities(self, entities: Iterable[Entity], key_to_entity: dict[tuple[str, str], str]) -> None:
        """Replace the corpus-wide entities and the map from (document, mention key) to them (one
        transaction)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM entity")
            self.db.execute("DELETE FROM entity_key")
            self.db.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [(e.id, e.type, e.name, e.kb_id, e.lat, e.lon, e.place_kind, e.unresolved)
                                 for e in entities])
            self.db.executemany("INSERT INTO entity_key VALUES (?, ?, ?)",
                                sorted((doc, key, e) for (doc, key), e in key_to_entity.items()))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def replace_findings(self, findings: Iterable[Finding]) -> None:
        """Replace the corpus-wide findings (one transaction)."""
        rows = [(f.id, n, f.kind, f.subject, f.attribute, f.entity,
                 json.dumps([{fl.name: getattr(c, fl.name) for fl in fields(c)} for c in f.claims],
                            ensure_ascii=False), f.explanation)
                for n, f in enumerate(findings)]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM finding")
            self.db.executemany("INSERT INTO finding VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # ---------------------------------------------------------------- reading

    def rows(self, table: str, where: str = "", params: tuple = ()) -> Iterator[dict]:
        """Rows of a table as dicts in a stable order (documents by file, then offsets)."""
        order = {"document": "file, id", "entity": "id", "entity_key": "doc, key", "finding": "n",
                 "skip": "path, code", "name": "doc, n"}.get(table, "doc, n")
        sql = f"SELECT * FROM {table} {'WHERE ' + where if where else ''} ORDER BY {order}"
        for row in self.db.execute(sql, params):
            yield dict(row)

    def document(self, doc_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM document WHERE id=?", (doc_id,)).fetchone()
        return dict(row) if row else None

    def count(self, table: str) -> int:
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def counts(self) -> dict[str, int]:
        """How many records each table holds (documents, entities, timexes, ...)."""
        tables = ("document", "entity", "mention", "timex", "quantity", "citation", "quote", "label",
                  "framing", "event", "finding", "skip")
        return {t: self.count(t) for t in tables}
