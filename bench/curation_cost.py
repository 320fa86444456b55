"""What a curation decision costs as the store grows: the documents it touches, not the store.

Stores of N synthetic documents (each ~12 actors drawn from a shared pool with a few hubs,
a MENTIONS edge per actor and ~8 relations) are written through Curator.write_document, so
each keeps its uncurated contribution. Then, per size: a merge of two rare actors (two or
three documents each) and its undo, timed; beside them the alternative design of applying
the log again to every document (the whole-store rewrite), and the space the uncurated
contributions take. The embedded store always; Neo4j too when NEO4J_URI is set (smaller).

    .venv/bin/python bench/curation_cost.py [sizes...]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from graph.blocking import node_keys
from graph.curation.apply import curate
from graph.curation.curator import Curator
from graph.curation.decisions import Decision
from graph.model import Edge, Evidence, GraphData, Node, edge_id, node_id
from graph.store.base import GraphStore
from graph.store.sqlite import SqliteStore

SYL = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "an", "dre", "be", "ni", "gor", "sha"]


def pool(n: int, rng: random.Random) -> list[Node]:
    out: dict[str, Node] = {}
    while len(out) < n:
        name = " ".join("".join(rng.choice(SYL) for _ in range(3)).title() for _ in range(2))
        nid = node_id("Person", name)
        out.setdefault(nid, Node(id=nid, type="Person", name=name))
    return list(out.values())


def document(i: int, actors: list[Node], rng: random.Random) -> tuple[str, GraphData]:
    doc = f"doc:{i:06d}"
    picked = {actors[int(rng.random() ** 2 * len(actors))].id: None for _ in range(12)}
    chosen = [a for a in actors if a.id in picked]
    sentence = f"Sentence of document {i}."
    edges = [
        Edge(
            id=edge_id("MENTIONS", doc, a.id, False, None),
            source=doc,
            target=a.id,
            type="MENTIONS",
            evidence=[Evidence(document=doc, sentence=sentence, start=k, end=k + 1, text=a.name)],
        )
        for k, a in enumerate(chosen)
    ]
    for k in range(8):
        a, b = rng.sample(chosen, 2) if len(chosen) > 1 else (chosen[0], chosen[0])
        if a.id != b.id:
            x, y = sorted((a.id, b.id))
            edges.append(
                Edge(
                    id=edge_id("MET_WITH", x, y, True, None),
                    source=x,
                    target=y,
                    type="MET_WITH",
                    evidence=[
                        Evidence(document=doc, sentence=sentence, start=100 + k, end=101 + k)
                    ],
                )
            )
    nodes = [Node(id=doc, type="Document", name=f"Report {i}", sha256=f"{i:064x}"), *chosen]
    return doc, GraphData(nodes=nodes, edges=list({e.id: e for e in edges}.values()))


def fill(store: GraphStore, n_docs: int) -> list[Node]:
    rng = random.Random(11)
    actors = pool(max(50, n_docs * 3), rng)
    curator = Curator(store)
    for i in range(n_docs):
        curator.write_document(*document(i, actors, rng))
    return actors


def plain_fill(store: GraphStore, n_docs: int) -> None:
    """The same documents written without curation (no uncurated copy kept)."""
    rng = random.Random(11)
    actors = pool(max(50, n_docs * 3), rng)
    for i in range(n_docs):
        store.replace_document(*document(i, actors, rng))


def rare_pair(store: GraphStore, actors: list[Node]) -> tuple[str, str, int]:
    """Two actors mentioned in few documents: a typical duplicate of the long tail."""
    found = []
    for a in reversed(actors):
        docs = {e.source for e in store.node_edges(a.id) if e.type == "MENTIONS"}
        if 1 <= len(docs) <= 3:
            found.append((a.id, len(docs)))
        if len(found) == 2:
            break
    (a, da), (b, db) = found
    return a, b, da + db


def whole_store_rewrite(store: GraphStore, log: list[Decision]) -> float:
    """The alternative: every document's contribution curated and written again."""
    t = time.perf_counter()
    docs = [n.id for n in store.list_documents(limit=10**9)]
    items = []
    for doc_id, raw in store.raw_contributions(docs):
        doc_node = store.get_node(doc_id)
        assert doc_node is not None
        items.append(
            (doc_id, curate(GraphData(nodes=[doc_node, *raw.nodes], edges=raw.edges), log))
        )
    store.rewrite_documents(items)
    return time.perf_counter() - t


