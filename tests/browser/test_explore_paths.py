"""The path finder for analysts: options to avoid actors, relation types and hubs, each
path's length stated right, steps wrapped; the URL keeps the options. Real Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot, wait_ready

pytestmark = pytest.mark.browser

VOLODIN = "person:vyacheslav-volodin"
CUBA = "country:cuba"
RUSSIA = "country:russia"


def path_nodes(page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('#path-result li')].map(li =>
             [...li.querySelectorAll('.path-step > button:first-child')].map(b => b.innerText))"""
    )


def test_paths_avoid_an_actor_relations_and_hubs(page, seeds_server):
    page.goto(seeds_server.url + f"/explore?from={VOLODIN}&to={CUBA}&pk=10&plen=4")
    wait_ready(page)
    page.wait_for_selector("#path-result li")
    api = page.request.get(
        seeds_server.url + f"/api/paths?source={VOLODIN}&target={CUBA}&k=10&max_length=4"
    ).json()["paths"]
    shown = path_nodes(page)
    assert shown == [[n["name"] for n in p["nodes"]] for p in api]
    lengths = [int(li.get_attribute("data-length")) for li in page.locator("#path-result li").all()]
    assert lengths == [p["length"] for p in api]
    summary = page.inner_text("#path-summary")
    for length in set(lengths):
        assert f"of {length} step" in summary
    assert any("Russia" in names[1:-1] for names in shown)
    # avoid Russia from the path itself: the finder runs again around it
    page.locator(f"#path-result button[data-avoid='{RUSSIA}']").first.click()
    page.wait_for_function(
        "() => document.getElementById('path-summary')?.innerText.includes('avoiding')"
    )
    assert all("Russia" not in names for names in path_nodes(page))
    assert parse_qs(urlparse(page.url).query)["px"] == [RUSSIA]
    assert "Russia" in page.inner_text("#path-avoided")
    # relation types and hubs from the options
    page.check("input[name=path-rel][value=SPOKE_AT]")
    page.fill("#path-hub", "10")
    page.dispatch_event("#path-hub", "change")
    page.click("#path-go")
    page.wait_for_function(
        "() => document.getElementById('path-summary')?.innerText.includes('hubs over 10')"
        " || document.querySelector('#path-result .empty')"
    )
    query = parse_qs(urlparse(page.url).query)
    assert query["prel"] == ["SPOKE_AT"] and query["phub"] == ["10"]
    want = page.request.get(
        seeds_server.url + f"/api/paths?source={VOLODIN}&target={CUBA}&k=10&max_length=4"
        f"&exclude={RUSSIA}&exclude_relations=SPOKE_AT&max_degree=10"
    ).json()["paths"]
    assert want and len(want) < len(api)
    assert path_nodes(page) == [[n["name"] for n in p["nodes"]] for p in want]
    # long names wrap inside the sidebar instead of running out of it
    box = page.locator("#path-finder").bounding_box()
    for li in page.locator("#path-result li").all():
        b = li.bounding_box()
        assert b["x"] + b["width"] <= box["x"] + box["width"] + 1
    screenshot(page, "explore-paths")
    # a reload keeps the options
    page.reload()
    wait_ready(page)
    assert page.is_checked("input[name=path-rel][value=SPOKE_AT]")
    assert page.input_value("#path-hub") == "10"
    page.wait_for_function(
        "() => document.getElementById('path-avoided').innerText.includes('Russia')"
    )


def test_a_steps_sentences_open_from_the_path(page, seeds_server):
    """Paths come with a summary per edge (evidence=none); opening a step fetches its
    sentences, page by page, from /api/edges/{id}/evidence."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(seeds_server.url + f"/explore?from={VOLODIN}&to={CUBA}&pk=3&plen=3")
    wait_ready(page)
    page.wait_for_selector("#path-result li")
    asked = [u for u in requests if "/api/paths?" in u]
    assert asked and all("evidence=none" in u for u in asked)
    step = page.locator("#path-result button.path-rel").first
    edge_id = step.get_attribute("data-edge")
    assert step.get_attribute("aria-expanded") == "false"
    step.click()
    box = page.locator(f"#path-result .edge-evidence[data-edge='{edge_id}']")
    box.locator("li q").first.wait_for()
    assert step.get_attribute("aria-expanded") == "true"
    whole = page.request.get(seeds_server.url + f"/api/edges/{edge_id}/evidence?limit=500").json()
    assert box.locator("li q").all_text_contents() == [ev["sentence"] for ev in whole["items"]]
    summary = page.locator("#path-result .edge-evidence-box p.muted").first.inner_text()
    assert summary.startswith(f"{whole['summary']['evidence']} sentence")
    # each sentence links to its place in the document
    href = box.locator("li a").first.get_attribute("href")
    first = whole["items"][0]
    assert f"hl={first['start']}-{first['end']}" in href
    step.click()  # closes again
    assert box.count() == 0 and step.get_attribute("aria-expanded") == "false"
