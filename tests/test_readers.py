"""The store's typed readers, and the report and the web app on a PostgreSQL store: the same
report and the same pages as from SQLite, search by PostgreSQL's own full-text search."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from rashomon import analyze
from rashomon.outputs.export import to_dict
from rashomon.outputs.report import render
from rashomon.outputs.web import create_app
from rashomon.records import Event, Quantity, Timex
from rashomon.store import Store

from .conftest import EXAMPLES, postgres_schema

KB = EXAMPLES.parent / "knowledge.yaml"
LOCAL = "http://127.0.0.1"  # the web app answers only to the names it is reached by
PAGES = ("/", "/findings", "/findings?kind=conflict", "/timeline", "/map", "/entities/tarvand-bridge")


def _analysed(db) -> None:
    with analyze([EXAMPLES], db=db, sources=EXAMPLES / "sources.yaml", kb=[KB]):
        pass


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("readers") / "sample.db"
    _analysed(db)
    return db


@pytest.fixture(scope="module")
def postgres_store():
    with postgres_schema() as address:
        _analysed(address)
        yield address


def test_typed_readers_give_the_records_the_stages_made(sqlite_store):
    with Store(sqlite_store, readonly=True) as store, store.snapshot():
        exported = to_dict(store)  # a snapshot inside a snapshot is the same one
        events = list(store.resolved_events())
        timexes = {t.id: t.record for t in store.timexes()}
        quantities = {q.id: q.record for q in store.quantities()}
        documents = [d.id for d in store.documents()]
    assert documents == [d["id"] for d in exported["documents"]]
    assert events and all(isinstance(e.event, Event) for e in events)
    by_id = {e["id"]: e for e in exported["events"]}
    assert [e.id for e in events] == list(by_id)
    for e in events:  # references resolved to the very records the export points to
        shown = by_id[e.id]
        assert (e.time is None) == (shown["time"] is None)
        if e.time is not None:
            assert isinstance(e.time, Timex) and e.time == timexes[shown["time"]]
        if e.duration is not None:
            assert e.duration == timexes[shown["duration"]]
        assert [q.id for q in e.quantities] == shown["quantities"]
        assert all(isinstance(q.record, Quantity) and q.record == quantities[q.id] for q in e.quantities)
        assert (e.actor, e.target, e.name) == (shown["actor"], shown["target"], shown["name"])
        assert list(e.places) == list(dict.fromkeys(shown["places"]))
        assert e.source_id == shown["source"]["id"]
    assert any(e.time for e in events) and any(e.quantities for e in events)


def test_report_on_postgres_is_the_report_on_sqlite(sqlite_store, postgres_store):
    with Store(sqlite_store, readonly=True) as lite, Store(postgres_store, readonly=True) as pg:
        from_sqlite, from_postgres = render(lite), render(pg)
    assert "Tarvand" in from_postgres and from_postgres == from_sqlite


def test_report_command_writes_the_report_of_a_postgres_store(postgres_store, tmp_path):
    from typer.testing import CliRunner

    from rashomon.cli import app

    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", postgres_store, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Operation Sahel Dawn" in out.read_text(encoding="utf-8")


def test_web_app_on_postgres_serves_the_pages_of_sqlite(sqlite_store, postgres_store):
    with TestClient(create_app(sqlite_store), base_url=LOCAL) as lite, \
            TestClient(create_app(postgres_store), base_url=LOCAL) as pg:
        gazette = next(d["id"] for d in lite.app.state.pages.sources()["documents"] if "gazette" in d["file"])
        for url in (*PAGES, f"/documents/{gazette}", f"/map?source={gazette}", f"/findings?source={gazette}"):
            a, b = lite.get(url), pg.get(url)
            assert b.status_code == a.status_code == 200, url
            assert b.text == a.text, url
        assert pg.get("/documents/doc-000000000000").status_code == 404


def _hits(page: str) -> list[str]:
    return re.findall(r'<mark class="hit">(.*?)</mark>', page)


def test_search_on_postgres_finds_documents_holding_every_word(postgres_store):
    with TestClient(create_app(postgres_store), base_url=LOCAL) as client:
        both = client.get("/search", params={"q": "bridge fighters"}).text
        assert "Statement on the liberation of Tarvand Bridge" in both
        assert {h.lower() for h in _hits(both)} >= {"bridge", "fighters"}
        one = client.get("/search", params={"q": "bridge"}).text
        assert one.count('class="snippet"') > both.count('class="snippet"') >= 1
        assert client.get("/search", params={"q": "bridge zyxxyz"}).text.count('class="snippet"') == 0
        assert client.get("/search", params={"q": "\"'); DROP TABLE document; --"}).status_code == 200
        assert client.get("/").status_code == 200  # the store is still whole
