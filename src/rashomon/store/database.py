"""The store: every stage's output in one SQLite file or one PostgreSQL database (schema.sql).

SQLite is the default and the simple path: WAL mode, so readers (the report, the web app) never
block a writer. PostgreSQL (`postgresql://user@host/db`, psycopg 3, the `postgres` extra) serves
many writers and large archives. Both take the same schema file; what differs between them (the
connection, placeholders, transactions, read-only opening, text collation) is in the two
dialect classes, `_SQLite` and `_Postgres`.
Either way one document is one transaction, so a run killed mid-way leaves every document
either whole or absent.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from importlib import resources
from itertools import groupby, islice
from pathlib import Path
from urllib.parse import quote

from rashomon.errors import MISSING_PACKAGE, MISSING_PATH, OTHER_SCHEMA_VERSION, RashomonError
from rashomon.interrupts import deferred
from rashomon.records import DocumentAnalysis, Entity, Finding, Skip, Source
from rashomon.store.browse import Browse
from rashomon.store.dating import Dating
from rashomon.store.faults import check_writable, explain
from rashomon.store.grouping import Grouping
from rashomon.store.reading import Readers, decoder
from rashomon.store.search import PG_SEARCH_TEXT, Searching

SCHEMA_VERSION = "3"
SCHEMA = resources.files("rashomon.store").joinpath("schema.sql")  # the tables, as the package ships them
# what a sources manifest sets on a document: its metadata, never its analysis
METADATA_COLUMNS = ("title", "publisher", "author", "published", "url", "perspective", "published_from",
                    "published_start", "published_end")
# per-document tables and the DocumentAnalysis field that fills each
DOCUMENT_TABLES = {"segment": "segments", "name": "entities", "mention": "mentions", "timex": "timexes",
                   "quantity": "quantities", "citation": "citations", "quote": "quotes", "label": "labels",
                   "framing": "framing", "event": "events",
                   "claim": "claims", "band": "bands"}
SOURCE_COLUMNS = ("id", "sha256", "file", "url", "title", "publisher", "author", "published", "perspective",
                  "text", "words", "published_from", "published_start", "published_end", "pages")
# the order `rows` gives each table (text columns compare as code points in both databases)
ORDER = {"document": ("file", "id"), "entity": ("id",), "entity_key": ("doc", "key"), "finding": ("n",),
         "skip": ("path", "code"), "name": ("doc", "n")}
TEXT_COLUMNS = {"file", "id", "key", "path", "code", "doc"}
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
CLAIM_CHUNK = 500  # claims of findings written at a time


def _chunks(items: Iterable[str]) -> Iterator[list[str]]:
    """Lists of up to CLAIM_CHUNK items, in order."""
    items = iter(items)
    while chunk := list(islice(items, CLAIM_CHUNK)):
        yield chunk


def _json_list(items: list[str]) -> str:
    """The JSON list of items that are each JSON already."""
    return "[" + ", ".join(items) + "]"


def _encode(value: object) -> object:
    """A record field as a database value: lists and tuples as JSON, booleans as 0/1."""
    if isinstance(value, (tuple, list)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def is_postgres(db: str | Path) -> bool:
    """Whether `db` names a PostgreSQL database rather than an SQLite file."""
    return isinstance(db, str) and db.startswith(POSTGRES_SCHEMES)


class _SQLite:
    """SQLite: one file, `?` placeholders, BEGIN IMMEDIATE so a second writer waits its turn."""

    def connect(self, db: str | Path, readonly: bool):
        path = Path(db)
        if readonly:
            if not path.exists():
                raise RashomonError(MISSING_PATH, f"no store at {path}")
            # a store that may not be written here is read as it is on disk: no -shm or -wal file is
            # made beside it, so nothing is left behind that would stop the next run
            mode = "immutable=1" if _unwritable(path) else "mode=ro"
            con = sqlite3.connect(f"file:{quote(str(path))}?{mode}", uri=True, check_same_thread=False)
        else:
            check_writable(path)
            con = sqlite3.connect(path, timeout=60, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA busy_timeout=60000")
        return con

    def sql(self, statement: str) -> str:
        return statement

    def create(self, con, script: str) -> None:
        con.executescript(script)

    @contextmanager
    def transaction(self, con) -> Iterator[None]:
        with deferred():
            con.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if con.in_transaction:  # SQLite has already rolled back after a full disk or an I/O error
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def order(self, columns: tuple[str, ...]) -> str:
        return ", ".join(f'"{c}"' for c in columns)

    def collate(self, expression: str) -> str:
        """A text expression that sorts by code points (SQLite's own order)."""
        return expression

    def after(self, expression: str, separator: str) -> str:
        """The text of `expression` after the first `separator` (a constant of the code, no input)."""
        return f"substr({expression}, instr({expression}, '{separator}') + {len(separator)})"

    def json_has(self, column: str, value: str) -> str:
        """SQL true when the JSON list in `column` holds `value`."""
        return f"EXISTS (SELECT 1 FROM json_each({column}) j WHERE j.value = {value})"

    def stream(self, con, statement: str, params: tuple = ()) -> Iterator:
        """The rows of a query as the database gives them, a few at a time (SQLite steps its cursor)."""
        return con.execute(statement, params)

    def begin_read(self, con) -> None:
        """Start a read transaction: every query until `end_read` sees the store as of its first one."""
        con.execute("BEGIN")

    def end_read(self, con) -> None:
        con.execute("COMMIT")

    def missing_schema(self, error: Exception) -> bool:
        """Whether `error` says the store has no tables yet (not a store of Rashomon's)."""
        return isinstance(error, sqlite3.OperationalError) and "no such table" in str(error)

    def has_table(self, con, table: str) -> bool:
        """Whether the store has `table` (one opened read-only may predate it)."""
        found = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
        return found.fetchone() is not None


class _Postgres(_SQLite):
    """PostgreSQL: `%s` placeholders, ordinary transactions, read-only sessions, C collation order."""

    def connect(self, db: str | Path, readonly: bool):
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise RashomonError(MISSING_PACKAGE,
                                "a PostgreSQL store needs psycopg: pip install 'rashomon[postgres]'") from None
        try:
            con = psycopg.connect(str(db), autocommit=True, row_factory=dict_row)
        except psycopg.OperationalError as e:
            raise RashomonError(MISSING_PATH, f"cannot connect to {safe_address(db)}: {str(e).strip()}") from None
        if readonly:
            con.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return con

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    def create(self, con, script: str) -> None:
        with con.transaction():
            con.execute("SELECT pg_advisory_xact_lock(8008)")  # two first runs must not race on CREATE TABLE
            con.execute(script)
            con.execute(f"CREATE INDEX IF NOT EXISTS document_search ON document USING gin ({PG_SEARCH_TEXT})")

    @contextmanager
    def transaction(self, con) -> Iterator[None]:
        with deferred(), con.transaction():
            yield

    def order(self, columns: tuple[str, ...]) -> str:
        return ", ".join(f'"{c}" COLLATE "C"' if c in TEXT_COLUMNS else f'"{c}"' for c in columns)

    def collate(self, expression: str) -> str:
        return f'{expression} COLLATE "C"'

    def after(self, expression: str, separator: str) -> str:
        return f"substr({expression}, strpos({expression}, '{separator}') + {len(separator)})"

    def json_has(self, column: str, value: str) -> str:
        return f"jsonb_exists({column}::jsonb, {value})"

    def stream(self, con, statement: str, params: tuple = ()) -> Iterator:
        """A server-side cursor (psycopg's plain one takes the whole result to the client), held
        across the commits of an autocommit session and read 2,000 rows at a time."""
        with con.cursor(name=f"stream_{uuid.uuid4().hex}", withhold=True) as cursor:
            cursor.itersize = 2000
            cursor.execute(self.sql(statement), params)
            yield from cursor

    def begin_read(self, con) -> None:
        """A repeatable-read transaction: one snapshot for every query until `end_read`."""
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def has_table(self, con, table: str) -> bool:
        return con.execute("SELECT to_regclass(%s) AS found", (table,)).fetchone()["found"] is not None

    def missing_schema(self, error: Exception) -> bool:
        import psycopg

        return isinstance(error, psycopg.errors.UndefinedTable)


def _unwritable(path: Path) -> bool:
    """Whether this process may not write the store at `path` (its folder or its file is
    read-only) and no write-ahead log waits beside it to be read."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    return not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK)


def safe_address(db: str | Path) -> str:
    """A database address fit to print: without a password."""
    text = str(db)
    if "@" in text and "://" in text:
        scheme, rest = text.split("://", 1)
        user, host = rest.rsplit("@", 1)
        return f"{scheme}://{user.split(':', 1)[0]}@{host}"
    return text


class Store(Readers, Browse, Searching, Grouping, Dating):
    """A Rashomon store: an SQLite file path, or a `postgresql://` address; `readonly` opens it for
    reading only. Its readers are in `reading` (records) and `browse` (pages, search); what
`resolve` reads and writes in `grouping`."""

    def __init__(self, path: str | Path, readonly: bool = False):
        self._reading = 0
        self.postgres = is_postgres(path)
        self.path = str(path) if self.postgres else Path(path)
        self.dialect = _Postgres() if self.postgres else _SQLite()
        try:
            self.db = self.dialect.connect(path, readonly)
            if not readonly:
                self.dialect.create(self.db, SCHEMA.read_text("utf-8"))
            version = self._version()
        except Exception as e:
            known = explain(e, safe_address(self.path))
            if known is None:
                raise
            raise known from None
        if version is None or version[0] != SCHEMA_VERSION:
            found = version[0] if version else "none"
            raise RashomonError(OTHER_SCHEMA_VERSION, f"{safe_address(self.path)} has schema version {found}, "
                                f"this Rashomon reads {SCHEMA_VERSION}")

    def _version(self) -> tuple | None:
        try:
            return self._one("SELECT value FROM meta WHERE key='schema_version'")
        except Exception as e:
            if self.dialect.missing_schema(e):
                return None
            raise

    def _execute(self, statement: str, params: tuple | list = ()):
        return self.db.execute(self.dialect.sql(statement), params)

    def _one(self, statement: str, params: tuple | list = ()) -> tuple | None:
        row = self._execute(statement, params).fetchone()
        return None if row is None else tuple(row.values()) if isinstance(row, dict) else tuple(row)

    def _many(self, statement: str, rows: list | Iterator) -> None:
        if rows:
            self.db.cursor().executemany(self.dialect.sql(statement), rows)

    def close(self) -> None:
        self.close_search()
        self.db.close()

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Read the store as of one moment: everything read inside sees the same documents, even
        while an `analyze` writes (one read transaction in SQLite, repeatable read in PostgreSQL).
        Snapshots nest: an inner one is the outer one."""
        if self._reading:
            self._reading += 1
            try:
                yield self
            finally:
                self._reading -= 1
            return
        self.dialect.begin_read(self.db)
        self._reading = 1
        try:
            yield self
        finally:
            self._reading = 0
            self.dialect.end_read(self.db)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- writing

    def has_document(self, doc_id: str) -> bool:
        return self._one("SELECT 1 FROM document WHERE id=?", (doc_id,)) is not None

    def update_metadata(self, doc_id: str, values: dict[str, str | None]) -> bool:
        """Set a stored document's metadata (`METADATA_COLUMNS` only) to `values`, without
        analysing it again; True when something changed."""
        given = {k: v for k, v in values.items() if k in METADATA_COLUMNS}
        if not given:
            return False
        now = self._one(f"SELECT {', '.join(given)} FROM document WHERE id=?", (doc_id,))
        if now is None or tuple(now) == tuple(given.values()):
            return False
        with self.dialect.transaction(self.db):
            self._execute(f"UPDATE document SET {', '.join(f'{k} = ?' for k in given)} WHERE id = ?",
                          (*given.values(), doc_id))
        return True

    def add(self, analysis: DocumentAnalysis, copies_from: int = 0) -> bool:
        """Store one document and everything found in it in one transaction; False when a document
        with the same text is already stored (nothing is written then). With `copies_from`, the
        document's story is the story of the stored document it shares that many fingerprint bands
        with (a republished copy), else its own."""
        with self.dialect.transaction(self.db):
            return self._write(analysis, copies_from)

    def replace(self, analysis: DocumentAnalysis, copies_from: int = 0) -> None:
        """Store a stored document's new analysis in place of the old one, in one transaction (a
        document read again with what the corpus knows: `corpus.story_years`)."""
        with self.dialect.transaction(self.db):
            self._remove(analysis.source.id)
            self._write(analysis, copies_from)

    def _write(self, analysis: DocumentAnalysis, copies_from: int) -> bool:
        src = analysis.source
        values = {c: _encode(getattr(src, c, None)) for c in SOURCE_COLUMNS} | {"id": src.id, "words": analysis.words}
        cur = self._execute(
            f"INSERT INTO document ({', '.join(SOURCE_COLUMNS)}) VALUES ({', '.join('?' * len(SOURCE_COLUMNS))}) "
            "ON CONFLICT DO NOTHING", [values[c] for c in SOURCE_COLUMNS])
        if cur.rowcount == 0:
            return False
        for table, attribute in DOCUMENT_TABLES.items():
            self._insert(table, src.id, getattr(analysis, attribute))
        story = self._copied_story(src.id, analysis.bands, copies_from) if copies_from else None
        self._execute("INSERT INTO story VALUES (?, ?)", (src.id, story or src.id))
        self._execute("DELETE FROM skip WHERE path=?", (src.file,))
        return True

    def move_places(self, doc_id: str, entities: Iterable[Entity]) -> None:
        """Put a document's named places where `entities` (by id) now say, in one transaction: the
        `homes` step reading an outlet's ambiguous names near where its readers live."""
        rows = [(e.lat, e.lon, e.place_kind, e.kb_id, e.radius_km, doc_id, e.id) for e in entities]
        if rows:
            with self.dialect.transaction(self.db):
                self._many("UPDATE name SET lat = ?, lon = ?, place_kind = ?, kb_id = ?, radius_km = ? "
                           "WHERE doc = ? AND id = ?", rows)

    def publisher_documents(self, publisher: str) -> list[str]:
        """The ids of a publisher's stored documents, in the order of `document_ids`."""
        order = self.dialect.order(ORDER["document"])
        return [row["id"] if isinstance(row, dict) else row[0] for row in
                self._execute(f"SELECT id FROM document WHERE publisher = ? ORDER BY {order}", (publisher,))]

    def _copied_story(self, doc: str, bands, at_least: int) -> str | None:
        """The story of the stored document that shares the most bands with `bands`, if it shares
        at least `at_least` (one query on the band index: copies cost their buckets, not pairs)."""
        if not bands:
            return None
        match = " OR ".join("(b.band = ? AND b.hash = ?)" for _ in bands)
        row = self._one(f"SELECT s.story, count(*) AS shared FROM band b JOIN story s ON s.doc = b.doc "
                        f"WHERE b.doc <> ? AND ({match}) GROUP BY b.doc, s.story "
                        f"ORDER BY shared DESC, {self.dialect.collate('s.story')} LIMIT 1",
                        [doc, *[x for band in bands for x in (band.band, band.hash)]])
        return row[0] if row is not None and row[1] >= at_least else None

    def delete(self, doc_id: str) -> bool:
        """Remove one document and everything found in it (one transaction); False when absent.
        The corpus-wide tables are left for the next `resolve` and `compare` to rebuild."""
        with self.dialect.transaction(self.db):
            return self._remove(doc_id)

    def _remove(self, doc_id: str) -> bool:
        for table in (*DOCUMENT_TABLES, "story"):
            self._execute(f"DELETE FROM {table} WHERE doc=?", (doc_id,))
        return self._execute("DELETE FROM document WHERE id=?", (doc_id,)).rowcount > 0

    def document_ids(self) -> list[str]:
        """Every stored document's id, in the order of `rows("document")`."""
        order = self.dialect.order(ORDER["document"])
        return [row["id"] if isinstance(row, dict) else row[0]
                for row in self._execute(f"SELECT id FROM document ORDER BY {order}")]

    def source(self, doc_id: str) -> Source | None:
        """A stored document as the Source it was read from (to analyse it again)."""
        row = self.document(doc_id)
        return decoder(Source)(row) if row else None

    def _insert(self, table: str, doc_id: str, records: Iterable) -> None:
        rows = [{"doc": doc_id, "n": n} | {f.name: _encode(getattr(r, f.name)) for f in fields(r)}
                for n, r in enumerate(records)]
        if not rows:
            return
        columns = list(rows[0])
        quoted = ", ".join(f'"{c}"' for c in columns)
        self._many(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})",
                   [[row[c] for c in columns] for row in rows])

    def note_skip(self, item: Skip) -> None:
        """Remember an input that could not be used (the latest reason per path and code)."""
        self._execute("INSERT INTO skip VALUES (?, ?, ?) ON CONFLICT (path, code) DO UPDATE SET reason=excluded.reason",
                      (item.path, item.code, item.reason))

    def replace_findings(self, findings: Iterable[Finding]) -> None:
        """Replace the corpus-wide findings (one transaction), laid out as `compare` writes them."""
        rows, parts = [], []
        for n, f in enumerate(findings):
            first, *more = list(_chunks(json.dumps({fl.name: getattr(c, fl.name) for fl in fields(c)},
                                                   ensure_ascii=False) for c in f.claims)) or [[]]
            rows.append((f.id, n, f.kind, f.subject, f.attribute, f.entity, _json_list(first), f.explanation))
            parts.extend((f.id, k, _json_list(chunk)) for k, chunk in enumerate(more, 1))
        with self.dialect.transaction(self.db):
            self._execute("DELETE FROM finding")
            self._execute("DELETE FROM finding_part")
            self._many("INSERT INTO finding VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            self._many("INSERT INTO finding_part VALUES (?, ?, ?)", parts)
            self._mark_corpus()

    def _mark_corpus(self) -> None:
        """A new corpus marker (`corpus_version`), in the transaction that rewrites a corpus-wide table."""
        self._execute("INSERT INTO meta (key, value) VALUES ('corpus', ?) ON CONFLICT (key) DO UPDATE "
                      "SET value = excluded.value", (uuid.uuid4().hex,))

    # ---------------------------------------------------------------- compare's scratch tables

    def frames_begin(self) -> None:
        """An empty scratch table of (frame, claim) rows, private to this connection: `compare` files
        every claim under the frames it belongs to, then reads them back frame by frame."""
        self._execute("CREATE TEMP TABLE IF NOT EXISTS frame_claim (frame TEXT NOT NULL, seq INTEGER NOT NULL, "
                      "said TEXT NOT NULL)")
        self._execute("CREATE INDEX IF NOT EXISTS frame_claim_order ON frame_claim(frame, seq)")
        self._execute("DELETE FROM frame_claim")
        self._frame_rows = 0

    def frames_add(self, rows: list[tuple[str, str]]) -> None:
        """File claims (as JSON) under frames."""
        self._many("INSERT INTO frame_claim VALUES (?, ?, ?)",
                   [(frame, self._frame_rows + n, said) for n, (frame, said) in enumerate(rows)])
        self._frame_rows += len(rows)

    def frames_rename(self, old: str, new: str) -> None:
        """File a frame's claims under another frame."""
        self._execute("UPDATE frame_claim SET frame = ? WHERE frame = ?", (new, old))

    def frames_drop(self, frame: str) -> None:
        """Unfile a frame's claims: what they tell is judged in another family's frame."""
        self._execute("DELETE FROM frame_claim WHERE frame = ?", (frame,))

    def frames(self) -> Iterator[tuple[str, Iterator[str]]]:
        """(frame, its claims as JSON) one frame at a time, in frame order, each frame's claims in
        the order they were filed; one cursor read as it goes, so that neither the table nor one
        frame's claims are ever whole in memory (a frame may hold a third of the corpus's claims)."""
        rows = self.dialect.stream(self.db, f"SELECT frame, said FROM frame_claim "
                                            f"ORDER BY {self.dialect.collate('frame')}, seq")
        for frame, said in groupby(rows, key=lambda r: r["frame"]):
            yield frame, (r["said"] for r in said)

    def findings_begin(self) -> None:
        """Empty scratch tables of findings (a long one's claims past the first CLAIM_CHUNK in parts of
        their own), ranked when they are published."""
        self._execute("CREATE TEMP TABLE IF NOT EXISTS finding_draft (rank_kind INTEGER, rank_central INTEGER, "
                      "rank_docs INTEGER, rank_doc TEXT, rank_start INTEGER, seq INTEGER, kind TEXT, subject TEXT, "
                      "attribute TEXT, entity TEXT, claims TEXT, explanation TEXT)")
        self._execute("CREATE INDEX IF NOT EXISTS finding_draft_seq ON finding_draft(seq)")
        self._execute("CREATE TEMP TABLE IF NOT EXISTS finding_draft_part (seq INTEGER, n INTEGER, claims TEXT)")
        self._execute("CREATE TEMP TABLE IF NOT EXISTS event_used (event TEXT PRIMARY KEY)")
        for table in ("finding_draft", "finding_draft_part", "event_used"):
            self._execute(f"DELETE FROM {table}")
        self._drafts = 0

    def events_used_add(self, events: Iterable[str]) -> None:
        """Note events some finding that compares sources uses (`compare` leaves out the claims of
        those events from what it says one source alone reports)."""
        for chunk in _chunks(events):
            self._many("INSERT INTO event_used VALUES (?) ON CONFLICT DO NOTHING", [(e,) for e in chunk])

    def events_used(self, events: Iterable[str]) -> set[str]:
        """Those of `events` noted as used."""
        found = set()
        for chunk in _chunks(events):
            found.update(r["event"] for r in self._execute(
                f"SELECT event FROM event_used WHERE event IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def findings_add(self, drafts: Iterable[tuple[tuple, Finding, Iterable[str]]]) -> None:
        """Findings with the rank they take ((kind, not central, -documents, first document, start))
        and the JSON of each claim they list (their `claims` left empty). A finding keeps its first
        CLAIM_CHUNK claims in its row and each further CLAIM_CHUNK in a part of its own (one may list
        tens of thousands), so that neither this process nor the database ever holds them all."""
        insert = "INSERT INTO finding_draft VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        rows, held = [], 0  # rows not yet written, and the claims they list
        for rank, f, claims in drafts:
            chunks = _chunks(claims)
            first = next(chunks, [])
            rows.append((*(int(x) if isinstance(x, bool) else x for x in rank), self._drafts, f.kind, f.subject,
                         f.attribute, f.entity, _json_list(first), f.explanation))
            held += len(first)
            if held >= CLAIM_CHUNK:
                self._many(insert, rows)
                rows, held = [], 0
            for n, chunk in enumerate(chunks, 1):
                self._execute("INSERT INTO finding_draft_part VALUES (?, ?, ?)", (self._drafts, n, _json_list(chunk)))
            self._drafts += 1
        self._many(insert, rows)

    def findings_publish(self) -> None:
        """Replace the store's findings with the drafts, in rank order, ids from finding-0001 (one
        transaction, ranked by the database: the findings are never all in memory). The ranks are
        numbered apart from the drafts, so that sorting them never holds the drafts' claims."""
        number = "CAST(rn AS TEXT)"
        finding_id = (f"'finding-' || CASE WHEN rn < 10000 THEN substr('0000' || {number}, length({number}) + 1) "
                      f"ELSE {number} END")
        self._execute("CREATE TEMP TABLE IF NOT EXISTS finding_rank (rn INTEGER PRIMARY KEY, seq INTEGER NOT NULL)")
        self._execute("DELETE FROM finding_rank")
        self._execute(f"INSERT INTO finding_rank SELECT row_number() OVER (ORDER BY rank_kind, rank_central, "
                      f"rank_docs, {self.dialect.collate('rank_doc')}, rank_start, seq), seq FROM finding_draft")
        with self.dialect.transaction(self.db):
            self._execute("DELETE FROM finding")
            self._execute("DELETE FROM finding_part")
            self._execute(
                f"INSERT INTO finding (id, n, kind, subject, attribute, entity, claims, explanation) "
                f"SELECT {finding_id}, rn - 1, kind, subject, attribute, entity, claims, explanation "
                f"FROM finding_rank JOIN finding_draft ON finding_draft.seq = finding_rank.seq ORDER BY rn")
            self._execute(
                f"INSERT INTO finding_part (finding, n, claims) SELECT {finding_id}, finding_draft_part.n, "
                f"finding_draft_part.claims FROM finding_rank JOIN finding_draft_part "
                f"ON finding_draft_part.seq = finding_rank.seq")
            self._mark_corpus()

    # ---------------------------------------------------------------- reading

    def rows(self, table: str, where: str = "", params: tuple = ()) -> Iterator[dict]:
        """Rows of a table as dicts in a stable order (documents by file, then offsets), the same
        order in SQLite and PostgreSQL. Raw rows, for `compare` until it reads the typed readers
        (`resolved_events`, `quantities`, ...)."""
        return self._rows(table, where, params)

    def claims_with_story(self) -> Iterator[dict]:
        """Every claim, in the order of `rows`, with the story its document tells ("story": None when
        the store has none for it), read as it goes (from a server-side cursor in PostgreSQL)."""
        order = self.dialect.order(ORDER["name"])
        for row in self.dialect.stream(self.db, "SELECT * FROM (SELECT claim.*, story.story FROM claim LEFT JOIN "
                                                f"story ON story.doc = claim.doc) AS claims ORDER BY {order}"):
            yield dict(row)

    def _rows(self, table: str, where: str = "", params: tuple = ()) -> Iterator[dict]:
        order = self.dialect.order(ORDER.get(table, ("doc", "n")))
        sql = f"SELECT * FROM {table} {'WHERE ' + where if where else ''} ORDER BY {order}"
        for row in self._execute(sql, params):
            yield dict(row)

    def document(self, doc_id: str) -> dict | None:
        row = self._execute("SELECT * FROM document WHERE id=?", (doc_id,)).fetchone()
        return dict(row) if row else None

    def count(self, table: str) -> int:
        return self._one(f"SELECT count(*) FROM {table}")[0]

    def counts(self) -> dict[str, int]:
        """How many records each table holds (documents, entities, timexes, ...)."""
        tables = ("document", "entity", "mention", "timex", "quantity", "citation", "quote", "label",
                  "framing", "event", "finding", "skip")
        return {t: self.count(t) for t in tables}
