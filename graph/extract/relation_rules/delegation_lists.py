"""HOLDS_ROLE of the members of a leader's delegation, listed with their titles and no body:
"President X was accompanied by Deputy President Y, Cabinet Secretary for Foreign Affairs Z
and ...", "The President was accompanied by a delegation including H.E. Mr. Y, Minister of
Foreign Affairs; H.E. Dr. Z, Minister of ...", "On the Kyrgyz side, the delegation included
the Minister of Foreign Affairs Y". A title that names no body of its own is held in the
delegation's state: the one a "<demonym> side" names, else the state of the leader the list
accompanies, by the document's own titles (`DocumentContext.states`). The cue words are
data: delegation_lists.toml.
"""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import (
    ORG_TYPES,
    Candidate,
    DocumentContext,
    Sentence,
)
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

RULE = "delegation-list"
# the words a title is written with: capitalised words and the small words inside a post's
# name ("Cabinet Secretary for Foreign and Diaspora Affairs"); a capitalised word last
_TITLE = re.compile(
    r"(?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|to|on|the)\s+)*)*[A-Z][\w’'-]*"
)
# an item's title after its name: ", Minister of Foreign Affairs;" up to the next break
_AFTER = re.compile(r"\s*,\s*(?P<title>[^,;()]+?)\s*(?=[;,.]|\s+along\s|$)")
# "..., Minister of Planning; and H.E. Dr. Z": the joint before the next item is no title's
_JOINT = re.compile(r"\s+and$")
_BREAK = re.compile(r"[,;]")
# "Accompanying President X in the meeting were ...": the list starts after the verb
_WERE = re.compile(r"\s(?:were|was)\s")


class DelegationLists(StatelessRule):
    name = RULE
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.openers = [re.compile(p, re.I) for p in data["openers"]]
        nouns = "|".join(map(re.escape, data["side_nouns"]))
        self.side = re.compile(rf"\b([A-Z][\w-]*)\s+(?:{nouns})\b")
        courtesies = "|".join(
            re.escape(c) for c in sorted(data["courtesies"], key=len, reverse=True)
        )
        self.courtesy = re.compile(rf"(?:(?<=\s)|^)(?:{courtesies})(?=\s|$)")
        nouns_rx = "|".join(re.escape(r) for r in sorted(rules.role_nouns, key=len, reverse=True))
        self.role_noun = re.compile(rf"\b(?:{nouns_rx})\b", re.I)

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        base = s.span.start_char
        sentence = ctx.text[base : s.span.end_char]
        opener = next((m for rx in self.openers if (m := rx.search(sentence))), None)
        if opener is None:
            return []
        start, cue = base + opener.end(), base + opener.start()
        leader = None
        if opener.group(0).lower().lstrip(" \t*-•").startswith("accompanying"):
            leader = next((p for p in _people(s) if p.start >= start), None)
            were = _WERE.search(ctx.text, leader.end, s.span.end_char) if leader else None
            if were is None:
                return []
            start = were.end()
        state = self._side_state(ctx.text, s, cue) or _leader_state(ctx, s, cue, leader)
        if state is None:
            return []
        return self._members(ctx.text, s, start, state, leader)

    def _side_state(self, text: str, s: Sentence, cue: int) -> Mention | None:
        """ "On the Kyrgyz side, the delegation included": the state the word names."""
        for m in self.side.finditer(text, s.span.start_char, cue + 40):
            country = next(
                (
                    c
                    for c in s.mentions
                    if c.type == "Country" and c.start <= m.start(1) and m.end(1) <= c.end
                ),
                None,
            )
            if country is not None:
                return country
        return None

    def _members(
        self, text: str, s: Sentence, start: int, state: Mention, leader: Mention | None
    ) -> list[Candidate]:
        out: list[Candidate] = []
        pos = start
        people = [p for p in _people(s) if p.start >= start and p is not leader]
        for i, p in enumerate(people):
            nxt = people[i + 1].start if i + 1 < len(people) else s.span.end_char
            role, pos = self._title_of(text, s, p, pos, nxt)
            if role is not None:
                out.append(Candidate("HOLDS_ROLE", p, state, s.index, role, RULE, 0.65))
        return out

    def _title_of(
        self, text: str, s: Sentence, p: Mention, pos: int, nxt: int
    ) -> tuple[str | None, int]:
        """A list item's title, before its name ("Deputy President Y", "the Minister of
        Foreign Affairs Y, the Minister of Economy, ...") or, with none there, after it
        ("H.E. Mr. Y, Minister of Foreign Affairs;"), and where the next item starts."""
        breaks = list(_BREAK.finditer(text, pos, p.start))
        before = self._title(text, s, breaks[-1].end() if breaks else pos, p.start)
        if before is not None:
            return before, p.end
        after = _AFTER.match(text, p.end, nxt)
        if after is None or after.end() == nxt < s.span.end_char:
            return None, p.end  # "Y, Cabinet Secretary Z": the words are the next name's
        hi = after.end("title")
        joint = _JOINT.search(text, after.start("title"), hi)
        role = self._title(text, s, after.start("title"), joint.start() if joint else hi)
        return role, after.end() if role is not None else p.end

    def _title(self, text: str, s: Sentence, lo: int, hi: int) -> str | None:
        """The title written between lo and hi, when it is a title alone: capitalised words
        with a role noun, naming no body or person of its own."""
        words = re.sub(r"^\s*(?:and\s+)?", "", text[lo:hi])
        words = self.courtesy.sub(" ", words)
        words = re.sub(r"\s+", " ", words).strip(" ,;")
        if not words or not _TITLE.fullmatch(words) or not self.role_noun.search(words):
            return None
        if any(m.type in (*ORG_TYPES, "Person") and lo <= m.start < hi for m in s.mentions):
            return None  # "Chief of the Kenya Defence Forces", "Ambassador to Kenya": bodies
        return words


