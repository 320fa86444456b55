"""Health and statistics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from app.deps import get_store
from graph.store.base import GraphStore, StoreError

router = APIRouter(tags=["meta"])


class Health(BaseModel):
    status: str
    store: str
    reachable: bool
    detail: str | None = None
    nodes: int | None = None
    edges: int | None = None
    documents: int | None = None


class Stats(BaseModel):
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


@router.get("/api/stats", response_model=Stats, summary="Counts by node and relation type")
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
