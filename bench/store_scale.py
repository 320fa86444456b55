"""How does the embedded store scale? SQLite store next to the JSON-file store it replaced.

For seeded synthetic graphs (bench/synthetic.py: about one node per ten edges, a tenth of
the nodes documents, 40 % of the edges mentions, one evidence item per edge, Zipf-skewed
hubs) of 10k, 100k and 1M edges, each store in its own process:

* import: `import_graph` of the whole graph into an empty store;
* cold start: opening the store and answering one neighbourhood (a new process), and the
  peak RSS after the read workload;
* neighbours depth 1 / 2 and search (prefixes of names and typos): p50 / p95 over
  QUERIES random actors or names;
* home `/`, `/explore` without a focus, `/api/analytics?metric=pagerank`: p95 through the
  real app (TestClient) once the first tier of its background snapshot is ready, while
  the later tiers are computed, and again once every tier is (with communities and a
  `types` filter); the times to the first tier and to every tier are reported too. The old store had no app of its own any more: its rows time
  the work its request did (stats + PageRank of export() for home, export() filtered for
  /explore, analyse(export()) for analytics), a lower bound of its page times;
* one 8 kB document (seeds/003_...) ingested on top of the graph and into an empty store:
  resolution + write, the extraction done beforehand (it is the same in both).

The old store is `graph/store/memory.py` of commit f66c853, read from git history by this
script only (the package no longer has it).

    .venv/bin/python bench/store_scale.py                    # 10k and 100k
    .venv/bin/python bench/store_scale.py --sizes 1000000 --old-max 100000
    # a 1M store imported once and kept outside the repo, only the read and page probes:
    .venv/bin/python bench/store_scale.py --sizes 1000000 --old-max 0 \
        --store-dir /work/scratch-scale/s1m --probes reads pages --section 1m

Prints a table (ratios old / new) and writes it into bench/RESULTS.md with the load average.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
OLD_COMMIT = "f66c853"
DOC = ROOT / "seeds" / "003_6e32554014a3be8b.txt"
QUERIES = 50
INGEST_ROUNDS = 3


def pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn: Callable[[], Any], reps: int, cpu: list[float] | None = None) -> list[float]:
    """Wall times of `reps` calls; their CPU times (this process) go to `cpu` if given: on
    a machine shared with other sessions the wall time mostly measures the wait for a core."""
    out = []
    for _ in range(reps):
        t, c = time.perf_counter(), time.process_time()
        fn()
        out.append(time.perf_counter() - t)
        if cpu is not None:
            cpu.append(time.process_time() - c)
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_store(kind: str, path: Path) -> Any:
    if kind == "embedded":
        from graph.store.sqlite import SqliteStore

        return SqliteStore(path)
    source = subprocess.run(
        ["git", "show", f"{OLD_COMMIT}:graph/store/memory.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module_path = Path(tempfile.gettempdir()) / "actorgraph_old_json_store.py"
    module_path.write_text(source)
    spec = importlib.util.spec_from_file_location("actorgraph_old_json_store", module_path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MemoryStore(path)


# ---- probes: each runs in a process of its own ----
def probe_import(kind: str, store_dir: Path, graph_file: Path) -> dict[str, float]:
    from graph.model import GraphData

    data = GraphData.model_validate_json(graph_file.read_bytes())
    store = open_store(kind, store_dir)
    t = time.perf_counter()
    store.import_graph(data)
    return {"import_s": time.perf_counter() - t}


def probe_reads(kind: str, store_dir: Path, queries: int) -> dict[str, float]:
    import graph.query  # noqa: F401 - module imports are not the store's start-up
    import graph.store.sqlite  # noqa: F401

    t = time.perf_counter()
    store = open_store(kind, store_dir)
    store.stats()
    opened = time.perf_counter() - t
    actors = store.entity_index()
    rng = random.Random(1)
    t = time.perf_counter()
    store.neighbors(rng.choice(actors).id, 1)
    out = {"cold_start_s": opened + time.perf_counter() - t}
    picks = [rng.choice(actors) for _ in range(queries)]
    # depth 2 with a summary per edge first (evidence="none", then "first"; the old store
    # knows no such answer), then with every evidence item: what caches the former warm
    # (nodes) helps the latter, not the other way round
    runs = [(1, "all", "n1"), (2, "none", "n2s"), (2, "first", "n2f"), (2, "all", "n2")]
    for depth, evidence, key in runs:
        if evidence != "all" and kind != "embedded":
            continue
        cpu: list[float] = []
        sizes: list[int] = []

        def one(n: Any, d: int = depth, ev: str = evidence, seen: list[int] = sizes) -> None:
            if ev == "all":  # the old store's signature
                seen.append(len(store.neighbors(n.id, d).edges))
            else:
                seen.append(len(store.neighbors(n.id, d, evidence=ev).edges))

        times = [timed(lambda n=n: one(n), 1, cpu)[0] for n in picks]
        out[f"{key}_p50"], out[f"{key}_p95"] = pct(times, 0.5), pct(times, 0.95)
        out[f"{key}_cpu_p50"], out[f"{key}_cpu_p95"] = pct(cpu, 0.5), pct(cpu, 0.95)
        out[f"{key}_edges"] = sum(sizes) / len(sizes)
    if kind == "embedded":
        out |= api_neighbours(store_dir, [n.id for n in picks])
    texts = []
    for n in picks:
        words = n.name.split()
        texts.append(words[0][:4] if rng.random() < 0.3 else n.name)  # a prefix or a name
        texts.append(n.name[:-2] + n.name[-1] + n.name[-2])  # a typo: two letters swapped
    cpu = []
    times = [timed(lambda q=q: store.search(q), 1, cpu)[0] for q in texts]
    out["search_p50"], out["search_p95"] = pct(times, 0.5), pct(times, 0.95)
    out["search_cpu_p50"], out["search_cpu_p95"] = pct(cpu, 0.5), pct(cpu, 0.95)
    out["rss_reads_mb"] = rss_mb()
    return out


def api_neighbours(store_dir: Path, ids: list[str]) -> dict[str, float]:
    """GET /api/entities/{id}/neighbors?depth=2 through the real app (answer built, checked
    and written as JSON), with every evidence item and with a summary per edge."""
    from urllib.parse import quote

    from fastapi.testclient import TestClient

    from app.main import create_app
    from graph.config import Settings

    out: dict[str, float] = {}
    with TestClient(create_app(Settings(store="embedded", data_dir=store_dir))) as client:
        for evidence, key in (("none", "a2s"), ("all", "a2")):
            cpu: list[float] = []
            sizes: list[int] = []

            def get(node: str, ev: str = evidence, seen: list[int] = sizes) -> None:
                url = f"/api/entities/{quote(node)}/neighbors?depth=2&evidence={ev}"
                seen.append(len(client.get(url).content))

            times = [timed(lambda n=n: get(n), 1, cpu)[0] for n in ids]
            out[f"{key}_p50"], out[f"{key}_p95"] = pct(times, 0.5), pct(times, 0.95)
            out[f"{key}_cpu_p50"], out[f"{key}_cpu_p95"] = pct(cpu, 0.5), pct(cpu, 0.95)
            out[f"{key}_kb"] = sum(sizes) / len(sizes) / 1000
    return out


def probe_pages(kind: str, store_dir: Path, reps: int) -> dict[str, float]:
    if kind != "embedded":
        return old_pages(open_store(kind, store_dir), reps)
    from fastapi.testclient import TestClient

    from app.main import create_app
    from graph.config import Settings

    app = create_app(Settings(store="embedded", data_dir=store_dir))
    out: dict[str, float] = {}
    with TestClient(app) as client:
        t = time.perf_counter()
        while (first := client.get("/api/overview")).status_code == 503:  # the first tier
            time.sleep(0.5)
        out["snapshot_first_s"] = time.perf_counter() - t
        if first.json()["pending"]:  # the pages while the later measures are computed
            out |= page_times(client, reps, "_busy")
        while client.get("/api/overview").json()["pending"]:
            time.sleep(0.5)
        out["snapshot_full_s"] = time.perf_counter() - t
        snap = app.state.store_holder.snapshots().get()[0]
        out |= {f"tier_{k.replace(' ', '_')}_s": v for k, v in snap.timings.items()}
        out |= page_times(client, reps)
    out["rss_server_mb"] = rss_mb()
    return out


PAGES = (
    ("home", "/"),
    ("explore", "/explore"),
    ("analytics", "/api/analytics?metric=pagerank"),
    ("communities", "/api/analytics?metric=communities"),
    ("persons", "/api/analytics?metric=pagerank&types=Person"),
)


def page_times(client: Any, reps: int, suffix: str = "") -> dict[str, float]:
    """p95 wall and CPU (the process's) of each page; `_busy`: while the later tiers are
    computed (only the first-tier pages: the others answer 503 then; their CPU time is the
    snapshot thread's as much as the request's, so the table shows their wall time)."""
    out: dict[str, float] = {}
    for name, url in PAGES[:3] if suffix else PAGES:
        cpu: list[float] = []
        times = timed(lambda u=url: client.get(u).raise_for_status(), reps, cpu)
        out[f"{name}{suffix}_p95"] = pct(times, 0.95)
        out[f"{name}{suffix}_cpu_p95"] = pct(cpu, 0.95)
    return out


def old_pages(store: Any, reps: int) -> dict[str, float]:
    """The work the old app did per request (see the module docstring)."""
    from graph.analytics import analyse
    from graph.export import filter_graph
    from graph.query import GraphFilter

    def home() -> None:
        store.stats()
        analyse(store.export(), "pagerank", limit=12)
        store.list_documents(limit=100)

    def explore() -> None:
        json.dumps(
            [[n.id, n.type, n.name] for n in filter_graph(store.export(), GraphFilter()).nodes]
        )

    out = {"snapshot_first_s": 0.0, "snapshot_full_s": 0.0}
    for name, fn in (
        ("home", home),
        ("explore", explore),
        ("analytics", lambda: analyse(store.export(), "pagerank")),
    ):
        cpu: list[float] = []
        out[f"{name}_p95"] = pct(timed(fn, reps, cpu), 0.95)
        out[f"{name}_cpu_p95"] = pct(cpu, 0.95)
    out["rss_server_mb"] = rss_mb()
    return out


def probe_ingest(
    kind: str, store_dir: Path, empty_dir: Path, keep_store: int = 0
) -> dict[str, float]:
    from graph.config import Settings
    from graph.extract.pipeline import Extractor
    from graph.ingest import Ingestor

    extraction = Extractor(Settings().spacy_model).extract(DOC.read_text(encoding="utf-8"))

    class Extracted:  # the extraction done beforehand: the timing is resolution + write
        def extract(self, text: str) -> Any:
            import copy

            return copy.deepcopy(extraction)

    out: dict[str, float] = {}
    for name, path in (("doc_on_top", store_dir), ("doc_empty", empty_dir)):
        store = open_store(kind, path)
        walls, cpus = [], []
        for _ in range(INGEST_ROUNDS):  # the best of a few: the machine is shared
            forget_names()
            t, c = time.perf_counter(), time.process_time()
            report = Ingestor(store, Extracted(), 5_000_000).ingest_paths([DOC])  # type: ignore[arg-type]
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            assert report.results[0].status == "ingested", report.results
            store.delete_document(report.results[0].doc_id)  # the next round starts alike
        out[f"{name}_s"], out[f"{name}_cpu_s"] = min(walls), min(cpus)
        if not keep_store:  # a store of the bench's own keeps the document (as before)
            Ingestor(store, Extracted(), 5_000_000).ingest_paths([DOC])  # type: ignore[arg-type]
    return out


def forget_names() -> None:
    """Empty the caches of folded names and their tokens and sound keys, as for a document
    whose names this process has not seen (else rounds after the first are flattered)."""
    from graph import blocking, model

    for cached in (model._fold_name, blocking._name_tokens, blocking.phonetic):
        cached.cache_clear()


PROBES = {
    "import": probe_import,
    "reads": probe_reads,
    "pages": probe_pages,
    "ingest": probe_ingest,
}


def run_probe(*args: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--probe", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- the table ----
ROWS = [
    ("import", "import_s", "s"),
    ("cold start (open + one neighbourhood)", "cold_start_s", "s"),
    ("RSS after reads", "rss_reads_mb", "MB"),
    ("neighbours depth 1 p50 / p95", ("n1_p50", "n1_p95"), "ms"),
    ("neighbours depth 1 CPU p50 / p95", ("n1_cpu_p50", "n1_cpu_p95"), "ms"),
    ("neighbours depth 2 p50 / p95", ("n2_p50", "n2_p95"), "ms"),
    ("neighbours depth 2 CPU p50 / p95", ("n2_cpu_p50", "n2_cpu_p95"), "ms"),
    ("neighbours depth 2, evidence=first, p50 / p95", ("n2f_p50", "n2f_p95"), "ms"),
    ("neighbours depth 2, evidence=first, CPU p50 / p95", ("n2f_cpu_p50", "n2f_cpu_p95"), "ms"),
    ("neighbours depth 2, evidence=none, p50 / p95", ("n2s_p50", "n2s_p95"), "ms"),
    ("neighbours depth 2, evidence=none, CPU p50 / p95", ("n2s_cpu_p50", "n2s_cpu_p95"), "ms"),
    ("edges in a depth-2 answer (mean)", "n2_edges", ""),
    ("API depth 2 (GET …/neighbors), every item, p50 / p95", ("a2_p50", "a2_p95"), "ms"),
    ("API depth 2, every item, CPU p50 / p95", ("a2_cpu_p50", "a2_cpu_p95"), "ms"),
    ("API depth 2, evidence=none, p50 / p95", ("a2s_p50", "a2s_p95"), "ms"),
    ("API depth 2, evidence=none, CPU p50 / p95", ("a2s_cpu_p50", "a2s_cpu_p95"), "ms"),
    ("API depth 2 answer size, every item / evidence=none", ("a2_kb", "a2s_kb"), "kB"),
    ("search p50 / p95", ("search_p50", "search_p95"), "ms"),
    ("search CPU p50 / p95", ("search_cpu_p50", "search_cpu_p95"), "ms"),
    ("snapshot: first tier (degree, PageRank, overview)", "snapshot_first_s", "s"),
    ("snapshot: every tier (+ betweenness, communities)", "snapshot_full_s", "s"),
    ("  of which betweenness (tier alone)", "tier_betweenness_s", "s"),
    ("  of which communities (tier alone)", "tier_communities_s", "s"),
    ("home `/` p95, later tiers computing", "home_busy_p95", "ms"),
    ("`/explore` (no focus) p95, later tiers computing", "explore_busy_p95", "ms"),
    ("analytics (pagerank) p95, later tiers computing", "analytics_busy_p95", "ms"),
    ("home `/` p95 (CPU p95)", ("home_p95", "home_cpu_p95"), "ms"),
    ("`/explore` (no focus) p95 (CPU p95)", ("explore_p95", "explore_cpu_p95"), "ms"),
    ("analytics (pagerank) p95 (CPU p95)", ("analytics_p95", "analytics_cpu_p95"), "ms"),
    ("analytics (communities) p95 (CPU p95)", ("communities_p95", "communities_cpu_p95"), "ms"),
    ("analytics (pagerank, types=Person) p95 (CPU p95)", ("persons_p95", "persons_cpu_p95"), "ms"),
    ("server RSS after pages", "rss_server_mb", "MB"),
    (
        "8 kB document on top (resolve + write), best of 3, wall / CPU",
        ("doc_on_top_s", "doc_on_top_cpu_s"),
        "s",
    ),
    (
        "8 kB document into an empty store, best of 3, wall / CPU",
        ("doc_empty_s", "doc_empty_cpu_s"),
        "s",
    ),
]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms":
        value *= 1000
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}" if value < 10 else f"{value:,.1f}"


def table(size: int, new: dict[str, float], old: dict[str, float] | None) -> str:
    lines = [
        f"**{size:,} relations**",
        "",
        "| what | embedded (SQLite) | old JSON store | old / new |",
        "|---|---|---|---|",
    ]
    for label, keys, unit in ROWS:
        ks = keys if isinstance(keys, tuple) else (keys,)
        cells = []
        for res in (new, old):
            if res is None or any(k not in res for k in ks):
                cells.append("–")
            else:
                cells.append(" / ".join(fmt(res[k], unit) for k in ks) + f" {unit}")
        ratio = "–"
        if old and all(k in old for k in ks) and new.get(ks[-1]):
            ratio = f"{old[ks[-1]] / new[ks[-1]]:,.1f}×"
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | {ratio} |")
    return "\n".join(lines)


def measure(
    size: int,
    kind: str,
    graph_file: Path,
    queries: int,
    reps: int,
    built: Path | None = None,
    probes: list[str] | None = None,
) -> dict[str, float]:
    """Every probe in turn; each result is printed as it comes, and a failing probe leaves
    the others' results (a 1M-relation run can take long on a shared machine). `built`: a
    store imported before (no import probe; the ingest probe takes its document out again)."""
    with tempfile.TemporaryDirectory() as tmp:
        store_dir, empty_dir = built or Path(tmp) / "store", Path(tmp) / "empty"
        out: dict[str, float] = {}
        keep = "1" if built else "0"
        for probe in (
            ("import", kind, str(store_dir), str(graph_file)),
            ("reads", kind, str(store_dir), str(queries)),
            ("pages", kind, str(store_dir), str(reps)),
            ("ingest", kind, str(store_dir), str(empty_dir), keep),
        ):
            if (built and probe[0] == "import") or (probes and probe[0] not in probes):
                continue
            try:
                found = run_probe(*probe)
            except subprocess.CalledProcessError as exc:
                print(f"  {size:,} {kind} {probe[0]} failed: {exc.stderr[-2000:]}", file=sys.stderr)
                break
            out |= found
            print(f"  {size:,} {kind} {probe[0]}: {found}", file=sys.stderr, flush=True)
        return out


def write_results(section: str, name: str) -> None:
    """Replace this run's block (by `name`) in RESULTS.md, keeping the other runs'."""
    start, end = f"<!-- store_scale {name} -->", f"<!-- /store_scale {name} -->"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    block = f"{start}\n{section}\n{end}"
    if start in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--old-max", type=int, default=100_000, help="largest size for the old store"
    )
    parser.add_argument("--queries", type=int, default=QUERIES)
    parser.add_argument("--reps", type=int, default=20, help="page requests per page (new store)")
    parser.add_argument("--old-reps", type=int, default=3, help="page requests (old store)")
    parser.add_argument("--section", default="main", help="name of this run's block in RESULTS.md")
    parser.add_argument(
        "--graph", type=Path, help="an interchange file already generated (one size)"
    )
    parser.add_argument(
        "--store-dir",
        type=Path,
        help="an embedded store already imported from --graph (kept; no import probe)",
    )
    parser.add_argument("--probes", nargs="+", choices=list(PROBES), help="run only these probes")
    parser.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        name, kind, *rest = args.probe
        paths = [Path(r) if not r.isdigit() else int(r) for r in rest]
        print(json.dumps(PROBES[name](kind, *paths)))  # type: ignore[operator]
        return
    from bench.synthetic import generate

    sections = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            graph_file = args.graph or Path(tmp) / "graph.json"
            if not args.graph and not args.store_dir:  # a built store needs no graph file
                graph_file.write_text(generate(size).model_dump_json(exclude_none=True))
            new = measure(
                size, "embedded", graph_file, args.queries, args.reps, args.store_dir, args.probes
            )
            old = None
            if size <= args.old_max:
                old = measure(size, "json", graph_file, args.queries, args.old_reps)
        sections.append(table(size, new, old))
        print(sections[-1] + "\n", flush=True)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    header = (
        f"### Embedded store at scale: {', '.join(f'{n:,}' for n in args.sizes)} relations\n\n"
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores "
        f"shared with other sessions, load average at the end {load}. Compare ratios, not "
        "absolute times."
    )
    write_results("\n\n".join([header, *sections]), args.section)


if __name__ == "__main__":
    main()
