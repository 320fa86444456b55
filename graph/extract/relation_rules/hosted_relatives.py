"""HOSTED read from a relative clause on an event: "the First G20 Foreign Ministers' Meeting,
which South Africa hosted at the Johannesburg Expo Centre", "the 23rd meeting of the SCO
Council of Heads of Government, which Pakistan hosted in Islamabad", "the G20 summit India
hosted in New Delhi", "the summit that President Ruto convened". Wire copy, readouts and
briefings name the event first and its host in a clause after it.

The clause's verb is a hosting verb (hosted_relatives.toml) whose object is the relative word
or missing; its subject (and the subject's conjuncts: "which Saudi Arabia and the United
States hosted") hosted the event the clause hangs on. The parser often hangs the clause on a
word above or inside the event's name ("the margins of the ... Meeting, which"), so the
event is the last one the sentence names before the clause, within the phrase it hangs on.
A host still to come ("which Kenya will host"), a denied one ("did not host") or a hedged one
("may host") hosts nothing; "which X offered to host" has no hosting verb of its own.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class HostedRelatives(StatelessRule):
    name = "hosted-relative"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.rules = rules
        self.verbs = frozenset(data["host_verbs"])
        self.relatives = frozenset(data["relative_objects"])
        self.hosts = frozenset(data["host_types"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        if not any(m.type == "Event" for m in s.mentions):
            return []
        at = s.mention_at
        out = []
        for verb in s.span:
            if verb.dep_ != "relcl" or not self._hosting(verb):
                continue
            event = _antecedent_event(verb, s, at)
            if event is None:
                continue
            for host in self._hosts(verb, at):
                out.append(Candidate("HOSTED", host, event, s.index))
        return out

    def _hosting(self, verb: Token) -> bool:
        """A hosting verb, asserted, done, whose object is the event (the relative word or
        none): "which X hosted", "X hosted", not "where X hosted a dinner"."""
        if verb.lemma_.lower() not in self.verbs or verb.pos_ not in ("VERB", "AUX"):
            return False
        kids = list(verb.children)
        if any(c.dep_ in ("nsubjpass", "agent") for c in kids):
            return False  # "which was hosted by X": the passive rules read it
        if any(c.dep_ == "dobj" and c.lower_ not in self.relatives for c in kids):
            return False
        if any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in kids):
            return False
        if any(c.dep_ == "aux" and c.lower_ in self.rules.future_aux for c in kids):
            return False  # "which Kenya will host"
        return asserted(verb, self.rules)

    def _hosts(self, verb: Token, at: dict[int, Mention]) -> list[Mention]:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        out: list[Mention] = []
        for sub in (t for s in subjects for t in (s, *s.conjuncts)):
            m = at.get(sub.i)
            if m is not None and m.type in self.hosts and not m.demonym and m not in out:
                out.append(m)
        return out


def _antecedent_event(verb: Token, s: Sentence, at: dict[int, Mention]) -> Mention | None:
    """The event the clause is on: the head's own mention, else the last event the sentence
    names before the clause, inside the phrase the clause hangs on or above it."""
    head = verb.head
    own = at.get(head.i)
    if own is not None and own.type == "Event":
        return own
    lo, hi = head.left_edge.idx, verb.left_edge.idx
    before = [
        m
        for m in s.mentions
        if m.type == "Event" and m.end <= hi and (lo <= m.start or _governs(m, head, s))
    ]
    return max(before, key=lambda m: m.end) if before else None


def _governs(event: Mention, head: Token, s: Sentence) -> bool:
    """Whether the event's name governs the word the clause hangs on: "the 23rd meeting of
    the SCO Council ..., which" hangs on "Council", inside the meeting's phrase."""
    span = s.span.doc.char_span(event.start, event.end, alignment_mode="expand")
    return span is not None and span.root.is_ancestor(head)
