"""ATTENDED in meeting coverage: the states whose representatives took part."""

from __future__ import annotations

import re

from spacy.tokens import Token

from graph.extract.mentions import Mention, doc_text, unique_by_name
from graph.extract.relation_rules.context import (
    ORG_TYPES,
    Candidate,
    DocumentContext,
    Sentence,
)
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules

# the states a recorded vote lists in brackets after its count ("7 against (Belarus, Mali)")
_VOTE_LIST = re.compile(
    r"\b(?:in favou?r|against|abstentions?|abstaining|voting no|voting yes)\s*\(([^()]{3,600})\)",
    re.I,
)
_FOR = ("of", "for")  # "the representative of Japan", "the speaker for the United Kingdom"


class Represented(StatelessRule):
    name = "represented"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.represented(s, ctx.event_of.get(s.index))

    def represented(self, s: Sentence, event: Mention | None) -> list[Candidate]:
        """ "NAME (Country) said", "the representative of Japan said", "invited the
        representatives of Haiti, Kenya and Jamaica to take part": on a page covering a
        meeting, each state (or body) represented there attended it."""
        if event is None or event.props.get("coverage") != "yes":
            return []
        text = doc_text(s.span.doc)
        bodies = [m for m in s.mentions if m.type in ORG_TYPES and not m.demonym]
        present: list[Mention] = []
        for p in (m for m in s.mentions if m.source == "speaker"):
            bracket = re.match(r"\s*\(", text[p.end : p.end + 3])
            present += [m for m in bodies if bracket and m.start == p.end + bracket.end()]
        for tok in s.span:
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.rules.speech_verbs:
                # "China said ...", "Kenya urged ...": on a coverage page a state speaks
                # through its delegation (a body said to speak may be quoted from elsewhere)
                present += [
                    m for m in bodies if m.start <= tok.idx < m.end and m.type == "Country"
                ]
            heads = self._represented_by(tok)
            # states spoken for took part; a group spoken for by one member did not
            kinds = ORG_TYPES if tok.lemma_.lower() != "speak" else ("Country",)
            present += [
                m for m in bodies for h in heads if m.start <= h.idx < m.end and m.type in kinds
            ]
        # "by a recorded vote of 12 in favour to none against, with 3 abstentions (China,
        # India, Russian Federation)": a state that voted was there
        for vote in _VOTE_LIST.finditer(text, s.span.start_char, s.span.end_char):
            present += [m for m in bodies if vote.start(1) <= m.start < vote.end(1)]
        return [
            Candidate("ATTENDED", m, event, s.index, rule="represented", confidence=0.7)
            for m in unique_by_name(present)
        ]

    def _represented_by(self, tok: Token) -> list[Token]:
        """The words naming those a speaker's word says took part: "the representative of
        Japan", "the speaker for the United Kingdom", "France's delegate", "(also) speaking
        on behalf of Gabon and Ghana", "speaking for the Group of 77"."""
        lemma = tok.lemma_.lower()
        objs: list[Token] = []
        if lemma in self.rules.delegate_nouns:
            objs += [c for c in tok.children if c.dep_ == "poss"]
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _FOR):
                objs += [c for c in prep.children if c.dep_ == "pobj"]
        elif lemma == "speak" and tok.pos_ == "VERB":
            for prep in (c for c in tok.children if c.dep_ == "prep"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    if prep.lower_ == "for":
                        objs.append(obj)  # "speaking for the Group of 77"
                    elif prep.lower_ == "on" and obj.lower_ == "behalf":
                        objs += [
                            o
                            for of in obj.children
                            if of.dep_ == "prep" and of.lower_ == "of"
                            for o in of.children
                            if o.dep_ == "pobj"
                        ]
        return [h for o in objs for h in (o, *o.conjuncts)]
