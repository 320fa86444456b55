from __future__ import annotations

from fastapi.testclient import TestClient

from graph.model import GraphData
from tests.api.assertions import assert_problem

VOLODIN = "person:vyacheslav-volodin"
PUTIN = "person:vladimir-putin"
LAZO = "person:juan-esteban-lazo-hernandez"
DUMA = "institution:state-duma"


def test_profile_has_roles_documents_and_grouped_relations_with_evidence(
    client: TestClient, seeds_graph: GraphData
) -> None:
    r = client.get(f"/api/entities/{VOLODIN}")
    assert r.status_code == 200
    p = r.json()
    assert p["name"] == "Vyacheslav Volodin" and p["type"] == "Person"
    assert any(
        role["organisation"]["id"] == DUMA and role["role"] == "Chairman" for role in p["roles"]
    )
    assert p["documents"] and p["documents"][0]["id"].startswith("doc:")
    assert p["mentions"] == sum(d["mentions"] for d in p["documents"]) > 0
    met = {m["other"]["id"]: m for m in p["relations"]["MET_WITH"]}
    assert LAZO in met and met[LAZO]["symmetric"] is True
    for entries in p["relations"].values():
        for entry in entries:
            assert entry["evidence"], entry
            assert all(ev["sentence"] for ev in entry["evidence"])
    assert "MENTIONS" not in p["relations"]
    # the same relations the store holds, no more, no fewer
    expected = {
        e.id for e in seeds_graph.edges if VOLODIN in (e.source, e.target) and e.type != "MENTIONS"
    }
    got = {entry["id"] for entries in p["relations"].values() for entry in entries}
    assert got == expected and p["degree"] == len(expected)


def test_profile_evidence_sentence_names_both_ends(client: TestClient) -> None:
    p = client.get(f"/api/entities/{VOLODIN}").json()
    met = next(m for m in p["relations"]["MET_WITH"] if m["other"]["id"] == LAZO)
    sentence = met["evidence"][0]["sentence"]
    assert "Volodin" in sentence and "Lazo Hernández" in sentence


def test_unknown_entity_is_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/api/entities/person:nobody"), 404)
    assert "person:nobody" in body["detail"]
    assert_problem(client.get("/api/entities/person:nobody/neighbors"), 404)
    # a document is not an actor
    doc = client.get("/api/documents").json()["documents"][0]["id"]
    assert_problem(client.get(f"/api/entities/{doc}"), 404)


def test_neighbors_are_a_subgraph_in_the_interchange_format(client: TestClient) -> None:
    r = client.get(f"/api/entities/{VOLODIN}/neighbors")
    assert r.status_code == 200
    g = GraphData.model_validate(r.json())
    ids = {n.id for n in g.nodes}
    assert {VOLODIN, LAZO, DUMA} <= ids
    assert all(n.type != "Document" for n in g.nodes)
    assert all(e.type != "MENTIONS" for e in g.edges)
    assert all(e.source in ids and e.target in ids for e in g.edges)
    # depth 2 reaches further (the State Duma's other members)
    deeper = GraphData.model_validate(
        client.get(f"/api/entities/{VOLODIN}/neighbors", params={"depth": 2}).json()
    )
    assert ids < {n.id for n in deeper.nodes}
    assert "person:irina-yarovaya" in {n.id for n in deeper.nodes}


def test_types_filter_keeps_only_those_types_plus_the_seed(client: TestClient) -> None:
    r = client.get(f"/api/entities/{PUTIN}/neighbors", params={"types": "Country", "depth": 2})
    g = GraphData.model_validate(r.json())
    assert {n.type for n in g.nodes if n.id != PUTIN} == {"Country"}
    assert "country:russia" in {n.id for n in g.nodes}
    assert PUTIN in {n.id for n in g.nodes}


