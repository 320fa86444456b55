"""HOSTED read from the rotating office a state held when the event met: a grouping's
chair or presidency hosts its meetings, and encyclopedias and wire copy name the host that
way. "The 43rd ASEAN Summit was held during Indonesia's chairmanship of the bloc", "the
Ministerial Council in Lodz, held under the Polish Chairmanship", "held in Astana,
Kazakhstan, which held the rotating chairmanship of the organisation", "the summit met in
Granada while Spain held the rotating presidency of the Council of the European Union".

The office noun (hosted_offices.toml) is the object of a term preposition ("during X's
chairmanship", its holder the possessor or the demonym before it) or of "held" (its holder
the verb's subject, or the country a "which" stands for, written just before it). The event
hosted is the last one the sentence names before the holder. An office not in force
("under Brazil's incoming presidency"), a denied or hedged holding gives nothing; "took over
the chairmanship" is a handover, not a term.

A hosting noun owned by its host and naming the event with "of" is the same fact written as
a noun: "Egypt's hosting of COP27", "drawing on Fiji's Presidency of the COP23 Conference",
"Ghana's chairmanship of the 12th Coastal Summit" (not "India's Presidency of the G20", a
body, nor "Kenya's incoming presidency of the summit", a term to come).
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.mentions import Mention, doc_text
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class HostedOffices(StatelessRule):
    name = "hosted-office"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.rules = rules
        self.offices = frozenset(data["office_nouns"])
        self.preps = frozenset(data["term_preps"])
        self.hold = frozenset(data["hold_verbs"])
        self.not_current = frozenset(data["not_current"])
        self.hosting_nouns = frozenset(data["hosting_nouns"])
        self.future = frozenset(data["future_terms"])
        self.owners = frozenset(data["hosting_owners"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        if not any(m.type == "Event" for m in s.mentions):
            return []
        at = s.mention_at
        out = []
        for office in s.span:
            if office.lower_ not in self.offices or not self._current(office):
                continue
            holder = self._holder(office, s, at)
            if holder is None:
                continue
            events = [m for m in s.mentions if m.type == "Event" and m.end <= holder.start]
            if events:
                event = max(events, key=lambda m: m.end)
                out.append(Candidate("HOSTED", holder, event, s.index))
        return out + self._hosting_of(s, at)

    def _hosting_of(self, s: Sentence, at: dict[int, Mention]) -> list[Candidate]:
        """ "Egypt's hosting of COP27", "Fiji's Presidency of the COP23 ... Conference": the
        possessor of a hosting noun whose "of" names an event hosted it; a term still to come
        ("Kenya's incoming presidency of the summit") is none, nor a presidency of a body
        ("India's Presidency of the G20": no event)."""
        out = []
        for noun in s.span:
            if noun.lower_ not in self.hosting_nouns or noun.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(c.lower_ in self.future for c in noun.children):
                continue
            owners = [at.get(c.i) for c in noun.children if c.dep_ == "poss"]
            holder = next((m for m in owners if m is not None and m.type in self.owners), None)
            event = _event_of(noun, s)
            if holder is not None and event is not None:
                out.append(Candidate("HOSTED", holder, event, s.index))
        return out

    def _current(self, office: Token) -> bool:
        return not any(c.lower_ in self.not_current for c in office.children)

    def _holder(self, office: Token, s: Sentence, at: dict[int, Mention]) -> Mention | None:
        """The country holding the office: "during X's chairmanship", "under the Polish
        chairmanship", "X held the presidency", "X, which held the chairmanship"."""
        head = office.head
        if office.dep_ == "pobj" and head.lower_ in self.preps:
            kids = [c for c in office.children if c.dep_ in ("poss", "compound", "amod")]
            return _country(kids, at)
        if office.dep_ != "dobj" or head.lemma_.lower() not in self.hold:
            return None
        if not asserted(head, self.rules):
            return None
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if any(t.lower_ in ("which", "that") for t in subjects):
            return _named_before(subjects[0], s)
        return _country(subjects, at)


def _country(tokens: list[Token], at: dict[int, Mention]) -> Mention | None:
    for t in tokens:
        m = at.get(t.i)
        if m is not None and m.type == "Country":
            return m
    return None


def _named_before(relative: Token, s: Sentence) -> Mention | None:
    """The country a "which" stands for, written just before it: "Kazakhstan, which"."""
    text = doc_text(s.span.doc)
    for m in s.mentions:
        between = text[m.end : relative.idx].strip() if m.end <= relative.idx else "-"
        if m.type == "Country" and between in ("", ","):
            return m
    return None


def _event_of(noun: Token, s: Sentence) -> Mention | None:
    """The event an "of" phrase on the noun names: "hosting of [the Africa Climate Summit]"."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            lo, hi = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
            for m in s.mentions:
                if m.type == "Event" and lo <= m.start and m.end <= hi:
                    return m
    return None
