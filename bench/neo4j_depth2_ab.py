"""Depth-2 neighbours on Neo4j, before and after branch scale8, interleaved in one process.

Before: the ties statement reads each far end's id to keep the edges inside the answer
(`b.id IN $ids`), and the walk reads a level's frontier 100 nodes at a time. After: the far
end is kept by its element id, and the walk's chunks grow from FIRST_FRONTIER_CHUNK. The
two answers are asserted equal for every actor. Per answer: wall, the client's CPU and the
server's CPU (the JVM's, from /proc; clock ticks of 10 ms, so read the sums too).

Needs a Neo4j holding bench/synthetic.py's graph of that size (read only), NEO4J_* set:

    python bench/neo4j_depth2_ab.py --edges 100000 --rounds 3 --limit 200 --max-edges 500
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

from bench.neo4j_scale import server_cpu_seconds
from bench.synthetic import generate
from graph.config import Settings
from graph.query import GraphFilter
from graph.schema import DOCUMENT
from graph.store import neo4j as store_module
from graph.store import neo4j_cypher as q
from graph.store.neo4j import Neo4jStore

NEW_TIES = q.ties_among
NEW_FIRST_CHUNK = store_module.FIRST_FRONTIER_CHUNK


def before_ties(relations: list[str]) -> str:
    """main's ties statement (before scale8): the far end's id read for every relationship."""
    return (
        f"UNWIND $ids AS id MATCH (a:Node {{id: id}})-[r:{q._types(relations)}]->(b:Node)\n"
        "WHERE b.id IN $ids\n"
        "RETURN collect([r.id, a.id, b.id, size(r.evidence), elementId(r)]) AS rows"
    )


def use(code: str) -> None:
    q.ties_among = before_ties if code == "before" else NEW_TIES  # type: ignore[assignment]
    store_module.FIRST_FRONTIER_CHUNK = (
        store_module.FRONTIER_CHUNK if code == "before" else NEW_FIRST_CHUNK
    )


def pp(values: list[float]) -> str:
    high = statistics.quantiles(values, n=20)[-1]
    return f"{statistics.median(values) * 1000:,.0f} / {high * 1000:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--max-edges", type=int, default=500)
    args = parser.parse_args()
    data = generate(args.edges)
    actors = [n for n in data.nodes if n.type != DOCUMENT]
    picks = random.Random(args.edges).sample(actors, 40)
    store = Neo4jStore(Settings().neo4j)

    def answer(actor: str) -> object:
        return store.neighbors(actor, 2, GraphFilter(), args.limit, "none", args.max_edges)

    for p in picks[:5]:  # warm both
        for code in ("before", "after"):
            use(code)
            answer(p.id)
    res: dict[str, dict[str, list[float]]] = {
        c: {"wall": [], "client": [], "server": []} for c in ("before", "after")
    }
    start, load = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()[0]
    for rnd in range(args.rounds):
        for i, p in enumerate(picks):
            order = ("before", "after") if (i + rnd) % 2 == 0 else ("after", "before")
            got = {}
            for code in order:
                use(code)
                sv, c, t = server_cpu_seconds() or 0.0, time.process_time(), time.perf_counter()
                got[code] = answer(p.id)
                res[code]["wall"].append(time.perf_counter() - t)
                res[code]["client"].append(time.process_time() - c)
                res[code]["server"].append((server_cpu_seconds() or 0.0) - sv)
            assert got["before"] == got["after"], p.id
    use("after")
    store.close()
    end, load_end = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()[0]
    print(
        f"{args.edges:,} edges, {args.rounds} rounds × {len(picks)} actors, limit {args.limit},"
        f" max_edges {args.max_edges}, evidence=none, {start}–{end} UTC,"
        f" load {load:.1f} → {load_end:.1f}\n"
    )
    print(
        "| code | wall p50 / p95 ms | client CPU p50 / p95 ms | server CPU p50 / p95 ms |"
        " server CPU, sum |"
    )
    print("|---|---:|---:|---:|---:|")
    for code in ("before", "after"):
        r = res[code]
        print(
            f"| {code} | {pp(r['wall'])} | {pp(r['client'])} | {pp(r['server'])} |"
            f" {sum(r['server']):.1f} s |"
        )


if __name__ == "__main__":
    main()
