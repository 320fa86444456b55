"""Issue 10's fault suite: the server killed with SIGKILL in the middle of an upload, at
several points of it (extraction, resolution, the write). The embedded store must come back
holding either the whole document or none of it, with every earlier document intact, and
the app must start on it again and take the same upload afterwards."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import httpx

from graph.model import GraphData
from graph.store.sqlite import SqliteStore
from tests.processes import ROOT, ServerProcess, workers_of

FIRST, SECOND = sorted((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
# where in the second upload the server dies, as fractions of how long it takes whole
KILL_POINTS = (0.35, 0.7, 0.95)


def _shape(graph: GraphData) -> tuple[frozenset, frozenset]:
    """What a user sees of a graph: its actors and its facts with their evidence."""
    nodes = frozenset((n.id, n.type, n.name, tuple(sorted(n.aliases))) for n in graph.nodes)
    edges = frozenset(
        (e.id, e.source, e.target, e.type, tuple(sorted(ev.key() for ev in e.evidence)))
        for e in graph.edges
    )
    return nodes, edges


def _stored(data_dir: Path) -> tuple[frozenset, frozenset]:
    store = SqliteStore(data_dir)
    try:
        return _shape(store.export())
    finally:
        store.close()


def _kill(server: ServerProcess) -> None:
    """SIGKILL the server and its extraction workers, as the OOM killer or a power cut
    would: nothing gets to clean up."""
    for pid in [*workers_of(server.proc.pid), server.proc.pid]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    server.proc.wait(30)


def _upload(server: ServerProcess, path: Path) -> httpx.Response:
    return server.upload(path.name, path.read_text(encoding="utf-8"))


def _reference(data_dir: Path) -> tuple[tuple, tuple, float]:
    """The graph after the first document, after both, and how long the second took."""
    with ServerProcess(data_dir) as server:
        assert _upload(server, FIRST).status_code == 201
        after_first = _stored(data_dir)
        started = time.monotonic()
        assert _upload(server, SECOND).status_code == 201
        took = time.monotonic() - started
    return after_first, _stored(data_dir), took


def test_killed_mid_upload_keeps_all_or_nothing(tmp_path: Path) -> None:
    after_first, after_both, took = _reference(tmp_path / "reference")
    assert after_first != after_both
    for i, point in enumerate(KILL_POINTS):
        data_dir = tmp_path / f"killed-{i}"
        with ServerProcess(data_dir) as server:
            assert _upload(server, FIRST).status_code == 201
            thread = threading.Thread(target=_upload_ignoring_the_crash, args=(server,))
            thread.start()
            time.sleep(took * point)
            _kill(server)
            thread.join(60)
        found = _stored(data_dir)
        assert found in (after_first, after_both), f"a half-written document at {point}"
        # the app starts on what is left and takes the upload again, to the same graph
        with ServerProcess(data_dir) as server:
            assert server.get("/api/stats").status_code == 200
            assert _upload(server, SECOND).status_code in (200, 201)
        assert _stored(data_dir) == after_both
        assert not list(data_dir.glob(".graph-*")), "a killed writer's temp files stayed"


def _upload_ignoring_the_crash(server: ServerProcess) -> None:
    with contextlib.suppress(httpx.HTTPError):  # the server dies under it: the point
        _upload(server, SECOND)

