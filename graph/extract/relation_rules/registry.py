"""The registry of relation rules: what a rule is, and the ordered list of them.

A sentence rule reads one sentence at a time; a document rule reads the whole document
after every sentence rule ran (and sees what they found). Rules run in the order they are
registered, which matters: later de-duplication keeps the first of two equal facts. A rule
is built once per extractor from the rules tables and the gazetteer.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules


class SentenceRule(Protocol):
    """`name` and `confidence` are given to each candidate that does not name its own.
    `start` runs once per document before any sentence (in registration order), for rules
    that keep state across sentences."""

    name: str
    confidence: float

    def start(self, ctx: DocumentContext) -> None: ...

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]: ...


class DocumentRule(Protocol):
    """Reads the whole document once, after the sentence rules; `found` is every candidate
    so far, in order. Returns the candidates it adds, each naming its rule."""

    name: str

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]: ...


RuleFactory = Callable[[Rules, Gazetteer], SentenceRule]
DocumentRuleFactory = Callable[[Rules, Gazetteer], DocumentRule]


class RuleRegistry:
    def __init__(self) -> None:
        self.sentence_rules: list[RuleFactory] = []
        self.document_rules: list[DocumentRuleFactory] = []

    def sentence(self, factory: RuleFactory) -> None:
        self.sentence_rules.append(factory)

    def document(self, factory: DocumentRuleFactory) -> None:
        self.document_rules.append(factory)

    def build(
        self, rules: Rules, gaz: Gazetteer
    ) -> tuple[list[SentenceRule], list[DocumentRule]]:
        return (
            [make(rules, gaz) for make in self.sentence_rules],
            [make(rules, gaz) for make in self.document_rules],
        )


class StatelessRule:
    """A sentence rule with nothing to keep between sentences."""

    def start(self, ctx: DocumentContext) -> None:
        return None


RELATION_RULES = RuleRegistry()


def rule_data(module_file: str) -> dict[str, Any]:
    """A rule module's own data: the TOML file beside it with the same name
    (`rule_data(__file__)` in `memberships.py` reads `memberships.toml`)."""
    return tomllib.loads(Path(module_file).with_suffix(".toml").read_text(encoding="utf-8"))
