"""A capped view says so: at depth 2 an answer keeps its strongest edges (the API's default
cap, `truncated` in the answer) and the explorer's status line tells the user what it left
out; at depth 1 nothing is cut and nothing is said. Real Chromium over a dense graph."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import pytest

from graph.model import Edge, Evidence, GraphData, Node
from graph.store.sqlite import SqliteStore
from tests.browser.conftest import LiveServer, wait_ready

pytestmark = pytest.mark.browser

HUB = "country:hubland"


def dense_graph() -> GraphData:
    """Hubland met 40 people, who all cooperate with each other: 820 edges in two steps."""
    hub = Node(id=HUB, type="Country", name="Hubland")
    people = [Node(id=f"person:p{i:02}", type="Person", name=f"Person {i:02}") for i in range(40)]

    def edge(eid: str, source: str, target: str, type_: str) -> Edge:
        ev = Evidence(document="doc:d", sentence=f"{source} and {target}.", start=0, end=5)
        return Edge(id=eid, source=source, target=target, type=type_, evidence=[ev])

    edges = [edge(f"rel:m{i}", p.id, HUB, "MET_WITH") for i, p in enumerate(people)]
    edges += [
        edge(f"rel:c{a.id}-{b.id}", a.id, b.id, "COOPERATES_WITH")
        for a, b in combinations(people, 2)
    ]
    return GraphData(nodes=[hub, *people], edges=edges)


@pytest.fixture(scope="module")
def dense_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("dense-store")
    SqliteStore(data_dir).import_graph(dense_graph())
    with LiveServer(data_dir) as server:
        yield server


def test_a_capped_view_says_what_it_left_out(page, dense_server):
    page.goto(f"{dense_server.url}/explore?focus={HUB}&depth=2")
    wait_ready(page)
    status = page.locator("#status")
    assert "Showing the strongest part" in status.inner_text()
    assert "320 weaker links" in status.inner_text()
    drawn = page.evaluate("() => AG.explorer.view.graph.size")
    assert drawn == 500


def test_an_uncut_view_says_nothing(page, dense_server):
    page.goto(f"{dense_server.url}/explore?focus={HUB}")
    wait_ready(page)
    assert "Showing the strongest part" not in page.locator("#status").inner_text()
    assert page.evaluate("() => AG.explorer.view.graph.size") == 820
