"""The web app factory: `create_app(settings)` builds everything; nothing happens at import."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from app import errors, limits, pages, pages_review
from app.api import (
    analytics,
    cypher,
    documents,
    edges,
    entities,
    export,
    meta,
    paths,
    relations,
    search,
    subgraph,
    views,
)
from app.api import curation as curation_api
from app.api import review as review_api
from app.errors import HeldDown
from graph.config import Settings
from graph.ingestion import IngestionService
from graph.snapshot import SnapshotCache
from graph.store.base import GraphStore, StoreError, StoreUnavailable
from graph.store.capabilities import SupportsPing, SupportsWarmPlans

log = logging.getLogger(__name__)

SWAGGER_UI = "swagger-ui-dist-5.35.0"  # vendored from npm under static/vendor/


class StoreHolder:
    """Opens the store on first use and again after a failure, so the app starts (and
    reports the problem in /api/health) when Neo4j is down, and recovers when it is back.

    A short-lived health state keeps a dead server from costing every request its own
    timeout: once the store is found unreachable (here, or by any request: app/errors.py
    reports it), requests get the 503 at once; every `store_retry_seconds` a background
    probe asks the server (a short `ping`, then a fresh store) and puts the store back when
    it answers. No request waits for the probe: a server that has just started can take
    half a minute over its first queries on a busy machine."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kind = settings.store
        self._store: GraphStore | None = None
        self._snapshots: SnapshotCache | None = None
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down_reason: str | None = None
        self._probing = False

    def get(self) -> GraphStore:
        with self._lock:
            if self._down_reason is not None:
                reason = self._down_reason
                if time.monotonic() >= self._down_until and not self._probing:
                    self._probing = True
                    threading.Thread(target=self._probe_again, daemon=True).start()
                raise HeldDown(reason)
            try:
                if self._store is None:
                    self._store = self._open()
            except StoreUnavailable as exc:
                self._mark(str(exc))
                raise
            return self._store

    def _probe_again(self) -> None:
        """Ask the server whether it is back; if so, trust a fresh store. The old driver's
        pooled connections died with the server (each would fail one request and mark the
        store down again): a fresh store starts with a fresh pool."""
        try:
            try:
                if self._store is not None:
                    _probe(self._store, self.settings.neo4j.probe_timeout)
                fresh = self._open()
            except StoreError as exc:
                self.mark_unavailable(str(exc))
                return
            with self._lock:
                old, self._store = self._store, fresh
                self._down_reason, self._down_until = None, 0.0
            if old is not None:
                old.close()
            if self.settings.warm_plans:  # a restarted server has lost its plans
                self._warm_store(fresh)
        finally:
            with self._lock:
                self._probing = False

    def mark_unavailable(self, reason: str) -> None:
        """A request found the store unreachable: answer the next ones at once, for a while."""
        with self._lock:
            self._mark(reason)

    def plans_reads(self) -> bool:
        """Whether the store plans its reads (SupportsWarmPlans), asked of its class: the
        embedded store is not opened early for nothing."""
        from graph.store.registry import STORES

        try:
            return issubclass(STORES.get(self.kind).store_class(), SupportsWarmPlans)
        except (ValueError, TypeError, ImportError):
            return False  # the first request reports it

    def warm_in_background(self) -> threading.Thread:
        """Open the store and plan its reads, off the start-up path (`warm_plans`)."""
        thread = threading.Thread(target=self._warm, name="warm-plans", daemon=True)
        thread.start()
        return thread

    def _warm(self) -> None:
        try:
            store = self.get()
        except StoreError as exc:  # a server down at start: the requests will say so
            log.warning("read plans not warmed: %s", exc)
            return
        self._warm_store(store)

    def _warm_store(self, store: GraphStore) -> None:
        if not isinstance(store, SupportsWarmPlans):
            return
        try:
            started = time.monotonic()
            count = store.warm_plans()
            log.info("planned %d reads in %.1f s", count, time.monotonic() - started)
        except StoreError as exc:
            log.warning("read plans not warmed: %s", exc)

    def _mark(self, reason: str) -> None:
        self._down_reason = reason
        self._down_until = time.monotonic() + self.settings.store_retry_seconds

    def _open(self) -> GraphStore:
        from graph.store.factory import open_store

        try:
            store = open_store(self.settings)
        except StoreUnavailable:
            raise
        except StoreError as exc:
            raise StoreUnavailable(str(exc)) from exc
        try:
            store.ensure_schema()
        except StoreError as exc:
            store.close()
            if isinstance(exc, StoreUnavailable):
                raise
            raise StoreUnavailable(str(exc)) from exc
        return store

    def snapshots(self) -> SnapshotCache:
        """The cache of whole-graph work (analytics, overview) of the open store."""
        store = self.get()
        with self._lock:
            if self._snapshots is None or self._snapshots.store is not store:
                if self._snapshots is not None:  # the store was reopened: its cache goes too
                    self._snapshots.close()
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


def _probe(store: GraphStore, timeout: float) -> None:
    if isinstance(store, SupportsPing):  # a store that can be unreachable
        store.ping(timeout)


def create_app(settings: Settings) -> FastAPI:
    holder = StoreHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_plans and holder.plans_reads():
            app.state.warming = holder.warm_in_background()
        yield
        app.state.ingestion.close()  # stops the extraction workers of uploads
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
    # uploads: the model is loaded in worker processes on the first one, with deadlines
    app.state.ingestion = IngestionService.from_settings(
        settings, workers=settings.extract_workers, pool=True
    )
    errors.install(app)
    app.add_middleware(limits.RequestLimits, settings=settings)
    app.include_router(meta.router)
    app.include_router(export.router)
    routers = (search, entities, paths, subgraph, edges, relations, analytics, documents, cypher)
    for api in (*routers, views):
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
