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
import threading
import time
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from concurrent.futures import TimeoutError as FuturesTimeout
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, TypeVar, cast

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node as DbNode
from neo4j.graph import Path as DbPath
from neo4j.graph import Relationship as DbRelationship
from neo4j.spatial import Point

from graph.blocking import event_key, node_keys
from graph.config import Neo4jSettings, Settings
from graph.cypher_plan import check_plan
from graph.edge_summary import EdgeEvidence, EvidenceMode, capped, summarised
from graph.model import Edge, Evidence, GraphData, Node, fold, truncation
from graph.query import (
    MAX_DEPTH,
    MAX_NODES,
    GraphFilter,
    GraphPath,
    PathAvoid,
    SearchHit,
    neighbourhood,
    rank_named,
    to_networkx,
    walks_over_ties,
)
from graph.relations import RelationQuery
from graph.schema import DOCUMENT, MENTIONS, load_schema
from graph.store import neo4j_cypher as q
from graph.store import neo4j_summary
from graph.store.base import GraphStore, QueryError, StoreError, StoreStats, StoreUnavailable
from graph.views import SavedView

T = TypeVar("T")

# Rows per UNWIND statement, and per transaction when a graph is imported: a failed batch is
# retried alone (by the driver's managed retry), and a transaction's state stays a few MB
# whatever the size of the graph, well within the default heap.
BATCH = 10_000
SCHEMA_WAIT_SECONDS = 300
# How many nodes paths() may gather around its two ends before it stops growing them.
PATH_NODE_BUDGET = 50_000
# Frontier nodes per statement of subgraph()'s walk: it stops at the node limit between two.
# A level's first statement reads FIRST_FRONTIER_CHUNK nodes, each next one twice as many up
# to FRONTIER_CHUNK: a walk that reaches its limit a few nodes into a level (a depth-2
# answer around the hubs) does not read the relationships of a hundred nodes to use five.
FRONTIER_CHUNK = 100
FIRST_FRONTIER_CHUNK = 4
# Full-text candidates per search hit wanted (and at least SEARCH_CANDIDATES_MIN), for rank().
SEARCH_CANDIDATES_PER_HIT = 20
SEARCH_CANDIDATES_MIN = 1000
# Lucene refuses a query of more than 1024 clauses; pieces of long words stop well before.
LUCENE_PIECES = 800

# A search candidate as rank_named() takes it: (id, id, type, name, aliases).
Candidate = tuple[str, str, str, str, list[str]]

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
BOOKMARK_TIMEOUT = "Neo.TransientError.Transaction.BookmarkTimeout"
# a server that is starting or stopping: the same answer as a closed port (503, retry)
DATABASE_UNAVAILABLE = "Neo.TransientError.General.DatabaseUnavailable"

# The console: at most this many queries at once (a query past its client-side deadline
# keeps its slot until the server lets it go), records fetched in small batches so the
# byte cap stops early, and how long past the deadline to wait for the server's own
# timeout error (a clearer message) before answering without it.
CONSOLE_WORKERS = 4
CONSOLE_FETCH_SIZE = 50
CONSOLE_GRACE = 0.3


