"""MET_WITH of a visit paid at a host's invitation: "At the invitation of President X, Prime
Minister Y paid a State Visit to Z" (host and visitor met). The words are in
invited_visits.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class InvitedVisits(StatelessRule):
    name = "invited-visit"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.nouns = frozenset(data["invitation_nouns"])
        self.preps = frozenset(data["invitation_preps"])
        self.visit_verbs = frozenset(data["visit_verbs"])
        self.visit_nouns = frozenset(data["visit_nouns"])
        self.visit_lemmas = frozenset(data["visit_lemmas"])
        self.future = frozenset(data["future_words"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        for noun in tokens_with(s.span, self.nouns):
            if noun.dep_ != "pobj" or noun.head.lower_ not in self.preps:
                continue
            verb = noun.head.head
            if not self._visit_paid(verb):
                continue
            named = [
                m
                for p in noun.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for m in _people_in(p, s)
            ]
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            # no subject: the model hung the visitor on the host as an apposition ("At the
            # invitation of Prime Minister X, His Excellency Y, President of Z, paid ...")
            visitors = [m for c in subjects for m in _people_in(c, s)] if subjects else named[1:]
            hosts, visitors = named[:1], visitors[:1]
            out += [
                Candidate("MET_WITH", v, h, s.index)
                for h in hosts
                for v in visitors
                if h.name != v.name
            ]
        return out

    def _visit_paid(self, verb: Token) -> bool:
        """A visit made, asserted and not to come: "paid a State Visit", "visited"."""
        lemma = verb.lemma_.lower()
        if lemma in self.visit_verbs:
            if not any(
                c.dep_ in ("dobj", "obj") and c.lower_ in self.visit_nouns for c in verb.children
            ):
                return False
        elif lemma not in self.visit_lemmas:
            return False
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in self.future for c in verb.children):
            return False
        return verb.dep_ not in ("xcomp", "ccomp") and asserted(verb, self.rules)


def _people_in(head: Token, s: Sentence) -> list[Mention]:
    """The people a phrase names, first first: "the President of the Republic of Kazakhstan
    Kassym-Jomart Tokayev", "His Excellency Mr. X, President of Y"."""
    lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    return [m for m in s.mentions if m.type == "Person" and lo <= m.start and m.end <= hi]
