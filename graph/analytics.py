"""Network measures over the actor graph, computed with networkx on interchange data,
so they answer the same on either store; Louvain communities and betweenness in igraph's
compiled core (graph/igraph_measures.py), from the same networkx graph.

Documents and MENTIONS edges are left out: they say who was written about, not who is
connected to whom. Relations are read as undirected ties between actors; several relations
between the same two actors make one tie whose weight is their number.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np
from pydantic import BaseModel, Field

from graph import igraph_measures
from graph.model import GraphData
from graph.query import GraphFilter
from graph.schema import DOCUMENT, MENTIONS

Metric = Literal["degree", "betweenness", "pagerank", "communities"]
METRICS: tuple[str, ...] = ("degree", "betweenness", "pagerank", "communities")
COMMUNITY_SEED = 42  # Louvain is randomised; a fixed seed gives the same answer every run
EXACT_BETWEENNESS_NODES = 500
BETWEENNESS_WORK = 500_000  # actors × ties: about a second of networkx (unloaded)


class RankedActor(BaseModel):
    id: str
    name: str
    type: str
    score: float = Field(description="The metric's value (for communities: the degree).")
    degree: int = Field(description="Number of relations the actor takes part in.")
    community: int | None = Field(
        default=None,
        description="Index of the actor's community (communities metric; none when alone).",
    )


class Community(BaseModel):
    id: int = Field(description="0 is the largest community.")
    size: int = Field(description="Members of the whole community.")
    label: str = Field(description="The name of the community's best-connected member.")
    members: list[str] = Field(
        description="Member ids, best-connected first (of the asked types only, if any)."
    )


class AnalyticsResult(BaseModel):
    metric: str
    version: int | None = Field(
        default=None,
        description="The store version the measures were computed on (whole-graph answers "
        "come from a cache computed in the background after each change).",
    )
    stale: bool = Field(
        default=False,
        description="True when the store has changed since: the answer is the previous "
        "version's while the new one is computed.",
    )
    approximate: bool = Field(
        default=False,
        description="True when betweenness was estimated from a sample of source actors "
        "(graphs above a size), not computed exactly.",
    )
    pending: list[str] = Field(
        default_factory=list,
        description="Measures of the whole graph still being computed for the store's "
        "latest version (they answer 503 until a first version of them is ready, then the "
        "previous version's, `stale`).",
    )
    nodes: int = Field(description="Actors in the analysed graph.")
    edges: int = Field(description="Distinct ties between actors in the analysed graph.")
    total: int = Field(description="Ranked actors before limit/offset.")
    results: list[RankedActor]
    communities: list[Community] | None = None


def ties_graph(
    nodes: Iterable[tuple[str, str, str]], ties: Iterable[tuple[str, str, str]]
) -> nx.Graph:
    """actor_graph (no filter) from (id, name, type) of the actors and (source, target,
    type) of the relations, as GraphStore.actor_ties() gives them."""
    g: nx.Graph[str] = nx.Graph()
    for node_id, name, node_type in nodes:
        if node_type != DOCUMENT:
            g.add_node(node_id, name=name, type=node_type, degree=0)
    for source, target, rel_type in ties:
        if rel_type == MENTIONS or source == target or source not in g or target not in g:
            continue
        g.nodes[source]["degree"] += 1
        g.nodes[target]["degree"] += 1
        if g.has_edge(source, target):
            g.edges[source, target]["weight"] += 1
        else:
            g.add_edge(source, target, weight=1)
    return g


def actor_graph(data: GraphData, flt: GraphFilter | None = None) -> nx.Graph:
    """Undirected weighted graph of the actors the filter keeps and the relations between them."""
    flt = flt or GraphFilter()
    if flt.dated():  # the date rule: undated sentences take their document's date
        flt = flt.with_document_dates(
            {n.id: n.properties.get("date") for n in data.nodes if n.type == DOCUMENT}
        )
    g: nx.Graph[str] = nx.Graph()
    for node in data.nodes:
        if node.type != DOCUMENT and flt.keeps_node(node):
            g.add_node(node.id, name=node.name, type=node.type, degree=0)
    for edge in data.edges:
        if edge.type == MENTIONS or edge.source not in g or edge.target not in g:
            continue
        if edge.source == edge.target or not flt.keeps_edge(edge):
            continue
        g.nodes[edge.source]["degree"] += 1
        g.nodes[edge.target]["degree"] += 1
        if g.has_edge(edge.source, edge.target):
            g.edges[edge.source, edge.target]["weight"] += 1
        else:
            g.add_edge(edge.source, edge.target, weight=1)
    return g


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10) -> dict[str, float]:
    """Weighted PageRank by power iteration (networkx's own needs scipy, which a single
    measure does not justify), on numpy arrays so a million ties take seconds."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    index = {u: i for i, u in enumerate(g)}
    ties = [(index[u], index[v], d.get("weight")) for u, v, d in g.edges(data=True)]
    src = np.fromiter((t[0] for t in ties), dtype=np.int64, count=len(ties))
    dst = np.fromiter((t[1] for t in ties), dtype=np.int64, count=len(ties))
    weight = np.fromiter((t[2] for t in ties), dtype=np.float64, count=len(ties))
    return dict(zip(g, pagerank_arrays(n, src, dst, weight, alpha, tol).tolist(), strict=True))


