"""Depth-2 neighbours on Neo4j: a git revision's store code (default: main) against this
checkout's, in one process, interleaved per actor, the answers asserted equal.

The revision's graph/store/neo4j.py, neo4j_cypher.py and neo4j_summary.py are read with
`git show` and loaded as modules of their own (their imports of each other pointed at
each other), so both codes run on the same driver version, the same server and the same
actors, the order alternating per actor and round. Per answer: wall, the client's CPU,
the server's CPU (the JVM's, from /proc, in clock ticks of 10 ms: read the sums) and the
statements sent. Needs a Neo4j holding bench/synthetic.py's graph of that size (read
only), NEO4J_* set:

    python bench/neo4j_depth2_rev_ab.py --edges 1000000 --rounds 3 --limit 200 --max-edges 500
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from bench.neo4j_scale import server_cpu_seconds
from bench.synthetic import generate
from graph.config import Settings
from graph.query import GraphFilter
from graph.schema import DOCUMENT
from graph.store.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
MODULES = ("neo4j_cypher", "neo4j_summary", "neo4j")  # in import order


def load_revision(rev: str) -> types.ModuleType:
    """The store module of `rev`, with its Cypher and summary modules loaded beside it."""
    loaded: dict[str, types.ModuleType] = {}
    package = types.ModuleType("_rev_store")
    sys.modules["_rev_store"] = package
    for name in MODULES:
        source = subprocess.run(
            ["git", "show", f"{rev}:graph/store/{name}.py"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for other in loaded:
            source = source.replace(
                f"from graph.store import {other}", f"from _rev_store import {other}"
            )
        module = types.ModuleType(f"_rev_store.{name}")
        module.__file__ = f"{rev}:graph/store/{name}.py"
        sys.modules[module.__name__] = module
        exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102
        loaded[name] = module
        setattr(package, name, module)
    return loaded["neo4j"]


class Statements:
    """Counts the statements sent (ManagedTransaction.run) while it is on."""

    def __init__(self) -> None:
        self.count = 0
        self._run = ManagedTransaction.run

        def run(tx: ManagedTransaction, *args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return self._run(tx, *args, **kwargs)

        ManagedTransaction.run = run  # type: ignore[method-assign]


def pp(values: list[float], scale: float = 1000) -> str:
    high = statistics.quantiles(values, n=20)[-1]
    return f"{statistics.median(values) * scale:,.0f} / {high * scale:,.0f}"


def measure(
    answers: dict[str, Callable[[str], object]], picks: list[str], rounds: int
) -> dict[str, dict[str, list[float]]]:
    counter = Statements()
    res: dict[str, dict[str, list[float]]] = {
        c: {"wall": [], "client": [], "server": [], "statements": []} for c in answers
    }
    codes = list(answers)
    for rnd in range(rounds):
        for i, actor in enumerate(picks):
            got = {}
            for code in codes if (i + rnd) % 2 == 0 else codes[::-1]:
                counter.count = 0
                sv, c, t = server_cpu_seconds() or 0.0, time.process_time(), time.perf_counter()
                got[code] = answers[code](actor)
                res[code]["wall"].append(time.perf_counter() - t)
                res[code]["client"].append(time.process_time() - c)
                res[code]["server"].append((server_cpu_seconds() or 0.0) - sv)
                res[code]["statements"].append(counter.count)
            first, *others = got.values()
            assert all(o == first for o in others), actor
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--max-edges", type=int, default=500)
    parser.add_argument("--evidence", default="none", choices=("none", "first", "all"))
    parser.add_argument("--before", default="main", help="the git revision to compare with")
    args = parser.parse_args()
    data = generate(args.edges)
    actors = [n.id for n in data.nodes if n.type != DOCUMENT]
    picks = random.Random(args.edges).sample(actors, 40)
    del data, actors
    gc.collect()
    gc.freeze()  # no collection of the generator's garbage inside a timed answer
    before_module = load_revision(args.before)
    stores = {
        "before": before_module.Neo4jStore(Settings().neo4j),
        "after": Neo4jStore(Settings().neo4j),
    }
    cap = args.max_edges or None

    def answer_of(store: Any) -> Callable[[str], object]:
        return lambda actor: store.neighbors(
            actor, 2, GraphFilter(), args.limit, args.evidence, cap
        )

    answers = {code: answer_of(store) for code, store in stores.items()}
    measure(answers, picks[:5], 1)  # warm both
    start, load = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()
    res = measure(answers, picks, args.rounds)
    end, load_end = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()
    for store in stores.values():
        store.close()
    print(
        f"{args.edges:,} edges, {args.rounds} rounds × {len(picks)} actors, depth 2, limit"
        f" {args.limit}, max_edges {cap}, evidence={args.evidence}, before = {args.before};"
        f" {start}–{end} UTC, load (1/5 min) {load[0]:.1f}/{load[1]:.1f} →"
        f" {load_end[0]:.1f}/{load_end[1]:.1f}; the same answer for every actor\n"
    )
    print(
        "| code | wall p50 / p95 ms | client CPU p50 / p95 ms | server CPU p50 / p95 ms |"
        " server CPU, sum | statements per answer, mean |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for code, r in res.items():
        print(
            f"| {code} | {pp(r['wall'])} | {pp(r['client'])} | {pp(r['server'])} |"
            f" {sum(r['server']):.1f} s | {statistics.mean(r['statements']):.1f} |"
        )


if __name__ == "__main__":
    main()
