"""What the pages compute themselves: the document text cut around mentions and the
highlighted sentence, and the explorer's first view, which must be what the API answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.pagedata import initial_view, parse_highlight, segments, view_state
from graph.config import Settings
from graph.model import GraphData
from graph.reader import Mention
from graph.schema import load_schema
from graph.store.memory import MemoryStore


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
    MemoryStore(data_dir).import_graph(seeds_graph)
    app = create_app(Settings(store="embedded", data_dir=data_dir))
    with TestClient(app) as client:
        yield MemoryStore(data_dir), client


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
def test_first_overview_is_the_api_export(seeded, query):
    store, client = seeded
    schema = load_schema()
    state = view_state(query, schema)
    view = initial_view(store, state)
    params = {
        "format": "json",
        "types": ",".join(state.types),
        "relations": ",".join(state.relations),
        **({"since": state.since} if state.since else {}),
    }
    answer = client.get("/api/export", params=params).json()
    assert inline_rows(view) == rows(answer)


def test_first_focus_view_is_the_api_subgraph(seeded):
    store, client = seeded
    query = {
        "focus": "person:vladimir-putin",
        "depth": "2",
        "expand": "person:vyacheslav-volodin",
        "types": "Person,Event,Institution,Country",
    }
    state = view_state(query, load_schema())
    view = initial_view(store, state)
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
    assert initial_view(store, view_state({"focus": "person:nobody"}, schema)) is None
    assert initial_view(store, view_state({"types": ""}, schema)) == {"nodes": [], "edges": []}
