"""The embedded store as a database: upgrade from the JSON file, versions seen by other
processes, writers in several processes, readers that never see half a document."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading
from pathlib import Path

from graph.model import Edge, Evidence, GraphData, Node
from graph.query import GraphFilter
from graph.relations import RelationQuery
from graph.schema import DOCUMENT, MENTIONS
from graph.store.sqlite import DB_FILE, LEGACY_FILE, SqliteStore
from graph.store.sqlite_schema import MIGRATIONS, SCHEMA_VERSION


def contribution(doc: str, people: int) -> GraphData:
    """A document mentioning `people` people (ids shared between documents)."""
    nodes = [Node(id=doc, type=DOCUMENT, name=doc, sha256=doc)]
    edges = []
    for i in range(people):
        pid = f"person:p{i}"
        nodes.append(Node(id=pid, type="Person", name=f"Person {i}"))
        ev = Evidence(document=doc, sentence=f"P{i}.", start=i, end=i + 1, text=f"P{i}")
        edges.append(
            Edge(id=f"rel:{doc}-{i}", source=doc, target=pid, type=MENTIONS, evidence=[ev])
        )
    return GraphData(nodes=nodes, edges=edges)


def test_a_json_store_is_imported_once_and_kept_as_a_backup(
    tmp_path: Path, seeds_graph: GraphData
) -> None:
    (tmp_path / LEGACY_FILE).write_text(seeds_graph.model_dump_json(exclude_none=True))
    (tmp_path / ".graph-abc123.json").write_text('{"nodes": [')  # a crashed writer's temp
    store = SqliteStore(tmp_path)
    assert store.export() == seeds_graph.sorted()
    assert not (tmp_path / LEGACY_FILE).exists()
    backup = tmp_path / (LEGACY_FILE + ".imported")
    assert json.loads(backup.read_text())["nodes"]
    assert not list(tmp_path.glob(".graph-*"))
    store.close()
    again = SqliteStore(tmp_path)  # opening again imports nothing twice
    assert again.stats() == store.stats()


def test_a_broken_json_store_is_refused_and_left_in_place(tmp_path: Path) -> None:
    (tmp_path / LEGACY_FILE).write_text('{"nodes": [{"id": 1}]')
    try:
        SqliteStore(tmp_path)
    except Exception as exc:  # noqa: BLE001 - the message is what the user reads
        assert LEGACY_FILE in str(exc) and "not a valid actorgraph store" in str(exc)
    else:
        raise AssertionError("a broken graph.json was accepted")
    assert (tmp_path / LEGACY_FILE).exists()


def test_version_moves_with_every_write_seen_from_another_opener(tmp_path: Path) -> None:
    writer, reader = SqliteStore(tmp_path), SqliteStore(tmp_path)
    seen = [reader.version()]
    writer.replace_document("doc:a", contribution("doc:a", 3))
    seen.append(reader.version())
    writer.delete_document("doc:a")
    seen.append(reader.version())
    assert len(set(seen)) == 3 and seen == sorted(seen)
    assert reader.version() == seen[-1]  # reading does not move it


def _ingest_many(path: str, worker: int, docs: int) -> None:
    store = SqliteStore(Path(path))
    for d in range(docs):
        store.replace_document(f"doc:w{worker}-{d}", contribution(f"doc:w{worker}-{d}", 20))
    store.close()


def test_writers_in_several_processes_take_turns(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_ingest_many, args=(str(tmp_path), w, 15)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
        assert p.exitcode == 0
    stats = SqliteStore(tmp_path).stats()
    assert stats.documents == 45 and stats.nodes == 45 + 20 and stats.edges == 45 * 20


def test_readers_never_see_half_a_document(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    store.replace_document("doc:a", contribution("doc:a", 200))
    done, started = threading.Event(), threading.Event()
    both = GraphFilter(types=[DOCUMENT, "Person"])
    sizes: set[int] = set()

    def read() -> None:
        reader = SqliteStore(tmp_path)
        while not done.is_set():
            sizes.add(len(reader.neighbors("doc:a", 1, both, limit=5000).edges))
            started.set()
            sizes.add(len(reader.node_edges("doc:a")))

    thread = threading.Thread(target=read)
    thread.start()
    assert started.wait(timeout=120)
    for people in (50, 200, 10, 200) * 3:
        store.replace_document("doc:a", contribution("doc:a", people))
    done.set()
    thread.join()
    assert sizes <= {50, 200, 10}  # whole documents only, never a part of one


def test_replacing_a_document_touches_only_its_rows(tmp_path: Path) -> None:
    """Other documents' evidence stays byte for byte; their shared actors stay."""
    store = SqliteStore(tmp_path)
    store.replace_document("doc:a", contribution("doc:a", 30))
    store.replace_document("doc:b", contribution("doc:b", 10))
    before_b = store.node_edges("doc:b")
    store.replace_document("doc:a", contribution("doc:a", 5))
    assert store.node_edges("doc:b") == before_b
    assert store.stats().nodes == 2 + 10  # p10..p29 were only doc:a's
    assert [n.id for n in store.entity_candidates({"s:29"})] == []
    assert [n.id for n in store.entity_candidates({"n:person 3"})] == ["person:p3"]


