"""The curation log: make decisions (one or a batch), read the log, undo a decision.

Writes need the bearer token, like uploads. A decision the graph cannot take (an unknown
id, a merge into itself or into a cycle, an unknown type) is a 422 and changes nothing."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.api.documents import require_token
from app.api.problems import invalid, not_found, problems
from app.deps import get_store
from graph.curation.curator import CurationError, Curator, UnknownDecision
from graph.curation.decisions import KINDS, Decision
from graph.store.base import GraphStore

router = APIRouter(prefix="/api/curation", tags=["curation"])

# one curator at a time per process: a decision's re-application reads what the last wrote
_writing = threading.Lock()

EXAMPLES: dict[str, dict[str, Any]] = {
    "merge": {
        "source": "event:shanghai-cooperation-organisation-meeting",
        "target": "event:shanghai-cooperation-organisation-summit",
    },
    "not_same": {"a": "institution:african-union", "b": "institution:african-union-commission"},
    "split": {"node": "person:vladimir-putin", "parts": [["Putin"]]},
    "rename": {"node": "institution:state-duma", "name": "State Duma of the Russian Federation"},
    "retype": {
        "node": "event:saint-petersburg-international-economic-forum",
        "type": "Institution",
    },
    "alias": {"node": "person:wang-yi", "alias": "王毅"},
    "hide": {"node": "person:john-smith"},
    "reject": {"edge": "rel:e5320f0cb328f3cd", "source": "person:vyacheslav-volodin"},
    "add": {
        "source": "person:wang-yi",
        "target": "person:sergei-lavrov",
        "type": "MET_WITH",
        "note": "They met in Astana on 3 July (TASS).",
    },
}
OPENAPI_EXAMPLES = {
    kind: {
        "summary": kind.replace("_", "-"),
        "value": {"who": "alice", "why": "checked the sources", "payload": {"kind": kind, **p}},
    }
    for kind, p in EXAMPLES.items()
}
OPENAPI_EXAMPLES["batch"] = {
    "summary": "a batch (all taken or none)",
    "value": {
        "decisions": [
            {"who": "alice", "payload": {"kind": "merge", **EXAMPLES["merge"]}},
            {"who": "alice", "payload": {"kind": "hide", **EXAMPLES["hide"]}},
        ]
    },
}


class Batch(BaseModel):
    decisions: list[Decision] = Field(min_length=1, max_length=1000)


class Taken(BaseModel):
    decisions: list[Decision]


class Log(BaseModel):
    total: int
    limit: int
    offset: int
    decisions: list[Decision]


Store = Annotated[GraphStore, Depends(get_store)]


@router.post(
    "",
    status_code=201,
    response_model=Taken,
    dependencies=[Depends(require_token)],
    responses=problems(400, 401, 403),
)
def make_decisions(
    store: Store,
    body: Annotated[Decision | Batch, Body(openapi_examples=OPENAPI_EXAMPLES)],
) -> JSONResponse:
    """Record one decision, or a batch (`{"decisions": [...]}`: all are taken or none), and
    apply it to the graph at once. The server fills in `id`, `when`, and what a decision
    must remember of the graph (a merge's actors, a rejected relation's evidence)."""
    decisions = body.decisions if isinstance(body, Batch) else [body]
    with _writing:
        try:
            taken = Curator(store).add(decisions)
        except CurationError as exc:
            raise invalid(str(exc)) from None
    return JSONResponse(Taken(decisions=taken).model_dump(mode="json", exclude_none=True), 201)


@router.get("", response_model=Log, responses=problems())
def read_log(
    store: Store,
    kind: Annotated[str | None, Query(description=f"One of: {', '.join(KINDS)}.")] = None,
    who: Annotated[str | None, Query(max_length=200)] = None,
    node: Annotated[str | None, Query(description="Decisions naming this actor id.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Log:
    """The decisions in the order they were made (the order they are applied in)."""
    if kind is not None and kind not in KINDS:
        raise invalid(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    log = [
        d
        for d in Curator(store).log()
        if (kind is None or d.kind == kind)
        and (who is None or d.who == who)
        and (node is None or node in d.node_refs())
    ]
    return Log(total=len(log), limit=limit, offset=offset, decisions=log[offset : offset + limit])


@router.delete(
    "/{decision_id}",
    response_model=Taken,
    dependencies=[Depends(require_token)],
    responses=problems(401, 403, 404),
)
def undo_decision(
    store: Store,
    decision_id: Annotated[str, Path(max_length=100, examples=["cur-3f2a9c1d7e4b"])],
) -> Taken:
    """Undo a decision: the graph becomes what the log without it gives."""
    with _writing:
        try:
            undone = Curator(store).undo(decision_id)
        except UnknownDecision:
            raise not_found(f"no decision {decision_id!r} in the curation log") from None
    return Taken(decisions=[undone])
