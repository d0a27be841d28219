"""Report: the store as one self-contained HTML file, made from the web app's templates.

Every page of the app (sources, findings, timeline, map, search, each document and entity) is a
section of the one file, shown through in-page links; CSS, scripts, Leaflet and the country
outlines are inline, so it opens from disk with no network. All document text is escaped
(Jinja2 autoescaping, and `web.highlight` for the marked-up text).
"""

from __future__ import annotations

import base64
from collections import defaultdict
from functools import cache
from pathlib import Path

from markupsafe import Markup
from xstatic.pkg import leaflet

from rashomon import __version__
from rashomon.outputs.web.basemap import countries
from rashomon.outputs.web.framing import framing
from rashomon.outputs.web.highlight import render as render_spans
from rashomon.outputs.web.highlight import segment_spans
from rashomon.outputs.web.pages import Pages
from rashomon.outputs.web.views import document_page, entity_page, environment, helpers, report_url
from rashomon.store import Store

STATIC = Path(__file__).parent / "web" / "static"


def highlighted(text: str, segments: list[dict], marks: list[dict]) -> Markup:
    """The text as HTML: each segment a block of its kind, each mark (class, title, and
    optionally href) around its span; overlapping marks are nested, none is lost."""
    return render_spans(text, segment_spans(segments) + list(marks))


@cache
def _assets() -> dict[str, Markup]:
    """The inline CSS, the scripts and the base map, ready to place in the page."""
    css = (Path(leaflet.BASE_DIR) / "leaflet.css").read_text(encoding="utf-8") + (STATIC / "app.css").read_text(
        encoding="utf-8")
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    leaflet_js = base64.b64encode((Path(leaflet.BASE_DIR) / "leaflet.js").read_bytes()).decode("ascii")
    return {"css": Markup(css.replace("</", "<\\/")), "js": Markup(js.replace("</", "<\\/")),
            "leaflet_js": Markup(leaflet_js), "basemap": Markup(countries().replace("</", "<\\/"))}


def render(store: Store) -> str:
    """The report as an HTML string, read from one snapshot of the store: an `analyze` writing
    meanwhile cannot show the report a finding whose document it has not yet read."""
    pages = Pages(store)
    with pages.reading():
        return _render(store, pages)


def _render(store: Store, pages: Pages) -> str:
    findings = pages.findings(everything=True)
    anchors: dict[str, set] = defaultdict(set)
    for f in findings["findings"]:
        for c in f["claims"]:
            anchors[c["doc"]].add((c["start"], c["end"]))
    timeline = pages.timeline(everything=True)
    for item in timeline["entries"]:
        anchors[item["lane"]].add((item["href_start"], item["href_end"]))
    places = pages.places()
    for p in places["places"]:
        for e in p["events"]:
            anchors[e["doc"]].add((e["start"], e["end"]))
    sources = pages.sources(everything=True)
    documents = [document_page(pages, d["id"], report_url, anchors=sorted(anchors[d["id"]]))
                 for d in sources["documents"]]
    listed = pages.entities()
    entities = [entity_page(pages, e["id"]) for e in listed]
    return environment().get_template("report.html.j2").render(
        counts=pages.summary(), version=__version__, sources=sources, findings=findings, framing=framing(pages),
        timeline=timeline, places=places, search={}, documents=documents, entities=entities,
        entity_list={"entities": listed, "filters": {}, "kinds": []},
        **(helpers(report_url, "report") | _assets()))


def write_report(store: Store, out: Path) -> None:
    out.write_text(render(store), encoding="utf-8")



