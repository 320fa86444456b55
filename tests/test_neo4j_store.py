"""What only the Neo4j store has: a server that can be down or refuse us, a schema of
constraints and indexes, concurrent writers, and the read-only Cypher console."""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from graph.config import Neo4jSettings
from graph.model import Evidence, GraphData, Node
from graph.schema import DOCUMENT, load_schema
from graph.store.base import QueryError, StoreError, StoreUnavailable
from graph.store.neo4j import Neo4jStore

from .conftest import ROOT
from .contract.conftest import canon

pytestmark = pytest.mark.neo4j


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def neo4j(neo4j_settings: Neo4jSettings) -> Iterator[Neo4jStore]:
    store = Neo4jStore(neo4j_settings)
    store.ensure_schema()
    yield store
    store.clear()
    store.close()


@pytest.fixture
def empty(neo4j: Neo4jStore) -> Neo4jStore:
    neo4j.clear()
    return neo4j


@pytest.fixture
def probe_user(neo4j: Neo4jStore) -> Iterator[str]:
    """A throw-away user to fail logins with: Neo4j locks a user after three wrong
    passwords in a row (and keeps counting until a good one), and that must not be the user
    the rest of the suite runs as. A new name each time starts from a clean count."""
    name = f"actorgraph_probe_{secrets.token_hex(4)}"
    with neo4j._driver.session(database="system") as s:
        s.run(
            "CREATE OR REPLACE USER $name SET PASSWORD $password CHANGE NOT REQUIRED",
            name=name,
            password=secrets.token_hex(12),
        ).consume()
    yield name
    with neo4j._driver.session(database="system") as s:
        s.run("DROP USER $name IF EXISTS", name=name).consume()


