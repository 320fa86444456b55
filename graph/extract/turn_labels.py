"""The speaker labels of a transcript: "PRESIDENT BIDEN: Thank you, Justin.", "SECRETARY
TILLERSON: ...", "ALBANESE: ...", "BK SCHOLZ: ...". The model finds a person in some of
them ("PRIME MINISTER TRUDEAU") and none, or a body ("BK"), in others, so a speaker's turns
went unread and a title's abbreviation became an actor.

A mention layer, before the model's people: a line opening with a label in capitals and a
colon, whose last one to three words are a name the text also writes in title case
("Biden", "Mette Frederiksen"), and whose words before it are titles (role nouns,
honorifics, a short abbreviation), is the person; the title words are taken, no actor.
Generic labels ("QUESTION:", "MODERATOR:") and outlets ("AFP:") are not people. Data:
data/turn_labels.toml."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.extract.mentions import MentionFinder, _Found

_LABEL = re.compile(r"^[ \t]*(?P<label>[A-Z][A-Z'’-]*(?: [A-Z][A-Z'’.-]*){0,5}):[ \t]", re.M)


@cache
def _data() -> tuple[frozenset[str], int]:
    raw = data_file("turn_labels")
    return frozenset(raw["generic_labels"]), int(raw["max_title_abbreviation"])


def _title_word(finder: MentionFinder, word: str, short: int) -> bool:
    low = word.lower().strip(".")
    return (
        low in finder.title_words
        or low in finder._role_noun_words
        or (len(low) <= short and word.isalpha() and low not in finder.rules.connectors)
    )


def _name_of(finder: MentionFinder, words: list[str], text: str) -> int:
    """How many of the label's last words are the name the text writes in title case (0:
    none, or the words before it are not titles)."""
    generic, short = _data()
    for width in (3, 2, 1):
        if width > len(words):
            continue
        name, lead = words[-width:], words[:-width]
        if any(w.lower() in generic or _title_word(finder, w, 0) for w in name):
            continue
        if not all(_title_word(finder, w, short) for w in lead):
            continue
        titled = " ".join(w[:1] + w[1:].lower() for w in name)
        if finder.gaz.lookup(titled) is not None:
            continue  # "PRIME MINISTER OF PAPUA NEW GUINEA": a state's office, no name
        if re.search(rf"\b{re.escape(titled)}\b", text):
            return width
    return 0


def in_turn_label(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands in the speaker label opening its line ("PRIME MINISTER
    TRUDEAU:"): a title there is the speaker's own post, never one in the states the turn
    goes on to name."""
    line = text.rfind("\n", 0, start) + 1
    m = _LABEL.match(text, line)
    return m is not None and end <= m.end("label")


def add_turn_labels(finder: MentionFinder, found: _Found) -> None:
    """Each turn label's name, as a Person; its title words as taken."""
    doc = found.doc
    text = doc_text(doc)
    for m in _LABEL.finditer(text):
        words = m["label"].split()
        width = _name_of(finder, words, text)
        if not width:
            continue
        label = doc.char_span(m.start("label"), m.end("label"), alignment_mode="expand")
        if label is None or not found.free(label.start, label.end):
            continue
        span = label[len(label) - width :]
        if any(t.text != w for t, w in zip(span, words[-width:], strict=False)):
            continue  # the label's tokens are not its words: leave it to the model
        found.add(span, "Person", finder._tidy_person(span.text), "turn-label")
        for k in range(label.start, span.start):
            found.taken[k] = True  # "BK", "PRESIDENT": a title, no actor
