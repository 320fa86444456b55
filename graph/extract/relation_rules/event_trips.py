"""LOCATED_IN of an event read from a trip to it: "Modi will travel to Kazan, Russia, to
attend the 16th BRICS Summit", "I will visit Brussels, Belgium, to attend the NATO Foreign
Ministers' Meeting", "before travelling on to Rio de Janeiro for the G20 Foreign Ministers'
Meeting". The trip's verb has the place (the object of "to", or its own object) and the event
(the object of an attending verb in its purpose clause, or of "for"); a country written in
apposition to the city ("Kazan, Russia") places the event in it too. A trip that did not
happen ("did not travel to") places nothing. Cue words are in event_trips.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

PLACES = ("City", "Country")
EVENT = ("Event",)


class EventTrips(StatelessRule):
    name = "event-trip"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.travel = set(data["travel_verbs"])
        self.place_preps = set(data["place_preps"])
        self.attend = set(data["attend_verbs"])
        self.purpose = set(data["purpose_preps"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        if not any(m.type == "Event" for m in s.mentions):
            return []
        at = s.mention_at
        out = []
        for verb in s.span:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.travel:
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            places = [at[t.i] for t in self._places(verb) if _is(at.get(t.i), PLACES)]
            heads = [verb, *(t for t in self._places(verb))]  # "to Belem for the summit"
            events = [at[t.i] for h in heads for t in self._events(h) if _is(at.get(t.i), EVENT)]
            if len(places) != 1 or len(events) != 1:
                continue
            out.append(Candidate("LOCATED_IN", events[0], places[0], s.index))
            country = self._apposed_country(places[0], at, s)
            if country is not None:
                out.append(Candidate("LOCATED_IN", events[0], country, s.index))
        return out

    def _places(self, verb: Token) -> list[Token]:
        """ "travel to Kazan", "arrive in Jakarta", "visit Brussels"."""
        out = [c for c in verb.children if c.dep_ == "dobj" and verb.lemma_.lower() == "visit"]
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            if prep.lower_ in self.place_preps:
                out += [p for p in prep.children if p.dep_ == "pobj"]
        return out

    def _events(self, verb: Token) -> list[Token]:
        """ "to attend the summit" (a purpose clause), "for the summit"."""
        out = []
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in self.attend:
                out += [o for o in c.children if o.dep_ == "dobj"]
            elif c.dep_ == "prep" and c.lower_ in self.purpose:
                out += [p for p in c.children if p.dep_ == "pobj"]
        return out

    @staticmethod
    def _apposed_country(city: Mention, at: dict[int, Mention], s: Sentence) -> Mention | None:
        """ "Kazan, Russia": the country in apposition to the city."""
        if city.type != "City":
            return None
        span = s.span.doc.char_span(city.start, city.end, alignment_mode="expand")
        if span is None:
            return None
        for c in span.root.children:
            m = at.get(c.i)
            if c.dep_ == "appos" and m is not None and m.type == "Country" and not m.demonym:
                return m
        return None


def _is(m: Mention | None, types: tuple[str, ...]) -> bool:
    return m is not None and m.type in types and not m.demonym
