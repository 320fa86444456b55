"""A person listed under a "Name:" field, surname first, in the mixed case of a
government's notice ("Name: Bagheri, Mohammad Hossein", "Name 1: Qureishi, Seyed
Hojatollah"): the field says it is a name, so the words before the comma are the surname
and those after it the given names, read "Mohammad Hossein Bagheri". A capitals-only
surname ("BIGIO, Gilbert") is the surname-first entry of mentions.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = r"[A-Z][\w'’-]+"
_NAME_FIELD = re.compile(
    rf"^[ \t]*(?:(?:[-•*]|\d+[.)])[ \t]*)?(?:Full[ \t]+)?Name(?:[ \t]*\d+)?[ \t]*:[ \t]*"
    rf"(?P<surname>{_WORD}(?:[ \t]{_WORD})?),[ \t]+(?P<given>{_WORD}(?:[ \t]{_WORD}){{0,3}})"
    r"[ \t]*$",
    re.M,
)


def name_field_entries(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, surname, given names) of each "Name: Surname, Given" field line."""
    for entry in _NAME_FIELD.finditer(text):
        yield entry.start("surname"), entry.end("given"), entry["surname"], entry["given"]


_SUFFIX = re.compile(r"^(?:[ivx]+|jr\.?|sr\.?)$")  # "III" of "Lloyd J. Austin III", "Jr."


def surname_of(short: str, full: str) -> bool:
    """Whether a folded name of one word is the last name word of a folded full name
    ("blinken" of "antony j. blinken", "austin" of "lloyd j. austin iii"): a transcript's
    heading names its speakers in full, its text by surname ("SECRETARY BLINKEN:")."""
    words = [w for w in full.replace(",", " ").split() if not _SUFFIX.match(w)]
    if " " in short or len(words) < 2 or words[0] in STOP_WORDS:
        return False  # "Why Ankara ..." of a headline is no person "Ankara"'s full name
    return words[-1] == short
