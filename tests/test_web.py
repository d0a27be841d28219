"""The local web app through FastAPI's TestClient: every page, 404s, escaping, read-only, URL filters."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from itertools import pairwise

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rashomon.cli import app as cli
from rashomon.outputs.export import to_dict
from rashomon.outputs.report import render
from rashomon.outputs.web import create_app
from rashomon.store import Store

from .webdata import sample_store

HOSTILE = """---
title: <script>alert("title")</script> Tarvand
publisher: <img src=x onerror=alert(2)>
---
<script>alert("x")</script> The Guard of <b>Tarvand</b> said on March 3, 2020 that
"</textarea><svg onload=alert(3)>" was over.
<iframe src="javascript:alert(4)"></iframe> {{ 7*7 }} ' onmouseover='alert(5)
"""
RAW = ("<script>alert", "<img src=x", "<b>Tarvand</b>", "<svg onload", "<iframe", "onmouseover='alert")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    return sample_store(folder, extra=[folder / "hostile.md"])


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path), base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


def doc_id(store_path, name: str) -> str:
    with sqlite3.connect(store_path) as db:
        return db.execute("SELECT id FROM document WHERE file LIKE ?", (f"%{name}",)).fetchone()[0]


def json_block(page: str, cls: str) -> dict:
    found = re.search(rf'<script type="application/json" class="{cls}">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_every_page_answers_with_its_content(client, store_path):
    gazette = doc_id(store_path, "harbor-gazette.txt")
    pages = {"/": "Harbor Gazette", "/findings": "start date of Operation Sahel Dawn", "/timeline": "tl-data",
             "/map": "map-data", "/search?q=bridge": "What I saw at the bridge",
             f"/documents/{gazette}": "Clash at Tarvand Bridge leaves dozens dead",
             "/entities/tarvand-bridge": "Tarvand"}
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.text, url
        assert response.headers["content-type"].startswith("text/html")


def test_sources_page_counts_claims_from_findings(client, store_path):
    page = client.get("/").text
    row = re.search(r"harbor-gazette\.txt.*?</tr>", page, re.S).group()
    assert "independent press" in row and "2019-03-15" in row
    # the counts are the gazette's claims in the store's findings, by kind
    gazette = doc_id(store_path, "harbor-gazette.txt")
    with Store(store_path, readonly=True) as store:
        findings = to_dict(store)["findings"]
    kinds = [f["kind"] for f in findings for c in f["claims"] if c["doc"] == gazette]
    ok = sum(k in ("agreement", "compatible") for k in kinds)
    bad = sum(k in ("conflict", "self_contradiction") for k in kinds)
    alone = kinds.count("uncorroborated")
    assert bad >= 1
    assert re.search(rf'class="c-ok">{ok}<.*class="c-bad">{bad}<.*class="c-alone">{alone}<', row, re.S)


def test_a_missing_or_wrong_id_is_a_404_page_not_a_traceback(client):
    for url in ("/documents/doc-000000000000", "/entities/nobody", "/no/such/page", "/documents/%3Cscript%3E",
                "/entities/..%2F..%2Fetc%2Fpasswd"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Not found" in response.text and "Traceback" not in response.text and "<script>" not in response.text


def test_document_text_is_escaped_everywhere(client, store_path):
    hostile = doc_id(store_path, "hostile.md")
    for url in ("/", f"/documents/{hostile}", "/search?q=Guard+Tarvand", "/entities/tarvand-bridge", "/timeline",
                "/map"):
        page = client.get(url).text
        for raw in RAW:
            assert raw not in page, (url, raw)
    page = client.get(f"/documents/{hostile}").text
    assert re.search(r"&lt;script&gt;alert\((&#34;|&quot;)x(&#34;|&quot;)\)&lt;/script&gt;", page)
    assert "&lt;b&gt;Tarvand&lt;/b&gt;" in page
    assert "{{ 7*7 }}" in re.sub(r"<[^>]+>", "", page)  # not evaluated as a template either


def test_document_page_links_names_and_sets_segments_apart(client, store_path):
    ministry = doc_id(store_path, "ministry-briefing.html")
    page = client.get(f"/documents/{ministry}").text
    assert re.search(r'<a href="/entities/hamid-rostami" class="ent PERSON"[^>]*>Hamid Rostami</a>', page)
    assert 'class="seg embedded_post"' in page and "embedded post · Marzabad Governorate" in page
    assert 'class="seg boilerplate"' in page
    assert '<mark class="timex"' in page and '<mark class="quantity"' in page


def test_a_finding_links_to_its_evidence_highlighted_in_the_document(client, store_path):
    page = client.get("/findings").text
    link = re.search(r'href="(/documents/[^"]+\?hl=(\d+)-(\d+)#evidence)"', page)
    assert link
    start, end = int(link.group(2)), int(link.group(3))
    target = client.get(link.group(1).replace("&amp;", "&")).text
    assert 'class="evidence" title="evidence" id="evidence"' in target
    doc = link.group(1).split("/")[2].split("?")[0]
    with sqlite3.connect(store_path) as db:
        claimed = db.execute("SELECT substr(text, ?, ?) FROM document WHERE id=?",
                             (start + 1, end - start, doc)).fetchone()[0]
    shown = re.search(r'id="evidence">(.*?)</article>', target, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", shown).startswith(claimed.replace('"', "&#34;"))


def test_findings_put_conflicts_first_and_filter_by_url(client, store_path):
    page = client.get("/findings").text
    kinds = re.findall(r'<section class="finding kind-(\w+)"', page)
    assert kinds[:2] == ["conflict", "conflict"] and kinds[-1] == "uncorroborated"
    deaths = next(section for section in re.findall(r'<section class="finding kind-conflict".*?</section>', page, re.S)
                  if "number of people" in section)
    marked = re.findall(r'<mark class="value">(.*?)</mark>', deaths)
    assert "37" in marked and "over 50" in marked  # the compared value is marked in each sentence...
    assert "12" not in marked  # ...not every number near it
    only = client.get("/findings?kind=uncorroborated").text
    assert set(re.findall(r"<section class=\"finding kind-(\w+)\"", only)) == {"uncorroborated"}
    gazette = doc_id(store_path, "harbor-gazette.txt")
    with Store(store_path, readonly=True) as store:
        findings = to_dict(store)["findings"]
    citing = [f for f in findings if any(c["doc"] == gazette for c in f["claims"])]
    assert len(re.findall(r'<section class="finding', client.get(f"/findings?source={gazette}").text)) == len(citing)
    about = len(re.findall(r'<section class="finding', client.get("/findings?entity=sarhadi-liberation-front").text))
    assert 1 <= about < len(findings)
    assert "No findings match" in client.get("/findings?kind=self_contradiction").text


def test_sources_filter_by_perspective_in_the_url(client):
    page = client.get("/?perspective=eyewitness").text
    assert "witness-blog.json" in page and "harbor-gazette.txt" not in page


def test_timeline_has_one_lane_per_source_and_marks_conflicts(client, store_path):
    data = json_block(client.get("/timeline").text, "tl-data")
    assert len(data["lanes"]) == 5
    events = [i for i in data["items"] if i["kind"] == "event"]
    assert any(i["conflict"] and i["start"] == "2019-03-13" for i in events)
    assert any(i["start"] != i["end"] for i in data["items"])  # an uncertain date is drawn as a span
    gazette = doc_id(store_path, "harbor-gazette.txt")
    one = json_block(client.get(f"/timeline?source={gazette}").text, "tl-data")
    assert one["lanes"] == [gazette] and {i["lane"] for i in one["items"]} == {gazette}


def test_map_has_located_places_and_lists_the_others(client):
    page = client.get("/map").text
    places = json_block(page, "map-data")["places"]
    tarvand = next(p for p in places if p["name"] == "Tarvand Bridge")
    assert tarvand["lat"] == pytest.approx(27.18) and tarvand["sources"] >= 4 and tarvand["events"]
    assert "Not located" in page and "Marzabad Coast" in page
    basemap = client.get("/basemap.geojson").json()
    assert basemap["type"] == "FeatureCollection" and len(basemap["features"]) > 150
    assert client.get("/static/leaflet/leaflet.js").status_code == 200


def test_entity_page_shows_names_and_labels_per_source(client):
    page = client.get("/entities/sarhadi-liberation-front").text
    assert "Sarhadi Liberation Front" in page and "Statement on the liberation of Tarvand Bridge" in page
    assert re.search(r'class="chip label">', page)  # the words the sources use for it
    tarvand = client.get("/entities/tarvand-bridge").text
    assert "ASSAULT" in tarvand
    un = client.get("/entities/united-nations")
    assert un.status_code == 404 or 'href="https://www.wikidata.org/wiki/Q1065"' in un.text


def test_search_uses_full_text_index_and_survives_odd_queries(client):
    page = client.get("/search?q=mortars+Golzar").text
    assert "What I saw at the bridge" in page and '<mark class="hit">mortars</mark>' in page
    assert "1 document matches" in page
    for odd in ('"', "AND (", "NEAR(", "*", "bridge OR", "x" * 500, "é"):
        response = client.get("/search", params={"q": odd})
        assert response.status_code == 200, odd
    assert "0 documents" in client.get("/search?q=zzzyzzy").text


def test_the_app_serves_the_store_read_only(client, store_path):
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    for url in ("/", "/findings", "/timeline", "/map", "/search?q=bridge", "/entities/tarvand-bridge"):
        client.get(url)
    assert client.post("/").status_code == 405 and client.delete("/documents/x").status_code in (404, 405)
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        client.app.state.store.db.execute("DELETE FROM document")


def test_serve_listens_on_loopback_by_default_and_refuses_a_missing_store(tmp_path):
    runner = CliRunner()
    assert "127.0.0.1" in runner.invoke(cli, ["serve", "--help"]).output
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no store" in result.output


def test_report_holds_every_page_and_loads_nothing(store_path):
    with Store(store_path, readonly=True) as store:
        assert render(store) == render(store)  # the same store twice gives the same bytes
        page = render(store)
    for section in ("sources", "findings", "timeline", "map", "search", "entity-tarvand-bridge"):
        assert f'id="{section}"' in page
    assert page.count('<section class="page document"') == 5
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert 'id="basemap"' in page and "data:text/javascript;base64," in page


def test_timeline_sets_aside_the_dates_of_page_chrome_and_cited_titles(tmp_path):
    from rashomon.outputs.web.pages import Pages

    from .webdata import chrome_store

    with Store(chrome_store(tmp_path), readonly=True) as store:
        pages = Pages(store)
        with pages.reading():
            items = pages.timeline()["entries"]
    aside = {i["text"] for i in items if i["aside"]}
    story = {i["start"][:4] for i in items if not i["aside"]}
    assert "Monday, March 3, 2014" in aside and "1802–1871" in aside
    assert story == {"1994"}


def test_basemap_draws_no_line_across_the_map():
    from rashomon.outputs.web.basemap import countries

    crossing = []
    for feature in json.loads(countries())["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for ring in (r for p in polygons for r in p):
            crossing += [feature["properties"].get("name") for (a, y), (b, z) in pairwise(ring)
                         if abs(a - b) > 180 and not abs(y) == abs(z) == 90]  # along a pole: off the map
    assert crossing == []
