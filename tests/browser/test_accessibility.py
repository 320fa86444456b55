"""An accessibility check of every page with axe-core (vendored from npm under
static/vendor/, loaded from this site: the pages' CSP allows only their own scripts): no
serious or critical violation, at the desktop and the phone width. Real Chromium."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_ready

pytestmark = pytest.mark.browser

AXE = "/static/vendor/axe-core-4.14.1/axe.min.js"
PAGES = [
    "/",
    "/search?q=putin",
    "/explore",
    "/explore?focus=person:vladimir-putin&sel=person:vladimir-putin",
    "/entity/person:vladimir-putin",
    "/documents",
    "/documents/doc:000_aed1e656c6466fb5?hl=0-10",
    "/relations",
    "/relations?relations=NOPE",
    "/entity/person:nobody",
    "/review/duplicates",
    "/review/noise",
]
RUN = """
async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + n.failureSummary) }));
}
"""


def report(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {n}" for v in found for n in v["nodes"])


def violations(page, url: str) -> list[dict]:
    page.goto(url)
    if url.startswith("/explore") or "/explore" in url:
        wait_ready(page)
        page.wait_for_function("() => document.getElementById('timeline').dataset.months !== undefined")
    if url.split("?")[0].rsplit("/review/", 1)[-1] in ("duplicates", "noise"):
        page.wait_for_selector("#review:not([data-state=loading])", timeout=30_000)
    page.add_script_tag(url=AXE)
    return page.evaluate(RUN)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violation_on_desktop(page, seeds_server, path):
    found = violations(page, seeds_server.url + path)
    assert not found, report(found)


@pytest.mark.parametrize("path", ["/explore", "/relations", "/entity/person:vladimir-putin"])
def test_no_serious_violation_on_a_phone(page, seeds_server, path):
    page.set_viewport_size({"width": 390, "height": 844})
    found = violations(page, seeds_server.url + path)
    assert not found, report(found)
