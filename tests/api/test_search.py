from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.assertions import assert_problem


def test_surname_finds_the_person_first_as_exact_alias(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "putin"})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert hits[0]["id"] == "person:vladimir-putin"
    assert hits[0]["match"] in {"exact", "prefix"}
    assert hits[0]["type"] == "Person" and "Putin" in hits[0]["aliases"]
    assert hits[0]["degree"] >= 2  # HOLDS_ROLE Russia, SPOKE_AT the conference


def test_search_ignores_accents_and_case(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "LAZO HERNANDEZ"}).json()["hits"]
    assert hits and hits[0]["name"] == "Juan Esteban Lazo Hernández"
    hits = client.get("/api/search", params={"q": "nicolas maduro"}).json()["hits"]
    assert hits[0]["id"] == "person:nicolas-maduro" and hits[0]["match"] == "exact"


def test_ranking_is_exact_then_prefix_then_fuzzy(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "russia", "limit": 50}).json()["hits"]
    order = {"exact": 0, "prefix": 1, "fuzzy": 2}
    ranks = [order[h["match"]] for h in hits]
    assert ranks == sorted(ranks)
    assert hits[0]["id"] == "country:russia" and hits[0]["match"] == "exact"
    assert any(h["match"] == "prefix" for h in hits)  # Russia–Latin America conference, ...
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_types_filter_and_pagination(client: TestClient) -> None:
    all_hits = client.get("/api/search", params={"q": "russia", "limit": 50}).json()["hits"]
    events = client.get("/api/search", params={"q": "russia", "types": "Event"}).json()["hits"]
    assert events and {h["type"] for h in events} == {"Event"}
    assert [h["id"] for h in events] == [h["id"] for h in all_hits if h["type"] == "Event"]
    page2 = client.get("/api/search", params={"q": "russia", "limit": 2, "offset": 2}).json()
    assert [h["id"] for h in page2["hits"]] == [h["id"] for h in all_hits[2:4]]
    # documents are only searched when asked for
    assert all(h["type"] != "Document" for h in all_hits)
    docs = client.get("/api/search", params={"q": "russia", "types": "Document"}).json()["hits"]
    assert docs and {h["type"] for h in docs} == {"Document"}


def test_bad_search_parameters_are_422_problems(client: TestClient) -> None:
    body = assert_problem(client.get("/api/search", params={"q": "x", "types": "Planet"}), 422)
    assert "Planet" in body["detail"]
    assert "Person" in body["detail"] and "Institution" in body["detail"]  # the allowed ones
    assert_problem(client.get("/api/search"), 422)
    assert_problem(client.get("/api/search", params={"q": "x", "limit": 0}), 422)
    assert_problem(client.get("/api/search", params={"q": "x", "limit": 10_000}), 422)


def test_query_with_nothing_to_match_gives_no_hits(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "?!"})
    assert r.status_code == 200 and r.json()["hits"] == []


def test_every_word_may_be_a_prefix() -> None:
    """ "lazo hern" is how people type a Spanish double surname: a prefix match, not fuzzy."""
    from graph.model import Node
    from graph.query import rank

    nodes = [
        Node(id="person:a", type="Person", name="Juan Esteban Lazo Hernández"),
        Node(id="person:b", type="Person", name="Lazaro Herrera"),
    ]
    (hit, *_rest) = rank("lazo hern", nodes, None, 10)
    assert hit.node.id == "person:a" and hit.match == "prefix"
    assert [h.node.id for h in rank("hern lazo", nodes, None, 10) if h.match == "prefix"] == []
