"""SPOKE_AT on a page of meeting coverage read from the shape of its sentences: each
speaker's paragraph opens with the name, its title or group after it, then what the speaker
did at the meeting ("Jane Roe, Permanent Representative of Ruritania, rejected the text",
"Introducing the draft, Jane Roe (EPP, Ruritania) recalled ...", "Ruritania's Jane Roe and
John Doe both stressed ..."). The small model often hangs such a name on the wrong word, so
the rule reads the name's place in the sentence, not its arc: the name opens the sentence or
follows the comma of an opening phrase, and the sentence's main verb comes after it. A name
after a preposition or a verb ("Responding to Jane Roe, ...") is not the speaker; a main verb
that is negated or hedged, passive, or one of coverage_speakers.toml `silent_verbs` says
nobody spoke. Only on a coverage page (the event's props "coverage", event_names.py): in a
news story, a person said to do something near a meeting need not have spoken there."""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class CoverageSpeakers(StatelessRule):
    name = "coverage-speaker"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.rules = rules
        self.silent = set(data["silent_verbs"])
        self.markup = set(data["markup"])
        self.after_name = set(data["after_name"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.event_of.get(s.index)
        if event is None or event.props.get("coverage") != "yes":
            return []
        root = s.span.root
        if not self._speaking_verb(root):
            return []
        out = []
        for p in (m for m in s.mentions if m.type == "Person" and m.end <= root.idx):
            span = s.span.doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and self._opens(span, s):
                out.append(Candidate("SPOKE_AT", p, event, s.index))
        return out

    def _speaking_verb(self, root: Token) -> bool:
        return (
            root.pos_ == "VERB"
            and root.lemma_.lower() not in self.silent
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children)
            and asserted(root, self.rules)
        )

    def _opens(self, name: Span, s: Sentence) -> bool:
        """The name stands where a speaker's does: first in the sentence, after the comma
        that closes an opening phrase, after a state's "'s", or joined by "and" to another
        speaker's name or bracket; a bracket, comma, "of" or a verb follows it."""
        before = self._word_next(name.start - 1, -1, s)
        after = self._word_next(name.end, 1, s)
        if after is not None and after.text not in self.after_name and after.pos_ not in (
            "VERB",
            "AUX",
            "ADV",
        ):
            return False
        if before is None or before.text == ",":
            return True
        if before.text in ("'s", "’s"):
            return any(m.type == "Country" and m.end == before.idx for m in s.mentions)
        if before.lower_ == "and" and before.i > s.span.start:
            prior = before.nbor(-1)
            return prior.text == ")" or prior.ent_type_ == "PERSON"
        return False

    def _word_next(self, i: int, step: int, s: Sentence) -> Token | None:
        """The first word from token i on, going by step, that is no layout."""
        doc = s.span.doc
        while s.span.start <= i < s.span.end and (doc[i].is_space or doc[i].text in self.markup):
            i += step
        return doc[i] if s.span.start <= i < s.span.end else None

