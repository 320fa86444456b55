"""What an analyst reads about one actor, and about the paths between two: built from the
store interface only, so both stores give the same answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.edge_summary import (
    SUMMARY,
    EdgeSummary,
    EvidenceMode,
    summarised,
    undated_documents,
)
from graph.model import Edge, Evidence, GraphData, Node
from graph.query import MAX_NODES, GraphFilter, GraphPath, PathAvoid
from graph.schema import DOCUMENT, MENTIONS, load_schema
from graph.store.base import GraphStore


class NodeRef(BaseModel):
    id: str
    type: str
    name: str

    @classmethod
    def of(cls, node: Node) -> NodeRef:
        return cls(id=node.id, type=node.type, name=node.name)


class RelationEntry(BaseModel):
    id: str
    type: str
    direction: Literal["out", "in"] = Field(
        description="out: the actor is the relation's source; in: its target."
    )
    symmetric: bool = Field(description="True when the relation reads the same both ways.")
    other: NodeRef
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence]


class RoleEntry(BaseModel):
    role: str | None
    relation: str
    organisation: NodeRef
    evidence: list[Evidence]


class DocumentRef(BaseModel):
    id: str
    title: str
    date: str | None = None
    publisher: str | None = None
    mentions: int = Field(description="How many times the document names the actor.")


class EntityProfile(BaseModel):
    id: str
    type: str
    name: str
    aliases: list[str]
    properties: dict[str, Any] = Field(default_factory=dict)
    degree: int = Field(description="Number of relations (mentions not counted).")
    mentions: int = Field(description="Mentions across all documents.")
    roles: list[RoleEntry]
    documents: list[DocumentRef]
    relations: dict[str, list[RelationEntry]] = Field(
        description="The actor's relations grouped by relation type, best-attested first."
    )


class PathEdge(BaseModel):
    id: str
    type: str
    source: str
    target: str
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence]
    summary: EdgeSummary | None = Field(
        default=None, description="With evidence=first or none: the evidence in figures."
    )


class PathView(BaseModel):
    length: int
    nodes: list[NodeRef]
    edges: list[PathEdge]


def nodes_by_id(store: GraphStore, ids: Iterable[str]) -> dict[str, Node]:
    """The nodes with these ids, in as few store calls as the size cap allows."""
    wanted = sorted(set(ids))
    found: dict[str, Node] = {}
    for i in range(0, len(wanted), MAX_NODES):
        chunk = wanted[i : i + MAX_NODES]
        data = store.subgraph(chunk, depth=0, flt=GraphFilter(), limit=len(chunk))
        found.update({n.id: n for n in data.nodes})
    return found


def entity_profile(store: GraphStore, node_id: str) -> EntityProfile | None:
    """The actor, its roles, the documents naming it and its relations with evidence;
    None if there is no such actor (documents are not actors)."""
    node = store.get_node(node_id)
    if node is None or node.type == DOCUMENT:
        return None
    schema = load_schema()
    edges = store.node_edges(node_id)
    others = nodes_by_id(store, {e.target if e.source == node_id else e.source for e in edges})
    role_relations = {r.name for r in schema.relations.values() if "role" in r.properties}

    relations: dict[str, list[RelationEntry]] = {}
    roles: list[RoleEntry] = []
    mention_counts: Counter[str] = Counter()
    for edge in edges:
        other_id = edge.target if edge.source == node_id else edge.source
        other = others.get(other_id)
        if other is None:  # written between the two reads; the next request sees it
            continue
        if edge.type == MENTIONS:
            mention_counts[other_id] += len(edge.evidence)
            continue
        rel = schema.relations.get(edge.type)
        entry = RelationEntry(
            id=edge.id,
            type=edge.type,
            direction="out" if edge.source == node_id else "in",
            symmetric=bool(rel and rel.symmetric),
            other=NodeRef.of(other),
            properties=edge.properties,
            evidence=_by_place(edge.evidence),
        )
        relations.setdefault(edge.type, []).append(entry)
        if edge.type in role_relations and entry.direction == "out":
            roles.append(
                RoleEntry(
                    role=edge.properties.get("role"),
                    relation=edge.type,
                    organisation=entry.other,
                    evidence=entry.evidence,
                )
            )
    for entries in relations.values():
        entries.sort(key=lambda r: (-len(r.evidence), r.other.name.lower(), r.id))
    roles.sort(key=lambda r: (-len(r.evidence), (r.role or "").lower(), r.organisation.name))
    documents = [
        DocumentRef(
            id=doc_id,
            title=others[doc_id].name,
            date=others[doc_id].properties.get("date"),
            publisher=others[doc_id].properties.get("publisher"),
            mentions=count,
        )
        for doc_id, count in mention_counts.items()
    ]
    documents.sort(key=lambda d: (-d.mentions, d.id))
    return EntityProfile(
        id=node.id,
        type=node.type,
        name=node.name,
        aliases=node.aliases,
        properties=node.properties,
        degree=sum(len(v) for v in relations.values()),
        mentions=sum(mention_counts.values()),
        roles=roles,
        documents=documents,
        relations=dict(sorted(relations.items())),
    )


def _by_place(evidence: list[Evidence]) -> list[Evidence]:
    return sorted(evidence, key=lambda ev: (ev.document, ev.start, ev.end))


def path_views(
    store: GraphStore,
    source: str,
    target: str,
    max_length: int,
    k: int,
    avoid: PathAvoid | None = None,
    evidence: EvidenceMode = "all",
) -> list[PathView]:
    """The k shortest paths between two actors, with names on the nodes and evidence on
    every edge (all of it, or a summary and maybe the first item): the answer to "how is
    A connected to B?"."""
    paths = store.paths(source, target, max_length=max_length, k=k, avoid=avoid)
    nodes = nodes_by_id(store, {n for p in paths for n in p.nodes})
    if evidence != "all":
        edges = [e for p in paths for e in p.edges]
        dates = {
            i: n.properties.get("date")
            for i, n in nodes_by_id(store, undated_documents(edges)).items()
        }
        cut = summarised(GraphData(edges=edges), evidence, dates)
        by_id = {e.id: e for e in cut.edges}
        paths = [GraphPath(p.nodes, [by_id[e.id] for e in p.edges]) for p in paths]
    views = []
    for p in paths:
        if any(n not in nodes for n in p.nodes):
            continue
        views.append(
            PathView(
                length=len(p.edges),
                nodes=[NodeRef.of(nodes[n]) for n in p.nodes],
                edges=[_path_edge(e) for e in p.edges],
            )
        )
    return views


def _path_edge(edge: Edge) -> PathEdge:
    props = edge.properties
    summary = props.pop(SUMMARY, None)
    return PathEdge(
        id=edge.id,
        type=edge.type,
        source=edge.source,
        target=edge.target,
        properties=props,
        evidence=_by_place(edge.evidence),
        summary=None if summary is None else EdgeSummary.model_validate(summary),
    )
