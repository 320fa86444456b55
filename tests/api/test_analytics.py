from __future__ import annotations

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graph.analytics import actor_graph, analyse, pagerank
from graph.model import Edge, GraphData, Node
from graph.query import GraphFilter
from tests.api.assertions import assert_problem


@pytest.fixture(scope="module")
def conference(seeds_graph: GraphData) -> str:
    """The Russia–Latin America conference of the first seed: the hub of the seeds."""
    return next(n.id for n in seeds_graph.nodes if n.type == "Event" and "Latin America" in n.name)


def _graph(edges: list[tuple[str, str]], extra_nodes: tuple[str, ...] = ()) -> GraphData:
    ids = sorted({x for e in edges for x in e} | set(extra_nodes))
    return GraphData(
        nodes=[Node(id=i, type="Person", name=i.upper()) for i in ids],
        edges=[
            Edge(id=f"e{k}", source=a, target=b, type="MET_WITH") for k, (a, b) in enumerate(edges)
        ],
    )


def test_degree_counts_relations_not_mentions_or_documents() -> None:
    data = _graph([("a", "b"), ("a", "c"), ("a", "b")])
    data.nodes.append(Node(id="doc:1", type="Document", name="D"))
    data.edges.append(Edge(id="m", source="doc:1", target="a", type="MENTIONS"))
    r = analyse(data, "degree")
    assert r.nodes == 3 and r.edges == 2  # two distinct ties, one of them doubled
    assert [(x.id, x.score, x.degree) for x in r.results] == [("a", 3, 3), ("b", 2, 2), ("c", 1, 1)]


def test_betweenness_finds_the_broker() -> None:
    # two triangles joined through "m"
    data = _graph(
        [
            ("a", "b"),
            ("b", "c"),
            ("a", "c"),
            ("c", "m"),
            ("m", "x"),
            ("x", "y"),
            ("y", "z"),
            ("x", "z"),
        ]
    )
    r = analyse(data, "betweenness", limit=3)
    assert r.results[0].id == "m"
    assert r.results[0].score == pytest.approx(nx.betweenness_centrality(actor_graph(data))["m"])


def test_pagerank_matches_networkx_and_sums_to_one() -> None:
    data = _graph(
        [("a", "b"), ("a", "c"), ("a", "d"), ("d", "e"), ("a", "b")], extra_nodes=("lonely",)
    )
    g = actor_graph(data)
    ours = pagerank(g)
    assert sum(ours.values()) == pytest.approx(1.0)
    reference = nx.algorithms.link_analysis.pagerank_alg._pagerank_python(
        g, weight="weight", tol=1e-12, max_iter=1000
    )
    assert ours == pytest.approx(reference, abs=1e-8)
    assert max(ours, key=ours.get) == "a"
    ring = pagerank(actor_graph(_graph([("a", "b"), ("b", "c"), ("c", "a")])))
    assert all(v == pytest.approx(1 / 3) for v in ring.values())


def test_communities_are_deterministic_and_leave_loners_out() -> None:
    cliques = [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]
    data = _graph(cliques, extra_nodes=("lonely",))
    first = analyse(data, "communities")
    assert first == analyse(data, "communities")
    groups = [set(c.members) for c in first.communities or []]
    assert sorted(map(sorted, groups)) == [["a", "b", "c"], ["x", "y", "z"]]
    lonely = next(r for r in first.results if r.id == "lonely")
    assert lonely.community is None and first.results[-1].id == "lonely"
    member = next(r for r in first.results if r.id == "a")
    assert "a" in first.communities[member.community].members


def test_unknown_metric_is_refused() -> None:
    with pytest.raises(ValueError, match="closeness"):
        analyse(GraphData(), "closeness")


def test_empty_graph() -> None:
    for metric in ("degree", "betweenness", "pagerank", "communities"):
        r = analyse(GraphData(), metric)
        assert r.results == [] and r.total == 0


