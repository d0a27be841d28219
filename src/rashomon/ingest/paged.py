"""Paged documents: the text layer of PDF files (pypdf) and Word files (python-docx), page by page.

Journalists and researchers keep reports as PDF and Word files as often as web pages. What is read
is the text a file carries, never an image of it: a PDF none of whose pages has a text layer (a
scan) is skipped with its own reason (R021), not read as empty; run OCR on it first. The pages
are joined by a blank line and the offset where each starts is kept (`Source.pages`), so that
evidence can be cited by page; the structure stage reads the lines repeated at the tops and
bottoms of pages as running heads. A Word file's own headers and footers live apart from its
body and are not read; its pages are those its last layout recorded (Word's rendered page breaks)
and its hard page breaks, and it has none when the file records neither.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rashomon.errors import NO_TEXT_LAYER, UNREADABLE_DOCUMENT

PAGE_JOIN = "\n\n"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Paged:
    """The text of a paged file, where its pages start, and the metadata the file carries."""

    text: str
    pages: tuple[int, ...]
    meta: dict


@dataclass(frozen=True)
class Unread:
    """Why a paged file gave no text: a reason code and its detail."""

    code: str
    detail: str | None = None


def _clean(text: str) -> str:
    """A page's text with its line ends as \\n and no control characters (a PDF's text layer has some)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in _CONTROL.sub(" ", text).split("\n")).strip("\n")


def _joined(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + len(PAGE_JOIN)
    return PAGE_JOIN.join(pages), tuple(starts)


def read_pdf(data: bytes) -> Paged | Unread:
    """The text layer of a PDF, page by page; Unread when it cannot be opened or has no text."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # what a damaged file lacks is said by the Skip
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Unread(UNREADABLE_DOCUMENT, "the PDF is encrypted with a password")
        pages = [_clean(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata or {}
    except Exception as e:  # pypdf raises many kinds on a damaged file
        return Unread(UNREADABLE_DOCUMENT, f"the PDF could not be parsed: {type(e).__name__}: {e}"[:200])
    if not any(p.strip() for p in pages):
        return Unread(NO_TEXT_LAYER, f"{len(pages)} page(s), none with text")
    text, starts = _joined(pages)
    meta = {"title": _info(info, "/Title"), "author": _info(info, "/Author")}
    return Paged(text, starts, meta)


def _info(info, key: str) -> str | None:
    try:
        value = info.get(key)
    except (ValueError, KeyError, TypeError):
        return None
    return str(value).strip() or None if value is not None else None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _runs(paragraph) -> Iterator[str | None]:
    """A Word paragraph's text pieces in order; None where a page breaks."""
    for el in paragraph.iter():  # runs, and the runs of hyperlinks and fields
        tag = el.tag
        if tag == f"{_W}t":
            yield el.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield None if el.get(f"{_W}type") == "page" else "\n"
        elif tag == f"{_W}lastRenderedPageBreak" or (tag == f"{_W}pPr" and el.find(f"{_W}pageBreakBefore") is not None):
            yield None


def _paragraphs(body) -> Iterator:
    """The body's paragraphs in reading order, those in table cells included."""
    for el in body.iterchildren():
        if el.tag == f"{_W}p":
            yield el
        elif el.tag == f"{_W}tbl":
            yield from (p for p in el.iter(f"{_W}p"))


def read_docx(data: bytes) -> Paged | Unread:
    """The body text of a Word file, one paragraph a block, by the pages it records; Unread when it
    cannot be opened."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        pages: list[list[str]] = [[]]
        line: list[str] = []
        for paragraph in _paragraphs(document.element.body):
            for piece in _runs(paragraph):
                if piece is not None:
                    line.append(piece)
                elif any(p.strip() for p in [*pages[-1], *line]):  # a break on an empty page is one told twice
                    pages[-1].append("".join(line))
                    pages.append([])
                    line = []
            pages[-1].append("".join(line))
            line = []
        props = document.core_properties
        meta = {"title": (props.title or "").strip() or None, "author": (props.author or "").strip() or None}
    except Exception as e:  # python-docx and its zip and XML readers raise many kinds on a damaged file
        return Unread(UNREADABLE_DOCUMENT, f"the Word file could not be parsed: {type(e).__name__}: {e}"[:200])
    texts = [_clean(PAGE_JOIN.join(b for b in page if b.strip())) for page in pages]
    if len(texts) == 1:
        return Paged(texts[0], (), meta)
    text, starts = _joined(texts)
    return Paged(text, starts, meta)