class _OneMapTransaction:
    """A read transaction whose statements take their parameters in the one map $p
    (q.in_one_map): Neo4j then plans each statement once, not once per combination of
    its lists' and strings' size buckets."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx

    def run(
        self, query: str, parameters: dict[str, Any] | None = None, **kwargs: Any
    ) -> neo4j.Result:
        params = {**(parameters or {}), **kwargs}
        return self._tx.run(q.in_one_map(query), {q.ONE_MAP: params})


def _one_map(tx: ManagedTransaction) -> ManagedTransaction:
    return cast(ManagedTransaction, _OneMapTransaction(tx))


class Neo4jStore(GraphStore):
    kind = "neo4j"

    def __init__(self, settings: Neo4jSettings, batch: int = BATCH) -> None:
        self.settings = settings
        self.batch = batch  # rows per transaction of import_graph
        self._bookmarks = GraphDatabase.bookmark_manager()
        self._write_retry = max(5.0, 2 * settings.connection_timeout)
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
                max_transaction_retry_time=self._write_retry,
                connection_acquisition_timeout=max(10.0, 2 * settings.connection_timeout),
                # "property does not exist yet" warnings on an empty graph are noise in the logs
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise StoreError(f"NEO4J_URI {settings.uri!r} is not a Neo4j address: {exc}") from None
        self._console_slots = threading.BoundedSemaphore(CONSOLE_WORKERS)
        self._console_pool = ThreadPoolExecutor(CONSOLE_WORKERS, thread_name_prefix="cypher")
        try:
            with self._errors():
                self._driver.verify_connectivity()
                # verify_connectivity does not open the database: a wrong NEO4J_DATABASE shows here
                self._read(lambda tx: tx.run("RETURN 1").consume())
        except StoreError:
            self._driver.close()
            raise

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        return cls(settings.neo4j)

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
            if exc.code == BOOKMARK_TIMEOUT:
                raise  # _run starts afresh
            if exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} refused the credentials for user {self.settings.user!r}"
                    " (too many wrong attempts in a row: the user is locked for a few seconds)"
                ) from None
            if exc.code == DATABASE_UNAVAILABLE:
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} is unreachable: database {self.database!r} is"
                    " starting or stopping"
                ) from None
            if exc.code == DATABASE_NOT_FOUND:
                raise StoreUnavailable(
                    f"Neo4j at {self.uri} has no database {self.database!r} (check NEO4J_DATABASE)"
                ) from None
            raise StoreError(f"Neo4j: {_one_line(exc.message or str(exc))}") from None
        except neo4j_errors.DriverError as exc:
            raise StoreError(f"Neo4j driver: {_one_line(str(exc))}") from None

    def _session(self, access: str, retry_time: float | None = None) -> neo4j.Session:
        # In a cluster (neo4j:// addresses) reads go to followers, which may lag behind the
        # leader: one bookmark manager for all of this store's sessions chains them
        # causally, so a read always sees the writes this process made before it.
        if access == neo4j.READ_ACCESS:  # a dead server: a 503 within about a second
            return self._driver.session(
                database=self.database,
                default_access_mode=access,
                bookmark_manager=self._bookmarks,
                max_transaction_retry_time=self.settings.read_retry_time,
            )
        return self._driver.session(
            database=self.database,
            default_access_mode=access,
            bookmark_manager=self._bookmarks,
            max_transaction_retry_time=self._write_retry if retry_time is None else retry_time,
        )

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        return self._run(neo4j.WRITE_ACCESS, work)

    def _read(self, work: Callable[[ManagedTransaction], T]) -> T:
        return self._run(neo4j.READ_ACCESS, work)

    def _run(
        self, access: str, work: Callable[[ManagedTransaction], T], retry_time: float | None = None
    ) -> T:
        for attempt in (1, 2):
            try:
                with self._errors(), self._session(access, retry_time) as session:
                    if access == neo4j.WRITE_ACCESS:
                        return session.execute_write(work)
                    return session.execute_read(lambda tx: work(_one_map(tx)))
            except neo4j_errors.TransientError as exc:
                # the database was replaced under us (`import --bulk`, a restore): the
                # bookmarks name transactions it never had. Forget them, try once more.
                if exc.code != BOOKMARK_TIMEOUT or attempt == 2:
                    raise StoreError(f"Neo4j: {_one_line(exc.message or str(exc))}") from None
                self._bookmarks = GraphDatabase.bookmark_manager()
        raise AssertionError("unreachable")

    def warm_plans(self) -> int:
        """Plan every read statement of the explorer's default requests (EXPLAIN: planned
        and cached, not run), so the first requests after the server starts answer at warm
        speed; the number of statements. A statement's parameters are the one map $p, so
        its plan is the one the reads use, whatever their values."""
        walk = _walk_types(GraphFilter())[0]
        statements = q.explorer_reads(walk, _path_relations(PathAvoid()))
        with self._errors(), self._session(neo4j.READ_ACCESS) as session:
            for statement in statements:
                session.run(f"EXPLAIN {q.in_one_map(statement)}", {q.ONE_MAP: {}}).consume()
        return len(statements)

    def close(self) -> None:
        self._console_pool.shutdown(wait=False, cancel_futures=True)
        self._driver.close()

    # ---- life cycle ----
    def ensure_schema(self) -> None:
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as session:
            # schema commands cannot share a transaction with each other or with data
            for statement in q.schema_statements():
                session.run(statement).consume()
            session.run(q.AWAIT_INDEXES, seconds=SCHEMA_WAIT_SECONDS).consume()
        self._upgrade_layout()

    def _upgrade_layout(self) -> None:
        """A graph an older store wrote has no document-edge lists and no blocking keys:
        make them once, from r.documents and the names (batched; idempotent)."""
        if self._read(lambda tx: tx.run(q.GET_LAYOUT).single(strict=True)["layout"]) >= q.LAYOUT:
            return

        def read(tx: ManagedTransaction) -> tuple[dict[str, list[str]], list[dict[str, Any]]]:
            refs: dict[str, list[str]] = {}
            for r in tx.run(q.ALL_EDGE_DOCUMENTS):
                for doc in r["documents"] or []:
                    refs.setdefault(doc, []).append(q.edge_ref(r["type"], r["id"]))
            keys = []
            for r in tx.run(q.ENTITY_NAMES, document=DOCUMENT):
                node = Node(id=r["id"], type=r["type"], name=r["name"], aliases=r["aliases"] or [])
                found = node_keys(node) | (event_key(r["key"]) if r["type"] == "Event" else set())
                keys.append({"id": r["id"], "keys": q.key_lines(found) or None})
            return refs, keys

        refs, keys = self._read(read)
        docs = [{"document": d, "edges": e} for d, e in sorted(refs.items())]
        for statement, rows in ((q.SET_DOCUMENT_EDGES, docs), (q.SET_KEYS, keys)):
            for batch in _batches(rows):
                self._write(_in_tx(_run_rows, statement, batch))
        self._write(lambda tx: tx.run(q.SET_LAYOUT, layout=q.LAYOUT).consume())

    # ---- writes ----
    def document_fingerprint(self, doc_id: str) -> str | None:
        def work(tx: ManagedTransaction) -> str | None:
            record = tx.run(q.FINGERPRINT, id=doc_id).single()
            return None if record is None else record["sha256"]

        return self._read(work)

    def version(self) -> int:
        return self._read(lambda tx: tx.run(q.VERSION).single(strict=True)["version"])

    def replace_document(self, doc_id: str, contribution: GraphData) -> None:
        node_rows, edges = _prepare(contribution)

        def work(tx: ManagedTransaction) -> None:
            _bump(tx)
            _remove_document(tx, doc_id)
            for node_type, rows in sorted(node_rows.items()):
                _merge_nodes(tx, node_type, rows)
            for relation, group in sorted(edges.items()):
                _merge_edges(tx, relation, [_edge_row(e) for e in group])

        self._write(work)

    def delete_document(self, doc_id: str) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            if tx.run(q.NODE_EXISTS, id=doc_id).single() is None:
                return False
            _bump(tx)
            _remove_document(tx, doc_id)
            return True

        return self._write(work)

    def import_graph(self, data: GraphData) -> None:
        """In transactions of `batch` rows, per node type and then per relation type, from
        NEO4J_IMPORT_WORKERS sessions at once (one transaction stream keeps one server core
        busy; nodes all come before the first edge). Each batch is a MERGE that can run
        again without changing anything, so the driver retries a failed batch alone, for up
        to NEO4J_IMPORT_RETRY_TIME: concurrent batches that lock the same nodes in opposite
        orders deadlock, and the server rolls one back. The version is bumped before the
        first batch and after the last (also when one fails), not by every batch: its one
        lock would put the sessions back in a single line. Everything is checked before the
        first batch (types, properties, that every edge's ends are in the graph or in the
        store), so bad input writes nothing."""
        node_rows, edges = _prepare(data)
        self._check_endpoints(data)
        self._write(_bump)
        try:
            self._write_batches(
                [
                    _in_tx(_merge_nodes, node_type, batch)
                    for node_type, rows in sorted(node_rows.items())
                    for batch in _batches(rows, self.batch)
                ]
            )
            self._write_batches(
                [
                    _in_tx(_merge_edge_chunk, relation, chunk)
                    for relation, group in sorted(edges.items())
                    for chunk in _batches(group, self.batch)
                ]
            )
        finally:
            self._write(_bump)

    def _write_batches(self, batches: list[Callable[[ManagedTransaction], None]]) -> None:
        """Each batch its own managed transaction, from up to import_workers threads (a
        session each); the first failure cancels the batches not started and is raised."""
        retry = self.settings.import_retry_time
        workers = min(self.settings.import_workers, len(batches))
        if workers <= 1:
            for work in batches:
                self._run(neo4j.WRITE_ACCESS, work, retry)
            return
        with ThreadPoolExecutor(workers, thread_name_prefix="import") as pool:
            futures = [pool.submit(self._run, neo4j.WRITE_ACCESS, w, retry) for w in batches]
            try:
                for future in as_completed(futures):
                    future.result()
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise

    def _check_endpoints(self, data: GraphData) -> None:
        local = {n.id for n in data.nodes}
        outside = sorted({i for e in data.edges for i in (e.source, e.target)} - local)
        missing: set[str] = set()
        for batch in _batches(outside):
            found = self._read(_in_tx(_missing_nodes, batch))
            missing.update(found)
        if missing:
            bad = next(e for e in data.edges if e.source in missing or e.target in missing)
            raise StoreError(f"edge {bad.id} points at a node that is not in the graph")

    def clear(self) -> None:
        def work(tx: ManagedTransaction) -> int:
            _bump(tx)
            return tx.run(q.CLEAR_BATCH, batch=BATCH).single(strict=True)["deleted"]

        while self._write(work):
            pass

    # ---- reads ----
    def stats(self) -> StoreStats:
        def work(tx: ManagedTransaction) -> tuple[dict[str, int], dict[str, int]]:
            nodes = {r["type"]: r["count"] for r in tx.run(q.node_counts()) if r["count"]}
            edges = {r["type"]: r["count"] for r in tx.run(q.edge_counts()) if r["count"]}
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

    def entity_candidates(self, keys: Collection[str]) -> list[Node]:
        """From the text index on the `_keys` property: one lookup per key."""
        probes = sorted({q.key_probe(k) for k in keys})
        if not probes:
            return []
        nodes = self._read(lambda tx: _nodes(tx, q.ENTITY_CANDIDATES, probes=probes))
        return sorted(nodes, key=lambda n: n.id)

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Node]:
        return self._read(
            lambda tx: _nodes(tx, q.LIST_DOCUMENTS, limit=max(0, limit), offset=max(0, offset))
        )

    def search(
        self, query: str, types: list[str] | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        """Candidates from the full-text index over the folded names: every name with a
        word that starts with a word of the query (so every exact and prefix match of
        rank()), holds one, or lies within two edits of one (Lucene's fuzzy term), best
        first, plus the names that hold the whole query (the text index); at most
        SEARCH_CANDIDATES_PER_HIT per hit wanted from each. rank() then scores them as the
        embedded store does. What the indexes cannot offer: a fuzzy match rank() would find
        with no word near a query word (rapidfuzz's partial ratios across words), and, for
        a prefix thousands of names share, the order among those beyond the cap."""
        folded = fold(query)
        if not folded or limit <= 0:
            return []
        offset = max(0, offset)
        wanted = offset + limit
        candidates = max(SEARCH_CANDIDATES_MIN, SEARCH_CANDIDATES_PER_HIT * wanted)

        def work(tx: ManagedTransaction) -> list[SearchHit]:
            params: dict[str, Any] = {"types": types, "document": DOCUMENT, "q": folded}
            params |= {"index": q.SEARCH_INDEX, "candidates": candidates}

            def found(statement: str, lucene: str) -> dict[str, Candidate]:
                rows = tx.run(statement, lucene=lucene, **params).single(strict=True)["rows"]
                return {r[0]: (r[0], r[0], r[1], r[2], r[3] or []) for r in rows}

            # exact and prefix words first: cheap terms, and when they give every hit wanted
            # as an exact or prefix match, no fuzzy match (scored below both) can be among them
            rows = found(q.SEARCH_CANDIDATES, lucene_prefix_query(folded))
            ranked = rank_named(query, rows.values(), types, wanted)
            if len(ranked) < wanted or any(match == "fuzzy" for *_, match in ranked):
                rows.update(found(q.SEARCH_CANDIDATES_CONTAINING, lucene_query(folded)))
                ranked = rank_named(query, rows.values(), types, wanted)
            ranked = ranked[offset:]
            whole: dict[str, tuple[Node, int]] = {}
            for r in tx.run(q.SEARCH_HITS, ids=[node_id for node_id, *_ in ranked]):
                node = _node(r["props"])
                whole[node.id] = (node, r["degree"])
            return [SearchHit(whole[i][0], s, m, whole[i][1]) for i, s, m in ranked]

        return self._read(work)

    def subgraph(
        self,
        seeds: list[str],
        depth: int = 1,
        flt: GraphFilter | None = None,
        limit: int = 500,
        evidence: EvidenceMode = "all",
        max_edges: int | None = None,
    ) -> GraphData:
        """A breadth-first walk in Cypher, level by level, that stops at the node limit: it
        reads the incident edges of the frontier it gets to, not the whole neighbourhood.
        Node and relation types are filtered in Cypher, evidence (documents, dates,
        confidence) in Python; graph/query.py then cuts the same answer out of that part
        as the embedded store does out of the whole graph."""
        flt = flt or GraphFilter()
        walk_filter = flt  # what the closure sees: flt is narrowed to a filter from here on
        relations, types = _walk_types(flt)

        # a summary is read in Cypher unless the filter reads the evidence anyway
        summary = evidence != "all" and not _reads_evidence(flt)

        def work(tx: ManagedTransaction) -> tuple[GraphData, bool]:
            if max_edges is not None and not _reads_evidence(walk_filter):
                walked = _walked_capped_part(
                    tx, seeds, (depth, limit), relations, types, evidence, max_edges
                )
                if walked is not None:
                    return walked
            ball, stopped = _bounded_walk(tx, seeds, depth, walk_filter, limit, relations, types)
            if max_edges is not None and not _reads_evidence(walk_filter) and ball:
                return _capped_part(tx, ball, relations, evidence, max_edges), stopped
            if summary:
                nodes = _nodes(tx, q.GET_NODES, ids=ball) if ball else []
                return neo4j_summary.summarised_part(tx, nodes, relations, evidence), stopped
            return _part(tx, ball, relations), stopped

        part, stopped = self._read(work)
        if max_edges is not None and not _reads_evidence(flt) and part.nodes:
            part.truncated = truncation(part.truncated, nodes=stopped)
            return part  # the walk's answer, capped in the query
        if flt.dated():
            flt = flt.with_document_dates(self.document_dates(part.edges))
        answer = capped(neighbourhood(to_networkx(part), seeds, depth, flt, limit), max_edges)
        answer.truncated = truncation(answer.truncated, nodes=stopped)
        if evidence == "all" or summary:
            return answer
        return summarised(answer, evidence, self.document_dates(answer.edges))

    def edge_evidence(self, edge_id: str, limit: int = 50, offset: int = 0) -> EdgeEvidence | None:
        relations = load_schema().relation_types

        def work(tx: ManagedTransaction) -> EdgeEvidence | None:
            found = neo4j_summary.edge_evidence(
                tx, relations, edge_id, max(0, limit), max(0, offset)
            )
            return None if found is None else EdgeEvidence(*found)

        return self._read(work)

    def relation_candidates(
        self, query: RelationQuery
    ) -> tuple[list[Edge], dict[str, Node], dict[str, str | None]]:
        """The edges of the types asked for (of the actor, from the documents asked for), as
        Cypher finds them by type and id; graph/relations.py then keeps, sorts and pages."""
        relations = [
            r
            for r in (query.relations or load_schema().relation_types)
            if r != MENTIONS and r in load_schema().relations
        ]
        statement = q.RELATION_CANDIDATES if query.actor is None else q.ACTOR_RELATION_CANDIDATES

        def work(tx: ManagedTransaction) -> tuple[list[Edge], dict[str, Node]]:
            edges = _edges(
                tx, statement, relations=relations, documents=query.documents, actor=query.actor
            )
            ends = sorted({e.source for e in edges} | {e.target for e in edges})
            return edges, {n.id: n for n in _nodes(tx, q.GET_NODES, ids=ends)}

        edges, nodes = self._read(work)
        return edges, nodes, self.document_dates(edges)

    def actor_ties(
        self, flt: GraphFilter | None = None
    ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """From Cypher without the evidence, unless the filter reads it (a period, a
        confidence): then the candidate edges' evidence comes too and the rule of
        GraphFilter keeps them, as the fallback does. Relation types and documents are
        filtered in Cypher."""
        schema = load_schema()
        asked = flt.relations if flt is not None and flt.relations is not None else None
        relations = [
            r for r in (asked or schema.relation_types) if r != MENTIONS and r in schema.relations
        ]
        documents = flt.documents if flt is not None else None
        reads_evidence = flt is not None and (flt.dated() or flt.min_confidence is not None)
        statement = q.actor_ties(relations, reads_evidence)

        def work(
            tx: ManagedTransaction,
        ) -> tuple[list[tuple[str, str, str]], list[Any]]:
            nodes = [
                (r["id"], r["name"], r["type"]) for r in tx.run(q.ACTOR_NODES, document=DOCUMENT)
            ]
            rows = list(tx.run(statement, relations=relations, documents=documents))
            return nodes, rows

        nodes, rows = self._read(work)
        if not reads_evidence or flt is None:
            return nodes, [(r["source"], r["target"], r["type"]) for r in rows]
        edges = [_edge(r["source"], r["target"], r["type"], r["props"]) for r in rows]
        keep = GraphFilter(since=flt.since, until=flt.until, min_confidence=flt.min_confidence)
        keep = keep.with_document_dates(self.document_dates(edges)) if keep.dated() else keep
        return nodes, [(e.source, e.target, e.type) for e in edges if keep.keeps_edge(e)]

    # ---- saved views ----
    def list_views(self) -> list[SavedView]:
        def work(tx: ManagedTransaction) -> list[str]:
            return [r["data"] for r in tx.run(q.LIST_VIEWS)]

        return [SavedView.model_validate_json(d) for d in self._read(work)]

    def get_view(self, view_id: str) -> SavedView | None:
        def work(tx: ManagedTransaction) -> str | None:
            row = tx.run(q.GET_VIEW, id=view_id).single()
            return None if row is None else row["data"]

        data = self._read(work)
        return None if data is None else SavedView.model_validate_json(data)

    def put_view(self, view: SavedView) -> None:
        def work(tx: ManagedTransaction) -> None:
            tx.run(q.PUT_VIEW, id=view.id, updated=view.updated, data=view.model_dump_json())

        self._write(work)

    def delete_view(self, view_id: str) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            return tx.run(q.DELETE_VIEW, id=view_id).single(strict=True)["n"] > 0

        return self._write(work)

    def document_dates(self, edges: list[Edge]) -> dict[str, str | None]:
        """The dates of the documents whose undated evidence the date rule dates."""
        ids = sorted({ev.document for e in edges for ev in e.evidence if not ev.date})

        def work(tx: ManagedTransaction) -> dict[str, str | None]:
            return {n.id: n.properties.get("date") for n in _nodes(tx, q.GET_NODES, ids=ids)}

        return self._read(work) if ids else {}

    def paths(
        self,
        source: str,
        target: str,
        max_length: int = 4,
        k: int = 3,
        avoid: PathAvoid | None = None,
    ) -> list[GraphPath]:
        """Every node of a walk of at most max_length steps lies within a steps of the
        source or b steps of the target, for any a + b = max_length. The two balls grow
        alternately, the smaller frontier first (a bidirectional search), until their radii
        add up to max_length or they hold PATH_NODE_BUDGET nodes; the same algorithm as the
        embedded store then runs on the ties among them (past the budget, longer paths may
        be missed; hubs are told by their degree in the whole graph, not in the part
        fetched). Only the ties are read (id, ends, evidence count: q.ties_among), and only
        the edges the paths step on are read whole."""
        avoid = avoid or PathAvoid()
        relations = _path_relations(avoid)
        types = load_schema().entity_types
        if max_length < 1 or k < 1 or source == target:
            return []

        def work(tx: ManagedTransaction) -> list[GraphPath]:
            ends = {
                r["props"]["id"]: r for r in tx.run(q.NODES_WITH_ELEMENT_IDS, ids=[source, target])
            }
            if len(ends) != 2 or any(r["props"]["type"] == DOCUMENT for r in ends.values()):
                return []
            eids = {n: r["eid"] for n, r in ends.items()}
            ids, inner = _two_balls(tx, source, target, max_length, relations, types, eids)
            pairs = tx.run(q.ELEMENT_IDS, ids=ids).single(strict=True)["rows"]
            found, node_eids = [n for n, _ in pairs], [e for _, e in pairs]
            if inner is None:
                ties = tx.run(q.ties_among(relations), ids=found, eids=node_eids)
            else:
                ties = tx.run(q.ties_from(relations), ids=sorted(inner), eids=node_eids)
            tie_rows = list({t[0]: t for t in ties.single(strict=True)["rows"]}.values())
            hubs: set[str] = set()
            if avoid.max_degree is not None:
                degrees = tx.run(q.DEGREES, ids=found, mentions=MENTIONS)
                hubs = {r["id"] for r in degrees if r["degree"] > avoid.max_degree}
            keep = set(found) - ((avoid.nodes | hubs) - {source, target})
            # [edge id, source, target, evidence items, element id] (q.ties_among)
            walks = walks_over_ties(
                [(t[0], t[1], t[2], t[3]) for t in tie_rows],
                keep,
                source,
                target,
                max_length,
                k,
            )
            element = {t[0]: t[4] for t in tie_rows}
            chosen = sorted({element[i] for _, steps in walks for i in steps})
            edges = (
                {e.id: e for e in _edges(tx, q.EDGES_BY_ELEMENT_ID, eids=chosen)} if chosen else {}
            )
            return [GraphPath(nodes=ns, edges=[edges[i] for i in steps]) for ns, steps in walks]

        return self._read(work)

    def export(self) -> GraphData:
        def work(tx: ManagedTransaction) -> GraphData:
            return GraphData(nodes=_nodes(tx, q.ALL_NODES), edges=_edges(tx, q.ALL_EDGES))

        return self._read(work).sorted()

    # ---- health ----
    def ping(self, timeout: float) -> None:
        """Raise StoreUnavailable unless the server accepts a connection and our credentials
        within about `timeout` seconds. No query: a server that just started plans its
        first queries slowly, and that is no reason to call it down. A fresh driver in a
        thread of its own, waited for at most twice `timeout`: a server that is shutting
        down may accept a connection and never answer it, and the driver waits for the
        answer without a timeout (the abandoned thread ends when the socket closes)."""
        outcome: list[BaseException] = []
        done = threading.Event()

        def attempt() -> None:
            try:
                driver = GraphDatabase.driver(
                    self.uri,
                    auth=(self.settings.user, self.settings.password.get_secret_value()),
                    connection_timeout=timeout,
                    connection_acquisition_timeout=timeout,
                    max_connection_pool_size=1,
                )
                try:
                    driver.verify_connectivity()
                finally:
                    driver.close()
            except BaseException as exc:  # handed to the caller below
                outcome.append(exc)
            finally:
                done.set()

        threading.Thread(target=attempt, name="neo4j-probe", daemon=True).start()
        if not done.wait(2 * timeout):
            raise StoreUnavailable(f"Neo4j at {self.uri} did not answer within {2 * timeout:g} s")
        if outcome:
            with self._errors():
                raise outcome[0]

    # ---- curation (graph/curation/): nodes without the :Node label, never in the graph ----
    def _curation_schema(self) -> None:
        if getattr(self, "_curation_ready", False):
            return
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as session:
            for statement in q.CURATION_SCHEMA:
                session.run(statement).consume()
            session.run(q.AWAIT_INDEXES, seconds=SCHEMA_WAIT_SECONDS).consume()
        self._curation_ready = True

    def curation_records(self) -> list[str]:
        return self._read(lambda tx: [r["record"] for r in tx.run(q.CURATION_RECORDS)])

    def add_curation_records(self, items: list[tuple[str, str]]) -> None:
        self._curation_schema()
        rows = [{"id": i, "record": r} for i, r in items]
        if rows:
            self._write(lambda tx: tx.run(q.CURATION_ADD_RECORDS, rows=rows).consume())

    def delete_curation_record(self, decision_id: str) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            return (
                tx.run(q.CURATION_DELETE_RECORD, id=decision_id).single(strict=True)["deleted"] > 0
            )

        return self._write(work)

    def clear_curation(self) -> None:
        def work(tx: ManagedTransaction) -> int:
            return tx.run(q.CURATION_CLEAR, batch=10_000).single(strict=True)["deleted"]

        while self._write(work):
            pass

    def save_raw_contribution(self, doc_id: str, data: GraphData) -> None:
        self._curation_schema()
        touched = {n.id for n in data.nodes} | {e.source for e in data.edges}
        ids = sorted((touched | {e.target for e in data.edges}) - {doc_id})
        text = data.model_dump_json(exclude_none=True)
        self._write(
            lambda tx: tx.run(q.CURATION_SAVE_RAW, doc=doc_id, data=text, ids=ids).consume()
        )

    def raw_documents_with(self, node_ids: Collection[str]) -> list[str]:
        ids = sorted(node_ids)
        return self._read(lambda tx: [r["doc"] for r in tx.run(q.CURATION_DOCUMENTS_WITH, ids=ids)])

    def raw_contributions(self, doc_ids: Collection[str]) -> list[tuple[str, GraphData]]:
        docs = sorted(doc_ids)
        rows = self._read(
            lambda tx: [(r["doc"], r["data"]) for r in tx.run(q.CURATION_RAW, docs=docs)]
        )
        return [(doc, GraphData.model_validate_json(data)) for doc, data in rows]

    def rewrite_documents(self, items: list[tuple[str, GraphData]]) -> None:
        wanted = sorted({n.id for _, c in items for n in c.nodes})

        def work(tx: ManagedTransaction) -> None:
            _bump(tx)
            for doc_id, _ in items:
                _remove_document(tx, doc_id)
            kept = {r["id"] for r in tx.run(q.CURATION_EXISTING, ids=wanted)}
            for _, contribution in items:
                fresh = [n for n in contribution.nodes if n.id not in kept]
                node_rows, edges = _prepare(GraphData(nodes=fresh, edges=contribution.edges))
                for node_type, rows in sorted(node_rows.items()):
                    _merge_nodes(tx, node_type, rows)
                for relation, group in sorted(edges.items()):
                    _merge_edges(tx, relation, [_edge_row(e) for e in group])

        self._write(work)

    # ---- Cypher for the API's query console ----
    def run_read_query(
        self,
        query: str,
        params: dict[str, Any],
        timeout: float,
        row_cap: int,
        max_bytes: int = 4_000_000,
    ) -> tuple[list[str], list[list[Any]], bool]:
        """Run a user's query for the console. Returns the columns, at most row_cap rows of
        JSON-able values whose JSON takes at most max_bytes, and whether rows were left out.

        In one READ transaction (the server refuses writes in it): first `EXPLAIN`, whose
        plan graph/cypher_plan.py judges (QueryRefused), then the query, streamed and stopped
        at the caps. Two bounds on time: the transaction's server-side timeout, and a
        client-side one, because the server only notices a timeout between steps of the
        query (one long list expression runs on for many seconds): past `timeout` the
        caller gets QueryError at once, and the worker finishes its session on its own."""
        if not self._console_slots.acquire(blocking=False):
            raise QueryError(
                "the console is busy with other slow queries; try again in a few seconds"
            )
        deadline = time.monotonic() + timeout
        future = self._console_pool.submit(
            self._console_query, query, params, timeout, deadline, row_cap, max_bytes
        )
        future.add_done_callback(lambda _: self._console_slots.release())
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()) + CONSOLE_GRACE)
        except FuturesTimeout:
            raise QueryError(_timed_out(timeout)) from None

    def _console_query(
        self,
        query: str,
        params: dict[str, Any],
        timeout: float,
        deadline: float,
        row_cap: int,
        max_bytes: int,
    ) -> tuple[list[str], list[list[Any]], bool]:
        # No managed transaction: a retry would run the query a second time past the timeout.
        with self._errors():
            try:
                with (
                    self._driver.session(
                        database=self.database,
                        default_access_mode=neo4j.READ_ACCESS,
                        fetch_size=CONSOLE_FETCH_SIZE,
                    ) as session,
                    session.begin_transaction(timeout=timeout) as tx,
                ):
                    summary = tx.run("EXPLAIN " + query, params).consume()
                    check_plan(summary.query_type, summary.plan, self.database)
                    return _stream(tx.run(query, params), deadline, timeout, row_cap, max_bytes)
            except neo4j_errors.ClientError as exc:
                if isinstance(exc, neo4j_errors.AuthError) or exc.code == DATABASE_NOT_FOUND:
                    raise
                raise QueryError(_query_error(exc, timeout)) from None


def _stream(
    result: neo4j.Result, deadline: float, timeout: float, row_cap: int, max_bytes: int
) -> tuple[list[str], list[list[Any]], bool]:
    """Rows until a cap: row_cap rows, or max_bytes of JSON (each row measured as sent)."""
    columns = list(result.keys())
    rows: list[list[Any]] = []
    size = 2  # the brackets of the list
    for record in result:
        if time.monotonic() > deadline:
            raise QueryError(_timed_out(timeout))
        if len(rows) >= row_cap:
            return columns, rows, True
        row = [to_jsonable(v) for v in record.values()]
        size += len(json.dumps(row, ensure_ascii=False).encode("utf-8")) + 1
        if size > max_bytes:
            return columns, rows, True
        rows.append(row)
    return columns, rows, False


# ---- writing helpers (run inside one transaction) ----
NodeRows = dict[str, list[dict[str, Any]]]
EdgeGroups = dict[str, list[Edge]]


def _prepare(data: GraphData) -> tuple[NodeRows, EdgeGroups]:
    """Check everything before anything touches the database; nodes as rows by type, edges
    grouped by type (their rows, the bulk of an import, are made a batch at a time)."""
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
    edges: EdgeGroups = {}
    for edge in data.edges:
        if edge.type not in schema.relations:
            raise StoreError(f"edge {edge.id}: type {edge.type!r} is not in the schema")
        _check_properties(f"edge {edge.id}", edge.properties, q.EDGE_INTERNAL)
        edges.setdefault(edge.type, []).append(edge)
    return nodes, edges


def _edge_row(edge: Edge) -> dict[str, Any]:
    return {
        "id": edge.id,
        "source": edge.source,
        "target": edge.target,
        "props": {"id": edge.id, **edge.properties},
        "evidence": [_evidence_json(ev) for ev in edge.evidence],
        "keys": [_evidence_key(ev) for ev in edge.evidence],
        "documents": list(dict.fromkeys(ev.document for ev in edge.evidence)),
    }


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


def lucene_query(folded: str) -> str:
    """The full-text query for a folded search string: the whole string as a phrase (exact
    names score first); per word a prefix, an infix and a fuzzy term; and every piece of a
    word as a term of its own (a short name inside the query, e.g. 'us' for 'russia', is a
    fuzzy match of rank()'s partial ratio). Folded words hold letters, digits, '_' and '&';
    anything but letters and digits is escaped."""
    words = folded.split()
    clauses = ['"' + " ".join(map(_lucene_escape, words)) + '"^4']
    clauses += [f"{w}* OR *{w}* OR {w}~" for w in map(_lucene_escape, words)]
    pieces = {w[i:j] for w in words for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    clauses += sorted(map(_lucene_escape, pieces - set(words)))[:LUCENE_PIECES]
    return " OR ".join(clauses)


def lucene_prefix_query(folded: str) -> str:
    """The cheap part of lucene_query: the whole string as a phrase, and per word the word
    itself and its prefix term. Every name rank() scores as exact or prefix has a word
    starting with a query word, so this finds them all (up to the candidate cap)."""
    words = [_lucene_escape(w) for w in folded.split()]
    clauses = ['"' + " ".join(words) + '"^4']
    clauses += [f"{w}^2 OR {w}*" for w in words]
    return " OR ".join(clauses)


def _lucene_escape(word: str) -> str:
    return "".join(ch if ch.isalnum() else "\\" + ch for ch in word)


def _bump(tx: ManagedTransaction) -> None:
    tx.run(q.BUMP_VERSION).consume()


def _in_tx(work: Callable[..., T], *args: Any) -> Callable[[ManagedTransaction], T]:
    """`work(tx, *args)` as a transaction function, with the loop's values bound now."""
    return lambda tx: work(tx, *args)


def _run_rows(tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> None:
    tx.run(statement, rows=rows).consume()


def _missing_nodes(tx: ManagedTransaction, ids: list[str]) -> list[str]:
    return [r["id"] for r in tx.run(q.MISSING_NODES, ids=ids)]


def _merge_edge_chunk(tx: ManagedTransaction, relation: str, chunk: list[Edge]) -> None:
    """An import batch: its rows are made in the worker, one batch at a time in memory."""
    _merge_edges(tx, relation, [_edge_row(e) for e in chunk])


def _merge_nodes(tx: ManagedTransaction, node_type: str, rows: list[dict[str, Any]]) -> None:
    """Merge nodes of one type, then their search forms and blocking keys, which follow the
    merged names (only the merge knows them)."""
    statement = q.merge_nodes(node_type)
    for batch in _batches(rows):
        merged = []
        for r in tx.run(statement, rows=batch):
            aliases = r["aliases"] or []
            node = Node(id=r["id"], type=node_type, name=r["name"], aliases=aliases)
            keys = node_keys(node) if node_type != DOCUMENT else set()
            if node_type == "Event":
                keys |= event_key(r["key"])
            merged.append(
                {
                    "id": r["id"],
                    "folded": q.folded_names(r["name"], aliases),
                    "keys": q.key_lines(keys) or None,
                }
            )
        tx.run(q.SET_SEARCH_FORMS, rows=merged).consume()


def _merge_edges(tx: ManagedTransaction, relation: str, rows: list[dict[str, Any]]) -> None:
    statement = q.merge_edges(relation)
    for batch in _batches(rows):
        merged = tx.run(statement, rows=batch, relation=relation).single(strict=True)["merged"]
        if merged != len(batch):
            ids = sorted({r["source"] for r in batch} | {r["target"] for r in batch})
            missing = {r["id"] for r in tx.run(q.MISSING_NODES, ids=ids)}
            bad = next(r for r in batch if r["source"] in missing or r["target"] in missing)
            raise StoreError(f"edge {bad['id']} points at a node that is not in the graph")


def _remove_document(tx: ManagedTransaction, doc_id: str) -> None:
    """Only the edges the document's `:DocumentEdges` list names are visited."""
    prefix = json.dumps([doc_id], ensure_ascii=False)[:-1] + ","
    record = tx.run(q.DOCUMENT_EDGE_REFS, doc=doc_id).single()
    by_type: dict[str, set[str]] = {}
    for ref in record["edges"] if record else []:
        relation, _, edge = ref.partition("|")
        by_type.setdefault(relation, set()).add(edge)
    touched: set[str] = set()
    for relation, edges in sorted(by_type.items()):
        statement = q.remove_document_evidence(relation)
        for batch in _batches(sorted(edges)):
            result = tx.run(statement, ids=batch, doc=doc_id, prefix=prefix)
            touched.update(result.single(strict=True)["touched"])
    tx.run(q.DELETE_DOCUMENT_EDGES, doc=doc_id).consume()
    ids = sorted(touched - {doc_id})
    for batch in _batches(ids):
        tx.run(q.REMOVE_UNMENTIONED, ids=batch, document=DOCUMENT).consume()
    tx.run(q.DELETE_NODE, id=doc_id).consume()


def _batches(rows: list[T], size: int = BATCH) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _growing_batches(items: list[T], first: int, most: int) -> Iterator[list[T]]:
    """`items` in order, in slices of `first`, then twice as many each time, up to `most`."""
    size, start = max(1, first), 0
    while start < len(items):
        yield items[start : start + size]
        start += size
        size = min(most, size * 2)


def _evidence_json(ev: Evidence) -> str:
    return ev.model_dump_json(exclude_none=True)


def _evidence_key(ev: Evidence) -> str:
    return q.evidence_key(*ev.key())


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


def _walk_types(flt: GraphFilter) -> tuple[list[str], list[str]]:
    """The relation and node types a filter can keep (graph/query.py's rules)."""
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
    relations = [r for r in relations if r in schema.relations]
    types = flt.types if flt.types is not None else schema.entity_types
    return relations, types


def _path_relations(avoid: PathAvoid) -> list[str]:
    """The relation types paths() walks."""
    return [r for r in load_schema().relation_types if r != MENTIONS and r not in avoid.relations]


def _reads_evidence(flt: GraphFilter) -> bool:
    """Whether the filter keeps or drops edges by their evidence."""
    return (
        flt.documents is not None or bool(flt.since or flt.until) or flt.min_confidence is not None
    )


def _bounded_walk(
    tx: ManagedTransaction,
    seeds: list[str],
    depth: int,
    flt: GraphFilter,
    limit: int,
    relations: list[str],
    types: list[str],
) -> tuple[list[str], bool]:
    """graph/query.py's neighbourhood() walk, reading the frontier's edges from Neo4j a
    chunk of nodes at a time, in the same order (frontier, then edge id), until `limit`:
    the nodes, and whether a node in reach was left out. Which seeds exist and the first
    chunk's edges are one statement (q.seeds_and_incident); a chunk's edges read there are
    not read again, so the chunks only decide what is read, never the answer."""
    depth = max(0, min(depth, MAX_DEPTH))
    limit = max(1, min(limit, MAX_NODES))
    seeds = list(dict.fromkeys(seeds))
    by_evidence = _reads_evidence(flt)
    first = seeds[:FIRST_FRONTIER_CHUNK] if depth else []
    row = tx.run(
        q.seeds_and_incident(relations, by_evidence), seeds=seeds, ids=first, types=types
    ).single(strict=True)
    existing = set(row["found"])
    seen = dict.fromkeys([s for s in seeds if s in existing][:limit], 0)
    around = _incident_rows(row["rows"], first)
    if flt.dated():  # the date rule: undated evidence takes its document's date
        flt = flt.with_document_dates(_TxDocumentDates(tx))
    statement = q.incident(relations, by_evidence)
    frontier = list(seen)
    for level in range(1, depth + 1):
        nxt: list[str] = []
        for chunk in _growing_batches(frontier, FIRST_FRONTIER_CHUNK, FRONTIER_CHUNK):
            unread = [u for u in chunk if u not in around]
            if unread:
                rows = tx.run(statement, ids=unread, types=types).single(strict=True)["rows"]
                around.update(_incident_rows(rows, unread))
            for u in chunk:
                for r in around[u]:
                    other = r["other"]
                    if other in seen:
                        continue
                    if by_evidence and not flt.keeps_edge(
                        _edge(r["source"], r["target"], r["type"], r["props"])
                    ):
                        continue
                    if len(seen) >= limit:  # nothing more can join, and one is left out
                        return list(seen), True
                    seen[other] = level
                    nxt.append(other)
        frontier = sorted(nxt)
    return list(seen), False


def _incident_rows(rows: list[Any], ids: list[str]) -> dict[str, list[Any]]:
    """q.incident's rows by the node they were read for, each node's in edge-id order
    (the walk's order); every node of `ids` gets its list, empty when it has no edge."""
    around: dict[str, list[Any]] = {u: [] for u in ids}
    for r in rows:
        around[r["node"]].append(r)
    by_edge = itemgetter("edge")
    for found in around.values():
        found.sort(key=by_edge)
    return around


class _TxDocumentDates:
    """Documents' dates for the date rule, read in the walk's transaction when first asked."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx = tx
        self.known: dict[str, str | None] = {}

    def get(self, key: str, /) -> str | None:
        if key not in self.known:
            found = _nodes(self.tx, q.GET_NODES, ids=[key])
            date = found[0].properties.get("date") if found else None
            self.known[key] = date if isinstance(date, str) else None
        return self.known[key]


def _two_balls(
    tx: ManagedTransaction,
    source: str,
    target: str,
    max_length: int,
    relations: list[str],
    types: list[str],
    ends: dict[str, str],
) -> tuple[list[str], set[str] | None]:
    """The nodes that can lie on a walk of at most max_length steps (see paths): the two
    balls, less what is provably too far. A node outside the target's ball (radius rt) is
    at least rt + 1 from the target, so from the source's ball only the nodes within
    max_length - rt - 1 of the source can be on a walk, and the other way round; the
    outermost layers, usually the biggest, mostly go. So the last step, the one that
    brings the radii to max_length, asks only for the neighbours that lie in the other
    ball (q.expand_into): the meeting nodes, without reading or sending the rest. `ends`:
    the element ids of source and target.

    Also the inner nodes (nearer their end than its ball's radius) when the radii reached
    max_length, else None: an edge u-v lies on a walk of at most max_length steps only if
    ds(u) + 1 + dt(v) <= max_length for one orientation, and if neither end were inner
    that sum would be at least rs + 1 + rt = max_length + 1, so only the inner nodes'
    edges need reading (q.ties_from)."""
    statement = q.expand(relations)
    dist: tuple[dict[str, int], dict[str, int]] = ({source: 0}, {target: 0})
    eids: tuple[dict[str, str], dict[str, str]] = ({source: ends[source]}, {target: ends[target]})
    frontiers = ([source], [target])
    radii = [0, 0]
    while radii[0] + radii[1] < max_length:
        if len(dist[0]) + len(dist[1]) >= PATH_NODE_BUDGET:
            break
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        if not frontiers[side]:  # that side's component is complete: no walk leaves it
            break
        if radii[0] + radii[1] + 1 == max_length:  # the last step: where the balls meet
            into = list(eids[1 - side].values())
            row = tx.run(q.expand_into(relations), ids=frontiers[side], eids=into).single()
            found: list[str] = row["ids"] if row is not None else []
        else:
            rows = list(tx.run(statement, ids=frontiers[side], types=types))
            found = [r["id"] for r in rows]
            eids[side].update((r["id"], r["eid"]) for r in rows)
        fresh = [n for n in dict.fromkeys(found) if n not in dist[side]]
        radii[side] += 1
        dist[side].update((n, radii[side]) for n in fresh)
        frontiers[side].clear()
        frontiers[side].extend(fresh)
    near_s, near_t = dist
    keep = set()
    for n, d in near_s.items():
        if (n in near_t and d + near_t[n] <= max_length) or d <= max_length - radii[1] - 1:
            keep.add(n)
    for n, d in near_t.items():
        if n not in near_s and d <= max_length - radii[0] - 1:
            keep.add(n)
    if radii[0] + radii[1] < max_length:
        return sorted(keep), None
    inner = {n for n, d in near_s.items() if d < radii[0]}
    inner |= {n for n, d in near_t.items() if d < radii[1]}
    return sorted(keep), inner


def _walked_capped_part(
    tx: ManagedTransaction,
    seeds: list[str],
    size: tuple[int, int],
    relations: list[str],
    types: list[str],
    evidence: EvidenceMode,
    max_edges: int,
) -> tuple[GraphData, bool] | None:
    """_bounded_walk and _capped_part for a filter that reads no evidence, the walk done by
    the server (q.walk_level, q.walked_capped_answer: a statement per level, the last
    with the answer), so no incident edge travels and a level's frontier is read only
    up to the node that fills the limit: (the answer, whether a node was left out). None
    when no seed exists or an id on the walk sorts otherwise in Neo4j than in Python (the
    caller then walks as before)."""
    depth, limit = max(0, min(size[0], MAX_DEPTH)), max(1, min(size[1], MAX_NODES))
    params: dict[str, Any] = {"seeds": list(dict.fromkeys(seeds)), "limit": limit}
    params |= {"types": types, "plain": q.PLAIN_IDS, "take": limit + 1}
    first, stopped = True, False
    for _ in range(depth - 1):  # every level but the last in a statement of its own
        row = tx.run(q.walk_level(relations, first), params).single(strict=True)
        if row["odd"]:
            return None
        first, stopped = False, row["stopped"]
        params |= {"seen": row["seen"], "frontier": [] if stopped else row["frontier"]}
        params |= {"stopped": stopped, "take": limit - len(row["seen"]) + 1}
        if stopped:  # the walk ends here, as _bounded_walk's does
            break
    params |= {"max_edges": max_edges, "first": evidence == "first"}
    answer = q.walked_capped_answer(relations, evidence == "all", first, depth > 0)
    row = tx.run(answer, params).single(strict=True)
    if row["odd"] or not row["seen"]:
        return None
    return _capped_from_row(tx, row, evidence, max_edges), stopped or row["stopped"]


def _capped_part(
    tx: ManagedTransaction,
    ids: list[str],
    relations: list[str],
    evidence: EvidenceMode,
    max_edges: int,
) -> GraphData:
    """The nodes `ids` and at most `max_edges` edges among them (edge_summary.capped),
    chosen in the query from the edges' ties before any edge is read whole: the strongest
    are read, the rest only counted (`truncated`). The nodes, the ties, the choice and the
    chosen edges are one statement (q.capped_answer); where Neo4j would order the ids
    otherwise than Python, the choice is made here from the ties it sent instead."""
    row = tx.run(
        q.capped_answer(relations, whole=evidence == "all"),
        ids=ids,
        max_edges=max_edges,
        first=evidence == "first",
        plain=q.PLAIN_IDS,
    ).single(strict=True)
    return _capped_from_row(tx, row, evidence, max_edges)


def _capped_from_row(
    tx: ManagedTransaction, row: Any, evidence: EvidenceMode, max_edges: int
) -> GraphData:
    """The capped answer of q.capped_answer's record (its choice, or the client's when the
    record leaves it here)."""
    nodes = sorted((_node(props) for props in row["nodes"]), key=lambda n: n.id)
    if not row["exact"]:
        eids, dropped = neo4j_summary.chosen_ties(row["ties"], max_edges)
        if evidence == "all":
            edges = _edges(tx, q.EDGES_BY_ELEMENT_ID, eids=eids) if eids else []
        else:
            edges = neo4j_summary.summarised_by_element_id(tx, eids, evidence)
        return GraphData(nodes=nodes, edges=edges, truncated=truncation(None, dropped))
    if evidence == "all":
        edges = [_edge(*r) for r in row["edges"]]
    else:
        keys = ("source", "target", "type", "props", "items", "first")
        rows = [dict(zip(keys, r, strict=True)) for r in row["edges"]]
        edges = neo4j_summary.summarised_rows(tx, rows, evidence)
    edges.sort(key=lambda e: e.id)
    return GraphData(nodes=nodes, edges=edges, truncated=truncation(None, row["dropped"]))


def _part(tx: ManagedTransaction, ids: list[str], relations: list[str]) -> GraphData:
    """The nodes `ids` and the edges among them of the given relation types."""
    if not ids:
        return GraphData()
    nodes = _nodes(tx, q.GET_NODES, ids=ids)
    edges = _edges(tx, q.edges_among(relations), ids=ids)
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


def _timed_out(timeout: float) -> str:
    return f"the query ran longer than {timeout:g} s and was stopped"


def _query_error(exc: neo4j_errors.ClientError, timeout: float) -> str:
    code = exc.code or ""
    if "TransactionTimedOut" in code or "Transaction.Terminated" in code:
        return _timed_out(timeout)
    if "AccessMode" in code or "ForbiddenOnReadOnlyDatabase" in code or "WriteOnReadOnly" in code:
        return "the query tries to write; only read queries are allowed here"
    return _one_line(exc.message or str(exc))