# ---- over HTTP, on the seeds ----
@pytest.mark.parametrize("metric", ["degree", "betweenness", "pagerank", "communities"])
def test_analytics_endpoint_ranks_the_conference_hub(
    client: TestClient, conference: str, metric: str
) -> None:
    r = client.get("/api/analytics", params={"metric": metric, "limit": 10})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["metric"] == metric and len(body["results"]) == 10
    assert all(x["type"] != "Document" for x in body["results"])
    if metric == "communities":
        assert body["communities"] and body["communities"][0]["size"] >= 3
        sizes = [c["size"] for c in body["communities"]]
        assert sizes == sorted(sizes, reverse=True)
        hub = next(c for c in body["communities"] if conference in c["members"])
        # the conference shares its community with actors it is linked to, and so does its
        # host state (which ones is Louvain's choice: Russia's ties to its Latin American
        # partners may outweigh its hosting once the conference is placed in Moscow only)
        assert {"institution:state-duma", "person:vyacheslav-volodin"} & set(hub["members"])
        russia = next(c for c in body["communities"] if "country:russia" in c["members"])
        linked = {conference, "country:cuba", "country:venezuela", "person:vladimir-putin"}
        assert linked & set(russia["members"])
        # an actor shares a community with one of the actors it is linked to (which one is
        # Louvain's choice: igraph puts Volodin with the speakers he met, networkx put him
        # with the conference he spoke at)
        volodin = next(
            c for c in body["communities"] if "person:vyacheslav-volodin" in c["members"]
        )
        assert {conference, "institution:state-duma", "person:luis-redondo-guifarro"} & set(
            volodin["members"]
        )
        # Putin spoke at the conference and is Russia's President
        putin = next(c for c in body["communities"] if "person:vladimir-putin" in c["members"])
        assert {conference, "country:russia"} & set(putin["members"])
    else:
        scores = [x["score"] for x in body["results"]]
        assert scores == sorted(scores, reverse=True)
        assert body["results"][0]["id"] == conference


def test_analytics_pagination_and_filters(client: TestClient) -> None:
    full = client.get("/api/analytics", params={"metric": "degree", "limit": 500}).json()
    page = client.get("/api/analytics", params={"metric": "degree", "limit": 5, "offset": 5}).json()
    assert [x["id"] for x in page["results"]] == [x["id"] for x in full["results"][5:10]]
    assert page["total"] == full["total"] == full["nodes"]
    people = client.get("/api/analytics", params={"metric": "degree", "types": "Person"}).json()
    assert people["results"] and {x["type"] for x in people["results"]} == {"Person"}
    # Volodin chaired the conference, spoke at it and met three of the others there
    assert people["results"][0]["id"] == "person:vyacheslav-volodin"


@pytest.mark.parametrize("metric", ["degree", "pagerank", "betweenness", "communities"])
def test_types_rank_the_whole_graphs_measures_of_those_actors(
    client: TestClient, metric: str
) -> None:
    """types alone cuts the cached whole-graph ranking down: a person central through the
    events and institutions he is tied to stays central among persons."""
    whole = client.get("/api/analytics", params={"metric": metric, "limit": 500}).json()
    people = client.get(
        "/api/analytics", params={"metric": metric, "types": "Person", "limit": 500}
    ).json()
    want = [(x["id"], x["score"]) for x in whole["results"] if x["type"] == "Person"]
    assert [(x["id"], x["score"]) for x in people["results"]] == want
    assert people["total"] == len(want) and people["version"] == whole["version"]
    if metric == "communities":
        cut = {c["id"]: c for c in people["communities"]}
        for c in whole["communities"]:
            persons = [m for m in c["members"] if m.startswith("person:")]
            assert cut.get(c["id"], {}).get("members", []) == persons
            assert c["id"] not in cut or cut[c["id"]]["size"] == c["size"]


@pytest.mark.parametrize("metric", ["degree", "pagerank", "communities"])
def test_filters_on_relations_and_evidence_measure_the_part_of_the_graph_they_keep(
    client: TestClient, seeds_graph: GraphData, metric: str
) -> None:
    """relations reads the ties without their evidence, a period or documents the ties
    with evidence they keep (the store selects them); the answer is the same as the
    measure over the filtered interchange graph."""
    first_doc = min(n.id for n in seeds_graph.nodes if n.type == "Document")
    for params in (
        {"relations": "MET_WITH"},
        {"relations": "HOLDS_ROLE", "types": "Person,Country"},
        {"since": "2023-09-29"},
        {"until": "2023-09", "relations": "SPOKE_AT,MET_WITH"},
        {"documents": first_doc, "types": "Person,Event"},
        {"min_confidence": "0.75"},
    ):
        got = client.get("/api/analytics", params={"metric": metric, "limit": 500, **params})
        assert got.status_code == 200, got.text
        flt = GraphFilter(
            types=params["types"].split(",") if "types" in params else None,
            relations=params["relations"].split(",") if "relations" in params else None,
            since=params.get("since"),
            until=params.get("until"),
            documents=[params["documents"]] if "documents" in params else None,
            min_confidence=float(params["min_confidence"]) if "min_confidence" in params else None,
        )
        want = analyse(seeds_graph, metric, flt, limit=500)
        assert got.json()["results"] == [r.model_dump() for r in want.results], params
        assert (got.json()["nodes"], got.json()["edges"]) == (want.nodes, want.edges), params
        assert want.edges > 0, params  # the filter keeps something to measure


def test_analytics_bad_parameters(client: TestClient) -> None:
    body = assert_problem(client.get("/api/analytics", params={"metric": "closeness"}), 422)
    assert "metric" in body["detail"]
    assert_problem(client.get("/api/analytics", params={"types": "Planet"}), 422)
    assert_problem(client.get("/api/analytics", params={"limit": 501}), 422)
