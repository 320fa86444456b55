"""One error shape for the whole API: RFC 9457 problem details."""

from __future__ import annotations

import math
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.snapshot import SnapshotPending
from graph.store.base import StoreError, StoreUnavailable

PROBLEM = "application/problem+json"
NON_PAGE_PREFIXES = ("/api", "/static/", "/openapi.json", "/docs")


class HeldDown(StoreUnavailable):
    """The store holder's quick 503 while a store it found down waits for its next probe.
    It says nothing new about the server: counting it as a fresh failure would push the
    probe back with every request, and a busy app would never try the server again."""


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict] | None = None
    pending: list[str] | None = None  # a 503 of measures still being computed: which


def problem(
    status: int,
    detail: str | None,
    request: Request,
    errors: list[dict] | None = None,
    pending: list[str] | None = None,
) -> JSONResponse:
    body = Problem(
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=str(request.url.path),
        errors=errors,
        pending=pending,
    )
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = problem(exc.status_code, str(exc.detail) if exc.detail else None, request)
        for name, value in (exc.headers or {}).items():  # WWW-Authenticate on a 401
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": [str(x) for x in e["loc"]], "msg": e["msg"], "type": e["type"]}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        detail = f"{'.'.join(first['loc'])}: {first['msg']}"
        return problem(422, detail, request, errors)

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> Response:
        # every request after this one gets its 503 at once for a while (app/main.py)
        if not isinstance(exc, HeldDown):
            request.app.state.store_holder.mark_unavailable(str(exc))
        return _unavailable(request, exc, "The graph store is unavailable")

    @app.exception_handler(SnapshotPending)
    async def pending(request: Request, exc: SnapshotPending) -> Response:
        # the store answers; only the part of its whole-graph snapshot this request needs
        # is not ready: other requests go on, and the computation under way is not started
        # again
        return _unavailable(request, exc, "The graph's overview is still being computed")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if is_page(request):
            return _page(request, 500, "The graph store failed", str(exc))
        return problem(500, str(exc), request)

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, exc: OverflowError) -> Response:
        # a number too large for the store (Neo4j integers are 64-bit): the request's fault
        detail = "a number in the request is out of range (integers must fit in 64 bits)"
        if is_page(request):
            return _page(request, 422, "Number out of range", detail)
        return problem(422, detail, request)


def is_page(request: Request) -> bool:
    """HTML pages answer errors with an HTML page; the API and the rest with problem JSON."""
    path = request.url.path
    return not path.startswith(NON_PAGE_PREFIXES)


def _retry_seconds(request: Request) -> float:
    return float(getattr(request.app.state.settings, "store_retry_seconds", 1.0))


def _page(
    request: Request, status: int, title: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    from app.pages import render  # the pages' own look (templates/error.html)

    context = {"title": title, "message": message, "status": status, "json_url": "/api/health"}
    response = render(request, "error.html", context, status_code=status)
    response.headers.update(headers or {})
    return response


def _unavailable(request: Request, exc: StoreError, title: str) -> Response:
    """A 503 with Retry-After: an HTML page for pages, problem JSON for the rest."""
    retry = {"Retry-After": str(max(1, math.ceil(_retry_seconds(request))))}
    if is_page(request):
        return _page(request, 503, title, str(exc), retry)
    pending = exc.pending if isinstance(exc, SnapshotPending) else None
    response = problem(503, str(exc), request, pending=pending)
    response.headers.update(retry)
    return response
