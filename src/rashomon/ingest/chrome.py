"""Page chrome: the parts of a saved web page or a printed report that are not the account.

Menus and breadcrumbs, skip links, share and follow lines, "read more" and related-links lists,
category and tag lists, view counters and ids, comment forms, quote boxes, site credits and
notices, the running heads of a paged document. They are told by general cues, never by one
site's wording: the shape of a line (a counter, an id, a file name, a line of punctuation), words
run together where a menu's links lost their spaces ("HomeWorldPolitics"), runs of short title-like
lines above or below the account, the vocabulary of navigation and notices (data/structure.yaml),
a quotation closed by a name with life dates, and for paged text the lines repeated at the top or
bottom of its pages. Marked lines become boilerplate segments: later stages make no claims there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

BOILERPLATE = "boilerplate"


class Line(Protocol):
    """What chrome needs of a line of the document (structure's `_Line`)."""

    text: str
    kind: str
    indent: bool
    gap: bool  # a blank line stands above it
    page: int | None


@dataclass(frozen=True)
class ChromeRules:
    """The cues of data/structure.yaml, compiled."""

    patterns: tuple[re.Pattern, ...]
    link_lists: tuple[re.Pattern, ...]
    site: re.Pattern  # a web site's name: "example.org"
    site_max_words: int
    counter: re.Pattern  # "79 views", "Views: 79"
    nav_words: frozenset[str]
    nav_filler: frozenset[str]
    nav_max_words: int
    menu_min_lines: int
    menu_max_words: int
    site_header_max_lines: int
    neighbour_max_words: int
    attribution: re.Pattern
    heading_max_words: int
    page_number: re.Pattern
    running_share: float
    running_lines: int
    words_run_together: re.Pattern = field(default=re.compile(r"[a-z]{2}[A-Z][a-z]"))


def compile_rules(data: dict, heading_max_words: int) -> ChromeRules:
    """The chrome cues from the parsed structure.yaml."""
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in data[key])

    tlds = "|".join(sorted({re.escape(str(t)) for t in data["site_domains"]}))
    counters = "|".join(sorted(re.escape(w) for w in words("counter_words")))
    number = r"\d[\d,.\s]*[km]?"
    return ChromeRules(
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in data["boilerplate_lines"]),
        link_lists=tuple(re.compile(p, re.IGNORECASE) for p in data["link_list_headings"]),
        site=re.compile(rf"\b[a-z0-9][a-z0-9-]+\.(?:[a-z0-9-]+\.)*(?:{tlds}|[a-z]{{2}})\b(?![.-]?\w)", re.IGNORECASE),
        site_max_words=int(data["site_credit_max_words"]),
        counter=re.compile(rf"^(?:{number}\s*(?:{counters})|(?:{counters})\s*:?\s*{number})$", re.IGNORECASE),
        nav_words=words("nav_words"), nav_filler=words("nav_filler"), nav_max_words=int(data["nav_max_words"]),
        menu_min_lines=int(data["menu_min_lines"]), menu_max_words=int(data["menu_max_words"]),
        site_header_max_lines=int(data["site_header_max_lines"]),
        neighbour_max_words=int(data["chrome_neighbour_max_words"]),
        attribution=re.compile(data["quote_attribution"]), heading_max_words=heading_max_words,
        page_number=re.compile(data["page_number"], re.IGNORECASE),
        running_share=float(data["running_head_share"]), running_lines=int(data["running_head_lines"]))


_SENTENCE_END = re.compile(r"[.!?;:,]$")
_REFERENCE = re.compile(r"\[\d+\]|\[[a-z][a-z ]*needed\]")  # "[12]", "[citation needed]": an encyclopedia's own text
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*", re.UNICODE)
_PIECES = re.compile(r"\s*(?:[.|•·>»]|\s/\s)\s*")  # "Go to next page. Go to previous page.", "Home | News"


def is_prose(text: str) -> bool:
    """A line of running text: a sentence or more, not a label, a title or a menu."""
    n = len(text.split())
    return n >= 25 or (n >= 8 and text[-1] in ".!?\"”’)…:;") or (n >= 14 and bool(re.search(r"[.!?]\s", text)))


