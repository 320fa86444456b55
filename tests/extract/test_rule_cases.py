"""Relation rules on hand-built parses, with no model loaded: each case in
tests/extract/rule_cases/*.toml gives a sentence, its parse and its mentions by hand, runs
the one registered rule its file names, and lists every fact that rule must read from it,
and nothing else. A model upgrade that changes parses cannot make these pass or fail; a
change to a rule can. (The document-level cases, run with the model, are test_cases.py.)
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from graph.extract.relation_rules import RELATION_RULES
from graph.extract.relation_rules.context import Candidate, named
from graph.extract.relation_rules.registry import SentenceRule
from graph.extract.tables import Gazetteer, Rules, load_gazetteer, load_rules

from .handmade import build, make_doc, make_mention

CASES = Path(__file__).parent / "rule_cases"


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["case"]):
            out.append(pytest.param(data["rule"], case, id=f"{path.stem}-{i}"))
    return out


@pytest.fixture(scope="module")
def tables() -> tuple[Rules, Gazetteer]:
    return load_rules(), load_gazetteer()


def rule_named(name: str, rules: Rules, gaz: Gazetteer) -> SentenceRule:
    """The registered sentence rule of that name, built alone."""
    built = [make(rules, gaz) for make in RELATION_RULES.sentence_rules]
    (rule,) = [r for r in built if r.name == name]
    return rule


def run_rule(name: str, case: dict[str, Any], tables: tuple[Rules, Gazetteer]) -> list[Candidate]:
    """What the rule reads from the case, sentence by sentence, as RelationFinder runs it."""
    rules, gaz = tables
    rule = rule_named(name, rules, gaz)
    ctx = build(case, rules, gaz)
    rule.start(ctx)
    return [c for s in ctx.body for c in named(rule.find(ctx, s), rule.name, rule.confidence)]


def test_every_file_names_a_registered_rule(tables: tuple[Rules, Gazetteer]) -> None:
    registered = {make(*tables).name for make in RELATION_RULES.sentence_rules}
    files = sorted(CASES.glob("*.toml"))
    assert len(files) >= 4
    for path in files:
        assert tomllib.loads(path.read_text(encoding="utf-8"))["rule"] in registered, path


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_rule_reads_exactly_the_facts(
    rule: str, case: dict[str, Any], tables: tuple[Rules, Gazetteer]
) -> None:
    found = run_rule(rule, case, tables)
    got = sorted({(c.type, c.source.name, c.target.name) for c in found})
    want = sorted({(r[0], r[1], r[2]) for r in case["relations"]})
    assert got == want, case.get("about", case["text"])
    for r in (r for r in case["relations"] if len(r) > 3):
        roles = {c.role for c in found if (c.type, c.source.name, c.target.name) == tuple(r[:3])}
        assert roles == {r[3]}, f"{r}: roles read {roles}"
    assert all(c.rule and 0 < c.confidence <= 1 for c in found)  # provenance on every fact


def test_a_parse_that_does_not_spell_its_text_is_refused() -> None:
    with pytest.raises(ValueError, match="numbered"):
        make_doc("Lavrov met Wang.", "0 Lavrov NNP 1 nsubj\n2 met VBD 1 ROOT meet")
    with pytest.raises(ValueError, match="next word"):
        make_doc("Lavrov met Wang.", "0 Lavrov NNP 1 nsubj\n1 saw VBD 1 ROOT see")
    with pytest.raises(ValueError, match="ends before"):
        make_doc("Lavrov met Wang.", "0 Lavrov NNP 1 nsubj\n1 met VBD 1 ROOT meet")


def test_a_mention_off_the_token_edges_or_not_in_the_text_is_refused() -> None:
    doc = make_doc(
        "Lavrov met Wang.",
        "0 Lavrov NNP 1 nsubj\n1 met VBD 1 ROOT meet\n2 Wang NNP 1 dobj\n3 . . 1 punct",
    )
    assert [(t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc][1] == ("VERB", "ROOT", 1, "meet")
    with pytest.raises(ValueError, match="token edges"):
        make_mention(doc, ["Lavro", "Person"])
    with pytest.raises(ValueError, match="not in the text"):
        make_mention(doc, {"text": "Wang", "type": "Person", "nth": 2})
