"""The relations table (graph/relations.py) in SQL on the embedded store.

The evidence the query keeps is selected row by row (a period through the index of the
items' dates, `evidence_by_date`), grouped per edge, sorted and paged in SQL; only the page's edges are
then read whole. The relation-type and actor filters go through the edge indexes.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from graph.model import Node
from graph.query import GraphFilter
from graph.relations import RelationPage, RelationQuery, RelationRow
from graph.schema import MENTIONS
from graph.store.sqlite_walk import edge_from_json, ids_param

# above every character a date has: "2023-12" + UNTIL_PAD is after every "2023-12…"
UNTIL_PAD = "\U0010ffff"

ORDER = {
    "type": "e.type",
    "source": "s.name",
    "target": "t.name",
    "documents": "k.documents",
    "date": "k.first_date",
}


def _kept(query: RelationQuery) -> tuple[str, list[Any]]:
    """SELECT of the evidence items the query keeps: (seq, edge_id, document, date)."""
    where = ["e.type != ?"]
    args: list[Any] = [MENTIONS]
    if query.relations is not None:
        where.append("e.type IN (SELECT value FROM json_each(?))")
        args.append(ids_param(query.relations))
    if query.actor is not None:
        where.append("(e.source = ? OR e.target = ?)")
        args += [query.actor, query.actor]
    if query.documents is not None:
        where.append("v.document IN (SELECT value FROM json_each(?))")
        args.append(ids_param(query.documents))
    if query.min_confidence is not None:
        where.append("COALESCE(json_extract(v.data, '$.confidence'), 1.0) >= ?")
        args.append(query.min_confidence)
    # the date rule (the item's date, else its document's) was resolved when the item was
    # written (`evidence.date`); the period is a range of its index. `until` keeps every
    # date it is a prefix of ("2023-12" keeps "2023-12-31"): no date goes past the bound.
    if query.since:
        where.append("v.date >= ?")
        args.append(query.since)
    if query.until:
        where.append("v.date <= ?")
        args.append(query.until + UNTIL_PAD)
    return (
        "SELECT v.seq AS seq, e.id AS edge_id, v.document AS document, v.date AS date"
        " FROM edges e JOIN evidence v ON v.edge_id = e.id"
        f" WHERE {' AND '.join(where)}",
        args,
    )


def kept_ties(flt: GraphFilter) -> tuple[str, list[Any]]:
    """SELECT (source, target, type) of the relations with evidence `flt` keeps (its
    documents, confidence and period; relation types too, node types are not checked)."""
    query = RelationQuery(
        relations=flt.relations,
        documents=flt.documents,
        since=flt.since,
        until=flt.until,
        min_confidence=flt.min_confidence,
    )
    kept, args = _kept(query)
    return (
        "SELECT source, target, type FROM edges WHERE id IN"  # noqa: S608 - no user text
        f" (SELECT edge_id FROM ({kept}))",
        args,
    )


def relations(
    conn: sqlite3.Connection, query: RelationQuery, limit: int, offset: int
) -> RelationPage:
    kept, args = _kept(query)
    grouped = (
        f"SELECT edge_id, COUNT(DISTINCT document) AS documents, MIN(date) AS first_date,"
        f" MAX(date) AS last_date FROM ({kept}) GROUP BY edge_id"
    )
    total = conn.execute(f"SELECT COUNT(*) FROM ({grouped})", args).fetchone()[0]  # noqa: S608
    column, descending = query.sort_key()
    key = ORDER[column]
    page = conn.execute(
        f"SELECT k.edge_id, k.documents, k.first_date, k.last_date FROM ({grouped}) k"  # noqa: S608
        " JOIN edges e ON e.id = k.edge_id JOIN nodes s ON s.id = e.source"
        " JOIN nodes t ON t.id = e.target"
        f" ORDER BY ({key} IS NULL), {key}{' DESC' if descending else ''},"
        " s.name, t.name, e.id LIMIT ? OFFSET ?",
        [*args, max(0, limit), max(0, offset)],
    ).fetchall()
    return RelationPage(total=total, rows=_rows(conn, query, page))


def _rows(conn: sqlite3.Connection, query: RelationQuery, page: list[tuple]) -> list[RelationRow]:
    """The page's edges whole, each with the evidence kept (in stored order) and its dates."""
    ids = [r[0] for r in page]
    kept, args = _kept(query)
    evidence: dict[str, list[tuple[str, str | None]]] = {i: [] for i in ids}
    for edge_id, data, date in conn.execute(
        f"SELECT k.edge_id, v.data, k.date FROM ({kept}) k JOIN evidence v ON v.seq = k.seq"  # noqa: S608
        " WHERE k.edge_id IN (SELECT value FROM json_each(?)) ORDER BY k.seq",
        [*args, ids_param(ids)],
    ):
        evidence[edge_id].append((data, date))
    edges = {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute(
            "SELECT id, data, source, target FROM edges WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(ids),),
        )
    }
    ends = {
        r[0]: Node.model_validate_json(r[1])
        for r in conn.execute(
            "SELECT id, data FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param({x for v in edges.values() for x in v[1:]}),),
        )
    }
    rows = []
    for edge_id, documents, first_date, last_date in page:
        data, source, target = edges[edge_id]
        items = evidence[edge_id]
        rows.append(
            RelationRow(
                edge=edge_from_json(data, [d for d, _ in items]),
                source=ends[source],
                target=ends[target],
                dates=[date for _, date in items],
                documents=documents,
                first_date=first_date,
                last_date=last_date,
            )
        )
    return rows


def months(conn: sqlite3.Connection, query: RelationQuery) -> tuple[list[tuple[str, int]], int]:
    kept, args = _kept(query)
    per_month: list[tuple[str, int]] = []
    undated = 0
    for month, n in conn.execute(
        f"SELECT substr(date, 1, 7), COUNT(*) FROM ({kept}) GROUP BY 1 ORDER BY 1",  # noqa: S608
        args,
    ):
        if month is None:
            undated = n
        else:
            per_month.append((month, n))
    return per_month, undated
