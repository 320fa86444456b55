"""Facts read from table rows and from listed items under a heading that says who the list
holds (graph/extract/rows.py): ATTENDED, HOSTED, HOLDS_ROLE of the document's own event."""

from __future__ import annotations

from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.rows import ListHeadings, row_facts
from graph.extract.tables import Gazetteer, Rules


class TableRows(StatelessRule):
    name = "table-row"
    confidence = 0.8

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.list_headings = ListHeadings(
            rules.list_headings,
            rules.host_headings,
            rules.absence_words,
            rules.represented_body_headings,
            rules.member_headings,
            frozenset(k for k, p in gaz.entries.items() if p.type == "Country"),
        )

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.main_event or ctx.event_of.get(s.index)
        return [
            Candidate(rel, a, b, s.index, role, self.name, self.confidence)
            for rel, a, b, role in row_facts(s, event, self.list_headings)
        ]
