"""The error responses each route documents in the OpenAPI schema: every one is a
problem-details body (app/errors.py), served as application/problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from app.errors import PROBLEM, Problem

DESCRIPTIONS = {
    400: "The request cannot be run as it is: a body that is not JSON, or for Cypher a "
    "write clause, a syntax error or a query that ran out of time (the detail says which).",
    401: "Missing or wrong bearer token.",
    403: "Writes are disabled on this server.",
    404: "No such id.",
    409: "Another document is stored under this name; send replace=true to replace it.",
    413: "The upload is larger than the configured limit.",
    415: "The body is neither multipart/form-data nor application/json.",
    422: "Invalid parameters: the detail names the parameter and the allowed values.",
    501: "Not available on this store.",
    503: "The store cannot be reached.",
    504: "The document was not extracted within ACTORGRAPH_EXTRACT_TIMEOUT seconds.",
    507: "The server's disk is full: the document was not stored (nothing else changed).",
}

EXAMPLES = {
    404: {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "no entity 'person:nobody'",
        "instance": "/api/entities/person:nobody",
    },
    422: {
        "type": "about:blank",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": "unknown node type 'Planet'; allowed: Person, Country, Institution, Event, "
        "Region, City, Document",
        "instance": "/api/search",
    },
    503: {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "Neo4j at bolt://127.0.0.1:7687 is unreachable",
        "instance": "/api/stats",
    },
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the given codes plus 422 and 503, as problem details."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in sorted({*codes, 422, 503}):
        content: dict[str, Any] = {"schema": {"$ref": "#/components/schemas/Problem"}}
        if code in EXAMPLES:
            content["example"] = EXAMPLES[code]
        out[code] = {
            "model": Problem,
            "description": DESCRIPTIONS[code],
            "content": {PROBLEM: content},
        }
    return out


def not_found(detail: str) -> HTTPException:
    return HTTPException(status_code=404, detail=detail)


def invalid(detail: str) -> HTTPException:
    return HTTPException(status_code=422, detail=detail)
