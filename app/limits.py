"""Limits on the request itself, before any route runs: the URL's length and the body's size.

A small ASGI middleware, so a 20 MB JSON body is refused after reading at most the limit
(from Content-Length at once, or while a chunked body streams in) and never parsed. The
upload route (POST /api/documents) keeps its own, larger limit (ACTORGRAPH_MAX_DOCUMENT_BYTES,
checked in app/api/documents.py); every other body may hold ACTORGRAPH_MAX_REQUEST_BYTES.
Answers are problem details like the rest of the API (413, 414).
"""

from __future__ import annotations

import json
from http import HTTPStatus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import PROBLEM, Problem
from graph.config import Settings

# Longest path + query string the app answers. uvicorn itself refuses longer request lines
# only at its parser's own limit (see README "Limits"), with a plain-text 400.
MAX_URL_BYTES = 8192
UPLOAD_ROUTES = {("POST", "/api/documents")}


class RequestLimits:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_body = settings.max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        url_bytes = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b"")
        )
        if url_bytes > MAX_URL_BYTES:
            await _problem(
                send, scope, 414, f"the URL is {url_bytes} bytes; the limit is {MAX_URL_BYTES}"
            )
            return
        if (scope["method"], scope["path"]) in UPLOAD_ROUTES:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _problem(send, scope, 413, _too_large(declared, self.max_body))
            return
        if declared is not None:  # the server holds the body to its declared length
            await self.app(scope, receive, send)
            return
        body = await _read_bounded(receive, self.max_body)
        if body is None:
            await _problem(send, scope, 413, _too_large(None, self.max_body))
            return
        await self.app(scope, _replay(body, receive), send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


async def _read_bounded(receive: Receive, limit: int) -> bytes | None:
    """A body without Content-Length (chunked), read up to the limit; None past it."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect, as usual

    return replay


def _too_large(size: int | None, limit: int) -> str:
    got = f"{size} bytes; " if size is not None else ""
    return (
        f"the request body is too large ({got}the limit is {limit} bytes, "
        "set ACTORGRAPH_MAX_REQUEST_BYTES to raise it)"
    )


async def _problem(send: Send, scope: Scope, status: int, detail: str) -> None:
    body = Problem(
        title=HTTPStatus(status).phrase, status=status, detail=detail, instance=scope["path"][:200]
    )
    payload = json.dumps(body.model_dump(exclude_none=True)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM.encode()),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
