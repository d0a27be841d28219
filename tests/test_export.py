"""The JSON export (EXPORT.md contract), the CSV tables and the HTML report."""

from __future__ import annotations

import csv
import json
import re

import pytest

from rashomon import analyze
from rashomon.outputs.export import LISTS, to_dict, write_csv
from rashomon.outputs.report import render

from .conftest import EXAMPLES, export_of

PAYLOAD = ('<script>alert("x")</script> =HYPERLINK("http://evil.example") <img src=x onerror=alert(1)> '
           'The Guard of <b>Tarvand</b> said on March 3, 2020 that the siege was over.')


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    (folder / "hostile.txt").write_text(PAYLOAD + "\n@SUM(A1:A9) is not a formula here.\n")
    corpus = analyze([EXAMPLES, folder / "hostile.txt"], db=folder / "d.db", sources=EXAMPLES / "sources.yaml")
    yield corpus, folder
    corpus.close()


def test_json_has_every_list_and_the_format(demo):
    data = to_dict(demo[0].store)
    assert data["format"] == "rashomon/1"
    assert all(isinstance(data[name], list) for name in LISTS)
    doc = next(d for d in data["documents"] if d["file"].endswith("harbor-gazette.txt"))
    assert doc["publisher"] == "Harbor Gazette" and doc["published"] == "2019-03-15"
    assert doc["perspective"] == "independent press" and doc["text"].startswith("Clash at Tarvand Bridge")
    statement = next(d for d in data["documents"] if d["file"].endswith("front-statement.md"))
    assert statement["title"] == "Statement on the liberation of Tarvand Bridge"  # from front matter
    assert statement["url"] is None  # unknown is null, never ""
    assert json.loads(json.dumps(data)) == data


def test_export_is_the_same_bytes_whatever_the_order_of_analysis(tmp_path):
    files = sorted(EXAMPLES.glob("*.*"))
    files = [f for f in files if f.suffix != ".yaml"]
    with analyze(files, db=tmp_path / "a.db") as a, analyze(files[::-1], db=tmp_path / "b.db") as b:
        assert json.dumps(to_dict(a.store)) == json.dumps(to_dict(b.store))


def test_csv_has_one_table_per_list_and_no_formula_cells(demo, tmp_path):
    written = {p.name for p in write_csv(demo[0].store, tmp_path / "csv")}
    assert {"documents.csv", "entities.csv", "mentions.csv", "segments.csv", "findings.csv", "claims.csv"} <= written
    for name in written:
        with (tmp_path / "csv" / name).open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for cell in row.values():
                    assert not (cell or "").startswith(("=", "+", "-", "@")), (name, cell)
    with (tmp_path / "csv" / "documents.csv").open(newline="", encoding="utf-8") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    assert any(t.startswith("'<script>") or "HYPERLINK" in t for t in texts)


def test_report_is_self_contained_and_escapes_document_text(demo):
    page = render(demo[0].store)
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Tarvand</b>" not in page
    assert "&lt;script&gt;alert" in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "the report must load nothing from the network"
    assert 'class="seg embedded_post"' in page and 'class="seg boilerplate"' in page
    assert "<mark" in page and "Harbor Gazette" in page


def test_a_pages_own_dateline_dates_it_when_the_metadata_does_not_and_says_so(tmp_path):
    page = ("Saturday, October 12, 2013\nHomeWorldThe Siege Ends\n\nThe siege ends\n\n"
            "The last fighters left the old town yesterday, the governor said, after a week of talks.\n")
    dated = "---\npublished: 2013-10-14\n---\nSunday, October 13, 2013\n\n" + page[27:]
    data = export_of(tmp_path, {"page.txt": page, "dated.md": dated})
    read = next(d for d in data["documents"] if d["file"].endswith("page.txt"))
    assert (read["published"], read["published_from"]) == ("2013-10-12", "text")
    assert read["published_span"] == {"start": 0, "end": 26, "text": "Saturday, October 12, 2013"}
    given = next(d for d in data["documents"] if d["file"].endswith("dated.md"))
    assert (given["published"], given["published_from"], given["published_span"]) == ("2013-10-14", "metadata", None)
    yesterday = next(t for t in data["timexes"] if t["doc"] == read["id"] and t["text"] == "yesterday")
    assert yesterday["value"] == "2013-10-11"  # anchored on the page's own date
    assert all(t["page"] is None for t in data["timexes"])  # a web page has no pages
