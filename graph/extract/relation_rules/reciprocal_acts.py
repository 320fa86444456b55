"""COOPERATES_WITH of actors named together as the subject of a verb of working together:
"Japan and Korea cooperate closely", "A, B and C pledged to cooperate on isotopes", "A, B
and C would continue to work closely together". The words are in reciprocal_acts.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.cooperation import alternatives, bodies_of_phrases, cooperation_pairs
from graph.extract.doc_cache import tokens_with
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class ReciprocalActs(StatelessRule):
    name = "reciprocal-act"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.reciprocal = frozenset(data["reciprocal_verbs"])
        self.together_verbs = frozenset(data["together_verbs"])
        self.together_words = frozenset(data["together_words"])
        self.carriers = frozenset(data["carriers"])
        self.ongoing = frozenset(data["ongoing"])
        self.future = frozenset(data["future_aux"])
        self.partner_preps = frozenset(data["partner_preps"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        lemmas = self.reciprocal | self.together_verbs
        for verb in tokens_with(s.span, (), lemmas):
            if verb.pos_ != "VERB" or not self._an_act_together(verb):
                continue
            subject = self._subject_verb(verb)
            if subject is None or not self._done(verb, subject):
                continue
            heads = [c for c in subject.children if c.dep_ == "nsubj"]
            if any(alternatives(h) for h in heads):
                continue  # "A or B may cooperate": either, not both
            group = bodies_of_phrases(heads, s.mentions, ctx.states)
            out += cooperation_pairs(group, s.index, self.name, self.confidence)
        return out

    def _an_act_together(self, verb: Token) -> bool:
        """The verb is one of acting together, with no partner of its own ("with C")."""
        if any(c.dep_ == "prep" and c.lower_ in self.partner_preps for c in verb.children):
            return False
        if verb.lemma_.lower() in self.reciprocal:
            return True
        return any(c.lower_ in self.together_words for c in verb.children)

    def _subject_verb(self, verb: Token) -> Token | None:
        """The verb whose subject acts: the verb itself, or the carrier it is the infinitive
        of ("pledged to cooperate", "would continue to work together")."""
        if any(c.dep_ == "nsubj" for c in verb.children):
            return verb
        first = verb
        while first.dep_ == "conj" and first.head.pos_ == "VERB":
            first = first.head  # "agreed to promote trade ... and to cooperate on X"
        if first.dep_ == "xcomp" and first.head.lemma_.lower() in self.carriers:
            return first.head
        return None

    def _done(self, verb: Token, subject: Token) -> bool:
        """Asserted, and not an act only to come: "A and B will cooperate" is not, "would
        continue to cooperate" is (the act goes on)."""
        if not (asserted(verb, self.rules) and asserted(subject, self.rules)):
            return False
        if subject.lemma_.lower() in self.ongoing:
            return True
        return not any(
            c.dep_ == "aux" and c.lower_ in self.future for t in (verb, subject) for c in t.children
        )
