"""POST /api/edges: edges by reference with all their evidence (the explorer's offline export
asks it for the sentences of the edges in view)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.assertions import assert_problem

VOLODIN = "person:vyacheslav-volodin"


def _relations_of(client: TestClient, node: str) -> list[dict]:
    r = client.get(f"/api/entities/{node}/neighbors", params={"depth": 1})
    assert r.status_code == 200, r.text
    return [e for e in r.json()["edges"] if VOLODIN in (e["source"], e["target"])]


def test_edges_come_back_with_every_piece_of_evidence(client: TestClient) -> None:
    known = _relations_of(client, VOLODIN)
    assert len(known) >= 3
    # ask through either end: the answer is the same edge
    refs = [[e["target"] if i % 2 else e["source"], e["id"]] for i, e in enumerate(known)]
    r = client.post("/api/edges", json={"refs": refs})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["missing"] == []
    assert [e["id"] for e in body["edges"]] == [e["id"] for e in known]
    by_id = {e["id"]: e for e in known}
    for edge in body["edges"]:
        assert edge["evidence"] == by_id[edge["id"]]["evidence"]
        assert all(ev["sentence"] for ev in edge["evidence"])


def test_unknown_edges_and_nodes_are_listed_as_missing(client: TestClient) -> None:
    known = _relations_of(client, VOLODIN)[0]
    refs = [[VOLODIN, known["id"]], [VOLODIN, "rel:nope"], ["person:nobody", known["id"]]]
    body = client.post("/api/edges", json={"refs": refs}).json()
    assert [e["id"] for e in body["edges"]] == [known["id"]]
    assert body["missing"] == ["rel:nope"]


def test_bad_requests_are_problems(client: TestClient) -> None:
    assert_problem(client.post("/api/edges", json={"refs": []}), 422)
    assert_problem(client.post("/api/edges", json={"refs": [["only-one"]]}), 422)
    too_many = [["a", f"rel:{i}"] for i in range(5001)]
    assert_problem(client.post("/api/edges", json={"refs": too_many}), 422)
