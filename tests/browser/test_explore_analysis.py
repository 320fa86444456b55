"""The explorer as an analyst uses it for "who did what to whom": legible edges, relation
filters that clear the noise, a panel that does not move the graph, pins, the keyboard,
report exports and the offline HTML view, in a real Chromium over the seeds' graph."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from graph.schema import load_schema
from tests.browser.conftest import node_count, screenshot, wait_layout_stopped, wait_ready
from tests.browser.test_explore import viewport_position

pytestmark = pytest.mark.browser

PUTIN = "person:vladimir-putin"


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def edges_in_view(page) -> list[dict]:
    return page.evaluate(
        """() => AG.explorer.view.graph.mapEdges((id, a, s, t) => ({
             id, s, t, type: a.relType,
             color: AG.explorer.view.reduceEdge(id, a).color }))"""
    )


def test_edges_wear_their_relation_colours_and_the_legend_says_which(page, seeds_server):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    schema = load_schema()
    edges = edges_in_view(page)
    assert edges
    for e in edges:
        assert e["color"].lower() == schema.relations[e["type"]].color.lower(), e
    for rel in ("SANCTIONED", "MET_WITH", "HOLDS_ROLE"):
        swatch = page.locator(f"#relations li:has(input[value={rel}]) .line-swatch")
        style = swatch.evaluate(
            "e => [getComputedStyle(e).borderTopColor, getComputedStyle(e).borderTopStyle]"
        )
        assert style == [rgb(schema.relations[rel].color), schema.relations[rel].dash]
    # directed relations are drawn with arrowheads, symmetric ones without
    kinds = page.evaluate(
        "() => AG.explorer.view.graph.mapEdges((id, a) => [a.relType, a.type])"
    )
    for rel, kind in kinds:
        assert kind == ("line" if schema.relations[rel].symmetric else "arrow")


def test_a_relation_filter_hides_actors_left_without_an_edge_unless_asked(page, seeds_server):
    page.goto(seeds_server.url + "/explore?rels=SANCTIONED")
    wait_ready(page)
    edges = edges_in_view(page)
    assert edges and all(e["type"] == "SANCTIONED" for e in edges)
    ends = {e["s"] for e in edges} | {e["t"] for e in edges}
    shown = set(page.evaluate("() => AG.explorer.view.graph.nodes()"))
    assert shown == ends  # "who sanctioned whom", nothing else standing
    page.check("#show-isolated")
    page.wait_for_function(f"() => AG.explorer.view.graph.order > {len(shown)}")
    page.wait_for_selector("#graph[data-state=ready]")
    assert parse_qs(urlparse(page.url).query)["iso"] == ["1"]
    assert node_count(page) > len(ends)


def test_opening_the_panel_leaves_the_graph_where_it_is(page, seeds_server):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    wait_layout_stopped(page)
    box = page.locator("#graph").bounding_box()
    x, y = viewport_position(page, PUTIN)
    page.mouse.click(x, y)
    page.wait_for_selector("#panel:not([hidden])")
    # the panel lies over the stage: the canvas keeps its size, the node stays under the pointer
    assert page.locator("#graph").bounding_box() == box
    x2, y2 = viewport_position(page, PUTIN)
    assert abs(x2 - x) < 2 and abs(y2 - y) < 2
    # so a double-click's second click still hits it, and it expands
    before = node_count(page)
    page.mouse.dblclick(x2, y2)
    page.wait_for_function(
        f"() => AG.explorer.state.expand.includes('{PUTIN}') || "
        f"document.getElementById('status').textContent.includes('already shown')"
    )
    assert node_count(page) >= before


def test_fit_keeps_the_graph_out_from_under_the_open_panel(page, seeds_server):
    page.goto(seeds_server.url + f"/explore?sel={PUTIN}")
    wait_ready(page)
    page.wait_for_selector("#panel:not([hidden])")
    wait_layout_stopped(page)
    page.click("#zoom-fit")
    page.wait_for_timeout(600)  # the camera's 350 ms animation, then read where nodes are
    right = page.evaluate(
        """() => {
          const r = AG.explorer.view.renderer;
          let max = -Infinity;
          AG.explorer.view.graph.forEachNode((n) => {
            const d = r.getNodeDisplayData(n);
            max = Math.max(max, r.framedGraphToViewport(d).x);
          });
          return max;
        }"""
    )
    graph_box = page.locator("#graph").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert right <= panel_box["x"] - graph_box["x"] + 2


def test_a_dragged_node_stays_pinned_across_a_reload(page, seeds_server):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    wait_layout_stopped(page)
    x, y = viewport_position(page, PUTIN)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 40, steps=6)
    page.mouse.up()
    page.wait_for_selector("#graph[data-pinned='1']")
    pins = parse_qs(urlparse(page.url).query)["pins"][0]
    assert pins.startswith(PUTIN + "~")
    where = page.evaluate(f"() => AG.explorer.view.graph.getNodeAttributes('{PUTIN}')")
    page.goto(page.url)
    wait_ready(page)
    wait_layout_stopped(page)
    again = page.evaluate(f"() => AG.explorer.view.graph.getNodeAttributes('{PUTIN}')")
    assert again["fixed"] is True
    assert abs(again["x"] - where["x"]) < 0.2 and abs(again["y"] - where["y"]) < 0.2


def test_the_keyboard_walks_the_graph_and_esc_closes_the_panel_from_anywhere(
    page, seeds_server
):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    wait_layout_stopped(page)
    page.focus("#graph")
    page.keyboard.press("ArrowRight")
    first = page.get_attribute("#graph", "data-cursor")
    assert first
    page.keyboard.press("ArrowDown")
    second = page.get_attribute("#graph", "data-cursor")
    neighbours = page.evaluate(f"() => AG.explorer.view.graph.neighbors('{first}')")
    assert second in neighbours
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    assert page.evaluate("() => document.activeElement.id") == "panel"
    assert page.text_content("#panel h2.name")
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel", state="hidden")
    # Esc from a checkbox in the filters closes it too
    page.focus("#graph")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    page.focus("#relations input[value=MET_WITH]")
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel", state="hidden")
    # a skip link reaches the panel in one Tab from the top of the page
    page.focus("#graph")
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel:not([hidden])")
    page.focus("body")
    page.evaluate("() => document.querySelector('.skip-links a').focus()")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "skip-panel"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "panel"


def test_the_path_finder_is_in_view_without_scrolling(page, seeds_server):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    box = page.locator("#path-go").bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"]


def test_report_pictures_have_a_title_a_legend_and_arrowheads(page, seeds_server):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    wait_layout_stopped(page)
    page.fill("#export-title", "Who met whom <at> the conference")
    with page.expect_download() as info:
        page.click("#export-svg")
    svg = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Who met whom &lt;at&gt; the conference" in svg
    assert 'marker-end="url(#arrow-HOLDS_ROLE)"' in svg
    assert 'class="legend"' in svg and ">Met with<" in svg.replace("met with", "Met with")
    schema = load_schema()
    assert schema.relations["SANCTIONED"].color in svg
    width = int(re.search(r'<svg[^>]* width="(\d+)"', svg).group(1))
    for button, scale in (("#export-png", 2), ("#export-png3", 3)):
        with page.expect_download() as info:
            page.click(button)
        png = Path(info.value.path()).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        png_width = int.from_bytes(png[16:20], "big")
        assert png_width == width * scale


def test_the_offline_html_view_opens_without_any_server(page, seeds_server, chromium, tmp_path):
    page.goto(seeds_server.url + f"/explore?focus={PUTIN}&depth=1")
    wait_ready(page)
    wait_layout_stopped(page)
    shown = node_count(page)
    with page.expect_download() as info:
        page.click("#export-html")
    path = tmp_path / "view.html"
    info.value.save_as(path)
    html = path.read_text(encoding="utf-8")
    assert "http://" not in html.split("<script", 1)[0]  # no remote stylesheet or script
    context = chromium.new_context(viewport={"width": 1200, "height": 800})
    offline = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    offline.on("request", lambda r: requests.append(r.url))
    offline.on("pageerror", lambda e: errors.append(str(e)))
    try:
        offline.goto(path.as_uri())
        offline.wait_for_selector("body[data-ready=true]")
        assert offline.evaluate("() => AG.offlineView.graph.order") == shown
        x, y = offline.evaluate(
            f"""() => {{
              const r = AG.offlineView.renderer;
              const p = r.framedGraphToViewport(r.getNodeDisplayData('{PUTIN}'));
              const box = document.getElementById('graph').getBoundingClientRect();
              return [box.left + p.x, box.top + p.y];
            }}"""
        )
        offline.mouse.click(x, y)
        offline.wait_for_selector("#panel:not([hidden])")
        assert offline.text_content("#panel h2.name") == "Vladimir Putin"
        assert offline.locator("#panel .evidence q").count() > 0
        screenshot(offline, "explore-offline-html")
        assert not errors, errors
        assert all(u.startswith(("file:", "data:", "blob:")) for u in requests), requests
    finally:
        context.close()


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, errors


def no_sideways_scroll(pg) -> bool:
    return pg.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_on_a_phone_the_graph_fills_the_screen_filters_in_a_drawer(phone, seeds_server):
    for path in ("/", "/search?q=putin", "/documents", f"/entity/{PUTIN}"):
        phone.goto(seeds_server.url + path)
        assert no_sideways_scroll(phone), path
    phone.goto(seeds_server.url + "/explore")
    wait_ready(phone)
    assert no_sideways_scroll(phone)
    graph = phone.locator("#graph").bounding_box()
    assert graph["width"] >= 380 and graph["height"] >= 600
    assert not phone.locator("#sidebar").is_visible() or (
        phone.locator("#sidebar").bounding_box()["x"] + 300 < 0
    )
    phone.click("#drawer-toggle")
    phone.wait_for_function(
        "() => document.getElementById('sidebar').getBoundingClientRect().left >= 0"
    )
    phone.keyboard.press("Escape")
    phone.wait_for_function(
        "() => document.getElementById('sidebar').getBoundingClientRect().right <= 0"
    )
    phone.goto(seeds_server.url + f"/explore?sel={PUTIN}")
    wait_ready(phone)
    phone.wait_for_selector("#panel:not([hidden])")
    panel = phone.locator("#panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 391
    assert panel["y"] > 844 * 0.4  # a bottom sheet, the graph still above it
    screenshot(phone, "explore-phone")
