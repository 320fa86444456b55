"""The read plans warmed at start (ACTORGRAPH_WARM_PLANS): the store plans the explorer's
reads when the app starts, in the background, so a fresh server's first requests do not
wait for their plans (bench/RESULTS.md, "Read plans warmed at start", measures the time it
saves; no test here is timed). Against a real server: every warmed statement is one the
server plans, the app warms them at start and again when it reopens the store after an
outage, a server that is down does not stop the app, and the warm-up can be switched off."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Neo4jSettings, Settings
from graph.query import GraphFilter, PathAvoid
from graph.store import neo4j_cypher as q
from graph.store.neo4j import Neo4jStore, _path_relations, _walk_types

pytestmark = pytest.mark.neo4j

# the depth-2 walk's last statement, the slowest to plan of the explorer's reads
WALK = _walk_types(GraphFilter())[0]
SLOW = q.walked_capped_answer(WALK, False, False, True)


@pytest.fixture(scope="module")
def neo4j(neo4j_settings: Neo4jSettings) -> Iterator[Neo4jStore]:
    store = Neo4jStore(neo4j_settings)
    store.ensure_schema()
    try:
        yield store
    finally:
        store.close()


def test_the_warmed_statements_are_the_ones_the_reads_build() -> None:
    statements = q.explorer_reads(WALK, _path_relations(PathAvoid()))
    assert len(statements) == len(set(statements))
    assert SLOW in statements and q.walk_level(WALK, True) in statements
    assert q.seeds_and_incident(WALK, False) in statements
    assert q.expand(_path_relations(PathAvoid())) in statements
    assert q.SEARCH_CANDIDATES in statements and q.node_counts() in statements


def test_every_warmed_statement_is_planned_by_the_server(neo4j: Neo4jStore) -> None:
    # EXPLAIN compiles and plans each statement: one that Neo4j refuses fails here, not at
    # a user's first request; the speed it buys is measured in bench/neo4j_cold_reads.py
    assert neo4j.warm_plans() == len(q.explorer_reads(WALK, _path_relations(PathAvoid())))


def _app_settings(neo4j: Neo4jSettings, tmp: object, **extra: object) -> Settings:
    return Settings(store="neo4j", neo4j=neo4j, data_dir=tmp, **extra)  # type: ignore[arg-type]


def _times_planned(caplog: pytest.LogCaptureFixture) -> int:
    """How often the app logged that it planned all the explorer's reads."""
    count = len(q.explorer_reads(WALK, _path_relations(PathAvoid())))
    return sum(r.getMessage().startswith(f"planned {count} reads") for r in caplog.records)


def test_the_app_warms_the_plans_at_start(
    neo4j: Neo4jStore,
    neo4j_settings: Neo4jSettings,
    tmp_path: object,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="app.main")
    app = create_app(_app_settings(neo4j_settings, tmp_path))
    with TestClient(app):
        app.state.warming.join(timeout=300)
        assert not app.state.warming.is_alive()
    assert _times_planned(caplog) >= 1


def test_a_store_reopened_after_an_outage_plans_its_reads_again(
    neo4j: Neo4jStore,
    neo4j_settings: Neo4jSettings,
    tmp_path: object,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # a server that restarts has lost its plan cache: the store the holder opens once the
    # server answers again plans the reads as the first one did at start
    caplog.set_level(logging.INFO, logger="app.main")
    app = create_app(_app_settings(neo4j_settings, tmp_path, store_retry_seconds=0))
    with TestClient(app) as client:
        app.state.warming.join(timeout=300)
        assert _times_planned(caplog) == 1
        app.state.store_holder.mark_unavailable("the server went away")
        assert client.get("/api/stats").status_code == 503  # held down; a probe starts
        deadline = time.monotonic() + 300
        while _times_planned(caplog) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _times_planned(caplog) == 2
        assert client.get("/api/stats").status_code == 200


def test_a_server_down_at_start_does_not_stop_the_app(
    tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", connection_timeout=1)
    app = create_app(_app_settings(down, tmp_path))
    with TestClient(app) as client:
        app.state.warming.join(timeout=60)
        assert not app.state.warming.is_alive()
        health = client.get("/api/health")
        assert health.status_code in (200, 503)
    assert any("read plans not warmed" in r.getMessage() for r in caplog.records)


def test_the_warm_up_can_be_switched_off(
    neo4j_settings: Neo4jSettings, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACTORGRAPH_WARM_PLANS", "false")
    assert Settings().warm_plans is False
    app = create_app(_app_settings(neo4j_settings, tmp_path, warm_plans=False))
    with TestClient(app):
        assert not hasattr(app.state, "warming")


def test_a_store_without_plans_is_not_opened_early(tmp_path: object) -> None:
    app = create_app(Settings(data_dir=tmp_path))  # type: ignore[arg-type]
    with TestClient(app):
        assert not hasattr(app.state, "warming")
