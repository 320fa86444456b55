"""What moved into the explorer's state and profile modules and had no browser check of
its own: a link with every setting reopens the same view (controls, panel, and the URL the
page writes back), and the profile page's mini graph opens a neighbour's profile on click."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import wait_ready

pytestmark = pytest.mark.browser

PUTIN = "person:vladimir-putin"
VOLODIN = "person:vyacheslav-volodin"
RUSSIA = "country:russia"

# In the order the page writes its state (static/js/src/explore/state.js, stateQuery).
EVERY_SETTING = (
    f"focus={PUTIN}&depth=2&types=Person,Country,Institution&rels=MET_WITH,HOLDS_ROLE,SANCTIONED"
    f"&since=2014-01-01&until=2025-12-31&size=pagerank&sel={PUTIN}&iso=1"
    f"&pk=5&plen=3&px={RUSSIA}&prel=SPOKE_AT&phub=50"
)


def test_a_link_with_every_setting_reopens_the_same_view(page, seeds_server):
    page.goto(seeds_server.url + "/explore?" + EVERY_SETTING)
    wait_ready(page)
    page.wait_for_selector("#panel:not([hidden]) .panel-actions")
    assert page.text_content("#panel h2.name") == "Vladimir Putin"
    # the page writes back exactly the state it read
    assert urlparse(page.url).query == EVERY_SETTING
    checked = page.eval_on_selector_all(
        "#legend input[name=type]:checked", "els => els.map(e => e.value)"
    )
    assert sorted(checked) == ["Country", "Institution", "Person"]
    rels = page.eval_on_selector_all(
        "#relations input[name=rel]:checked", "els => els.map(e => e.value)"
    )
    assert sorted(rels) == ["HOLDS_ROLE", "MET_WITH", "SANCTIONED"]
    values = {
        sel: page.input_value(sel)
        for sel in ["#depth", "#size-by", "#since", "#until", "#path-k", "#path-len", "#path-hub"]
    }
    assert values == {
        "#depth": "2",
        "#size-by": "pagerank",
        "#since": "2014-01-01",
        "#until": "2025-12-31",
        "#path-k": "5",
        "#path-len": "3",
        "#path-hub": "50",
    }
    assert page.is_checked("#show-isolated")
    assert page.is_checked("input[name=path-rel][value=SPOKE_AT]")
    assert page.evaluate("() => document.getElementById('path-options').open")
    page.wait_for_function(
        "() => document.getElementById('path-avoided').innerText.includes('Russia')"
    )
    shown = page.evaluate(
        "() => AG.explorer.view.graph.filterNodes((_, a) => a.nodeType === 'Event').length"
    )
    assert shown == 0  # Event is not among the types
    # a change writes the URL at once; a reload keeps it
    page.select_option("#depth", "1")
    page.wait_for_function("() => !location.search.includes('depth=')")
    page.goto(page.url)
    wait_ready(page)
    assert page.input_value("#depth") == "1"


def test_the_mini_graph_opens_a_neighbours_profile_on_click(page, seeds_server):
    page.goto(seeds_server.url + f"/entity/{VOLODIN}")
    page.wait_for_selector("#mini-graph[data-layout=stopped]", state="attached", timeout=30_000)
    target = page.evaluate(
        """self => {
          const v = AG.miniGraph;
          const other = v.graph.neighbors(self)[0];
          const p = v.renderer.framedGraphToViewport(v.renderer.getNodeDisplayData(other));
          const box = document.getElementById('mini-graph').getBoundingClientRect();
          return {id: other, x: box.left + p.x, y: box.top + p.y};
        }""",
        VOLODIN,
    )
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(f"**/entity/{target['id']}")
