"""COOPERATES_WITH of acts written with "co-": "the resolution co-sponsored by A and B",
"A and B co-authored the draft", "a meeting on Haiti co-hosted by A, B and the UN", "A
co-chaired the meeting on migration with B". The word forms and the words that leave the
act undone are in co_acts.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.cooperation import leader_state
from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.pair_rules import load_pair_rules
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

BODIES = ("Country", "Institution")
DASHES = ("-", "–", "‐")


class CoActs(StatelessRule):
    name = "co-act"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.acts = frozenset(data["acts"])
        self.topical = frozenset(data["topical_acts"])
        self.topic_words = frozenset(data["topic_words"])
        self.undone = frozenset(data["undone"])
        self.undone_nouns = frozenset(data["undone_nouns"])
        self.forms = self.acts | self.topical

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        doc = s.span.doc
        for co in tokens_with(s.span, ("co",)):
            if co.i + 2 >= s.span.end or doc[co.i + 1].text not in DASHES:
                continue
            verb = doc[co.i + 2]
            if verb.lower_ not in self.forms or not self._done(co, verb):
                continue
            if verb.lower_ in self.topical and not self._topical(co, verb, s.span.start):
                continue
            out += self._parties(co, verb, s, ctx.states)
        return out

    def _done(self, co: Token, verb: Token) -> bool:
        """The act is done: asserted, not future or infinitive ("will co-host", "to be
        co-chaired by"), not under a refusal, plan or request."""
        if not (asserted(verb, self.rules) and asserted(co, self.rules)):
            return False
        future = load_pair_rules().future_aux | {"to"}
        for t in (co, verb):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in future for c in t.children):
                return False
            if co.i > 0 and co.doc[co.i - 1].lower_ == "to":
                return False
            head, steps = t.head, 0
            while steps < 4 and head is not head.head:
                if head.lemma_.lower() in self.undone or head.lower_ in self.undone_nouns:
                    return False
                head, steps = head.head, steps + 1
        return True

    def _topical(self, co: Token, verb: Token, start: int) -> bool:
        """What is chaired or hosted has a topic: the object of the act ("co-hosted a
        conference on X"), or the noun the participle follows ("a meeting on X co-chaired by")."""
        objects = [c for t in (co, verb) for c in t.children if c.dep_ in ("dobj", "obj")]
        before = next(
            (t for t in reversed(co.doc[start : co.i]) if t.pos_ in ("NOUN", "PROPN")),
            None,
        )
        for noun in [*objects, *([before] if before is not None else [])]:
            t, steps = noun, 0
            while steps < 6:
                if any(c.dep_ == "prep" and c.lower_ in self.topic_words for c in t.children):
                    return True
                if t.dep_ == "prep" and t.lower_ in self.topic_words:
                    return True
                if t.dep_ not in ("pobj", "prep", "compound") or t.head is t:
                    break
                t, steps = t.head, steps + 1
        return False

    def _parties(
        self, co: Token, verb: Token, s: Sentence, states: dict[str, Mention]
    ) -> list[Candidate]:
        bodies = [m for m in s.mentions if m.type in BODIES and not m.demonym]
        agents = [
            b
            for b in s.span
            if b.i > verb.i and b.lower_ == "by" and (b in verb.subtree or b.head is verb)
        ][:1]
        heads = [c for b in agents for c in b.children if c.dep_ == "pobj"]
        if not heads:
            owners = [co, verb, *([co.head] if verb.dep_ == "conj" else [])]
            # "Kenya co-chaired": the model often hangs the subject on "co" as a compound
            heads = [
                c
                for t in owners
                for c in t.children
                if c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "compound" and c.i < co.i)
            ]
        group = self._named(heads, bodies, s, states)
        if len(group) == 1:
            withs = [
                p
                for p in s.span
                if p.i > verb.i and p.lower_ == "with" and (p in verb.subtree or p in co.subtree)
            ][:1]
            objs = [c for p in withs for c in p.children if c.dep_ == "pobj"]
            group += self._named(objs, bodies, s, states)
        group = unique_by_name(group)
        return [
            Candidate("COOPERATES_WITH", a, b, s.index)
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if a.name != b.name
        ]

    @staticmethod
    def _named(
        heads: list[Token], bodies: list[Mention], s: Sentence, states: dict[str, Mention]
    ) -> list[Mention]:
        """The actors the phrases stand for, with their conjuncts and appositions ("the
        United States, Brazil and the United Nations"); a person stands for their state."""
        listed = [k for h in heads for k in (h, *h.conjuncts)]
        listed += [
            k
            for h in list(listed)
            for a in h.children
            if a.dep_ == "appos"
            for k in (a, *a.conjuncts)
        ]
        out: list[Mention] = []
        for h in listed:
            named = [m for m in bodies if m.start <= h.idx < m.end]
            out += named or leader_state(h, s.mentions, states)
        return unique_by_name(out)
