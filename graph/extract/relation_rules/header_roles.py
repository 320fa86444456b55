"""HOLDS_ROLE from a table whose person column is headed by a post and which has no title
column: "| Participating State / body | Head of delegation | Notes |", "| Germany | Annalena
Baerbock | |". Each person of the column heads the row's state's (or body's) delegation;
the post is theirs only where the document gives them no other post in that state or body
(a foreign minister who led the delegation keeps the title the text gives).
Header words: data/table_columns.toml."""

from __future__ import annotations

from collections.abc import Iterator

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext
from graph.extract.table_columns import cell_spans, columns, header_of
from graph.extract.tables import Gazetteer, Rules

BODIES = ("Country", "Institution")


class HeaderRoles:
    name = "header-role"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        return None

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        held = {
            (_surname(c.source.name), c.target.name)
            for c in found
            if c.type == "HOLDS_ROLE"
        }
        mentions = sorted((m for s in ctx.sentences for m in s.mentions), key=lambda m: m.start)
        out: list[Candidate] = []
        for person, body, role in _rows(ctx.text, mentions):
            if (_surname(person.name), body.name) in held:
                continue
            held.add((_surname(person.name), body.name))
            out.append(
                Candidate("HOLDS_ROLE", person, body, person.sent, role, self.name, self.confidence)
            )
        return out


def _rows(text: str, mentions: list[Mention]) -> Iterator[tuple[Mention, Mention, str]]:
    """(person, the row's state or body, the column's post) of each row of such a table."""
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if not line.lstrip().startswith("|"):
            continue
        header = header_of(text, start)
        cols = columns(header) if header else None
        if cols is None or cols.header_role is None:
            continue
        cells = cell_spans(line, start)
        if cols.person >= len(cells) or cols.person == 0:
            continue
        body = _only(mentions, cells[0], BODIES)
        person = _only(mentions, cells[cols.person], ("Person",))
        if body is not None and person is not None:
            yield person, body, cols.header_role[0].upper() + cols.header_role[1:]


def _only(
    mentions: list[Mention], cell: tuple[int, int, str], types: tuple[str, ...]
) -> Mention | None:
    """The one mention of a type a cell holds, the whole of what it names."""
    inside = [m for m in mentions if cell[0] <= m.start and m.end <= cell[1]]
    if len(inside) != 1 or inside[0].type not in types or inside[0].demonym:
        return None
    return inside[0]


def _surname(name: str) -> str:
    """The last word of a name, how the document's other mentions of a person may be
    shortened ("Lavrov", "Sergey Lavrov")."""
    return name.split()[-1].lower() if name.split() else ""
