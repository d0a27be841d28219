"""The store: WAL, schema version, one transaction per document, nothing stored twice."""

from __future__ import annotations

import sqlite3

import pytest

from rashomon.errors import RashomonError
from rashomon.records import DocumentAnalysis, Mention, Segment, Source
from rashomon.store import SCHEMA_VERSION, Store


def analysis(text: str, mentions=()) -> DocumentAnalysis:
    import hashlib

    src = Source(file="a.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    return DocumentAnalysis(source=src, segments=(Segment("body", 0, len(text)),), mentions=tuple(mentions), words=3)


def test_store_is_wal_and_versioned(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == SCHEMA_VERSION


def test_same_text_is_stored_once(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.add(analysis("Same text."))
        assert not store.add(analysis("Same text."))
        assert store.count("document") == 1 and store.count("segment") == 1


def test_a_document_that_fails_half_way_leaves_nothing(tmp_path):
    bad = analysis("Half.", mentions=[Mention(0, 4, "Half", "ORG", None)])  # key is NOT NULL
    with Store(tmp_path / "s.db") as store:
        store.add(analysis("Kept."))
        with pytest.raises(sqlite3.IntegrityError):
            store.add(bad)
        assert store.count("document") == 1 and store.count("segment") == 1 and store.count("mention") == 0


def test_a_store_of_another_schema_version_is_refused(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(RashomonError) as info:
        Store(tmp_path / "s.db")
    assert info.value.code == "R014"


def test_readonly_store_cannot_be_written(tmp_path):
    Store(tmp_path / "s.db").close()
    with Store(tmp_path / "s.db", readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM document")
