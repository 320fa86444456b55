"""HOSTED by the person who hosted the event's guests: wire copy and transcripts write the
host of a meeting through the people received, not the meeting: "Niger's General X hosted his
two counterparts, A and B, at the conference centre in Niamey", "Biden hosted Prime Minister
A and President B for talks", "Let me first thank Secretary X for hosting us here".

The verb is a hosting verb (hosted_guests.toml) whose subject is a person and whose object is
a person the sentence names or a guest word ("his counterparts", "us"); or, in thanks, the
hosting is what the thanked person is thanked for ("thank X for hosting us"). The event hosted
is the one the passage is about (else the document's own). A host still to come ("will host
his counterparts"), a denied one, or one of another time ("had hosted B in Algiers nine days
earlier") hosts nothing; a dinner or a reception hosted ("hosted a dinner for the leaders")
has an object that is neither guest nor person.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class HostedGuests(StatelessRule):
    name = "hosted-guests"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(data["host_verbs"])
        self.guests = frozenset(data["guest_words"])
        self.thanks = frozenset(data["thank_verbs"])
        self.other_time = frozenset(data["other_time"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.event_of.get(s.index) or ctx.main_event
        if event is None:
            return []
        at = s.mention_at
        out = []
        for verb in tokens_with(s.span, self.verbs):
            if verb.pos_ != "VERB" or not self._hosting_guests(verb, at):
                continue
            host = self._host(verb, at)
            if host is not None:
                out.append(Candidate("HOSTED", host, event, s.index))
        return out

    def _hosting_guests(self, verb: Token, at: dict[int, Mention]) -> bool:
        """A done, asserted hosting of people: its object a person named or a guest word."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        guests = [
            o
            for o in objects
            if o.lower_ in self.guests or (o.i in at and at[o.i].type == "Person")
        ]
        if not guests:
            return False
        if any(c.lower_ in self.other_time for c in verb.subtree):
            return False  # "nine days earlier": another occasion
        if any(c.dep_ == "aux" and c.lower_ in self.rules.future_aux for c in verb.children):
            return False
        return asserted(verb, self.rules)

    def _host(self, verb: Token, at: dict[int, Mention]) -> Mention | None:
        """The verb's subject, or the person thanked "for hosting us"."""
        hosts = [c for c in verb.children if c.dep_ == "nsubj"]
        prep = verb.head
        if not hosts and verb.dep_ == "pcomp" and prep.lower_ == "for":
            thank = prep.head
            if thank.lemma_.lower() in self.thanks:
                hosts = [c for c in thank.children if c.dep_ == "dobj"]
        for tok in hosts:
            m = at.get(tok.i)
            if m is not None and m.type == "Person":
                return m
        return None
