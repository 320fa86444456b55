"""The server-rendered pages: they work without JavaScript, link their JSON twin, and the
graph enhances them when JavaScript runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.schema import DOCUMENT, MENTIONS
from tests.browser.conftest import VIEWPORT, screenshot

pytestmark = pytest.mark.browser

VOLODIN = "person:vyacheslav-volodin"


@pytest.fixture
def no_js_page(chromium) -> Iterator[object]:
    context = chromium.new_context(viewport=VIEWPORT, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_pages_work_without_javascript(no_js_page, seeds_server):
    pg = no_js_page
    store = seeds_server.store
    pg.goto(seeds_server.url + "/")
    docs = store.list_documents()
    assert pg.locator(".doc-list li").count() == len(docs)
    assert pg.locator(".ranked li").count() > 0
    screenshot(pg, "home")

    pg.goto(seeds_server.url + "/search?q=volodin")
    pg.click(".hits a.entity >> nth=0")
    assert pg.url.endswith("/entity/" + VOLODIN)
    relations = [e for e in store.node_edges(VOLODIN) if e.type != MENTIONS]
    sentences = {ev.sentence for e in relations for ev in e.evidence}
    shown = set(pg.locator(".relations .evidence q").all_text_contents())
    assert shown == sentences
    assert pg.locator(".relations > li").count() == len(relations)
    screenshot(pg, "entity-nojs")

    # an evidence link leads to the sentence, highlighted, in the document
    pg.click(".relations .evidence a >> nth=0")
    assert pg.locator("mark#ev").count() == 1
    assert pg.text_content("mark#ev") in sentences
    # every mention is a link to its entity's profile
    doc_id = pg.url.split("/documents/")[1].split("?")[0]
    mentions = sum(
        len([ev for ev in e.evidence if ev.document == doc_id])
        for e in store.node_edges(doc_id)
        if e.type == MENTIONS
    )
    assert 0 < pg.locator(".doc-text a.mention").count() <= mentions
    pg.click(".doc-text a.mention >> nth=0")
    assert "/entity/" in pg.url and pg.locator("h1").count() == 1


def test_every_page_links_its_json_twin(page, seeds_server):
    doc = seeds_server.store.list_documents()[0].id
    checks = {
        "/": lambda j: j["nodes"] == len(seeds_server.store.export().nodes),
        f"/entity/{VOLODIN}": lambda j: j["id"] == VOLODIN and j["relations"],
        f"/documents/{doc}": lambda j: j["id"] == doc and j["mentions"],
        "/documents": lambda j: j["total"] == len(seeds_server.store.list_documents()),
        "/search?q=putin": lambda j: j["hits"][0]["id"] == "person:vladimir-putin",
        f"/explore?focus={VOLODIN}": lambda j: VOLODIN in {n["id"] for n in j["nodes"]},
    }
    for path, check in checks.items():
        page.goto(seeds_server.url + path)
        href = page.get_attribute("[data-json-link]", "href")
        assert href.startswith("/api/"), (path, href)
        answer = page.request.get(seeds_server.url + href)
        assert answer.ok, (path, href, answer.status)
        assert check(answer.json()), (path, href)


def test_profile_draws_its_neighbourhood(page, seeds_server):
    page.goto(seeds_server.url + f"/entity/{VOLODIN}")
    page.wait_for_function(
        "() => +(document.getElementById('mini-graph').dataset.nodeCount || 0) > 1"
    )
    expected = {n.id for n in seeds_server.store.neighbors(VOLODIN, 1).nodes}
    count = int(page.get_attribute("#mini-graph", "data-node-count"))
    assert count == len(expected)
    screenshot(page, "entity")


def test_document_page_links_mentions_and_its_graph(page, seeds_server):
    doc = next(n for n in seeds_server.store.export().nodes if n.type == DOCUMENT)
    page.goto(seeds_server.url + f"/documents/{doc.id}")
    assert page.text_content("h1") == doc.name
    screenshot(page, "document")
    page.click("text=Graph of this document")
    page.wait_for_selector("#graph[data-state=ready]")
    shown = set(page.evaluate("() => AG.explorer.view.graph.nodes()"))
    assert page.input_value("#doc-filter") == doc.id
    # exactly the actors with a relation read in that document
    read_here = {
        x
        for e in seeds_server.store.export().edges
        if e.type != MENTIONS and any(ev.document == doc.id for ev in e.evidence)
        for x in (e.source, e.target)
    }
    assert shown == read_here


def test_unknown_entity_gets_an_html_404(page, seeds_server):
    response = page.goto(seeds_server.url + "/entity/person:nobody")
    assert response.status == 404
    assert "No entity" in page.text_content("main")
