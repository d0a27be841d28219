"""Structure: split a document into segments (heading, byline, body, embedded_post, boilerplate).

Works line by line, because scraped accounts keep one paragraph, heading or post line per line.
Embedded social-media posts are found by their signature line ("— Name (@handle) July 26, 2025")
and carry their own author and date. Page chrome (menus, share lines, counters, quote boxes,
running heads: see `chrome`) is boilerplate: later stages make no claims from it. A dateline at
the top of the page ("Sunday, July 28, 2024", "Published: 3 May 2021 - 10:05") is boilerplate
that carries its date, a byline with a date ("JANE ROE July 11 1988") a byline that does; the
first of them is the page's own date (`page_date`). An infobox row whose label ran into its value
("LocationKhoraly, Nagorno-Taravakh", "Deaths200+ (HRW)") is body: it states what the page holds
for true, so the claim stages read it; it heads nothing, so it is no heading.
The patterns and word lists live in data/structure.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from rashomon.data import load
from rashomon.extract.time import tag
from rashomon.extract.time.lexicon import parts
from rashomon.ingest import chrome
from rashomon.records import Segment


@dataclass(frozen=True)
class _Rules:
    signatures: tuple[re.Pattern, ...]
    continuation: tuple[re.Pattern, ...]
    bylines: tuple[re.Pattern, ...]
    max_above: int
    byline_max_line: int
    heading_max_words: int
    question_max_words: int
    small_words: frozenset[str]
    dateline_label: re.Pattern
    dateline_filler: re.Pattern
    dateline_name: re.Pattern
    dateline_max_line: int
    weekday: re.Pattern
    chrome: chrome.ChromeRules


@cache
def _rules() -> _Rules:
    data = load("structure.yaml")

    def compile_all(key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p, flags) for p in data[key])

    heading_max = int(data["heading_max_words"])
    return _Rules(
        signatures=compile_all("post_signatures", 0),
        continuation=compile_all("post_continuation"),
        bylines=compile_all("byline_lines", 0),
        max_above=int(data["post_max_lines_above"]),
        byline_max_line=int(data["byline_max_line"]),
        heading_max_words=heading_max,
        question_max_words=int(data["heading_question_max_words"]),
        small_words=frozenset(str(w) for w in data["title_case_small"]),
        dateline_label=re.compile(data["dateline_labels"], re.IGNORECASE),
        dateline_filler=re.compile(data["dateline_filler"], re.IGNORECASE),
        dateline_name=re.compile(data["dateline_name"]),
        dateline_max_line=int(data["dateline_max_line"]),
        weekday=re.compile(rf"\b{parts()['weekday']}", re.IGNORECASE),
        chrome=chrome.compile_rules(data, heading_max),
    )


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped
    kind: str = "body"
    author: str | None = None
    date: str | None = None
    handle: str | None = None
    indent: bool = False  # the line starts with white space (a block set in, as quotations are)
    gap: bool = False  # a blank line stands above it
    page: int | None = None  # index of its page, in paged text


def _lines(text: str, pages: Sequence[int] = ()) -> list[_Line]:
    """Non-blank lines with the offsets of their stripped content; a page break counts as a blank line."""
    out, pos, blank = [], 0, True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            page = bisect_right(pages, start) - 1 if pages else None
            new_page = bool(out) and page is not None and page != out[-1].page
            out.append(_Line(start, start + len(stripped), stripped, indent=lead > 0 and raw[:lead] != "\f" * lead,
                             gap=blank or new_page, page=page))
        blank = not stripped
        pos += len(raw) + 1
    return out


def _post_date(raw: str | None) -> str | None:
    """ISO date of a signature's "July 26, 2025" or "Jul. 26, 2025"; None when it is not a date."""
    if not raw:
        return None
    raw = raw.replace(".", "")
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _clean_name(name: str) -> str:
    """A post author's display name without the emoji and symbols that decorate it."""
    kept = "".join(c for c in name if unicodedata.category(c)[0] not in "SC")
    return " ".join(kept.split())


def _title_case(words: list[str], rules: _Rules) -> bool:
    """Every word capitalised but the small ones: "4,500 Reported Killed in the Attack"."""
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    return len(lettered) >= 2 and all(w[:1].isupper() or w in rules.small_words for w in lettered)


def _is_heading(line: str, rules: _Rules) -> bool:
    quoted = re.fullmatch(r"[\"“‘](\w[^\"“”]*)[\"”’]", line)  # a title that quotes someone: "Terrible Tragedy"
    line = quoted.group(1) if quoted else line
    words = line.split()
    if not words or line[0].islower() or chrome.glued_label(line):
        return False
    if line[0].isdigit() and (not _title_case(words[1:], rules) or any(c.isdigit() for c in " ".join(words[1:]))):
        return False
    if line.endswith("?"):
        return len(words) <= rules.question_max_words
    return len(words) <= rules.heading_max_words and line[-1] not in ".!,;:…\"”’)" and len(line) <= 120


def _mark_posts(lines: list[_Line], rules: _Rules) -> None:
    for i, line in enumerate(lines):
        match = next((m for p in rules.signatures if (m := p.match(line.text))), None)
        if not match:
            continue
        info = {"author": _clean_name(match["name"]), "handle": match["handle"],
                "date": _post_date(match.groupdict().get("date")), "kind": "embedded_post"}
        members = [line]
        # the post's own lines above its signature: the line just above, and above it only lines
        # that look like a post's (led by an emoji, a media link)
        for j in range(i - 1, max(-1, i - 1 - rules.max_above), -1):
            above = lines[j]
            if above.kind == "embedded_post" or (
                    len(members) > 1 and not any(p.search(above.text) for p in rules.continuation)):
                break
            members.append(above)
        for following in lines[i + 1:]:
            if not any(p.search(following.text) for p in rules.continuation):
                break
            members.append(following)
        for member in members:
            for key, value in info.items():
                setattr(member, key, value)


