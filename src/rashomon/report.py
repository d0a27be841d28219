"""Report: the store as one self-contained HTML file (no network: CSS inline, no scripts loaded).

Every string from a document goes through Jinja2's autoescaping or `html.escape`; the document
text is cut into escaped pieces around the highlighted spans, never inserted raw.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from .export import to_dict
from .store import Store


def _environment() -> Environment:
    return Environment(loader=PackageLoader("rashomon", "templates"), autoescape=select_autoescape(default=True))


def highlighted(text: str, segments: list[dict], marks: list[dict]) -> Markup:
    """The text as HTML: each segment a block of its kind, each mark (a mention, a date, ...)
    a <mark> with its class and title. Marks that overlap an earlier one are left out."""
    out, pos = [], 0
    by_segment: dict[int, list[dict]] = defaultdict(list)
    for mark in sorted(marks, key=lambda m: (m["start"], -m["end"])):
        for i, seg in enumerate(segments):
            if seg["start"] <= mark["start"] and mark["end"] <= seg["end"]:
                by_segment[i].append(mark)
                break
    for i, seg in enumerate(segments):
        out.append(html.escape(text[pos:seg["start"]]))
        label = seg["kind"] + (f" · {seg['author']}" if seg.get("author") else "") + (
            f" · {seg['date']}" if seg.get("date") else "")
        out.append(f'<div class="seg {html.escape(seg["kind"])}" title="{html.escape(label)}">')
        if seg["kind"] != "body":
            out.append(f'<span class="seg-label">{html.escape(label)}</span>')
        cursor = seg["start"]
        for mark in by_segment[i]:
            if mark["start"] < cursor:
                continue
            out.append(html.escape(text[cursor:mark["start"]]))
            out.append(f'<mark class="{html.escape(mark["class"])}" title="{html.escape(mark["title"])}">'
                       f'{html.escape(text[mark["start"]:mark["end"]])}</mark>')
            cursor = mark["end"]
        out.append(html.escape(text[cursor:seg["end"]]) + "</div>")
        pos = seg["end"]
    out.append(html.escape(text[pos:]))
    return Markup("".join(out))


def render(store: Store) -> str:
    """The report as an HTML string."""
    data = to_dict(store)
    marks: dict[str, list[dict]] = defaultdict(list)
    for e in data["entities"]:
        for m in e["mentions"]:
            marks[m["doc"]].append({"start": m["start"], "end": m["end"], "class": f"ent {e['type']}",
                                    "title": f"{e['name']} ({e['type']})"})
    for t in data["timexes"]:
        marks[t["doc"]].append({"start": t["start"], "end": t["end"], "class": "timex",
                                "title": f"{t['type']} {t['value'] or 'unresolved'}"})
    for q in data["quantities"]:
        marks[q["doc"]].append({"start": q["start"], "end": q["end"], "class": "quantity",
                                "title": f"quantity {q['counted'] or ''}".strip()})
    documents = [d | {"html": highlighted(d["text"], d["segments"], marks[d["id"]])} for d in data["documents"]]
    return _environment().get_template("report.html.j2").render(
        documents=documents, entities=data["entities"], findings=data["findings"], skipped=data["skipped"],
        counts=store.counts())


def write_report(store: Store, out: Path) -> None:
    out.write_text(render(store), encoding="utf-8")
