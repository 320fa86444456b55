"""COOPERATES_WITH: "cooperation between A and B", "A and B ... ties", "cooperation
with X"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from graph.extract.lapsed_ties import lapsed
from graph.extract.mentions import doc_text, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.clauses import clause_end
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules


class Cooperates(StatelessRule):
    name = "cooperation-cue"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.cooperates(ctx.doc, s)

    def cooperates(self, doc: Doc, s: Sentence) -> list[Candidate]:
        text = doc_text(doc)
        out = []
        for cue in (t for t in s.span if t.lower_ in self.rules.cooperation_cues):
            if not asserted(cue, self.rules) or lapsed(cue):
                continue  # "no agreement between", "a low point in relations between"
            rest = text[cue.idx + len(cue) : s.span.end_char]
            m = re.match(r"\s*(?:[\w-]+\s+){0,3}?between\s+", rest)
            if not m:
                out += self._cooperation_with(text, cue, s)
                continue
            begin = cue.idx + len(cue) + m.end()
            end = clause_end(text, begin, s.span.end_char)
            parties = [
                x
                for x in s.mentions
                if begin <= x.start < end and x.type in ("Country", "Institution")
            ]
            joined = text[begin:end]
            if len(parties) >= 2 and " and " in joined:
                a, b = parties[0], parties[1]
                if a.name != b.name:
                    out.append(Candidate("COOPERATES_WITH", a, b, s.index))
        return out

    def _cooperation_with(self, text: str, cue: Token, s: Sentence) -> list[Candidate]:
        """ "Minsk would continue military cooperation with Russia and China": the clause's
        subject cooperates with each body named after "with"."""
        m = re.match(r"\s+with\s+(?:the\s+)?", text[cue.idx + len(cue) : s.span.end_char])
        if m is None or cue.pos_ != "NOUN":
            return []
        verb = cue.head if cue.dep_ in ("dobj", "obj", "pobj", "attr") else None
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head  # "… continue [military] cooperation", "for cooperation"
        if verb is None:
            return []
        bodies = [x for x in s.mentions if x.type in ("Country", "Institution") and not x.demonym]
        # the subject itself (and its conjuncts), not bodies named inside its appositions
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
        heads += [k for c in heads for k in c.conjuncts]
        subjects = [x for x in bodies for c in heads if x.start <= c.idx < x.end]
        begin = cue.idx + len(cue) + m.end()
        end = clause_end(text, begin, s.span.end_char)
        partners = [x for x in bodies if begin <= x.start < end]
        return [
            Candidate("COOPERATES_WITH", a, b, s.index)
            for a in unique_by_name(subjects)
            for b in unique_by_name(partners)
            if a.name != b.name
        ]
