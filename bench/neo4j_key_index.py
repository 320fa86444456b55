"""Which index should answer `entity_candidates(keys)` on Neo4j? Neo4j 5's range indexes do
not index list elements, so the blocking keys need another shape. Two candidates, measured
on the same synthetic graph (bench/synthetic.py):

- text: the keys as one string property `_keys` ("\\nkey\\n" per key) under a TEXT index,
  looked up with CONTAINS (what the store does);
- key nodes: one `(:K {k})` node per distinct key with a uniqueness constraint and a
  `(:K)-[:KEY_OF]->(entity)` relationship per key of an entity, looked up by equality.

Prints the cost of writing the keys of every entity and the lookup latency (p50 / p95) of
each. Needs NEO4J_* of a server whose database may be filled (it imports the graph if the
database is empty) and leaves the key nodes removed afterwards.

    python bench/neo4j_key_index.py --edges 100000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

from bench.synthetic import generate
from graph.blocking import node_keys
from graph.config import Neo4jSettings
from graph.schema import DOCUMENT
from graph.store.neo4j import Neo4jStore

BATCH = 10_000
LOOKUPS = 200
SETUP = [
    "CREATE CONSTRAINT bench_key IF NOT EXISTS FOR (k:BenchKey) REQUIRE k.k IS UNIQUE",
]
WRITE_KEY_NODES = (
    "UNWIND $rows AS row MATCH (n:Node {id: row.id}) "
    "UNWIND row.keys AS key MERGE (k:BenchKey {k: key}) MERGE (k)-[:BENCH_KEY_OF]->(n)"
)
LOOKUP_KEY_NODES = (
    "UNWIND $keys AS key MATCH (:BenchKey {k: key})-[:BENCH_KEY_OF]->(n) "
    "RETURN DISTINCT properties(n) AS props"
)
WRITE_TEXT = "UNWIND $rows AS row MATCH (n:Node {id: row.id}) SET n._keys = row.text"
DROP = "MATCH (k:BenchKey) WITH k LIMIT 10000 DETACH DELETE k RETURN count(*) AS n"


def run(edges: int) -> None:
    store = Neo4jStore(Neo4jSettings())
    store.ensure_schema()
    data = generate(edges)
    if store.stats().edges != len(data.edges):
        store.clear()
        store.import_graph(data)
    entities = [n for n in data.nodes if n.type != DOCUMENT]
    rows = [{"id": n.id, "keys": sorted(node_keys(n))} for n in entities]
    driver = store._driver
    with driver.session(database=store.database) as s:
        for statement in SETUP:
            s.run(statement).consume()
        t = time.perf_counter()
        for i in range(0, len(rows), BATCH):
            s.execute_write(
                lambda tx, b=rows[i : i + BATCH]: tx.run(WRITE_KEY_NODES, rows=b).consume()
            )
        key_nodes_write = time.perf_counter() - t
        text_rows = [
            {"id": r["id"], "text": "\n" + "\n".join(r["keys"]) + "\n"} for r in rows if r["keys"]
        ]
        t = time.perf_counter()
        for i in range(0, len(text_rows), BATCH):
            batch = text_rows[i : i + BATCH]
            s.execute_write(lambda tx, b=batch: tx.run(WRITE_TEXT, rows=b).consume())
        text_write = time.perf_counter() - t
        probes = [r["keys"] for r in random.Random(7).sample(rows, LOOKUPS)]
        text, nodes = [], []
        for keys in probes:
            t = time.perf_counter()
            a = store.entity_candidates(keys)
            text.append(time.perf_counter() - t)
            t = time.perf_counter()
            b = s.execute_read(lambda tx, k=keys: list(tx.run(LOOKUP_KEY_NODES, keys=k)))
            nodes.append(time.perf_counter() - t)
            assert {n.id for n in a} == {r["props"]["id"] for r in b}
        while s.execute_write(lambda tx: tx.run(DROP).single(strict=True)["n"]):
            pass
    store.close()
    load = os.getloadavg()
    print(
        f"{len(entities):,} entities, {sum(len(r['keys']) for r in rows):,} keys;"
        f" load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n"
    )
    print("| shape | writing every entity's keys | lookup p50 | lookup p95 |")
    print("|---|---:|---:|---:|")
    for name, write, times in (
        ("`_keys` text property, TEXT index, CONTAINS", text_write, text),
        ("`(:Key {k})-[:KEY_OF]->()` nodes, equality", key_nodes_write, nodes),
    ):
        p50 = statistics.median(times) * 1000
        p95 = statistics.quantiles(times, n=20)[-1] * 1000
        print(f"| {name} | {write:.1f} s | {p50:.1f} ms | {p95:.1f} ms |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", type=int, default=100_000)
    run(parser.parse_args().edges)
