"""A state's head-of-state office written by the state's adjective or possessive and the
office's lower-case words, as the subject of what it says or does: "the Turkish presidency
announced", "Angola's presidency, which has mediated ..., said", "the Azerbaijani
presidential administration said". The model reads the state alone and the office as
nothing, so the body that spoke went missing.

A mention layer: the office's words (data/state_offices.toml) right after a state's
adjective or possessive, heading a verb's subject, are the body "Presidency of Turkey"; the
state word stays the state's. Not where the sentence or another one gives that state a
chair's turn ("Spain held the rotating presidency of the Council" ... "the Spanish presidency
said"), nor a body's name between ("South Africa's G20 Presidency")."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from graph.extract.data_files import data_file

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found
    from graph.extract.tables import Place

SOURCE = "state-office"
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_POSSESSIVE = frozenset({"'s", "’s"})


@cache
def _table() -> tuple[tuple[tuple[tuple[str, ...], str], ...], re.Pattern[str]]:
    raw = data_file("state_offices")
    offices = tuple(
        (tuple(words.split()), name)
        for words, name in sorted(raw["offices"].items(), key=lambda item: -len(item[0]))
    )
    return offices, re.compile(raw["chair"]["pattern"])


def add_state_offices(finder: MentionFinder, found: _Found) -> None:
    offices, chair = _table()
    doc = found.doc
    chairs: set[str] | None = None  # read once, where an office is written
    for tok in doc:
        for words, office in offices:
            end = tok.i + len(words)
            if end > len(doc) or tuple(t.lower_ for t in doc[tok.i : end]) != words:
                continue
            span = doc[tok.i : end]
            state = _state_before(finder, doc, tok.i)
            if state is None or span.root.dep_ not in _SUBJECTS or not found.free(tok.i, end):
                break
            if chairs is None:
                chairs = _chair_states(finder, doc, chair)
            if state.name not in chairs:
                found.add(span, "Institution", f"{office} of {state.name}", SOURCE)
            break


def _state_before(finder: MentionFinder, doc: Doc, i: int) -> Place | None:
    """ "Turkish [presidency]", "Angola's [presidency]", "South Africa's [presidency]"."""
    if i == 0:
        return None
    place = finder.gaz.demonyms.get(doc[i - 1].text)
    if place is None and doc[i - 1].text in _POSSESSIVE:
        for width in (1, 2, 3):
            if i - 1 - width < 0:
                break
            place = finder.gaz.lookup(doc[i - 1 - width : i - 1].text)
            if place is not None:
                break
    return place if place is not None and place.type == "Country" else None


def _chair_states(finder: MentionFinder, doc: Doc, chair: re.Pattern[str]) -> set[str]:
    """The states a sentence gives a chair's turn ("Spain held the rotating presidency")."""
    states: set[str] = set()
    for sent in doc.sents:
        if chair.search(sent.text):
            states.update(_states_in(finder, sent))
    return states


def _states_in(finder: MentionFinder, sent: Span) -> set[str]:
    names = set()
    for tok in sent:
        for width in (1, 2, 3):
            if tok.i + width > sent.end:
                break
            words = sent.doc[tok.i : tok.i + width].text
            place = finder.gaz.lookup(words) or finder.gaz.demonyms.get(words)
            if place is not None and place.type == "Country":
                names.add(place.name)
    return names
