"""PDF and Word files the suite makes itself: their text layer is read page by page, evidence offsets
index the stored text and carry their page, running headers and page numbers are boilerplate, and a
scanned PDF without a text layer is skipped with its own reason."""

from __future__ import annotations

import pytest

from rashomon import analyze
from rashomon.errors import NO_TEXT_LAYER, UNREADABLE_DOCUMENT
from rashomon.outputs.export import to_dict

from .paged_files import docx, pdf

HEADER = "Delta Monitor - Quarterly Report"
REPORT = [
    [HEADER, "Floods in the delta",
     "The river rose two metres on 4 March 2019 and three villages were evacuated, officials said.", "1"],
    [HEADER, "Rescue teams reached the last village by boat on 6 March 2019, the army said.",
     "At least 14 people drowned in the village of Ostra, the governor said on 7 March 2019.", "2"],
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paged")
    (folder / "report.pdf").write_bytes(pdf(REPORT))
    (folder / "scan.pdf").write_bytes(pdf([None, None]))
    (folder / "half-scanned.pdf").write_bytes(pdf([REPORT[0], None]))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (folder / "report.docx").write_bytes(docx([REPORT[0][1:3], REPORT[1][1:3]], header=HEADER, title="Floods"))
    with analyze(folder, db=folder / "p.db") as corpus:
        skipped = {s.path.rsplit("/", 1)[-1]: s.code for s in corpus.report.skipped}
        yield to_dict(corpus.store), skipped


def document(data: dict, name: str) -> dict:
    return next(d for d in data["documents"] if d["file"].endswith(name))


def test_a_pdf_is_read_page_by_page_and_evidence_carries_its_page(exported):
    data, _ = exported
    doc = document(data, "report.pdf")
    text, pages = doc["text"], doc["pages"]
    assert [p["page"] for p in pages] == [1, 2]
    assert text[pages[1]["start"]:pages[1]["end"]].startswith(HEADER + "\nRescue teams reached")
    for name in ("timexes", "quantities", "events", "claims"):
        records = [r for r in data[name] if r["doc"] == doc["id"]]
        assert records, name
        for r in records:
            assert text[r["start"]:r["end"]] == r["text"]  # offsets index the stored text
            page = pages[r["page"] - 1]
            assert page["start"] <= r["start"] < page["end"]  # and the page it is on
    dates = {t["text"]: t["page"] for t in data["timexes"] if t["doc"] == doc["id"]}
    assert dates["4 March 2019"] == 1 and dates["6 March 2019"] == 2
    drowned = next(q for q in data["quantities"] if q["doc"] == doc["id"] and "14" in q["text"])
    assert drowned["page"] == 2


def test_running_header_and_page_numbers_are_boilerplate(exported):
    data, _ = exported
    doc = document(data, "report.pdf")
    text = doc["text"]
    boiler = [(s["start"], s["end"]) for s in doc["segments"] if s["kind"] == "boilerplate"]
    at = [i for i in range(len(text)) if text.startswith(HEADER, i)]
    numbers = [text.index("\n1\n") + 1, len(text) - 1]  # the page numbers closing pages 1 and 2
    assert len(at) == 2 and all(any(a <= i < b for a, b in boiler) for i in at + numbers)
    body = " ".join(text[s["start"]:s["end"]] for s in doc["segments"] if s["kind"] == "body")
    assert "The river rose two metres" in body and "Rescue teams" in body


def test_a_scanned_pdf_is_skipped_with_its_own_reason_and_a_damaged_one_with_another(exported):
    data, skipped = exported
    assert skipped["scan.pdf"] == NO_TEXT_LAYER
    assert skipped["broken.pdf"] == UNREADABLE_DOCUMENT
    assert not any(d["file"].endswith(("scan.pdf", "broken.pdf")) for d in data["documents"])
    half = document(data, "half-scanned.pdf")  # a scanned page among text pages: that page is empty
    assert len(half["pages"]) == 2 and half["text"].startswith(HEADER)


def test_a_word_file_is_read_by_its_pages_without_its_running_header(exported):
    data, _ = exported
    doc = document(data, "report.docx")
    assert HEADER not in doc["text"]  # a Word file keeps its header apart from its body
    assert doc["title"] == "Floods" and [p["page"] for p in doc["pages"]] == [1, 2]
    second = doc["pages"][1]
    assert doc["text"][second["start"]:].startswith("Rescue teams reached")
    dates = {t["text"]: t["page"] for t in data["timexes"] if t["doc"] == doc["id"]}
    assert dates["4 March 2019"] == 1 and dates["7 March 2019"] == 2
