"""A body's name in another language, in brackets after its English name or its acronym:
"Military Institute of Social Welfare (Instituto de Previsión Social Militar, IPSM)",
"ENIMINAS (Empresa Nicaragüense de Minas)", "Amazon Cooperation Treaty Organization (ACTO;
Portuguese: OTCA)". Each name and acronym in the brackets is the body (the model reads the
foreign name as a second body or a person), and so is each later use of the acronym."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.blocking import spells
from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.extract.tables import load_rules

if TYPE_CHECKING:
    from graph.extract.mentions import Mention, MentionFinder, _Found

_BRACKET = re.compile(r"[*_]{0,2}[ \t]*\(([^()\n]{3,160})\)")  # "**Name** (...)"
_LABEL = re.compile(r"^[A-Z][a-z]+:\s*")  # "Spanish: ", "Portuguese: "
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.-]{1,9}")
_OWNERS = ("Institution", "Event")  # an event's other name only after a label ("Spanish:")
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][\w'’.-]*")


_OF = re.compile(r"\bof\s+(?:the\s+)?")


def acronym_of_last_body(short: str, name: str) -> bool:
    """ "UAV Command of the Aerospace Force of the Islamic Revolutionary Guard Corps (IRGC)",
    "Authority of Heads of State and Government of the Economic Community of West African
    States (ECOWAS)": an acronym in brackets after a chain of bodies that spells the last
    body's name, not the whole one, defines the last body's short form, not the unit's."""
    if " " in short or not short.isupper() or spells(short, name):
        return False
    return any(
        spells(short, name[of.end() :]) and not _portfolios_after(name[: of.start()])
        for of in _OF.finditer(name)
    )


def _portfolios_after(before: str) -> bool:
    """Whether the "of" after `before` opens a ministry's portfolios, no body of its own:
    "Federal Department of [Economic Affairs, Education and Research] (EAER)" is the
    department's acronym, spelled by its portfolios."""
    words = before.split()
    return bool(words) and words[-1] in load_rules().listed_portfolio_heads


@dataclass(frozen=True)
class _Table:
    foreign_words: frozenset[str]
    openers: tuple[str, ...]


@cache
def _table() -> _Table:
    raw = data_file("bracketed_names")
    return _Table(frozenset(raw["foreign_words"]), tuple(raw["openers"]))


@dataclass(frozen=True)
class _Part:
    start: int
    end: int
    acronym: bool


def add_bracketed_names(finder: MentionFinder, found: _Found) -> None:
    """Makes each name and acronym in such brackets a mention of the body before them."""
    text = doc_text(found.doc)
    bodies = {m.name: m for m in found.mentions if m.type in _OWNERS and not m.demonym}
    # an acronym defined before ("ENIMINAS (Empresa ...)"), whatever type a later layer gave it
    for named in [m for m in found.mentions if m.name in bodies]:
        body = bodies[named.name]
        bracket = _BRACKET.match(text, named.end)
        if bracket is None:
            continue
        parts = _parts(bracket.group(1), bracket.start(1))
        if not parts or (body.type == "Event" and ":" not in bracket.group(1)):
            continue
        for part in parts:
            short = text[part.start : part.end]
            known = finder.gaz.lookup(short)
            if known is not None and known.name != body.name:
                continue
            _name_as(found, part.start, part.end, body)
            if part.acronym:
                for start, end, _ in finder._uses(found.doc, short, part.end):
                    _name_as(found, start, end, body, release=False)


def _parts(inner: str, offset: int) -> list[_Part] | None:
    """The names and acronyms of a bracket, or None when it holds anything else (a date, a
    comment) or no name in another language."""
    parts, labelled, or_acronym = [], False, False
    for piece in re.finditer(r"[^,;]+", inner):
        raw = piece.group()
        start = piece.start() + len(raw) - len(raw.lstrip())
        word = raw[start - piece.start() :]
        label = _LABEL.match(word)
        if label:
            labelled, word, start = True, word[label.end() :], start + label.end()
        first = word.split(" ", 1)[0]
        opened = first in _table().openers and " " in word
        if opened:
            word, start = word[len(first) + 1 :], start + len(first) + 1
        stripped = word.strip().strip('*_"“”')
        start += word.index(stripped) if stripped else 0
        if not stripped:
            return None
        acronym = bool(_ACRONYM.fullmatch(stripped))
        if not acronym and not _name(stripped):
            return None
        or_acronym |= acronym and opened and first == "or"
        parts.append(_Part(offset + start, offset + start + len(stripped), acronym))
    names = [p for p in parts if not p.acronym]
    # "(Sala Constitucional, or TSJ-C)": one name, then "or" and an acronym, gives the body's
    # other names even when the name has no small word of another language
    other = labelled or _foreign(inner) or (len(names) == 1 and or_acronym)
    return parts if names and other else None


def _name(words: str) -> bool:
    """Capitalised words, maybe joined by small words: a name."""
    tokens = words.split()
    small = _table().foreign_words | {"of", "and", "the", "for"}
    return (
        len(tokens) >= 2
        and bool(_NAME_WORD.fullmatch(tokens[0]))
        and bool(_NAME_WORD.fullmatch(tokens[-1]))
        and all(_NAME_WORD.fullmatch(t) or t in small for t in tokens)
    )


def _foreign(words: str) -> bool:
    """A name in another language: one of its small words, or a letter outside ASCII."""
    return any(t in _table().foreign_words for t in words.split()) or not words.isascii()


def _name_as(found: _Found, start: int, end: int, body: Mention, release: bool = True) -> None:
    """The text at start:end names the body: a mention there is renamed, or one is added
    (what the model read over it released first, for the bracket itself)."""
    span = found.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return
    hit = next((m for m in found.mentions if (m.start, m.end) == (start, end)), None)
    if hit is not None:
        hit.type, hit.name, hit.key, hit.source = body.type, body.name, body.key, "defined-alias"
        return
    if release:
        found.release(span)
    if found.free(span.start, span.end):
        found.add(span, body.type, body.name, "defined-alias", body.key)
