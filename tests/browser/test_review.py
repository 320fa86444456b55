"""Curation in a real Chromium: the review page answers a duplicate with one key, the
explorer and the entity page then show one actor; the entity page's actions and their undo.
The token is typed once into the page and kept in sessionStorage, never in a URL."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from app.main import create_app
from graph.config import Settings
from graph.model import GraphData
from graph.store.sqlite import SqliteStore
from tests.browser.conftest import LiveServer, free_port, wait_ready

pytestmark = pytest.mark.browser

TOKEN = "browser-curation-token"


class TokenServer(LiveServer):
    """The live server with writes allowed (ACTORGRAPH_API_TOKEN = TOKEN)."""

    def __init__(self, data_dir: Path) -> None:
        self.store = SqliteStore(data_dir)
        app = create_app(Settings(store="embedded", data_dir=data_dir, api_token=TOKEN))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)


@pytest.fixture
def server(seeds_graph: GraphData, tmp_path: Path) -> Iterator[TokenServer]:
    SqliteStore(tmp_path / "store").import_graph(seeds_graph)
    with TokenServer(tmp_path / "store") as s:
        yield s


def get(server: TokenServer, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def give_token(page) -> None:
    page.wait_for_selector("#token-form", timeout=20_000)
    page.fill("#curation-token", TOKEN)
    page.click("#token-form button[type=submit]")


def test_review_page_answers_a_duplicate_with_one_key(page, server) -> None:
    page.goto(server.url + "/review/duplicates")
    page.wait_for_selector("#review[data-state=ready]", timeout=30_000)
    a, b = page.get_attribute("#review", "data-pair").split("|")
    cards = page.locator(".review-actor")
    assert cards.count() == 2
    assert page.locator(".review-actor .sentences li").count() >= 2

    page.keyboard.press("s")
    give_token(page)
    page.wait_for_selector("#curation-status", timeout=30_000)
    page.wait_for_function(
        "pair => ['ready', 'empty'].includes(document.getElementById('review').dataset.state)"
        " && document.getElementById('review').dataset.pair !== pair",
        arg=f"{a}|{b}",
        timeout=30_000,
    )
    assert "actorgraph-token" not in page.url and TOKEN not in page.url
    assert page.evaluate("() => sessionStorage.getItem('actorgraph-token')") == TOKEN

    gone = [x for x in (a, b) if get(server, f"/api/entities/{x}")[0] == 404]
    kept = [x for x in (a, b) if x not in gone]
    assert len(gone) == 1 and len(kept) == 1, (a, b)
    _, log = get(server, "/api/curation")
    assert [d["kind"] for d in log["decisions"]] == ["merge"]

    # the explorer around the kept actor shows it, and not the merged one
    page.goto(server.url + f"/explore?focus={kept[0]}&depth=1")
    wait_ready(page)
    shown = set(page.evaluate("() => AG.explorer.view.graph.nodes()"))
    assert kept[0] in shown and gone[0] not in shown

    # undo from the review page's status line brings the pair back
    page.goto(server.url + "/review/duplicates")
    page.wait_for_selector("#review[data-state=ready]", timeout=30_000)
    page.keyboard.press("n")  # no token asked again: it is kept for the session
    page.wait_for_selector("#curation-status button", timeout=30_000)
    _, log = get(server, "/api/curation")
    assert [d["kind"] for d in log["decisions"]] == ["merge", "not_same"]
    page.click("#curation-undo")
    page.wait_for_selector("#curation-status[data-state=undone]", timeout=30_000)
    _, log = get(server, "/api/curation")
    assert [d["kind"] for d in log["decisions"]] == ["merge"]


def test_entity_page_rename_hide_and_undo(page, server) -> None:
    node = "institution:state-duma"
    page.goto(server.url + f"/entity/{node}")
    page.fill("#rename-to", "Duma of Russia")
    page.click("#rename")
    give_token(page)
    page.wait_for_selector("h1:has-text('Duma of Russia')", timeout=30_000)
    assert get(server, f"/api/entities/{node}")[1]["name"] == "Duma of Russia"
    page.click("#curation-undo")
    page.wait_for_selector("h1:has-text('State Duma')", timeout=30_000)
    assert get(server, f"/api/entities/{node}")[1]["name"] == "State Duma"

    page.click("#hide")
    page.wait_for_selector("#curation-status", timeout=30_000)
    assert get(server, f"/api/entities/{node}")[0] == 404
    page.click("#curation-undo")
    page.wait_for_function(
        "() => !document.getElementById('curation-status')"
        " || document.getElementById('curation-status').dataset.state === 'undone'",
        timeout=30_000,
    )
    page.wait_for_load_state()
    assert get(server, f"/api/entities/{node}")[0] == 200


def test_entity_page_merges_with_the_search_box(page, server) -> None:
    source, target = "person:boris-titov", "person:vyacheslav-volodin"
    page.goto(server.url + f"/entity/{source}")
    page.fill("#merge-into", "Volodin")
    page.wait_for_selector(".ac-list li", timeout=20_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    give_token(page)
    page.wait_for_url(f"**/entity/{target}", timeout=30_000)
    assert "Boris Titov" in page.inner_text(".aliases")
    assert get(server, f"/api/entities/{source}")[0] == 404
    page.click("#curation-undo")
    page.wait_for_url(f"**/entity/{source}", timeout=30_000)
    assert get(server, f"/api/entities/{source}")[0] == 200


def test_entity_page_rejects_a_relation(page, server) -> None:
    node = "person:vyacheslav-volodin"
    before = get(server, f"/api/entities/{node}")[1]["degree"]
    page.goto(server.url + f"/entity/{node}")
    edge = page.get_attribute("li[data-edge]", "data-edge")
    page.click(f"li[data-edge='{edge}'] .reject-edge")
    give_token(page)
    page.wait_for_selector("#curation-status", timeout=30_000)
    assert page.locator(f"li[data-edge='{edge}']").count() == 0
    assert get(server, f"/api/entities/{node}")[1]["degree"] == before - 1
    _, log = get(server, "/api/curation")
    assert log["decisions"][0]["kind"] == "reject" and log["decisions"][0]["payload"]["evidence"]
