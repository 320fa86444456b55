"""What a graph answer carries of each edge's evidence: all of it, the first item, or none,
and in the last two cases a summary per edge (how many items and documents, how sure, the
first and last date) that a view draws from; the sentences themselves are fetched per edge
when one is opened (`GraphStore.edge_evidence`).

A neighbourhood around a hub holds thousands of edges: with every evidence item each, the
answer, not the walk, is what costs (bench/RESULTS.md, "Neo4j at scale"). The stores build
summaries from their evidence tables without reading the sentences; `summarised` here is
the rule they must agree with (tests/contract/ compares them on both stores).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import Edge, Evidence, GraphData, truncation
from graph.query import DocumentDates, evidence_date

EvidenceMode = Literal["all", "first", "none"]
EVIDENCE_MODES: tuple[EvidenceMode, ...] = ("all", "first", "none")
SUMMARY = "summary"  # the key under which an edge of a summarised answer carries it


class EdgeSummary(BaseModel):
    """An edge's evidence in figures, for edges whose answer leaves the items out."""

    model_config = ConfigDict(extra="forbid")

    evidence: int = Field(ge=0, description="How many evidence items the edge has.")
    documents: int = Field(ge=0, description="How many distinct documents they come from.")
    confidence: float = Field(
        ge=0.0, le=1.0, description="The surest item's confidence (an item without one: 1)."
    )
    first: str | None = Field(
        default=None, description="The earliest date of an item (the date rule), if any."
    )
    last: str | None = Field(
        default=None, description="The latest date of an item (the date rule), if any."
    )


def summary_of(
    items: Iterable[tuple[str, str | None, float | None]], dates: DocumentDates
) -> EdgeSummary:
    """The summary of (document, sentence date, confidence) items: dated by the date rule
    (the sentence's date, else the document's)."""
    return EdgeSummary(**summary_fields(items, dates))


def summary_fields(
    items: Iterable[tuple[str, str | None, float | None]], dates: DocumentDates
) -> dict[str, Any]:
    """summary_of as the dict its model_dump() gives, without building and validating the
    model: for a store answering from its own, already validated, evidence (hundreds of
    edges an answer)."""
    count = 0
    documents: set[str] = set()
    confidence = 0.0
    dated: list[str] = []
    for document, date, sure in items:
        count += 1
        documents.add(document)
        confidence = max(confidence, 1.0 if sure is None else float(sure))
        when = evidence_date(date, document, dates)
        if when:
            dated.append(when)
    return {
        "evidence": count,
        "documents": len(documents),
        "confidence": confidence,
        "first": min(dated) if dated else None,
        "last": max(dated) if dated else None,
    }


def summarised_edge(
    edge: Edge, mode: EvidenceMode, summary: EdgeSummary, first: Evidence | None
) -> Edge:
    """The edge as a summarised answer holds it: its properties, the summary and, with
    mode "first", its first evidence item."""
    kept = [first] if mode == "first" and first is not None else []
    return Edge(
        id=edge.id,
        source=edge.source,
        target=edge.target,
        type=edge.type,
        evidence=kept,
        **{**edge.properties, SUMMARY: summary.model_dump()},
    )


def summarised(data: GraphData, mode: EvidenceMode, dates: DocumentDates) -> GraphData:
    """The answer with each edge's evidence cut to what `mode` asks for (the rule)."""
    if mode == "all":
        return data
    edges = []
    for e in data.edges:
        items = ((v.document, v.date, v.confidence) for v in e.evidence)
        first = e.evidence[0] if e.evidence else None
        edges.append(summarised_edge(e, mode, summary_of(items, dates), first))
    return GraphData(nodes=data.nodes, edges=edges, truncated=data.truncated)


def undated_documents(edges: Iterable[Edge]) -> set[str]:
    """The documents the date rule needs the date of for these edges' summaries."""
    return {v.document for e in edges for v in e.evidence if not v.date}


@dataclass
class EdgeEvidence:
    """A page of one edge's evidence: the edge (no evidence), its summary (whose `evidence`
    is the total), and the items of the page in the order they arrived."""

    edge: Edge
    summary: EdgeSummary
    items: list[Evidence]


def strongest_edges(ties: Iterable[tuple[str, str, str, int]], max_edges: int) -> set[str]:
    """Which edges an answer capped at `max_edges` keeps, of (id, source, target, evidence
    count): every node's strongest edge first (most evidence, then smallest id), so no node
    of the answer is left without one, then the strongest of the others until `max_edges`
    are kept. An answer with more nodes than `max_edges` keeps more edges: one per node."""
    ranked = sorted(ties, key=lambda t: (-t[3], t[0]))
    keep: set[str] = set()
    covered: set[str] = set()
    for edge_id, source, target, _ in ranked:
        if source not in covered or target not in covered:
            keep.add(edge_id)
            covered.update((source, target))
    for edge_id, *_ in ranked:
        if len(keep) >= max_edges:
            break
        keep.add(edge_id)
    return keep


def evidence_count(edge: Edge) -> int:
    """How many evidence items an edge has: its summary's count, else its items."""
    summary = edge.properties.get(SUMMARY)
    return int(summary["evidence"]) if summary else len(edge.evidence)


def capped(data: GraphData, max_edges: int | None) -> GraphData:
    """The answer with its edges cut to the strongest (`strongest_edges`)."""
    if max_edges is None or len(data.edges) <= max_edges:
        return data
    ties = [(e.id, e.source, e.target, evidence_count(e)) for e in data.edges]
    keep = strongest_edges(ties, max_edges)
    edges = [e for e in data.edges if e.id in keep]
    return GraphData(
        nodes=data.nodes,
        edges=edges,
        truncated=truncation(data.truncated, len(data.edges) - len(edges)),
    )
