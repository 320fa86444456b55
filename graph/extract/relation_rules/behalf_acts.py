"""COOPERATES_WITH of an act done on behalf of others: "tabled by Malaysia on behalf of the
States forming the team — Australia, Belgium and Ukraine", "presented on behalf of the Gulf
Cooperation Council by Jordan", "Angola, which has mediated ... on behalf of the African
Union". The doer (a named body, never a person) works with each body it acts for. The acts
and the group nouns are in behalf_acts.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.cooperation import BODIES, headed
from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class BehalfActs(StatelessRule):
    name = "on-behalf-act"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.acts = frozenset(data["acts"])
        self.groups = frozenset(data["group_nouns"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        bodies = [m for m in s.mentions if m.type in BODIES and not m.demonym]
        out: list[Candidate] = []
        for behalf in tokens_with(s.span, ("behalf",)):
            prep = behalf.head
            verb = prep.head
            if verb.dep_ in ("dobj", "obj") and verb.pos_ == "NOUN":
                verb = verb.head  # "brokered talks ... on behalf of X": the object's act
            if behalf.dep_ != "pobj" or prep.lower_ not in ("on", "in"):
                continue
            if verb.lemma_.lower() not in self.acts or not asserted(verb, self.rules):
                continue
            # "presented on behalf of X by A": the parser may hang the agent on "behalf"
            late = [o for b in behalf.children if b.lower_ == "by" for o in b.children]
            doers = unique_by_name([m for o in late for m in headed(o, bodies)])
            doers = doers or self._doers(verb, bodies)
            principals = [m for m in self._principals(behalf, bodies) if m not in doers]
            out += [
                Candidate("COOPERATES_WITH", a, b, s.index)
                for a in doers
                for b in principals
                if a.name != b.name
            ]
        return out

    def _doers(self, verb: Token, bodies: list[Mention]) -> list[Mention]:
        """Who did the act: the passive's agent, else the subject; the subject of a relative
        clause is the noun it hangs on; a noun's owner acts through it ("Angola's presidency")."""
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children]
        heads = [p for p in agents if p.dep_ == "pobj"]
        if not heads:
            heads = [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.dep_ == "relcl" and any(c.tag_ == "WDT" for c in heads):
                heads = [verb.head]
        found: list[Mention] = []
        for h in heads:
            # an owner acts through its organ: "Angola's presidency" stands for Angola
            owners = [m for o in h.children if o.dep_ == "poss" for m in headed(o, bodies)]
            found += owners or headed(h, bodies)
        return unique_by_name(found)

    def _principals(self, behalf: Token, bodies: list[Mention]) -> list[Mention]:
        """Whom the act is for: the bodies the "of" phrase is headed by, or, for a group noun
        ("the States forming the team — A, B and C"), the bodies listed in apposition in it."""
        found: list[Mention] = []
        for of in (c for c in behalf.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in of.children if c.dep_ == "pobj"):
                found += headed(obj, bodies)
                if obj.lower_ in self.groups:
                    found += [
                        m
                        for t in obj.subtree
                        if t.dep_ == "appos"
                        for m in headed(t, bodies)
                    ]
        return unique_by_name(found)
