"""Summarised answers of the Neo4j store (graph/edge_summary.py): edges read with what their
summaries need of each evidence item (document, sentence date, confidence), not the
items themselves, so the sentences stay in the database. The Cypher is in
neo4j_cypher.py (`edges_among_summarised`, `edge_by_id`)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from neo4j import ManagedTransaction

from graph.edge_summary import (
    SUMMARY,
    EdgeSummary,
    EvidenceMode,
    strongest_edges,
    summary_fields,
    summary_of,
)
from graph.model import Edge, Evidence, GraphData, Node
from graph.store import neo4j_cypher as q

Item = tuple[str, str | None, float | None]  # (document, sentence date, confidence)


def bare_edge(row: Any) -> Edge:
    """The edge of a summary row: its properties, no evidence."""
    props = {k: v for k, v in row["props"].items() if v is not None and k not in q.EDGE_INTERNAL}
    return Edge(
        id=props.pop("id"), source=row["source"], target=row["target"], type=row["type"], **props
    )


def row_items(row: Any) -> list[Item]:
    return [(doc, date or None, sure) for doc, date, sure in row["items"]]


def document_dates(tx: ManagedTransaction, items: list[list[Item]]) -> dict[str, str | None]:
    """The dates of the documents whose undated items the date rule dates."""
    ids = sorted({doc for edge in items for doc, date, _ in edge if not date})
    if not ids:
        return {}
    found = {}
    for r in tx.run(q.GET_NODES, ids=ids):
        date = r["props"].get("date")
        found[r["props"]["id"]] = date if isinstance(date, str) and date else None
    return found


def summarised_rows(tx: ManagedTransaction, rows: list[Any], evidence: EvidenceMode) -> list[Edge]:
    """Summary rows as edges of a summarised answer. The rows come from the store's own
    properties, so the edges are built without validating them again (thousands of them
    in an answer around a hub)."""
    items = [row_items(r) for r in rows]
    dates = document_dates(tx, items)
    out = []
    for row, its in zip(rows, items, strict=True):
        values: dict[str, Any] = {k: v for k, v in row["props"].items() if v is not None}
        values |= {"source": row["source"], "target": row["target"], "type": row["type"]}
        values["evidence"] = [Evidence.model_validate_json(row["first"])] if row["first"] else []
        values[SUMMARY] = summary_fields(its, dates)
        out.append(Edge.model_construct(None, **values))
    return out


def summarised_part(
    tx: ManagedTransaction, nodes: list[Node], relations: list[str], evidence: EvidenceMode
) -> GraphData:
    """The nodes and the edges among them of the given types, summarised."""
    ids = [n.id for n in nodes]
    if not ids:
        return GraphData()
    record = tx.run(q.edges_among_summarised(relations), ids=ids, first=evidence == "first").single(
        strict=True
    )
    keys = ("source", "target", "type", "props", "items", "first")
    rows = [dict(zip(keys, row, strict=True)) for row in record["rows"]]
    edges = summarised_rows(tx, rows, evidence)
    return GraphData(nodes=nodes, edges=list({e.id: e for e in edges}.values()))


def chosen_ties(rows: list[list[Any]], max_edges: int) -> tuple[list[str], int]:
    """Which of the ties among a capped answer's nodes ([edge id, source, target, evidence
    count, element id] each, as q.capped_answer sends them when it leaves the choice here)
    the answer keeps (edge_summary.capped's rule, on each edge's evidence count), chosen
    from the ties alone so that only the kept edges are read whole: (their element ids in
    edge-id order, how many were left out)."""
    ties = {r[0]: r for r in rows}
    keep: Collection[str] = ties
    if len(ties) > max_edges:
        keep = strongest_edges(((i, s, t, n) for i, s, t, n, _ in ties.values()), max_edges)
    return [ties[i][4] for i in sorted(keep)], len(ties) - len(keep)


def summarised_by_element_id(
    tx: ManagedTransaction, eids: list[str], evidence: EvidenceMode
) -> list[Edge]:
    """The edges `eids` (element ids), summarised, in the order given."""
    if not eids:
        return []
    record = tx.run(q.SUMMARISED_BY_ELEMENT_ID, eids=eids, first=evidence == "first")
    keys = ("source", "target", "type", "props", "items", "first")
    rows = [dict(zip(keys, row, strict=True)) for row in record.single(strict=True)["rows"]]
    return summarised_rows(tx, rows, evidence)


def edge_evidence(
    tx: ManagedTransaction, relations: list[str], edge_id: str, limit: int, offset: int
) -> tuple[Edge, EdgeSummary, list[Evidence]] | None:
    """One edge by id: itself without evidence, its summary, and a page of its items."""
    row = tx.run(
        q.edge_by_id(relations), id=edge_id, offset=offset, limit=limit, first=False
    ).single()
    if row is None:
        return None
    items = row_items(row)
    summary = summary_of(items, document_dates(tx, [items]))
    page = [Evidence.model_validate_json(s) for s in row["page"]]
    return bare_edge(row), summary, page