def _people(s: Sentence) -> list[Mention]:
    return sorted((m for m in s.mentions if m.type == "Person"), key=lambda m: m.start)


def _leader_state(
    ctx: DocumentContext, s: Sentence, cue: int, leader: Mention | None
) -> Mention | None:
    """The state of the leader a delegation accompanies: named after "Accompanying", or
    the subject right before "was accompanied by"; a bare title there ("The President was
    accompanied by") is the last person the document named with that title."""
    if leader is None:
        before = [p for p in _people(s) if p.end <= cue]
        leader = before[-1] if before else None
        if leader is None or ctx.text[leader.end : cue].strip(" ,"):
            leader = _titled_before(ctx, s, cue)
    return _state_of(ctx, leader.name) if leader is not None else None


def _titled_before(ctx: DocumentContext, s: Sentence, cue: int) -> Mention | None:
    """ "The President was accompanied by": the last person named "President X" before."""
    lead = re.fullmatch(r"\W*the\s+([A-Z][\w ]+?)\s*", ctx.text[s.span.start_char : cue], re.I)
    if lead is None:
        return None
    title = re.compile(rf"\b{re.escape(lead.group(1))}\s+$")
    earlier = [
        m
        for t in ctx.sentences
        if t.index < s.index
        for m in t.mentions
        if m.type == "Person" and title.search(ctx.text, max(0, m.start - 40), m.start)
    ]
    return earlier[-1] if earlier else None


def _state_of(ctx: DocumentContext, name: str) -> Mention | None:
    """The state the document's titles give a name, by its full name or, for a one-word
    name, a word of the full name ("Sisi" of "Abdel Fattah El-Sisi", "Prabowo" of "Prabowo
    Subianto"), when every full name it can be gives the same state."""
    if name in ctx.states:
        return ctx.states[name]
    last = name.split()[-1]
    states = {
        c.name: c
        for k, c in ctx.states.items()
        if last in re.split(r"[\s-]+", k)
    }
    return next(iter(states.values())) if len(states) == 1 else None
