"""The embedded store: a SQLite database in the data directory (standard library sqlite3).

WAL mode: readers never wait for the writer and never see half a document, because each
document is written in one transaction; a busy timeout lets several processes (the CLI
ingesting while the server runs) take turns at writing. A write touches only the rows of
the document it changes (found through the evidence-by-document index), and a read only
the rows of its answer (graph/store/sqlite_walk.py). `version()` is a counter bumped in
every write transaction, so caches of whole-graph work notice writes of other processes.

A data directory from before (one `graph.json` file) is imported at the first open and the
file kept beside it renamed `graph.json.imported`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.blocking import node_keys
from graph.config import Settings
from graph.edge_summary import SUMMARY, EdgeEvidence, EdgeSummary, EvidenceMode
from graph.model import Edge, Evidence, GraphData, Node, fold
from graph.query import GraphFilter, GraphPath, PathAvoid, SearchHit
from graph.relations import RelationPage, RelationQuery
from graph.schema import DOCUMENT, MENTIONS
from graph.store import sqlite_curation, sqlite_relations, sqlite_search, sqlite_walk
from graph.store.base import GraphStore, StoreError, StoreStats
from graph.store.sqlite_schema import DDL, MIGRATIONS
from graph.views import SavedView

DB_FILE = "graph.sqlite3"
LEGACY_FILE = "graph.json"
BUSY_TIMEOUT_S = 30.0


def ids_param(ids: Iterable[str]) -> str:
    """A list of ids as one parameter, read in SQL with `IN (SELECT value FROM json_each(?))`."""
    return json.dumps(list(ids))


def node_from_row(data: str) -> Node:
    return Node.model_validate_json(data)


class SqliteStore(GraphStore):
    kind = "embedded"

    def __init__(self, data_dir: Path) -> None:
        self.dir = Path(data_dir)
        self.path = self.dir / DB_FILE
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._edge_cache: sqlite_walk.ParsedCache[Edge] = sqlite_walk.ParsedCache()
        self._node_cache: sqlite_walk.ParsedCache[Node] = sqlite_walk.ParsedCache()
        self._summary_cache: sqlite_walk.ParsedCache[Edge] = sqlite_walk.ParsedCache()
        self._date_cache: sqlite_walk.ParsedCache[str | None] = sqlite_walk.ParsedCache()
        self.dir.mkdir(parents=True, exist_ok=True)
        try:
            conn = self._conn()
            # an existing store is not written to at open: a long write of another process
            # (an import) must not keep the server from starting
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'counts'").fetchone():
                conn.executescript(f"BEGIN IMMEDIATE;\n{DDL}\nCOMMIT;")  # all or nothing
            self._migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a valid actorgraph store: {exc}") from exc
        self._adopt_legacy_file()

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Bring a store of an older schema up to date, one step per transaction. A store
        that is up to date is only read here; a step waits for a running write to end."""
        reached = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
        for number in sorted(n for n in MIGRATIONS if n > reached):
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\n"
                f"UPDATE meta SET value = {number} WHERE key = 'schema';\nCOMMIT;"
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> SqliteStore:
        return cls(settings.data_dir)

    # ---- connections and transactions ----
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA cache_size=-65536")  # 64 MB of pages per connection
            conn.execute("PRAGMA temp_store=MEMORY")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it or nothing, and the version moves on."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'version'")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query in it sees the same snapshot."""
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite_walk.Reading]:
        """A read transaction with the version it sees, for reads that use the edge cache."""
        with self._read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            yield sqlite_walk.Reading(
                conn,
                int(row[0]),
                self._edge_cache,
                self._node_cache,
                self._summary_cache,
                self._date_cache,
            )

    def _curation(self) -> sqlite3.Connection:
        """The connection, with the curation tables created on first use."""
        conn = self._conn()
        if not getattr(self, "_curation_ready", False):
            conn.executescript(sqlite_curation.DDL)
            self._curation_ready = True
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def version(self) -> int:
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return int(row[0])

    def _adopt_legacy_file(self) -> None:
        """Import the JSON file of the store this one replaces, once; keep it as a backup.
        Temp files a crashed writer of that store left behind are removed."""
        for stray in self.dir.glob(".graph-*.json"):
            stray.unlink(missing_ok=True)
        legacy = self.dir / LEGACY_FILE
        if not legacy.exists():
            return
        try:
            data = GraphData.model_validate_json(legacy.read_bytes())
        except ValueError as exc:
            raise StoreError(f"{legacy} is not a valid actorgraph store: {exc}") from exc
        with self._write() as conn:
            if legacy.exists():  # another process may have adopted it meanwhile
                self._merge(conn, data)
        if legacy.exists():
            legacy.replace(legacy.with_name(LEGACY_FILE + ".imported"))

    # ---- writes ----
    def document_fingerprint(self, doc_id: str) -> str | None:
        node = self.get_node(doc_id)
        return None if node is None else node.properties.get("sha256")

    def replace_document(self, doc_id: str, contribution: GraphData) -> None:
        with self._write() as conn:
            self._remove(conn, doc_id)
            self._merge(conn, contribution)

    def delete_document(self, doc_id: str) -> bool:
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM nodes WHERE id = ?", (doc_id,)).fetchone() is None:
                return False
            self._remove(conn, doc_id)
        return True

    def import_graph(self, data: GraphData) -> None:
        with self._write() as conn:
            self._merge(conn, data)

    def clear(self) -> None:
        with self._write() as conn:
            for table in (
                "evidence",
                "edges",
                "node_keys",
                "names",
                "nodes",
                "counts",
                "saved_views",
            ):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    def _remove(self, conn: sqlite3.Connection, doc_id: str) -> None:
        """Take out what one document contributed; found by index, the rest is not read."""
        edge_ids = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT edge_id FROM evidence WHERE document = ?", (doc_id,)
            )
        ]
        touched: set[str] = set()
        for source, target in conn.execute(
            "SELECT source, target FROM edges WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(edge_ids),),
        ):
            touched.update((source, target))
        conn.execute("DELETE FROM evidence WHERE document = ?", (doc_id,))
        emptied = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM edges WHERE id IN (SELECT value FROM json_each(?))"
                " AND NOT EXISTS (SELECT 1 FROM evidence WHERE edge_id = edges.id)",
                (ids_param(edge_ids),),
            )
        ]
        conn.execute(
            "DELETE FROM edges WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(emptied),),
        )
        unmentioned = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM nodes WHERE id IN (SELECT value FROM json_each(?))"
                " AND type != ? AND NOT EXISTS (SELECT 1 FROM edges"
                " WHERE target = nodes.id AND type = ?)",
                (ids_param(touched - {doc_id}), DOCUMENT, MENTIONS),
            )
        ]
        gone = [*unmentioned]
        if conn.execute("SELECT 1 FROM nodes WHERE id = ?", (doc_id,)).fetchone():
            gone.append(doc_id)
        self._delete_nodes(conn, gone)

    def _delete_nodes(self, conn: sqlite3.Connection, ids: list[str]) -> None:
        """Delete nodes, their names and keys, and the edges left dangling."""
        param = ids_param(ids)
        dangling = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM edges WHERE source IN (SELECT value FROM json_each(?1))"
                " UNION SELECT id FROM edges WHERE target IN (SELECT value FROM json_each(?1))",
                (param,),
            )
        ]
        edges = ids_param(dangling)
        conn.execute(
            "DELETE FROM evidence WHERE edge_id IN (SELECT value FROM json_each(?))", (edges,)
        )
        conn.execute("DELETE FROM edges WHERE id IN (SELECT value FROM json_each(?))", (edges,))
        for table, column in (("names", "node_id"), ("node_keys", "node_id"), ("nodes", "id")):
            conn.execute(
                f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",  # noqa: S608
                (param,),
            )

    def _merge(self, conn: sqlite3.Connection, data: GraphData) -> None:
        """Nodes by id (properties of the newer win, aliases unite), edges by id, evidence by
        key (new items appended in their order)."""
        self._merge_nodes(conn, data.nodes)
        self._merge_edges(conn, data.edges)

    def _merge_nodes(self, conn: sqlite3.Connection, nodes: list[Node]) -> None:
        stored = {n.id: n for n in self._nodes(conn, [n.id for n in nodes])}
        changed: dict[str, Node] = {}
        for node in nodes:
            old = stored.get(node.id)
            if old is None:
                new = node
            else:
                merged = {**old.model_dump(), **node.model_dump()}
                merged["aliases"] = sorted(
                    (set(old.aliases) | set(node.aliases)) - {merged["name"]}
                )
                new = Node.model_validate(merged)
                if new == old:
                    continue
            stored[node.id] = changed[node.id] = new
        if not changed:
            return
        param = ids_param(changed)
        conn.execute(
            "DELETE FROM names WHERE node_id IN (SELECT value FROM json_each(?))", (param,)
        )
        conn.execute(
            "DELETE FROM node_keys WHERE node_id IN (SELECT value FROM json_each(?))", (param,)
        )
        conn.executemany(
            "INSERT INTO nodes (id, type, name, data) VALUES (?, ?, ?, ?) ON CONFLICT (id)"
            " DO UPDATE SET type = excluded.type, name = excluded.name, data = excluded.data",
            [(n.id, n.type, n.name, n.model_dump_json()) for n in changed.values()],
        )
        conn.executemany(
            "INSERT INTO names (node_id, folded) VALUES (?, ?)",
            [(n.id, f) for n in changed.values() for f in _folded_names(n)],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO node_keys (key, node_id) VALUES (?, ?)",
            [(k, n.id) for n in changed.values() if n.type != DOCUMENT for k in node_keys(n)],
        )

    def _merge_edges(self, conn: sqlite3.Connection, edges: list[Edge]) -> None:
        ends = {e.source for e in edges} | {e.target for e in edges}
        present = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
                (ids_param(ends),),
            )
        }
        for edge in edges:
            if edge.source not in present or edge.target not in present:
                raise StoreError(f"edge {edge.id} points at a node that is not in the graph")
        stored = {
            r[0]: json.loads(r[1])
            for r in conn.execute(
                "SELECT id, data FROM edges WHERE id IN (SELECT value FROM json_each(?))",
                (ids_param(e.id for e in edges),),
            )
        }
        rows = []
        for edge in edges:
            fields = edge.model_dump(exclude={"evidence"})
            old = stored.get(edge.id)
            merged = fields if old is None else {**old, **fields}
            if merged != old:
                stored[edge.id] = merged
                rows.append((edge.id, edge.source, edge.target, edge.type, json.dumps(merged)))
        conn.executemany(
            "INSERT INTO edges (id, source, target, type, data) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET source = excluded.source,"
            " target = excluded.target, type = excluded.type, data = excluded.data",
            rows,
        )
        conn.executemany(
            'INSERT OR IGNORE INTO evidence (edge_id, document, start, "end", text_key, data,'
            " date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(NULLIF(?7, ''), (SELECT"
            " NULLIF(json_extract(data, '$.date'), '') FROM nodes WHERE id = ?2)))",
            [
                (
                    e.id,
                    ev.document,
                    ev.start,
                    ev.end,
                    json.dumps(ev.text),
                    _evidence_json(ev),
                    ev.date,
                )
                for e in edges
                for ev in e.evidence
            ],
        )

    # ---- reads ----
    def _nodes(self, conn: sqlite3.Connection, ids: Collection[str]) -> list[Node]:
        return [
            node_from_row(r[0])
            for r in conn.execute(
                "SELECT data FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
                (ids_param(ids),),
            )
        ]

    def stats(self) -> StoreStats:
        by_kind: dict[str, dict[str, int]] = {"node": {}, "edge": {}}
        for kind, type_, n in self._conn().execute(
            "SELECT kind, type, n FROM counts WHERE n > 0 ORDER BY kind, type"
        ):
            by_kind[kind][type_] = n
        nodes, edges = by_kind["node"], by_kind["edge"]
        return StoreStats(
            nodes=sum(nodes.values()),
            edges=sum(edges.values()),
            documents=nodes.get(DOCUMENT, 0),
            nodes_by_type=nodes,
            edges_by_type=edges,
        )

    def get_node(self, node_id: str) -> Node | None:
        row = self._conn().execute("SELECT data FROM nodes WHERE id = ?", (node_id,)).fetchone()
        return None if row is None else node_from_row(row[0])

    def node_edges(self, node_id: str) -> list[Edge]:
        with self._reading() as rd:
            return sqlite_walk.incident_edges(rd, node_id)

    def entity_index(self) -> list[Node]:
        return [
            node_from_row(r[0])
            for r in self._conn().execute(
                "SELECT data FROM nodes WHERE type != ? ORDER BY id", (DOCUMENT,)
            )
        ]

    def entity_candidates(self, keys: Collection[str]) -> list[Node]:
        return [
            node_from_row(r[0])
            for r in self._conn().execute(
                "SELECT data FROM nodes WHERE id IN (SELECT node_id FROM node_keys"
                " WHERE key IN (SELECT value FROM json_each(?))) AND type != ? ORDER BY id",
                (ids_param(set(keys)), DOCUMENT),
            )
        ]

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Node]:
        return [
            node_from_row(r[0])
            for r in self._conn().execute(
                "SELECT data FROM nodes WHERE type = ? ORDER BY id LIMIT ? OFFSET ?",
                (DOCUMENT, max(0, limit), max(0, offset)),
            )
        ]

    def search(
        self, query: str, types: list[str] | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        with self._read() as conn:
            return sqlite_search.search(conn, query, types, limit, offset)

    def subgraph(
        self,
        seeds: list[str],
        depth: int = 1,
        flt: GraphFilter | None = None,
        limit: int = 500,
        evidence: EvidenceMode = "all",
        max_edges: int | None = None,
    ) -> GraphData:
        with self._reading() as rd:
            return sqlite_walk.neighbourhood(
                rd, seeds, depth, flt or GraphFilter(), limit, evidence, max_edges
            )

    def edge_evidence(self, edge_id: str, limit: int = 50, offset: int = 0) -> EdgeEvidence | None:
        with self._reading() as rd:
            found = sqlite_walk.summary_edges(rd, [edge_id], "none")
            if not found:
                return None
            page = [
                Evidence.model_validate_json(r[0])
                for r in rd.conn.execute(
                    "SELECT data FROM evidence WHERE edge_id = ? ORDER BY seq LIMIT ? OFFSET ?",
                    (edge_id, max(0, limit), max(0, offset)),
                )
            ]
        edge = found[0]
        summary = EdgeSummary.model_validate(edge.properties[SUMMARY])
        props = {k: v for k, v in edge.properties.items() if k != SUMMARY}
        bare = Edge(id=edge.id, source=edge.source, target=edge.target, type=edge.type, **props)
        return EdgeEvidence(edge=bare, summary=summary, items=page)

    def paths(
        self,
        source: str,
        target: str,
        max_length: int = 4,
        k: int = 3,
        avoid: PathAvoid | None = None,
    ) -> list[GraphPath]:
        with self._reading() as rd:
            return sqlite_walk.shortest_paths(rd, source, target, max_length, k, avoid)

    def export(self) -> GraphData:
        with self._read() as conn:
            nodes = [node_from_row(r[0]) for r in conn.execute("SELECT data FROM nodes")]
            return GraphData(nodes=nodes, edges=sqlite_walk.all_edges(conn)).sorted()

    def actor_ties(
        self, flt: GraphFilter | None = None
    ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """The actor graph's raw material without parsing any JSON: (id, name, type) of
        every entity and (source, target, type) of every relation that is not a mention;
        with `flt`, of the relations with evidence it keeps, selected in SQL (the relations
        table's evidence query)."""
        with self._read() as conn:
            nodes = [
                (r[0], r[1], r[2])
                for r in conn.execute(
                    "SELECT id, name, type FROM nodes WHERE type != ?", (DOCUMENT,)
                )
            ]
            if flt is not None and flt.keeps_evidence():
                sql, args = sqlite_relations.kept_ties(flt)
            elif flt is not None and flt.relations is not None:
                # relation types alone: the type index, no evidence read
                sql = "SELECT source, target, type FROM edges WHERE type IN (SELECT value FROM json_each(?))"
                args = [ids_param(t for t in flt.relations if t != MENTIONS)]
            else:
                sql, args = "SELECT source, target, type FROM edges WHERE type != ?", [MENTIONS]
            edges = [(r[0], r[1], r[2]) for r in conn.execute(sql, args)]
        return nodes, edges

    def relations(self, query: RelationQuery, limit: int = 50, offset: int = 0) -> RelationPage:
        with self._read() as conn:
            return sqlite_relations.relations(conn, query, limit, offset)

    def evidence_months(self, query: RelationQuery) -> tuple[list[tuple[str, int]], int]:
        with self._read() as conn:
            return sqlite_relations.months(conn, query)

    # ---- saved views: their own table; writing one is not a graph write (no version bump)
    def list_views(self) -> list[SavedView]:
        return [
            SavedView.model_validate_json(r[0])
            for r in self._conn().execute("SELECT data FROM saved_views ORDER BY updated DESC, id")
        ]

    def get_view(self, view_id: str) -> SavedView | None:
        row = (
            self._conn().execute("SELECT data FROM saved_views WHERE id = ?", (view_id,)).fetchone()
        )
        return None if row is None else SavedView.model_validate_json(row[0])

    def put_view(self, view: SavedView) -> None:
        self._conn().execute(
            "INSERT INTO saved_views (id, updated, data) VALUES (?, ?, ?) ON CONFLICT (id)"
            " DO UPDATE SET updated = excluded.updated, data = excluded.data",
            (view.id, view.updated, view.model_dump_json()),
        )

    def delete_view(self, view_id: str) -> bool:
        cur = self._conn().execute("DELETE FROM saved_views WHERE id = ?", (view_id,))
        return cur.rowcount > 0

    # ---- curation (graph/curation/): the log and each document's uncurated contribution ----
    def curation_records(self) -> list[str]:
        return sqlite_curation.records(self._curation())

    def add_curation_records(self, items: list[tuple[str, str]]) -> None:
        self._curation()
        with self._write() as conn:
            sqlite_curation.add_records(conn, items)

    def delete_curation_record(self, decision_id: str) -> bool:
        self._curation()
        with self._write() as conn:
            return sqlite_curation.delete_record(conn, decision_id)

    def clear_curation(self) -> None:
        self._curation()
        with self._write() as conn:
            sqlite_curation.clear(conn)

    def save_raw_contribution(self, doc_id: str, data: GraphData) -> None:
        self._curation()
        with self._write() as conn:
            sqlite_curation.save_raw(conn, doc_id, data)

    def raw_documents_with(self, node_ids: Collection[str]) -> list[str]:
        return sqlite_curation.documents_with(self._curation(), ids_param(sorted(node_ids)))

    def raw_contributions(self, doc_ids: Collection[str]) -> list[tuple[str, GraphData]]:
        return sqlite_curation.raw(self._curation(), ids_param(sorted(doc_ids)))

    def rewrite_documents(self, items: list[tuple[str, GraphData]]) -> None:
        """Take out every listed document, then write each contribution in order; a node
        that other documents keep in the graph keeps its stored form."""
        with self._write() as conn:
            for doc_id, _ in items:
                self._remove(conn, doc_id)
            wanted = {n.id for _, c in items for n in c.nodes}
            kept = {
                r[0]
                for r in conn.execute(
                    "SELECT id FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
                    (ids_param(wanted),),
                )
            }
            for _, contribution in items:
                fresh = [n for n in contribution.nodes if n.id not in kept]
                self._merge(conn, GraphData(nodes=fresh, edges=contribution.edges))

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"


def _folded_names(node: Node) -> list[str]:
    return list(dict.fromkeys(f for f in (fold(n) for n in [node.name, *node.aliases]) if f))


def _evidence_json(ev: Evidence) -> str:
    return ev.model_dump_json(exclude_none=True)
