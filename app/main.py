"""The web app factory: `create_app(settings)` builds everything; nothing happens at import."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app import errors, pages, pages_review
from app.api import analytics, cypher, documents, entities, export, meta, paths, search, subgraph
from app.api import curation as curation_api
from app.api import review as review_api
from graph.config import Settings
from graph.snapshot import SnapshotCache
from graph.store.base import GraphStore, StoreError, StoreUnavailable

SWAGGER_UI = "swagger-ui-dist-5.35.0"  # vendored from npm under static/vendor/


class StoreHolder:
    """Opens the store on first use and again after a failure, so the app starts (and
    reports the problem in /api/health) when Neo4j is down, and recovers when it is back."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kind = settings.store
        self._store: GraphStore | None = None
        self._snapshots: SnapshotCache | None = None
        self._lock = threading.Lock()

    def get(self) -> GraphStore:
        with self._lock:
            if self._store is None:
                from graph.store.factory import open_store

                try:
                    store = open_store(self.settings)
                    store.ensure_schema()
                except StoreUnavailable:
                    raise
                except StoreError as exc:
                    raise StoreUnavailable(str(exc)) from exc
                self._store = store
            return self._store

    def snapshots(self) -> SnapshotCache:
        """The cache of whole-graph work (analytics, overview) of the open store."""
        store = self.get()
        with self._lock:
            if self._snapshots is None or self._snapshots.store is not store:
                self._snapshots = SnapshotCache(store)
            return self._snapshots

    def close(self) -> None:
        with self._lock:
            if self._snapshots is not None:
                self._snapshots.close()
                self._snapshots = None
            if self._store is not None:
                self._store.close()
                self._store = None


def create_app(settings: Settings) -> FastAPI:
    holder = StoreHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPI(
        title="actorgraph",
        version="0.1.0",
        description="A knowledge graph of political and economic actors in the news.",
        lifespan=lifespan,
        # the default /docs page loads Swagger UI from a CDN; ours serves the vendored copy
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store_holder = holder
    errors.install(app)
    app.include_router(meta.router)
    app.include_router(export.router)
    for api in (search, entities, paths, subgraph, analytics, documents, cypher):
        app.include_router(api.router)
    app.include_router(curation_api.router)
    app.include_router(review_api.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="actorgraph API",
            swagger_js_url=f"/static/vendor/{SWAGGER_UI}/swagger-ui-bundle.js",
            swagger_css_url=f"/static/vendor/{SWAGGER_UI}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    app.include_router(pages_review.router)
    pages.install(app)
    return app
