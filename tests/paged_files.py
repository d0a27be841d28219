"""PDF and Word files the tests make themselves: text pages, a running header, a scanned page."""

from __future__ import annotations

import io
from collections.abc import Sequence

IMAGE = b"\x00\xff\xff\x00"  # a 2 x 2 grey image: what a scanner puts on a page instead of text


def _escaped(line: str) -> bytes:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def pdf(pages: Sequence[Sequence[str] | None]) -> bytes:
    """A PDF with one page per entry: its lines of text (Helvetica, top to bottom), or None for a
    scanned page (an image and no text layer)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",  # the page tree is written once pages are numbered
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Length 4 >>\nstream\n" + IMAGE + b"\nendstream"]
    kids = []
    for lines in pages:
        if lines is None:
            content = b"q 400 0 0 500 100 150 cm /Im1 Do Q"
        else:
            shown = b" T* ".join(b"(" + _escaped(line) + b") Tj" for line in lines)
            content = b"BT /F1 11 Tf 14 TL 72 740 Td " + shown + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % (len(objects)))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx(pages: Sequence[Sequence[str]], header: str | None = None, title: str | None = None) -> bytes:
    """A Word file with these paragraphs, a hard page break between pages, and a running header."""
    import docx as python_docx

    document = python_docx.Document()
    for n, paragraphs in enumerate(pages):
        if n:
            document.add_page_break()
        for text in paragraphs:
            document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if title:
        document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
