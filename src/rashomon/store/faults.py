"""What went wrong with a store, in words a user can act on: a damaged file, a read-only place,
a full disk. The database drivers raise their own errors; `explain` turns those into a
documented `StoreError` with a reason code (rashomon.errors) and a hint, and checks that a store
is fit to be written before anything is written into it.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
from pathlib import Path

from rashomon.errors import DISK_FULL, OTHER_SCHEMA_VERSION, STORE_DAMAGED, STORE_READ_ONLY, RashomonError

# SQLite's primary result codes (sqlite3 exceptions carry the extended code; its low byte is these)
SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 8, 10, 11, 13, 14, 26
# PostgreSQL's SQLSTATE classes and codes with the same meaning
PG_DAMAGED = ("XX001", "XX002")  # data_corrupted, index_corrupted
PG_FULL = "53100"  # disk_full
SQLITE_HEADER = b"SQLite format 3\x00"
SLACK = 1 << 20  # a disk with less free space than this (or a file this close to its size limit) is full


class StoreError(RashomonError):
    """A store that cannot be used as asked: damaged (R018), read-only (R019), out of space (R020)."""


def damaged(db: str | Path, detail: str, before_writing: bool = False) -> StoreError:
    """The error for a damaged SQLite store, with what to do about it."""
    detail = "; ".join(line.replace("*** in database main ***", "").strip() for line in detail.splitlines())
    return StoreError(STORE_DAMAGED, f"the store {db} is damaged ({detail.strip('; ')})"
                              + (": nothing was written into it" if before_writing else "")
                              + f"; check it with `sqlite3 {db} 'PRAGMA integrity_check'` and restore it from a "
                                "copy, or analyse the accounts again into a new store")


def explain(error: BaseException, db: str | Path) -> StoreError | None:
    """The documented error behind a driver's error, or None when it is none of these."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, sqlite3.DatabaseError):
        return _explain_sqlite(error, Path(db))
    state = getattr(getattr(error, "diag", None), "sqlstate", None)  # psycopg
    if state in PG_DAMAGED:
        return StoreError(STORE_DAMAGED, f"the store {db} is damaged ({str(error).strip()}); restore the database "
                                         "from a backup or analyse the accounts again into a new one")
    if state == PG_FULL:
        return StoreError(DISK_FULL, f"the disk of the PostgreSQL server of {db} is full ({str(error).strip()}): "
                                  "what was stored before is kept; free space and run again to continue")
    return None


def _explain_sqlite(error: sqlite3.DatabaseError, db: Path) -> StoreError | None:
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in str(error) or "not a database" in str(error):
        return damaged(db, str(error)) if is_sqlite(db) else None  # else some other file: a usage error
    if code == SQLITE_FULL or (code == SQLITE_IOERR and _out_of_space(db)):
        return StoreError(DISK_FULL, f"no space is left for the store {db}: the disk is full (or the file size limit "
                                  "is reached); what was stored before is kept: free space and run again to continue")
    if code in (SQLITE_READONLY, SQLITE_CANTOPEN):
        return read_only(db) or None
    return None


def is_sqlite(db: Path) -> bool:
    """Whether the file at `db` starts as an SQLite database does (a damaged one too), rather
    than being some other file given as the store."""
    try:
        with db.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _out_of_space(db: Path) -> bool:
    """Whether the store's disk is full, or its files have reached this process's size limit."""
    folder = db.parent if str(db.parent) else Path(".")
    try:
        if shutil.disk_usage(folder).free < SLACK:
            return True
    except OSError:
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    sizes = [p.stat().st_size for p in (db, Path(f"{db}-wal"), Path(f"{db}-journal")) if p.exists()]
    return any(size > limit - SLACK for size in sizes)


def read_only(db: Path) -> StoreError | None:
    """Why the store at `db` cannot be written here, or None when it can: a read-only folder, or
    a read-only file of the store (itself, or its -wal or -shm file)."""
    folder = db.parent if str(db.parent) else Path(".")
    hint = "export, findings and report can still read it"
    if not os.access(folder, os.W_OK):
        what = "holds the store" if db.exists() else "is where the store would be made"
        return StoreError(STORE_READ_ONLY, f"the folder {folder} is read-only: it {what}, and Rashomon cannot "
                                           "write there" + (f" ({hint})" if db.exists() else ""))
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        if path.exists() and not os.access(path, os.W_OK):
            return StoreError(STORE_READ_ONLY, f"the file {path} is read-only: the store cannot be written ({hint}); "
                                      "make it writable to analyse into it")
    return None


def check_writable(db: Path) -> None:
    """Refuse, before anything is written, a store that cannot be written or fails SQLite's quick
    integrity check (a damaged store is never written into: the user's copy stays as it was)."""
    problem = read_only(db)
    if problem:
        raise problem
    if db.exists() and db.stat().st_size:
        check_intact(db, before_writing=True)


def check_intact(db: Path, before_writing: bool = False) -> None:
    """Refuse a store that fails SQLite's quick integrity check (`serve` says so before it starts,
    rather than on the page that first reads the damaged part)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
        try:
            found = [row[0] for row in con.execute("PRAGMA quick_check(3)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        known = explain(e, db)
        if known is None and not is_sqlite(db):
            raise RashomonError(OTHER_SCHEMA_VERSION, f"{db} is not a Rashomon store (not an SQLite database)"
                                + (": nothing was written into it" if before_writing else "")) from None
        raise (damaged(db, str(e), before_writing) if known is None or known.code == STORE_DAMAGED else known) from None
    if found != ["ok"]:
        raise damaged(db, "\n".join(found), before_writing)
