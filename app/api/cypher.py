"""A read-only Cypher console for the Neo4j store.

Walls, in order: a text scan (graph/cypher_guard.py) for clear messages; the server's own
plan of the query (`EXPLAIN`), accepted only when read-only and on the allow-list in
graph/cypher_console.toml (graph/cypher_plan.py); the READ transaction it runs in; and the
server's configuration (procedure allow-list, no LOAD CSV from files or the network,
transaction timeout and memory limit: app/neo4j_server, docker-compose.yml). Answers are
capped in time, rows and bytes. The embedded store has no Cypher: it answers 501."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from app.api.problems import problems
from app.deps import get_settings, get_store
from graph.config import Settings
from graph.cypher_guard import WriteQueryRefused, check_read_only
from graph.store.base import GraphStore, QueryError
from graph.store.capabilities import SupportsCypher

router = APIRouter(tags=["cypher"])

MAX_QUERY_CHARS = 20_000


class CypherRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (p:Person)-[r:HOLDS_ROLE]->(i) WHERE i.name = $org "
                    "RETURN p.name AS person, r.role AS role",
                    "params": {"org": "State Duma"},
                    "limit": 100,
                }
            ]
        },
    )

    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="One read query.")
    params: dict[str, Any] = Field(
        default_factory=dict, description="Query parameters ($name in the query)."
    )
    limit: int | None = Field(
        default=None, ge=1, description="At most this many rows (capped by the server's limit)."
    )


class CypherResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "columns": ["person", "role"],
                    "rows": [["Vyacheslav Volodin", "Chairman"]],
                    "truncated": False,
                    "row_cap": 100,
                    "byte_cap": 4000000,
                }
            ]
        }
    )

    columns: list[str]
    rows: list[list[Any]] = Field(
        description="Values as JSON; nodes, relationships and paths as objects with a `kind`."
    )
    truncated: bool = Field(
        description="True when rows were left out past the row cap or the byte cap."
    )
    row_cap: int
    byte_cap: int = Field(description="At most this many bytes of rows (their JSON).")


@router.post(
    "/api/cypher",
    response_model=CypherResult,
    summary="Run a read-only Cypher query (Neo4j store only)",
    description="One read query with parameters, in a READ transaction with a timeout, a "
    "row cap and a byte cap. The server plans the query first (EXPLAIN): anything it does "
    "not class as read-only, LOAD CSV, a procedure outside the console's read-only list, "
    "SHOW (but SHOW INDEXES/CONSTRAINTS), TERMINATE and administration commands are refused "
    "with 400 naming what was refused, before the query runs. The embedded store answers 501.",
    responses=problems(400, 501, 503),
)
def cypher(
    body: CypherRequest,
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> CypherResult:
    if not isinstance(store, SupportsCypher):
        raise HTTPException(
            501,
            f"Cypher queries need the Neo4j store; this server uses the {store.kind} store "
            "(start it with ACTORGRAPH_STORE=neo4j and NEO4J_URI to use Cypher)",
        )
    try:
        check_read_only(body.query)
    except WriteQueryRefused as exc:
        raise HTTPException(400, f"refused: {exc}") from None
    cap = min(body.limit or settings.cypher_row_cap, settings.cypher_row_cap)
    byte_cap = settings.cypher_max_bytes
    try:
        columns, rows, truncated = store.run_read_query(
            body.query, body.params, settings.cypher_timeout, cap, max_bytes=byte_cap
        )
    except QueryError as exc:  # refused by the plan, syntax, a write, the timeout
        raise HTTPException(400, str(exc)) from None
    except (OverflowError, ValueError, TypeError) as exc:  # a parameter Neo4j cannot hold
        raise HTTPException(400, f"a parameter cannot be sent to Neo4j: {exc}") from None
    return CypherResult(
        columns=columns, rows=rows, truncated=truncated, row_cap=cap, byte_cap=byte_cap
    )
