"""The reads the API serves by default on Neo4j, cold (the server's plan cache empty) and
then warm, with one revision's store code or this checkout's; and the plan variants they
ask for: Neo4j caches a plan per statement text and parameter types, and the type of a
string or a list carries its size bucket (0, 1, 2–10, 11–100, 101–1,000, ...), so one
statement sent with lists of 3 and of 30 ids is planned twice.

Per actor (a handful of different degrees, chosen once by `--pick`): depth-1 neighbours
(limit 500), depth-2 (200 nodes, 500 edges), the subgraph of a list of ids (the actor and
the next actors, depth 1), paths to the next actor, search of its name, stats. The first
pass over the actors is the cold one; the second repeats it warm. Run it right after the
server starts (or with `--clear`: `CALL db.clearQueryCaches()` first, the page cache
left warm). Needs a Neo4j holding bench/synthetic.py's graph, NEO4J_* set:

    python -m bench.neo4j_cold_reads --pick 1000000        # once: .cache/cold_actors.json
    python -m bench.neo4j_cold_reads --code after          # this checkout's store
    python -m bench.neo4j_cold_reads --code before --before remerge11
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

from bench.neo4j_depth2_rev_ab import load_revision
from graph.config import Settings
from graph.query import GraphFilter
from graph.store.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / ".cache" / "cold_actors.json"
BUCKETS = (0, 1, 10, 100, 1_000, 10_000, 100_000)


def bucket(size: int) -> int:
    """The size bucket Neo4j's plan cache key holds for a string or list of that size."""
    return next((b for b in BUCKETS if size <= b), -1)


def signature(params: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """What of the parameters goes into the plan cache key: their types, with the size
    bucket of strings and lists (a map's entries are not looked into)."""

    def kind(value: Any) -> str:
        if isinstance(value, str | list):
            return f"{type(value).__name__}~{bucket(len(value))}"
        return type(value).__name__

    return tuple(sorted((k, kind(v)) for k, v in params.items()))


class Variants:
    """The (statement, parameter types) pairs sent through ManagedTransaction.run."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        original = ManagedTransaction.run

        def run(tx: ManagedTransaction, query: Any, parameters: Any = None, **kw: Any) -> Any:
            self.seen.add((str(query), signature({**(parameters or {}), **kw})))
            return original(tx, query, parameters, **kw)

        ManagedTransaction.run = run  # type: ignore[method-assign,assignment]

    def counts(self) -> tuple[int, int]:
        """Plan variants and distinct statement texts."""
        return len(self.seen), len({q for q, _ in self.seen})


def pick(edges: int) -> None:
    """Five actors of different degrees among bench/synthetic.py's, with their names."""
    from bench.synthetic import generate
    from graph.schema import DOCUMENT

    data = generate(edges)
    degree: dict[str, int] = {}
    for e in data.edges:
        for end in (e.source, e.target):
            degree[end] = degree.get(end, 0) + 1
    names = {n.id: n.name for n in data.nodes if n.type != DOCUMENT}
    ranked = sorted(names, key=lambda n: (degree.get(n, 0), n))
    at = [0.5, 0.9, 0.99, 0.999, 1.0]
    chosen = [ranked[min(len(ranked) - 1, int(f * len(ranked)))] for f in at]
    rows = [{"id": a, "name": names[a], "degree": degree.get(a, 0)} for a in chosen]
    ACTORS.parent.mkdir(exist_ok=True)
    ACTORS.write_text(json.dumps(rows, indent=1))
    print(json.dumps(rows, indent=1))


def reads(store: Any, actors: list[dict[str, Any]]) -> list[tuple[str, Callable[[], object]]]:
    """The API's default reads, per actor, in the order a user meets them."""
    out: list[tuple[str, Callable[[], object]]] = []
    ids = [a["id"] for a in actors]
    for i, a in enumerate(actors):
        nxt = ids[(i + 1) % len(ids)]
        seeds = ids[: i + 2] if i < len(ids) - 1 else ids
        f = GraphFilter()
        out += [
            ("depth 1", partial(store.neighbors, a["id"], 1, f, 500, "none")),
            ("depth 2", partial(store.neighbors, a["id"], 2, f, 200, "none", 500)),
            ("subgraph", partial(store.subgraph, seeds, 1, f, 500, "none")),
            ("paths", partial(store.paths, a["id"], nxt)),
            ("search", partial(store.search, a["name"])),
            ("stats", store.stats),
        ]
    return out


def run_pass(calls: list[tuple[str, Callable[[], object]]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {}
    for what, call in calls:
        t = time.perf_counter()
        call()
        times.setdefault(what, []).append(time.perf_counter() - t)
    return times


def report(label: str, times: dict[str, list[float]]) -> None:
    total = sum(sum(v) for v in times.values())
    cells = " | ".join(
        f"{statistics.median(v) * 1000:,.0f} / {max(v) * 1000:,.0f}" for v in times.values()
    )
    print(f"| {label} | {cells} | {total:,.1f} s |")


def _warm(store: Any) -> str:
    """The app's start (ACTORGRAPH_WARM_PLANS): the store plans its reads; how long."""
    load, started = os.getloadavg()[0], time.perf_counter()
    count = store.warm_plans()
    took = time.perf_counter() - started
    return f"; warm_plans: {count} statements in {took:.1f} s (load {load:.1f})"


def unwarmed(variants: Variants) -> int:
    """Statements the reads sent that warm_plans did not plan."""
    from graph.store import neo4j_cypher as q
    from graph.store.neo4j import PathAvoid, _path_relations, _walk_types

    warmed = q.explorer_reads(_walk_types(GraphFilter())[0], _path_relations(PathAvoid()))
    return len({text for text, _ in variants.seen} - {q.in_one_map(s) for s in warmed})


def measure(code: str, before: str, clear: bool, plan_first: bool) -> None:
    actors = json.loads(ACTORS.read_text())
    module = load_revision(before) if code == "before" else None
    store = (module.Neo4jStore if module else Neo4jStore)(Settings().neo4j)
    if clear:
        store._read(lambda tx: tx.run("CALL db.clearQueryCaches()").consume())
    warmed = _warm(store) if plan_first else ""
    variants = Variants()
    load = os.getloadavg()[0]
    cold = run_pass(reads(store, actors))
    cold_variants = variants.counts()
    warm = run_pass(reads(store, actors))
    store.close()
    print(
        f"code {code} ({before if module else 'this checkout'}), load {load:.1f} → "
        f"{os.getloadavg()[0]:.1f}, {time.strftime('%H:%M:%S', time.gmtime())} UTC{warmed}"
    )
    print(
        f"plan variants sent, cold pass: {cold_variants[0]} over {cold_variants[1]}"
        f" statements; after the warm pass: {variants.counts()[0]}"
        + (f"; sent but not warmed: {unwarmed(variants)} statements" if plan_first else "")
    )
    print("| pass | " + " | ".join(f"{w} p50 / max ms" for w in cold) + " | sum |")
    print("|---|" + "---:|" * (len(cold) + 1))
    report("cold", cold)
    report("warm", warm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pick", type=int, help="choose the actors of this graph size, then exit")
    parser.add_argument("--code", choices=("before", "after"), default="after")
    parser.add_argument("--before", default="main", help="the git revision of `before`")
    parser.add_argument("--clear", action="store_true", help="clear the plan caches first")
    parser.add_argument("--warm", action="store_true", help="warm_plans() first, as the app does")
    args = parser.parse_args()
    if args.pick:
        pick(args.pick)
        return
    random.seed(0)
    measure(args.code, args.before, args.clear, args.warm)


if __name__ == "__main__":
    main()
