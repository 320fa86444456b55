"""MET_WITH from a transcript's heading that names a joint press appearance: "Remarks by
President A and Prime Minister B in Joint Press Conference" (A and B met), "Press
Availability With Foreign Minister B" (the document's principal, its first named person,
met B). People the document places in one state do not meet each other ("Secretary A,
Secretary B, Philippine Secretary C and Philippine Secretary D at a Joint Press
Availability": each American met each Filipino). Data: joint_press.toml."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules

# a speaker's label opening a line ("PRIME MINISTER TRUDEAU:", "MODERATOR:"): the heading ends
LABEL = re.compile(r"\s*[A-Z][A-Z .'’()-]{1,60}:")


def _people(s: Sentence) -> list[Mention]:
    return list({m.name: m for m in s.mentions if m.type == "Person"}.values())


class JointPress:
    name = "joint-press"

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.limit: int = data["head_sentences"]
        self.joint = [w.lower() for w in data["joint_cues"]]
        self.with_cues = [w.lower() for w in data["with_cues"]]
        self.remote = frozenset(data["remote_words"])

    def _heading(self, ctx: DocumentContext) -> list[Sentence]:
        head: list[Sentence] = []
        for s in ctx.sentences[: self.limit]:
            if LABEL.match(s.text):
                break
            head.append(s)
        return head

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        head = self._heading(ctx)
        words = {w.lower() for s in head for w in re.findall(r"[\w-]+", s.text)}
        if words & self.remote:
            return []
        for n, s in enumerate(head):
            if any(t.pos_ == "VERB" for t in s.span):
                continue  # prose ("Speaking at a joint press conference with B, A said")
            low = s.text.lower()
            cue = next((c for c in self.with_cues if c in low), None)
            if cue is not None:
                return self._with(ctx, head, n, low.index(cue) + len(cue))
            if any(c in low for c in self.joint):
                return self._together(ctx, s)
        return []

    def _with(
        self, ctx: DocumentContext, head: list[Sentence], n: int, after: int
    ) -> list[Candidate]:
        """ "Press Availability With B": the principal met each person named after the cue
        (or on the next line, where the heading breaks after "THE HON.")."""
        s = head[n]
        start = s.span.start_char + after
        guests = [m for m in _people(s) if m.start >= start]
        if not guests and n + 1 < len(head):
            s = head[n + 1]
            guests = _people(s)
        names = {g.name for g in guests}
        principal = next((m for h in head for m in _people(h) if m.name not in names), None)
        if principal is None:
            return []
        return [Candidate("MET_WITH", principal, g, s.index, None, self.name, 0.6) for g in guests]

    def _together(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        """ "A and B at a Joint Press Availability": each pair not known to serve one state.
        With more than two, a pair neither of whom the document places is left out: a
        heading names its own side without a state ("Secretary A, Secretary B, Philippine
        Secretary C and Philippine Secretary D": A and B are one side)."""
        people = _people(s)
        out: list[Candidate] = []
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                sa, sb = ctx.states.get(a.name), ctx.states.get(b.name)
                if sa is not None and sb is not None and sa.name == sb.name:
                    continue
                if sa is None and sb is None and len(people) > 2:
                    continue
                out.append(Candidate("MET_WITH", a, b, s.index, None, self.name, 0.6))
        return out
