"""Demonyms of several words, read before the model's people and bodies: "Papua New Guinean
students", "Sri Lankan fishermen", "Trinidadian and Tobagonian nationals". The model often
takes the tail of such an adjective for a person or a body ("New Guinean"), and the
one-word demonym layer, which runs after it, then finds only the head ("Papua"), so the
country gets a second actor named by half its adjective.

Here the longest demonym of two words or more the gazetteer lists is the country's (or
region's) mention, unless a capitalised word follows it (then it opens a longer name:
"South African Reserve Bank") or a given name stands before it."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.mentions import MentionFinder, _Found
from graph.extract.tables import Gazetteer, Place

# first word -> (words, place), longest first; built once per gazetteer
_INDEX: dict[int, dict[str, list[tuple[tuple[str, ...], Place]]]] = {}


def _index(gaz: Gazetteer) -> dict[str, list[tuple[tuple[str, ...], Place]]]:
    key = id(gaz)
    if key not in _INDEX:
        index: dict[str, list[tuple[tuple[str, ...], Place]]] = {}
        for form, place in gaz.demonyms.items():
            words = tuple(form.split())
            if len(words) >= 2:
                index.setdefault(words[0], []).append((words, place))
        for forms in index.values():
            forms.sort(key=lambda f: -len(f[0]))
        _INDEX[key] = index
    return _INDEX[key]


def _match(
    doc: Doc, i: int, forms: list[tuple[tuple[str, ...], Place]]
) -> tuple[int, Place] | None:
    """The longest form starting at token i: its width in tokens and its place."""
    for words, place in forms:
        end = i + len(words)
        if end <= len(doc) and tuple(t.text for t in doc[i:end]) == words:
            return len(words), place
    return None


def add_long_demonyms(finder: MentionFinder, found: _Found) -> None:
    """Each free demonym of two words or more, as a mention of its country or region."""
    index = _index(finder.gaz)
    doc = found.doc
    for tok in doc:
        forms = index.get(tok.text)
        if not forms or found.taken[tok.i]:
            continue
        hit = _match(doc, tok.i, forms)
        if hit is None:
            continue
        width, place = hit
        end = tok.i + width
        if not found.free(tok.i, end) or finder._after_given_name(doc, tok):
            continue
        if end < len(doc) and doc[end].text[:1].isupper():
            continue  # "South African Reserve Bank": the start of a longer name
        span = doc[tok.i : end]
        found.add(span, place.type, place.name, "demonym", place.name, demonym=True)
