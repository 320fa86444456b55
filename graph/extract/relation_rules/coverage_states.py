"""ATTENDED on a page of meeting coverage: states that take a position there, each of them
when several share the verb ("Belgium, France and the Netherlands backed the mechanism",
"Switzerland and Japan stressed ...", "South Africa, which lost soldiers, demanded ...").
represented.py reads a lone state that speaks ("China said"); this rule reads the states
joined to it by "and" and the verbs by which a delegation takes a stand (coverage_states.toml
stance_verbs) besides those of saying. A verb that is negated or hedged ("did not take the
floor") gives nothing; away from a coverage page, a state that backs or condemns something
need not be at any meeting."""

from __future__ import annotations

from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class CoverageStates(StatelessRule):
    name = "coverage-state"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.verbs = set(rules.speech_verbs) | set(rule_data(__file__)["stance_verbs"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.event_of.get(s.index)
        if event is None or event.props.get("coverage") != "yes":
            return []
        states = [m for m in s.mentions if m.type == "Country" and not m.demonym]
        if not states:
            return []
        subjects = []
        for tok in s.span:
            verb = tok.head
            if tok.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in self.verbs:
                continue
            if asserted(verb, self.rules):
                subjects += [tok, *tok.conjuncts]
        return [
            Candidate("ATTENDED", m, event, s.index)
            for m in states
            if any(m.start <= t.idx < m.end for t in subjects)
        ]
