"""The relations table: every relation (MENTIONS aside) as a row with its ends' names, the
evidence the filter keeps, its dates and its document count; sorted and paged. Also the
evidence per month (the explorer's time histogram).

The functions here are the definition: the embedded store answers the same questions in SQL
(graph/store/sqlite_relations.py), the Neo4j store runs them on the candidate edges it
fetched, and the contract suite checks that both give the same rows.

The date rule (graph/query.py evidence_date): an evidence item is dated by its sentence's
date, else by its document's date, else not at all. A period (`since`/`until`) keeps the
evidence dated inside it; a relation is listed when the filter keeps some of its evidence,
and its counts and dates are those of the evidence kept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from graph.model import Edge, Evidence, Node
from graph.query import DocumentDates, evidence_date, in_period
from graph.schema import MENTIONS

SORTS = ("type", "source", "target", "documents", "date")
MAX_LIMIT = 500


class RelationQuery(BaseModel):
    """Which relations and which of their evidence the table holds."""

    relations: list[str] | None = Field(default=None, description="Relation types to list.")
    actor: str | None = Field(default=None, description="Only relations touching this actor.")
    documents: list[str] | None = Field(
        default=None, description="Only evidence read in these documents."
    )
    since: str | None = Field(default=None, description="Only evidence dated on/after.")
    until: str | None = Field(default=None, description="Only evidence dated on/before.")
    min_confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    sort: str = Field(default="type", description="type, source, target, documents, date; -x.")

    def keeps(self, ev: Evidence, date: str | None) -> bool:
        if self.documents is not None and ev.document not in self.documents:
            return False
        confidence = 1.0 if ev.confidence is None else ev.confidence
        if self.min_confidence is not None and confidence < self.min_confidence:
            return False
        if self.since or self.until:
            return date is not None and in_period(date, self.since, self.until)
        return True

    def sort_key(self) -> tuple[str, bool]:
        """(column, descending)."""
        return self.sort.lstrip("-"), self.sort.startswith("-")


@dataclass
class RelationRow:
    """One relation, its evidence restricted to what the filter keeps (in stored order) and
    each item's date by the date rule (`dates`, parallel to `edge.evidence`)."""

    edge: Edge
    source: Node
    target: Node
    dates: list[str | None]
    documents: int
    first_date: str | None
    last_date: str | None

    @property
    def role(self) -> str | None:
        role = self.edge.properties.get("role")
        return None if role is None else str(role)


@dataclass
class RelationPage:
    total: int
    rows: list[RelationRow] = field(default_factory=list)


def relation_row(
    edge: Edge, ends: dict[str, Node], dates: DocumentDates, query: RelationQuery
) -> RelationRow | None:
    """The row of one candidate edge, or None when the filter keeps none of its evidence."""
    kept: list[Evidence] = []
    kept_dates: list[str | None] = []
    for ev in edge.evidence:
        date = evidence_date(ev.date, ev.document, dates)
        if query.keeps(ev, date):
            kept.append(ev)
            kept_dates.append(date)
    if not kept:
        return None
    known = [d for d in kept_dates if d]
    return RelationRow(
        edge=edge.model_copy(update={"evidence": kept}),
        source=ends[edge.source],
        target=ends[edge.target],
        dates=kept_dates,
        documents=len({ev.document for ev in kept}),
        first_date=min(known) if known else None,
        last_date=max(known) if known else None,
    )


def _order(row: RelationRow, column: str) -> str | int | None:
    if column == "type":
        return row.edge.type
    if column == "source":
        return row.source.name
    if column == "target":
        return row.target.name
    if column == "documents":
        return row.documents
    return row.first_date


def sort_rows(rows: list[RelationRow], sort: str) -> list[RelationRow]:
    """By the column (descending with a leading '-'), missing values last either way, then
    by source name, target name and id: a total order, the same in every store."""
    column, descending = sort.lstrip("-"), sort.startswith("-")
    rows = sorted(rows, key=lambda r: (r.source.name, r.target.name, r.edge.id))
    present = [r for r in rows if _order(r, column) is not None]
    missing = [r for r in rows if _order(r, column) is None]
    present.sort(key=lambda r: _order(r, column), reverse=descending)  # type: ignore[arg-type,return-value]
    return present + missing


def relation_page(
    edges: list[Edge],
    ends: dict[str, Node],
    dates: DocumentDates,
    query: RelationQuery,
    limit: int,
    offset: int,
) -> RelationPage:
    """The reference answer over candidate edges (a superset of what the query keeps)."""
    rows = [r for e in edges if (r := _candidate(e, ends, dates, query)) is not None]
    rows = sort_rows(rows, query.sort)
    return RelationPage(total=len(rows), rows=rows[offset : offset + limit])


def _candidate(
    edge: Edge, ends: dict[str, Node], dates: DocumentDates, query: RelationQuery
) -> RelationRow | None:
    if edge.type == MENTIONS:
        return None
    if query.relations is not None and edge.type not in query.relations:
        return None
    if query.actor is not None and query.actor not in (edge.source, edge.target):
        return None
    return relation_row(edge, ends, dates, query)


def months(
    edges: list[Edge], ends: dict[str, Node], dates: DocumentDates, query: RelationQuery
) -> tuple[list[tuple[str, int]], int]:
    """Evidence kept per month (YYYY-MM, ascending) and how much of it has no date."""
    per_month: Counter[str] = Counter()
    undated = 0
    for edge in edges:
        row = _candidate(edge, ends, dates, query)
        if row is None:
            continue
        for date in row.dates:
            if date:
                per_month[date[:7]] += 1
            else:
                undated += 1
    return sorted(per_month.items()), undated
