"""How fast does the graph view draw big graphs, next to a pyvis-style vis-network page?

For generated graphs of 1,000, 5,000 and 20,000 nodes (four edges per node), in Debian's
headless Chromium (software rendering, no GPU):

* actorgraph: the real /explore page of the real app (uvicorn, embedded store holding the
  graph): the first view comes rendered into the page, sigma.js draws it (WebGL), then
  ForceAtlas2 runs in a web worker.
* pyvis: the page pyvis writes: the same nodes and edges inline in the HTML, drawn by
  vis-network (canvas) with pyvis's defaults: physics on, 1,000 stabilisation iterations
  before the first drawing (pyvis shows a progress bar meanwhile); and the same page with
  stabilisation off (drawn at once, settling on screen).

Reported: time from navigation to the first frame showing the graph, and frames per second
while a mouse drag pans the view (one move per animation frame, layouts stopped).

    .venv/bin/python bench/view_render.py                 # 1000, 5000, 20000 nodes
    .venv/bin/python bench/view_render.py --sizes 1000 --timeout 60

Prints a table and writes bench/RESULTS.md. Needs /usr/bin/chromium
(bash scripts/browser.sh install).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import random
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import uvicorn
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from app.main import create_app
from graph.config import Settings
from graph.model import Edge, Evidence, GraphData, Node
from graph.schema import load_schema
from graph.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
VIS_DIR = ROOT / "bench" / "vendor" / "vis-network-10.1.5"
RESULTS = ROOT / "bench" / "RESULTS.md"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
VIEWPORT = {"width": 1440, "height": 900}
EDGES_PER_NODE = 4
PAN_SECONDS = 4.0
TARGET_NODES, TARGET_FIRST_RENDER, TARGET_FPS = 5000, 2.0, 30.0


# ---------------------------------------------------------------- the graphs
def generate(n: int, seed: int = 7) -> GraphData:
    """A scale-free graph (preferential attachment, like news networks: a few hubs, many
    leaves) with schema types, names and one evidence sentence per edge."""
    rng = random.Random(seed)
    schema = load_schema()
    types = schema.entity_types
    relations = [r for r in schema.relation_types if r != "MENTIONS"]
    nodes = [
        Node(id=f"bench:{i}", type=rng.choice(types), name=f"Actor {i} {rng.choice('ABCDEFGH')}")
        for i in range(n)
    ]
    targets: list[int] = []  # every endpoint so far: sampling it favours hubs
    seen: set[tuple[int, int]] = set()
    edges: list[Edge] = []
    for i in range(n):
        wanted = min(EDGES_PER_NODE, i)
        picked: set[int] = set()
        while len(picked) < wanted:
            j = rng.choice(targets) if targets and rng.random() < 0.8 else rng.randrange(i)
            if j != i:
                picked.add(j)
        for j in picked:
            if (j, i) in seen:
                continue
            seen.add((j, i))
            edges.append(
                Edge(
                    id=f"rel:{i}-{j}",
                    source=f"bench:{i}",
                    target=f"bench:{j}",
                    type=rng.choice(relations),
                    evidence=[
                        Evidence(
                            document="doc:bench",
                            sentence=f"Actor {i} and Actor {j} were named together.",
                            start=0,
                            end=42,
                        )
                    ],
                )
            )
            targets += [i, j]
    # top up to exactly EDGES_PER_NODE * n edges, as the target names 5,000 / 20,000
    while len(edges) < EDGES_PER_NODE * n:
        i, j = rng.randrange(n), rng.choice(targets)
        if i != j and (i, j) not in seen and (j, i) not in seen:
            seen.add((i, j))
            edges.append(
                Edge(
                    id=f"rel:{i}-{j}",
                    source=f"bench:{i}",
                    target=f"bench:{j}",
                    type=rng.choice(relations),
                    evidence=[
                        Evidence(document="doc:bench", sentence="Named together.", start=0, end=15)
                    ],
                )
            )
    return GraphData(nodes=nodes, edges=edges)


# ---------------------------------------------------------------- servers
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    def __init__(self, data_dir: Path) -> None:
        app = create_app(Settings(store="embedded", data_dir=data_dir))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> AppServer:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class StaticServer:
    """A plain file server for the pyvis-style page (pyvis writes a standalone HTML file)."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.thread.join(timeout=10)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


