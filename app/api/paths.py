"""How is A connected to B: the k shortest paths between two actors, with evidence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from app.api.examples import EVIDENCE
from app.api.params import EvidenceParam, check_relation_types, split_values
from app.api.problems import invalid, not_found, problems
from app.deps import get_store
from graph.profile import NodeRef, PathView, path_views
from graph.query import PathAvoid
from graph.schema import DOCUMENT
from graph.store.base import GraphStore

router = APIRouter(tags=["paths"])

MAX_LENGTH = 6
MAX_K = 10

VOLODIN: dict[str, Any] = {
    "id": "person:vyacheslav-volodin",
    "type": "Person",
    "name": "Vyacheslav Volodin",
}
LAZO: dict[str, Any] = {
    "id": "person:juan-esteban-lazo-hernandez",
    "type": "Person",
    "name": "Juan Esteban Lazo Hernández",
}


class Paths(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "source": VOLODIN,
                    "target": LAZO,
                    "paths": [
                        {
                            "length": 1,
                            "nodes": [VOLODIN, LAZO],
                            "edges": [
                                {
                                    "id": "rel:e5320f0cb328f3cd",
                                    "type": "MET_WITH",
                                    "source": LAZO["id"],
                                    "target": VOLODIN["id"],
                                    "properties": {},
                                    "evidence": [EVIDENCE],
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )

    source: NodeRef
    target: NodeRef
    paths: list[PathView]


@router.get(
    "/api/paths",
    response_model=Paths,
    summary="Shortest paths between two actors",
    description="The `k` shortest paths of at most `max_length` relations between two actors, "
    "through actors only (documents and mentions are not links), shortest first, around the "
    "actors, relation types and hubs excluded. Each edge carries the sentences it was read "
    "in (or, with `evidence`, a summary). No path gives an empty list.",
    responses=problems(404),
)
def paths(
    store: Annotated[GraphStore, Depends(get_store)],
    source: Annotated[
        str,
        Query(
            max_length=300, description="Id of one actor.", examples=["person:vyacheslav-volodin"]
        ),
    ],
    target: Annotated[
        str,
        Query(
            max_length=300,
            description="Id of the other.",
            examples=["person:juan-esteban-lazo-hernandez"],
        ),
    ],
    max_length: Annotated[
        int, Query(ge=1, le=MAX_LENGTH, description="Most relations in a path.")
    ] = 4,
    k: Annotated[int, Query(ge=1, le=MAX_K, description="How many paths.")] = 3,
    exclude: Annotated[
        list[str] | None,
        Query(
            description="Actors no path may pass through (ids, comma-separated or repeated).",
            examples=["country:russia"],
        ),
    ] = None,
    exclude_relations: Annotated[
        list[str] | None,
        Query(
            description="Relation types no path may use (comma-separated or repeated).",
            examples=["HOLDS_ROLE"],
        ),
    ] = None,
    max_degree: Annotated[
        int | None,
        Query(
            ge=1,
            le=1_000_000,
            description="Skip hubs: no path passes through an actor with more relations "
            "than this (MENTIONS are not relations; the two ends are never skipped).",
        ),
    ] = None,
    evidence: EvidenceParam = "all",
) -> Paths:
    ends = []
    for name, node_id in (("source", source), ("target", target)):
        node = store.get_node(node_id)
        if node is None or node.type == DOCUMENT:
            raise not_found(f"{name}: no actor {node_id!r}; find ids with /api/search?q=…")
        ends.append(NodeRef.of(node))
    if source == target:
        raise invalid("source and target are the same actor")
    avoid = PathAvoid.of(split_values(exclude), check_relation_types(exclude_relations), max_degree)
    return Paths(
        source=ends[0],
        target=ends[1],
        paths=path_views(store, source, target, max_length, k, avoid, evidence),
    )
