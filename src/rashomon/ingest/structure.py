"""Structure: split a document into segments (heading, byline, body, embedded_post, boilerplate).

Works line by line, because scraped accounts keep one paragraph, heading or post line per line.
Embedded social-media posts are found by their signature line ("— Name (@handle) July 26, 2025")
and carry their own author and date. Promotion, share/follow lines, broadcast schedules and
"related posts" lists are boilerplate: later stages make no claims from them.
The patterns live in data/structure.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from rashomon.records import Segment
from rashomon.resources import load_yaml


@dataclass(frozen=True)
class _Rules:
    signatures: tuple[re.Pattern, ...]
    continuation: tuple[re.Pattern, ...]
    boilerplate: tuple[re.Pattern, ...]
    link_lists: tuple[re.Pattern, ...]
    bylines: tuple[re.Pattern, ...]
    max_above: int
    byline_max_line: int
    heading_max_words: int
    question_max_words: int


@cache
def _rules() -> _Rules:
    data = load_yaml("structure.yaml")

    def compile_all(key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p, flags) for p in data[key])

    return _Rules(
        signatures=compile_all("post_signatures", 0),
        continuation=compile_all("post_continuation"),
        boilerplate=compile_all("boilerplate_lines"),
        link_lists=compile_all("link_list_headings"),
        bylines=compile_all("byline_lines", 0),
        max_above=int(data["post_max_lines_above"]),
        byline_max_line=int(data["byline_max_line"]),
        heading_max_words=int(data["heading_max_words"]),
        question_max_words=int(data["heading_question_max_words"]),
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


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with the offsets of their stripped content."""
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
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


def _is_heading(line: str, rules: _Rules) -> bool:
    words = line.split()
    if not words or line[0].islower() or any(c.isdigit() for c in line[:1]):
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


def _mark_boilerplate(lines: list[_Line], rules: _Rules) -> None:
    in_link_list = False
    for line in lines:
        if any(p.search(line.text) for p in rules.link_lists):
            in_link_list = True
        elif in_link_list and not _is_heading(line.text, rules):
            in_link_list = False  # a full paragraph: the account goes on
        if in_link_list or any(p.search(line.text) for p in rules.boilerplate):
            line.kind = "boilerplate"


def _mark_heads(lines: list[_Line], rules: _Rules, author: str | None) -> None:
    for n, line in enumerate(lines):
        if line.kind != "body":
            continue
        if n < rules.byline_max_line and (
            (author and line.text.casefold() in {author.casefold(), f"by {author}".casefold()})
            or any(p.match(line.text) for p in rules.bylines)
        ):
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


def segment(text: str, author: str | None = None) -> list[Segment]:
    """Segments of `text` in order, covering every non-blank line.

    `author` is the document's known author (from metadata): a top line naming it is a byline.
    """
    rules = _rules()
    lines = _lines(text)
    _mark_posts(lines, rules)
    _mark_boilerplate(lines, rules)
    _mark_heads(lines, rules, author)
    return list(_merge(lines))