def pagerank_arrays(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    alpha: float = 0.85,
    tol: float = 1.0e-10,
) -> np.ndarray:
    """PageRank of n actors over undirected weighted ties (src[i], dst[i], weight[i]).
    Isolated actors spread their rank evenly, as in networkx."""
    strength = np.bincount(src, weight, n) + np.bincount(dst, weight, n)
    dangling = strength == 0
    divisor = np.where(dangling, 1.0, strength)
    rank = np.full(n, 1.0 / n)
    for _ in range(1000):
        share = rank / divisor
        new = np.full(n, (1.0 - alpha) / n + alpha * rank[dangling].sum() / n)
        new += alpha * np.bincount(dst, weight * share[src], n)
        new += alpha * np.bincount(src, weight * share[dst], n)
        done = float(np.abs(new - rank).sum()) < n * tol
        rank = new
        if done:
            break
    return rank


def communities(g: nx.Graph) -> list[list[str]]:
    """Louvain communities, largest first, each sorted best-connected first; ties by id.
    An actor alone in its community is in none: a community of one says nothing."""
    if g.number_of_edges() == 0:
        groups = [{n} for n in g.nodes]
    else:
        groups = igraph_measures.louvain(g, COMMUNITY_SEED)
    ordered = [sorted(c, key=lambda n: (-g.nodes[n]["degree"], n)) for c in groups if len(c) > 1]
    return sorted(ordered, key=lambda c: (-len(c), c[0]))


