"""The curation tables of the embedded store: the decision log and each document's
contribution as resolution read it (before curation), which is what a new or undone
decision is applied to again. `curation_raw_nodes` finds the documents a decision touches
by index, so its cost is that of those documents, not of the store."""

from __future__ import annotations

import sqlite3

from graph.model import GraphData

DDL = """
CREATE TABLE IF NOT EXISTS curation_log (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS curation_raw (
    doc TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS curation_raw_nodes (
    node_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (node_id, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS curation_raw_nodes_by_doc ON curation_raw_nodes (doc);
"""


def records(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT record FROM curation_log ORDER BY seq")]


def add_records(conn: sqlite3.Connection, items: list[tuple[str, str]]) -> None:
    conn.executemany("INSERT INTO curation_log (id, record) VALUES (?, ?)", items)


def delete_record(conn: sqlite3.Connection, decision_id: str) -> bool:
    return conn.execute("DELETE FROM curation_log WHERE id = ?", (decision_id,)).rowcount > 0


def clear(conn: sqlite3.Connection) -> None:
    for table in ("curation_log", "curation_raw", "curation_raw_nodes"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names


def save_raw(conn: sqlite3.Connection, doc_id: str, data: GraphData) -> None:
    ids = {n.id for n in data.nodes} | {e.source for e in data.edges}
    ids |= {e.target for e in data.edges}
    seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM curation_raw").fetchone()[0]
    conn.execute(
        "INSERT INTO curation_raw (doc, seq, data) VALUES (?, ?, ?) ON CONFLICT (doc)"
        " DO UPDATE SET seq = excluded.seq, data = excluded.data",
        (doc_id, seq, data.model_dump_json(exclude_none=True)),
    )
    conn.execute("DELETE FROM curation_raw_nodes WHERE doc = ?", (doc_id,))
    conn.executemany(
        "INSERT OR IGNORE INTO curation_raw_nodes (node_id, doc) VALUES (?, ?)",
        [(i, doc_id) for i in sorted(ids - {doc_id})],
    )


def documents_with(conn: sqlite3.Connection, ids_json: str) -> list[str]:
    """Documents still in the graph whose raw contribution names one of the ids, in the
    order they were last written."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT r.doc FROM curation_raw r WHERE r.doc IN (SELECT doc FROM curation_raw_nodes"
            " WHERE node_id IN (SELECT value FROM json_each(?)))"
            " AND EXISTS (SELECT 1 FROM nodes WHERE id = r.doc) ORDER BY r.seq",
            (ids_json,),
        )
    ]


def raw(conn: sqlite3.Connection, ids_json: str) -> list[tuple[str, GraphData]]:
    return [
        (r[0], GraphData.model_validate_json(r[1]))
        for r in conn.execute(
            "SELECT doc, data FROM curation_raw WHERE doc IN (SELECT value FROM json_each(?))"
            " ORDER BY seq",
            (ids_json,),
        )
    ]