def test_an_unreachable_server_is_one_clear_sentence() -> None:
    port = free_port()
    with pytest.raises(StoreUnavailable) as info:
        Neo4jStore(Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", connection_timeout=2))
    message = str(info.value)
    assert message.startswith(f"Neo4j at bolt://127.0.0.1:{port} is unreachable: ")
    assert "Connection refused" in message and "\n" not in message


def test_a_uri_that_is_not_bolt_is_refused_before_connecting() -> None:
    with pytest.raises(StoreError, match="NEO4J_URI 'http://127.0.0.1:7474' is not a Bolt"):
        Neo4jStore(Neo4jSettings(uri="http://127.0.0.1:7474"))


def test_wrong_credentials_and_database(neo4j_settings: Neo4jSettings, probe_user: str) -> None:
    wrong = neo4j_settings.model_copy(update={"user": probe_user, "password": SecretStr("nope")})
    with pytest.raises(StoreUnavailable) as info:
        Neo4jStore(wrong)
    assert str(info.value) == (
        f"Neo4j at {neo4j_settings.uri} refused the credentials for user {probe_user!r}"
        " (check NEO4J_USER and NEO4J_PASSWORD)"
    )
    missing = neo4j_settings.model_copy(update={"database": "nosuchdb"})
    with pytest.raises(StoreUnavailable, match="has no database 'nosuchdb'"):
        Neo4jStore(missing)


def test_schema_is_idempotent_and_holds_the_constraints(neo4j: Neo4jStore) -> None:
    neo4j.ensure_schema()
    neo4j.ensure_schema()
    with neo4j._driver.session(database=neo4j.database) as s:
        constraints = {
            (r["labelsOrTypes"][0], r["properties"][0], r["type"])
            for r in s.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
        }
        indexes = {r["name"]: r["state"] for r in s.run("SHOW INDEXES YIELD name, state")}
    assert ("Node", "id", "UNIQUENESS") in constraints
    for rel in load_schema().relation_types:
        assert (rel, "id", "RELATIONSHIP_UNIQUENESS") in constraints
    for t in load_schema().node_types:  # documents' names are titles of any length: no index
        name = f"actorgraph_{t.lower()}_name_text"
        assert indexes.get(name) == (None if t == "Document" else "ONLINE"), name
        assert f"actorgraph_{t.lower()}_name" not in indexes  # the old RANGE indexes are gone
    assert indexes["actorgraph_node_names"] == "ONLINE"  # full-text, for Cypher users


def test_labels_types_and_evidence_are_laid_out_as_documented(
    empty: Neo4jStore, seeds_graph: GraphData
) -> None:
    """Cypher users (and the console) see the graph as graph/store/neo4j_cypher.py says."""
    empty.import_graph(seeds_graph)
    edge = next(e for e in seeds_graph.edges if len({ev.document for ev in e.evidence}) == 2)
    source = next(n for n in seeds_graph.nodes if n.id == edge.source)
    _, rows, _ = empty.run_read_query(
        "MATCH (a:Node)-[r {id: $id}]->(:Node) "
        "RETURN labels(a), type(r), r.documents, r.evidence, r.evidence_keys",
        {"id": edge.id},
        5,
        10,
    )
    labels, rel, docs, evidence, keys = rows[0]
    assert sorted(labels) == sorted(["Node", source.type]) and rel == edge.type
    assert docs == list(dict.fromkeys(ev.document for ev in edge.evidence))
    assert [Evidence.model_validate_json(s) for s in evidence] == edge.evidence
    assert [json.loads(k) for k in keys] == [list(ev.key()) for ev in edge.evidence]
    _, hits, _ = empty.run_read_query(
        "CALL db.index.fulltext.queryNodes('actorgraph_node_names', 'maduro') YIELD node"
        " RETURN node.id",
        {},
        5,
        10,
    )
    assert hits == [["person:nicolas-maduro"]]


def test_properties_neo4j_cannot_hold_are_refused_and_nothing_is_written(
    empty: Neo4jStore,
) -> None:
    bad = GraphData(nodes=[Node(id="person:x", type="Person", name="X", meta={"a": 1})])
    with pytest.raises(StoreError, match="node person:x: property 'meta' is not a scalar"):
        empty.import_graph(bad)
    mixed = GraphData(nodes=[Node(id="person:x", type="Person", name="X", tags=["a", 1])])
    with pytest.raises(StoreError, match="property 'tags'"):
        empty.import_graph(mixed)
    unknown = GraphData(nodes=[Node(id="alien:x", type="Alien", name="X")])
    with pytest.raises(StoreError, match="type 'Alien' is not in the schema"):
        empty.import_graph(unknown)
    assert empty.stats().nodes == 0


def _contribution(data: GraphData, doc_id: str) -> GraphData:
    edges = []
    for e in data.edges:
        evidence = [ev for ev in e.evidence if ev.document == doc_id]
        if evidence:
            edges.append(e.model_copy(update={"evidence": evidence}))
    ids = {doc_id} | {e.source for e in edges} | {e.target for e in edges}
    return GraphData(nodes=[n for n in data.nodes if n.id in ids], edges=edges)


def test_concurrent_documents_lose_nothing(
    empty: Neo4jStore, neo4j_settings: Neo4jSettings, seeds_graph: GraphData
) -> None:
    """Two documents that share actors and edges, written at the same time from two
    connections, many times over: every alias and every evidence item survives."""
    docs = sorted(n.id for n in seeds_graph.nodes if n.type == DOCUMENT)
    parts = {d: _contribution(seeds_graph, d) for d in docs}
    shared = {e.id for e in parts[docs[0]].edges} & {e.id for e in parts[docs[1]].edges}
    assert shared, "the seeds share edges; the test needs that"
    writers = [Neo4jStore(neo4j_settings) for _ in docs]
    errors: list[BaseException] = []

    def write(store: Neo4jStore, doc_id: str, barrier: threading.Barrier) -> None:
        try:
            barrier.wait()
            store.replace_document(doc_id, parts[doc_id])
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    try:
        for _ in range(4):
            empty.clear()
            barrier = threading.Barrier(len(docs))
            threads = [
                threading.Thread(target=write, args=(w, d, barrier))
                for w, d in zip(writers, docs, strict=True)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert errors == []
            assert canon(empty.export()) == canon(seeds_graph)
    finally:
        for w in writers:
            w.close()


# ---- the read-only Cypher console ----
def test_read_query_rows_columns_and_graph_values(
    empty: Neo4jStore, seeds_graph: GraphData
) -> None:
    empty.import_graph(seeds_graph)
    columns, rows, truncated = empty.run_read_query(
        "MATCH path = (p:Person {id: $id})-[r:HOLDS_ROLE]->(i) "
        "RETURN p, r, path, i.name AS institution ORDER BY r.id LIMIT 1",
        {"id": "person:vyacheslav-volodin"},
        5,
        10,
    )
    assert columns == ["p", "r", "path", "institution"] and not truncated
    node, rel, path, institution = rows[0]
    assert node["kind"] == "node" and node["labels"] == ["Node", "Person"]
    assert node["properties"]["name"] == "Vyacheslav Volodin"
    assert rel["kind"] == "relationship" and rel["type"] == "HOLDS_ROLE"
    assert rel["start"] == node["element_id"]
    assert path["kind"] == "path" and [n["properties"]["id"] for n in path["nodes"]] == [
        "person:vyacheslav-volodin",
        rel_end_id(path),
    ]
    assert isinstance(institution, str)

    columns, rows, _ = empty.run_read_query(
        "RETURN date('2024-01-02') AS d, [1, 2.5, 'x'] AS l, {a: null} AS m, point({x: 1, y: 2}) AS p",
        {},
        5,
        10,
    )
    assert rows == [
        [
            "2024-01-02",
            [1, 2.5, "x"],
            {"a": None},
            {"kind": "point", "srid": 7203, "coordinates": [1.0, 2.0]},
        ]
    ]


def rel_end_id(path: dict) -> str:
    end = path["relationships"][0]["end"]
    return next(n["properties"]["id"] for n in path["nodes"] if n["element_id"] == end)


def test_read_query_caps_rows(empty: Neo4jStore) -> None:
    columns, rows, truncated = empty.run_read_query("UNWIND range(1, 50) AS x RETURN x", {}, 5, 7)
    assert columns == ["x"] and rows == [[i] for i in range(1, 8)] and truncated
    _, rows, truncated = empty.run_read_query("UNWIND range(1, 7) AS x RETURN x", {}, 5, 7)
    assert len(rows) == 7 and not truncated


def test_read_query_refuses_writes_and_reports_errors(empty: Neo4jStore) -> None:
    with pytest.raises(QueryError, match="only read queries"):
        empty.run_read_query("CREATE (n:Node:Person {id: 'person:intruder'}) RETURN n", {}, 5, 10)
    assert empty.get_node("person:intruder") is None
    with pytest.raises(QueryError, match="Invalid input 'MATC'"):
        empty.run_read_query("MATC (n) RETURN n", {}, 5, 10)
    with pytest.raises(QueryError, match=r"longer than 0\.5 s"):
        empty.run_read_query(
            "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*)", {}, 0.5, 10
        )


# ---- the CLI on Neo4j, as a user runs it ----
def cli(settings: Neo4jSettings, *commands: list[str], **env: str) -> list[tuple[int, str, str]]:
    """Run each command as its own process (all at once) against the given server."""
    environment = {
        **os.environ,
        "COLUMNS": "200",
        "ACTORGRAPH_STORE": "neo4j",
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password.get_secret_value(),
        "NEO4J_DATABASE": settings.database,
        **env,
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "app.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
            env=environment,
        )
        for args in commands
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append((proc.returncode, out, err))
    return results


def test_cli_imports_and_exports_through_neo4j(
    empty: Neo4jStore, neo4j_settings: Neo4jSettings, seeds_graph: GraphData, tmp_path: Path
) -> None:
    graph_file = tmp_path / "graph.json"
    graph_file.write_text(seeds_graph.model_dump_json(exclude_none=True), encoding="utf-8")
    [(code, out, err)] = cli(neo4j_settings, ["import", str(graph_file)])
    assert code == 0, err
    n, e = len(seeds_graph.nodes), len(seeds_graph.edges)
    assert f"imported {n} nodes and {e} edges; the store now holds {n} nodes and {e} edges" in out
    (code, out, err), (code2, exported, err2) = cli(neo4j_settings, ["stats"], ["export"])
    assert code == 0 and f"store: neo4j  nodes: {n}  edges: {e}  documents: 2" in out, err
    assert code2 == 0, err2
    assert json.loads(exported) == canon(seeds_graph)


def test_cli_with_neo4j_down_says_so_in_one_line(
    neo4j_settings: Neo4jSettings, seeds_graph: GraphData, tmp_path: Path
) -> None:
    graph_file = tmp_path / "graph.json"
    graph_file.write_text(seeds_graph.model_dump_json(exclude_none=True), encoding="utf-8")
    port = free_port()
    commands = [["stats"], ["export"], ["import", str(graph_file)], ["ingest", "seeds"]]
    results = cli(neo4j_settings, *commands, NEO4J_URI=f"bolt://127.0.0.1:{port}")
    for args, (code, out, err) in zip(commands, results, strict=True):
        assert code == 1 and out == "", args
        assert err.strip() == (
            f"actorgraph: Neo4j at bolt://127.0.0.1:{port} is unreachable:"
            " [Errno 111] Connection refused"
        ), args


def test_cli_with_a_wrong_password_says_so_in_one_line(
    neo4j_settings: Neo4jSettings, probe_user: str
) -> None:
    [(code, out, err)] = cli(
        neo4j_settings, ["stats"], NEO4J_USER=probe_user, NEO4J_PASSWORD="wrong"
    )
    assert code == 1 and out == ""
    assert err.strip() == (
        f"actorgraph: Neo4j at {neo4j_settings.uri} refused the credentials for user"
        f" '{probe_user}' (check NEO4J_USER and NEO4J_PASSWORD)"
    )


# ---- scale: batches, the document-edge lists, plans, version, --bulk ----
@pytest.mark.parametrize("workers", [1, 4])
def test_import_in_small_batches_gives_the_same_graph_and_can_run_again(
    empty: Neo4jStore, neo4j_settings: Neo4jSettings, seeds_graph: GraphData, workers: int
) -> None:
    """Every batch is its own transaction, from one session or several at once; running
    them all again (what the driver's retry does with one) changes nothing."""
    settings = neo4j_settings.model_copy(update={"import_workers": workers})
    small = Neo4jStore(settings, batch=7)
    try:
        small.import_graph(seeds_graph)
        assert canon(empty.export()) == canon(seeds_graph)
        small.import_graph(seeds_graph)
        assert canon(empty.export()) == canon(seeds_graph)
        assert _document_edges(empty) == _expected_document_edges(seeds_graph)
    finally:
        small.close()


class _Retries(logging.Handler):
    """The driver's "Transaction failed and will be retried" warnings, as they come."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[str] = []
        self.first = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if "will be retried" in record.getMessage():
            self.seen.append(record.getMessage())
            self.first.set()


def test_a_batch_the_server_rolls_back_is_retried_alone_and_writes_nothing_twice(
    empty: Neo4jStore, neo4j_settings: Neo4jSettings, seeds_graph: GraphData
) -> None:
    """A real deadlock between an import batch and two other transactions, staged so that
    the batch is the one the server rolls back (it closes the cycle and holds the fewest
    locks): `third` holds edge j of the batch, the batch merges edge 0 and waits for it;
    `holder` (1,000 locks, and edge k > j) asks for edge 0 and waits for the batch; `third`
    lets go, the batch asks for edge k. The driver runs the batch again, the other
    sessions' batches go on meanwhile, and the graph is exact: nothing twice."""
    empty.import_graph(GraphData(nodes=seeds_graph.nodes))  # the ends the others need
    relation, chunk = _staged_edges(seeds_graph, 25)
    # the edges of one type only: its first batch is the first to run (and the nodes,
    # whose merge would wait for the ends the others lock, are in the store already)
    edges = GraphData(edges=[e for e in seeds_graph.edges if e.type == relation])
    expected = GraphData(nodes=seeds_graph.nodes, edges=edges.edges)
    settings = neo4j_settings.model_copy(update={"import_workers": 2})
    importer = Neo4jStore(settings, batch=25)
    retries = _Retries()
    logging.getLogger("neo4j").addHandler(retries)
    sessions = [empty._driver.session(database=empty.database) for _ in range(2)]
    holder, third = (s.begin_transaction(timeout=90) for s in sessions)  # a stuck test ends
    errors: list[BaseException] = []

    def run(work: Any) -> threading.Thread:
        def target() -> None:
            try:
                work()
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)

        thread = threading.Thread(target=target)
        thread.start()
        return thread

    try:
        holder.run(
            "UNWIND range(1, 1000) AS i MERGE (:DocumentEdges {document: 'lock-' + i})"
        ).consume()
        _merge_edge(holder, relation, chunk[2])
        _merge_edge(third, relation, chunk[1])
        importing = run(lambda: importer.import_graph(edges))
        _wait_blocked(empty, chunk[0].id)  # the batch: edge 0 merged, waits for edge j
        asking = run(lambda: _merge_edge(holder, relation, chunk[0], "/* holder */"))
        _wait_blocked(empty, "/* holder */")
        third.rollback()
        assert retries.first.wait(120), "the batch was not rolled back and retried"
        asking.join(120)
        holder.rollback()  # edge 2 is free: the batch's second run goes through
        importing.join(300)
        assert not importing.is_alive() and errors == []
    finally:
        for tx in (holder, third):
            if not tx.closed():
                tx.rollback()
        for session in sessions:
            session.close()
        logging.getLogger("neo4j").removeHandler(retries)
        importer.close()
    assert any("DeadlockDetected" in m for m in retries.seen), retries.seen
    assert canon(empty.export()) == canon(expected)
    assert _document_edges(empty) == _expected_document_edges(expected)
    _, twice, _ = empty.run_read_query(
        "MATCH (x:DocumentEdges) UNWIND x.edges AS e WITH x, e, count(*) AS n"
        " WHERE n > 1 RETURN x.document, e",
        {},
        5,
        100,
    )
    assert twice == []  # the sets above would hide an entry written twice


def _staged_edges(data: GraphData, batch: int) -> tuple[str, list[Any]]:
    """A relation type whose first import batch has edges 0, j and k (0 < j < k) with no
    end in common (creating a relationship also locks its ends), edge k's ends in no
    earlier row of the batch."""
    groups: dict[str, list[Any]] = {}
    for e in data.edges:
        groups.setdefault(e.type, []).append(e)
    for relation, group in sorted(groups.items()):
        chunk = group[:batch]
        ends = [{e.source, e.target} for e in chunk]
        for k in range(2, len(chunk)):
            if ends[k] & set().union(*ends[:k]):
                continue
            for j in range(1, k):
                if not ends[j] & ends[0]:
                    return relation, [chunk[0], chunk[j], chunk[k]]
    raise AssertionError("the seeds have no batch the test can stage")


def _merge_edge(tx: Any, relation: str, edge: Any, marker: str = "") -> None:
    """What the import's MERGE locks first: the edge's entry in its type's id constraint."""
    tx.run(
        f"{marker} MATCH (a:Node {{id: $s}}), (b:Node {{id: $t}})"
        f" MERGE (a)-[:`{relation}` {{id: $id}}]->(b)",
        s=edge.source,
        t=edge.target,
        id=edge.id,
    ).consume()


def _wait_blocked(store: Neo4jStore, query_part: str) -> None:
    """Until a transaction whose current query or its parameters hold `query_part` waits
    for a lock."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with store._driver.session(database=store.database) as s:
            rows = s.run("SHOW TRANSACTIONS YIELD currentQuery, parameters, status").data()
        for r in rows:
            running = f"{r['currentQuery']} {r['parameters']}"
            if query_part in running and "Blocked" in r["status"]:
                return
        time.sleep(0.05)  # polling a condition, with a deadline
    raise AssertionError(f"no transaction running {query_part!r} waited for a lock: {rows}")


def _document_edges(store: Neo4jStore) -> dict[str, set[str]]:
    _, rows, _ = store.run_read_query(
        "MATCH (x:DocumentEdges) RETURN x.document, x.edges", {}, 10, 10_000
    )
    return {doc: set(edges) for doc, edges in rows}


def _expected_document_edges(data: GraphData) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in data.edges:
        for ev in e.evidence:
            out.setdefault(ev.document, set()).add(f"{e.type}|{e.id}")
    return out


def test_each_document_lists_the_edges_it_has_evidence_on(
    empty: Neo4jStore, seeds_graph: GraphData
) -> None:
    docs = sorted(n.id for n in seeds_graph.nodes if n.type == DOCUMENT)
    for doc in docs:
        empty.replace_document(doc, _contribution(seeds_graph, doc))
    assert _document_edges(empty) == _expected_document_edges(seeds_graph)
    empty.delete_document(docs[0])
    assert set(_document_edges(empty)) == {docs[1]}
    assert _document_edges(empty) == _expected_document_edges(empty.export())


def _plan_operators(store: Neo4jStore, statement: str, **params: object) -> set[str]:
    with store._driver.session(database=store.database) as s:
        plan = s.run("EXPLAIN " + statement, params).consume().plan
    found: set[str] = set()

    def walk(op: dict) -> None:
        found.add(op["operatorType"].split("@")[0])
        for child in op.get("children", []):
            walk(child)

    walk(plan)
    return found


def test_the_big_reads_and_writes_are_index_lookups_not_scans(neo4j: Neo4jStore) -> None:
    """What makes a request cost its answer: the plans Neo4j picks for them."""
    from graph.store import neo4j_cypher as q

    removal = _plan_operators(
        neo4j, q.remove_document_evidence("HOLDS_ROLE"), ids=["rel:x"], doc="d", prefix="p"
    )
    assert "DirectedRelationshipUniqueIndexSeek(Locking)" in removal
    assert not any("Scan" in op for op in removal), removal
    counts = _plan_operators(neo4j, q.node_counts()) | _plan_operators(neo4j, q.edge_counts())
    assert counts <= {
        "ProduceResults",
        "Union",
        "Projection",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
    }, counts
    candidates = _plan_operators(neo4j, q.ENTITY_CANDIDATES, probes=["\ns:putin\n"])
    assert "NodeIndexContainsScan" in candidates, candidates  # a text-index lookup
    docs = _plan_operators(neo4j, q.LIST_DOCUMENTS, offset=0, limit=10)
    assert "NodeIndexScan" in docs and "Sort" not in docs, docs


def test_version_holds_between_reads_and_is_seen_by_another_connection(
    empty: Neo4jStore, neo4j_settings: Neo4jSettings, seeds_graph: GraphData
) -> None:
    other = Neo4jStore(neo4j_settings)
    try:
        before = empty.version()
        empty.stats(), empty.search("putin"), empty.export()
        assert empty.version() == before == other.version()
        other.import_graph(seeds_graph)
        assert empty.version() > before
    finally:
        other.close()


@pytest.fixture
def provisioned(neo4j_settings: Neo4jSettings) -> Neo4jSettings:
    """The server --bulk can work on: the one `actorgraph neo4j start` runs (as `make test`
    and the neo4j_server fixture do)."""
    from graph.config import Settings
    from graph.store.neo4j_bulk import _check_local, cache_dir

    try:
        _check_local(Settings(store="neo4j", neo4j=neo4j_settings), cache_dir())
    except StoreError as exc:
        pytest.skip(str(exc))
    return neo4j_settings


def test_bulk_import_refuses_a_database_that_is_not_empty(
    empty: Neo4jStore, provisioned: Neo4jSettings, seeds_graph: GraphData, tmp_path: Path
) -> None:
    neo4j_settings = provisioned
    empty.import_graph(GraphData(nodes=seeds_graph.nodes[:1]))
    graph_file = tmp_path / "graph.json"
    graph_file.write_text(seeds_graph.model_dump_json(exclude_none=True), encoding="utf-8")
    [(code, out, err)] = cli(neo4j_settings, ["import", "--bulk", str(graph_file)])
    assert code == 1 and out == ""
    assert (
        err.strip()
        == (
            f"actorgraph: --bulk loads only an empty database, and 'neo4j' at {neo4j_settings.uri}"
            " holds 1 nodes (import without --bulk merges into it)"
        )
        or "--bulk imports only into the server `actorgraph neo4j start` runs" in err
    )
    assert "\n" not in err.strip()
    assert canon(empty.export()) == canon(GraphData(nodes=seeds_graph.nodes[:1]))


def test_bulk_import_refuses_a_server_it_did_not_provision(
    neo4j_settings: Neo4jSettings, seeds_graph: GraphData
) -> None:
    from graph.config import Settings
    from graph.store.neo4j_bulk import bulk_import

    elsewhere = neo4j_settings.model_copy(update={"uri": "neo4j+s://example.databases.neo4j.io"})
    with pytest.raises(
        StoreError, match=r"--bulk imports only into the server `actorgraph neo4j start`"
    ):
        bulk_import(Settings(store="neo4j", neo4j=elsewhere), seeds_graph)


def test_bulk_import_loads_an_empty_database_exactly(
    empty: Neo4jStore, provisioned: Neo4jSettings, seeds_graph: GraphData
) -> None:
    """Stops and restarts the provisioned server: the graph, its search forms, keys and
    document-edge lists come back as the transactional import writes them."""
    from graph.config import Settings
    from graph.store.neo4j_bulk import bulk_import

    before = empty.version()
    steps = bulk_import(Settings(store="neo4j", neo4j=provisioned), seeds_graph)
    assert set(steps) == {"csv", "stop", "neo4j-admin", "start", "indexes"}
    assert canon(empty.export()) == canon(seeds_graph)
    assert empty.version() > before
    assert _document_edges(empty) == _expected_document_edges(seeds_graph)
    assert empty.search("putin")[0].node.id == "person:vladimir-putin"
    putin = empty.get_node("person:vladimir-putin")
    assert putin is not None and putin in empty.entity_candidates({"s:putin"})
    doc = sorted(n.id for n in seeds_graph.nodes if n.type == DOCUMENT)[0]
    assert empty.delete_document(doc)
    assert doc not in _document_edges(empty)


def test_a_routing_address_works_like_a_direct_one(
    empty: Neo4jStore, neo4j_settings: Neo4jSettings, seeds_graph: GraphData
) -> None:
    """neo4j:// is what clusters and Aura give: the driver asks the server for a routing
    table and sends reads and writes where it says; each read sees the writes before it."""
    scheme, _, rest = neo4j_settings.uri.partition("://")
    routed = Neo4jStore(neo4j_settings.model_copy(update={"uri": f"neo4j://{rest}"}))
    try:
        routed.ensure_schema()
        routed.import_graph(seeds_graph)
        assert canon(routed.export()) == canon(seeds_graph)
        doc = sorted(n.id for n in seeds_graph.nodes if n.type == DOCUMENT)[0]
        assert routed.delete_document(doc) and routed.get_node(doc) is None
        assert routed.search("putin")[0].node.id == "person:vladimir-putin"
        assert routed.stats() == empty.stats()
    finally:
        routed.close()


def test_a_graph_written_by_the_older_layout_is_brought_up_to_date(
    empty: Neo4jStore, seeds_graph: GraphData
) -> None:
    """A database from before the document-edge lists and keys: ensure_schema makes them,
    so deleting a document afterwards still removes all its evidence."""
    empty.import_graph(seeds_graph)
    with empty._driver.session(database=empty.database) as s:
        s.run("MATCH (x:DocumentEdges) DELETE x").consume()
        s.run("MATCH (n:Node) REMOVE n._keys").consume()
        s.run("MATCH (m:ActorgraphMeta) REMOVE m.layout").consume()
    assert _document_edges(empty) == {} and empty.entity_candidates({"s:putin"}) == []
    empty.ensure_schema()
    assert _document_edges(empty) == _expected_document_edges(seeds_graph)
    assert [n.id for n in empty.entity_candidates({"s:putin"})] == ["person:vladimir-putin"]
    doc = sorted(n.id for n in seeds_graph.nodes if n.type == DOCUMENT)[0]
    empty.delete_document(doc)
    assert all(ev.document != doc for e in empty.export().edges for ev in e.evidence)


@pytest.mark.parametrize(
    "key",
    [
        ("doc:a", 0, 5, None),
        ("doc:\"q\"\n\t\\ é 中 \x01 \u2028", 3, 10, 'te"xt\r\n'),
        ("", 0, 0, ""),
    ],
)
def test_evidence_keys_are_json_dumps_exactly(key: tuple[str, int, int, str | None]) -> None:
    """The merge compares stored keys with new ones as strings: the fast builder the bulk CSV
    and the batched import use must give json.dumps's string, byte for byte."""
    from graph.store.neo4j_cypher import evidence_key

    assert evidence_key(*key) == json.dumps(list(key), ensure_ascii=False)
