"""What the pages compute themselves: the document text cut around mentions and the
highlighted sentence, and the explorer's first view, which must be what the API answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.pagedata import initial_view, parse_highlight, segments, view_state
from graph.config import Settings
from graph.model import Edge, Evidence, GraphData, Node
from graph.reader import Mention
from graph.schema import DOCUMENT, load_schema
from graph.snapshot import OVERVIEW_COMMUNITIES, OVERVIEW_NODES, compute
from graph.store.sqlite import SqliteStore


def mention(start: int, end: int, entity: str) -> Mention:
    return Mention(start=start, end=end, text=None, entity=entity, type="Person", name=entity)


def test_segments_keep_every_character_once_and_link_mentions():
    text = "Putin met Maduro in Moscow."
    found = segments(
        text,
        [
            mention(0, 5, "a"),
            mention(10, 16, "b"),
            mention(12, 20, "overlaps"),
            mention(20, 26, "c"),
        ],
        (10, 26),
    )
    assert "".join(s.text for s in found) == text
    linked = [(s.text, s.mention.entity) for s in found if s.mention]
    assert linked == [("Putin", "a"), ("Maduro", "b"), ("Moscow", "c")]
    # one highlight, opened and closed once, around the sentence part asked for
    assert sum(s.opens_highlight for s in found) == 1 == sum(s.closes_highlight for s in found)
    assert "".join(s.text for s in found if s.highlighted) == text[10:26]


@pytest.mark.parametrize("value", [None, "", "5", "a-b", "9-3", "0-999", "-1-4", "3-3"])
def test_malformed_highlights_are_ignored(value):
    assert parse_highlight(value, 100) is None


def test_highlight_in_range():
    assert parse_highlight("3-10", 100) == (3, 10)


@pytest.fixture(scope="module")
def seeded(seeds_graph: GraphData, tmp_path_factory: pytest.TempPathFactory):
    data_dir: Path = tmp_path_factory.mktemp("pagedata-store")
    SqliteStore(data_dir).import_graph(seeds_graph)
    app = create_app(Settings(store="embedded", data_dir=data_dir))
    with TestClient(app) as client:
        yield SqliteStore(data_dir), client


def rows(answer: dict) -> tuple[set, set]:
    return (
        {(n["id"], n["type"], n["name"]) for n in answer["nodes"]},
        {(e["id"], e["source"], e["target"], e["type"]) for e in answer["edges"]},
    )


def inline_rows(view: dict) -> tuple[set, set]:
    return ({tuple(n) for n in view["nodes"]}, {tuple(e[:4]) for e in view["edges"]})


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"types": "Person,Country,Event", "since": "2023-09"},
        {"rels": "HOLDS_ROLE,SPOKE_AT"},
    ],
)
def test_first_overview_is_the_api_overview(seeded, query):
    """Without a focus the first view is /api/overview's answer for the same filters; the
    seeds are smaller than the overview's cap, so that is also the whole graph's export."""
    store, client = seeded
    schema = load_schema()
    state = view_state(query, schema)
    snapshot = compute(store, store.version())
    view = initial_view(store, state, snapshot.overview, snapshot.document_dates)
    params = {
        "types": ",".join(state.types),
        "relations": ",".join(state.relations),
        **({"since": state.since} if state.since else {}),
    }
    overview = client.get("/api/overview", params=params).json()
    assert overview["stale"] is False and overview["version"] == store.version()
    assert inline_rows(view) == rows(overview)
    answer = client.get("/api/export", params={"format": "json", **params}).json()
    assert inline_rows(view) == rows(answer)


def test_the_overview_of_a_big_graph_is_capped(tmp_path: Path) -> None:
    """A star of stars: the overview holds the OVERVIEW_NODES actors of highest PageRank
    (the hubs first) and only relations among them, and the home page lists the hubs."""
    store = SqliteStore(tmp_path)
    doc = Node(id="doc:d", type=DOCUMENT, name="D")
    nodes, edges = [doc], []
    ev = [Evidence(document="doc:d", sentence="s", start=0, end=1)]
    for h in range(20):
        hub = Node(id=f"person:hub{h:02d}", type="Person", name=f"Hub {h:02d}")
        nodes.append(hub)
        edges.append(
            Edge(id=f"rel:mh{h}", source="doc:d", target=hub.id, type="MENTIONS", evidence=ev)
        )
        for leaf in range(40):
            lid = f"person:leaf{h:02d}-{leaf:02d}"
            nodes.append(Node(id=lid, type="Person", name=f"Leaf {h} {leaf}"))
            edges.append(
                Edge(
                    id=f"rel:ml{h}-{leaf}", source="doc:d", target=lid, type="MENTIONS", evidence=ev
                )
            )
            edges.append(
                Edge(id=f"rel:w{h}-{leaf}", source=hub.id, target=lid, type="MET_WITH", evidence=ev)
            )
    store.import_graph(GraphData(nodes=nodes, edges=edges))
    app = create_app(Settings(store="embedded", data_dir=tmp_path))
    with TestClient(app) as client:
        answer = client.get("/api/overview").json()
        assert answer["actors"] == 20 * 41 and len(answer["nodes"]) == OVERVIEW_NODES
        ids = {n["id"] for n in answer["nodes"]}
        assert {f"person:hub{h:02d}" for h in range(20)} <= ids
        assert all(e["source"] in ids and e["target"] in ids for e in answer["edges"])
        client.get("/api/analytics", params={"metric": "communities"})  # the later tier
        answer = client.get("/api/overview").json()
        assert answer["pending"] == []
        assert len(answer["communities"]) == OVERVIEW_COMMUNITIES
        assert {c["size"] for c in answer["communities"]} == {41}
        home = client.get("/")
        assert home.status_code == 200 and "Hub 00" in home.text
        explore = client.get("/explore")
        view = json.loads(
            explore.text.split('id="view-data"')[1].split(">", 1)[1].split("</script>")[0]
        )
        assert len(view["nodes"]) == OVERVIEW_NODES


def test_first_focus_view_is_the_api_subgraph(seeded):
    store, client = seeded
    query = {
        "focus": "person:vladimir-putin",
        "depth": "2",
        "expand": "person:vyacheslav-volodin",
        "types": "Person,Event,Institution,Country",
    }
    state = view_state(query, load_schema())
    view = initial_view(store, state, None)
    body = {"types": state.types, "relations": state.relations, "limit": 5000}
    a = client.post("/api/subgraph", json={"seeds": state.focus, "depth": 2, **body}).json()
    b = client.post("/api/subgraph", json={"seeds": state.expand, "depth": 1, **body}).json()
    nodes_a, edges_a = rows(a)
    nodes_b, edges_b = rows(b)
    assert inline_rows(view) == (nodes_a | nodes_b, edges_a | edges_b)
    assert len(view["nodes"]) > 3


def test_states_the_api_must_explain_are_left_to_it(seeded):
    store, _ = seeded
    schema = load_schema()
    assert view_state({"since": "last week"}, schema) is None
    assert initial_view(store, view_state({"focus": "person:nobody"}, schema), None) is None
    assert initial_view(store, view_state({"types": ""}, schema), None) == {
        "nodes": [],
        "edges": [],
    }


def test_an_expansion_cut_at_the_node_limit_is_reported(tmp_path: Path):
    """The first view merges the focus's answer with each expansion's; what the expansion
    left out must still reach the status line (the view says 'more actors within reach')."""
    from graph.query import MAX_NODES

    hub = Node(id="country:hubland", type="Country", name="Hubland")
    lone = Node(id="person:lone", type="Person", name="Lone Person")
    people = [
        Node(id=f"person:p{i:04}", type="Person", name=f"Person {i:04}")
        for i in range(MAX_NODES + 10)
    ]
    ev = Evidence(document="doc:d", sentence="They met.", start=0, end=9)
    edges = [
        Edge(id=f"rel:m{i}", source=p.id, target=hub.id, type="MET_WITH", evidence=[ev])
        for i, p in enumerate(people)
    ]
    store = SqliteStore(tmp_path)
    store.import_graph(GraphData(nodes=[hub, lone, *people], edges=edges))
    schema = load_schema()
    alone = initial_view(store, view_state({"focus": lone.id}, schema), None)
    assert alone is not None and alone["truncated"] is None
    state = view_state({"focus": lone.id, "expand": hub.id}, schema)
    view = initial_view(store, state, None)
    assert view is not None
    assert view["truncated"] == {"nodes": True, "edges": 0}
    assert len(view["nodes"]) == MAX_NODES + 1  # the expansion's answer plus the focus
