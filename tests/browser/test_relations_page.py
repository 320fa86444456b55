"""The relations table as an analyst uses it: filter, sort, page, read the evidence, see the
two actors in the graph, download the spreadsheet; in a real Chromium over the seeds."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.browser.conftest import screenshot, wait_ready

pytestmark = pytest.mark.browser


def rows(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('#relations-table tbody tr')].map(tr => ({
             id: tr.dataset.id,
             cells: [...tr.children].map(td => td.innerText.trim())}))"""
    )


def test_who_sanctioned_whom_filter_sort_and_page(page, seeds_server):
    page.goto(seeds_server.url + "/relations")
    assert page.title().startswith("Relations")
    total = int(page.inner_text("#rel-total"))
    assert total > 20 and len(rows(page)) == min(50, total)
    page.select_option("#f-relations", "SANCTIONED")
    screenshot(page, "relations-table")
    page.click("button[type=submit]")
    page.wait_for_url("**/relations?*relations=SANCTIONED*")
    sanctioned = rows(page)
    assert sanctioned and all(r["cells"][1] == "sanctioned" for r in sanctioned)
    api = page.request.get(seeds_server.url + "/api/relations?relations=SANCTIONED").json()
    assert [r["id"] for r in sanctioned] == [r["id"] for r in api["rows"]]
    # sort by documents, then the other way round
    page.goto(seeds_server.url + "/relations")
    page.click("th a[data-sort=documents]")
    page.wait_for_url("**sort=documents*")
    up = [int(r["cells"][5]) for r in rows(page)]
    assert up == sorted(up)
    page.click("th a[data-sort=documents]")
    page.wait_for_url("**sort=-documents*")
    down = [int(r["cells"][5]) for r in rows(page)]
    assert down == sorted(down, reverse=True)
    assert page.get_attribute("th[aria-sort]", "aria-sort") == "descending"
    # the pager walks the whole table once
    page.goto(seeds_server.url + "/relations?limit=20&sort=target")
    seen = [r["id"] for r in rows(page)]
    while page.locator("a[rel=next]").count():
        page.click("a[rel=next]")
        page.wait_for_load_state()
        seen += [r["id"] for r in rows(page)]
    assert len(seen) == len(set(seen)) == total


def test_a_row_opens_its_evidence_and_the_graph(page, seeds_server):
    page.goto(seeds_server.url + "/relations?relations=MET_WITH")
    first = page.locator("#relations-table tbody tr").first
    sentence = first.locator("q").inner_text()
    first.locator("a[data-evidence]").click()
    page.wait_for_url("**/documents/**hl=*")
    highlighted = page.locator("mark").first.inner_text()
    assert highlighted and highlighted in sentence
    page.go_back()
    first = page.locator("#relations-table tbody tr").first
    source = first.locator("td").first.locator("a").inner_text()
    first.locator("a[data-graph]").click()
    page.wait_for_url("**/explore?focus=*&sel=*")
    wait_ready(page)
    page.wait_for_selector("#panel:not([hidden])")
    assert source in page.inner_text("#panel")


def test_exports_keep_the_filter_and_one_evidence_per_line(page, seeds_server, tmp_path: Path):
    page.goto(seeds_server.url + "/relations?actor=country:russia&sort=-date")
    shown = rows(page)
    with page.expect_download() as info:
        page.click("#export-csv")
    path = tmp_path / "r.csv"
    info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(dict.fromkeys(line["relation_id"] for line in lines)) == [r["id"] for r in shown]
    assert all("country:russia" in (line["source_id"], line["target_id"]) for line in lines)
    assert all(line["source_name"] and line["sentence"] for line in lines)
    with page.expect_download() as info:
        page.click("#export-xlsx")
    assert info.value.suggested_filename == "relations.xlsx"


def test_bad_filters_are_said_in_words(page, seeds_server):
    page.goto(seeds_server.url + "/relations?since=2023-13")
    assert "is not a date" in page.inner_text("#rel-error")
    page.goto(seeds_server.url + "/relations?actor=person:nobody")
    assert "no actor" in page.inner_text("#rel-error")
    page.goto(seeds_server.url + "/relations?since=2031")
    assert "none found" in page.inner_text("#rel-empty")
