"""Query semantics shared by both stores: filters, neighbourhoods, paths, search ranking.

The embedded store runs these on its networkx graph; the Neo4j store runs Cypher that must
give the same answers (the contract suite checks it), and reuses the ranking here.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import networkx as nx
from pydantic import BaseModel, Field, PrivateAttr
from rapidfuzz import fuzz

from graph.model import Edge, GraphData, Node, fold, truncation
from graph.schema import DOCUMENT, MENTIONS

T = TypeVar("T")

MAX_DEPTH = 3
MAX_NODES = 5000


class DocumentDates(Protocol):
    """Where the date rule finds a document's date: `get(document id)`, None if undated."""

    def get(self, key: str, /) -> str | None: ...


def evidence_date(date: str | None, document: str, documents: DocumentDates) -> str | None:
    """The date rule: evidence is dated by its sentence's date, else by its document's
    date, else not at all."""
    return date or documents.get(document) or None


def in_period(date: str | None, since: str | None, until: str | None) -> bool:
    """`since` and `until` are prefixes of ISO dates (2023, 2023-09, 2023-09-29), both
    inclusive: until=2023-09 keeps every day of September."""
    if date is None:
        return not since and not until
    return (not since or date >= since) and (not until or date[: len(until)] <= until)


def document_dates(g: nx.MultiDiGraph) -> dict[str, str | None]:
    """The dates of the documents a graph holds (the date rule's second source)."""
    return {
        n: data["node"].properties.get("date")
        for n, data in g.nodes(data=True)
        if data["node"].type == DOCUMENT
    }


class GraphFilter(BaseModel):
    """Which nodes and edges a neighbourhood or subgraph keeps. Seeds are always kept.

    `since`/`until` follow the date rule (evidence_date): a store attaches the dates of the
    documents involved with `with_document_dates` before it asks `keeps_edge`."""

    _document_dates: DocumentDates | None = PrivateAttr(default=None)

    types: list[str] | None = Field(default=None, description="Node types to keep.")
    relations: list[str] | None = Field(default=None, description="Relation types to follow.")
    since: str | None = Field(default=None, description="Keep edges with evidence on/after.")
    until: str | None = Field(default=None, description="Keep edges with evidence on/before.")
    documents: list[str] | None = Field(
        default=None, description="Keep edges with evidence from these documents."
    )
    min_confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Keep edges with evidence at least this sure (no confidence counts as 1).",
    )

    def with_document_dates(self, dates: DocumentDates) -> GraphFilter:
        out = self.model_copy()
        out._document_dates = dates
        return out

    def dated(self) -> bool:
        return bool(self.since or self.until)

    def keeps_evidence(self) -> bool:
        """Whether the filter keeps some evidence items of an edge and not others (a period,
        documents, a confidence): then an edge is kept by its evidence, not by its type."""
        return self.dated() or self.documents is not None or self.min_confidence is not None

    def has_document_dates(self) -> bool:
        return self._document_dates is not None

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
        if self.min_confidence is not None:
            evidence = [
                e
                for e in evidence
                if (1.0 if e.confidence is None else e.confidence) >= self.min_confidence
            ]
            if not evidence:
                return False
        if self.since or self.until:
            docs: DocumentDates = self._document_dates or {}
            dated = [evidence_date(e.date, e.document, docs) for e in evidence]
            if not any(d and in_period(d, self.since, self.until) for d in dated):
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


def _words_prefix(query: list[str], words: list[str]) -> bool:
    """ "lazo hern" fits "juan esteban lazo hernandez": each query word begins a word of
    the name, in order."""
    i = 0
    for w in words:
        if i < len(query) and w.startswith(query[i]):
            i += 1
    return i == len(query)


def name_match(q: str, folded: str) -> tuple[float, str] | None:
    """How one folded name answers the folded query: (score, exact|prefix|fuzzy) or None."""
    if folded == q:
        return (300.0, "exact")
    if folded.startswith(q) or _words_prefix(q.split(), folded.split()):
        return (200.0 + 100.0 * len(q) / max(len(folded), 1) * 0.5, "prefix")
    score = fuzz.WRatio(q, folded)
    if score < 80:
        return None
    return (float(score), "fuzzy")


