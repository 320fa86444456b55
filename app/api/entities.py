"""One actor: its profile, and its neighbourhood as a subgraph."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.api.examples import EVIDENCE, GRAPH, json_example
from app.api.params import (
    LIMIT_HELP,
    EvidenceParam,
    MaxEdgesParam,
    answer_budget,
    graph_filter,
)
from app.api.problems import not_found, problems
from app.deps import get_store
from graph.export import without_document_text
from graph.model import GraphData
from graph.profile import EntityProfile, entity_profile
from graph.query import MAX_DEPTH, MAX_NODES, GraphFilter
from graph.store.base import GraphStore

router = APIRouter(tags=["entities"])

EntityId = Annotated[
    str,
    Path(description="The actor's id.", examples=["person:vyacheslav-volodin"], max_length=300),
]

PROFILE_EXAMPLE = {
    "id": "person:vyacheslav-volodin",
    "type": "Person",
    "name": "Vyacheslav Volodin",
    "aliases": [],
    "properties": {},
    "degree": 5,
    "mentions": 4,
    "roles": [
        {
            "role": "Chairman",
            "relation": "HOLDS_ROLE",
            "organisation": {
                "id": "institution:state-duma",
                "type": "Institution",
                "name": "State Duma",
            },
            "evidence": [EVIDENCE],
        }
    ],
    "documents": [
        {
            "id": "doc:000_aed1e656c6466fb5",
            "title": "Russian-Latin American Parliamentarians Share Thoughts …",
            "date": "2023-10-02",
            "publisher": "Global Research",
            "mentions": 4,
        }
    ],
    "relations": {
        "MET_WITH": [
            {
                "id": "rel:e5320f0cb328f3cd",
                "type": "MET_WITH",
                "direction": "in",
                "symmetric": True,
                "other": {
                    "id": "person:juan-esteban-lazo-hernandez",
                    "type": "Person",
                    "name": "Juan Esteban Lazo Hernández",
                },
                "properties": {},
                "evidence": [EVIDENCE],
            }
        ]
    },
}


def _missing(entity_id: str) -> Exception:
    return not_found(f"no entity {entity_id!r}; find ids with /api/search?q=…")


@router.get(
    "/api/entities/{entity_id}",
    response_model=EntityProfile,
    summary="An actor's profile",
    description="The actor, its aliases and properties, its roles, the documents naming it, "
    "and its relations grouped by type, each with the evidence sentences.",
    responses={**json_example(PROFILE_EXAMPLE), **problems(404)},
)
def entity(store: Annotated[GraphStore, Depends(get_store)], entity_id: EntityId) -> EntityProfile:
    profile = entity_profile(store, entity_id)
    if profile is None:
        raise _missing(entity_id)
    return profile


@router.get(
    "/api/entities/{entity_id}/neighbors",
    response_model=GraphData,
    response_model_exclude_none=True,
    summary="An actor's neighbourhood",
    description="The actor and everything within `depth` steps that the filters keep, as a "
    "subgraph in the interchange format. The actor itself is always kept.",
    responses={**json_example(GRAPH), **problems(404)},
)
def neighbors(
    store: Annotated[GraphStore, Depends(get_store)],
    entity_id: EntityId,
    flt: Annotated[GraphFilter, Depends(graph_filter)],
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Steps from the actor.")] = 1,
    limit: Annotated[int | None, Query(ge=1, le=MAX_NODES, description=LIMIT_HELP)] = None,
    evidence: EvidenceParam = "all",
    max_edges: MaxEdgesParam = None,
) -> GraphData:
    node = store.get_node(entity_id)
    if node is None:
        raise _missing(entity_id)
    nodes, cap = answer_budget(depth, limit, max_edges)
    data = store.neighbors(entity_id, depth, flt, nodes, evidence, cap)
    return without_document_text(data)
