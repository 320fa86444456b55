"""Meetings named by a group and the office-holders who meet: "the Quad leaders' meeting",
"the G20 leaders' summit", "an EU–Caribbean leaders' meeting", "the Davos national security
advisers' meeting", and the same meeting written the other way round, "a meeting of the Quad
foreign ministers". The group (a known state, body, city or region, a pair of them, an
acronym, or a capitalised name inside a sentence) and the office-holders name the event
together: "the Quad foreign ministers' meeting" is not "the Quad leaders' meeting". Title
Case names ("G20 Foreign Ministers' Meeting") are the title-event layer's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.doc_cache import doc_text
from graph.extract.mentions import MentionFinder, _Found
from graph.model import fold

_OWNER = r"(?P<owner>[A-Z][\w.]*(?:[-–][A-Z][\w.]*)*)"


@lru_cache(maxsize=4)
def _patterns(holders: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    who = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in holders)
    kind = "|".join(map(re.escape, kinds))
    # "Quad leaders' meeting": the group, up to three lower-case words, the holders' possessive
    before = re.compile(
        rf"\b{_OWNER}\s+(?P<holders>(?P<mods>(?:[a-z][\w-]*\s+){{0,3}}?)(?:{who}))['’]\s+(?P<kind>{kind})\b"
    )
    # "a meeting of the Quad foreign ministers"
    after = re.compile(
        rf"\b(?:an?|the)\s+(?P<kind>{kind})\s+of\s+(?:the\s+)?{_OWNER}\s+"
        rf"(?P<holders>(?P<mods>(?:[a-z][\w-]*\s+){{0,3}}?)(?:{who}))\b(?!['’])"
    )
    return before, after


def add_holders_meetings(finder: MentionFinder, found: _Found) -> None:
    """Each meeting named by its group and office-holders, one Event keyed by the phrase's
    words in the order "<group> <holders>' <kind>"."""
    rules = finder.rules
    text = doc_text(found.doc)
    for pattern in _patterns(tuple(rules.office_holders), tuple(rules.holders_kinds)):
        for m in pattern.finditer(text):
            owner = _owner_name(finder, found, m)
            if owner is None:
                continue
            start = m.start() if m.start() < m.start("owner") else m.start("owner")
            if pattern.pattern.startswith(r"\b(?:an?|the)"):
                start = m.start("kind")  # "meeting of the Quad foreign ministers"
            span = found.doc.char_span(start, m.end(), alignment_mode="expand")
            if span is None or not found.free(span.start, span.end):
                continue
            if not _describing_words(found, m):
                continue  # "Indonesia and the first leaders' meeting": no group's name
            holders = re.sub(r"\s+", " ", m["holders"])
            name = f"{owner} {holders}' {m['kind']}"
            found.add(
                span, "Event", name, "holders-meeting", fold(name), props={"kind": m["kind"]}
            )


def _owner_name(finder: MentionFinder, found: _Found, m: re.Match[str]) -> str | None:
    """The group's name as written, when it names a group: known to the gazetteer, a pair of
    known parties ("EU–Caribbean"), an acronym ("G20"), or a capitalised word that does not
    open its sentence (so "The leaders' meeting" has none)."""
    owner = m["owner"].rstrip(".")
    place = finder.gaz.lookup(owner)
    if place is not None:
        return owner
    if finder._parties_pair(owner) or re.fullmatch(r"[A-Z]{2,}|[A-Z]+\d+", owner):
        return owner
    tok = found.doc.char_span(m.start("owner"), m.end("owner"), alignment_mode="expand")
    if tok is None or len(tok) != 1 or tok[0].is_sent_start:
        return None
    return owner if tok[0].pos_ == "PROPN" else None


def _describing_words(found: _Found, m: re.Match[str]) -> bool:
    """The lower-case words before the holders describe them ("foreign", "national
    security"): adjectives and nouns, never a conjunction, article or ordinal."""
    if not m["mods"].strip():
        return True
    words = found.doc.char_span(m.start("mods"), m.end("mods"), alignment_mode="expand")
    return words is not None and all(t.pos_ in ("ADJ", "NOUN", "PROPN") for t in words)
