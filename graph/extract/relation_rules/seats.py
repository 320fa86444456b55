"""LOCATED_IN for a body: "X, a Yangon-based firm", "X, registered in Singapore",
"X (Türkiye)", "X, based in Mandalay", and a place written before the body's name as its seat
("the Geneva-based X", "Hong Kong-based X"). A place written after another named body or
person is that one's ("the tankers A, B and the Panama-flagged C": Panama is no seat of A)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.mentions import Mention, doc_text
from graph.extract.relation_rules.clauses import clause_end
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

_DATA = rule_data(__file__)
_QUALIFIES_NEXT_NAME = re.compile(_DATA["qualifies_next_name"])
# "the Geneva-based ", "UAE-registered ": a place's seat word right before a body's name
_SEAT_BEFORE_NAME = re.compile(
    "-(?:" + "|".join(map(re.escape, _DATA["seat_words"])) + r")\s+(?:the\s+)?$"
)
# the words between a body and the place of its apposition: "X, a Yangon-based firm",
# "X (XY), a ...": the comma right after the name (or its bracket), not any later comma
# ("X financed ... across Somalia, the UAE": a list, not X's seat)
_APPOSITION = re.compile(r"\)?\s*(?:\([^()]*\)\s*)?,\s+(?:an?\s+|the\s+)?")
_SEAT_AFTER_BODY = re.compile(_DATA["seat_after_body"])
_SEAT_AFTER_CITY = re.compile(_DATA["seat_after_city"])


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
        out = _seats_before(text, s, places) + _seat_nouns(text, s, places)
        names = [m for m in s.mentions if m.type in ("Institution", "Person")]
        for body in (m for m in s.mentions if m.type == "Institution"):
            end = clause_end(text, body.end, s.span.end_char, stop_at_comma=False)
            window = text[body.end : min(end, body.end + 160)]
            bracket = re.match(r"\s*\(", window)
            for place in places:
                if not body.end <= place.start < body.end + len(window):
                    continue
                if any(body.end <= n.start < place.start for n in names):
                    continue  # "A, B and the Panama-flagged C": the place is another's
                if _QUALIFIES_NEXT_NAME.match(text, place.end, place.end + 60):
                    continue  # "A, the Panama-flagged C": the flag of the next name
                before = text[body.end : place.start]
                if bracket and bracket.end() == len(before) and place.type == "Country":
                    out.append(Candidate("LOCATED_IN", body, place, s.index))
                elif (
                    re.search(
                        r"\b(?:based|registered|headquartered|located|incorporated)\s+in\s+(?:the\s+)?$",
                        before,
                    )
                    or _APPOSITION.fullmatch(before)
                ) and (
                    text[place.end : place.end + 6] == "-based" or not before.rstrip().endswith(",")
                ):
                    if re.search(r"[;.]|\b(?:said|has|have|was|is)\b", before):
                        continue  # the place belongs to a later clause
                    out.append(Candidate("LOCATED_IN", body, place, s.index))
        return out


def _seats_before(text: str, s: Sentence, places: list[Mention]) -> list[Candidate]:
    """ "the Geneva-based X", "Hong Kong-based X and UAE-based Y": the place right before
    the body's name, joined to it by a seat word (seats.toml seat_words)."""
    out = []
    for body in (m for m in s.mentions if m.type == "Institution"):
        before = text[max(s.span.start_char, body.start - 40) : body.start]
        seat = _SEAT_BEFORE_NAME.search(before)
        if seat is None:
            continue
        at = body.start - len(before) + seat.start()
        place = next((p for p in places if p.end == at), None)
        if place is not None:
            out.append(Candidate("LOCATED_IN", body, place, s.index))
    return out


def _seat_nouns(text: str, s: Sentence, places: list[Mention]) -> list[Candidate]:
    """ "the AU headquarters in Addis Ababa" (a place right after the body and its seat
    noun), "in Addis Ababa, Ethiopia, at the seat of the African Union" (a city right before
    "the seat of" and the body): the body sits in that place (seats.toml)."""
    out = []
    for body in (m for m in s.mentions if m.type == "Institution"):
        after = next(
            (
                p
                for p in places
                if p.start > body.end
                and _SEAT_AFTER_BODY.fullmatch(text, body.end, p.start) is not None
            ),
            None,
        )
        before = next(
            (
                p
                for p in places
                if p.type == "City"
                and p.end < body.start
                and _SEAT_AFTER_CITY.fullmatch(text, p.end, body.start) is not None
            ),
            None,
        )
        out += [Candidate("LOCATED_IN", body, p, s.index) for p in (after, before) if p]
    return out
