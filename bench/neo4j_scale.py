"""The Neo4j store at scale: import speed (batched and --bulk), read latencies and one
document ingested into a big store, on seeded synthetic graphs (bench/synthetic.py).

Needs a running Neo4j (NEO4J_* set, e.g. from `actorgraph neo4j start`); its database
is wiped. --bulk also needs that server to be the one `actorgraph neo4j` provisioned (the
bulk import stops and starts it). Prints a markdown table with the issue's figures for the
old code beside ours.

    python bench/neo4j_scale.py --edges 100000 1000000 --bulk
    # the batched import from 1 session, then 2, then 1 again (JIT warm-up shows), alone:
    python bench/neo4j_scale.py --edges 100000 --import-workers 1 2 1
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.synthetic import generate
from graph.blocking import node_keys
from graph.config import Neo4jSettings, Settings
from graph.edge_summary import EvidenceMode
from graph.model import GraphData
from graph.query import GraphFilter
from graph.schema import DOCUMENT
from graph.store.neo4j import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT_8K = ROOT / "seeds" / "003_6e32554014a3be8b.txt"
SAMPLES = 40

# The issue's measurements of the code before this work (issue 11's table), per size.
OLD = {
    "import rels/s": {100_000: "864", 1_000_000: "fails after 509 s"},
    "neighbours depth 2 p50 / p95": {100_000: "– / 329 ms", 1_000_000: "–"},
    "search p50 / p95": {100_000: "1,055 ms / –", 1_000_000: "–"},
}


def p95(times: list[float]) -> tuple[float, float]:
    """(p50, p95): on a loaded machine the median says what a request costs, the p95 what
    the scheduler added."""
    high = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return statistics.median(times), high


# the client's CPU of every timed call, by the name its caller gives (cpu_of)
CPU: dict[str, list[float]] = {}


def timed(work: Callable[[], object], repeat: int, cpu: str | None = None) -> list[float]:
    """Wall seconds of each call; with `cpu`, this process's CPU seconds of each kept in
    CPU[cpu] (a loaded machine stretches the wall, not the CPU)."""
    out = []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        work()
        out.append(time.perf_counter() - t)
        if cpu is not None:
            CPU.setdefault(cpu, []).append(time.process_time() - c)
    return out


def latency(
    store: Neo4jStore, data: GraphData, rng: random.Random, reads: str = "all"
) -> dict[str, tuple[float, float]]:
    entities = [n for n in data.nodes if n.type != DOCUMENT]
    picks = rng.sample(entities, SAMPLES)
    queries: list[tuple[int, str]] = []  # (kind, text)
    for n in picks:
        words = n.name.split()
        kind = rng.randrange(3)
        if kind == 0:
            queries.append((kind, n.name))
        elif kind == 1:
            queries.append((kind, words[0][: max(3, len(words[0]) - 2)]))
        else:  # a typo: two letters swapped
            w = words[-1]
            i = rng.randrange(len(w) - 1) if len(w) > 2 else 0
            queries.append((kind, w[:i] + w[i + 1 : i + 2] + w[i : i + 1] + w[i + 2 :]))
    if reads == "search":
        return searches(store, queries)
    # depth 2 three ways over the same actors, after a pass that warms the page cache, so
    # that no way profits from another's reads: every evidence item, the first, none
    warm = iter(picks)
    timed(lambda: store.neighbors(next(warm).id, 2, GraphFilter(), 500), SAMPLES)
    capped = capped_depth2(store, picks)
    if reads == "depth2":
        return capped
    depth2: dict[str, list[float]] = {}
    edges: dict[str, list[int]] = {}
    for mode in ("none", "first", "all"):
        it = iter(picks)
        sizes = edges.setdefault(mode, [])

        def one(ev: EvidenceMode = mode, seen: list[int] = sizes, todo: Any = it) -> None:
            seen.append(len(store.neighbors(next(todo).id, 2, GraphFilter(), 500, ev).edges))

        depth2[mode] = timed(one, SAMPLES, f"depth2 {mode}")
    nb = depth2["all"]
    search = searches(store, queries)
    keys = iter([sorted(node_keys(n)) for n in picks])
    cand = timed(lambda: store.entity_candidates(next(keys)), SAMPLES, "candidates")
    stats = timed(store.stats, 20, "stats")
    pairs = iter([(picks[i].id, picks[-1 - i].id) for i in range(SAMPLES)])
    paths = timed(lambda: store.paths(*next(pairs), 3, 3), SAMPLES, "paths")
    return {
        "neighbours depth 2 p50 / p95": p95(nb),
        "neighbours depth 2: client CPU p50 / p95": p95(CPU["depth2 all"]),
        "neighbours depth 2, evidence=first, p50 / p95": p95(depth2["first"]),
        "neighbours depth 2, evidence=first: client CPU p50 / p95": p95(CPU["depth2 first"]),
        "neighbours depth 2, evidence=none, p50 / p95": p95(depth2["none"]),
        "neighbours depth 2, evidence=none: client CPU p50 / p95": p95(CPU["depth2 none"]),
        "edges in a depth-2 answer, mean / max": (statistics.mean(edges["all"]), max(edges["all"])),
        **capped,
        **search,
        "entity_candidates p50 / p95": p95(cand),
        "entity_candidates: client CPU p50 / p95": p95(CPU["candidates"]),
        "stats p50 / p95": p95(stats),
        "stats: client CPU p50 / p95": p95(CPU["stats"]),
        "paths (≤3 steps, 3 paths) p50 / p95": p95(paths),
        "paths: client CPU p50 / p95": p95(CPU["paths"]),
    }


# depth-2 answers capped in the query: (node limit, max_edges), evidence=none
CAPS = [(500, None), (500, 1000), (200, 500), (200, 300), (100, 200)]


def capped_depth2(store: Neo4jStore, picks: list[Any]) -> dict[str, tuple[float, float]]:
    """Depth 2 with evidence=none at each (limit, max_edges) of CAPS over the same actors:
    wall p50 / p95, the client's CPU p50 / p95 beside it (a loaded machine stretches the
    wall, not the CPU), and the edges sent and left out."""
    out: dict[str, tuple[float, float]] = {}
    for limit, cap in CAPS:
        walls, cpus, sent, dropped = [], [], [], []
        for n in picks:
            t, c = time.perf_counter(), time.process_time()
            answer = store.neighbors(n.id, 2, GraphFilter(), limit, "none", cap)
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            sent.append(len(answer.edges))
            dropped.append(answer.truncated.edges if answer.truncated else 0)
        what = f"depth 2, none, limit {limit}, max_edges {cap or '–'}"
        out[f"{what}: p50 / p95"] = p95(walls)
        out[f"{what}: client CPU p50 / p95"] = p95(cpus)
        out[f"{what}: edges sent / left out, mean"] = (
            statistics.mean(sent),
            statistics.mean(dropped),
        )
    return out


def searches(store: Neo4jStore, queries: list[tuple[int, str]]) -> dict[str, tuple[float, float]]:
    """Search over the queries (a full name, a first word cut short, a typo), all of them
    and by kind, after one search that warms the index."""
    store.search(queries[0][1])
    times: list[tuple[int, float]] = []
    cpus: list[float] = []
    for kind, query in queries:
        t, c = time.perf_counter(), time.process_time()
        store.search(query)
        times.append((kind, time.perf_counter() - t))
        cpus.append(time.process_time() - c)
    out = {
        "search p50 / p95": p95([t for _, t in times]),
        "search: client CPU p50 / p95": p95(cpus),
    }
    for kind, label in enumerate(("a full name", "a first word cut short", "a typo")):
        out[f"search, {label}, p50 / p95"] = p95([t for k, t in times if k == kind])
    return out


def show(name: str, mid: float, high: float) -> str:
    """A latency pair in ms (the answer-size row: counts)."""
    if name.startswith("edges") or name.endswith("mean"):
        return f"{mid:,.0f} / {high:,.0f}"
    return f"{mid * 1000:,.0f} / {high * 1000:,.0f} ms"


def ingest_one(store: Neo4jStore) -> float:
    """Seconds to resolve and write one 8 kB document (extraction done beforehand, the same
    for both stores), then the document is deleted again."""
    from graph.extract.pipeline import Extractor
    from graph.ingest import Ingestor

    extractor = Extractor(Settings().spacy_model)
    extraction = extractor.extract(DOCUMENT_8K.read_text(encoding="utf-8"))

    class Once:
        def extract(self, text: str) -> object:
            return extraction

    ingestor = Ingestor(store, Once(), 5_000_000)  # type: ignore[arg-type]
    t = time.perf_counter()
    result = ingestor.ingest_bytes(DOCUMENT_8K.name, DOCUMENT_8K.read_bytes())
    took = time.perf_counter() - t
    assert result.status == "ingested", result
    store.delete_document(result.doc_id or "")
    return took


def server_cpu_seconds() -> float | None:
    """CPU seconds the local Neo4j server (the project's, from its pid file) has used so far:
    on a shared machine, relationships per CPU-second is what a quiet machine would give per
    core, where wall time mostly measures the scheduler."""
    pid_file = (
        Path(os.environ.get("NEO4J_CACHE_DIR", ROOT / ".cache" / "neo4j")) / "run" / "neo4j.pid"
    )
    try:
        pid = int(pid_file.read_text().strip())
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RetryCount(logging.Handler):
    """Counts the driver's "Transaction failed and will be retried" warnings: each is a
    batch rolled back by the server (a deadlock, mostly) and run again."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "will be retried" in record.getMessage()


def compare_workers(edges: int, workers: list[int]) -> None:
    """The batched import of the same graph into an emptied database with each number of
    sessions in turn: wall, rels/s, rels per CPU-second (server JVM + client), retried
    batches, and the ratios to the first run."""
    data = generate(edges)
    n_edges = len(data.edges)
    retries = RetryCount()
    logging.getLogger("neo4j").addHandler(retries)
    runs = []
    for n in workers:
        store = Neo4jStore(Neo4jSettings(import_workers=n))
        store.ensure_schema()
        store.clear()
        retries.count = 0
        load = os.getloadavg()[0]
        server_before, client_before = server_cpu_seconds(), time.process_time()
        t = time.perf_counter()
        store.import_graph(data)
        wall = time.perf_counter() - t
        client = time.process_time() - client_before
        server = (server_cpu_seconds() or 0.0) - (server_before or 0.0)
        assert store.stats().edges == n_edges
        store.close()
        runs.append((n, wall, server, client, retries.count, load, os.getloadavg()[0]))
        print(f"{n} sessions: {wall:.1f} s, {server:.1f} + {client:.1f} CPU s", file=sys.stderr)
    first_wall, first_cpu = runs[0][1], runs[0][2] + runs[0][3]
    print(f"\nbatched import of {n_edges:,} edges, by sessions writing at once\n")
    print(
        "| sessions | wall | rels/s | rels per CPU-s (server + client CPU) | retried batches"
        " | load start → end | rels/s vs first run | rels per CPU-s vs first run |"
    )
    print("|---:|---:|---:|---:|---:|---|---:|---:|")
    for n, wall, server, client, retried, load0, load1 in runs:
        cpu = server + client
        print(
            f"| {n} | {wall:.0f} s | {n_edges / wall:,.0f} | {n_edges / cpu:,.0f}"
            f" ({server:.1f} s + {client:.1f} s) | {retried} | {load0:.1f} → {load1:.1f}"
            f" | {first_wall / wall:.2f}× | {first_cpu / cpu:.2f}× |"
        )


def bulk_import(settings: Settings, data: GraphData, put: Callable[[str, str], None]) -> None:
    """`import --bulk` of `data` into the (emptied, closed) store, its rates put in rows."""
    from graph.store.neo4j_bulk import bulk_import as run

    steps = run(settings, data)
    took = sum(steps.values())
    admin = steps["neo4j-admin"]
    n_edges = len(data.edges)
    put("import rels/s (--bulk, all steps)", f"{n_edges / took:,.0f} ({took:.0f} s)")
    put("import rels/s (--bulk, neo4j-admin alone)", f"{n_edges / admin:,.0f} ({admin:.0f} s)")
    put("--bulk steps", ", ".join(f"{k} {v:.0f} s" for k, v in steps.items()))


def run_size(
    edges: int,
    bulk: bool,
    rows: dict[str, dict[int, str]],
    only_bulk: bool,
    reuse: bool,
    reads: str = "all",
) -> None:
    def put(name: str, value: str) -> None:
        rows.setdefault(name, {})[edges] = value
        print(f"{edges:,} edges: {name}: {value}", file=sys.stderr, flush=True)

    settings = Settings()
    data = generate(edges)
    # the million objects of the graph live to the end: out of the collector's sight, or a
    # full collection (hundreds of ms of this process's CPU) lands inside a timed read
    gc.collect()
    gc.freeze()
    n_edges = len(data.edges)
    store = Neo4jStore(settings.neo4j)
    store.ensure_schema()
    if reuse:  # the same seeded graph, imported before: read it, never clear it
        held = store.stats().edges
        if held != n_edges:
            sys.exit(f"--reuse: the database holds {held:,} edges, not {n_edges:,}; left as is")
        for name, (mid, high) in latency(store, data, random.Random(edges), reads).items():
            put(name, show(name, mid, high))
        store.close()
        return
    store.clear()
    if only_bulk:
        store.close()
        bulk_import(settings, data, put)
        return
    empty_ingest = ingest_one(store)
    server_before, client_before = server_cpu_seconds(), time.process_time()
    t = time.perf_counter()
    store.import_graph(data)
    took = time.perf_counter() - t
    put("import rels/s (batched)", f"{n_edges / took:,.0f} ({took:.0f} s)")
    server_after, client = server_cpu_seconds(), time.process_time() - client_before
    if server_before is not None and server_after is not None:
        server = server_after - server_before
        put(
            "import rels per CPU-second (server + client CPU)",
            f"{n_edges / (server + client):,.0f} ({server:.1f} s + {client:.1f} s)",
        )
    for name, (mid, high) in latency(store, data, random.Random(edges)).items():
        put(name, show(name, mid, high))
    big_ingest = ingest_one(store)
    put(
        "8 kB document: big / empty store",
        f"{big_ingest:.2f} s / {empty_ingest:.2f} s ({big_ingest / empty_ingest:.1f}×)",
    )
    if bulk:
        store.clear()
        store.close()
        bulk_import(settings, data, put)
        store = Neo4jStore(Neo4jSettings())
        assert store.stats().edges == n_edges
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edges", type=int, nargs="+", default=[100_000])
    parser.add_argument("--bulk", action="store_true", help="also time `import --bulk`")
    parser.add_argument("--only-bulk", action="store_true", help="time `import --bulk` alone")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reads only, on a database that holds the graph of that size (else exit, clearing nothing)",
    )
    parser.add_argument(
        "--reads",
        choices=["all", "depth2", "search"],
        default="all",
        help="with --reuse: every read, or only the depth-2 answers capped in the query, or"
        " only search",
    )
    parser.add_argument(
        "--import-workers",
        type=int,
        nargs="+",
        help="only the batched import, once per number of sessions given (in that order)",
    )
    args = parser.parse_args()
    if args.import_workers:
        for edges in args.edges:
            compare_workers(edges, args.import_workers)
        return
    load = os.getloadavg()
    rows: dict[str, dict[int, str]] = {}
    for edges in args.edges:
        run_size(edges, args.bulk, rows, args.only_bulk, args.reuse, args.reads)
    sizes = args.edges
    head = " | ".join(f"{s:,} edges | old code (issue)" for s in sizes)
    print(f"load average at the start: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}\n")
    print(f"| what | {head} |")
    print("|---|" + "---:|---:|" * len(sizes))
    for name, values in rows.items():
        old = OLD.get(name.replace(" (batched)", ""), {})
        cells = " | ".join(f"{values.get(s, '–')} | {old.get(s, '–')}" for s in sizes)
        print(f"| {name} | {cells} |")
    now = os.getloadavg()
    print(f"\nload average at the end: {now[0]:.1f} / {now[1]:.1f} / {now[2]:.1f}")


if __name__ == "__main__":
    main()