# ---------------------------------------------------------------- pyvis-style page
VIS_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>pyvis-style</title>
<script src="vis-network.min.js"></script>
<style>html,body{margin:0;height:100%}#mynetwork{width:100%;height:100vh;background:#fff}</style>
</head><body><div id="mynetwork"></div>
<script>
// What pyvis writes: the data inline, a vis.Network with physics and stabilisation.
var nodes = new vis.DataSet(__NODES__);
var edges = new vis.DataSet(__EDGES__);
var options = {
  "physics": {"enabled": true,
              "stabilization": {"enabled": __STABILIZE__, "fit": true, "iterations": 1000,
                                "updateInterval": 50, "onlyDynamicEdges": false}},
  "edges": {"color": {"inherit": true}, "smooth": {"enabled": true, "type": "dynamic"}},
  "interaction": {"dragNodes": true, "hideEdgesOnDrag": false, "hideNodesOnDrag": false}
};
var network = new vis.Network(document.getElementById("mynetwork"),
                              {nodes: nodes, edges: edges}, options);
window.__firstDraw = null;
network.on("afterDrawing", function () {
  if (window.__firstDraw === null) window.__firstDraw = performance.now();
});
</script></body></html>
"""


def write_vis_page(data: GraphData, folder: Path) -> None:
    colors = {t.name: t.color for t in load_schema().nodes.values()}
    degree: dict[str, int] = {}
    for e in data.edges:
        degree[e.source] = degree.get(e.source, 0) + 1
        degree[e.target] = degree.get(e.target, 0) + 1
    nodes = [
        {
            "id": n.id,
            "label": n.name,
            "title": n.type,
            "color": colors[n.type],
            "shape": "dot",
            "value": degree.get(n.id, 0),
        }
        for n in data.nodes
    ]
    edges = [
        {"from": e.source, "to": e.target, "title": e.type, "arrows": "to"} for e in data.edges
    ]
    html = VIS_PAGE.replace("__NODES__", json.dumps(nodes)).replace("__EDGES__", json.dumps(edges))
    # pyvis's default, and with net.toggle_stabilization(False): drawn at once, settling live
    (folder / "index.html").write_text(html.replace("__STABILIZE__", "true"), encoding="utf-8")
    (folder / "live.html").write_text(html.replace("__STABILIZE__", "false"), encoding="utf-8")
    shutil.copy(VIS_DIR / "vis-network.min.js", folder / "vis-network.min.js")


# ---------------------------------------------------------------- measuring
@dataclass
class Measure:
    first_render: float | None  # seconds; None: not within the timeout
    fps: float | None
    note: str = ""
    fps_edges: float | None = None  # panning with every edge drawn while the camera moves


# Counts the frames the library draws, from now until stopped.
SIGMA_COUNT = """
() => {
  const r = AG.explorer.view.renderer;
  AG.explorer.view.stopLayout();
  window.__frames = 0;
  r.on("afterRender", () => window.__frames++);
}
"""
VIS_COUNT = """
() => {
  network.stopSimulation();
  window.__frames = 0;
  network.on("afterDrawing", () => window.__frames++);
}
"""


# A mouse drag across the view, one move per animation frame, dispatched in the page so the
# driver's round trips do not set the pace; returns the frames per second the library drew.
# sigma listens to mouse events, vis-network (Hammer.js) to pointer events: both get both.
DRAG_JS = """
async ([selector, seconds]) => {
  const target = document.querySelector(selector);
  const el = target.querySelector("canvas:last-of-type") || target;
  const box = el.getBoundingClientRect();
  const x0 = box.left + 12, y0 = box.top + 12;
  const fire = (type, x, y, buttons) => {
    const init = { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons,
                   pointerId: 1, pointerType: "mouse", isPrimary: true, view: window };
    const ptype = type.replace("mouse", "pointer");
    el.dispatchEvent(new PointerEvent(ptype, init));
    el.dispatchEvent(new MouseEvent(type, init));
  };
  fire("mousedown", x0, y0, 1);
  const frames0 = window.__frames;
  const t0 = performance.now();
  let step = 0;
  await new Promise((done) => {
    const tick = () => {
      step++;
      const x = x0 + 200 + 160 * Math.sin(step / 25), y = y0 + 100 + 90 * (1 - Math.cos(step / 25));
      fire("mousemove", x, y, 1);
      if (performance.now() - t0 < seconds * 1000) requestAnimationFrame(tick); else done();
    };
    requestAnimationFrame(tick);
  });
  const fps = (window.__frames - frames0) / ((performance.now() - t0) / 1000);
  fire("mouseup", x0, y0, 0);
  return { fps, moves: step };
}
"""


def pan(page, selector: str) -> float:
    """Drag the view as a person pans; frames per second drawn meanwhile."""
    result = page.evaluate(DRAG_JS, [selector, PAN_SECONDS])
    return result["fps"]


# The explorer page shows at most 300 actors without a focus (the overview) and 5,000 with
# one: the whole generated graph is fed to its view directly. Timed: the JSON export fetched
# and parsed, then the view built and its first frame drawn.
FEED_JS = """
async (text) => {
  const v = AG.explorer.view;
  const t0 = performance.now();
  const rows = JSON.parse(text);
  const t1 = performance.now();
  await new Promise((done) => {
    v.renderer.once('afterRender', done);
    v.replace(rows);
    v.setSizeBy('degree');
  });
  const t2 = performance.now();
  return { fetch: (t1 - t0) / 1000, draw: (t2 - t1) / 1000, nodes: v.graph.order };
}
"""


def view_rows(data: GraphData) -> str:
    """The graph as the explorer's view takes it (what /explore inlines: no evidence)."""
    return json.dumps(
        {
            "nodes": [
                {"id": n.id, "type": n.type, "name": n.name}
                for n in data.nodes
                if n.type != "Document"
            ],
            "edges": [
                {
                    "id": e.id,
                    "source": e.source,
                    "target": e.target,
                    "type": e.type,
                    "evidence": len(e.evidence),
                }
                for e in data.edges
                if e.type != "MENTIONS"
            ],
        }
    )