def glued_label(text: str) -> bool:
    """An infobox row whose label ran into its value when copied ("LocationKhoraly, X", "Deaths200+",
    "Call signTOLANAIR 412"): a capitalised label of up to three words glued to a capital or a digit."""
    return bool(re.match(r"^[A-Z][a-z]+(?: [a-zA-Z][a-z.]*){0,2}?(?<=[a-z.])(?=[A-Z0-9])", text))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _run_together(text: str, rules: ChromeRules) -> bool:
    """A menu or breadcrumb copied without its separators: two or more capitalised words glued to
    the next ("HomeIran News NowIran Opposition")."""
    end = text.removesuffix("...").removesuffix("…")
    return len(rules.words_run_together.findall(text)) >= 2 and not _SENTENCE_END.search(end)


def _nav_piece(piece: str, rules: ChromeRules, last: bool) -> bool:
    words = [w.casefold() for w in _words(piece)]
    content = [w for w in words if w not in rules.nav_filler]
    if not content or len(words) > rules.nav_max_words:
        return False
    if last and content[-1] not in rules.nav_words and len(content[-1]) >= 2 and any(
            w.startswith(content[-1]) for w in rules.nav_words):
        content[-1] = next(w for w in rules.nav_words if w.startswith(content[-1]))  # "Read Mo" cut at the end
    nav = sum(w in rules.nav_words for w in content)
    return nav * 5 >= len(content) * 3 and not any(c.isdigit() for w in content for c in w[:1])


def is_navigation(text: str, rules: ChromeRules, last: bool = False) -> bool:
    """A menu, a button or a pager: every piece of the line is mostly navigation words ("Back to
    top button", "Show More", "Go to next page. Go to previous page."). `last`: the document's
    last line, whose last word may be cut ("Read Mo")."""
    pieces = [p for p in _PIECES.split(text) if p.strip()]
    return bool(pieces) and all(_nav_piece(p, rules, last and i == len(pieces) - 1) for i, p in enumerate(pieces))


def _site_credit(text: str, rules: ChromeRules) -> bool:
    """A short line naming a web site and little else: "example.ru - free templates"."""
    return (bool(rules.site.search(text)) and len(text.split()) <= rules.site_max_words
            and not is_prose(text) and not text.endswith((".", "!", "?")))


def line_is_chrome(text: str, rules: ChromeRules, last: bool = False) -> bool:
    """Whether one line, by itself, is page chrome."""
    return (any(p.search(text) for p in rules.patterns) or bool(rules.counter.match(text))
            or _run_together(text, rules) or _site_credit(text, rules) or is_navigation(text, rules, last))


def _title_like(text: str, rules: ChromeRules) -> bool:
    """A link's label: short, capitalised, no sentence punctuation, no footnote marks, no infobox glue."""
    words = text.split()
    first = next((w for w in words if not w[:1].isdigit()), "")
    return (0 < len(words) <= rules.menu_max_words and first[:1].isupper() and not _SENTENCE_END.search(text)
            and not _REFERENCE.search(text) and not glued_label(text))


def _zones(lines: Sequence[Line]) -> tuple[int, int]:
    """Index of the first line of running text and one past the last: above and below them lies
    the page's header and footer."""
    prose = [i for i, line in enumerate(lines) if line.kind != BOILERPLATE and is_prose(line.text)]
    return (prose[0], prose[-1] + 1) if prose else (len(lines), len(lines))


def _mark_lines(lines: Sequence[Line], rules: ChromeRules) -> None:
    for i, line in enumerate(lines):
        if line_is_chrome(line.text, rules, last=i == len(lines) - 1):
            line.kind = BOILERPLATE


def _mark_link_lists(lines: Sequence[Line], rules: ChromeRules) -> None:
    """A "Related posts" heading and the short lines after it: until a full paragraph, or the first
    blank line when the list's lines follow one another."""
    tight, inside = False, False
    for i, line in enumerate(lines):
        if any(p.search(line.text) for p in rules.link_lists):
            inside, tight = True, i + 1 < len(lines) and not lines[i + 1].gap
            line.kind = BOILERPLATE
            continue
        if inside and ((tight and line.gap) or not _link_label(line.text, rules)):
            inside = False
        if inside:
            line.kind = BOILERPLATE


