"""Relation rules over sentences, mentions and the dependency parse.

Each rule reads its cue words from rules.toml and returns candidates that point at
mentions; resolution later turns mentions into entities. A rule never invents an actor
that the sentence does not name. The rules themselves live in `graph/extract/relation_rules/`,
one module per family, registered in the order they run; this module runs them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.event_names import document_event
from graph.extract.mentions import Mention, doc_text
from graph.extract.reaction_sections import said_in_reactions
from graph.extract.relation_rules import RELATION_RULES, RuleRegistry
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence, named
from graph.extract.same_state_partners import same_state_partners
from graph.extract.statements import (
    said_away,
    said_in_recalling_passage,
    speakers_not_attendees,
    spoken_elsewhere,
)
from graph.extract.tables import Gazetteer, Rules

__all__ = ["Candidate", "RelationFinder", "Sentence"]


class RelationFinder:
    def __init__(
        self, rules: Rules, gaz: Gazetteer, registry: RuleRegistry = RELATION_RULES
    ) -> None:
        self.rules = rules
        self.gaz = gaz
        self.sentence_rules, self.document_rules = registry.build(rules, gaz)

    def context(
        self,
        doc: Doc,
        sentences: list[Sentence],
        event_of: dict[int, Mention],
        title_end: int = 0,
        home: Mention | None = None,
    ) -> DocumentContext:
        text = doc_text(doc)
        return DocumentContext(
            doc=doc,
            text=text,
            rules=self.rules,
            gaz=self.gaz,
            sentences=sentences,
            # headlines are too compressed to parse into facts reliably
            body=[s for s in sentences if s.span.start_char >= title_end],
            head=[m for s in sentences if s.span.start_char < title_end for m in s.mentions],
            event_of=event_of,
            # the document's own event: the first one it names, not on a "Follows:" line (a
            # table of attendees is its)
            main_event=document_event(sentences, text, self.rules),
            home=home,
        )

    def find(
        self,
        doc: Doc,
        sentences: list[Sentence],
        event_of: dict[int, Mention],
        title_end: int = 0,
        home: Mention | None = None,
    ) -> list[Candidate]:
        ctx = self.context(doc, sentences, event_of, title_end, home)
        for rule in self.sentence_rules:
            rule.start(ctx)
        out: list[Candidate] = []
        for s in ctx.body:
            for rule in self.sentence_rules:
                out += named(rule.find(ctx, s), rule.name, rule.confidence)
        for document_rule in self.document_rules:
            out += document_rule.find(ctx, out)
        out = said_away(spoken_elsewhere(out, ctx.body, self.gaz), ctx.body, self.rules)
        out = said_in_reactions(out, ctx.body, self.rules)  # "## Reactions": said of the event, not at it
        out = same_state_partners(out, ctx)  # one government's bodies are no partners
        # after speakers_not_attendees: one quoted where another event is recalled did not
        # attend it either
        out = speakers_not_attendees(out)
        return said_in_recalling_passage(out, ctx.body, ctx.main_event)
