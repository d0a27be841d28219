"""The web app as a reading tool (issue 20): findings filtered by kind, source and entity and
sorted by weight, values in plain words, evidence never cut without an ellipsis nor so that it
misquotes; the entity list; search with phrases, OR and an entity's other names."""

from __future__ import annotations

import re
import sqlite3

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rashomon.cli import app as cli
from rashomon.outputs.quoting import ELLIPSIS, excerpt, shorten
from rashomon.outputs.web import create_app

from .webdata import sample_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return sample_store(tmp_path_factory.mktemp("reading"))


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path), base_url="http://127.0.0.1") as c:
        yield c


def kinds_shown(page: str) -> list[str]:
    return re.findall(r'<section class="finding kind-(\w+)"', page)


def test_findings_filter_by_kind_source_and_entity(client, store_path):
    everything = client.get("/findings?page=1").text
    assert "uncorroborated" in kinds_shown(client.get("/findings?kind=uncorroborated").text)
    hide = re.search(r'href="([^"]+)" data-hide-alone', everything)
    assert hide, "a link hides what only one source says"
    without_alone = client.get(hide.group(1).replace("&amp;", "&")).text
    assert kinds_shown(without_alone) and "uncorroborated" not in kinds_shown(without_alone)
    assert set(kinds_shown(client.get("/findings?kind=conflict").text)) == {"conflict"}
    with sqlite3.connect(store_path) as con:
        blog = con.execute("SELECT id FROM document WHERE file LIKE '%witness-blog%'").fetchone()[0]
    cited = client.get(f"/findings?source={blog}").text
    sections = re.findall(r'<section class="finding.*?</section>', cited, re.S)
    assert sections and all(f"/documents/{blog}?" in s for s in sections)
    about = client.get("/findings?entity=sarhadi-liberation-front").text
    assert kinds_shown(about) and all("Sarhadi Liberation Front" in s or "SLF" in s
                                      for s in re.findall(r'<section class="finding.*?</section>', about, re.S))


def test_findings_sorted_by_weight_put_the_most_sources_first(client):
    page = client.get("/findings?sort=weight").text
    weights = [int(w) for w in re.findall(r'<span class="meta">(\d+) sources?', page)]
    assert weights and weights == sorted(weights, reverse=True) and weights[0] >= 3


def test_values_are_in_plain_words_on_the_page_and_in_the_terminal(client, store_path):
    page = client.get("/findings?kind=conflict").text
    values = re.findall(r'<div class="claim-value">([^<]*)</div>', page)
    assert "14 March 2019" in values and "13 March 2019" in values
    assert not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in values)
    table = CliRunner().invoke(cli, ["findings", "--db", str(store_path), "-n", "0"]).output
    assert "14 March 2019" in " ".join(table.split()) and "2019-03-14" not in table


def test_evidence_is_never_cut_without_an_ellipsis_nor_into_a_misquote():
    text = ("The ministry denied that troops fired on the crowd near the old market on Friday evening, "
            "and said that at least 20 people had been hurt by stones thrown from the rooftops.")
    for limit in (40, 60, 90, 120):
        short = shorten(text, limit)
        assert short.endswith(ELLIPSIS) and len(short) <= limit + 2
        kept = short.removesuffix(ELLIPSIS).split()
        assert text.startswith(" ".join(kept))  # cut between words
        assert not re.search(r"\d", kept[-1]) and kept[-1].lower() not in ("least", "at")
    assert shorten("Troops fired.", 40) == "Troops fired."
    fired = text.index("troops fired")
    cut = excerpt(text, fired, fired + len("troops fired"), 60)
    shown = cut.of(text)
    assert "denied" in shown  # never "troops fired" without the denial before it
    twenty = text.index("20 people")
    cut = excerpt(text, twenty, twenty + 2, 50)
    assert "at least 20" in cut.of(text) and (cut.cut_before or cut.cut_after)
    assert cut.of(text).startswith(ELLIPSIS) == cut.cut_before


def test_entity_list_page_lists_filters_and_links(client):
    page = client.get("/entities").text
    assert "Sarhadi Liberation Front" in page and 'href="/entities/tarvand-bridge"' in page
    rows = re.findall(r"<tr><td>(.*?)</td>", page)
    assert len(rows) >= 10
    places = client.get("/entities?kind=places").text
    assert "Tarvand" in places and "Hamid Rostami" not in places
    named = client.get("/entities?name=sarhadi").text
    assert "Sarhadi Liberation Front" in named and "Tarvand" not in re.sub(r"<form.*?</form>", "", named, flags=re.S)


def test_search_reads_phrases_or_and_an_entitys_other_names(client):
    def hits(q: str) -> list[str]:
        page = client.get("/search", params={"q": q}).text
        return re.findall(r'<li><a class="doclink" href="/documents/([^"]+)"', page)

    assert hits('"Tarvand Bridge"') and not hits('"Bridge Tarvand"')
    assert len(hits("mortars OR zzqqx")) == len(hits("mortars")) >= 1
    assert not hits("mortars zzqqx")
    slf = client.get("/search", params={"q": "SLF"}).text
    assert "also searching for the other names" in slf and len(hits("SLF")) >= len(hits('"SLF"'))
    page = client.get("/search", params={"q": "mortars"}).text
    link = re.search(r'class="passage-link" href="(/documents/[^"]+[?]hl=[0-9]+-[0-9]+)[^"]*"', page)
    assert link
    document = client.get(link.group(1).replace("&amp;", "&")).text
    assert re.search(r'id="evidence"[^>]*>[^<]*mortars', document, re.I)


def test_source_urls_are_links_only_when_they_are_web_addresses(tmp_path):
    from rashomon import analyze

    for name, url in (("web.md", "https://example.org/report?id=7"), ("script.md", "javascript:alert(1)")):
        (tmp_path / name).write_text(f"---\nurl: {url}\n---\nTroops entered Mosul on 3 May 2016 ({name}).\n")
    with analyze([tmp_path / "web.md", tmp_path / "script.md"], db=tmp_path / "u.db"):
        pass
    with sqlite3.connect(tmp_path / "u.db") as con:
        ids = dict(con.execute("SELECT file, id FROM document").fetchall())
    with TestClient(create_app(tmp_path / "u.db"), base_url="http://127.0.0.1") as c:
        web = c.get(f"/documents/{ids[str(tmp_path / 'web.md')]}").text
        script = c.get(f"/documents/{ids[str(tmp_path / 'script.md')]}").text
        timeline = c.get("/timeline").text
    assert '<a class="url" href="https://example.org/report?id=7"' in web
    assert 'href="javascript:' not in script and "javascript:alert(1)" in script  # shown, never a link
    assert "<noscript>" in timeline and "JavaScript" in timeline
