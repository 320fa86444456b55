"""ATTENDED: "X attended the summit", "X took part in the forum", attendance stated in
other words, talks on the margins."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.extract.attendance import Attendance
from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import (
    ACTOR_TYPES,
    Candidate,
    DocumentContext,
    Sentence,
)
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules


class Attended(StatelessRule):
    name = "attended"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.attendance = Attendance(rules)
        # the lemmas of the verbs `attended` reads ("took part": "take")
        self.verbs = frozenset({"attend", "participate", "take"}) | rules.joint_holding_verbs

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.attended(ctx.doc, s, ctx.event_of.get(s.index), ctx.main_event)

    def attended(
        self, doc: Doc, s: Sentence, event: Mention | None, main: Mention | None = None
    ) -> list[Candidate]:
        named = [m for m in s.mentions if m.type == "Event"]
        target = named[0] if named else event
        if target is None:
            return []
        out = []
        # only these verbs are read below: no Token is built for the others
        for verb in tokens_with(s.span, (), self.verbs):
            lemma = verb.lemma_.lower()
            took_part = lemma == "take" and any(c.lower_ == "part" for c in verb.children)
            held = _held_jointly(verb, named, self.rules)
            if verb.pos_ != "VERB" or not (lemma in ("attend", "participate") or took_part or held):
                continue
            if not asserted(verb, self.rules) or _to_come(verb, self.rules):
                continue  # "did not attend", "will take part in the sessions"
            if not named and not any(c.dep_ == "dobj" or c.dep_ == "prep" for c in verb.children):
                continue
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                # "the summit was attended by A, B and C"
                lo, hi = agent.left_edge.idx, agent.right_edge.idx + len(agent.right_edge)
                for a in s.mentions:
                    inside = lo <= a.start and a.end <= hi
                    if inside and a.type in ACTOR_TYPES and not a.demonym:
                        if _carried(doc, a, s.mentions, agent):
                            continue  # "WTO Director-General X": the person attended
                        out.append(Candidate("ATTENDED", a, target, s.index))
            for subj in (c for c in verb.children if c.dep_ in ("nsubj",)):
                lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
                if verb.dep_ == "relcl" and subj.lower_ in ("who", "which", "that"):
                    # "Spain, which attended as an observer": the actor the clause is of
                    lo, hi = verb.head.idx, verb.head.idx + len(verb.head)
                for a in s.mentions:
                    within = a.start <= lo < a.end or lo <= a.start and a.end <= hi
                    if within and a.type in ACTOR_TYPES and not a.demonym:
                        if _carried(doc, a, s.mentions, subj):
                            continue  # "Angola's President X": the person attended
                        out.append(Candidate("ATTENDED", a, target, s.index))
        # who came, stated without a verb of attending ("X, which joined at the 2023 summit,
        # was represented by Y"), came to the event in hand, not to one recalled in passing
        # as another of the series ("the next summit", "the 2023 summit")
        stated = next((m for m in named if "other" not in m.props), None) or main or target
        for a in unique_by_name(self.attendance.find(s)):
            out.append(Candidate("ATTENDED", a, stated, s.index, None, "attendance-stated", 0.7))
        # talks on the margins: of the event the margins phrase names ("on the sidelines of
        # the APEC Leaders' Meeting"), else of the event the passage or document is about
        # (never another event the sentence names: "... since the 2022 G20 summit")
        margins = self.attendance.at_the_margins(s)
        at = _margins_event(s, named) or main or target
        for a in unique_by_name(margins):
            out.append(Candidate("ATTENDED", a, at, s.index, None, "attendance-margins", 0.65))
        return out


def _carried(doc: Doc, body: Mention, mentions: list[Mention], top: Token) -> bool:
    """Whether a body in an attendee phrase only names whom a person there stands for or
    what a clause about them says: "Angola's President Joao Lourenco", "WTO Director-General
    X", "the Emir of Qatar, Sheikh Tamim", "Putin, who was the subject of a warrant issued by
    the ICC" (the person attended; analysts record the person). Found by walking from the
    body's word up to the phrase's head: a person's word (or a title a name stands beside)
    on the way carries the body."""
    if body.type == "Person":
        return False
    span = doc.char_span(body.start, body.end, alignment_mode="expand")
    if span is None:
        return False
    people = [m for m in mentions if m.type == "Person"]

    def personal(t: Token) -> bool:
        named = [t, *(c for c in t.children if c.dep_ == "appos")]
        return any(m.start <= n.idx < m.end for m in people for n in named)

    tok = span.root
    for _ in range(10):
        if tok == top or tok.head == tok:
            return personal(tok) and tok.i not in range(span.start, span.end)
        tok = tok.head
        if personal(tok):
            return True
    return False


def _to_come(verb: Token, rules: Rules) -> bool:
    """Whether the attending is still to come: "Xi will take part in the sessions", "X will
    travel and attend" (rules.toml [hosting] future_aux): what is announced did not happen
    yet (the corpus records it as no relation)."""
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(c.dep_ == "aux" and c.lower_ in rules.future_aux for v in verbs for c in v.children)


def _held_jointly(verb: Token, events: list[Mention], rules: Rules) -> bool:
    """ "A, B, C and D held the Quad leaders' meeting": coordinated subjects of a verb of
    holding (rules.toml [attendance] joint_holding_verbs) whose object is an event the
    sentence names each took part in it. One subject alone may be its host ("Japan held the
    summit"), so it takes two or more."""
    if verb.lemma_.lower() not in rules.joint_holding_verbs:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not any(e.start <= o.idx < e.end for o in objects for e in events):
        return False
    return any(
        c.dep_ == "nsubj" and any(g.dep_ == "conj" for g in c.children) for c in verb.children
    )


def _margins_event(s: Sentence, events: list[Mention]) -> Mention | None:
    """The event a "margins" / "sidelines" / "fringes" phrase of the sentence names, or
    the only event a sentence without such a phrase names ("met X at the BRICS summit")."""
    sides = tokens_with(s.span, ("margins", "sidelines", "fringes", "margin"))
    if not sides:
        return events[0] if len(events) == 1 else None
    for t in sides:
        lo, hi = t.idx, t.right_edge.idx + len(t.right_edge)
        inside = [e for e in events if lo <= e.start and e.end <= hi]
        if inside:
            return inside[0]
    return None
