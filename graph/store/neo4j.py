"""The Neo4j store: the same semantics as the embedded store, on a real Neo4j server.

Writes are MERGE statements batched with UNWIND (graph/store/neo4j_cypher.py holds every
statement and explains how nodes, edges and evidence are laid out), run through the
driver's managed transactions, which retry transient errors (deadlocks, leader changes).
A document's replacement is one transaction: the store never holds half a document.

Reads that need graph algorithms (neighbourhoods, paths) fetch the part of the graph the
answer can depend on and hand it to graph/query.py, so both stores give the same answers;
search ranks the index's candidates with the same `rank()`.
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, unit_of_work
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node as DbNode
from neo4j.graph import Path as DbPath
from neo4j.graph import Relationship as DbRelationship
from neo4j.spatial import Point

from graph.config import Neo4jSettings
from graph.model import Edge, Evidence, GraphData, Node, fold
from graph.query import (
    GraphFilter,
    GraphPath,
    SearchHit,
    k_shortest_paths,
    neighbourhood,
    rank,
    to_networkx,
)
from graph.schema import DOCUMENT, MENTIONS, load_schema
from graph.store import neo4j_curation_cypher as cq
from graph.store import neo4j_cypher as q
from graph.store.base import GraphStore, QueryError, StoreError, StoreStats, StoreUnavailable

T = TypeVar("T")

BATCH = 500  # rows per UNWIND statement
SCHEMA_WAIT_SECONDS = 300

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"


class Neo4jStore(GraphStore):
    kind = "neo4j"

    def __init__(self, settings: Neo4jSettings) -> None:
        self.settings = settings
        self.uri = settings.uri
        self.database = settings.database
        scheme = settings.uri.partition("://")[0]
        if scheme not in URI_SCHEMES:
            raise StoreError(
                f"NEO4J_URI {settings.uri!r} is not a Bolt address;"
                f" it must start with one of: {', '.join(s + '://' for s in URI_SCHEMES)}"
            )
        try:
            self._driver = GraphDatabase.driver(
                settings.uri,
                auth=(settings.user, settings.password.get_secret_value()),
                connection_timeout=settings.connection_timeout,
                # a dead server should fail a request in seconds, not after 30 s of retries
                max_transaction_retry_time=max(5.0, 2 * settings.connection_timeout),
                connection_acquisition_timeout=max(10.0, 2 * settings.connection_timeout),
                # "property does not exist yet" warnings on an empty graph are noise in the logs
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreError(f"NEO4J_URI {settings.uri!r} is not a Neo4j address: {exc}") from None
        try:
            with self._errors():
                self._driver.verify_connectivity()
                # verify_connectivity does not open the database: a wrong NEO4J_DATABASE shows here
                self._read(lambda tx: tx.run("RETURN 1").consume())
        except StoreError:
            self._driver.close()
            raise

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"

    # ---- plumbing ----
    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver exceptions → StoreUnavailable / StoreError, each one clear sentence."""
        try:
            yield
        except StoreError:
            raise
        except neo4j_errors.AuthError:
            raise StoreUnavailable(
                f"Neo4j at {self.uri} refused the credentials for user {self.settings.user!r}"
                " (check NEO4J_USER and NEO4J_PASSWORD)"
            ) from None
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} is unreachable: {_reason(exc)}") from None
        except neo4j_errors.Neo4jError as exc:
            if exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} refused the credentials for user {self.settings.user!r}"
                    " (too many wrong attempts in a row: the user is locked for a few seconds)"
                ) from None
            if exc.code == DATABASE_NOT_FOUND:
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} has no database {self.database!r} (check NEO4J_DATABASE)"
                ) from None
            raise StoreError(f"Neo4j: {_one_line(exc.message or str(exc))}") from None
        except neo4j_errors.DriverError as exc:
            raise StoreError(f"Neo4j driver: {_one_line(str(exc))}") from None

    def _session(self, access: str) -> neo4j.Session:
        return self._driver.session(database=self.database, default_access_mode=access)

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self._errors(), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def close(self) -> None:
        self._driver.close()

    # ---- life cycle ----
    def ensure_schema(self) -> None:
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as session:
            # schema commands cannot share a transaction with each other or with data
            for statement in q.schema_statements():
                session.run(statement).consume()
            session.run(q.AWAIT_INDEXES, seconds=SCHEMA_WAIT_SECONDS).consume()

    # ---- writes ----
    def document_fingerprint(self, doc_id: str) -> str | None:
        def work(tx: ManagedTransaction) -> str | None:
            record = tx.run(q.FINGERPRINT, id=doc_id).single()
            return None if record is None else record["sha256"]

        return self._read(work)

    def replace_document(self, doc_id: str, contribution: GraphData) -> None:
        node_rows, edge_rows = _prepare(contribution)

        def work(tx: ManagedTransaction) -> None:
            _remove_document(tx, doc_id)
            _merge(tx, node_rows, edge_rows)

        self._write(work)

    def delete_document(self, doc_id: str) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            if tx.run(q.NODE_EXISTS, id=doc_id).single() is None:
                return False
            _remove_document(tx, doc_id)
            return True

        return self._write(work)

    def import_graph(self, data: GraphData) -> None:
        node_rows, edge_rows = _prepare(data)
        self._write(lambda tx: _merge(tx, node_rows, edge_rows))

    def clear(self) -> None:
        def work(tx: ManagedTransaction) -> int:
            return tx.run(q.CLEAR_BATCH, batch=10_000).single(strict=True)["deleted"]

        while self._write(work):
            pass

    # ---- reads ----
    def stats(self) -> StoreStats:
        def work(tx: ManagedTransaction) -> tuple[dict[str, int], dict[str, int]]:
            nodes = {r["type"]: r["count"] for r in tx.run(q.NODE_COUNTS)}
            edges = {r["type"]: r["count"] for r in tx.run(q.EDGE_COUNTS)}
            return nodes, edges

        nodes, edges = self._read(work)
        return StoreStats(
            nodes=sum(nodes.values()),
            edges=sum(edges.values()),
            documents=nodes.get(DOCUMENT, 0),
            nodes_by_type=dict(sorted(nodes.items())),
            edges_by_type=dict(sorted(edges.items())),
        )

    def get_node(self, node_id: str) -> Node | None:
        nodes = self._read(lambda tx: _nodes(tx, q.GET_NODES, ids=[node_id]))
        return nodes[0] if nodes else None

    def node_edges(self, node_id: str) -> list[Edge]:
        edges = self._read(lambda tx: _edges(tx, q.NODE_EDGES, id=node_id))
        return sorted({e.id: e for e in edges}.values(), key=lambda e: e.id)

    def entity_index(self) -> list[Node]:
        nodes = self._read(lambda tx: _nodes(tx, q.ENTITY_NODES, document=DOCUMENT))
        return sorted(nodes, key=lambda n: n.id)

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Node]:
        statement = q.list_documents(DOCUMENT)
        return self._read(
            lambda tx: _nodes(tx, statement, limit=max(0, limit), offset=max(0, offset))
        )

    def search(
        self, query: str, types: list[str] | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Exact and prefix matches all contain the folded query: the text index finds them.
        Only when they do not fill the page can fuzzy matches (scored by rank(), which no
        index reproduces) be on it; then every name of the searched types is ranked, as the
        embedded store does."""
        folded = fold(query)
        if not folded or limit <= 0:
            return []
        offset = max(0, offset)
        wanted = offset + limit

        def work(tx: ManagedTransaction) -> tuple[list[SearchHit], dict[str, int]]:
            common = {"types": types, "document": DOCUMENT}
            contained = _nodes(tx, q.SEARCH_CONTAINS, q=folded, **common)
            hits = rank(query, contained, types, wanted)
            if sum(1 for h in hits if h.match != "fuzzy") < wanted:
                names = [Node.model_validate(r.data()) for r in tx.run(q.SEARCH_NAMES, **common)]
                hits = rank(query, names, types, wanted)
                full = {n.id: n for n in _nodes(tx, q.GET_NODES, ids=[h.node.id for h in hits])}
                for h in hits:
                    h.node = full[h.node.id]
            hits = hits[offset:]
            ids = [h.node.id for h in hits]
            degrees = {r["id"]: r["degree"] for r in tx.run(q.DEGREES, ids=ids, mentions=MENTIONS)}
            return hits, degrees

        hits, degrees = self._read(work)
        for h in hits:
            h.degree = degrees.get(h.node.id, 0)
        return hits

    def subgraph(
        self, seeds: list[str], depth: int = 1, flt: GraphFilter | None = None, limit: int = 500
    ) -> GraphData:
        flt = flt or GraphFilter()
        schema = load_schema()
        relations = (
            flt.relations
            if flt.relations is not None
            else [
                r
                for r in schema.relation_types
                if r != MENTIONS or (flt.types is not None and DOCUMENT in flt.types)
            ]
        )
        types = flt.types if flt.types is not None else schema.entity_types

        def work(tx: ManagedTransaction) -> GraphData:
            ball = [n.id for n in _nodes(tx, q.GET_NODES, ids=list(dict.fromkeys(seeds)))]
            levels = _distances(tx, ball, depth, relations, types)
            return _part(tx, sorted(levels), relations)

        part = self._read(work)
        return neighbourhood(to_networkx(part), seeds, depth, flt, limit)

    def paths(self, source: str, target: str, max_length: int = 4, k: int = 3) -> list[GraphPath]:
        """Only nodes on some source–target walk of at most max_length steps can be on an
        answer; those are fetched and searched with the same algorithm as the embedded store."""
        schema = load_schema()
        relations = [r for r in schema.relation_types if r != MENTIONS]
        types = schema.entity_types
        if max_length < 1 or k < 1:
            return []

        def work(tx: ManagedTransaction) -> GraphData:
            ends = _nodes(tx, q.GET_NODES, ids=[source, target])
            if len(ends) != 2 or any(n.type == DOCUMENT for n in ends):
                return GraphData()
            from_source = _distances(tx, [source], max_length, relations, types)
            from_target = _distances(tx, [target], max_length, relations, types)
            on_walks = sorted(
                n
                for n, d in from_source.items()
                if n in from_target and d + from_target[n] <= max_length
            )
            return _part(tx, on_walks, relations)

        part = self._read(work)
        return k_shortest_paths(to_networkx(part), source, target, max_length, k)

    def export(self) -> GraphData:
        def work(tx: ManagedTransaction) -> GraphData:
            return GraphData(nodes=_nodes(tx, q.ALL_NODES), edges=_edges(tx, q.ALL_EDGES))

        return self._read(work).sorted()

    # ---- curation (graph/curation/): nodes without the :Node label, never in the graph ----
    def _curation_schema(self) -> None:
        if getattr(self, "_curation_ready", False):
            return
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as session:
            for statement in cq.SCHEMA:
                session.run(statement).consume()
            session.run(q.AWAIT_INDEXES, seconds=SCHEMA_WAIT_SECONDS).consume()
        self._curation_ready = True

    def curation_records(self) -> list[str]:
        return self._read(lambda tx: [r["record"] for r in tx.run(cq.RECORDS)])

    def add_curation_records(self, items: list[tuple[str, str]]) -> None:
        self._curation_schema()
        rows = [{"id": i, "record": r} for i, r in items]
        if rows:
            self._write(lambda tx: tx.run(cq.ADD_RECORDS, rows=rows).consume())

    def delete_curation_record(self, decision_id: str) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            return tx.run(cq.DELETE_RECORD, id=decision_id).single(strict=True)["deleted"] > 0

        return self._write(work)

    def clear_curation(self) -> None:
        def work(tx: ManagedTransaction) -> int:
            return tx.run(cq.CLEAR, batch=10_000).single(strict=True)["deleted"]

        while self._write(work):
            pass

    def save_raw_contribution(self, doc_id: str, data: GraphData) -> None:
        self._curation_schema()
        ids = {n.id for n in data.nodes} | {e.source for e in data.edges}
        ids = sorted((ids | {e.target for e in data.edges}) - {doc_id})
        text = data.model_dump_json(exclude_none=True)
        self._write(lambda tx: tx.run(cq.SAVE_RAW, doc=doc_id, data=text, ids=ids).consume())

    def raw_documents_with(self, node_ids: Collection[str]) -> list[str]:
        ids = sorted(node_ids)
        return self._read(lambda tx: [r["doc"] for r in tx.run(cq.DOCUMENTS_WITH, ids=ids)])

    def raw_contributions(self, doc_ids: Collection[str]) -> list[tuple[str, GraphData]]:
        docs = sorted(doc_ids)
        rows = self._read(lambda tx: [(r["doc"], r["data"]) for r in tx.run(cq.RAW, docs=docs)])
        return [(doc, GraphData.model_validate_json(data)) for doc, data in rows]

    def rewrite_documents(self, items: list[tuple[str, GraphData]]) -> None:
        wanted = sorted({n.id for _, c in items for n in c.nodes})

        def work(tx: ManagedTransaction) -> None:
            for doc_id, _ in items:
                _remove_document(tx, doc_id)
            kept = {r["id"] for r in tx.run(cq.EXISTING, ids=wanted)}
            for _, contribution in items:
                fresh = [n for n in contribution.nodes if n.id not in kept]
                _merge(tx, *_prepare(GraphData(nodes=fresh, edges=contribution.edges)))

        self._write(work)

    # ---- Cypher for the API's query console ----
    def run_read_query(
        self, query: str, params: dict[str, Any], timeout: float, row_cap: int
    ) -> tuple[list[str], list[list[Any]], bool]:
        """Run a user's query in a READ transaction (the server refuses writes in it) with a
        server-side timeout. Returns the columns, at most row_cap rows of JSON-able values,
        and whether more rows were left out."""

        def work(tx: ManagedTransaction) -> tuple[list[str], list[list[Any]], bool]:
            result = tx.run(query, params)
            columns = list(result.keys())
            rows: list[list[Any]] = []
            for record in result:
                if len(rows) >= row_cap:
                    return columns, rows, True
                rows.append([to_jsonable(v) for v in record.values()])
            return columns, rows, False

        with self._errors():
            try:
                with self._session(neo4j.READ_ACCESS) as session:
                    return session.execute_read(unit_of_work(timeout=timeout)(work))
            except neo4j_errors.ClientError as exc:
                if isinstance(exc, neo4j_errors.AuthError) or exc.code == DATABASE_NOT_FOUND:
                    raise
                raise QueryError(_query_error(exc, timeout)) from None


# ---- writing helpers (run inside one transaction) ----
NodeRows = dict[str, list[dict[str, Any]]]
EdgeRows = dict[str, list[dict[str, Any]]]


def _prepare(data: GraphData) -> tuple[NodeRows, EdgeRows]:
    """Check and shape the rows before anything touches the database."""
    schema = load_schema()
    nodes: NodeRows = {}
    for node in data.nodes:
        if node.type not in schema.nodes:
            raise StoreError(f"node {node.id}: type {node.type!r} is not in the schema")
        extra = node.properties
        _check_properties(f"node {node.id}", extra, q.NODE_INTERNAL)
        props = {"id": node.id, "type": node.type, "name": node.name, **extra}
        nodes.setdefault(node.type, []).append(
            {"id": node.id, "props": props, "aliases": node.aliases}
        )
    edges: EdgeRows = {}
    for edge in data.edges:
        if edge.type not in schema.relations:
            raise StoreError(f"edge {edge.id}: type {edge.type!r} is not in the schema")
        extra = edge.properties
        _check_properties(f"edge {edge.id}", extra, q.EDGE_INTERNAL)
        edges.setdefault(edge.type, []).append(
            {
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                "props": {"id": edge.id, **extra},
                "evidence": [_evidence_json(ev) for ev in edge.evidence],
                "keys": [_evidence_key(ev) for ev in edge.evidence],
                "documents": list(dict.fromkeys(ev.document for ev in edge.evidence)),
            }
        )
    return nodes, edges


def _check_properties(what: str, props: dict[str, Any], reserved: tuple[str, ...]) -> None:
    for key, value in props.items():
        if key in reserved:
            raise StoreError(f"{what}: the property name {key!r} is reserved by the Neo4j store")
        if value is None or isinstance(value, bool | int | float | str):
            continue
        if isinstance(value, list):
            kinds = {type(v) for v in value}
            if len(kinds) <= 1 and kinds <= {bool, int, float, str}:
                continue
        raise StoreError(
            f"{what}: property {key!r} is not a scalar or a list of one scalar type,"
            " which is all a Neo4j property can hold"
        )


def _merge(tx: ManagedTransaction, nodes: NodeRows, edges: EdgeRows) -> None:
    merged: list[dict[str, str]] = []
    for node_type, rows in sorted(nodes.items()):
        statement = q.merge_nodes(node_type)
        for batch in _batches(rows):
            merged += [
                {"id": r["id"], "folded": _folded(r["name"], r["aliases"] or [])}
                for r in tx.run(statement, rows=batch)
            ]
    # the search form follows the merged names, which only the merge knows
    for batch in _batches(merged):
        tx.run(q.SET_FOLDED, rows=batch).consume()
    for relation, rows in sorted(edges.items()):
        statement = q.merge_edges(relation)
        for batch in _batches(rows):
            merged = tx.run(statement, rows=batch).single(strict=True)["merged"]
            if merged != len(batch):
                ids = sorted({r["source"] for r in batch} | {r["target"] for r in batch})
                missing = {r["id"] for r in tx.run(q.MISSING_NODES, ids=ids)}
                bad = next(r for r in batch if r["source"] in missing or r["target"] in missing)
                raise StoreError(f"edge {bad['id']} points at a node that is not in the graph")


def _remove_document(tx: ManagedTransaction, doc_id: str) -> None:
    prefix = json.dumps([doc_id], ensure_ascii=False)[:-1] + ","
    touched = tx.run(q.REMOVE_DOCUMENT_EVIDENCE, doc=doc_id, prefix=prefix).single(strict=True)
    ids = sorted(set(touched["touched"]) - {doc_id})
    tx.run(q.REMOVE_UNMENTIONED, ids=ids, document=DOCUMENT, mentions=MENTIONS).consume()
    tx.run(q.DELETE_NODE, id=doc_id).consume()


def _batches(rows: list[T]) -> Iterator[list[T]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def _folded(name: str, aliases: list[str]) -> str:
    return "\n".join(dict.fromkeys(fold(x) for x in [name, *aliases]))


def _evidence_json(ev: Evidence) -> str:
    return ev.model_dump_json(exclude_none=True)


def _evidence_key(ev: Evidence) -> str:
    return json.dumps(list(ev.key()), ensure_ascii=False)


# ---- reading helpers ----
def _nodes(tx: ManagedTransaction, statement: str, **params: Any) -> list[Node]:
    return [_node(r["props"]) for r in tx.run(statement, **params)]


def _node(props: dict[str, Any]) -> Node:
    return Node.model_validate({k: v for k, v in props.items() if k not in q.NODE_INTERNAL})


def _edges(tx: ManagedTransaction, statement: str, **params: Any) -> list[Edge]:
    return [
        _edge(r["source"], r["target"], r["type"], r["props"]) for r in tx.run(statement, **params)
    ]


def _edge(source: str, target: str, rel: str, props: dict[str, Any]) -> Edge:
    evidence = [Evidence.model_validate_json(s) for s in props.get("evidence", [])]
    extra = {k: v for k, v in props.items() if k not in q.EDGE_INTERNAL and k != "id"}
    return Edge(id=props["id"], source=source, target=target, type=rel, evidence=evidence, **extra)


def _distances(
    tx: ManagedTransaction, start: list[str], depth: int, relations: list[str], types: list[str]
) -> dict[str, int]:
    """Breadth-first distances from `start`, up to `depth`, over what the filter can keep."""
    seen = {s: 0 for s in start}
    frontier = list(start)
    for level in range(1, depth + 1):
        if not frontier:
            break
        found = [r["id"] for r in tx.run(q.EXPAND, ids=frontier, relations=relations, types=types)]
        frontier = [n for n in dict.fromkeys(found) if n not in seen]
        seen.update((n, level) for n in frontier)
    return seen


def _part(tx: ManagedTransaction, ids: list[str], relations: list[str]) -> GraphData:
    """The nodes `ids` and the edges among them of the given relation types."""
    if not ids:
        return GraphData()
    nodes = _nodes(tx, q.GET_NODES, ids=ids)
    edges = _edges(tx, q.EDGES_AMONG, ids=ids, relations=relations)
    return GraphData(nodes=nodes, edges=list({e.id: e for e in edges}.values()))


# ---- values for the query console ----
def to_jsonable(value: Any) -> Any:
    """Driver values → plain JSON: graph objects become dicts with a `kind`."""
    if isinstance(value, DbNode):
        return {
            "kind": "node",
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_jsonable(v) for k, v in value.items()},
        }
    if isinstance(value, DbRelationship):
        return {
            "kind": "relationship",
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": {k: to_jsonable(v) for k, v in value.items()},
        }
    if isinstance(value, DbPath):
        return {
            "kind": "path",
            "nodes": [to_jsonable(n) for n in value.nodes],
            "relationships": [to_jsonable(r) for r in value.relationships],
        }
    if isinstance(value, Point):  # a tuple: before the list case
        return {"kind": "point", "srid": value.srid, "coordinates": list(value)}
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    return str(value)


def _reason(exc: BaseException) -> str:
    """The useful part of a driver connection error, e.g. "[Errno 111] Connection refused"."""
    text = str(exc)
    match = re.search(r"reason (.+?)\)?$", text, flags=re.MULTILINE)
    return _one_line(match.group(1) if match else text) or type(exc).__name__


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _query_error(exc: neo4j_errors.ClientError, timeout: float) -> str:
    code = exc.code or ""
    if "TransactionTimedOut" in code or "Transaction.TransactionTimedOut" in code:
        return f"the query ran longer than {timeout:g} s and was stopped"
    if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code or "WriteOnReadOnly" in code:
        return "the query tries to write; only read queries are allowed here"
    return _one_line(exc.message or str(exc))
