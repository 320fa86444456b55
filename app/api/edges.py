"""Edges by reference, with their evidence: what a view that holds edges without their
sentences (the explorer's first view, an offline export being built) asks for."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from app.api.problems import problems
from app.deps import get_store
from graph.model import Edge
from graph.store.base import GraphStore

router = APIRouter(tags=["subgraph"])

MAX_REFS = 5000
Id = Annotated[str, Field(min_length=1, max_length=300)]


class EdgesRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"refs": [["person:vladimir-putin", "rel:0123456789abcdef"]]}]
        },
    )

    refs: list[tuple[Id, Id]] = Field(
        min_length=1,
        max_length=MAX_REFS,
        description="[source or target id, edge id] pairs: an edge is looked up among the "
        "edges of the node given with it, so the cost is that node's edges, not the graph.",
    )


class EdgesAnswer(BaseModel):
    edges: list[Edge] = Field(description="The edges found, with their evidence.")
    missing: list[str] = Field(description="Edge ids not found at the node given with them.")


@router.post(
    "/api/edges",
    response_model=EdgesAnswer,
    response_model_exclude_none=True,
    summary="Edges with their evidence, by reference",
    description="Each edge is given with one of its end nodes; the answer holds the edges "
    "with every piece of evidence, and the ids that were not found.",
    responses=problems(400),
)
def edges(store: Annotated[GraphStore, Depends(get_store)], body: EdgesRequest) -> EdgesAnswer:
    wanted: dict[str, set[str]] = {}
    for node, edge_id in body.refs:
        wanted.setdefault(node, set()).add(edge_id)
    found: dict[str, Edge] = {}
    for node, ids in wanted.items():
        for edge in store.node_edges(node):
            if edge.id in ids:
                found[edge.id] = edge
    asked = dict.fromkeys(edge_id for _, edge_id in body.refs)
    return EdgesAnswer(
        edges=[found[i] for i in asked if i in found],
        missing=[i for i in asked if i not in found],
    )
