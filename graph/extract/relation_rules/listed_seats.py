"""LOCATED_IN of a listed body from the address an SDN-style list prints right after its
name and aliases, with no label: "HALEEL LTD, Limassol, Cyprus [SDGT] (Linked To: ...)",
"BAHMAN GROUP (a.k.a. ...), No. 2 Main Street, Tehran, Iran; Registration ID ... [IRAN]".
A line carrying a program tag that opens with a body's name is an entry; its first field,
up to the first semicolon, is the body's address: street, district, city, country. The body
sits in the city (the last before the country) and in the country that closes the field,
as such notices are read. An entry that opens with a person gives no fact (a person's
address is no seat). Labelled addresses ("Address: ...") are entry_addresses.py's."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext
from graph.extract.relation_rules.entry_addresses import mentions_between
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules


class ListedSeats:
    name = "listed-seat"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.tag = re.compile(data["program_tag"])
        self.field_end = re.compile(data["field_end"])

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        text = ctx.text
        sent_of = {id(m): s.index for s in ctx.sentences for m in s.mentions}
        mentions = sorted((m for s in ctx.sentences for m in s.mentions), key=lambda m: m.start)
        starts = [m.start for m in mentions]
        out = []
        for body in mentions:
            if body.type != "Institution" or not _opens_line(text, body.start):
                continue
            line_end = text.find("\n", body.end)
            line_end = len(text) if line_end < 0 else line_end
            if not self.tag.search(text, body.end, line_end):
                continue
            field = self._address(text, body.end, line_end)
            if field is None:
                continue
            places = [
                m
                for m in mentions_between(mentions, starts, *field)
                if m.type in ("City", "Country")
            ]
            for place in _city_and_country(places, text, field[1]):
                out.append(
                    Candidate("LOCATED_IN", body, place, sent_of[id(place)], None, self.name, self.confidence)
                )
        return out

    def _address(self, text: str, at: int, line_end: int) -> tuple[int, int] | None:
        """The entry's first field after its name and bracketed aliases: from the comma to
        the next semicolon, program tag or the line's end."""
        at = _past_brackets(text, at, line_end)
        comma = re.match(r"[ \t]*,", text[at:line_end])
        if comma is None:
            return None
        lo = at + comma.end()
        end = self.field_end.search(text, lo, line_end + 1)
        return lo, end.start() if end else line_end


def _opens_line(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] == "\n"


def _past_brackets(text: str, at: int, line_end: int) -> int:
    """Past the brackets right after the name ("(a.k.a. X; a.k.a. Y (Z))"), nested ones
    included; `at` itself when none opens there."""
    m = re.match(r"[ \t]*\(", text[at:line_end])
    if m is None:
        return at
    depth, k = 0, at + m.end() - 1
    while k < line_end:
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        k += 1
        if depth == 0:
            return k
    return at


def _city_and_country(places: list[Mention], text: str, end: int) -> list[Mention]:
    """The country that closes the address, and the city written last before it."""
    country = places[-1] if places and places[-1].type == "Country" else None
    if country is None or country.demonym or text[country.end : end].strip():
        return []
    city = next((m for m in reversed(places[:-1]) if m.type == "City"), None)
    return [city, country] if city is not None else [country]

