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
