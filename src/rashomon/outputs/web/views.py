"""Rendering: the shared Jinja2 templates (src/rashomon/outputs/templates), filled for the app or the report.

The same page templates serve both faces; they differ only in `url`, which gives a path with
its query for the web app and an in-page anchor for the self-contained report, and in `mode`.
Autoescaping is on for every template: document text reaches the page escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from rashomon.extract.places.model import DIVISIONS, PART
from rashomon.outputs.quoting import shorten
from rashomon.outputs.web.framing import columns
from rashomon.outputs.web.highlight import render, segment_spans
from rashomon.outputs.web.pages import Pages, amount
from rashomon.records import file_name

Url = Callable[..., str]
PATHS = {"sources": "/", "findings": "/findings", "framing": "/framing", "timeline": "/timeline", "map": "/map",
         "entities": "/entities", "search": "/search", "document": "/documents/{}", "entity": "/entities/{}"}
TITLES = {"sources": "Sources", "findings": "Findings", "framing": "Framing", "timeline": "Timeline", "map": "Map",
          "entities": "Entities", "search": "Search", "404": "Not found"}
# place kinds whose point on the map stands for an area (its centre): drawn as estimated
AREAS = frozenset({*DIVISIONS, PART, "continent", "region", "sea", "gulf", "strait", "river", "lake", "mountains",
                   "range", "desert", "valley", "plain", "island", "islands"})
NAV = ("sources", "findings", "framing", "timeline", "map", "entities", "search")


def title_of(doc: dict) -> str:
    """What a document is called on a page: its title, else its file's name (never its folders)."""
    return (doc.get("title") or "").strip() or file_name(doc.get("file")) or doc.get("id", "")


def web_address(url: str | None) -> str | None:
    """A source's URL when it is one a link may point to (http or https), else None."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    return parts.geturl() if parts.scheme in ("http", "https") and parts.netloc else None


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("rashomon", "outputs/templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["combine"] = lambda d, **kw: {**d, **kw}
    env.filters["dropnone"] = lambda d: {k: v for k, v in d.items() if v not in (None, "", [])}
    env.filters["without"] = lambda d, key: {k: v for k, v in d.items() if k != key}
    env.filters["shorten"] = shorten
    env.filters["file_name"] = file_name
    env.globals.update(amount=amount, title_of=title_of, web_address=web_address, nav=NAV)
    return env


def app_url(kind: str, ident: str | None = None, /, **params: object) -> str:
    """A path of the web app, with its filters as the query string (so a view can be linked)."""
    path = PATHS[kind].format(quote(ident or "", safe=""))
    query = urlencode([(k, v) for k, v in params.items() if v not in (None, "")], doseq=True)
    return path + ("?" + query if query else "") + ("#evidence" if kind == "document" and params.get("hl") else "")


def report_url(kind: str, ident: str | None = None, /, **params: object) -> str:
    """An anchor inside the report: each page is a section of the one file."""
    if kind == "document":
        return f"#ev-{ident}-{params['hl']}" if params.get("hl") else f"#doc-{ident}"
    if kind == "entity":
        return f"#entity-{ident}"
    return f"#{kind}"


def helpers(url: Url, mode: str) -> dict:
    """What every template gets besides its page data: links and the JSON the scripts read."""

    def lane_labels(lanes: list[dict]) -> dict:
        return {d["id"]: {"title": title_of(d), "meta": " · ".join(
            x for x in (d["publisher"], d["perspective"]) if x), "href": url("document", d["id"])} for d in lanes}

    def timeline_items(items: list[dict]) -> list[dict]:
        return [{k: it[k] for k in ("lane", "kind", "type", "start", "end", "conflict", "aside")}
                | {"text": shorten(it["text"], 300),
                   "href": url("document", it["lane"], hl=f"{it['href_start']}-{it['href_end']}"),
                   "findings": it["findings"]}
                for it in items]

    def map_places(places: list[dict]) -> list[dict]:
        return [{"name": p["name"], "lat": p["lat"], "lon": p["lon"], "kind": p["place_kind"], "sources": p["sources"],
                 "radius_km": p["radius_km"],
                 "href": url("entity", p["id"]),
                 "estimated": p["place_kind"] in AREAS,
                 "docs": [{"title": title_of(d), "perspective": d["perspective"], "href": url("document", d["id"])}
                          for d in p["docs"]],
                 "events": [{"type": e["type"], "text": shorten(e["text"], 200),
                             "href": url("document", e["doc"], hl=f"{e['start']}-{e['end']}")} for e in p["events"]]}
                for p in places]

    return {"url": url, "mode": mode, "lane_labels": lane_labels, "timeline_items": timeline_items,
            "map_places": map_places}


def document_page(pages: Pages, doc_id: str, url: Url, highlight: tuple[int, int] | None = None,
                  anchors: list[tuple[int, int]] = ()) -> dict | None:
    """The document page's data with its text rendered: names link to their entity pages, the
    `highlight` span (evidence a finding points to) is marked, `anchors` get ids to jump to."""
    p = pages.document(doc_id, highlight)
    if p is None:
        return None
    spans = segment_spans(p["segments"])
    for mark in p["marks"]:
        if mark.get("entity"):
            mark = mark | {"href": url("entity", mark["entity"])}
        spans.append(mark)
    for start, end in anchors:
        spans.append({"start": start, "end": end, "class": "evidence-anchor", "layer": 0.5,
                      "id": f"ev-{doc_id}-{start}-{end}", "title": "evidence for a finding"})
    return p | {"html": render(p["doc"]["text"], spans)}


def entity_page(pages: Pages, entity_id: str) -> dict | None:
    """The entity page's data with its framing view: the sources as columns, their words in them."""
    p = pages.entity(entity_id)
    return None if p is None else p | {"framing": columns(p)}
