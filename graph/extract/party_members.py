"""A state's parties named by their members' word ("Republicans blamed the administration",
"Florida Republicans", "Republican members of Congress", "administrations, Democratic and
Republican"): the party, in a text that names its state. Not a word inside another name
("Republican Guard", "Socialists and Democrats", "Sweden Democrats"). The parties and their
words are data/party_members.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file

# the source of the mentions this layer adds (relation rules read it)
PARTY_MEMBERS = "party-members"

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.extract.mentions import MentionFinder, _Found


@dataclass(frozen=True)
class _Word:
    party: str
    state: str
    adjective: bool  # "Republican" (before a noun) rather than "Republicans"


@cache
def _words() -> dict[str, _Word]:
    words: dict[str, _Word] = {}
    for p in data_file("party_members")["parties"]:
        for noun in p["nouns"]:
            words[noun] = _Word(p["party"], p["state"], False)
        for adjective in p["adjectives"]:
            words[adjective] = _Word(p["party"], p["state"], True)
    return words


def add_party_members(finder: MentionFinder, found: _Found) -> None:
    """Each free party word that stands alone, as its party, when its state is named."""
    doc, words = found.doc, _words()
    named = {m.name for m in found.mentions if m.type == "Country"}
    for tok in doc:
        word = words.get(tok.text)
        if word is None or word.state not in named or not found.free(tok.i, tok.i + 1):
            continue
        if word.adjective and (_opens_line(doc, tok) or not _before_common_word(doc, tok, words)):
            continue
        if _inside_name(finder, doc, tok, word):
            continue
        found.add(doc[tok.i : tok.i + 1], "Institution", word.party, PARTY_MEMBERS, word.party)


def _opens_line(doc: Doc, tok: Token) -> bool:
    """ "Democratic governance is ...", "- **Democratic governance:**": an adjective first in
    its sentence or line is capitalised as the first word, not as a party's."""
    if tok.is_sent_start:
        return True
    line = doc.text[doc.text.rfind("\n", 0, tok.idx) + 1 : tok.idx]
    return not any(c.isalnum() for c in line)


def _before_common_word(doc: Doc, tok: Token, words: dict[str, _Word]) -> bool:
    """ "Republican members", "Democratic and Republican": the adjective of a phrase, not
    the first word of a name ("Republican Guard", "Democratic Republic")."""
    if tok.i + 1 >= len(doc):
        return True
    nxt = doc[tok.i + 1]
    return not (nxt.text[:1].isupper() and nxt.text not in words) and nxt.text != "-"


def _inside_name(finder: MentionFinder, doc: Doc, tok: Token, word: _Word) -> bool:
    """Whether the capitalised words before the party word make it part of another name:
    "Sweden Democrats", "Liberal Democrats", "Socialists and Democrats". A place of the
    party's state ("Florida Republicans", "U.S. Democrats") and the other party's word
    ("Democratic and Republican") do not."""
    words, joiners = _words(), data_file("party_members")["joiners"]
    if tok.is_sent_start:
        return False
    prev = doc[tok.i - 1]
    if prev.lower_ in joiners and not prev.is_sent_start:
        prev = doc[prev.i - 1]
    if prev.text in words or not prev.text[:1].isupper():
        return False
    if prev.is_sent_start and prev.pos_ != "PROPN":
        return False  # "Several Republican senators": capitalised as the sentence's first
    place = finder.gaz.lookup(prev.text) or finder.gaz.demonyms.get(prev.text)
    if place is None:
        return prev.ent_type_ != "GPE"  # "Florida Republicans": a place the gazetteer lacks
    return place.name != word.state
