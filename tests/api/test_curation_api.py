"""The curation API on both stores: decisions in (one or a batch, with the token), the log
out, undo; review queues. The store holds the seeds as an imported graph, so the first
decision also adopts the documents it touches (no uncurated contribution was kept)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.curation.decisions import KINDS
from graph.model import GraphData
from tests.api.assertions import assert_problem
from tests.api.conftest import seeded_settings

TOKEN = "curation-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TITOV, VOLODIN = "person:boris-titov", "person:vyacheslav-volodin"
DUMA = "institution:state-duma"


@pytest.fixture(scope="module")
def client(
    request: pytest.FixtureRequest,
    store_kind: str,
    seeds_graph: GraphData,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    settings = seeded_settings(
        request, store_kind, seeds_graph, tmp_path_factory.mktemp("curation"), api_token=TOKEN
    )
    with TestClient(create_app(settings)) as c:
        yield c


def graph(client: TestClient) -> dict[str, Any]:
    r = client.get("/api/export")
    assert r.status_code == 200, r.text
    data = r.json()
    return {
        "nodes": sorted(data["nodes"], key=lambda n: n["id"]),
        "edges": sorted(
            (
                {**e, "evidence": sorted(e["evidence"], key=lambda v: (v["document"], v["start"]))}
                for e in data["edges"]
            ),
            key=lambda e: e["id"],
        ),
    }


def decide(client: TestClient, *payloads: dict[str, Any], **extra: Any) -> Any:
    body: dict[str, Any]
    if len(payloads) == 1:
        body = {"payload": payloads[0], "who": "tester", **extra}
    else:
        body = {"decisions": [{"payload": p, "who": "tester"} for p in payloads]}
    return client.post("/api/curation", json=body, headers=AUTH)


def test_merge_then_undo_through_the_api(client: TestClient) -> None:
    original = graph(client)
    r = decide(client, {"kind": "merge", "source": TITOV, "target": VOLODIN}, why="test")
    assert r.status_code == 201, r.text
    [taken] = r.json()["decisions"]
    assert taken["kind"] == "merge" and taken["why"] == "test" and taken["id"].startswith("cur-")
    assert taken["payload"]["target_node"]["name"] == "Vyacheslav Volodin"

    ids = {n["id"]: n for n in graph(client)["nodes"]}
    assert TITOV not in ids and "Boris Titov" in ids[VOLODIN]["aliases"]
    assert client.get(f"/api/entities/{TITOV}").status_code == 404
    log = client.get("/api/curation").json()
    assert log["total"] == 1 and log["decisions"][0]["id"] == taken["id"]
    assert client.get("/api/curation", params={"node": TITOV}).json()["total"] == 1
    assert client.get("/api/curation", params={"kind": "hide"}).json()["total"] == 0

    r = client.delete(f"/api/curation/{taken['id']}", headers=AUTH)
    assert r.status_code == 200, r.text
    assert graph(client) == original
    assert client.get("/api/curation").json()["total"] == 0


def test_a_batch_is_all_or_nothing_and_bad_decisions_are_422(client: TestClient) -> None:
    before = graph(client)
    bad = [
        ({"kind": "merge", "source": "person:nobody", "target": VOLODIN}, "unknown"),
        ({"kind": "merge", "source": VOLODIN, "target": VOLODIN}, "into itself"),
        ({"kind": "retype", "node": DUMA, "type": "Planet"}, "unknown type 'Planet'"),
        ({"kind": "frobnicate", "node": DUMA}, "payload"),
    ]
    for payload, message in bad:
        body = assert_problem(decide(client, {"kind": "hide", "node": DUMA}, payload), 422)
        assert message in body["detail"], body
    cycle = decide(
        client,
        {"kind": "merge", "source": TITOV, "target": VOLODIN},
        {"kind": "merge", "source": VOLODIN, "target": TITOV},
    )
    assert "cycle" in assert_problem(cycle, 422)["detail"]
    assert client.get("/api/curation").json()["total"] == 0
    assert graph(client) == before


def test_writes_need_the_token(client: TestClient) -> None:
    r = client.post("/api/curation", json={"payload": {"kind": "hide", "node": DUMA}})
    assert_problem(r, 401)
    assert_problem(client.delete("/api/curation/cur-x"), 401)
    assert_problem(client.delete("/api/curation/cur-x", headers=AUTH), 404)
    assert_problem(client.get("/api/curation", params={"kind": "nope"}), 422)


def test_hide_rename_retype_and_undo_each(client: TestClient) -> None:
    original = graph(client)
    r = decide(
        client,
        {"kind": "rename", "node": DUMA, "name": "Duma"},
        {"kind": "retype", "node": "institution:council-for-mutual-economic-assistance", "type": "City"},
        {"kind": "hide", "node": TITOV},
    )
    assert r.status_code == 201, r.text
    ids = {n["id"]: n for n in graph(client)["nodes"]}
    assert ids[DUMA]["name"] == "Duma" and ids["institution:council-for-mutual-economic-assistance"]["type"] == "City"
    assert TITOV not in ids
    assert not [h for h in client.get("/api/search", params={"q": "Titov"}).json()["hits"]]
    for d in reversed(r.json()["decisions"]):
        assert client.delete(f"/api/curation/{d['id']}", headers=AUTH).status_code == 200
    assert graph(client) == original


def test_review_queues(client: TestClient) -> None:
    r = client.get("/api/review/duplicates", params={"limit": 5})
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] >= len(page["pairs"]) > 0
    scores = [p["score"] for p in page["pairs"]]
    assert scores == sorted(scores, reverse=True)
    first = page["pairs"][0]
    assert first["reasons"] and first["a"]["mentions"] > 0 and first["a"]["evidence"]
    people = client.get("/api/review/duplicates", params={"types": "Person"}).json()
    assert all("Person" in (p["a"]["type"], p["b"]["type"]) for p in people["pairs"])
    assert_problem(client.get("/api/review/duplicates", params={"types": "Planet"}), 422)

    # a pair answered "not the same" leaves the queue
    a, b = first["a"]["id"], first["b"]["id"]
    taken = decide(client, {"kind": "not_same", "a": a, "b": b}).json()["decisions"][0]
    pairs = client.get("/api/review/duplicates", params={"limit": 200}).json()["pairs"]
    assert all({p["a"]["id"], p["b"]["id"]} != {a, b} for p in pairs)
    client.delete(f"/api/curation/{taken['id']}", headers=AUTH)

    noise = client.get("/api/review/noise").json()
    assert noise["items"] and all(i["reasons"] for i in noise["items"])
    assert all(i["degree"] == 0 for i in noise["items"] if "no relation" in i["reasons"])


def test_openapi_shows_an_example_of_each_kind(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/api/curation"]["post"]["requestBody"]["content"]["application/json"]
    kinds = {
        e["value"]["payload"]["kind"] for e in body["examples"].values() if "payload" in e["value"]
    }
    assert kinds == set(KINDS)
    assert "/api/review/duplicates" in spec["paths"] and "/api/review/noise" in spec["paths"]
