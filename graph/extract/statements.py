"""Where a statement was made, and what it says of attendance: a reaction a wire story quotes from another place ("In
Washington, Blinken said ...", "Peskov told reporters in Moscow", "Speaking in Tokyo, Pelosi
said") was not made at the event the passage is about, wherever that event met. A SPOKE_AT
read from such a sentence is dropped unless the place is the event's own: its name holds
it, or it was held there (a LOCATED_IN the rules read, or the country of that city).
A person who spoke at an event is recorded as its speaker, not also as an attendee (the
annotation convention: SPOKE_AT implies presence).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.cue_words import has_word
from graph.extract.doc_cache import doc_text
from graph.extract.tables import Gazetteer, Rules
from graph.model import fold

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.mentions import Mention
    from graph.extract.relations import Candidate, Sentence

PLACES = ("City", "Country", "Region")
# "In Washington, ..." opening the sentence: where what follows was said
_OPENING = re.compile(r"\s*In\s+(?:the\s+)?[A-Z][\w .'’-]{1,40},")
# verbs of a statement whose "in <place>" is where it was made
SPEECH = frozenset({"say", "tell", "speak", "add", "announce", "state", "comment", "respond"})


def spoken_elsewhere(
    candidates: list[Candidate], sentences: list[Sentence], gaz: Gazetteer
) -> list[Candidate]:
    """The candidates without the SPOKE_AT edges whose sentence places the statement in
    another place than the event's."""
    by_index = {s.index: s for s in sentences}
    places: dict[str, set[str]] = {}
    for c in candidates:
        if c.type == "LOCATED_IN" and c.source.type == "Event":
            places.setdefault(_event_id(c.source), set()).add(fold(c.target.name))
            country = gaz.country_of_city(c.target.name)
            if country is not None:
                places[_event_id(c.source)].add(fold(country.name))
    kept = []
    for c in candidates:
        s = by_index.get(c.sent)
        if c.type == "SPOKE_AT" and s is not None:
            said_in = _statement_places(s)
            own = places.get(_event_id(c.target), set())
            name = f" {fold(c.target.name)} "
            if said_in and not any(p in own or f" {p} " in name for p in said_in):
                continue
        kept.append(c)
    return kept


def _statement_places(s: Sentence) -> set[str]:
    """The places the sentence says a statement was made in: "In Washington, X said",
    "told reporters in Moscow", "Speaking in Tokyo" — a place the speech verb is in, not a
    place the statement is about ("said the fighting in Darfur must stop")."""
    text = doc_text(s.span.doc)
    out = set()
    for m in (m for m in s.mentions if m.type in PLACES and not m.demonym):
        span = s.span.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        opening = _OPENING.match(text, s.span.start_char, m.end + 2) is not None
        prep = tok.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
        spoken = prep is not None and prep.head.lemma_.lower() in SPEECH
        if opening or spoken:
            out.add(fold(m.name))
    return out


def _event_id(m: Mention) -> str:
    return m.key or fold(m.name)