def test_a_store_opens_and_reads_while_another_process_writes(tmp_path: Path) -> None:
    """The server starts and answers while `actorgraph import` holds the write lock."""
    SqliteStore(tmp_path).replace_document("doc:a", contribution("doc:a", 3))
    writer = sqlite3.connect(tmp_path / DB_FILE, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM evidence")  # uncommitted: nobody else may see it
    try:
        reader = SqliteStore(tmp_path)
        assert reader.stats().documents == 1
        assert len(reader.node_edges("doc:a")) == 3
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_cached_reads_see_the_writes_of_another_opener(tmp_path: Path) -> None:
    """Parsed edges and nodes are kept between reads, never past a write of anyone."""
    reader, writer = SqliteStore(tmp_path), SqliteStore(tmp_path)
    writer.replace_document("doc:a", contribution("doc:a", 3))
    both = GraphFilter(types=[DOCUMENT, "Person"])
    first = reader.neighbors("doc:a", 1, both)
    assert reader.neighbors("doc:a", 1, both) == first  # from the cache
    renamed = contribution("doc:a", 3)
    renamed.nodes[1] = renamed.nodes[1].model_copy(update={"name": "Someone Else"})
    renamed.edges[1].evidence[0] = (
        renamed.edges[1].evidence[0].model_copy(update={"sentence": "changed"})
    )
    writer.replace_document("doc:a", renamed)
    again = reader.neighbors("doc:a", 1, both)
    assert again != first
    assert {n.name for n in again.nodes} >= {"Someone Else"}
    assert "changed" in {ev.sentence for e in again.edges for ev in e.evidence}
    assert reader.node_edges("doc:a") == writer.node_edges("doc:a")


def _dated_meeting(doc_date: str | None) -> GraphData:
    """Two people who met, read in a document of that date; the sentence gives none."""
    doc = Node(id="doc:d", type=DOCUMENT, name="d", sha256="d", date=doc_date)
    p, q = (Node(id=f"person:{x}", type="Person", name=x.upper()) for x in "pq")
    ev = Evidence(document="doc:d", sentence="P met Q.", start=0, end=8)
    met = Edge(id="rel:met", source=p.id, target=q.id, type="MET_WITH", evidence=[ev])
    return GraphData(nodes=[doc, p, q], edges=[met])


def _periods(store: SqliteStore) -> tuple[int, int, list[tuple[str, int]]]:
    return (
        store.relations(RelationQuery(since="2023-10"), 10, 0).total,
        store.relations(RelationQuery(until="2023-09-30"), 10, 0).total,
        store.evidence_months(RelationQuery())[0],
    )


def test_a_store_of_the_first_schema_is_upgraded_when_opened(tmp_path: Path) -> None:
    """A store written before evidence dates were kept in their own column (schema 1) gets
    them on open, from the items' and documents' dates, and period filters answer as
    before; opening it again changes nothing."""
    SqliteStore(tmp_path).replace_document("doc:d", _dated_meeting("2023-10-20"))
    conn = sqlite3.connect(tmp_path / DB_FILE)
    conn.executescript(
        "DROP TRIGGER document_date_ai; DROP TRIGGER document_date_au;"
        " DROP INDEX evidence_by_date; ALTER TABLE evidence DROP COLUMN date;"
        " UPDATE meta SET value = 1 WHERE key = 'schema';"
    )
    conn.close()
    store = SqliteStore(tmp_path)
    assert _periods(store) == (1, 0, [("2023-10", 1)])
    schema = sqlite3.connect(tmp_path / DB_FILE).execute(
        "SELECT value FROM meta WHERE key = 'schema'"
    )
    assert schema.fetchone()[0] == SCHEMA_VERSION == max(MIGRATIONS)
    assert _periods(SqliteStore(tmp_path)) == (1, 0, [("2023-10", 1)])


def test_a_document_whose_date_changes_moves_its_evidence(tmp_path: Path) -> None:
    """The date rule is resolved when evidence is written; a document given another date
    (or its first) later takes its undated evidence with it."""
    store = SqliteStore(tmp_path)
    store.import_graph(_dated_meeting(None))
    assert _periods(store) == (0, 0, [])
    store.import_graph(_dated_meeting("2023-09-02"))
    assert _periods(store) == (0, 1, [("2023-09", 1)])
    store.import_graph(_dated_meeting("2023-11-15"))
    assert _periods(store) == (1, 0, [("2023-11", 1)])
