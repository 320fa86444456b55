"""Saved views in the explorer: name and save the view (token asked once per session), the
list, open, rename, delete; a saved view opens identical after a reload and in another
browser context (another session: no token, no local state). Real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from graph.model import GraphData
from graph.store.sqlite import SqliteStore
from tests.browser.conftest import VIEWPORT, LiveServer, wait_ready

pytestmark = pytest.mark.browser

TOKEN = "views-secret"
PUTIN = "person:vladimir-putin"
STATE = (
    f"focus={PUTIN}&depth=2&rels=HOLDS_ROLE,MET_WITH,SPOKE_AT,ATTENDED&hide=country:russia"
    f"&pins={PUTIN}~12.5~-40"
)


@pytest.fixture(scope="module")
def server(
    seeds_graph: GraphData, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("views-store")
    SqliteStore(data_dir).import_graph(seeds_graph)
    with LiveServer(data_dir, api_token=TOKEN) as s:
        yield s


def nodes(page) -> list[str]:
    return sorted(page.evaluate("() => AG.explorer.view.graph.nodes()"))


def position(page, node: str) -> list[float]:
    return page.evaluate(
        f"() => {{ const a = AG.explorer.view.graph.getNodeAttributes('{node}'); return [a.x, a.y]; }}"
    )


def test_save_open_in_another_browser_rename_delete(page, chromium, server):
    page.goto(server.url + "/explore?" + STATE)
    wait_ready(page)
    shown = nodes(page)
    assert "country:russia" not in shown and PUTIN in shown
    page.wait_for_function("() => document.getElementById('views-list').dataset.count === '0'")
    page.fill("#view-name", "Putin without Russia")
    page.click("#view-save-go")
    # no token yet: asked for in the page, in words, never in a dialog
    page.wait_for_selector("#view-token-label:not([hidden])")
    assert "API token" in page.inner_text("#views-msg")
    page.fill("#view-token", "wrong")
    page.press("#view-token", "Enter")
    page.wait_for_function("() => document.getElementById('views-msg').innerText.includes('wrong')")
    page.fill("#view-token", TOKEN)
    page.press("#view-token", "Enter")
    page.wait_for_function("() => document.getElementById('views-list').dataset.count === '1'")
    assert "Saved" in page.inner_text("#views-msg")
    link = page.locator("#views-list a.view-open")
    assert link.inner_text() == "Putin without Russia"
    saved_state = urlparse(link.get_attribute("href")).query
    assert parse_qs(saved_state) == parse_qs(urlparse(page.url).query)

    # after a reload, from the list
    page.reload()
    wait_ready(page)
    page.click("#views-list a.view-open")
    page.wait_for_url("**/explore?*")
    wait_ready(page)
    assert nodes(page) == shown and position(page, PUTIN) == [12.5, -40]

    # another browser context: another session, nothing shared but the server
    other = chromium.new_context(viewport=VIEWPORT)
    try:
        pg = other.new_page()
        pg.goto(server.url + "/explore")
        wait_ready(pg)
        pg.wait_for_function("() => document.getElementById('views-list').dataset.count === '1'")
        pg.click("#views-list a.view-open")
        pg.wait_for_url("**/explore?*")
        wait_ready(pg)
        assert nodes(pg) == shown and position(pg, PUTIN) == [12.5, -40]
        assert parse_qs(urlparse(pg.url).query) == parse_qs(saved_state)
        # rename there: this session has no token yet
        pg.click("#views-list button:has-text('rename')")
        pg.fill("input.view-rename", "Putin, Russia left out")
        pg.press("input.view-rename", "Enter")
        pg.wait_for_selector("#view-token-label:not([hidden])")
        pg.fill("#view-token", TOKEN)
        pg.press("input.view-rename", "Enter")
        pg.wait_for_function(
            "() => document.querySelector('#views-list a.view-open')?.innerText === 'Putin, Russia left out'"
        )
    finally:
        other.close()

    # the first session sees the new name; delete asks once more on the button itself
    page.reload()
    page.wait_for_function(
        "() => document.querySelector('#views-list a.view-open')?.innerText === 'Putin, Russia left out'"
    )
    page.click("#views-list button:has-text('delete')")
    assert page.locator("#views-list li").count() == 1
    page.click("#views-list button:has-text('sure')")
    page.wait_for_function("() => document.getElementById('views-list').dataset.count === '0'")
    assert page.request.get(server.url + "/api/views").json()["views"] == []
