"""Names and sentences come from untrusted documents. A document carrying a <script>, an
<img onerror> and javascript: links is ingested through the real pipeline (and an entity
whose id and name are markup is imported); every page that shows them keeps them inert."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from graph.ingest import Ingestor
from graph.model import Edge, Evidence, GraphData, Node
from graph.store.sqlite import SqliteStore
from tests.browser.conftest import LiveServer, screenshot, wait_ready

pytestmark = pytest.mark.browser

EVIL_DOCUMENT = """Summit <img src=x onerror="alert('title')"> in Havana

By [Mallory](javascript:alert('byline'))

Global News, March 3, 2024

Russian President Vladimir Putin met Cuban President Miguel Díaz-Canel <script>alert('body')</script> in Havana on March 3, 2024.

Miguel Díaz-Canel <img src=x onerror=alert('img')> spoke at the Havana Economic Forum, and [read more](javascript:alert('link')).

The National Assembly <script>document.title='pwned'</script> of Cuba cooperates with the State Duma.
"""

EVIL_ID = "person:<img src=x onerror=alert('id')>"
EVIL_NAME = "<img src=x onerror=alert('name')>"
EVIL_ALIAS = "javascript:alert('alias')"
EVIL_SENTENCE = "<script>alert('evidence')</script> met <a href=\"javascript:alert('a')\">him</a>"


@pytest.fixture(scope="module")
def evil_server(
    seeds_graph: GraphData, extractor, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("xss-store")
    store = SqliteStore(data_dir)
    store.import_graph(seeds_graph)
    source = Path(data_dir.parent / "evil.md")
    source.write_text(EVIL_DOCUMENT, encoding="utf-8")
    report = Ingestor(store, extractor, 5_000_000).ingest_paths([source])
    assert [r.status for r in report.results] == ["ingested"]
    doc = store.get_node(report.results[0].doc_id)
    assert "onerror" in doc.name  # the headline, markup and all, is the title
    putin = "person:vladimir-putin"
    store.import_graph(
        GraphData(
            nodes=[Node(id=EVIL_ID, type="Person", name=EVIL_NAME, aliases=[EVIL_ALIAS])],
            edges=[
                Edge(
                    id="rel:evil",
                    source=EVIL_ID,
                    target=putin,
                    type="MET_WITH",
                    evidence=[Evidence(document=doc.id, sentence=EVIL_SENTENCE, start=0, end=10)],
                )
            ],
        )
    )
    with LiveServer(data_dir) as server:
        server.evil_doc = doc.id
        yield server


INSPECT_JS = """
() => {
  const own = (s) => s.type === "application/json" || (s.src && new URL(s.src).pathname.startsWith("/static/"));
  const foreignScripts = [...document.querySelectorAll("script")].filter((s) => !own(s)).map((s) => s.outerHTML);
  const images = [...document.querySelectorAll("img")].map((i) => i.outerHTML);
  const handlers = [];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) if (a.name.startsWith("on")) handlers.push(el.tagName + " " + a.name);
  }
  const hrefs = [...document.querySelectorAll("[href]")].map((a) => a.getAttribute("href"));
  return { foreignScripts, images, handlers, hrefs, title: document.title, text: document.body.innerText };
}
"""


def assert_inert(page, server: LiveServer) -> str:
    found = page.evaluate(INSPECT_JS)
    assert found["foreignScripts"] == []
    assert found["images"] == []
    assert found["handlers"] == []
    assert "pwned" not in found["title"]
    for href in found["hrefs"]:
        assert "javascript:" not in href.lower(), href
        url = urlparse(href)
        # our own routes only: relative paths on this site, or in-page anchors
        assert not url.scheme and not url.netloc, href
        assert href.startswith(("/", "#")), href
    assert page.dialogs == []
    return found["text"]


def test_document_markup_stays_text_on_every_page(page, evil_server):
    doc = evil_server.evil_doc
    store = evil_server.store
    assert "<script>" in store.get_node(doc).properties["text"]
    entity = quote(EVIL_ID, safe=":")
    pages = [
        "/",
        "/documents",
        f"/documents/{doc}",
        f"/documents/{doc}?hl=0-60",
        "/entity/person:vladimir-putin",
        "/entity/person:miguel-diaz-canel",
        f"/entity/{entity}",
        "/search?q=" + quote(EVIL_NAME),
        "/search?q=<script>alert(1)</script>",
    ]
    for path in pages:
        page.goto(evil_server.url + path)
        page.wait_for_load_state("load")
        text = assert_inert(page, evil_server)
        if path.startswith(f"/documents/{doc}"):
            assert "<script>alert('body')</script>" in text
            assert "javascript:alert('link')" in text
        if path.startswith("/entity/person:<") or path.startswith(f"/entity/{entity}"):
            assert EVIL_NAME in text and EVIL_ALIAS in text
    page.goto(evil_server.url + f"/documents/{doc}")
    screenshot(page, "xss-document")


def test_explorer_panel_and_search_keep_markup_inert(page, evil_server):
    page.goto(evil_server.url + "/explore?focus=person:vladimir-putin&depth=1")
    wait_ready(page)
    labels = page.evaluate("() => AG.explorer.view.graph.mapNodes((_, a) => a.label)")
    assert EVIL_NAME in labels
    # the hostile entity through the search box: hit list, then the side panel
    page.click("#q")
    page.keyboard.type("img src")
    page.locator(".ac-list li[role=option]").first.wait_for()
    assert EVIL_NAME in page.text_content(".ac-list")
    page.keyboard.press("Enter")
    page.locator("#panel h2.name").wait_for()
    page.wait_for_selector("#panel .evidence q")
    assert page.text_content("#panel h2.name") == EVIL_NAME
    assert EVIL_SENTENCE in page.text_content("#panel")
    assert_inert(page, evil_server)
    # Putin's panel lists the hostile sentences read in the evil document
    page.goto(evil_server.url + "/explore?sel=person:vladimir-putin")
    wait_ready(page)
    page.wait_for_selector("#panel .evidence q")
    while page.locator("#panel button.more").count():
        page.locator("#panel button.more").first.click()
    assert "<script>alert('body')</script>" in page.text_content("#panel")
    assert_inert(page, evil_server)
    # a path through the hostile entity
    page.fill("#path-from", "img src")
    page.locator("#path-from ~ .ac-list li[role=option]").first.wait_for()
    page.keyboard.press("Enter")
    page.keyboard.type("Putin")
    page.locator("#path-to ~ .ac-list li[role=option]").first.wait_for()
    page.keyboard.press("Enter")
    page.locator("#path-result ol li").first.wait_for()
    assert EVIL_NAME in page.text_content("#path-result")
    assert_inert(page, evil_server)
    # the SVG export carries names as text too
    with page.expect_download() as info:
        page.click("#export-svg")
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert "<img" not in svg and "&lt;img src=x onerror=alert('name')&gt;" in svg
    screenshot(page, "xss-explore")
