"""What a relation rule reads and what it returns: a document's context (its parse, text,
sentences, the event each sentence is about, the state each person serves), one sentence at
a time, and relation candidates that point at mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from graph.extract.doc_cache import doc_text
from graph.extract.mentions import Mention
from graph.extract.tables import Gazetteer, Rules

ORG_TYPES = ("Institution", "Country")
ACTOR_TYPES = ("Country", "Institution", "Person")


@dataclass
class Candidate:
    type: str
    source: Mention
    target: Mention
    sent: int
    role: str | None = None
    rule: str = ""  # which rule read it (provenance, kept on the evidence)
    confidence: float = 0.7  # how often the rule is right on the development corpus


@dataclass
class Sentence:
    index: int
    span: Span
    paragraph: int
    mentions: list[Mention]

    @cached_property
    def text(self) -> str:
        # read once from the document's text: Span.text joins the sentence's tokens per call
        return doc_text(self.span.doc)[self.span.start_char : self.span.end_char]

    @cached_property
    def mention_at(self) -> dict[int, Mention]:
        """Token index -> the mention covering it, built once for every rule that reads it:
        the sentence's mentions are final before the relation rules run."""
        doc = self.span.doc
        out = {}
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                out.update({t.i: m for t in span})
        return out


@dataclass
class DocumentContext:
    """One document as every rule sees it. `states` is published by the role rule's start
    hook (registered first): the state each person holds a role in, by the document's own
    titles, for rules where a bare name acts for its state."""

    doc: Doc
    text: str
    rules: Rules
    gaz: Gazetteer
    sentences: list[Sentence]
    body: list[Sentence]  # the sentences after the title: headlines are too compressed
    head: list[Mention]  # the mentions of the title
    event_of: dict[int, Mention]  # the event each sentence is about
    main_event: Mention | None  # the document's own event
    home: Mention | None  # the country the document speaks for
    states: dict[str, Mention] = field(default_factory=dict)


def named(found: list[Candidate], rule: str, confidence: float) -> list[Candidate]:
    """Name the rule of the candidates that do not name one yet."""
    for c in found:
        if not c.rule:
            c.rule, c.confidence = rule, confidence
    return found
