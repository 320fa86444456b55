"""Network measures over the stored graph or a filtered part of it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.examples import json_example
from app.api.params import graph_filter
from app.api.problems import problems
from app.deps import get_snapshots, get_store
from graph.analytics import AnalyticsResult, Metric, analyse_ties
from graph.query import GraphFilter
from graph.snapshot import OVERVIEW_EDGES, OVERVIEW_NODES, Overview, SnapshotCache
from graph.store.base import GraphStore

router = APIRouter(tags=["analytics"])

MAX_LIMIT = 500

EXAMPLE = {
    "metric": "betweenness",
    "version": 12,
    "stale": False,
    "pending": [],
    "approximate": False,
    "nodes": 63,
    "edges": 53,
    "total": 63,
    "results": [
        {
            "id": "event:russia-latin-america-conference",
            "name": "Russia–Latin America International Parliamentary Conference",
            "type": "Event",
            "score": 0.219372,
            "degree": 12,
            "community": None,
        }
    ],
    "communities": None,
}


@router.get(
    "/api/analytics",
    response_model=AnalyticsResult,
    summary="Top actors by a network measure; communities",
    description="Computed with networkx over actors and their relations (documents and "
    "mentions left out). degree: number of relations; betweenness: how often an actor lies "
    "on shortest paths between others (estimated from a sample of source actors in big "
    "graphs: `approximate`); pagerank: weighted PageRank; communities: Louvain communities "
    "(fixed seed, so the same graph always gives the same answer), largest first, with "
    "each actor's community. Without filters, or with `types` alone, the answer is the "
    "whole graph's measures (with `types`: of the actors of those types, ranked among "
    "themselves; communities list their members of those types, `size` stays the whole "
    "community's), from a cache computed in the background after each change of the "
    "store (`version`; `stale` while a newer one is computed), in tiers: degree and "
    "PageRank first, then betweenness and communities; `pending` names the measures still "
    "being computed, and one never computed yet answers 503 (retry; the problem body lists "
    "`pending` too). With `relations`, `since`, `until` or `documents` the measures are "
    "computed for the request over the part of the graph the filters keep (the store "
    "selects the relations with evidence in the period or the documents).",
    responses={**json_example(EXAMPLE), **problems()},
)
def analytics(
    store: Annotated[GraphStore, Depends(get_store)],
    snapshots: Annotated[SnapshotCache, Depends(get_snapshots)],
    flt: Annotated[GraphFilter, Depends(graph_filter)],
    metric: Annotated[Metric, Query(description="The measure.")] = "degree",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000, description="Actors to skip.")] = 0,
) -> AnalyticsResult:
    if flt.model_copy(update={"types": None}) == GraphFilter():
        # the whole graph's measures, from the snapshot of the store's version (of the
        # actors of some types only, when asked)
        snap, stale = snapshots.measured(metric)
        answer = snap.result(metric, limit, offset, stale, flt.types)
        answer.pending = snapshots.pending()
        return answer
    nodes, ties = store.actor_ties(flt)
    result = analyse_ties(nodes, ties, metric, flt, limit=limit, offset=offset)
    result.version = store.version()
    return result


@router.get(
    "/api/overview",
    response_model=Overview,
    summary="A capped overview of the whole graph",
    description=f"The {OVERVIEW_NODES} actors of highest PageRank, the strongest relations "
    f"among them (at most {OVERVIEW_EDGES}, most evidence first) and the largest "
    "communities: what the home page and the explorer without a focus show. Computed in "
    "the background after each change of the store; `stale` says an answer is from the "
    "previous version while the new one is computed. Filters cut the overview down.",
    responses=problems(),
)
def overview(
    snapshots: Annotated[SnapshotCache, Depends(get_snapshots)],
    flt: Annotated[GraphFilter, Depends(graph_filter)],
) -> Overview:
    snap, stale = snapshots.get()
    return snap.view(None if flt == GraphFilter() else flt, stale)
