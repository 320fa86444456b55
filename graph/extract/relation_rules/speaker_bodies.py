"""PART_OF of a state body a transcript's speaker calls "our": "in line with the ruling of our
Supreme Court", "ratified by our National Parliament", "to build up the capacity of our Coast
Guard". The speaker is the one whose turn the sentence is in (the label opening the turn's
line, turn_labels.py); their state is the one the label names ("PRIME MINISTER OF PAPUA NEW
GUINEA:") or, for a named speaker ("SECRETARY TEODORO:"), the state the document gives them
a role in. A body whose name holds no state-body head word ("our G7 partners", "our bilateral
consultation") is no organ of the speaker's state, and "our" outside a labelled turn (a
release's "our Embassy") names no speaker here. Patterns: speaker_bodies.toml."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules
from graph.extract.turn_labels import _LABEL


class SpeakerBodies(StatelessRule):
    name = "speaker-body"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.own = re.compile(data["own_before"])
        self.label_state = re.compile(data["label_state"])
        self.heads = frozenset(rules.state_body_heads)
        self.gaz = gaz

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out = []
        for body in s.mentions:
            if body.type != "Institution" or not self.heads & set(body.name.split()):
                continue
            if not self.own.search(ctx.text, max(0, body.start - 12), body.start):
                continue
            state = self._speaker_state(ctx, body.start)
            if state is not None:
                out.append(Candidate("PART_OF", body, state, s.index))
        return out

    def _speaker_state(self, ctx: DocumentContext, at: int) -> Mention | None:
        """The state of the speaker whose turn holds offset `at`: the last turn label
        before it, by the state it names or the role its named speaker holds."""
        labels = [m for m in _LABEL.finditer(ctx.text, 0, at) if m.end() <= at]
        if not labels:
            return None
        label = labels[-1]
        named = self.label_state.search(label.group("label"))
        if named is not None:
            place = self.gaz.lookup(named.group("state").title())
            if place is None or place.type != "Country":
                return None
            return _country_mention(ctx, place.name)
        speaker = next(
            (
                m
                for s in ctx.sentences
                for m in s.mentions
                if m.type == "Person" and label.start("label") <= m.start < label.end("label")
            ),
            None,
        )
        return ctx.states.get(speaker.name) if speaker is not None else None


def _country_mention(ctx: DocumentContext, name: str) -> Mention | None:
    """The document's first mention of the country so named (not a demonym)."""
    return next(
        (
            m
            for s in ctx.sentences
            for m in s.mentions
            if m.type == "Country" and m.name == name and not m.demonym
        ),
        None,
    )