def measure_sigma(
    browser: Browser, url: str, data: GraphData, n: int, timeout: float, shot: Path
) -> Measure:
    page = browser.new_page(viewport=VIEWPORT)
    page.set_default_timeout(timeout * 1000)
    try:
        t0 = time.monotonic()
        # the explorer with nothing in it yet: the page, its scripts and an empty view
        page.goto(url + "/explore?focus=none:none&types=", timeout=timeout * 1000)
        page.wait_for_selector("#graph[data-state=ready]", timeout=timeout * 1000)
        page_s = time.monotonic() - t0
        result = page.evaluate(FEED_JS, view_rows(data))
        if result["nodes"] != n:
            return Measure(None, None, f"drew {result['nodes']} nodes, not {n}")
        first = page_s + result["fetch"] + result["draw"]
        page.evaluate(SIGMA_COUNT)
        time.sleep(1.0)
        fps = pan(page, "#graph")
        # the same drag with the edges kept on screen while the camera moves
        page.evaluate("() => AG.explorer.view.renderer.setSetting('hideEdgesOnMove', false)")
        time.sleep(1.0)
        fps_edges = pan(page, "#graph")
        page.screenshot(path=str(shot))
        note = f"page {page_s:.2f} s + parse {result['fetch']:.2f} s + draw {result['draw']:.2f} s"
        return Measure(first, fps, note, fps_edges)
    finally:
        page.close()


