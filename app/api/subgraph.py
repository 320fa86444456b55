"""A subgraph grown from several seeds: as JSON, or as a download in any export format."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.export import FORMAT_HELP, ExportFormat, download, file_content, subgraph_of
from app.api.params import (
    DATE_PATTERN,
    EVIDENCE_HELP,
    LIMIT_HELP,
    MAX_EDGES_HELP,
    answer_budget,
    make_filter,
)
from app.api.problems import problems
from app.deps import get_store
from graph.edge_summary import EvidenceMode
from graph.export import without_document_text
from graph.model import GraphData
from graph.query import MAX_DEPTH, MAX_NODES
from graph.store.base import GraphStore

router = APIRouter(tags=["subgraph"])

MAX_SEEDS = 200
Id = Annotated[str, Field(min_length=1, max_length=300)]


class SubgraphRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "seeds": ["person:vyacheslav-volodin", "country:cuba"],
                    "depth": 1,
                    "types": ["Person", "Country", "Institution"],
                    "relations": None,
                    "since": None,
                    "until": None,
                    "documents": None,
                    "limit": 500,
                    "evidence": "none",
                }
            ]
        },
    )

    seeds: list[Id] = Field(min_length=1, max_length=MAX_SEEDS, description="Ids to grow from.")
    depth: int = Field(default=1, ge=0, le=MAX_DEPTH, description="Steps from the seeds.")
    types: list[str] | None = Field(
        default=None, description="Node types to keep; by default all but Document."
    )
    relations: list[str] | None = Field(
        default=None, description="Relation types to follow; by default all but MENTIONS."
    )
    since: str | None = Field(
        default=None, pattern=DATE_PATTERN, description="Keep edges with evidence on/after."
    )
    until: str | None = Field(
        default=None, pattern=DATE_PATTERN, description="Keep edges with evidence on/before."
    )
    documents: list[Id] | None = Field(
        default=None, description="Keep edges read in these documents."
    )
    min_confidence: float | None = Field(
        default=None, ge=0, le=1, description="Keep edges with evidence at least this sure."
    )
    limit: int | None = Field(default=None, ge=1, le=MAX_NODES, description=LIMIT_HELP)
    max_edges: int | None = Field(default=None, ge=1, le=1_000_000, description=MAX_EDGES_HELP)
    evidence: EvidenceMode = Field(
        default="all", description=EVIDENCE_HELP + " A download (`format`) holds every item."
    )


@router.post(
    "/api/subgraph",
    response_model=GraphData,
    response_model_exclude_none=True,
    summary="The subgraph around several seeds",
    description="The seeds and everything within `depth` steps that the filters keep (the "
    "same filters as /api/entities/{id}/neighbors). Without `format`, JSON in the "
    "interchange format; with it, a download. " + FORMAT_HELP,
    responses={**file_content(), **problems(400, 404)},
)
def subgraph(
    store: Annotated[GraphStore, Depends(get_store)],
    body: SubgraphRequest,
    format: Annotated[  # noqa: A002
        ExportFormat | None, Query(description="Answer with a download in this format.")
    ] = None,
) -> GraphData | Response:
    flt = make_filter(
        body.types, body.relations, body.since, body.until, body.documents, body.min_confidence
    )
    nodes, cap = answer_budget(body.depth, body.limit, body.max_edges)
    if format is not None:  # exports keep every evidence item (and the cap)
        data = subgraph_of(store, body.seeds, body.depth, flt, nodes, "all", cap)
        return download(data, format, whole=False)
    data = subgraph_of(store, body.seeds, body.depth, flt, nodes, body.evidence, cap)
    return without_document_text(data)
