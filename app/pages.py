"""HTML pages, rendered on the server from Jinja2 templates (autoescaped). Each page links to
its JSON twin in the API; the graph view in static/ enhances them in the browser."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from app import pagedata
from graph.profile import entity_profile
from graph.reader import document_view
from graph.relations import SORTS
from graph.schema import DOCUMENT, Schema, load_schema
from graph.snapshot import SnapshotCache
from graph.store.base import GraphStore, StoreError

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"

# Names and sentences come from untrusted documents: the pages run only our own scripts,
# and the layout worker is started from a blob: URL by the ForceAtlas2 supervisor.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

_env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True)
_env.filters["entity_url"] = pagedata.entity_url
_env.filters["document_url"] = pagedata.document_url
_env.filters["evidence_url"] = pagedata.evidence_url
_env.filters["explore_url"] = pagedata.explore_url
_env.filters["relation_label"] = pagedata.relation_label
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False)


class PageStoreUnavailable(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def page_store(request: Request) -> GraphStore:
    """Like app.deps.get_store, but a page shows an HTML error instead of problem JSON."""
    try:
        return request.app.state.store_holder.get()
    except StoreError as exc:
        raise PageStoreUnavailable(str(exc)) from exc


Store = Annotated[GraphStore, Depends(page_store)]


def page_snapshots(request: Request) -> SnapshotCache:
    try:
        return request.app.state.store_holder.snapshots()
    except StoreError as exc:
        raise PageStoreUnavailable(str(exc)) from exc


Snapshots = Annotated[SnapshotCache, Depends(page_snapshots)]


def schema_context(schema: Schema) -> dict[str, Any]:
    """What the browser needs to know about the ontology (colours come from schema.toml)."""
    return {
        "nodes": [
            {"name": t.name, "color": t.color, "description": t.description}
            for t in schema.nodes.values()
        ],
        "relations": [
            {
                "name": r.name,
                "label": pagedata.relation_label(r.name),
                "symmetric": r.symmetric,
                "description": r.description,
                "color": r.color,
                "dash": r.dash,
                "sources": list(r.sources),
                "targets": list(r.targets),
            }
            for r in schema.relations.values()
        ],
        "document_type": DOCUMENT,
    }


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    schema = load_schema()
    base = {
        "colors": {t.name: t.color for t in schema.nodes.values()},
        "descriptions": {r.name: r.description for r in schema.relations.values()},
        "schema": schema_context(schema),
    }
    response = templates.TemplateResponse(request, name, base | context, status_code=status_code)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def not_found(request: Request, what: str, json_url: str | None = None) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"title": "Not found", "message": what, "status": 404, "json_url": json_url},
        status_code=404,
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Store, snapshots: Snapshots) -> HTMLResponse:
    snap, stale = snapshots.get()
    return render(
        request,
        "home.html",
        {
            "stats": store.stats(),
            "store_kind": store.kind,
            "central": snap.result("pagerank", 12, 0, stale).results,
            "communities": snap.communities[:8],
            "stale": stale,
            "pending": snap.pending,
            "documents": store.list_documents(limit=100),
            "json_url": "/api/stats",
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: Store,
    q: Annotated[str, Query(max_length=200)] = "",
    type: Annotated[list[str] | None, Query()] = None,  # noqa: A002
) -> HTMLResponse:
    schema = load_schema()
    types = [t for t in type or [] if t in schema.nodes] or None
    hits = store.search(q, types=types, limit=50) if q.strip() else []
    params = {"q": q} | ({"types": ",".join(types)} if types else {})
    return render(
        request,
        "search.html",
        {
            "q": q,
            "hits": hits,
            "types": types or [],
            "json_url": "/api/search?" + urlencode(params),
        },
    )


@router.get("/explore", response_class=HTMLResponse)
def explore(request: Request, store: Store, snapshots: Snapshots) -> HTMLResponse:
    documents = [
        {"id": d.id, "title": d.name, "date": d.properties.get("date")}
        for d in store.list_documents(limit=1000)
    ]
    state = pagedata.view_state(request.query_params, load_schema())
    view = None
    if state:
        snapshot = None if state.focus else snapshots.get()[0]
        overview = snapshot.overview if snapshot else None
        dates = snapshot.document_dates if snapshot else None
        view = pagedata.initial_view(store, state, overview, dates)
    return render(
        request,
        "explore.html",
        {"documents": documents, "view": view, "json_url": "/api/subgraph", "active": "explore"},
    )


@router.get("/relations", response_class=HTMLResponse)
def relations_page(request: Request, store: Store) -> HTMLResponse:
    """The relations table: the same rows as GET /api/relations, with the same parameters."""
    params = request.query_params
    try:
        query, limit, offset = pagedata.relations_params(params, store)
        page = store.relations(query, limit, offset)
        error = None
    except ValueError as exc:
        query, limit, offset, error = pagedata.RelationQuery(), 50, 0, str(exc)
        page = store.relations(query, limit, offset)
    kept = {k: v for k, v in params.items() if k not in ("offset", "sort") and v}
    names = {}
    if query.actor:
        actor = store.get_node(query.actor)
        names[query.actor] = actor.name if actor else query.actor

    def url(**changes: object) -> str:
        return "/relations?" + urlencode(kept | {"sort": query.sort} | changes)

    sort_urls = {c: url(sort="-" + c if query.sort == c else c) for c in SORTS}
    return render(
        request,
        "relations.html",
        {
            "sort_urls": sort_urls,
            "explore_of": {
                r.edge.id: pagedata.explore_url_of([r.source.id, r.target.id], r.source.id)
                for r in page.rows
            },
            "rel_colors": {r.name: r.color for r in load_schema().relations.values()},
            "prev_url": url(offset=max(0, offset - limit)) if offset else None,
            "next_url": url(offset=offset + limit) if offset + limit < page.total else None,
            "q": "",
            "query": query,
            "page": page,
            "limit": limit,
            "offset": offset,
            "error": error,
            "filters": kept,
            "actor_name": names.get(query.actor or ""),
            "relation_types": [r for r in load_schema().relation_types if r != "MENTIONS"],
            "documents": store.list_documents(limit=1000),
            "json_url": "/api/relations?" + urlencode(params),
            "csv_url": "/api/relations.csv?" + urlencode(kept | {"sort": query.sort}),
            "xlsx_url": "/api/relations.xlsx?" + urlencode(kept | {"sort": query.sort}),
            "active": "relations",
        },
    )


@router.get("/entity/{node_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, store: Store, node_id: str) -> Response:
    json_url = "/api/entities/" + pagedata.entity_url(node_id).removeprefix("/entity/")
    prof = entity_profile(store, node_id)
    if prof is None:
        node = store.get_node(node_id)
        if node is not None and node.type == DOCUMENT:
            return Response(status_code=307, headers={"Location": pagedata.document_url(node.id)})
        return not_found(request, f"No entity with id {node_id!r} in the graph.", json_url)
    titles = {d.id: d.title for d in prof.documents}
    doc_dates = {d.id: d.date for d in prof.documents if d.date}
    context = {
        "p": prof,
        "titles": titles,
        "doc_dates": doc_dates,
        "none_found": pagedata.relations_not_found(prof.type, prof.relations, load_schema()),
        "json_url": json_url,
    }
    return render(request, "entity.html", context)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    store: Store,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    from graph.ingest import SUPPORTED  # here: graph.ingest imports spaCy, slow to load

    page = 100
    docs = store.list_documents(limit=page + 1, offset=offset)
    return render(
        request,
        "documents.html",
        {
            "documents": docs[:page],
            "offset": offset,
            "next_offset": offset + page if len(docs) > page else None,
            "prev_offset": max(0, offset - page) if offset else None,
            "total": store.stats().documents,
            "json_url": f"/api/documents?offset={offset}&limit={page}",
            "active": "documents",
            "upload_accept": ",".join(sorted(SUPPORTED)),
        },
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(
    request: Request,
    store: Store,
    doc_id: str,
    hl: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    json_url = "/api/documents/" + pagedata.document_url(doc_id).removeprefix("/documents/")
    view = document_view(store, doc_id)
    if view is None:
        return not_found(request, f"No document with id {doc_id!r}.", json_url)
    highlight = pagedata.parse_highlight(hl, len(view.text))
    mentioned: dict[str, tuple[str, str, int]] = {}
    for m in view.mentions:
        name, type_, count = mentioned.get(m.entity, (m.name, m.type, 0))
        mentioned[m.entity] = (name, type_, count + 1)
    return render(
        request,
        "document.html",
        {
            "d": view,
            "segments": pagedata.segments(view.text, view.mentions, highlight),
            "highlight": highlight,
            "mentioned": sorted(mentioned.items(), key=lambda kv: (-kv[1][2], kv[1][0].lower())),
            "json_url": json_url,
        },
    )


def install(app: FastAPI) -> None:
    """The page routes, and an HTML answer when the store cannot be reached."""

    @app.exception_handler(PageStoreUnavailable)
    async def unavailable(request: Request, exc: PageStoreUnavailable) -> HTMLResponse:
        return render(
            request,
            "error.html",
            {
                "title": "The graph store is unavailable",
                "message": exc.detail,
                "status": 503,
                "json_url": "/api/health",
            },
            status_code=503,
        )

    app.include_router(router)
