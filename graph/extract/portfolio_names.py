"""A person's full name written right after a long title with a portfolio ("Cabinet
Secretary for Energy and Petroleum Davis Chirchir", "Special Envoy for Climate Change Xie
Zhenhua", "Minister for Europe and Foreign Affairs of France Stéphane Séjourné", "Secretary
of the Treasury Scott Bessent"). The model cuts such a name, takes the portfolio's last word
into it, or reads the whole run as a place or body; the title is left to HOLDS_ROLE.

The title: a capitalised role noun (rules.toml portfolio_roles, role nouns) followed by "of"
or "for". The portfolio: the capitalised words and "of", "for", "and", "the" after it. It
ends after its last portfolio word (data/portfolio_names.toml, a title word, a word the
document writes in lower case) or the last token an earlier layer took (a country, a body:
"... of Portugal", "... for Europe"); the rest of the run, two to four name words, is the
person. Runs before the model's people, so the name it cuts is not read first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from graph.extract.mentions import MentionFinder, _Found

_JOINERS = frozenset({"of", "for", "and", "the", "&"})
_OPENERS = frozenset({"of", "for"})


def portfolio_after_for(text: str, start: int, roles: frozenset[str]) -> bool:
    """Whether the name at `start` follows "<portfolio role> for" with no article ("Cabinet
    Secretary for [Interior]", "Minister for [Europe]"), maybe after other capitalised words
    of the same portfolio ("... for Interior and [National Administration]")."""
    before = text[max(0, start - 60) : start]
    m = re.search(r"([A-Za-z-]+)\s+for\s+(?:[A-Z][\w-]*,?\s+(?:and\s+)?)*$", before)
    return m is not None and m.group(1).lower() in roles


@dataclass(frozen=True)
class _Table:
    words: frozenset[str]
    min_words: int
    max_words: int


@cache
def _table() -> _Table:
    raw = data_file("portfolio_names")
    return _Table(
        frozenset(raw["portfolio_words"]), int(raw["min_name_words"]), int(raw["max_name_words"])
    )


def add_portfolio_names(finder: MentionFinder, found: _Found) -> None:
    """Each title with a portfolio followed by a free full name: the name is a person."""
    doc = found.doc
    lower_words = {t.text for t in doc if t.is_lower}
    for tok in doc:
        if not (_capital(tok) and _title_head(finder, tok)):
            continue
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in _OPENERS:
            continue
        end = _run_end(doc, tok.i + 1, finder)
        start = _portfolio_end(finder, found, doc, tok.i + 1, end, lower_words)
        if start is None or not found.free(start, end):
            continue
        if _a_name(finder, doc, start, end, lower_words):
            span = doc[start:end]
            found.add(span, "Person", finder._tidy_person(span.text), "portfolio-name")


def _title_head(finder: MentionFinder, tok: Token) -> bool:
    low = tok.lower_
    return low in finder.names.portfolio_roles or finder._role_word(low)


def _run_end(doc: Doc, i: int, finder: MentionFinder) -> int:
    """The end of the run of capitalised words and joiners (and name particles, hyphens
    inside a word) from token i, in one sentence; a joiner does not end it."""
    j = i
    while j < len(doc) and (j == i or not doc[j].is_sent_start):
        t = doc[j]
        inner_hyphen = t.text == "-" and not doc[j - 1].whitespace_
        after_hyphen = doc[j - 1].text == "-" and not doc[j - 2].whitespace_ and t.is_alpha
        if not (
            _capital(t)
            or t.lower_ in _JOINERS
            or t.text in finder.rules.name_particles
            or inner_hyphen
            or after_hyphen
        ):
            break
        j += 1
    while j > i and not _capital(doc[j - 1]) and not doc[j - 1].is_alpha:
        j -= 1
    while j > i and (
        doc[j - 1].lower_ in _JOINERS or doc[j - 1].text in finder.rules.name_particles
    ):
        j -= 1
    return j


def _portfolio_end(
    finder: MentionFinder, found: _Found, doc: Doc, i: int, end: int, lower_words: set[str]
) -> int | None:
    """The token after the portfolio's last word (a portfolio word, a title word, a joiner,
    a word written in lower case elsewhere, a token an earlier layer took); None where the
    portfolio ends in a joiner (nothing says where it ends, or the name is its object)."""
    last = None
    for j in range(i, end):
        t = doc[j]
        if t.lower_ in _JOINERS or found.taken[j] or _portfolio_word(finder, t, lower_words):
            last = j
    # a name right after "of", "the", "and" is the portfolio's own object ("Leader of the
    # Grand Ravine"): a body or place, not the holder
    if last is None or last + 1 >= end or doc[last].lower_ in _JOINERS:
        return None
    return last + 1


def _portfolio_word(finder: MentionFinder, t: Token, lower_words: set[str]) -> bool:
    low = t.lower_.rstrip(".")
    return (
        low in _table().words
        or low in finder.title_words
        or low in finder.names.portfolio_roles
        or (t.text[:1].isupper() and low in lower_words)
    )


def _a_name(finder: MentionFinder, doc: Doc, start: int, end: int, lower_words: set[str]) -> bool:
    """Two to four capitalised words, none a date, a place or a demonym, the last no particle."""
    words = [t for t in doc[start:end] if _capital(t)]
    table = _table()
    if not table.min_words <= len(words) <= table.max_words or not _capital(doc[start]):
        return False
    if not _capital(doc[end - 1]) and doc[end - 2].text != "-":
        return False
    for t in words:
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") or not t.is_alpha:
            return False
        if finder.gaz.lookup(t.text) is not None or t.text in finder.gaz.demonyms:
            return False
    return finder.gaz.lookup(doc[start:end].text) is None


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text[:1].isalpha()
