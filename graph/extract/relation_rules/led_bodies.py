"""HOLDS_ROLE from a body's participle of leading: "the Independent Panel on X, led by former
President Y", "the General Secretariat (SEGIB), headed by the former senator Z": the person
of the "by" phrase (and each conjunct: "led by A and B") holds the role the verb gives
(led_bodies.toml) in the institution the participle hangs on. Not a plan ("to be led by"),
nor a state or a group the text does not name as an institution ("a coalition led by ...",
"a delegation led by ..." are read by the delegation rules)."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class LedBodies(StatelessRule):
    name = "led-body"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.roles: dict[str, str] = dict(rule_data(__file__)["verbs"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        at = s.mention_at
        out = []
        for verb in s.span:
            role = self.roles.get(verb.lemma_.lower())
            # a participle hanging on a noun ("the Panel, led by X"), not a clause's verb
            if role is None or verb.tag_ != "VBN" or verb.dep_ != "acl":
                continue
            body = _body(verb, at)
            if body is None or not self._held(verb):
                continue
            out += [
                Candidate("HOLDS_ROLE", person, body, s.index, role)
                for person in _agents(verb, at)
            ]
        return out

    def _held(self, verb: Token) -> bool:
        # "to be led by X" is a plan; "not led by X" asserts nothing
        planned = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        return not planned and asserted(verb, self.rules)


def _body(verb: Token, at: dict[int, Mention]) -> Mention | None:
    """The institution the participle hangs on, or the one written right before it: the
    parser may hang "headed by" on the first noun of a coordination ("between his office and
    Taiwan's Mainland Affairs Council, headed by X")."""
    before = verb.i - 1
    while before > verb.sent.start and verb.doc[before].is_punct:
        before -= 1  # "the General Secretariat (SEGIB), headed by": past ")" and ","
    for tok in (verb.head, verb.doc[before]):
        m = at.get(tok.i)
        if m is not None and m.type == "Institution" and not m.demonym:
            return m
    return None


def _agents(verb: Token, at: dict[int, Mention]) -> list[Mention]:
    """The people of the participle's "by" phrase: its object and the object's conjuncts."""
    found: dict[str, Mention] = {}
    for by in (c for c in verb.children if c.dep_ == "agent"):
        for obj in (c for c in by.children if c.dep_ == "pobj"):
            for tok in (obj, *obj.conjuncts):
                m = at.get(tok.i)
                if m is not None and m.type == "Person":
                    found.setdefault(m.name, m)
    return list(found.values())
