"""Expansion that never floods: the best-supported neighbours first with "N more", undo and
redo of expansions and removals (buttons and Ctrl+Z / Ctrl+Shift+Z), a node removed from
the view stays out after a reload. Real Chromium over the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from graph.model import Edge, Evidence, GraphData, Node
from graph.schema import DOCUMENT, MENTIONS
from graph.store.sqlite import SqliteStore
from tests.browser.conftest import LiveServer, node_count, wait_ready

pytestmark = pytest.mark.browser

RUSSIA = "country:russia"
PUTIN = "person:vladimir-putin"
HUB = "country:hubland"
START = "person:p00"
TOP = 12


def hub_graph() -> GraphData:
    """Hubland met 40 people, each in 1 to 4 documents (person i in i % 4 + 1 of them)."""
    docs = [Node(id=f"doc:{d}", type=DOCUMENT, name=f"report {d}") for d in range(4)]
    hub = Node(id=HUB, type="Country", name="Hubland")
    people = [Node(id=f"person:p{i:02}", type="Person", name=f"Person {i:02}") for i in range(40)]
    edges = []
    for i, p in enumerate(people):
        evidence = [
            Evidence(document=f"doc:{d}", sentence=f"{p.name} met Hubland.", start=i, end=i + 5)
            for d in range(i % 4 + 1)
        ]
        edges.append(
            Edge(id=f"rel:m{i}", source=p.id, target=HUB, type="MET_WITH", evidence=evidence)
        )
        edges += [
            Edge(id=f"rel:n{i}-{d}", source=f"doc:{d}", target=p.id, type=MENTIONS, evidence=[ev])
            for d, ev in enumerate(evidence)
        ]
    edges += [
        Edge(
            id=f"rel:h{d}",
            source=f"doc:{d}",
            target=HUB,
            type=MENTIONS,
            evidence=[Evidence(document=f"doc:{d}", sentence="Hubland.", start=0, end=7)],
        )
        for d in range(4)
    ]
    return GraphData(nodes=[*docs, hub, *people], edges=edges)


@pytest.fixture(scope="module")
def hub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("hub-store")
    SqliteStore(data_dir).import_graph(hub_graph())
    with LiveServer(data_dir) as server:
        yield server


def shown(page) -> set[str]:
    return set(page.evaluate("() => AG.explorer.view.graph.nodes()"))


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def support(api: dict, centre: str) -> dict[str, int]:
    docs: dict[str, set[str]] = {}
    for e in api["edges"]:
        if centre in (e["source"], e["target"]) and e["source"] != e["target"]:
            other = e["target"] if e["source"] == centre else e["source"]
            docs.setdefault(other, set()).update(v["document"] for v in e["evidence"])
    return {k: len(v) for k, v in docs.items()}


def test_expanding_a_hub_adds_the_best_supported_first_and_undo_redo(page, hub_server):
    api = page.request.get(hub_server.url + f"/api/entities/{HUB}/neighbors?depth=1").json()
    docs = support(api, HUB)
    assert len(docs) == 40  # a hub: expanding it whole would flood the view
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/neighbors" in r.url else None)
    page.goto(hub_server.url + f"/explore?focus={START}&sel={HUB}")
    wait_ready(page)
    page.wait_for_selector("#panel-expand")
    before = shown(page)
    page.click("#panel-expand")
    page.wait_for_selector("#more-bar:not([hidden])")
    # the neighbours come with a summary per edge, not their sentences: the ranking reads
    # the summaries' document counts
    assert asked and all("evidence=none" in u for u in asked)
    first = shown(page)
    added = first - before
    assert 0 < len(added) <= TOP
    assert query(page)["expand"] == [f"{HUB}~{TOP}"]
    assert sorted(docs[n] for n in added) == [3, 3] + [4] * 10
    left_out = set(docs) - first
    assert min(docs[n] for n in added) >= max(docs[n] for n in left_out)
    more = len(docs) - TOP
    assert f"{more} more" in page.inner_text("#more-bar")
    page.click("#more-button")
    page.wait_for_function(
        f"() => new URL(location.href).searchParams.get('expand') === '{HUB}~{2 * TOP}'"
    )
    second = shown(page)
    assert second > first and len(second - first) <= TOP
    # undo / redo: buttons and keys
    page.focus("#graph")
    page.keyboard.press("Control+z")
    page.wait_for_function(f"() => AG.explorer.view.graph.order === {len(first)}")
    assert shown(page) == first and query(page)["expand"] == [f"{HUB}~{TOP}"]
    page.keyboard.press("Control+Shift+z")
    page.wait_for_function(f"() => AG.explorer.view.graph.order === {len(second)}")
    assert shown(page) == second
    page.click("#undo")
    page.click("#undo")
    page.wait_for_function(f"() => AG.explorer.view.graph.order === {len(before)}")
    assert shown(page) == before and "expand" not in query(page)
    assert page.is_disabled("#undo") and not page.is_disabled("#redo")
    page.click("#redo")
    page.wait_for_function(f"() => AG.explorer.view.graph.order === {len(first)}")
    assert shown(page) == first


def test_remove_a_node_undo_it_and_keep_it_out_after_a_reload(page, seeds_server):
    page.goto(seeds_server.url + f"/explore?focus={PUTIN}&sel={RUSSIA}")
    wait_ready(page)
    page.wait_for_selector("#panel-remove")
    count = node_count(page)
    page.click("#panel-remove")
    page.wait_for_function(f"() => !AG.explorer.view.graph.hasNode('{RUSSIA}')")
    assert query(page)["hide"] == [RUSSIA] and page.is_hidden("#panel")
    page.keyboard.press("Control+z")
    page.wait_for_function(f"() => AG.explorer.view.graph.hasNode('{RUSSIA}')")
    assert "hide" not in query(page) and node_count(page) == count
    page.keyboard.press("Control+Shift+z")
    page.wait_for_function(f"() => !AG.explorer.view.graph.hasNode('{RUSSIA}')")
    # a saved link keeps it out; Delete on the keyboard removes the selected node too
    url = page.url
    page.goto(url)
    wait_ready(page)
    assert RUSSIA not in shown(page)
    page.goto(seeds_server.url + f"/explore?focus={PUTIN}&sel={PUTIN}")
    wait_ready(page)
    page.wait_for_selector("#panel-remove")
    page.focus("#graph")
    page.keyboard.press("Delete")
    page.wait_for_function(f"() => !AG.explorer.view.graph.hasNode('{PUTIN}')")


def test_an_expanded_view_reopens_identical(page, hub_server):
    page.goto(hub_server.url + f"/explore?focus={START}&sel={HUB}")
    wait_ready(page)
    page.wait_for_selector("#panel-expand")
    page.click("#panel-expand")
    page.wait_for_selector("#more-bar:not([hidden])")
    page.click("#more-button")
    page.wait_for_function(
        f"() => new URL(location.href).searchParams.get('expand') === '{HUB}~{2 * TOP}'"
    )
    nodes = shown(page)
    assert len(nodes) == 2 + 2 * TOP
    page.reload()
    wait_ready(page)
    page.wait_for_function(f"() => AG.explorer.view.graph.order === {len(nodes)}")
    assert shown(page) == nodes
