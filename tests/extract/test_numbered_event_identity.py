"""Across documents, a summit numbered with its ordinal is that session alone: "the 48th G7
summit" and "the 50th G7 summit" that an encyclopedia page names on its "Follows" and
"Precedes" lines never fall into "the G7 summit" of a news story, which would make one node
of three sessions (graph/resolve.py same_event). Keys written for these tests."""

from __future__ import annotations

from graph.resolve import same_event


def test_a_numbered_session_joins_only_its_own_number() -> None:
    assert same_event("g7|summit|48th", "g7|summit|48th")
    assert not same_event("g7|summit|48th", "g7|summit|50th")
    assert not same_event("g7|summit|48th", "g7|summit")
    assert not same_event("g7|summit", "g7|summit|49th")


def test_a_year_still_joins_the_yearless_name() -> None:
    assert same_event("g7|summit|2023", "g7|summit")
    assert same_event("g7|summit", "g7|summit|2023")
    assert not same_event("g7|summit|2023", "g7|summit|2024")
    assert not same_event("g7|summit|2023", "brics|summit|2023")
