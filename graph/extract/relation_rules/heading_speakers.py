"""HOLDS_ROLE from a transcript's heading, for the people who speak in it: "Remarks by
President X and Prime Minister Y of Canada", "Secretary of State X and Kenyan Foreign
Minister Y at a Joint Press Availability", whose turns are labelled "PRIME MINISTER Y:".

Headlines are not read for facts (too compressed), but a transcript's heading is a list of
its speakers with their posts, the one place the document gives them; their labels carry
only a title and a surname, which hold no state (the turn goes on to name other states).
A title in the heading is read as in a body sentence, and kept only for a person whose
surname opens a turn label of the document."""

from __future__ import annotations

from collections.abc import Callable

from graph.extract.relation_rules.context import Candidate, Sentence
from graph.extract.turn_labels import in_turn_label


def _speakers(text: str, body: list[Sentence]) -> set[str]:
    """The names (lower case) of the people in the document's turn labels."""
    return {
        m.name.split()[-1].lower()
        for s in body
        for m in s.mentions
        if m.type == "Person" and in_turn_label(text, m.start, m.end)
    }


def heading_roles(
    text: str,
    heads: list[Sentence],
    body: list[Sentence],
    read: Callable[[Sentence], list[Candidate]],
) -> list[Candidate]:
    """The roles the heading sentences give (read by `read`) to the transcript's speakers."""
    speakers = _speakers(text, body)
    if not speakers:
        return []
    out: list[Candidate] = []
    for s in heads:
        for c in read(s):
            words = {w.lower().strip(".,") for w in c.source.name.split()}
            if words & speakers:
                c.rule, c.confidence = "heading-speaker", 0.7
                out.append(c)
    return out
