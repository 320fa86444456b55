"""Saved views through the API on both stores: save, list, open, rename, delete; writes
need the bearer token; a view is kept beside the graph, never in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.model import GraphData
from tests.api.assertions import assert_problem
from tests.api.conftest import seeded_settings

TOKEN = "view-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STATE = "focus=country:russia&rels=SANCTIONED,MET_WITH&hide=person:x&pins=country:russia~0.5~-1.25"


@pytest.fixture(scope="module")
def client(
    request: pytest.FixtureRequest,
    store_kind: str,
    seeds_graph: GraphData,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    settings = seeded_settings(
        request, store_kind, seeds_graph, tmp_path_factory.mktemp("views"), api_token=TOKEN
    )
    with TestClient(create_app(settings)) as c:
        for v in c.get("/api/views").json()["views"]:
            c.delete(f"/api/views/{v['id']}", headers=AUTH)
        yield c


def test_save_list_open_rename_delete(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    r = client.post("/api/views", json={"name": " Sanctions ", "state": "?" + STATE}, headers=AUTH)
    assert r.status_code == 201, r.text
    view = r.json()
    assert view["name"] == "Sanctions" and view["state"] == STATE
    assert view["id"].startswith("view:") and view["created"] == view["updated"]
    second = client.post("/api/views", json={"name": "Other", "state": ""}, headers=AUTH).json()
    listed = client.get("/api/views").json()["views"]
    assert {v["id"] for v in listed} == {view["id"], second["id"]}
    assert client.get(f"/api/views/{view['id']}").json() == view
    renamed = client.patch(
        f"/api/views/{view['id']}", json={"name": "Sanctions on Russia"}, headers=AUTH
    ).json()
    assert renamed["name"] == "Sanctions on Russia" and renamed["state"] == STATE
    assert client.get(f"/api/views/{view['id']}").json()["name"] == "Sanctions on Russia"
    # never part of the graph
    assert client.get("/api/stats").json() == stats
    hits = client.get("/api/search", params={"q": "Sanctions on Russia"}).json()["hits"]
    assert not [h for h in hits if h["id"].startswith("view:")]
    assert client.delete(f"/api/views/{view['id']}", headers=AUTH).status_code == 204
    assert_problem(client.get(f"/api/views/{view['id']}"), 404)
    assert_problem(client.delete(f"/api/views/{view['id']}", headers=AUTH), 404)
    assert [v["id"] for v in client.get("/api/views").json()["views"]] == [second["id"]]
    client.delete(f"/api/views/{second['id']}", headers=AUTH)


def test_writes_need_the_token_and_bad_input_is_a_problem(client: TestClient) -> None:
    assert_problem(client.post("/api/views", json={"name": "x", "state": STATE}), 401)
    wrong = {"Authorization": "Bearer nope"}
    assert_problem(client.post("/api/views", json={"name": "x", "state": ""}, headers=wrong), 401)
    assert_problem(client.post("/api/views", json={"name": "  ", "state": ""}, headers=AUTH), 422)
    assert_problem(client.post("/api/views", json={"name": "x"}, headers=AUTH), 422)
    assert_problem(
        client.post("/api/views", json={"name": "x", "state": "https://evil/?a"}, headers=AUTH),
        422,
    )
    assert_problem(
        client.post("/api/views", json={"name": "x", "state": "a" * 9000}, headers=AUTH), 422
    )
    assert_problem(client.patch("/api/views/view:nope", json={"name": "y"}, headers=AUTH), 404)
    assert_problem(client.patch("/api/views/view:nope", json={"name": "y"}), 401)
    assert client.get("/api/views").json()["views"] == []
