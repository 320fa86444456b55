"""Issue 10, item 8: with Neo4j stopped, every request took 13-16 s before its 503 and HTML
pages answered with JSON. Here a second, private Neo4j server (provisioned through
scripts/neo4j.sh, the wrapper around app/neo4j_server, in a temporary folder, so the shared
test server is never touched) is stopped while requests stream in, then started again on
the same port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.config import Neo4jSettings
from graph.model import GraphData
from graph.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "neo4j.sh"
SHARED_LIB = ROOT / ".cache" / "neo4j" / "lib"


class PrivateServer:
    """A Neo4j server of our own, through the project's provisioning script."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.env = {
            **os.environ,
            "NEO4J_CACHE_DIR": str(cache),
            "NEO4J_HEAP_INITIAL": "256m",
            "NEO4J_HEAP_MAX": "512m",
            "NEO4J_PAGECACHE": "64m",
            "NEO4J_START_TIMEOUT": "300",
        }
        for name in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_BOLT_PORT"):
            self.env.pop(name, None)

    def run(self, command: str) -> str:
        done = subprocess.run(
            ["bash", str(SCRIPT), command],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self) -> None:
        self.run("start")
        self.env["NEO4J_BOLT_PORT"] = (self.cache / "run" / "bolt.port").read_text().strip()

    def settings(self) -> Neo4jSettings:
        return Neo4jSettings(
            uri=f"bolt://127.0.0.1:{self.env['NEO4J_BOLT_PORT']}",
            password=(self.cache / "password").read_text().strip(),
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateServer]:
    if shutil.which("java") is None:
        pytest.skip("java is needed to start a private Neo4j server")
    cache = tmp_path_factory.mktemp("neo4j-private")
    if SHARED_LIB.is_dir():  # the jars are read-only to a server: share them, skip the copy
        (cache / "lib").symlink_to(SHARED_LIB)
    server = PrivateServer(cache)
    server.start()
    try:
        yield server
    finally:
        server.run("stop")


@pytest.fixture(scope="module")
def app_url(
    server: PrivateServer, seeds_graph: GraphData, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app in a uvicorn process of its own, on the private server's seeds."""
    store = Neo4jStore(server.settings())
    store.ensure_schema()
    store.import_graph(seeds_graph)
    store.close()
    neo = server.settings()
    port = _free_port()
    env = {
        **server.env,
        "PYTHONPATH": str(ROOT),
        "ACTORGRAPH_STORE": "neo4j",
        "ACTORGRAPH_DATA_DIR": str(tmp_path_factory.mktemp("fault")),
        "ACTORGRAPH_STORE_RETRY_SECONDS": "1",
        "NEO4J_URI": neo.uri,
        "NEO4J_PASSWORD": neo.password.get_secret_value(),
    }
    code = (
        "import uvicorn; from app.main import create_app; from graph.config import Settings; "
        f"uvicorn.run(create_app(Settings()), host='127.0.0.1', port={port}, log_level='warning')"
    )
    process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: _answers(url), 120), "the app did not start"
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        return httpx.get(url + "/api/schema", timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


class Load:
    """Requests in a loop from a thread: (seconds from start, status, seconds taken)."""

    URLS = ("/api/stats", "/api/search?q=putin", "/api/entities/person:vladimir-putin")

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url, timeout=30)
        self.seen: list[tuple[float, int, float]] = []
        self.wrong: list[str] = []  # what the wrong answers said
        self.stop = threading.Event()
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self) -> None:
        i = 0
        while not self.stop.is_set():
            url = self.URLS[i % len(self.URLS)]
            t = time.monotonic()
            try:
                response = self.client.get(url)
                status = response.status_code
                if status not in (200, 503):
                    self.wrong.append(f"{url}: {status} {response.text[:300]}")
            except httpx.HTTPError as exc:  # a timeout or a dropped connection: never right
                status = 0
                self.wrong.append(f"{url}: {exc!r}")
            self.seen.append((t - self.started, status, time.monotonic() - t))
            i += 1

    def __enter__(self) -> Load:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=60)
        self.client.close()


def wait_for(check, timeout: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_stopped_mid_load_then_restarted(app_url: str, server: PrivateServer) -> None:
    client = httpx.Client(base_url=app_url, timeout=30)
    assert client.get("/api/stats").status_code == 200
    with Load(app_url) as load:
        assert wait_for(lambda: len(load.seen) >= 5, 60)
        server.run("stop")
        # while it is down: 503s, each quickly, API as problem JSON and pages as HTML
        assert wait_for(lambda: any(s == 503 for _, s, _ in load.seen), 30)
        down = [client.get("/api/stats") for _ in range(5)]
        page = client.get("/")
        started_at = time.monotonic() - load.started
        server.start()
        recovered = wait_for(lambda: load.seen[-1][1] == 200, 180)
        recovered_at = time.monotonic() - load.started
        back = len(load.seen)  # once back, it stays back: no stale connection fails one
        assert wait_for(lambda: len(load.seen) >= back + 30, 60)
    statuses = {s for _, s, _ in load.seen}
    assert statuses <= {200, 503}, f"only 200 and 503 are right answers: {load.wrong[:5]}"
    # while the port is closed the 503s come at once (before: 13-16 s each); the slowest is
    # the request that finds the server gone, which on a loaded 2-core machine took 4.3 s
    dead = sorted(took for at, s, took in load.seen if s == 503 and at < started_at)
    assert dead and dead[-1] < 8.0, f"slowest 503 while stopped took {dead[-1]:.1f} s"
    assert dead[len(dead) // 2] < 0.5  # most are answered at once
    for r in down:
        assert r.status_code == 503 and r.headers["content-type"] == "application/problem+json"
        assert int(r.headers["retry-after"]) >= 1 and "unreachable" in r.json()["detail"]
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert "unavailable" in page.text
    print(
        f"\n{len(dead)} 503s while stopped, slowest {dead[-1]:.2f} s, median "
        f"{dead[len(dead) // 2]:.3f} s; started again at {started_at:.1f} s; "
        f"recovered: {recovered} at {recovered_at:.1f} s; {len(load.seen)} requests"
    )
    assert recovered, "the app did not trust the restarted server within 180 s"
    after = [status for _, status, _ in load.seen[back:]]
    assert set(after) == {200}, f"answers after recovery: {after}"
    assert client.get("/api/health").json()["reachable"] is True
    client.close()
