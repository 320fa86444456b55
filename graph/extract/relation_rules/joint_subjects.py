"""COOPERATES_WITH of joint subjects: "Russia and Mali signed an agreement on military
cooperation"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.mentions import doc_text
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules


class JointSubjects(StatelessRule):
    name = "joint-subjects"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.joint_subjects(ctx.doc, s)

    def joint_subjects(self, doc: Doc, s: Sentence) -> list[Candidate]:
        """ "Russia and Mali signed an agreement on military cooperation"."""
        if not any(t.lower_ in self.rules.cooperation_cues for t in s.span):
            return []
        text = doc_text(doc)
        bodies = [m for m in s.mentions if m.type in ("Country", "Institution") and not m.demonym]
        for a, b in zip(bodies, bodies[1:], strict=False):
            if re.fullmatch(r"\s+and\s+(?:the\s+)?", text[a.end : b.start]):
                rest = text[b.end : s.span.end_char]
                if re.match(
                    r"\s+(?:have\s+|had\s+|will\s+)?(?:signed|agreed|concluded|reached|discussed|launched|deepened|expanded|strengthened|boosted|pledged)\b",
                    rest,
                ):
                    return [Candidate("COOPERATES_WITH", a, b, s.index)]
        return []