def betweenness(
    g: nx.Graph, exact_nodes: int = EXACT_BETWEENNESS_NODES, work: int = BETWEENNESS_WORK
) -> tuple[dict[str, float], bool]:
    """Exact up to `exact_nodes` actors or `work` steps (actors × ties); above, estimated
    from a seeded sample of source actors sized so the work stays near `work` steps (at
    least 16 sources). (scores, approximate)"""
    n = g.number_of_nodes()
    if n <= exact_nodes or n * g.number_of_edges() <= work:
        return igraph_measures.betweenness(g, None, COMMUNITY_SEED), False
    k = max(16, min(n, work // max(g.number_of_edges(), 1)))
    if k >= n:
        return igraph_measures.betweenness(g, None, COMMUNITY_SEED), False
    return igraph_measures.betweenness(g, k, COMMUNITY_SEED), True


def scores_of(g: nx.Graph, metric: str) -> tuple[dict[str, float], list[list[str]] | None, bool]:
    """(scores, communities or None, approximate) of one metric."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
    degree = {n: float(g.nodes[n]["degree"]) for n in g}
    if metric == "degree":
        return degree, None, False
    if metric == "betweenness":
        scores, approximate = betweenness(g)
        return scores, None, approximate
    if metric == "pagerank":
        return pagerank(g), None, False
    return degree, communities(g), False


def membership(groups: list[list[str]] | None) -> dict[str, int]:
    return {m: i for i, members in enumerate(groups or []) for m in members}


def ranking(g: nx.Graph, scores: dict[str, float], groups: list[list[str]] | None) -> list[str]:
    """Actors in answer order: by community (communities metric), score, name, id."""
    member_of = membership(groups)
    return sorted(
        g.nodes,
        key=lambda n: (member_of.get(n, math.inf), -scores[n], g.nodes[n]["name"].lower(), n),
    )


def community_list(g: nx.Graph, groups: list[list[str]]) -> list[Community]:
    """The communities as the answer lists them (a snapshot builds them once)."""
    return [
        Community(id=i, size=len(members), label=g.nodes[members[0]]["name"], members=members)
        for i, members in enumerate(groups)
    ]


def ranked(
    g: nx.Graph,
    metric: str,
    scores: dict[str, float],
    groups: list[list[str]] | None,
    limit: int,
    offset: int,
    order: list[str] | None = None,
    comms: list[Community] | None = None,
    member_of: dict[str, int] | None = None,
    size: tuple[int, int] | None = None,
) -> AnalyticsResult:
    """One page of the ranking (`order`, `comms`, `member_of`, `size` — actors and ties:
    when the caller has them already; counting the ties walks every actor)."""
    member_of = member_of if member_of is not None else membership(groups)
    if groups is not None and comms is None:
        comms = community_list(g, groups)
    order = order if order is not None else ranking(g, scores, groups)
    results = [
        RankedActor(
            id=n,
            name=g.nodes[n]["name"],
            type=g.nodes[n]["type"],
            score=round(scores[n], 6),
            degree=g.nodes[n]["degree"],
            community=member_of.get(n),
        )
        for n in order[offset : offset + limit]
    ]
    return AnalyticsResult(
        metric=metric,
        nodes=size[0] if size is not None else g.number_of_nodes(),
        edges=size[1] if size is not None else g.number_of_edges(),
        total=len(order),
        results=results,
        communities=comms,
    )


def analyse(
    data: GraphData,
    metric: str,
    flt: GraphFilter | None = None,
    limit: int = 20,
    offset: int = 0,
) -> AnalyticsResult:
    """One metric over a graph in the interchange format, computed now."""
    g = actor_graph(data, flt)
    scores, groups, approximate = scores_of(g, metric)
    result = ranked(g, metric, scores, groups, limit, offset)
    result.approximate = approximate
    return result


def analyse_ties(
    nodes: Iterable[tuple[str, str, str]],
    ties: Iterable[tuple[str, str, str]],
    metric: str,
    flt: GraphFilter,
    limit: int = 20,
    offset: int = 0,
) -> AnalyticsResult:
    """One metric over what GraphStore.actor_ties(flt) gave (the relations with evidence
    the filter keeps), cut down here to the filter's node and relation types. Degree and
    PageRank are computed on arrays (no graph object: a request over a million ties must
    not build one); betweenness and communities need the graph."""
    types, relations = flt.types, flt.relations
    kept_nodes = (n for n in nodes if (n[2] in types if types is not None else n[2] != DOCUMENT))
    kept_ties = (t for t in ties if relations is None or t[2] in relations)
    if metric in ("degree", "pagerank"):
        return _ranked_arrays(TieArrays.build(kept_nodes, kept_ties), metric, limit, offset)
    g = ties_graph(kept_nodes, kept_ties)
    scores, groups, approximate = scores_of(g, metric)
    result = ranked(g, metric, scores, groups, limit, offset)
    result.approximate = approximate
    return result


@dataclass
class TieArrays:
    """Actors (ids, names, types, degree) and their distinct undirected ties (src, dst as
    indexes, weight = number of relations), as ties_graph() would hold them."""

    ids: list[str]
    names: list[str]
    types: list[str]
    degree: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray

    @classmethod
    def build(
        cls, nodes: Iterable[tuple[str, str, str]], ties: Iterable[tuple[str, str, str]]
    ) -> TieArrays:
        ids, names, types = [], [], []
        for node_id, name, node_type in nodes:
            ids.append(node_id)
            names.append(name)
            types.append(node_type)
        index = {node_id: i for i, node_id in enumerate(ids)}
        pairs = [
            (index[s], index[t])
            for s, t, rel in ties
            if rel != MENTIONS and s != t and s in index and t in index
        ]
        n = len(ids)
        ends = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        degree = np.bincount(ends.ravel(), minlength=n)
        keys, weight = np.unique(ends.min(axis=1) * n + ends.max(axis=1), return_counts=True)
        return cls(ids, names, types, degree, keys // max(n, 1), keys % max(n, 1), weight * 1.0)


def _ranked_arrays(a: TieArrays, metric: str, limit: int, offset: int) -> AnalyticsResult:
    n = len(a.ids)
    scores = (
        a.degree.astype(np.float64)
        if metric == "degree"
        else pagerank_arrays(n, a.src, a.dst, a.weight)
    ).tolist()
    lowered = [name.lower() for name in a.names]
    page = heapq.nsmallest(
        offset + limit, range(n), key=lambda i: (-scores[i], lowered[i], a.ids[i])
    )
    degree = a.degree.tolist()
    return AnalyticsResult(
        metric=metric,
        nodes=n,
        edges=len(a.src),
        total=n,
        results=[
            RankedActor(
                id=a.ids[i],
                name=a.names[i],
                type=a.types[i],
                score=round(scores[i], 6),
                degree=degree[i],
                community=None,
            )
            for i in page[offset:]
        ],
        communities=None,
    )
