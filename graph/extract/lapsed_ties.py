"""Ties named only as souring or broken: "a low point in relations between A and B", "the
breakdown of cooperation between A and B". The cue noun of such a phrase states no standing
cooperation. The nouns are in data/lapsed_ties.toml."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from graph.extract.data_files import data_file


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    raw = data_file("lapsed_ties")
    return frozenset(raw["lapse_nouns"]), frozenset(raw["lapse_preps"])


def lapsed(cue: Token) -> bool:
    """Whether a ties noun ("relations", "ties", "cooperation") is the object of "in"/"of"
    after a noun of their souring or end: "a deep chill in ties", "the collapse of"."""
    nouns, preps = _words()
    prep = cue.head
    if cue.dep_ != "pobj" or prep.lower_ not in preps or prep.head.i == prep.i:
        return False
    head = prep.head
    lemma = head.lemma_.lower()
    adjectives = [c.lower_ for c in head.children if c.dep_ == "amod"]
    return lemma in nouns or any(f"{a} {lemma}" in nouns for a in adjectives)