def _link_label(text: str, rules: ChromeRules) -> bool:
    """A line a list of links may hold: a title, not a sentence of the account."""
    return (len(text.split()) <= rules.heading_max_words and not text[0].islower()
            and text[-1] not in ".!?,;:…" and not is_prose(text))


def _runs(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Runs of lines with no blank line between them, as (first, past last)."""
    out, start = [], 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].gap:
            out.append((start, i))
            start = i
    return out


def _mark_menus(lines: Sequence[Line], rules: ChromeRules) -> None:
    """Runs of short title-like lines above or below the account are menus; the lines above a menu
    that opens the page are the site's name and slogan."""
    first, past = _zones(lines)
    for a, b in _runs(lines):
        if (b - a < rules.menu_min_lines or not (b <= first or a >= past)
                or not all(_title_like(lines[i].text, rules) or lines[i].kind == BOILERPLATE for i in range(a, b))):
            continue
        for i in range(a, b):
            lines[i].kind = BOILERPLATE
        if a <= rules.site_header_max_lines:
            for i in range(a):
                if not is_prose(lines[i].text):
                    lines[i].kind = BOILERPLATE


def _mark_quote_boxes(lines: Sequence[Line], rules: ChromeRules) -> None:
    """A quotation closed by its author's name and life dates: with the quotations around it
    (an indented block holds them all) and the line that introduces them ("Quotes on X:")."""
    for i, line in enumerate(lines):
        if not rules.attribution.match(line.text):
            continue
        box = {i}
        if line.indent:
            a = b = i
            while a > 0 and lines[a - 1].indent:
                a -= 1
            while b + 1 < len(lines) and lines[b + 1].indent:
                b += 1
            box.update(range(a, b + 1))
        else:
            a = i
            while a > 0 and not lines[a].gap and lines[a - 1].kind != BOILERPLATE:
                a -= 1
            box.update(range(a, i))
        top = min(box)
        if top > 0 and lines[top - 1].text.endswith(":") and len(lines[top - 1].text.split()) <= 10:
            box.add(top - 1)
        for j in box:
            lines[j].kind = BOILERPLATE


def _is_menu(line: Line, rules: ChromeRules) -> bool:
    """Chrome that a menu's other items may stand beside: navigation, run-together links."""
    return line.kind == BOILERPLATE and (is_navigation(line.text, rules) or _run_together(line.text, rules))


def spread(lines: Sequence[Line], rules: ChromeRules) -> None:
    """Above and below the account, a body line or heading of a few words with no blank line
    between it and a menu's item is an item too ("Newsfeed" / "Day newsfeed"); beside a counter or
    an id a line may be a byline. Run once bylines and datelines are known: they stay what they are."""
    first, past = _zones(lines)
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if (line.kind not in ("body", "heading") or first <= i < past
                    or len(line.text.split()) > rules.neighbour_max_words):
                continue
            above = i > 0 and not line.gap and _is_menu(lines[i - 1], rules)
            below = i + 1 < len(lines) and not lines[i + 1].gap and _is_menu(lines[i + 1], rules)
            if above or below:
                line.kind, changed = BOILERPLATE, True


def _mark_running_heads(lines: Sequence[Line], rules: ChromeRules) -> None:
    """In paged text, the lines at the top or bottom of most pages that are the same but for their
    digits (a report's title, "Page 3 of 12") and lines that are only a page number."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.page is not None:
            pages.setdefault(line.page, []).append(line)
    if len(pages) < 2:
        return
    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))

    edges = [page[:rules.running_lines] + page[-rules.running_lines:] for page in pages.values()]
    pages_with = Counter(s for edge in edges for s in {shape(line) for line in edge})
    needed = max(2, rules.running_share * len(pages))
    for edge in edges:
        for line in edge:
            if pages_with[shape(line)] >= needed or rules.page_number.match(line.text):
                line.kind = BOILERPLATE


def mark(lines: Sequence[Line], rules: ChromeRules) -> None:
    """Mark the chrome among `lines` (in document order) as boilerplate; `spread` completes it."""
    _mark_lines(lines, rules)
    _mark_running_heads(lines, rules)
    _mark_link_lists(lines, rules)
    _mark_quote_boxes(lines, rules)
    _mark_menus(lines, rules)
