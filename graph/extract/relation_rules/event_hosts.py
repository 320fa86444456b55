"""HOSTED and LOCATED_IN of the document's own event, over the whole document (graph/
extract/hosting.py): organising bodies, named hosts, the country of the event's city."""

from __future__ import annotations

from graph.extract.hosting import Hosting
from graph.extract.relation_rules.context import Candidate, DocumentContext
from graph.extract.tables import Gazetteer, Rules


class EventHosts:
    name = "hosting"

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.hosting = Hosting(rules, gaz)

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        located = [c for c in found if c.type == "LOCATED_IN"]
        return self.hosting.find(ctx.body, ctx.main_event, located)
