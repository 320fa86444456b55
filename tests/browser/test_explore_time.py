"""The explorer's time slider: a histogram of evidence per month over the graph; the
slider shows the graph as it stood at the end of a month, Play moves it forward month by
month; in a real Chromium over the seeds (whose documents are dated)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot, wait_ready

pytestmark = pytest.mark.browser


def edge_count(page) -> int:
    return int(page.get_attribute("#graph", "data-edge-count"))


def test_the_histogram_counts_evidence_per_month(page, seeds_server):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    page.wait_for_function("() => Number(document.getElementById('timeline').dataset.months) > 0")
    api = page.request.get(seeds_server.url + "/api/timeline").json()
    bars = page.locator("#time-bars .time-bar")
    first, last = api["months"][0]["month"], api["months"][-1]["month"]
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    assert bars.count() == span
    titles = [bars.nth(i).get_attribute("title") for i in range(bars.count())]
    for m in api["months"]:
        assert any(t.startswith(f"{m['month']}: {m['evidence']} ") for t in titles)
    assert "all dates" in page.inner_text("#time-label")


def test_the_slider_goes_back_in_time_and_play_moves_forward(page, seeds_server):
    page.goto(seeds_server.url + "/explore")
    wait_ready(page)
    page.wait_for_function("() => Number(document.getElementById('timeline').dataset.months) > 1")
    months = int(page.get_attribute("#timeline", "data-months"))
    everything = edge_count(page)
    # the first month only: fewer edges, and the URL says until when
    page.locator("#time-slider").fill("0")
    page.wait_for_function("() => new URL(location.href).searchParams.get('until')")
    wait_ready(page)
    until = parse_qs(urlparse(page.url).query)["until"][0]
    assert len(until) == 10 and page.input_value("#until") == until
    assert "up to " + until[:7] in page.inner_text("#time-label")
    assert page.locator(".time-bar.after").count() == months - 1
    early = edge_count(page)
    assert early < everything
    api = page.request.get(seeds_server.url + f"/api/overview?until={until}").json()
    assert early == len(api["edges"])
    screenshot(page, "explore-timeline")
    # Play: month after month, the graph only grows, and ends on every date
    page.evaluate(
        """() => {
             window.seen = [];
             const t = AG.explorer.time, on = t.onChange;
             t.onChange = async (u) => { await on(u);
               window.seen.push([u, Number(document.getElementById('graph').dataset.edgeCount)]); };
           }"""
    )
    page.click("#time-play")
    assert page.get_attribute("#time-play", "aria-pressed") == "true"
    page.wait_for_function(
        "() => document.getElementById('timeline').dataset.playing === 'false'",
        timeout=60_000 + months * 5_000,
    )
    seen = page.evaluate("window.seen")
    assert [u for u, _ in seen][-1] == "" and len(seen) == months + 1
    counts = [n for _, n in seen]
    assert counts == sorted(counts) and counts[-1] == everything
    assert "until" not in parse_qs(urlparse(page.url).query)
