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
