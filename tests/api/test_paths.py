from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.assertions import assert_problem

VOLODIN = "person:vyacheslav-volodin"
LAZO = "person:juan-esteban-lazo-hernandez"
CUBA = "country:cuba"


def _paths(client: TestClient, **params: object) -> dict:
    r = client.get("/api/paths", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_direct_meeting_is_the_shortest_path_with_its_sentence(client: TestClient) -> None:
    body = _paths(client, source=VOLODIN, target=LAZO, k=3)
    assert body["source"]["name"] == "Vyacheslav Volodin"
    assert body["target"]["name"] == "Juan Esteban Lazo Hernández"
    first = body["paths"][0]
    assert first["length"] == 1 and [n["id"] for n in first["nodes"]] == [VOLODIN, LAZO]
    edge = first["edges"][0]
    assert edge["type"] == "MET_WITH" and {edge["source"], edge["target"]} == {VOLODIN, LAZO}
    sentence = edge["evidence"][0]["sentence"]
    assert "Volodin" in sentence and "Lazo Hernández" in sentence


def test_k_paths_shortest_first_each_step_evidenced(client: TestClient) -> None:
    body = _paths(client, source=VOLODIN, target=CUBA, k=5, max_length=5)
    paths = body["paths"]
    assert 1 < len(paths) <= 5
    lengths = [p["length"] for p in paths]
    assert lengths == sorted(lengths)
    for p in paths:
        ids = [n["id"] for n in p["nodes"]]
        assert ids[0] == VOLODIN and ids[-1] == CUBA and len(set(ids)) == len(ids)
        assert len(p["edges"]) == p["length"] == len(ids) - 1
        for (a, b), edge in zip(zip(ids, ids[1:], strict=False), p["edges"], strict=True):
            assert {edge["source"], edge["target"]} == {a, b}
            assert edge["type"] != "MENTIONS" and edge["evidence"]
        assert all(n["type"] != "Document" for n in p["nodes"])
    assert len({tuple(n["id"] for n in p["nodes"]) for p in paths}) == len(paths)


def test_max_length_bounds_the_paths(client: TestClient) -> None:
    long = _paths(client, source=VOLODIN, target=CUBA, k=10, max_length=6)["paths"]
    shortest = min(p["length"] for p in long)
    short = _paths(client, source=VOLODIN, target=CUBA, k=10, max_length=shortest)["paths"]
    assert short and all(p["length"] <= shortest for p in short)
    assert shortest > 1  # no relation links Volodin and Cuba directly
    assert _paths(client, source=VOLODIN, target=CUBA, max_length=shortest - 1)["paths"] == []


def test_unknown_ends_are_404_and_bad_parameters_422(client: TestClient) -> None:
    body = assert_problem(client.get("/api/paths", params={"source": "x:y", "target": LAZO}), 404)
    assert "source" in body["detail"] and "x:y" in body["detail"]
    body = assert_problem(client.get("/api/paths", params={"source": LAZO, "target": "x:z"}), 404)
    assert "target" in body["detail"]
    assert_problem(client.get("/api/paths", params={"source": LAZO, "target": LAZO}), 422)
    assert_problem(client.get("/api/paths", params={"source": LAZO}), 422)
    assert_problem(
        client.get("/api/paths", params={"source": VOLODIN, "target": LAZO, "k": 11}), 422
    )
    assert_problem(
        client.get("/api/paths", params={"source": VOLODIN, "target": LAZO, "max_length": 0}),
        422,
    )