def speakers_not_attendees(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates without a person's ATTENDED of an event they SPOKE_AT."""
    spoke = {(fold(c.source.name), _event_id(c.target)) for c in candidates if c.type == "SPOKE_AT"}
    return [
        c
        for c in candidates
        if not (
            c.type == "ATTENDED"
            and c.source.type == "Person"
            and (fold(c.source.name), _event_id(c.target)) in spoke
        )
    ]


def said_away(
    candidates: list[Candidate], sentences: list[Sentence], rules: Rules
) -> list[Candidate]:
    """The candidates without the SPOKE_AT edges read from a sentence that does not name the
    event (only the passage is about it) and whose statement was not made there: a
    spokesperson's or an analyst's comment ("Foreign Ministry spokeswoman X said", "said Y,
    an analyst at ..."), or a statement issued from afar ("said in a statement", "in a video
    address"), rules.toml [statements]; a commenting role the document gave the speaker at
    another mention holds too ("spokesman John Kirby said ..." ... "Kirby said"). A sentence
    that names the event keeps its speaker."""
    by_index = {s.index: s for s in sentences}
    commenters = _commenters(sentences, rules)
    kept = []
    for c in candidates:
        s = by_index.get(c.sent)
        away = (
            s is not None
            and not _names_event(s, c.target)
            and (_remote(s, c.source, rules) or _surname(c.source.name) in commenters)
        )
        if not (c.type == "SPOKE_AT" and away):
            kept.append(c)
    return kept


def _commenters(sentences: list[Sentence], rules: Rules) -> set[str]:
    """The surnames of the people the document gives a commenting role anywhere ("National
    Security Council spokesman John Kirby said ..." ... "Kirby said"; a transcript's header
    "Matthew Miller, Department Spokesperson" ... "MR MILLER:"): the role is written once, at
    the first mention, and holds for the later ones."""
    text = doc_text(sentences[0].span.doc) if sentences else ""
    out = set()
    for s in sentences:
        for m in (m for m in s.mentions if m.type == "Person"):
            # the name's own title before it, or its apposition after a comma: not a
            # spokesman the same sentence names as someone else's source
            title = text[max(s.span.start_char, m.start - 40) : m.start]
            after = text[m.end : min(s.span.end_char, m.end + 40)]
            appos = after if after.startswith(",") else ""
            if has_word(rules.commenter_words, fold(title + " " + appos)):
                out.add(_surname(m.name))
    return out


def _surname(name: str) -> str:
    """The last word of a person's name, folded ("John Kirby" → "kirby")."""
    words = fold(name).split()
    return words[-1] if words else ""


def _names_event(s: Sentence, event: Mention) -> bool:
    return any(m.type == "Event" and _event_id(m) == _event_id(event) for m in s.mentions)


def _remote(s: Sentence, speaker: Mention, rules: Rules) -> bool:
    """Whether the sentence gives the speaker a commenting role or the statement a remote
    channel: the words before the name (its title) or right after it (its apposition)."""
    text = doc_text(s.span.doc)
    lower = s.text.lower()
    if any(cue in lower for cue in rules.remote_statement_cues):
        return True
    around = fold(text[max(s.span.start_char, speaker.start - 60) : speaker.end + 80])
    return has_word(rules.commenter_words, around)


def said_in_recalling_passage(
    candidates: list[Candidate], sentences: list[Sentence], own: Mention | None
) -> list[Candidate]:
    """The candidates without the SPOKE_AT edges to an event other than the document's own
    read from a sentence that does not name it: a passage that recalls another event ("at
    the G7 Hiroshima Summit in May, ...") goes on to quote people about the document's own
    business, and those quotes were not given at the recalled event. A paragraph that names
    the recalled event keeps its speakers ("At the Bali summit, X said ..."), and so does a
    passage that an event opens as its subject ("The first event was the X Forum.")."""
    if own is None:
        return candidates
    by_index = {s.index: s for s in sentences}
    kept = []
    for c in candidates:
        s = by_index.get(c.sent)
        if c.type != "SPOKE_AT" or s is None or _event_id(c.target) == _event_id(own):
            kept.append(c)  # only a speech at a recalled event is read further
        elif _named_here(sentences, s, c.target) or _topic(sentences, s, c.target):
            kept.append(c)
    return kept


def _named_here(sentences: list[Sentence], s: Sentence, event: Mention) -> bool:
    """Whether the paragraph of `s` names the event."""
    return any(_names_event(t, event) for t in sentences if t.paragraph == s.paragraph)


def _topic(sentences: list[Sentence], s: Sentence, event: Mention) -> bool:
    """Whether the last sentence before `s` that names the event makes it its subject or
    predicate ("The first event was the X Forum", "The X Forum opened on ..."): the passage
    after it is about that event, not one recalling it in passing ("at the X Forum last
    year")."""
    before = [t for t in sentences if t.index < s.index and _names_event(t, event)]
    if not before:
        return False
    last = before[-1]
    for m in (m for m in last.mentions if m.type == "Event" and _event_id(m) == _event_id(event)):
        span = last.span.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "attr"):
            return True
    return False