def best_match(q: str, folded_names: list[str]) -> tuple[float, str] | None:
    """The best answer among a node's names (the first of equal scores)."""
    best: tuple[float, str] | None = None
    for f in folded_names:
        cand = name_match(q, f)
        if cand is not None and (best is None or cand[0] > best[0]):
            best = cand
    return best


def rank(
    query: str, nodes: list[Node], types: list[str] | None, limit: int, offset: int = 0
) -> list[SearchHit]:
    """exact > prefix (of the name or any word of it) > fuzzy, accent- and case-blind."""
    named = ((n, n.id, n.type, n.name, n.aliases) for n in nodes)
    return [
        SearchHit(n, score, match)
        for n, score, match in rank_named(query, named, types, limit, offset)
    ]


def rank_named(
    query: str,
    items: Iterable[tuple[T, str, str, str, list[str]]],
    types: list[str] | None,
    limit: int,
    offset: int = 0,
) -> list[tuple[T, float, str]]:
    """rank() over (item, id, type, name, aliases) rows: a store ranks its candidates with
    no Node made for each (the Neo4j store ranks a thousand per search)."""
    q = fold(query)
    if not q:
        return []
    hits: list[tuple[float, str, str, T, str]] = []
    for item, item_id, item_type, name, aliases in items:
        if types is not None and item_type not in types:
            continue
        best = best_match(q, [fold(x) for x in [name, *aliases]])
        if best is not None:
            hits.append((-best[0], name.lower(), item_id, item, best[1]))
    hits.sort(key=lambda h: h[:3])
    return [(item, -score, match) for score, _, _, item, match in hits[offset : offset + limit]]


def to_networkx(data: GraphData) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
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
    if flt.dated() and flt._document_dates is None:
        flt = flt.with_document_dates(document_dates(g))
    seen: dict[str, int] = {}
    for s in seeds:
        if s in g and len(seen) < limit:
            seen[s] = 0
    frontier = list(seen)
    stopped = False  # a node in reach was left out: the limit was reached
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
                    stopped = True
                    break
                seen[other] = level
                nxt.append(other)
        frontier = sorted(nxt)
    answer = induced(g, list(seen), flt)
    answer.truncated = truncation(answer.truncated, nodes=stopped)
    return answer


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


@dataclass(frozen=True)
class PathAvoid:
    """What a path may not pass through: these actors, these relation types, and actors
    with more than `max_degree` relations (hubs; MENTIONS are not relations). The two ends
    of a path are never avoided."""

    nodes: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()
    max_degree: int | None = None

    @classmethod
    def of(
        cls,
        nodes: Collection[str] | None = None,
        relations: Collection[str] | None = None,
        max_degree: int | None = None,
    ) -> PathAvoid:
        return cls(frozenset(nodes or ()), frozenset(relations or ()), max_degree)


def relation_degree(g: nx.MultiDiGraph, node: str) -> int:
    """How many relations (not mentions) touch an actor, a loop counted once."""
    keys = {
        k for _, _, k, d in g.out_edges(node, keys=True, data=True) if d["edge"].type != MENTIONS
    }
    keys |= {
        k for _, _, k, d in g.in_edges(node, keys=True, data=True) if d["edge"].type != MENTIONS
    }
    return len(keys)


