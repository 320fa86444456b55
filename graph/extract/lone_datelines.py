"""A dateline's city that the story never names again is page furniture: "WASHINGTON —"
over a Treasury release about designations made in Washington by no one in the text is where
the release was filed, not a place of its story. It stays a City when the text names it
again (as a place: "talks in Kigali"), when the story tells of an event (the dateline is
where the debate or summit is held) or when a relation was read on it."""

from __future__ import annotations

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate


def drop_lone_datelines(mentions: list[Mention], candidates: list[Candidate]) -> list[Mention]:
    if any(m.type == "Event" for m in mentions):
        return mentions
    related = {id(m) for c in candidates for m in (c.source, c.target)}
    again = {m.name for m in mentions if m.type == "City" and m.source != "dateline"}
    return [
        m
        for m in mentions
        if not (
            m.source == "dateline"
            and m.type == "City"
            and m.name not in again
            and id(m) not in related
        )
    ]
