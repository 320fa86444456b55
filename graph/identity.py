"""Which document a file is: its id from its name, without two names ever sharing one.

A name whose stem is already its own slug keeps the readable id it always had
(`000_aed1e656c6466fb5.txt` → `doc:000_aed1e656c6466fb5`, `summit.md` → `doc:summit`). Any
other name (capitals, spaces, punctuation, accents: `Report (1).txt`, `!!!.txt`) gets its
slug plus `~` and a hash of the exact name (NFC, invisible characters removed), so
`Report (1).txt` and `report-1.txt` are two documents. A slug never holds `~`, so a
hashed id can never equal a readable one. The extension is not part of the identity:
`story.txt` and `story.md` are the same document (one replaces the other only when asked).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from graph.extract.normalise import normalise_text
from graph.model import slug

HASH_CHARS = 10


def document_stem(name: str) -> str:
    """The name that identifies a document: normalised, without folders and extension."""
    base = PurePosixPath(normalise_text(name).strip()).name or name
    stem = PurePosixPath(base).stem if "." in base.lstrip(".") else base
    return stem.strip() or base


def document_id(name: str) -> str:
    stem = document_stem(name)
    readable = slug(stem)
    if readable == stem:
        return f"doc:{readable}"
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"doc:{readable}~{digest}"
