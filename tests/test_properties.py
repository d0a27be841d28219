"""Properties that hold for any input (Hypothesis): the readers, the time normaliser, the quantity and
citation parsers and the structure stage never raise on text, and every offset they return lies
inside the text with `text == document_text[start:end]`."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rashomon.errors import REASONS
from rashomon.extract import citations, quantities, time
from rashomon.ingest import read, structure
from rashomon.records import Skip, Source

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# words that make the parsers work: numbers, dates, units, hedges, reference fields, line structure
PIECES = ["Monday", "3 May 2024", "May 3, 2024", "2024-05-03", "last week", "two days later", "the 1980s",
          "since 2019", "until Friday", "at 9:30am", "in March", "yesterday", "dozens of", "about 40",
          "more than 1,200", "between 3 and 5", "10-15", "half a million", "3.5 km", "people", "soldiers",
          "one", "a third", "(Smith, 2003, p. 4)", "(Reuters, 12 June 2021)", "Vol. 3", "pp. 10-12", ",", ".",
          "—", "\n", "\n\n", "“", "”", "(", ")", "@handle", "— Name (@name) July 26, 2025", "By Jane Roe",
          "Related posts", "Share this", "---", "Police said", "٣ مايو", "۲۰۲۴", "١٢", "\u200c", "\u202e",
          "\ufffd", "\t", "   "]
newsy = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map(" ".join)
any_text = st.text(max_size=400) | newsy
published = st.none() | st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(date.isoformat) | st.text(max_size=12)


def inside(records, text: str) -> None:
    for r in records:
        assert 0 <= r.start <= r.end <= len(text), r
        assert r.text == text[r.start:r.end], r


@SETTINGS
@given(any_text, published)
@example("between 5 and 3 May 2024", "2024-05-31")
def test_time_tag_offsets_lie_inside_the_text(text, pub):
    timexes = time.tag(text, pub)
    inside(timexes, text)
    for t in timexes:
        assert t.start < t.end
        if t.earliest and t.latest:
            assert t.earliest <= t.latest, t


@SETTINGS
@given(any_text, published)
def test_interval_of_every_tagged_value_is_ordered(text, pub):
    for t in time.tag(text, pub):
        lo, hi = time.interval(t.value, t.mod)
        assert lo is None or hi is None or lo <= hi, t


@SETTINGS
@given(st.text(max_size=30) | st.from_regex(r"\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d)?)?|\d{2,3}X?|\d{4}-W\d\d|"
                                            r"\d{4}-(SP|SU|FA|WI|Q\d|H\d)", fullmatch=True),
       st.none() | st.sampled_from(["START", "MID", "END", "BEFORE", "AFTER", "APPROX"]))
@example("2024-02-30", None)
@example("2024-13", None)
@example("0000", "START")
def test_interval_never_raises_on_any_value(value, mod):
    lo, hi = time.interval(value, mod)
    for day in (lo, hi):
        assert day is None or date.fromisoformat(day)
    if "/" not in value:  # a range written backwards ("2024/2020") stays as written
        assert lo is None or hi is None or lo <= hi


@SETTINGS
@given(any_text)
@example("between 40 and 30 people")
def test_quantities_lie_inside_the_text(text):
    found = quantities.parse_quantity(text)
    inside(found, text)
    for q in found:
        assert q.start < q.end


@SETTINGS
@given(any_text)
@example("Smith, 2003, p. 4")
def test_a_reference_parses_or_is_none_with_offsets_inside(content):
    c = citations.parse_reference(content)
    if c is not None:
        inside([c], content)


@SETTINGS
@given(any_text, st.none() | st.text(max_size=20))
def test_segments_cover_lines_in_order_without_overlap(text, author):
    last = 0
    for seg in structure.segment(text, author=author):
        assert last <= seg.start < seg.end <= len(text), seg
        assert text[seg.start:seg.end].strip() and text[seg.start:seg.end] == text[seg.start:seg.end].strip()
        assert seg.kind in ("heading", "byline", "body", "embedded_post", "boilerplate")
        last = seg.end


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "cp1256"])
any_bytes = st.binary(max_size=3000) | st.tuples(any_text, encodings).map(
    lambda te: te[0].encode(te[1], errors="replace"))


@SETTINGS
@given(any_bytes)
def test_decode_gives_text_without_carriage_returns_or_a_skip_with_a_known_code(data):
    got = read.decode(data)
    if isinstance(got, Skip):
        assert got.code in REASONS and got.reason.startswith(REASONS[got.code])
    else:
        assert isinstance(got, str) and "\r" not in got
        got.encode("utf-8")  # storable


@SETTINGS
@given(any_text)
def test_utf8_text_decodes_to_itself(text):
    text = read.unpaired(text)
    got = read.decode(text.encode("utf-8"))
    if "\x00" in text or not isinstance(got, str):
        return  # NUL bytes and control-character noise are refused as binary
    assert got == _as_windows_1252(text).replace("\r\n", "\n").replace("\r", "\n")


def _as_windows_1252(text: str) -> str:
    """The text with each C1 control character (U+0080 to U+009F, never meant in text) as the
    Windows-1252 character of that byte, where there is one: what the reader repairs."""

    def char(c: str) -> str:
        try:
            return bytes([ord(c)]).decode("cp1252") if 0x80 <= ord(c) < 0xA0 else c
        except UnicodeDecodeError:
            return c

    return "".join(map(char, text))


@SETTINGS
@given(st.text(max_size=200) | st.builds(lambda m, b: f"---\n{m}\n---\n{b}", st.text(max_size=80), any_text))
@example("---\npublished: 2024-05-00\n---\nbody")
@example("---\n[[[[\n---\nbody")
def test_front_matter_splits_into_a_dict_and_the_rest_of_the_text(text):
    meta, body = read.split_front_matter(text)
    assert isinstance(meta, dict)
    assert text.endswith(body)


@SETTINGS
@given(any_bytes, st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".pdf", ".docx"]))
def test_read_file_returns_sources_or_skips_for_any_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for found in read.read_file(path):
            if isinstance(found, Skip):
                assert found.code in REASONS
            else:
                assert isinstance(found, Source) and found.text.strip()
                found.text.encode("utf-8")
                assert found.published is None or date.fromisoformat(found.published)


def test_dates_near_the_edges_of_the_calendar_do_not_break_the_tagger():
    for day in (date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29)):
        text = f"On {day:%d %B %Y} and two days later, then {(day - timedelta(days=0)):%B %d, %Y}."
        inside(time.tag(text, day.isoformat()), text)