HIDES = 100  # decisions in the log when the resolution index is timed again


def index_cost(store: GraphStore, curator: Curator, actors: list[Node], docs: int = 20) -> float:
    """What an ingested document pays for being resolved against the actors as the documents
    alone made them (Curator.uncurated_index), in ms per document: the candidates of a
    document's dozen actors, read back from the uncurated contributions where the log names
    them."""
    rng = random.Random(5)
    t = time.perf_counter()
    for _ in range(docs):
        keys = set().union(*(node_keys(x) for x in rng.sample(actors, 12)))
        curator.uncurated_index(store.entity_candidates(keys), keys)
    return 1000 * (time.perf_counter() - t) / docs


def measure(
    kind: str, store: GraphStore, n_docs: int, plain: GraphStore | None = None
) -> dict[str, object]:
    plain_s = None
    if plain is not None:
        t = time.perf_counter()
        plain_fill(plain, n_docs)
        plain_s = time.perf_counter() - t
    t = time.perf_counter()
    actors = fill(store, n_docs)
    fill_s = time.perf_counter() - t
    a, b, touched = rare_pair(store, actors)
    curator = Curator(store)
    t = time.perf_counter()
    [d] = curator.add(
        [Decision.model_validate({"payload": {"kind": "merge", "source": a, "target": b}})]
    )
    merge_s = time.perf_counter() - t
    t = time.perf_counter()
    curator.undo(d.id)
    undo_s = time.perf_counter() - t
    curator.add([d])
    full_s = whole_store_rewrite(store, curator.log())
    index_1 = index_cost(store, curator, actors)
    hides = [
        Decision.model_validate({"payload": {"kind": "hide", "node": x.id}})
        for x in actors[-HIDES:]
        if x.id not in (a, b) and store.get_node(x.id) is not None
    ]
    curator.add(hides)
    index_n = index_cost(store, curator, actors)
    row: dict[str, object] = {
        "store": kind,
        "docs": n_docs,
        "write/doc ms, plain": 1000 * plain_s / n_docs if plain_s else "",
        "write/doc ms, curated": 1000 * fill_s / n_docs,
        "touched": touched,
        "merge ms": 1000 * merge_s,
        "undo ms": 1000 * undo_s,
        "rewrite-all ms": 1000 * full_s,
        "ratio": full_s / merge_s,
        "resolution index/doc ms, 1 decision": index_1,
        f"…, {HIDES + 1} decisions": index_n,
    }
    if isinstance(store, SqliteStore):
        conn = store._curation()
        raw = conn.execute("SELECT sum(length(data)) FROM curation_raw").fetchone()[0]
        graph = conn.execute("SELECT sum(length(data)) FROM nodes").fetchone()[0]
        graph += conn.execute("SELECT sum(length(data)) FROM evidence").fetchone()[0]
        graph += conn.execute("SELECT sum(length(data)) FROM edges").fetchone()[0]
        row["raw/graph bytes"] = raw / graph
    return row


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store, plain = SqliteStore(Path(tmp) / "a"), SqliteStore(Path(tmp) / "b")
            rows.append(measure("embedded", store, n, plain))
            store.close()
            plain.close()
    if os.environ.get("NEO4J_URI"):
        from graph.config import Neo4jSettings
        from graph.store.neo4j import Neo4jStore

        neo = Neo4jStore(Neo4jSettings())
        neo.ensure_schema()
        for n in [s for s in sizes if s <= 2000]:
            neo.clear()
            rows.append(measure("neo4j", neo, n))
        neo.clear()
        neo.close()
    cols = list(dict.fromkeys(k for r in rows for k in r))
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        cells = [f"{r[c]:.1f}" if isinstance(r.get(c), float) else str(r.get(c, "")) for c in cols]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [250, 1000, 4000])
