"""`actorgraph ingest --cluster ADDRESS` (issue 11): extraction on a Dask cluster, here a
real one started on loopback (a scheduler and two worker processes), gives the same graph
as a serial run; a scheduler that does not answer is one readable line and exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.model import GraphData
from graph.store.sqlite import SqliteStore
from tests.processes import ROOT, free_port

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # a worker loads spaCy on its first text: on a loaded machine that is slow
        death_timeout=300,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _ingest(data_dir: Path, *options: str, timeout: float = 900) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "ACTORGRAPH_DATA_DIR": str(data_dir),
        "ACTORGRAPH_CLUSTER_CONNECT_TIMEOUT": "5",
    }
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", str(SEEDS), *options],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _graph(data_dir: Path) -> GraphData:
    store = SqliteStore(data_dir)
    try:
        return store.export().sorted()
    finally:
        store.close()


def test_cluster_extraction_gives_the_serial_graph(scheduler: str, tmp_path: Path) -> None:
    on_cluster = _ingest(tmp_path / "cluster", "--cluster", scheduler)
    assert on_cluster.returncode == 0, on_cluster.stderr[-2000:]
    serial = _ingest(tmp_path / "serial", "--workers", "1")
    assert serial.returncode == 0, serial.stderr[-2000:]
    graph = _graph(tmp_path / "cluster")
    assert graph.edges and graph == _graph(tmp_path / "serial")
    # the texts were parsed out there: the cluster's workers hold the loaded pipeline
    from distributed import Client

    with Client(scheduler, set_as_default=False) as client:
        loaded = client.run(_models_loaded)
    assert any(loaded.values()), loaded


def _models_loaded() -> list[str]:
    from graph.extract import cluster

    return sorted(cluster._EXTRACTORS)


def test_a_scheduler_that_does_not_answer_is_one_line(tmp_path: Path) -> None:
    done = _ingest(tmp_path, "--cluster", f"tcp://127.0.0.1:{free_port()}", timeout=300)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "no Dask scheduler answered" in lines[0], done.stderr
    assert not (tmp_path / "graph.sqlite3").exists()  # it stopped before opening the store


@pytest.mark.parametrize("address", ["not an address", "http://127.0.0.1:8786"])
def test_an_address_that_is_no_scheduler_address_is_one_line(address: str, tmp_path: Path) -> None:
    done = _ingest(tmp_path, "--cluster", address, timeout=300)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "is not a Dask scheduler address" in lines[0], done.stderr
    assert not (tmp_path / "graph.sqlite3").exists()
