"""The local web app: `rashomon serve` runs `create_app(db)` with uvicorn on 127.0.0.1.

The store is opened read-only and each page is answered with a few indexed queries (see
`pages`), from one snapshot of the store: a page is whole even while an `analyze` writes, and
the next page shows what it has written since. An unknown document, entity or page answers a
404 page; any other failure a plain 500 page, never a traceback.
"""

from __future__ import annotations

import asyncio
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
from rashomon.outputs.web.pages import Pages
from rashomon.outputs.web.views import TITLES, app_url, document_page, entity_page, environment, helpers
from rashomon.store import Store

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                               "base-uri 'none'; frame-ancestors 'none'",
                    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _span(hl: str | None) -> tuple[int, int] | None:
    """`hl=START-END` from a URL as offsets, None when absent or not two numbers."""
    if not hl:
        return None
    start, _, end = hl.partition("-")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


Page = Callable[..., HTMLResponse]  # (request, kind, data, title=None, status=200) -> the page


def _renderer(pages: Pages) -> Page:
    """Renders one page of the app, with the store's counts and the security headers."""
    env = environment()
    common = helpers(app_url, "app")

    def page(request: Request, kind: str, data: dict, title: str | None = None, status: int = 200) -> HTMLResponse:
        html = env.get_template("app.html.j2").render(
            page=kind, p=data, title=title or TITLES[kind], counts=pages.summary(), request_url=str(request.url),
            **common)
        return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)

    return page


def _error_pages(app: FastAPI, not_found: Callable[[Request, str], HTMLResponse]) -> None:
    """An unknown page answers the 404 page; any other failure a plain 500 page, never a traceback."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return not_found(request, "There is no such page.")
        return HTMLResponse(f"<!doctype html><title>{exc.status_code}</title><h1>{exc.status_code}</h1>",
                            status_code=exc.status_code, headers=SECURITY_HEADERS)

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> Response:
        return HTMLResponse("<!doctype html><title>Error</title><h1>Something went wrong</h1>"
                            "<p>The page could not be made; the server log says why.</p>", status_code=500,
                            headers=SECURITY_HEADERS)


def _closing(store: Store) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The app's lifespan: the store is closed when the server stops."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    return lifespan


def _one_page_at_a_time(pages: Pages) -> Callable[[], AbstractAsyncContextManager[None]]:
    """A context in which to make one page: alone on the store's one connection, from one
    snapshot of the store."""
    lock = asyncio.Lock()

    @asynccontextmanager
    async def reading() -> AsyncIterator[None]:
        async with lock:
            with pages.reading():
                yield

    return reading


def create_app(db: Path) -> FastAPI:
    """The web app over the store in `db`, opened read-only (the file must exist)."""
    store = Store(db, readonly=True)
    pages = Pages(store)
    reading = _one_page_at_a_time(pages)
    app = FastAPI(title="Rashomon", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_closing(store))
    app.state.store, app.state.pages = store, pages
    app.mount("/static/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    page = _renderer(pages)

    def not_found(request: Request, message: str) -> HTMLResponse:
        return page(request, "404", {"message": message}, status=404)

    _error_pages(app, not_found)

    @app.get("/", response_class=HTMLResponse)
    async def sources(request: Request, perspective: str | None = None,
                      publisher: str | None = None) -> HTMLResponse:
        async with reading():
            return page(request, "sources", pages.sources(perspective, publisher, _page(request)))

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse)
    async def document(request: Request, doc_id: str, hl: str | None = None) -> HTMLResponse:
        async with reading():
            data = document_page(pages, doc_id, app_url, _span(hl))
            if data is None:
                return not_found(request, "There is no document with this id in the store.")
            return page(request, "document", data, title=data["doc"]["title"] or data["doc"]["file"])

    @app.get("/entities/{entity_id:path}", response_class=HTMLResponse)
    async def entity(request: Request, entity_id: str) -> HTMLResponse:
        async with reading():
            data = entity_page(pages, entity_id)
            if data is None:
                return not_found(request, "There is no entity with this id in the store.")
            return page(request, "entity", data, title=data["entity"]["name"])

    @app.get("/findings", response_class=HTMLResponse)
    async def findings(request: Request, kind: str | None = None, entity: str | None = None,
                       source: str | None = None) -> HTMLResponse:
        async with reading():
            return page(request, "findings", pages.findings(kind or None, entity or None, source or None,
                                                            _page(request)))

    @app.get("/framing", response_class=HTMLResponse)
    async def framing_view(request: Request) -> HTMLResponse:
        async with reading():
            return page(request, "framing", framing(pages))

    @app.get("/timeline", response_class=HTMLResponse)
    async def timeline(request: Request) -> HTMLResponse:
        async with reading():
            chosen = [s for s in request.query_params.getlist("source") if s]
            return page(request, "timeline", pages.timeline(chosen or None, _page(request)))

    @app.get("/map", response_class=HTMLResponse)
    async def places(request: Request, source: str | None = None) -> HTMLResponse:
        async with reading():
            return page(request, "map", pages.places(source or None))

    @app.get("/search", response_class=HTMLResponse)
    async def search(request: Request, q: str | None = None, source: str | None = None) -> HTMLResponse:
        async with reading():
            return page(request, "search", pages.search(q, source or None, _page(request)))

    @app.get("/basemap.geojson")
    async def basemap() -> Response:
        return Response(countries(), media_type="application/geo+json",
                        headers={"Cache-Control": "max-age=86400"})

    return app


def _page(request: Request) -> int:
    """The `page` query parameter as a page number (1 when absent or not a number)."""
    value = request.query_params.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 10**6 else 1
