"""PART_OF for the rows of a members' table or list, as summit articles write them: under
"### Member states and organisations", in a table whose first column is "Member", after
"the delegations of the five member states:". Each row's first cell that is a country (or
a body seated as a member, "| European Union | ... |" in a G7 table) is a member of the
bloc the heading names, else of the bloc of the document's own event ("2022
G20 Bali summit": the G20). A row marked "(observer)" is not, nor is any row after the
next heading ("### Invited guests"). A row is a table row ("| Fiji (host) | ... |") or a
dashed one ("Cambodia — Hun Manet — Prime Minister"). Patterns in member_rows.toml."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules


class MemberRows:
    name = "member-rows"

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.members = re.compile(data["members_heading"], re.IGNORECASE)
        self.not_members = re.compile(data["not_members"], re.IGNORECASE)

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        mentions = [m for s in ctx.sentences for m in s.mentions]
        bloc: Mention | None = None
        out, at = [], 0
        for line in ctx.text.split("\n"):
            start, at = at, at + len(line) + 1
            cell = _first_cell(line)
            if cell is None:
                if _heading(line) and not line.lstrip().startswith("|"):  # not a |---| rule
                    # a heading opens or closes a members' section
                    bloc = self._bloc(line, start, mentions, ctx)
                continue
            text = line[cell[0] : cell[1]]
            if self.members.fullmatch(text.strip(" *")):
                bloc = self._bloc(text, start, [], ctx)  # the column "| Member | ... |"
                continue
            if bloc is None or self.not_members.search(text):
                continue
            member = _row_member(mentions, start + cell[0], start + cell[1], bloc)
            if member is not None:
                out.append(Candidate("PART_OF", member, bloc, member.sent, None, self.name, 0.7))
        return out

    def _bloc(
        self, line: str, start: int, mentions: list[Mention], ctx: DocumentContext
    ) -> Mention | None:
        """The bloc whose members the rows below this line are, or None."""
        if not self.members.search(line) or self.not_members.search(line):
            return None
        named = [
            m
            for m in mentions
            if m.type == "Institution" and not m.demonym and start <= m.start < start + len(line)
        ]
        return named[0] if named else _event_bloc(ctx)


def _row_member(mentions: list[Mention], begin: int, end: int, bloc: Mention) -> Mention | None:
    """The member a row's first cell names: a country, or a body that sits in the bloc as a
    member of its own ("| European Union | Ursula von der Leyen | ..." in a G7 members'
    table); never the bloc itself."""
    return next(
        (
            m
            for m in mentions
            if m.type in ("Country", "Institution")
            and not m.demonym
            and begin <= m.start < end
            and m.name != bloc.name
        ),
        None,
    )


def _first_cell(line: str) -> tuple[int, int] | None:
    """Where the first cell of a row is in its line; None for a line that is no row (or
    a table's |---| rule)."""
    stripped = line.lstrip()
    if stripped.startswith("|"):
        begin = line.index("|") + 1
        end = line.find("|", begin)
        end = len(line) if end < 0 else end
        return None if set(line[begin:end]) <= set("-: ") else (begin, end)
    if line.count(" — ") >= 2:
        return 0, line.index(" — ")
    return None


def _heading(line: str) -> bool:
    text = line.strip()
    return bool(text) and (
        text.startswith("#") or text.endswith(":") or (len(text) < 70 and text[-1] not in ".;,")
    )


def _event_bloc(ctx: DocumentContext) -> Mention | None:
    """The bloc of the document's own event: a body whose written form is a word of the
    event's name ("G20" in "2022 G20 Bali summit")."""
    event = ctx.main_event
    if event is None:
        return None
    words = f" {event.text} {event.name} "
    for s in ctx.sentences:
        for m in s.mentions:
            if m.type == "Institution" and not m.demonym and f" {m.text} " in words:
                return m
    return None