def test_relations_filter(client: TestClient) -> None:
    g = GraphData.model_validate(
        client.get(f"/api/entities/{VOLODIN}/neighbors", params={"relations": "MET_WITH"}).json()
    )
    assert g.edges and {e.type for e in g.edges} == {"MET_WITH"}
    assert DUMA not in {n.id for n in g.nodes}


def test_since_until_remove_edges_without_evidence_in_the_period(client: TestClient) -> None:
    url = f"/api/entities/{PUTIN}/neighbors"
    everything = GraphData.model_validate(client.get(url).json())
    spoke = [e for e in everything.edges if e.type == "SPOKE_AT"]
    assert spoke and any(ev.date == "2023-09-29" for ev in spoke[0].evidence)
    during = GraphData.model_validate(
        client.get(url, params={"since": "2023-09-01", "until": "2023-09-30"}).json()
    )
    assert during.edges and all(
        any(ev.date and "2023-09-01" <= ev.date <= "2023-09-30" for ev in e.evidence)
        for e in during.edges
    )
    before = GraphData.model_validate(client.get(url, params={"until": "2022-12-31"}).json())
    assert before.edges == [] and [n.id for n in before.nodes] == [PUTIN]
    after = GraphData.model_validate(client.get(url, params={"since": "2024"}).json())
    assert after.edges == []


def test_documents_filter_keeps_only_that_documents_evidence(client: TestClient) -> None:
    docs = [d["id"] for d in client.get("/api/documents").json()["documents"]]
    url = f"/api/entities/{PUTIN}/neighbors"
    for doc in docs:
        g = GraphData.model_validate(client.get(url, params={"documents": doc}).json())
        assert all(ev.document == doc for e in g.edges for ev in e.evidence)
    both = GraphData.model_validate(client.get(url, params={"documents": ",".join(docs)}).json())
    assert {ev.document for e in both.edges for ev in e.evidence} == set(docs)


def test_min_confidence_keeps_the_edges_with_evidence_that_sure(
    client: TestClient, seeds_graph: GraphData
) -> None:
    """An analyst who trusts only the surer rules sees only edges some evidence of which
    is at least that sure (no confidence counts as 1), and a bad value is a 422."""
    url = f"/api/entities/{PUTIN}/neighbors"
    sure = {
        e.id
        for e in seeds_graph.edges
        if any((1.0 if ev.confidence is None else ev.confidence) >= 0.75 for ev in e.evidence)
    }
    every = GraphData.model_validate(client.get(url).json())
    kept = GraphData.model_validate(client.get(url, params={"min_confidence": 0.75}).json())
    assert {e.id for e in kept.edges} == {e.id for e in every.edges} & sure
    assert 0 < len(kept.edges) < len(every.edges)
    assert_problem(client.get(url, params={"min_confidence": 1.5}), 422)


def test_bad_neighbour_filters_are_422_naming_the_allowed_values(client: TestClient) -> None:
    url = f"/api/entities/{VOLODIN}/neighbors"
    body = assert_problem(client.get(url, params={"types": "Person,Planet"}), 422)
    assert "'Planet'" in body["detail"] and "Country" in body["detail"]
    body = assert_problem(client.get(url, params={"relations": "LOVES"}), 422)
    assert "LOVES" in body["detail"] and "MET_WITH" in body["detail"]
    assert_problem(client.get(url, params={"depth": 4}), 422)
    assert_problem(client.get(url, params={"depth": 0}), 422)
    assert_problem(client.get(url, params={"since": "yesterday"}), 422)
    body = assert_problem(client.get(url, params={"since": "2024", "until": "2023"}), 422)
    assert "after" in body["detail"]


def test_neighbors_limit_caps_the_nodes(client: TestClient) -> None:
    g = GraphData.model_validate(
        client.get(f"/api/entities/{VOLODIN}/neighbors", params={"depth": 3, "limit": 4}).json()
    )
    assert len(g.nodes) == 4 and VOLODIN in {n.id for n in g.nodes}
