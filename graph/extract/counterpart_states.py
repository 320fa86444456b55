"""Partners named by their state's adjective: "work with their Mexican partners", "cooperation
between the Border Force and its Fijian counterparts". The noun stands for the state of its
demonym, so the partnership rules (cooperation.py) read the state as the phrase's actor. The
nouns and owner words are data/counterpart_states.toml."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from graph.extract.data_files import data_file
from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    raw = data_file("counterpart_states")
    return frozenset(raw["nouns"]), frozenset(raw["owners"])


def counterpart_states(span: Span, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index of each owned partner noun ("their Mexican partners") -> the country its
    demonym names."""
    nouns, owners = _words()
    demonyms = [m for m in mentions if m.type == "Country" and m.demonym]
    if not demonyms:
        return {}
    out: dict[int, Mention] = {}
    for noun in tokens_with(span, nouns):
        if not any(c.dep_ == "poss" and c.lower_ in owners for c in noun.children):
            continue
        for mod in (c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")):
            state = next((m for m in demonyms if m.start <= mod.idx < m.end), None)
            if state is not None:
                out[noun.i] = state
    return out
