from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Settings
from graph.model import GraphData
from graph.store.sqlite import SqliteStore


def test_health_stats_and_export(tmp_path: Path, seeds_graph: GraphData) -> None:
    SqliteStore(tmp_path).import_graph(seeds_graph)
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["store"] == "embedded" and health["documents"] == 2
    stats = client.get("/api/stats").json()
    assert stats["nodes_by_type"]["Person"] >= 15
    r = client.get("/api/export?format=json")
    assert r.status_code == 200
    assert 'filename="actorgraph.json"' in r.headers["content-disposition"]
    assert GraphData.model_validate(r.json()).sorted() == seeds_graph.sorted()


def test_errors_are_problem_details(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    r = client.get("/api/export?format=pdf")
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 422 and "format" in body["detail"]
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["title"] == "Not Found"
