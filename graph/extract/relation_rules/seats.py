"""LOCATED_IN for a body: "X, a Yangon-based firm", "X, registered in Singapore",
"X (Türkiye)", "X, based in Mandalay"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.mentions import doc_text
from graph.extract.relation_rules.clauses import clause_end
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules


class Seats(StatelessRule):
    name = "based-in"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.seats(ctx.doc, s)

    def seats(self, doc: Doc, s: Sentence) -> list[Candidate]:
        text = doc_text(doc)
        places = [m for m in s.mentions if m.type in ("City", "Country", "Region")]
        out = []
        for body in (m for m in s.mentions if m.type == "Institution"):
            end = clause_end(text, body.end, s.span.end_char, stop_at_comma=False)
            window = text[body.end : min(end, body.end + 160)]
            bracket = re.match(r"\s*\(", window)
            for place in places:
                if not body.end <= place.start < body.end + len(window):
                    continue
                before = text[body.end : place.start]
                if bracket and bracket.end() == len(before) and place.type == "Country":
                    out.append(Candidate("LOCATED_IN", body, place, s.index))
                elif re.search(
                    r"\b(?:based|registered|headquartered|located|incorporated)\s+in\s+(?:the\s+)?$"
                    r"|,\s+(?:an?\s+|the\s+)?$",
                    before,
                ) and (
                    text[place.end : place.end + 6] == "-based" or not before.rstrip().endswith(",")
                ):
                    if re.search(r"[;.]|\b(?:said|has|have|was|is)\b", before):
                        continue  # the place belongs to a later clause
                    out.append(Candidate("LOCATED_IN", body, place, s.index))
        return out
