"""COOPERATES_WITH of aid and goods one actor gives another: "Russia would supply grain free
of charge to Mali and Eritrea", "the United States will provide $500 million in financing to
the Philippines", "Australia will provide Fiji with a package of assistance". The verbs and
what counts as aid are in aid_given.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.cooperation import bodies_of_phrases
from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

BODIES = ("Country", "Institution")
# the verbs a giving verb completes or joins, whose subject is the giver: "continued to
# supply", "signed a deal and will deliver"
CHAINED = ("xcomp", "conj")
# the dependencies of a clause hung on a noun: not part of the thing given
CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp"})


class AidGiven(StatelessRule):
    name = "aid-given"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(data["verbs"])
        self.goods = frozenset(data["goods"])
        self.money = frozenset(data["money"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        for verb in tokens_with(s.span, (), self.verbs):
            if verb.pos_ != "VERB" or not asserted(verb, self.rules):
                continue
            given, receivers = self._given_and_receivers(verb)
            if not given or not any(self._is_aid(g) for g in given):
                continue
            givers = [
                m
                for m in bodies_of_phrases(self._subjects(verb), s.mentions, ctx.states)
                if not self._firm(m)
            ]
            takers = self._receivers(receivers, s) or bodies_of_phrases(
                receivers, s.mentions, ctx.states
            )
            out += [
                Candidate("COOPERATES_WITH", a, b, s.index)
                for a in givers
                for b in takers
                if a.name != b.name
            ]
        return out

    def _firm(self, m: Mention) -> bool:
        """A company selling or shipping goods trades, it gives no aid ("X Co., Ltd. shipped
        equipment to Department 53", "X Holding has supplied the militia with weapons"): a
        name with a legal form, or ending on a firm's head word (or its singular)."""
        words = [w.rstrip(".") for w in m.name.replace(",", " ").split()]
        if not words:
            return False
        heads = self.rules.company_heads
        # "L.L.C" as a name keeps it after its last stop is dropped: compare without stops
        forms = {f.rstrip(".") for f in self.rules.company_suffixes | self.rules.company_prefixes}
        return (
            words[-1] in forms
            or words[0] in forms
            or words[-1] in heads
            or words[-1] + "s" in heads
        )

    @staticmethod
    def _given_and_receivers(verb: Token) -> tuple[list[Token], list[Token]]:
        """ "supply X to Y" (the parser may hang "to Y" on X), else "provide Y with X"."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        # "supply 50,000 tonnes of grain free of charge to X": the parser may hang "to X"
        # on any word of the object's own phrase (not on a clause inside it)
        heads = [verb, *(t for o in objects for t in _own_words(o))]
        to = _pobjs(heads, "to")
        if to:
            return objects, to
        return _pobjs([verb], "with"), objects

    def _receivers(self, phrases: list[Token], s: Sentence) -> list[Mention]:
        """The bodies a "to" phrase names, its list read whole ("to A, B, C and D": the
        parser may hang an item on another as a modifier), with the "of" phrases of its
        words ("to the government of Mali") but no other phrase or clause ("to the mission
        in Haiti")."""
        words = {t.i for p in phrases for t in _own_words(p, keep_preps=("of",))}
        bodies = [m for m in s.mentions if m.type in BODIES and not m.demonym]
        doc = s.span.doc
        return unique_by_name(
            [m for m in bodies if any(m.start <= doc[i].idx < m.end for i in words)]
        )

    def _is_aid(self, thing: Token) -> bool:
        """Whether the thing given is aid, goods of aid or money, read on its own words
        (not a clause hung on it)."""
        return any(t.lower_ in self.goods or t.lower_ in self.money for t in _own_words(thing))

    @staticmethod
    def _subjects(verb: Token) -> list[Token]:
        """The giver: the verb's subject, or that of the verb it completes or joins ("will
        continue to supply"); never through "for having supplied" (the listed party of a
        designation, whom the sentence does not name as subject)."""
        v = verb
        for _ in range(3):
            subjects = [c for c in v.children if c.dep_ == "nsubj"]
            if subjects or v.dep_ not in CHAINED or v.head == v:
                return subjects
            v = v.head
        return []


def _own_words(phrase: Token, keep_preps: tuple[str, ...] | None = None) -> list[Token]:
    """The words of a noun phrase, without the clauses hung on it ("drones, which were
    used in attacks on Ukraine"); with `keep_preps`, without any phrase but those."""
    out, todo = [], [phrase]
    while todo:
        tok = todo.pop()
        out.append(tok)
        todo += [
            c
            for c in tok.children
            if c.dep_ not in CLAUSES
            and (keep_preps is None or c.dep_ != "prep" or c.lower_ in keep_preps)
        ]
    return sorted(out, key=lambda t: t.i)


def _pobjs(heads: list[Token], prep: str) -> list[Token]:
    """The objects of the words' phrases opened by `prep`."""
    return [
        o
        for h in heads
        for p in h.children
        if p.dep_ in ("prep", "dative") and p.lower_ == prep
        for o in p.children
        if o.dep_ == "pobj"
    ]
