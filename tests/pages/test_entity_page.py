"""The entity profile page says what it did not find and dates every piece of evidence."""

from __future__ import annotations

import re

from app.pagedata import relations_not_found
from graph.schema import load_schema
from tests.pages.test_pagedata import seeded  # noqa: F401 - the module-scoped seeded app

PUTIN = "person:vladimir-putin"


def test_relation_types_not_found_are_those_the_type_allows_minus_the_found():
    schema = load_schema()
    missing = relations_not_found("Person", {"HOLDS_ROLE": [], "SPOKE_AT": []}, schema)
    assert "MET_WITH" in missing and "SANCTIONED" in missing
    assert "HOLDS_ROLE" not in missing and "MENTIONS" not in missing
    # a Region can never be the end of MET_WITH: not listed as "none found"
    assert "MET_WITH" not in relations_not_found("Region", {}, schema)


def test_profile_lists_none_found_and_dates_every_evidence_line(seeded):  # noqa: F811
    _store, client = seeded
    html = client.get(f"/entity/{PUTIN}").text
    none_found = re.search(r'data-none-found="([^"]+)"', html)
    assert none_found and "MET_WITH" in none_found.group(1).split(",")
    lines = re.findall(r'<span class="source">(.*?)</span>\s*</li>', html, re.S)
    assert lines
    for line in lines:
        assert "<time" in line or "no date" in line, line


def test_every_evidence_line_says_which_rule_read_it_and_how_sure(seeded):  # noqa: F811
    """An analyst weighs a fact by the rule that read it: each evidence line of the profile
    shows the rule and its confidence, as the API's evidence items carry them."""
    _store, client = seeded
    html = client.get(f"/entity/{PUTIN}").text
    shown = re.findall(r'<span class="provenance"[^>]*>([^<]*)</span>', html)
    profile = client.get(f"/api/entities/{PUTIN}").json()
    entries = [e for group in profile["relations"].values() for e in group] + profile["roles"]
    items = [ev for e in entries for ev in e["evidence"]]
    assert items and len(shown) == len(items)
    want = sorted(f"{ev['rule']} {ev['confidence']:.2f}" for ev in items)
    assert sorted(s.strip() for s in shown) == want
