"""Reading files, folders and manifests, and every kind of input that cannot be used."""

from __future__ import annotations

import json
from pathlib import Path

from rashomon.ingest.read import decode, iter_files, read_file, read_manifest
from rashomon.records import Skip, Source


def one(path: Path, **kw) -> Source | Skip:
    found = read_file(path, **kw)
    assert len(found) == 1
    return found[0]


def test_plain_text_is_read_verbatim_with_unix_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\r\nOn May 13 the SVO attacked.\r\n")
    src = one(path)
    assert isinstance(src, Source)
    assert src.text == "Title\nOn May 13 the SVO attacked.\n"
    assert src.id == "doc-" + src.sha256[:12]


def test_front_matter_gives_metadata_and_is_not_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: The day\npublished: 2020-05-01\nperspective: witness\n---\nIt rained.\n")
    src = one(path)
    assert (src.title, src.published, src.perspective, src.text) == ("The day", "2020-05-01", "witness", "It rained.\n")


def test_empty_and_whitespace_files_are_skipped(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\n\t")):
        (tmp_path / name).write_bytes(data)
        got = one(tmp_path / name)
        assert isinstance(got, Skip) and got.code == "R001" and name in got.path


def test_binary_file_is_skipped(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 20)
    got = one(path)
    assert isinstance(got, Skip) and got.code == "R002"


def test_legacy_encodings_users_meet_are_decoded():
    assert decode("café au lait, 1 500 €".encode("cp1252")) == "café au lait, 1 500 €"
    persian = "عمليات باران در سال ۱۳۷۵"
    assert decode(persian.replace("۱۳۷۵", "1375").encode("cp1256")) == persian.replace("۱۳۷۵", "1375")
    assert decode("Baran \u2014 باران".encode("utf-16")) == "Baran \u2014 باران"
    assert decode("Baran operation".encode("utf-16-le")) == "Baran operation"
    assert decode("\ufeffwith a BOM".encode()) == "with a BOM"


def test_windows_dashes_and_quotes_once_read_as_latin1_are_repaired():
    damaged = "GREENVILLE \x97 The \x93new\x94 bridge\x92s deck"  # Windows-1252 read as Latin-1, then UTF-8
    assert decode(damaged.encode()) == "GREENVILLE \u2014 The \u201cnew\u201d bridge\u2019s deck"


def test_undecodable_text_is_skipped_with_its_reason(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"caf\xe9 \xe0\xe2\xe7\xe8 \x81 \xc3\x28")
    got = one(path)
    assert isinstance(got, Skip) and got.code == "R003"
    assert "UTF-8" in got.reason


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # a 100 MB file, sparse on disk
        fh.seek(100 * 1024 * 1024)
        fh.write(b"x")
    got = one(path)
    assert isinstance(got, Skip) and got.code == "R004" and "--max-size" in got.reason
    small = tmp_path / "small.txt"
    small.write_text("x" * 2000)
    assert one(small, max_bytes=1000).code == "R004"


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Siege report</title><meta name='author' content='Jane Roe'></head>"
                    "<body><nav>Home | News</nav><article><h1>Siege report</h1>"
                    + "<p>The siege of the town began on 3 May 1999 and lasted eleven days, residents said.</p>" * 3
                    + "</article><script>alert('x')</script></body></html>")
    src = one(path)
    assert isinstance(src, Source)
    assert "The siege of the town began" in src.text and "alert" not in src.text
    assert src.title == "Siege report" and src.author == "Jane Roe"


def test_html_without_text_is_skipped(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
    got = one(path)
    assert isinstance(got, Skip) and got.code == "R005"


def test_json_records_and_their_metadata(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": "First account.", "title": "One", "date": "2001-02-03"},
                                {"text": "", "title": "Empty"}, "not an object"]))
    got = read_file(path)
    assert isinstance(got[0], Source) and got[0].title == "One" and got[0].published == "2001-02-03"
    assert got[0].file.endswith("many.json#0")
    assert [g.code for g in got[1:]] == ["R010", "R011"]
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"text": "A"}\n{"text": "B", "author": "X"}\n')
    assert [s.text for s in read_file(lines)] == ["A", "B"]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert one(bad).code == "R011"


def test_unknown_extension_and_unreadable_paths(tmp_path):
    (tmp_path / "slides.pptx").write_bytes(b"PK\x03\x04")
    assert one(tmp_path / "slides.pptx").code == "R006"
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    assert one(tmp_path / "dangling.txt").code == "R007"
    missing = list(iter_files([tmp_path / "missing"]))
    assert isinstance(missing[0], Skip) and missing[0].code == "R013"


def test_folders_are_read_recursively_in_order_and_symlink_loops_end(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("two")
    (tmp_path / "one.txt").write_text("one")
    (tmp_path / "sources.yaml").write_text("sources: []")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    files = [p.name for p in iter_files([tmp_path]) if isinstance(p, Path)]
    assert files == ["two.txt", "one.txt"]


def test_manifest_problems_are_reported_and_good_fields_kept(tmp_path):
    manifest = tmp_path / "sources.yaml"
    manifest.write_text("sources:\n"
                        "  - file: a.txt\n    published: 31 July 1988\n    publisher: Daily\n"
                        "  - file: b.txt\n    published: 2020-01-02\n    title: [not, text]\n"
                        "  - title: no file\n")
    m = read_manifest(manifest)
    assert [p.code for p in m.problems] == ["R009", "R009", "R009"]
    assert m.entries[0] == {"file": "a.txt", "publisher": "Daily"}
    assert m.entries[1] == {"file": "b.txt", "published": "2020-01-02"}
    assert [s.code for s in m.unmatched([str(tmp_path / "a.txt")])] == ["R008"]
    broken = tmp_path / "broken.yaml"
    broken.write_text("sources: [")
    assert read_manifest(broken).problems[0].code == "R012"