def _names_author(line: str, author: str | None) -> bool:
    """The line is the known author's credit: it opens with the name, or says "By [Dr.] Name"."""
    if not author or len(line.split()) > 25:
        return False
    name = re.escape(author.casefold()).replace(r"\ ", r"\s+")
    credited = re.search(rf"(?:^|[|/·•–—-]\s*)by\s+(?:\w{{1,4}}\.?\s+)?{name}\b", line.casefold())
    # "JANE ROE July 11 1988", "J. Roe. Lagos": the name opens a short line that is no sentence
    signed = (re.match(rf"^(?:\w{{1,4}}\.?\s+)?{name}\b", line.casefold()) and len(line.split()) <= 8
              and not line.endswith((".", "!", "?")))
    return bool(credited or signed)


def _dated(line: str, rules: _Rules) -> tuple[str, str] | None:
    """(kind, ISO date) when the line gives a date to the day with only a label, a clock time, or a
    name beside it: ("boilerplate", ...) for a dateline, ("byline", ...) for a name and its date."""
    found = [t for t in tag(line) if t.type in ("DATE", "TIME") and t.value and re.match(r"\d{4}-\d\d-\d\d", t.value)]
    dates = [t for t in found if t.type == "DATE"] or found
    if not dates or len(line) > 160:
        return None
    day = dates[0].value[:10]
    rest, pos = [], 0
    for t in sorted(found, key=lambda t: t.start):
        rest.append(line[pos:t.start])
        pos = t.end
    rest.append(line[pos:])
    remainder = " ".join(rest)
    cue = bool(rules.weekday.search(dates[0].text)) or any(t.type == "TIME" for t in found)
    if all(rules.dateline_filler.match(r) for r in rest):
        return ("boilerplate", day) if cue else ("bare", day)
    if rules.dateline_label.match(remainder.strip(" |/·•-—–")):
        return "boilerplate", day
    if len(rest) <= 2 and rules.dateline_name.match(remainder) and len(remainder.split()) <= 25:
        return "byline", day
    return None


def _mark_datelines(lines: list[_Line], rules: _Rules) -> None:
    """Datelines and dated bylines among the first lines of the page (its chrome not counted); a
    bare date is one only beside a byline (a date under a title is as often the story's)."""
    seen = 0
    for i, line in enumerate(lines):
        if line.kind == chrome.BOILERPLATE:
            continue
        if seen >= rules.dateline_max_line or (chrome.is_prose(line.text) and line.kind != "byline"):
            break
        seen += 1
        found = (_dated(line.text, rules) if line.kind in ("body", "heading", "byline")
                 and not chrome.glued_label(line.text) else None)
        if found is None:
            continue
        kind, day = found
        if kind == "bare" and line.kind != "byline":
            if not any(lines[j].kind == "byline" for j in (i - 1, i + 1) if 0 <= j < len(lines)):
                continue
            kind = "boilerplate"
        line.kind, line.date = ("byline" if line.kind == "byline" else kind), day


def _mark_heads(lines: list[_Line], rules: _Rules, author: str | None) -> None:
    n = 0  # lines that are not chrome, so far
    for line in lines:
        if line.kind == chrome.BOILERPLATE:
            continue
        n += 1
        if line.kind != "body":
            continue
        if _names_author(line.text, author) or (n <= rules.byline_max_line
                                               and any(p.match(line.text) for p in rules.bylines)):
            line.kind = "byline"
        elif _is_heading(line.text, rules):
            line.kind = "heading"


def _merge(lines: list[_Line]) -> Iterator[Segment]:
    """Runs of lines with the same role become one segment; every heading stays its own."""
    run: list[_Line] = []
    for line in lines:
        if run and (line.kind == "heading" or run[-1].kind == "heading"
                    or (line.kind, line.author, line.date) != (run[-1].kind, run[-1].author, run[-1].date)):
            yield _segment(run)
            run = []
        run.append(line)
    if run:
        yield _segment(run)


def _segment(run: list[_Line]) -> Segment:
    first = run[0]
    return Segment(first.kind, first.start, run[-1].end, first.author, first.date, first.handle)


def segment(text: str, author: str | None = None, pages: Sequence[int] = ()) -> list[Segment]:
    """Segments of `text` in order, covering every non-blank line.

    `author` is the document's known author (from metadata): a line crediting it is a byline.
    `pages` are the offsets where the pages of a paged document (a PDF) start: the lines repeated
    at their tops and bottoms are running heads.
    """
    rules = _rules()
    lines = _lines(text, pages)
    _mark_posts(lines, rules)
    chrome.mark(lines, rules.chrome)
    _mark_heads(lines, rules, author)
    _mark_datelines(lines, rules)
    chrome.spread(lines, rules.chrome)
    return list(_merge(lines))


def page_date(segments: Sequence[Segment]) -> Segment | None:
    """The dateline that dates the page: the first segment the structure dated that is no post's
    (a post's lines carry their author)."""
    return next((s for s in segments if s.date and s.author is None and s.kind in ("boilerplate", "byline")), None)
