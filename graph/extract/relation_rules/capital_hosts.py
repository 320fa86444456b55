"""A state's title before a name met in a capital: "he will meet President X in Brasilia",
"his meeting with President X in Washington", "I'll be in Bogota on Tuesday and I'll hear
directly from President X". A visitor meets the head of the state whose capital it goes to,
so the bare title is that state's, when the sentence names no other state or city abroad
and the document names the state (in any sentence: the fact needs its mention).
The rule is read by `HoldsRole._implied_country`; the title yields, like any title whose
state comes from its context, to the one the document's own titles give the person.
"""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Sentence
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Place


class CapitalHosts:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        data = rule_data(__file__)
        adverb = "|".join(map(re.escape, data["adverbs"]))
        cues = sorted(data["meet_cues"], key=len, reverse=True)
        words = "|".join(
            r"\s+".join(rf"{re.escape(w)}(?:\s+(?:{adverb}))?" for w in c.split()) for c in cues
        )
        # the cue ends right before the title (an article between: "met with the President")
        self.cue = re.compile(rf"\b(?:{words})\s+(?:(?:the|a)\s+)?$", re.I)
        self.place = re.compile(
            rf"\b(?:{'|'.join(map(re.escape, data['place_words']))})\s+$", re.I
        )

    def host_state(
        self, text: str, role_abs: int, s: Sentence, known: list[Mention]
    ) -> Mention | None:
        """The country whose capital the titled name (its title starting at `role_abs`) is
        met in, as one of the document's country mentions `known`; None when the title
        follows no meeting word or the sentence's places lie in more than one state."""
        if not self.cue.search(text, max(s.span.start_char, role_abs - 40), role_abs):
            return None
        capitals = [
            (m, self._capital_state(m))
            for m in s.mentions
            if m.type == "City" and self.place.search(text, max(0, m.start - 6), m.start)
        ]
        hosts = {c.name for _, c in capitals if c is not None}
        # the places after both the title and the capital are the visitor's next stops
        # ("met President X in Taipei and left for Seoul"), not the meeting's
        until = max([role_abs, *(m.end for m, c in capitals if c is not None)])
        if len(hosts) != 1 or self._states_named(s, until) - hosts:
            return None
        (host,) = hosts
        return next((m for m in known if m.type == "Country" and m.name == host), None)

    def _capital_state(self, city: Mention) -> Place | None:
        """The state a capital is the seat of ("Washington" too, which the capitals table
        spells otherwise); a capital that stands for a bloc ("Brussels") is none."""
        actor = self.gaz.capital_actor(city.name)
        return actor if actor is not None and actor.type == "Country" else None

    def _states_named(self, s: Sentence, until: int) -> set[str]:
        """The states a sentence names before `until`: its countries and the countries of
        its cities; not a country that only qualifies a noun ("two U.S. senators were in
        Budapest", "the U.S. official"): the visitors' nationality, no place."""
        out = {
            m.name
            for m in s.mentions
            if m.type == "Country" and m.start < until and not _attributive(m, s)
        }
        for m in (m for m in s.mentions if m.type == "City" and m.start < until):
            country = self.gaz.country_of_city(m.name)
            out |= {country.name} if country is not None else set()
        return out


def _attributive(country: Mention, s: Sentence) -> bool:
    """Whether a country's mention only qualifies the noun after it ("U.S. senators")."""
    span = s.span.doc.char_span(country.start, country.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i > root.i and (
        root.head.pos_ == "NOUN"
    )
