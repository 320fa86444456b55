"""HOLDS_ROLE from a listed person's post field, as sanctions lists and notices print an
entry: a "Name:" field, then "Designation: Leader of the X", "Function: Head of the Y
Division". The field says the post is the entry's person's, though the line names no one:
the post is held in the body written right after its "of" ("Member of the National Assembly
of Mali"), one post per part of the field ("Businessman; leader within the Z"). A body after
other words ("Judge of Timbuktu under Z"), in quotes ("officer of the "Islamic police""),
or no post word at all, gives nothing. Labels and connectors: entry_fields.toml."""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules

# the next field's label on the same line: "DOB:", "Good quality a.k.a.:" (one capitalised
# word or code, then at most two lower-case words, then the colon)
_NEXT_LABEL = re.compile(r"\s+[A-Z][\w.]*(?:\s[a-z][\w.]*){0,2}:")
BODIES = ("Institution", "Country")


class EntryFields:
    name = "entry-field"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        labels = "|".join(re.escape(x) for x in data["post_labels"])
        self.field = re.compile(rf"(?:^|(?<=[ \t]))(?:{labels})[ \t]*:[ \t]*(?P<value>[^\n]*)", re.M)
        self.name_field = re.compile(data["name_field"])
        links = "|".join(re.escape(x) for x in data["links"])
        self.post = re.compile(
            rf"\s*(?P<role>[A-Za-z][\w-]*(?:\s+[\w-]+){{0,4}}?)\s+(?:{links})\s+(?:the\s+)?"
        )
        self.role_words = frozenset(r.split()[-1] for r in rules.role_nouns)

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        mentions = sorted((m for s in ctx.sentences for m in s.mentions), key=lambda m: m.start)
        out = []
        for field in self.field.finditer(ctx.text):
            holder = self._holder(ctx.text, field.start(), mentions)
            if holder is None:
                continue
            value = field.group("value")
            cut = _NEXT_LABEL.search(value)
            lo, hi = field.start("value"), field.start("value") + (cut.start() if cut else len(value))
            for body, role in self._posts(ctx.text, lo, hi, mentions):
                out.append(
                    Candidate("HOLDS_ROLE", holder, body, body.sent, role, self.name, self.confidence)
                )
        return out

    def _holder(self, text: str, at: int, mentions: list[Mention]) -> Mention | None:
        """The person of the "Name:" field of the entry a field stands in: on the field's
        own line before it, or on a line above, up to the entry's first blank line."""
        start, end = text.rfind("\n", 0, at) + 1, at
        for above in range(6):
            line = text[start:end]
            if above and not line.strip():
                return None
            if self.name_field.search(line):
                return next(
                    (m for m in mentions if start <= m.start < end and m.type == "Person"), None
                )
            if start == 0:
                return None
            end = start - 1
            start = text.rfind("\n", 0, end) + 1
        return None

    def _posts(
        self, text: str, lo: int, hi: int, mentions: list[Mention]
    ) -> Iterator[tuple[Mention, str]]:
        """(body, post) of each part of a field's value."""
        at = lo
        for part in text[lo:hi].split(";"):
            p_lo, at = at, at + len(part) + 1
            body = next(
                (m for m in mentions if p_lo <= m.start < p_lo + len(part) and m.type in BODIES),
                None,
            )
            post = self.post.fullmatch(text, p_lo, body.start) if body else None
            if body is None or body.demonym or post is None:
                continue
            role = post.group("role")
            if role.split()[-1].lower() in self.role_words:
                yield body, role[0].upper() + role[1:]
