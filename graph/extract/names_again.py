"""People the document names in full once and again where the model does not see them: the
whole name again ("Sadyr Japarov thanked his counterpart", "- Sadyr Japarov and ..."), or its
surname alone, in a list or after "and" ("met Michel, Macron and Scholz"), after a title
("President Ruto welcomed ...", "PM Marape said") or opening a sentence, where the model
often reads an unknown name as a noun ("Zelenskyy, in his address, ...", "Sopoaga said").

The names come from the people already found anywhere in the document (a table row, a
headline's story), so a later layer's person counts too. A surname alone stands only as a
name of its own: no capitalised word but a title before it, none after it, no place, body,
role or date word, and a word the document never writes in lower case."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.extract.mentions import MentionFinder, _Found


@dataclass(frozen=True)
class _Table:
    min_letters: int
    not_alone: frozenset[str]
    place_before: frozenset[str]


@cache
def _table() -> _Table:
    raw = data_file("names_again")
    return _Table(
        int(raw["min_surname_letters"]),
        frozenset(raw["not_alone"]),
        frozenset(raw["place_words_before"]),
    )


def add_names_again(finder: MentionFinder, found: _Found) -> None:
    """Adds the full names again, then the surnames alone, where nothing has read them."""
    people = {m.name for m in found.mentions if m.type == "Person" and len(m.name.split()) > 1}
    if not people:
        return
    doc = found.doc
    lower_words = {t.text for t in doc if t.is_lower}
    # a "name" with a word the document writes in lower case is a phrase the model misread
    people = {
        p for p in people if not any(w[:1].isupper() and w.lower() in lower_words for w in p.split())
    }
    _full_names_again(found, doc, people)
    surnames = _surnames(finder, people)
    for tok in doc:
        name = surnames.get(tok.text)
        if name is None or tok.lower_ in lower_words or not found.free(tok.i, tok.i + 1):
            continue
        if _stands_alone(finder, doc, tok):
            found.add(doc[tok.i : tok.i + 1], "Person", tok.text, "surname-alone")


def _full_names_again(found: _Found, doc: Doc, people: set[str]) -> None:
    """Each free run of tokens that spells a person's full name is that person."""
    by_first: dict[str, list[list[str]]] = {}
    for name in people:
        words = name.split()
        by_first.setdefault(words[0], []).append(words)
    for tok in doc:
        for words in by_first.get(tok.text, ()):
            end = tok.i + len(words)
            if end > len(doc) or [t.text for t in doc[tok.i : end]] != words:
                continue
            if found.free(tok.i, end) and not _capital_after(doc, end):
                found.add(doc[tok.i : end], "Person", " ".join(words), "name-again")
                break


def _surnames(finder: MentionFinder, people: set[str]) -> dict[str, str]:
    """Last word of each full name → the name; a word two people end with is no one's."""
    rules, table = finder.rules, _table()
    out: dict[str, str] = {}
    shared: set[str] = set()
    for name in people:
        word = name.split()[-1]
        if (
            len(word) < table.min_letters
            or not word[:1].isupper()
            or word.isupper()
            or word in table.not_alone
            or word.lower() in rules.honorifics
            or word.lower() in rules.name_particles
            or fold(word) in rules.never
            or finder._role_word(word)
            or finder.gaz.lookup(word) is not None
            or word in finder.gaz.demonyms
        ):
            continue
        if word in out and out[word] != name:
            shared.add(word)
        out[word] = name
    return {w: n for w, n in out.items() if w not in shared}


def _stands_alone(finder: MentionFinder, doc: Doc, tok: Token) -> bool:
    """A name of its own: a title or no capitalised word before it, none after it; a noun
    or verb tag only where a sentence opens (the model's guess for an unknown name)."""
    if tok.pos_ != "PROPN" and not tok.is_sent_start:
        return False
    if tok.ent_type_ == "DATE":
        return False
    if tok.i > 0 and not tok.is_sent_start:
        before = doc[tok.i - 1]
        if _capital(before) and not _title(finder, before.text):
            return False
        if before.lower_ in _table().place_before:
            return False
    return not _capital_after(doc, tok.i + 1)


def _capital_after(doc: Doc, i: int) -> bool:
    """The next token is a capitalised word of the same sentence ("Memorial Park Hotel")."""
    return i < len(doc) and not doc[i].is_sent_start and _capital(doc[i])


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text[:1].isalpha()


def _title(finder: MentionFinder, word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in finder.rules.honorifics or finder._role_word(word) or low in finder.title_words
