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


# ---- graph answers with less evidence, and one edge's evidence page by page ----
def test_neighbours_without_evidence_carry_a_summary_per_edge(client: TestClient) -> None:
    whole = client.get(f"/api/entities/{VOLODIN}/neighbors", params={"depth": 2}).json()
    for mode in ("none", "first"):
        r = client.get(f"/api/entities/{VOLODIN}/neighbors", params={"depth": 2, "evidence": mode})
        assert r.status_code == 200, r.text
        body = r.json()
        assert [n["id"] for n in body["nodes"]] == [n["id"] for n in whole["nodes"]]
        by_id = {e["id"]: e for e in whole["edges"]}
        assert [e["id"] for e in body["edges"]] == list(by_id)
        for edge in body["edges"]:
            full = by_id[edge["id"]]
            summary = edge["summary"]
            assert summary["evidence"] == len(full["evidence"])
            assert summary["documents"] == len({ev["document"] for ev in full["evidence"]})
            assert edge["evidence"] == (full["evidence"][:1] if mode == "first" else [])
            assert (edge["type"], edge.get("role")) == (full["type"], full.get("role"))
        assert any(e.get("role") == "Chairman" for e in body["edges"])  # properties stay
    assert all("summary" not in e for e in whole["edges"])  # the default is every item


def test_subgraph_and_paths_take_the_same_choice(client: TestClient) -> None:
    body = {"seeds": [VOLODIN, "country:cuba"], "depth": 1, "evidence": "none"}
    r = client.post("/api/subgraph", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["edges"] and all(
        e["evidence"] == [] and e["summary"]["evidence"] >= 1 for e in r.json()["edges"]
    )
    # a download keeps every item whatever was asked
    r = client.post("/api/subgraph", params={"format": "json"}, json=body)
    assert r.status_code == 200, r.text
    assert all(e["evidence"] for e in r.json()["edges"])
    params = {"source": VOLODIN, "target": "country:cuba", "evidence": "first"}
    paths = client.get("/api/paths", params=params).json()["paths"]
    assert paths
    for p in paths:
        for e in p["edges"]:
            assert len(e["evidence"]) == 1 and e["summary"]["evidence"] >= 1


def test_an_edges_evidence_comes_page_by_page(client: TestClient) -> None:
    edges = client.get(f"/api/entities/{VOLODIN}/neighbors", params={"depth": 2}).json()["edges"]
    edge = max(edges, key=lambda e: len(e["evidence"]))
    assert len(edge["evidence"]) >= 2, "the seeds have an edge read twice"
    items, offset = [], 0
    while offset is not None:
        r = client.get(f"/api/edges/{edge['id']}/evidence", params={"limit": 1, "offset": offset})
        assert r.status_code == 200, r.text
        page = r.json()
        assert page["summary"]["evidence"] == len(edge["evidence"])
        assert (page["edge"]["source"], page["edge"]["target"]) == (edge["source"], edge["target"])
        items += page["items"]
        offset = page.get("next_offset")
    assert items == edge["evidence"]


def test_bad_evidence_requests_are_problems(client: TestClient) -> None:
    r = client.get(f"/api/entities/{VOLODIN}/neighbors", params={"evidence": "some"})
    assert_problem(r, 422)
    assert_problem(client.get("/api/edges/rel:nope/evidence"), 404)
    assert_problem(client.get("/api/edges/rel:x/evidence", params={"limit": 0}), 422)
    assert_problem(client.get("/api/edges/rel:x/evidence", params={"offset": -1}), 422)


def test_a_capped_answer_keeps_the_strongest_ties(client: TestClient) -> None:
    url = f"/api/entities/{VOLODIN}/neighbors"
    whole = client.get(url, params={"depth": 2}).json()
    assert len(whole["edges"]) > 10
    r = client.get(url, params={"depth": 2, "max_edges": 10, "evidence": "none"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["nodes"] == whole["nodes"]
    assert 10 <= len(body["edges"]) < len(whole["edges"])
    tied = {x for e in whole["edges"] for x in (e["source"], e["target"])}
    assert tied == {x for e in body["edges"] for x in (e["source"], e["target"])}
    # the strongest tie of the answer is among those kept
    assert max(e["summary"]["evidence"] for e in body["edges"]) == max(
        len(e["evidence"]) for e in whole["edges"]
    )
    # the answer says that it is not whole, and how many edges were left out
    assert "truncated" not in whole
    assert body["truncated"] == {"nodes": False, "edges": len(whole["edges"]) - len(body["edges"])}
    seeds = {"seeds": [VOLODIN], "depth": 2, "max_edges": 10}
    sub = client.post("/api/subgraph", json=seeds).json()
    assert [e["id"] for e in sub["edges"]] == [e["id"] for e in body["edges"]]
    assert sub["truncated"] == body["truncated"]
    few = client.get(url, params={"depth": 2, "limit": 3}).json()
    assert len(few["nodes"]) == 3 and few["truncated"] == {"nodes": True, "edges": 0}
    assert_problem(client.get(url, params={"max_edges": 0}), 422)
