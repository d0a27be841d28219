"""The local web app: `rashomon serve` runs `create_app(db)` with uvicorn on 127.0.0.1.

The store is opened read-only. Pages are made in worker threads, one at a time, each from one
snapshot of the store (`Pages.reading`): a page is whole even while an `analyze` writes, and the
next page shows what it has written since. Search has a connection and a lock of its own, and a
time limit, so a slow search never holds up the other pages. Every request goes through `Guard`
(the Host header checked, HEAD answered, security headers on every response). An unknown
document, entity or page answers a 404 page; any other failure a plain 500 page, never a traceback.
"""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from xstatic.pkg import leaflet

from rashomon.outputs.web.basemap import countries
from rashomon.outputs.web.framing import framing
from rashomon.outputs.web.guard import Guard, Hosts
from rashomon.outputs.web.pages import Pages
from rashomon.outputs.web.search import Search
from rashomon.outputs.web.views import TITLES, app_url, document_page, entity_page, environment, helpers, title_of
from rashomon.store import Store

STATIC = Path(__file__).parent / "static"
SPAN = re.compile(r"([0-9]{1,9})-([0-9]{1,9})")
NUMBER = re.compile(r"[0-9]{1,6}")
GET = ["GET"]  # and HEAD, which Guard answers as GET without the body

Page = Callable[..., HTMLResponse]  # (kind, data, title=None, status=200) -> the page


def _span(hl: str | None) -> tuple[int, int] | None:
    """`hl=START-END` from a URL as offsets, None when absent or not two (ASCII) numbers."""
    m = SPAN.fullmatch(hl or "")
    return (int(m[1]), int(m[2])) if m else None


def _page(request: Request) -> int:
    """The `page` query parameter as a page number (1 when absent or not a number)."""
    value = request.query_params.get("page", "1")
    return max(1, int(value)) if NUMBER.fullmatch(value) else 1


def _renderer(pages: Pages) -> Page:
    """Renders one page of the app, with the store's counts in its header."""
    env = environment()
    common = helpers(app_url, "app")

    def page(kind: str, data: dict, title: str | None = None, status: int = 200) -> HTMLResponse:
        with pages.reading():
            counts = pages.summary()
        html = env.get_template("app.html.j2").render(page=kind, p=data, title=title or TITLES[kind], counts=counts,
                                                      **common)
        return HTMLResponse(html, status_code=status)

    return page


def _error_pages(app: FastAPI, not_found: Callable[[str], HTMLResponse]) -> None:
    """An unknown page answers the 404 page; a method other than GET and HEAD a 405 that says which
    are allowed; any other failure a plain 500 page, never a traceback."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return not_found("There is no such page.")
        headers = {"Allow": "GET, HEAD"} if exc.status_code == 405 else {}
        return HTMLResponse(f"<!doctype html><title>{exc.status_code}</title><h1>{exc.status_code}</h1>",
                            status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> Response:
        return HTMLResponse("<!doctype html><title>Error</title><h1>Something went wrong</h1>"
                            "<p>The page could not be made; the server log says why.</p>", status_code=500)


def _lifespan(store: Store, pages: Pages, search: Search) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The app's lifespan: the search index and the corpus-wide facts are gathered in the
    background as the server starts (`app.state.ready` is set when they are); the store is
    closed when it stops."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        def prepare() -> None:
            try:
                search.prepare()
                pages.warm()
                with pages.reading():
                    pages.fact("framing", lambda: framing(pages))
            finally:
                app.state.ready.set()

        warming = threading.Thread(target=prepare, name="rashomon-warm", daemon=True)
        warming.start()
        yield
        warming.join(timeout=30)
        search.close()
        store.close()

    return lifespan


def create_app(db: str | Path, hosts: Hosts | None = None) -> FastAPI:
    """The web app over the store in `db`, opened read-only (the file must exist). `hosts` are
    the Host names it answers to (by default those of 127.0.0.1)."""
    store = Store(db, readonly=True)
    pages = Pages(store)
    search = Search(db, pages)
    app = FastAPI(title="Rashomon", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=_lifespan(store, pages, search))
    app.add_middleware(Guard, hosts=hosts or Hosts.for_address("127.0.0.1"))
    app.state.store, app.state.pages, app.state.search = store, pages, search
    app.state.ready = threading.Event()
    app.mount("/static/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    page = _renderer(pages)

    def not_found(message: str) -> HTMLResponse:
        return page("404", {"message": message}, status=404)

    _error_pages(app, not_found)
    _routes(app, pages, search, page, not_found)
    return app


def _routes(app: FastAPI, pages: Pages, search: Search, page: Page, not_found: Callable[[str], HTMLResponse]) -> None:
    """The pages: plain functions, run in worker threads, each reading one snapshot."""

    @app.api_route("/", methods=GET, response_class=HTMLResponse)
    def sources(request: Request, perspective: str | None = None, publisher: str | None = None) -> HTMLResponse:
        with pages.reading():
            return page("sources", pages.sources(perspective or None, publisher or None, _page(request)))

    @app.api_route("/documents/{doc_id:path}", methods=GET, response_class=HTMLResponse)
    def document(doc_id: str, hl: str | None = None) -> HTMLResponse:
        with pages.reading():
            data = document_page(pages, doc_id, app_url, _span(hl))
        if data is None:
            return not_found("There is no document with this id in the store.")
        return page("document", data, title=title_of(data["doc"]))

    @app.api_route("/entities", methods=GET, response_class=HTMLResponse)
    def entities(request: Request, kind: str | None = None, name: str | None = None) -> HTMLResponse:
        with pages.reading():
            return page("entities", pages.entity_list(kind or None, (name or "").strip()[:100] or None,
                                                      _page(request)))

    @app.api_route("/entities/{entity_id:path}", methods=GET, response_class=HTMLResponse)
    def entity(entity_id: str) -> HTMLResponse:
        with pages.reading():
            data = entity_page(pages, entity_id)
        if data is None:
            return not_found("There is no entity with this id in the store.")
        return page("entity", data, title=data["entity"]["name"])

    @app.api_route("/findings", methods=GET, response_class=HTMLResponse)
    def findings(request: Request, entity: str | None = None, source: str | None = None, event: str | None = None,
                 sort: str | None = None) -> HTMLResponse:
        kinds = [k for k in request.query_params.getlist("kind") if k]
        with pages.reading():
            return page("findings", pages.findings(kinds, entity or None, source or None, event or None,
                                                   sort or "kind", _page(request)))

    @app.api_route("/framing", methods=GET, response_class=HTMLResponse)
    def framing_view() -> HTMLResponse:
        with pages.reading():
            return page("framing", pages.fact("framing", lambda: framing(pages)))

    @app.api_route("/timeline", methods=GET, response_class=HTMLResponse)
    def timeline(request: Request) -> HTMLResponse:
        chosen = [s for s in request.query_params.getlist("source") if s][:50]
        with pages.reading():
            return page("timeline", pages.timeline(chosen or None, _page(request)))

    @app.api_route("/map", methods=GET, response_class=HTMLResponse)
    def places(source: str | None = None) -> HTMLResponse:
        with pages.reading():
            return page("map", pages.places(source or None))

    @app.api_route("/search", methods=GET, response_class=HTMLResponse)
    def find(request: Request, q: str | None = None, source: str | None = None) -> HTMLResponse:
        return page("search", search.page(q, source or None, _page(request)))

    @app.api_route("/basemap.geojson", methods=GET)
    def basemap() -> Response:
        return Response(countries(), media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})