def k_shortest_paths(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    max_length: int,
    k: int,
    avoid: PathAvoid | None = None,
) -> list[GraphPath]:
    """The k shortest simple paths between two actors, through actors only (no documents),
    around what `avoid` says.

    Ordered by length, then by the node ids along the path, and between two actors the edge
    with the most evidence (then the smallest id) stands for the step: the answer depends on
    the graph only, not on the order it was built in, so both stores give the same paths.
    """
    avoid = avoid or PathAvoid()
    keep: set[str] = set()
    for n, data in g.nodes(data=True):
        if data["node"].type == DOCUMENT:
            continue
        if n not in (source, target) and (
            n in avoid.nodes
            or (avoid.max_degree is not None and relation_degree(g, n) > avoid.max_degree)
        ):
            continue
        keep.add(n)
    by_id: dict[str, Edge] = {}
    ties: list[Tie] = []
    for _, _, data in g.edges(data=True):
        e: Edge = data["edge"]
        if e.type == MENTIONS or e.type in avoid.relations:
            continue
        by_id[e.id] = e
        ties.append((e.id, e.source, e.target, len(e.evidence)))
    return [
        GraphPath(nodes=nodes, edges=[by_id[i] for i in steps])
        for nodes, steps in walks_over_ties(ties, keep, source, target, max_length, k)
    ]


# An edge as a path search weighs it: its id, its two ends, how many evidence items it has.
Tie = tuple[str, str, str, int]


def walks_over_ties(
    ties: Iterable[Tie],
    keep: Container[str],
    source: str,
    target: str,
    max_length: int,
    k: int,
) -> list[tuple[list[str], list[str]]]:
    """k_shortest_paths over edges given as ties (of the relation types a walk may take):
    the k shortest simple walks through the nodes `keep` holds, each as its nodes and the
    ids of the edges standing for its steps (the most evidence, then the smallest id). A
    store that reads only the ties, not the edges, reads the chosen edges afterwards."""
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for edge_id, a, b, items in ties:
        if a == b or a not in keep or b not in keep:
            continue
        key = (a, b) if a <= b else (b, a)
        old = best.get(key)
        if old is None or (items, old[1]) > (old[0], edge_id):
            best[key] = (items, edge_id)
    simple: dict[str, list[str]] = {n: [] for n in (source, target) if n in keep}
    for a, b in best:
        simple.setdefault(a, []).append(b)
        simple.setdefault(b, []).append(a)
    for neighbours in simple.values():
        neighbours.sort()
    if source not in simple or target not in simple or source == target or k < 1:
        return []

    # distance of every actor to the target: a walk is only extended where it can still
    # arrive within the length being enumerated
    to_target = {target: 0}
    frontier = [target]
    while frontier and to_target[frontier[0]] < max_length:
        nxt = []
        for u in frontier:
            for v in simple[u]:
                if v not in to_target:
                    to_target[v] = to_target[u] + 1
                    nxt.append(v)
        frontier = nxt
    if source not in to_target:
        return []

    found = enumerate_paths(simple, source, target, to_target, max_length, k)
    return [
        (p, [best[(x, y) if x <= y else (y, x)][1] for x, y in zip(p, p[1:], strict=False)])
        for p in found[:k]
    ]


class Neighbours(Protocol):
    """Anything that gives a node's neighbours by indexing: a dict, or a store's lazy
    adjacency."""

    def __getitem__(self, node: str, /) -> Iterable[str]: ...


def enumerate_paths(
    neighbours: Neighbours,
    source: str,
    target: str,
    to_target: Mapping[str, int],
    max_length: int,
    k: int,
) -> list[list[str]]:
    """The first k simple walks from source to target, shortest first, each node's
    neighbours in their given order; a walk is only extended where `to_target` says it can
    still arrive within the length being enumerated. Both stores' path searches end here."""
    found: list[list[str]] = []

    def walk(path: list[str], on_path: set[str], steps_left: int) -> None:
        u = path[-1]
        if u == target:
            if steps_left == 0:
                found.append(list(path))
            return
        for v in neighbours[u]:
            if len(found) >= k:
                return
            if v in on_path or to_target.get(v, max_length + 1) > steps_left - 1:
                continue
            path.append(v)
            on_path.add(v)
            walk(path, on_path, steps_left - 1)
            on_path.discard(v)
            path.pop()

    for length in range(to_target[source], max_length + 1):
        walk([source], {source}, length)
        if len(found) >= k:
            break
    return found[:k]