def measure_vis(browser: Browser, url: str, timeout: float, shot: Path, stabilize: bool) -> Measure:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        # vis-network may stabilise before the page has even loaded: do not wait for "load"
        page.goto(url + ("/index.html" if stabilize else "/live.html"), wait_until="commit")
        try:
            page.wait_for_function(
                "() => typeof window.__firstDraw === 'number'", timeout=timeout * 1000
            )
        except PlaywrightTimeout:
            return Measure(None, None, f"> {timeout:.0f} s")
        first = page.evaluate("() => window.__firstDraw") / 1000
        page.evaluate(VIS_COUNT)
        time.sleep(1.0)
        fps = pan(page, "#mynetwork")
        page.screenshot(path=str(shot))
        return Measure(first, fps)
    finally:
        page.close()


# ---------------------------------------------------------------- report
def fmt_s(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f} s"


def fmt_fps(v: float | None) -> str:
    return "—" if v is None else f"{v:.0f}"


def ratio(a: float | None, b: float | None, higher_is_better: bool) -> str:
    """How many times better actorgraph's `a` is than `b`; "n/a" when either is missing."""
    if a is None or b is None or a == 0 or b == 0:
        return "n/a"
    return f"{(a / b if higher_is_better else b / a):.1f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument(
        "--timeout", type=float, default=180.0, help="seconds to wait for a first drawing"
    )
    parser.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    parser.add_argument(
        "--no-pyvis", action="store_true", help="measure actorgraph only (pyvis columns n/a)"
    )
    args = parser.parse_args()

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average {load} (other work on the machine slows every column)")
    rows = []
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        version = browser.version
        for n in args.sizes:
            data = generate(n)
            with tempfile.TemporaryDirectory(prefix="view-bench-") as tmp:
                store_dir = Path(tmp) / "store"
                SqliteStore(store_dir).import_graph(data)
                vis_dir = Path(tmp) / "vis"
                vis_dir.mkdir()
                write_vis_page(data, vis_dir)
                with AppServer(store_dir) as app:
                    # the store is opened on the first request: not part of drawing
                    urllib.request.urlopen(app.url + "/api/stats").read()
                    sigma = measure_sigma(
                        browser, app.url, data, n, args.timeout, artifacts / f"bench-sigma-{n}.png"
                    )
                skipped = Measure(None, None, "not run")
                with StaticServer(vis_dir) as static:
                    if args.no_pyvis:
                        vis = live = skipped
                        row = (n, len(data.edges), sigma, vis, live)
                        rows.append(row)
                        print_row(row)
                        continue
                    vis = measure_vis(
                        browser, static.url, args.timeout, artifacts / f"bench-vis-{n}.png", True
                    )
                    live = measure_vis(
                        browser,
                        static.url,
                        args.timeout,
                        artifacts / f"bench-vis-live-{n}.png",
                        False,
                    )
            row = (n, len(data.edges), sigma, vis, live)
            rows.append(row)
            print_row(row)
        browser.close()

    table = render_table(rows, args.timeout)
    print()
    print(table)
    target = next((r for r in rows if r[0] == TARGET_NODES), None)
    verdict = ""
    if target:
        s = target[2]
        ok = (
            s.first_render is not None
            and s.first_render < TARGET_FIRST_RENDER
            and s.fps_edges is not None
            and s.fps_edges >= TARGET_FPS
        )
        verdict = (
            f"Target at {TARGET_NODES:,} nodes / {TARGET_NODES * EDGES_PER_NODE:,} edges "
            f"(first render < {TARGET_FIRST_RENDER:.0f} s, ≥ {TARGET_FPS:.0f} fps with the "
            "edges shown while panning): " + ("met." if ok else "NOT met.")
        )
        big = next((r for r in rows if r[0] == 4 * TARGET_NODES), None)
        if big:
            b = big[2]
            met = b.first_render is not None and b.first_render < 2 * TARGET_FIRST_RENDER
            verdict += (
                f" At {4 * TARGET_NODES:,} nodes (first render < "
                f"{2 * TARGET_FIRST_RENDER:.0f} s): " + ("met." if met else "NOT met.")
            )
        print(verdict)
    if not args.no_write:
        write_results(table, verdict, version, load)
        print(f"wrote {RESULTS.relative_to(ROOT)}")


