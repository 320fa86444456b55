"""Health, statistics and the schema (node and relation types)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from app.api.problems import problems
from app.deps import get_store
from graph.schema import load_schema
from graph.store.base import GraphStore, StoreError

router = APIRouter(tags=["meta"])


class Health(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "store": "embedded",
                    "reachable": True,
                    "nodes": 65,
                    "edges": 134,
                    "documents": 2,
                }
            ]
        }
    )

    status: str
    store: str
    reachable: bool
    detail: str | None = None
    nodes: int | None = None
    edges: int | None = None
    documents: int | None = None


class Stats(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "store": "embedded",
                    "nodes": 65,
                    "edges": 134,
                    "documents": 2,
                    "nodes_by_type": {"Person": 19, "Country": 11, "Document": 2},
                    "edges_by_type": {"HOLDS_ROLE": 18, "MENTIONS": 81},
                }
            ]
        }
    )

    store: str
    nodes: int
    edges: int
    documents: int
    nodes_by_type: dict[str, int]
    edges_by_type: dict[str, int]


@router.get("/api/health", response_model=Health, summary="Store kind, reachability, counts")
def health(request: Request) -> Health:
    holder = request.app.state.store_holder
    try:
        s = holder.get().stats()
    except StoreError as exc:
        return Health(status="degraded", store=holder.kind, reachable=False, detail=str(exc))
    return Health(
        status="ok",
        store=holder.kind,
        reachable=True,
        nodes=s.nodes,
        edges=s.edges,
        documents=s.documents,
    )


@router.get(
    "/api/stats",
    response_model=Stats,
    summary="Counts by node and relation type",
    responses=problems(),
)
def stats(store: Annotated[GraphStore, Depends(get_store)]) -> Stats:
    s = store.stats()
    return Stats(
        store=store.kind,
        nodes=s.nodes,
        edges=s.edges,
        documents=s.documents,
        nodes_by_type=s.nodes_by_type,
        edges_by_type=s.edges_by_type,
    )


class NodeTypeInfo(BaseModel):
    name: str
    color: str
    description: str


class RelationTypeInfo(BaseModel):
    name: str
    sources: list[str]
    targets: list[str]
    symmetric: bool
    properties: list[str]
    description: str
    color: str = Field(description="How the graph view draws the relation.")
    dash: str = Field(description="solid, dashed or dotted (legend and exports).")


class SchemaInfo(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "nodes": [
                        {
                            "name": "Person",
                            "color": "#e4572e",
                            "description": "A named individual: politician, official, expert.",
                        }
                    ],
                    "relations": [
                        {
                            "name": "MET_WITH",
                            "sources": ["Person"],
                            "targets": ["Person"],
                            "symmetric": True,
                            "properties": [],
                            "description": "Met in person.",
                            "color": "#0e7490",
                            "dash": "solid",
                        }
                    ],
                }
            ]
        }
    )

    nodes: list[NodeTypeInfo]
    relations: list[RelationTypeInfo]


@router.get(
    "/api/schema",
    response_model=SchemaInfo,
    summary="Node and relation types",
    description="The ontology (graph/schema.toml): the values the `types` and `relations` "
    "filters accept, with each node type's colour and each relation's endpoints, colour and dash.",
)
def schema() -> SchemaInfo:
    s = load_schema()
    return SchemaInfo(
        nodes=[
            NodeTypeInfo(name=n.name, color=n.color, description=n.description)
            for n in s.nodes.values()
        ],
        relations=[
            RelationTypeInfo(
                name=r.name,
                sources=list(r.sources),
                targets=list(r.targets),
                symmetric=r.symmetric,
                properties=list(r.properties),
                description=r.description,
                color=r.color,
                dash=r.dash,
            )
            for r in s.relations.values()
        ],
    )
