"""Edges by reference, with their evidence: what a view that holds edges without their
sentences (the explorer's first view, an offline export being built) asks for."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from app.api.problems import not_found, problems
from app.deps import get_store
from graph.edge_summary import EdgeSummary
from graph.model import Edge, Evidence
from graph.store.base import GraphStore

router = APIRouter(tags=["subgraph"])

MAX_REFS = 5000
MAX_PAGE = 500
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


class EvidencePage(BaseModel):
    edge: Edge = Field(description="The edge, its evidence left out (it is `items`).")
    summary: EdgeSummary = Field(description="Its evidence in figures; `evidence` is the total.")
    items: list[Evidence] = Field(description="This page of its items, in the order read.")
    limit: int
    offset: int
    next_offset: int | None = Field(
        default=None, description="Where the next page starts; absent on the last page."
    )


@router.get(
    "/api/edges/{edge_id}/evidence",
    response_model=EvidencePage,
    response_model_exclude_none=True,
    summary="One edge's evidence, page by page",
    description="The evidence items of one edge (found by its id alone), in the order they "
    "were read, `limit` at a time, with the edge and its summary. What a view that asked "
    "for a graph with `evidence=none` fetches when an edge is opened.",
    responses=problems(404),
)
def edge_evidence(
    store: Annotated[GraphStore, Depends(get_store)],
    edge_id: Annotated[
        str, Path(max_length=300, description="The edge's id.", examples=["rel:e5320f0cb328f3cd"])
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0,
) -> EvidencePage:
    found = store.edge_evidence(edge_id, limit, offset)
    if found is None:
        raise not_found(f"no edge {edge_id!r}; edge ids are in graph answers (edges[].id)")
    after = offset + len(found.items)
    return EvidencePage(
        edge=found.edge,
        summary=found.summary,
        items=found.items,
        limit=limit,
        offset=offset,
        next_offset=after if after < found.summary.evidence else None,
    )
