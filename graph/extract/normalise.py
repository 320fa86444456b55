"""Text as it enters: NFC, without invisible format characters.

A zero-width space or a bidi override inside "Vladimir Putin" makes a different string that
looks the same, so it would become a second actor (or rename the first). Every text and name
passes through `normalise_text` where it is read, before anything is extracted or stored,
so evidence offsets point into the text exactly as it is kept.
"""

from __future__ import annotations

import re
import unicodedata

# zero-width (space, non-joiner, joiner, word joiner, BOM, Mongolian vowel separator, soft
# hyphen) and bidi controls (marks, embeddings, overrides, isolates, Arabic letter mark)
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def normalise_text(text: str) -> str:
    """NFC, with zero-width and bidi control characters removed."""
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))
