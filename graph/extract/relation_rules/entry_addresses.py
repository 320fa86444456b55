"""LOCATED_IN of a listed body from its entry's address field, as sanctions lists and
annexes print an entity: "2. ACME GROUP (a.k.a. AG). Missile producer. Address: 13 Main
Street, Tehran, Iran." The entry runs from the line that opens it (a list number, an entry
code) or its paragraph's start to the label; the body is the entry's first named actor, the
place the first city of the address (street, city, province, country: the city is where
the body sits; the city's country is read by place_appositions.py). An entry that opens with
a person gives no fact: a person's address is no seat (and no LOCATED_IN source). Labels and
the entry's first line are patterns in entry_addresses.toml."""

from __future__ import annotations

import re
from bisect import bisect_left

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules

ACTORS = ("Institution", "Person")


class EntryAddresses:
    name = "entry-address"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        labels = "|".join(re.escape(w) for w in sorted(data["address_labels"], key=len, reverse=True))
        self.label = re.compile(rf"(?<![\w-])(?:{labels})[ \t]*:")
        self.entry_start = re.compile(data["entry_start"], re.MULTILINE)
        self.field_end = re.compile(data["field_end"])

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        text = ctx.text
        labels = list(self.label.finditer(text))
        if not labels:
            return []
        sent_of = {id(m): s.index for s in ctx.sentences for m in s.mentions}
        mentions = sorted(
            (m for s in ctx.sentences for m in s.mentions), key=lambda m: m.start
        )
        starts = [m.start for m in mentions]
        out = []
        for label in labels:
            end = self.field_end.search(text, label.end())
            stop = end.start() if end else len(text)
            inside = mentions_between(mentions, starts, label.end(), stop)
            city = next((m for m in inside if m.type == "City"), None)
            if city is None:
                continue
            body = self._entry_body(text, mentions, starts, label.start())
            if body is not None and body.type == "Institution":
                si = sent_of[id(city)]
                out.append(Candidate("LOCATED_IN", body, city, si, None, self.name, self.confidence))
        return out

    def _entry_body(
        self, text: str, mentions: list[Mention], starts: list[int], at: int
    ) -> Mention | None:
        """The first actor of the entry the label at `at` belongs to."""
        paragraph = text.rfind("\n\n", 0, at)
        lo = paragraph + 2 if paragraph >= 0 else 0
        opened = [m.start() for m in self.entry_start.finditer(text, lo, at)]
        lo = max([lo, *opened])
        inside = mentions_between(mentions, starts, lo, at)
        return next((m for m in inside if m.type in ACTORS), None)


def mentions_between(
    mentions: list[Mention], starts: list[int], lo: int, hi: int
) -> list[Mention]:
    """The mentions wholly inside [lo, hi) of a list sorted by start (`starts` its starts)."""
    i = bisect_left(starts, lo)
    out = []
    while i < len(mentions) and mentions[i].start < hi:
        if mentions[i].end <= hi:
            out.append(mentions[i])
        i += 1
    return out