def print_row(row: tuple) -> None:
    n, m, s, v, live = row
    print(
        f"{n:>6} nodes {m:>6} edges | actorgraph {fmt_s(s.first_render)} {fmt_fps(s.fps)} fps"
        f" ({fmt_fps(s.fps_edges)} fps with edges; {s.note})"
        f" {s.note} | pyvis {fmt_s(v.first_render)} {fmt_fps(v.fps)} fps {v.note}"
        f" | pyvis live {fmt_s(live.first_render)} {fmt_fps(live.fps)} fps {live.note}",
        flush=True,
    )


def slower_than(s: Measure, v: Measure, timeout: float) -> str:
    """The ratio, or its lower bound when pyvis did not draw within the timeout."""
    if s.first_render and v.first_render is None and v.note.startswith(">"):
        return f"> {timeout / s.first_render:.0f}×"
    return ratio(s.first_render, v.first_render, False)


def first(m: Measure) -> str:
    return fmt_s(m.first_render) if m.first_render is not None else m.note


def render_table(rows: list[tuple], timeout: float) -> str:
    lines = [
        "| nodes | edges | first render: actorgraph | pyvis (default) | ratio "
        "| pyvis (stabilisation off) | ratio "
        "| fps panning: actorgraph (edges hidden on move) | actorgraph (edges shown) "
        "| pyvis | ratio (edges shown) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, m, s, v, live in rows:
        # pyvis draws the same way with or without stabilisation: the live page's fps
        vis_fps = v.fps if v.fps is not None else live.fps
        lines.append(
            f"| {n:,} | {m:,} | {first(s)} | {first(v)} "
            f"| {slower_than(s, v, timeout)} "
            f"| {first(live)} | {slower_than(s, live, timeout)} "
            f"| {fmt_fps(s.fps)} | {fmt_fps(s.fps_edges)} | {fmt_fps(vis_fps)} "
            f"| {ratio(s.fps_edges, vis_fps, True)} |"
        )
    return "\n".join(lines)


def write_results(table: str, verdict: str, version: str, load: str) -> None:
    RESULTS.write_text(
        "# Graph view: render benchmark\n\n"
        "Written by `bench/view_render.py` "
        f"({time.strftime('%Y-%m-%d')}; headless Chromium {version} with software WebGL "
        f"(SwiftShader), no GPU; {platform.machine()}, {os.cpu_count()} cores; "
        f"load average at the start {load}).\n\n"
        "- *actorgraph*: the real `/explore` page of the real app (embedded store). The page "
        "never shows a whole graph this big (without a focus it shows the 300-actor overview, "
        "with one at most 5,000 nodes), so the whole graph is fed to its view in the form the "
        "page inlines its first view (no evidence): first render = the empty page loaded + "
        "the JSON parsed + the view built and its first frame drawn by sigma.js (WebGL). On "
        "software WebGL the view draws "
        "without instancing, and graphs of more than 3,000 edges hide their edges while the "
        "camera moves (sigma's `hideEdgesOnMove`) unless told otherwise.\n"
        "- *pyvis (default)*: the standalone page pyvis writes: data inline, vis-network "
        "10.1.5 on a canvas, physics with 1,000 stabilisation iterations before the first "
        "drawing (pyvis shows a progress bar meanwhile). *stabilisation off*: the same page "
        "after `net.toggle_stabilization(False)`: drawn at once, then settling on screen.\n"
        "- First render: from navigation to the first frame that shows the graph. fps: frames "
        "drawn per second while a mouse drag pans the view (one move per animation frame), "
        "layouts stopped; measured twice: as the app runs (big graphs hide edges while the "
        "camera moves) and with `hideEdgesOnMove` off, every edge drawn in every frame. "
        "Ratios: how many times better actorgraph is.\n\n"
        f"{table}\n\n{verdict}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
