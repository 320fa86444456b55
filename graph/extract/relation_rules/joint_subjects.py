"""COOPERATES_WITH of joint subjects: "Russia and Mali signed an agreement on military
cooperation". The words between the two bodies and the act after them are token patterns
in joint_subjects.toml."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.relation_rules.token_patterns import (
    TokenPatterns,
    spaced,
    token_ending_at,
    token_starting_at,
)
from graph.extract.tables import Gazetteer, Rules

PATTERNS = Path(__file__).with_suffix(".toml")


class JointSubjects(StatelessRule):
    name = "joint-subjects"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.patterns = TokenPatterns(PATTERNS)

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.joint_subjects(ctx.doc, s)

    def joint_subjects(self, doc: Doc, s: Sentence) -> list[Candidate]:
        """ "Russia and Mali signed an agreement on military cooperation"."""
        if not any(t.lower_ in self.rules.cooperation_cues for t in s.span):
            return []
        bodies = [m for m in s.mentions if m.type in ("Country", "Institution") and not m.demonym]
        if len(bodies) < 2:
            return []
        found = self.patterns.matches(s.span)
        for a, b in zip(bodies, bodies[1:], strict=False):
            a_last, b_first = token_ending_at(s.span, a.end), token_starting_at(s.span, b.start)
            b_last = token_ending_at(s.span, b.end)
            if a_last is None or b_first is None or b_last is None:
                continue
            if (a_last + 1, b_first) in found["joined_by"] and spaced(doc, a_last, b_first + 1):
                acts = [end for start, end in found["joint_act"] if start == b_last + 1]
                # the act itself asserted: not "signed no agreement", "could have signed"
                if any(
                    spaced(doc, b_last, end) and asserted(doc[end - 1], self.rules) for end in acts
                ):
                    return [Candidate("COOPERATES_WITH", a, b, s.index)]
        return []
