"""HOSTED by the person who chaired an event, over the whole document (graph/extract/
chairs.py)."""

from __future__ import annotations

from graph.extract.chairs import Chairs
from graph.extract.relation_rules.context import Candidate, DocumentContext
from graph.extract.tables import Gazetteer, Rules
from graph.model import fold


class EventChairs:
    name = "chairs"

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.chairs = Chairs(rules)

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        hosts: dict[str, set[str]] = {}
        for c in found:
            if c.type == "HOSTED" and c.source.type == "Institution":
                hosts.setdefault(fold(c.target.name), set()).add(fold(c.source.name))
        return self.chairs.find(ctx.body, ctx.main_event, ctx.event_of, hosts)
