"""Hostile input: every bad file the tests build themselves is read or skipped with its reason code,
the run goes on, and nothing already in the store changes."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from rashomon import analyze
from rashomon.errors import REASONS
from rashomon.ingest.parse import CHUNK_CHARS, chunks
from rashomon.ingest.read import DEFAULT_MAX_BYTES, iter_files, read_file
from rashomon.records import Skip, Source
from rashomon.store import DOCUMENT_TABLES

GOOD = ("Police said 12 people were hurt in Tabriz on Monday, 3 June 2024.\n"
        "Witnesses told Reuters that more than 40 people were hurt.\n")
PERSIAN = "گزارش‌ها مي‌گويند که 40 نفر در تهران کشته شدند. "  # Arabic yeh: what Windows-1256 can hold
MIXED = ("The minister said \u202eسلام\u202c (peace) in Тегеран and 東京 \u200f.\n"
         "שלום עולם — 2024-05-01 — مرحبا\n")


def _noise(n: int) -> bytes:
    return random.Random(9).randbytes(n)


# name, bytes, outcome: ("read", a piece of the text it must hold) or ("skip", reason code)
CASES = [
    ("empty.txt", b"", ("skip", "R001")),
    ("blank.md", b"  \n\n\t \n", ("skip", "R001")),
    ("binary.txt", bytes(range(256)) * 40, ("skip", "R002")),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + _noise(4000), ("skip", "R002")),
    ("controls.txt", bytes(range(1, 9)) * 200 + b"some words", ("skip", "R002")),
    ("truncated-utf8.txt", "The café reported 3 deaths — ".encode() + "é".encode()[:1], ("read", "café")),
    ("damaged-utf8.txt", ("Müller sagte, über 40 Menschen — laut Zeugen — starben. " * 3).encode()[:-9]
     + b"\xff tail", ("read", "Müller sagte")),
    ("undecodable.txt", b"caf\xe9 \xe0\xe2\xe7\xe8 \x81 \xc3\x28", ("skip", "R003")),
    ("utf16-bom.txt", GOOD.encode("utf-16"), ("read", "Tabriz")),
    ("utf16le.txt", GOOD.encode("utf-16-le"), ("read", "Tabriz")),
    ("utf16be.txt", GOOD.encode("utf-16-be"), ("read", "Tabriz")),
    ("persian-1256.txt", (PERSIAN * 5).encode("cp1256"), ("read", "تهران")),
    ("mixed-rtl.txt", MIXED.encode(), ("read", MIXED)),
    ("crlf.txt", GOOD.replace("\n", "\r\n").encode(), ("read", GOOD)),
    ("nested-200.html", ("<html><body>" + "<div>" * 200 + f"<p>{GOOD}</p>" + "</div>" * 200
                         + "</body></html>").encode(), ("read", "Tabriz")),
    ("nested-5000.html", ("<html><body>" + "<div>" * 5000 + f"<p>{GOOD}</p>" + "</div>" * 5000
                          + "</body></html>").encode(), ("skip", "R005")),
    ("active.html", (f"<html><head><title>T</title><script>alert('x1')</script><style>p{{color:red}}</style>"
                     f"</head><body><article><p>{GOOD}</p><iframe src='javascript:alert(2)'></iframe>"
                     "<script>document.write('injected')</script></article></body></html>").encode(),
     ("read", "Tabriz")),
    ("unclosed.html", b"<html><body><article><p>" + GOOD.encode() + b"<div><span><b>", ("read", "Tabriz")),
    ("list.json", b"[1, 2, 3]", ("skip", "R011")),
    ("string.json", b'"just a string"', ("skip", "R011")),
    ("null.json", b"null", ("skip", "R011")),
    ("number.json", b"42", ("skip", "R011")),
    ("invalid.json", b'{"text": "unterminated', ("skip", "R011")),
    ("deep.json", b"[" * 100_000 + b"]" * 100_000, ("skip", "R011")),
    ("no-text.json", b'{"title": "x", "text": 5}', ("skip", "R010")),
    ("bad-front-matter.md", f"---\npublished: 2024-05-00\n---\n{GOOD}".encode(), ("read", "Tabriz")),
    ("truncated.pdf", b"%PDF-1.4", ("skip", "R022")),
    ("not-really.docx", b"PK\x03\x04 not a zip", ("skip", "R022")),
    ("slides.key", b"%PDF-1.4", ("skip", "R006")),
]


def snapshot(db: Path, docs: set[str]) -> dict[str, list[tuple]]:
    """Every stored row that belongs to `docs`, table by table."""
    with sqlite3.connect(db) as con:
        got = {"document": sorted(con.execute(
            f"SELECT * FROM document WHERE id IN ({','.join('?' * len(docs))})", sorted(docs)))}
        for table in DOCUMENT_TABLES:
            got[table] = sorted(con.execute(f"SELECT * FROM {table} WHERE doc IN ({','.join('?' * len(docs))})",
                                            sorted(docs)), key=repr)
    return got


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> tuple[Path, set[str]]:
    """A store already holding one good account."""
    folder = tmp_path_factory.mktemp("base")
    (folder / "earlier.txt").write_text("An earlier account: the governor said 3 people died in Ahvaz on Sunday.\n")
    with analyze([folder / "earlier.txt"], db=folder / "base.db") as corpus:
        docs = set(corpus.report.stored)
    assert len(docs) == 1
    return folder / "base.db", docs


def _store_copy(base_store, tmp_path: Path) -> tuple[Path, dict]:
    db = tmp_path / "store.db"
    shutil.copy(base_store[0], db)
    return db, snapshot(db, base_store[1])


@pytest.mark.parametrize(("name", "data", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_has_its_documented_outcome_and_changes_nothing_stored(base_store, tmp_path, name, data,
                                                                         outcome):
    db, before = _store_copy(base_store, tmp_path)
    path = tmp_path / name
    path.write_bytes(data)
    with analyze([path], db=db) as corpus:
        report = corpus.report
        skipped_rows = list(corpus.store.rows("skip"))
        texts = [d["text"] for d in corpus.store.rows("document") if d["id"] in report.stored]
    kind, expected = outcome
    if kind == "read":
        assert report.stored and not report.skipped, report.skipped
        assert expected in texts[0]
        assert not any(bad in texts[0] for bad in ("alert(", "injected", "color:red", "\r"))
    else:
        assert {s.code for s in report.skipped} == {expected}  # a JSON list: one Skip per record
        assert report.exit_code == 1 and not report.stored
        assert all(s.reason.startswith(REASONS[expected]) for s in report.skipped)
        assert {(r["path"].split("#")[0], r["code"]) for r in skipped_rows} == {(str(path), expected)}
    assert snapshot(db, base_store[1]) == before


def test_one_run_over_every_bad_input_goes_on_and_stores_the_good_ones(base_store, tmp_path):
    db, before = _store_copy(base_store, tmp_path)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data, _ in CASES:
        (folder / name).write_bytes(data)
    (folder / "fresh.txt").write_text("A new account: 7 people were arrested in Shiraz on Friday.\n")
    with analyze([folder], db=db) as corpus:
        report = corpus.report
        assert corpus.counts()["skip"] == len(report.skipped)
    skipped = {Path(s.path.split("#")[0]).name: s.code for s in report.skipped}
    for name, _, (kind, expected) in CASES:
        if kind == "skip":
            assert skipped[name] == expected, name
        else:
            assert name not in skipped
    # every readable input is stored once (the copies of GOOD are the same text: one document)
    assert len(report.stored) + len(report.already) == sum(1 for c in CASES if c[2][0] == "read") + 1
    assert snapshot(db, base_store[1]) == before


def test_a_50_mb_text_is_refused_by_the_default_size_limit_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w") as fh:
        for _ in range(50):
            fh.write(("Police said 12 people were hurt. " * 31_000)[:1_000_000])
    started = time.perf_counter()
    got = read_file(path)
    assert time.perf_counter() - started < 1
    assert [s.code for s in got] == ["R004"] and "--max-size" in got[0].reason
    assert path.stat().st_size > DEFAULT_MAX_BYTES


def test_a_10_mb_line_below_the_limit_is_read_and_cut_for_the_parser_between_words(tmp_path):
    sentence = "The army said 40 people died in Gaza on 3 May 2024 while witnesses disputed it. "
    path = tmp_path / "line.txt"
    path.write_text(sentence * (10_000_000 // len(sentence)))
    started = time.perf_counter()
    (source,) = read_file(path)
    assert isinstance(source, Source) and len(source.text) > 9_900_000
    pieces = chunks(source.text)
    assert time.perf_counter() - started < 30
    assert "".join(pieces) == source.text
    assert all(len(p) <= CHUNK_CHARS for p in pieces)
    assert all(p.endswith(". ") for p in pieces[:-1])  # cut after a sentence end, never inside a word


def test_a_long_line_is_analysed_in_time_linear_in_its_length(tmp_path):
    """A 200,000-character line with no line break: stored whole, every offset valid, in bounded time.
    (Before Doc.text was read once per document, 100,000 characters took minutes; now about
    0.1 to 0.3 s per 1,000 characters, so a 10 MB line would take 15 to 45 minutes.)"""
    sentence = "The army said 40 people died in Gaza on 3 May 2024 while officials disputed it "
    text = (sentence * (200_000 // len(sentence) + 1))[:200_000]
    path = tmp_path / "line.txt"
    path.write_text(text)
    started = time.perf_counter()
    with analyze([path], db=tmp_path / "d.db") as corpus:
        assert corpus.report.stored and not corpus.report.skipped
        stored = corpus.store.document(corpus.report.stored[0])["text"]
        for table in ("mention", "timex", "quantity", "quote"):
            rows = list(corpus.store.rows(table))
            assert rows, table
            assert all(r["text"] == stored[r["start"]:r["end"]] for r in rows), table
    assert stored == text
    assert time.perf_counter() - started < 240


def test_symlink_loops_are_walked_once_and_a_looping_link_is_skipped(tmp_path):
    root = tmp_path / "accounts"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(GOOD)
    os.symlink(root, root / "sub" / "back-to-root")
    os.symlink(root / "sub", root / "again")
    os.symlink("self.txt", root / "self.txt")  # a link to itself
    os.symlink("missing.txt", root / "dangling.txt")
    found = list(iter_files([root]))
    files = [f for f in found if not isinstance(f, Skip)]
    assert sum(1 for f in files if f.name == "a.txt") == 1
    with analyze([root], db=tmp_path / "d.db") as corpus:
        report = corpus.report
    assert len(report.stored) == 1
    assert {Path(s.path).name: s.code for s in report.skipped} == {"self.txt": "R007", "dangling.txt": "R007"}


def test_a_pipe_or_a_device_among_the_accounts_is_skipped_not_read_forever(tmp_path):
    folder = tmp_path / "accounts"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    (folder / "good.txt").write_text(GOOD)
    with analyze([folder], db=tmp_path / "d.db") as corpus:
        report = corpus.report
    assert len(report.stored) == 1
    assert {Path(s.path).name: s.code for s in report.skipped} == {"pipe.txt": "R007", "zero.txt": "R007"}
    assert all("not a regular file" in s.reason for s in report.skipped)


MANIFESTS = [
    ("sources: just a string\n", ["R012"]),
    ("- a list\n- not a mapping\n", ["R012"]),
    ("sources:\n  - 5\n  - file: 7\n  - file: ''\n  - title: no file\n", ["R009"] * 4),
    ("sources:\n  - file: good.txt\n    title: [1, 2]\n    author: {a: b}\n    published: yesterday\n",
     ["R009"] * 3),
    ("sources:\n  - file: good.txt\n    published: 2024-13-01\n", ["R009"]),
    ("sources: [\n", ["R012"]),
    ("\x00\x01binary", ["R012"]),
]


@pytest.mark.parametrize(("manifest", "codes"), MANIFESTS, ids=[f"manifest-{n}" for n in range(len(MANIFESTS))])
def test_a_manifest_with_wrong_types_is_reported_and_the_run_goes_on(base_store, tmp_path, manifest, codes):
    db, before = _store_copy(base_store, tmp_path)
    (tmp_path / "good.txt").write_text(GOOD + "Another line.\n")
    (tmp_path / "sources.yaml").write_text(manifest)
    with analyze([tmp_path / "good.txt"], db=db, sources=tmp_path / "sources.yaml") as corpus:
        report = corpus.report
        stored = corpus.store.document(report.stored[0])
    assert sorted(s.code for s in report.skipped if s.code != "R008") == codes
    assert stored["title"] is None and stored["published"] is None  # bad values are left out, not stored
    assert snapshot(db, base_store[1]) == before
