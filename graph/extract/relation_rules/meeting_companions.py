"""MET_WITH of a principal's companions in a meeting: "Accompanying President A in the
bilateral meeting were Minister X and Minister Y", "President B was accompanied by Deputy
President Z", "On the Kyrgyz side, the delegation included Minister W". Each companion met
the principal's counterpart in that meeting (the other end of the principal's last
MET_WITH read before the list) and the counterpart's own companions. A list of a side names
its state ("On the Kyrgyz side") where it names no principal: the principal is the one the
document places in that state. Only where the list or the sentences just before it name
the meeting (meeting_companions.toml); an arrival "accompanied by the First Lady" is none.
"""

from __future__ import annotations

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules

Side = tuple[Mention, list[Mention], int]  # principal, companions, sentence index


class MeetingCompanions:
    name = "meeting-companions"

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.window: int = data["window"]
        self.meeting_words = frozenset(data["meeting_words"])
        self.accompany = frozenset(data["accompany_lemmas"])
        self.groups = frozenset(data["delegation_nouns"])
        self.include = frozenset(data["include_lemmas"])
        # a "person" whose name holds a title ("Plenipotentiary Representative", "Forces General
        # X" cut from "Chief of the Kenya Defence Forces General X") is a mention cut wrong:
        # left out rather than paired under a name no one has
        self.titles = frozenset(r.lower() for r in rules.role_nouns if " " not in r)

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        met = [c for c in found if c.type == "MET_WITH"]
        if not met:
            return []
        sides: dict[str, Side] = {}
        for i, s in enumerate(ctx.body):
            if not self._about_meeting(ctx.body, i):
                continue
            side = self._side(ctx, s, met)
            if side is not None and side[1]:
                sides.setdefault(side[0].name, side)
        out: dict[frozenset[str], Candidate] = {}
        for principal, companions, at in sides.values():
            other = _counterpart(principal, met, at)
            if other is None:
                continue
            theirs = next((v[1] for k, v in sides.items() if _same(k, other.name)), [])
            for c in companions:
                for o in [other, *theirs]:
                    if not _same(c.name, o.name):
                        out.setdefault(
                            frozenset((c.name, o.name)),
                            Candidate("MET_WITH", c, o, at, None, self.name, 0.6),
                        )
        return list(out.values())

    def _about_meeting(self, body: list[Sentence], i: int) -> bool:
        return any(
            t.lower_ in self.meeting_words
            for s in body[max(0, i - self.window) : i + 1]
            for t in s.span
        )

    def _people(self, s: Sentence, after: int) -> list[Mention]:
        return [
            m
            for m in s.mentions
            if m.type == "Person"
            and m.start >= after
            and not any(w in self.titles for w in m.name.lower().split())
        ]

    def _side(self, ctx: DocumentContext, s: Sentence, met: list[Candidate]) -> Side | None:
        tokens = list(s.span)
        first = tokens[0] if tokens else None
        if first is not None and first.lemma_.lower() in self.accompany and first.tag_ == "VBG":
            # "Accompanying A in the bilateral meeting were X, Y": the list follows "were"
            people = self._people(s, first.idx)
            if not people:
                return None
            verb = next((t for t in tokens if t.lemma_ == "be" and t.idx > people[0].start), None)
            if verb is None:
                return None
            return people[0], self._people(s, verb.idx), s.index
        for t in tokens:
            if t.lemma_.lower() in self.accompany and t.tag_ == "VBN" and t.dep_ == "ROOT":
                # "B was accompanied by Z, W": the subject, and the people after "by"
                agent = next((c for c in t.children if c.dep_ == "agent"), None)
                subject = [m for m in self._people(s, s.span.start_char) if m.end <= t.idx]
                if agent is None or not subject:
                    return None
                return subject[-1], self._people(s, agent.idx), s.index
            if t.lemma_.lower() in self.include and any(
                c.dep_ == "nsubj" and c.lower_ in self.groups for c in t.children
            ):
                return self._state_side(ctx, s, t.idx, met)
        return None

    def _state_side(
        self, ctx: DocumentContext, s: Sentence, at: int, met: list[Candidate]
    ) -> Side | None:
        """ "On the Kyrgyz side, the delegation included W": the principal is the one of
        the people met whom the document places in the state the sentence names first."""
        state = next((m for m in s.mentions if m.type == "Country" and m.end <= at), None)
        if state is None:
            return None
        principal = next(
            (
                m
                for c in met
                if c.sent <= s.index
                for m in (c.source, c.target)
                if (k := ctx.states.get(m.name)) is not None and k.name == state.name
            ),
            None,
        )
        if principal is None:
            return None
        return principal, self._people(s, at), s.index


def _same(a: str, b: str) -> bool:
    """One person named in full and by surname ("Lena Varga", "President Varga")."""
    x, y = a.lower().split(), b.lower().split()
    short, full = (x, y) if len(x) <= len(y) else (y, x)
    return bool(short) and full[-len(short) :] == short


def _counterpart(principal: Mention, met: list[Candidate], at: int) -> Mention | None:
    """The other end of the principal's last meeting read before the list."""
    for c in reversed([c for c in met if c.sent <= at]):
        if _same(c.source.name, principal.name):
            return c.target
        if _same(c.target.name, principal.name):
            return c.source
    return None
