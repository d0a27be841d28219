"""A document's text as HTML with its spans marked: segments as blocks, quotes and citations
around the names, dates and amounts inside them.

Spans may overlap (a quote holding a name, a name crossing a segment's end): an element that
must close while an inner one is still open is closed and reopened around it, so the HTML is
always well nested and no span is lost. Every piece of text goes through `html.escape`.
"""

from __future__ import annotations

import html

from markupsafe import Markup

SEGMENT_LAYER = 0  # blocks first, then quotes and citations (1), then names, dates, amounts (2)


def _open(span: dict, first: bool) -> str:
    attrs = f' class="{html.escape(span["class"])}"'
    if span.get("title"):
        attrs += f' title="{html.escape(span["title"])}"'
    if first and span.get("id"):
        attrs += f' id="{html.escape(span["id"])}"'
    if span.get("tag") == "div":
        label = span.get("label")
        return f"<div{attrs}>" + (f'<span class="seg-label">{html.escape(label)}</span>' if first and label else "")
    if span.get("href"):
        return f'<a href="{html.escape(span["href"])}"{attrs}>'
    return f"<mark{attrs}>"


def _close(span: dict) -> str:
    return "</div>" if span.get("tag") == "div" else "</a>" if span.get("href") else "</mark>"


def segment_spans(segments: list[dict]) -> list[dict]:
    """Segments as block spans; all but body carry a visible label (kind, author, date)."""
    out = []
    for seg in segments:
        label = seg["kind"].replace("_", " ") + (f" · {seg['author']}" if seg.get("author") else "") + (
            f" · {seg['date']}" if seg.get("date") else "")
        out.append({"start": seg["start"], "end": seg["end"], "tag": "div", "class": f"seg {seg['kind']}",
                    "layer": SEGMENT_LAYER, "title": label, "label": None if seg["kind"] == "body" else label})
    return out


def render(text: str, spans: list[dict]) -> Markup:
    """`text` as HTML with each span (start, end, class, and optionally title, href, id, tag,
    layer) around its characters; spans of lower layer enclose those of higher layer."""
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    spans.sort(key=lambda s: (s["start"], s.get("layer", 2), -s["end"]))
    points = sorted({s["start"] for s in spans} | {s["end"] for s in spans})
    out: list[str] = []
    stack: list[dict] = []
    pos = i = 0
    for p in points:
        gap = text[pos:p]
        if stack or gap.strip() or "\n" not in gap:  # line breaks between blocks would add blank lines
            out.append(html.escape(gap))
        pos = p
        starting = []
        while i < len(spans) and spans[i]["start"] == p:
            starting.append(spans[i])
            i += 1
        lowest = min((s.get("layer", 2) for s in starting), default=None)
        # close every open span from the deepest one that ends here or must sit inside a new one
        cut = next((j for j, s in enumerate(stack) if s["end"] == p
                    or (lowest is not None and s.get("layer", 2) > lowest)), len(stack))
        reopen = []
        while len(stack) > cut:
            s = stack.pop()
            out.append(_close(s))
            if s["end"] != p:
                reopen.append(s)
        opening = sorted([(s, False) for s in reopen] + [(s, True) for s in starting],
                         key=lambda x: (x[0].get("layer", 2), -x[0]["end"]))
        for s, first in opening:
            out.append(_open(s, first))
            stack.append(s)
    out.append(html.escape(text[pos:]))
    return Markup("".join(out))
