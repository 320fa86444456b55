"""Whether the document names its own event only as still to come: a trip preview or a
briefing ("He'll take part in the ASEAN-U.S. Post-Ministerial Conference", "the Secretary
departs this evening for Brazil, where he will meet ... before traveling on to Rio for the G20
Foreign Ministers' Meeting"). Analysts record no host of a meeting not yet held, so hosting.py
does not infer one for it from its name (an organising body) or its city (the city's
country). Cue words: data/planned_events.toml."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.data_files import data_file

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.relations import Sentence

# a verb's tags that carry a tense of their own ("traveling", "to have" borrow their clause's)
_FINITE = ("VBD", "VBZ", "VBP", "MD")


@cache
def _cues() -> tuple[frozenset[str], frozenset[str]]:
    data = data_file("planned_events")
    return frozenset(data["future_aux"]), frozenset(data["prospective_verbs"])


def only_planned(sentences: list[Sentence], mentions: list[tuple[Sentence, Mention]]) -> bool:
    """True when every mention of the event sits in a future or planned clause; an event the
    body does not name (only the headline) is not read as planned."""
    if not mentions:
        return False
    return all(_planned_clause(s, m) for s, m in mentions)


def _planned_clause(s: Sentence, m: Mention) -> bool:
    span = s.span.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    future, prospective = _cues()
    tok: Token = span.root
    for _ in range(12):  # climb to the first verb with a tense of its own
        if tok.pos_ in ("VERB", "AUX") or tok.tag_ in _FINITE:
            auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
            if auxes & future:
                return True  # "he'll take part in X", "will meet ... before traveling to X"
            if tok.lemma_.lower() in prospective and tok.tag_ != "VBN":
                return True  # "I expect him to have meetings at X" (not "the expected X")
            if tok.tag_ in _FINITE or any(a in ("did", "was", "were", "had") for a in auxes):
                return False  # a clause of its own, past or present: the event is real
        if tok.head is tok:
            return False
        tok = tok.head
    return False
