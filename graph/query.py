"""Query semantics shared by both stores: filters, neighbourhoods, paths, search ranking.

The embedded store runs these on its networkx graph; the Neo4j store runs Cypher that must
give the same answers (the contract suite checks it), and reuses the ranking here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import networkx as nx
from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from graph.model import Edge, GraphData, Node, fold
from graph.schema import DOCUMENT, MENTIONS

MAX_DEPTH = 3
MAX_NODES = 5000


class GraphFilter(BaseModel):
    """Which nodes and edges a neighbourhood or subgraph keeps. Seeds are always kept."""

    types: list[str] | None = Field(default=None, description="Node types to keep.")
    relations: list[str] | None = Field(default=None, description="Relation types to follow.")
    since: str | None = Field(default=None, description="Keep edges with evidence on/after.")
    until: str | None = Field(default=None, description="Keep edges with evidence on/before.")
    documents: list[str] | None = Field(
        default=None, description="Keep edges with evidence from these documents."
    )

    def keeps_node(self, node: Node) -> bool:
        if self.types is not None:
            return node.type in self.types
        return node.type != DOCUMENT

    def keeps_edge(self, edge: Edge) -> bool:
        if self.relations is not None and edge.type not in self.relations:
            return False
        if (
            self.relations is None
            and edge.type == MENTIONS
            and not (self.types and DOCUMENT in self.types)
        ):
            return False
        evidence = edge.evidence
        if self.documents is not None:
            evidence = [e for e in evidence if e.document in self.documents]
            if not evidence:
                return False
        if self.since or self.until:
            dated = [e.date for e in evidence if e.date]
            if not any(
                (not self.since or d >= self.since)
                and (not self.until or d[: len(self.until)] <= self.until)
                for d in dated
            ):
                return False
        return True


@dataclass
class SearchHit:
    node: Node
    score: float
    match: str  # exact, prefix, fuzzy
    degree: int = 0


@dataclass
class GraphPath:
    nodes: list[str]
    edges: list[Edge] = field(default_factory=list)


def rank(
    query: str, nodes: list[Node], types: list[str] | None, limit: int, offset: int = 0
) -> list[SearchHit]:
    """exact > prefix (of the name or any word of it) > fuzzy, accent- and case-blind."""
    q = fold(query)
    if not q:
        return []
    hits: list[SearchHit] = []
    for node in nodes:
        if types is not None and node.type not in types:
            continue
        best: tuple[float, str] | None = None
        for name in [node.name, *node.aliases]:
            f = fold(name)
            if f == q:
                cand = (300.0, "exact")
            elif f.startswith(q) or any(w.startswith(q) for w in f.split()):
                cand = (200.0 + 100.0 * len(q) / max(len(f), 1) * 0.5, "prefix")
            else:
                score = fuzz.WRatio(q, f)
                if score < 80:
                    continue
                cand = (float(score), "fuzzy")
            if best is None or cand[0] > best[0]:
                best = cand
        if best is not None:
            hits.append(SearchHit(node, best[0], best[1]))
    hits.sort(key=lambda h: (-h.score, h.node.name.lower(), h.node.id))
    return hits[offset : offset + limit]


def to_networkx(data: GraphData) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in data.nodes:
        g.add_node(n.id, node=n)
    for e in data.edges:
        g.add_edge(e.source, e.target, key=e.id, edge=e)
    return g


def neighbourhood(
    g: nx.MultiDiGraph, seeds: list[str], depth: int, flt: GraphFilter, limit: int
) -> GraphData:
    """Breadth-first over edges in either direction, keeping what the filter keeps."""
    depth = max(0, min(depth, MAX_DEPTH))
    limit = max(1, min(limit, MAX_NODES))
    seen: dict[str, int] = {}
    for s in seeds:
        if s in g and len(seen) < limit:
            seen[s] = 0
    frontier = list(seen)
    for level in range(1, depth + 1):
        nxt: list[str] = []
        for u in frontier:
            for a, b, data in _incident(g, u):
                other = b if a == u else a
                if other in seen or not flt.keeps_edge(data["edge"]):
                    continue
                if not flt.keeps_node(g.nodes[other]["node"]):
                    continue
                if len(seen) >= limit:
                    break
                seen[other] = level
                nxt.append(other)
        frontier = sorted(nxt)
    return induced(g, list(seen), flt)


def _incident(g: nx.MultiDiGraph, u: str) -> list[tuple[str, str, dict]]:
    out = [(a, b, d) for a, b, d in g.out_edges(u, data=True)]
    out += [(a, b, d) for a, b, d in g.in_edges(u, data=True)]
    return sorted(out, key=lambda t: t[2]["edge"].id)


def induced(g: nx.MultiDiGraph, ids: list[str], flt: GraphFilter) -> GraphData:
    keep = set(ids)
    nodes = [g.nodes[i]["node"] for i in sorted(keep)]
    edges = [
        d["edge"]
        for a, b, d in g.edges(data=True)
        if a in keep and b in keep and flt.keeps_edge(d["edge"])
    ]
    if flt.documents is not None:
        edges = [
            e.model_copy(
                update={"evidence": [v for v in e.evidence if v.document in flt.documents]}
            )
            for e in edges
        ]
    return GraphData(nodes=nodes, edges=sorted(edges, key=lambda e: e.id))


def k_shortest_paths(
    g: nx.MultiDiGraph, source: str, target: str, max_length: int, k: int
) -> list[GraphPath]:
    """The k shortest simple paths between two actors, through actors only (no documents)."""
    simple = nx.Graph()
    for n, data in g.nodes(data=True):
        if data["node"].type != DOCUMENT:
            simple.add_node(n)
    best_edge: dict[tuple[str, str], Edge] = {}
    for a, b, data in g.edges(data=True):
        e: Edge = data["edge"]
        if e.type == MENTIONS or a not in simple or b not in simple:
            continue
        key = (a, b) if a <= b else (b, a)
        if key not in best_edge or len(e.evidence) > len(best_edge[key].evidence):
            best_edge[key] = e
        simple.add_edge(a, b)
    if source not in simple or target not in simple or source == target:
        return []
    try:
        gen = nx.shortest_simple_paths(simple, source, target)
        paths = []
        for p in islice(gen, k):
            if len(p) - 1 > max_length:
                break
            edges = [
                best_edge[(x, y) if x <= y else (y, x)] for x, y in zip(p, p[1:], strict=False)
            ]
            paths.append(GraphPath(nodes=p, edges=edges))
        return paths
    except nx.NetworkXNoPath:
        return []
