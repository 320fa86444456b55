"""Regnal and religious names: "Pope Francis", "King Abdullah II", "Emir Tamim", "Sultan
Haitham". The one name after such a title is no surname, so it joins no full name by its
last word ("Dennis Francis", "Mohammed Abdullah"), in its own document or another; the
title is kept on the node (`regnal_title`) so that a bare surname of another document does
not join it either."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from graph.blocking import name_tokens
from graph.extract.data_files import data_file

if TYPE_CHECKING:
    from graph.extract.mentions import Mention

KEY = "regnal_title"
_ORDINAL = re.compile(r"^[ivxl]+$")  # "II" of "Abdullah II": the reign's number


@cache
def _titles() -> tuple[frozenset[str], int]:
    titles = data_file("regnal_titles")["titles"]
    return frozenset(titles), max(len(t.split()) for t in titles)


def one_name(name: str) -> bool:
    """A name of one word, a reign's number aside ("Francis", "Abdullah II")."""
    return len([t for t in name_tokens(name) if not _ORDINAL.match(t)]) == 1


def title_before(words: list[str]) -> str | None:
    """The regnal title the words end with ("... said King" → "King"), if any."""
    titles, longest = _titles()
    for k in range(min(longest, len(words)), 0, -1):
        if " ".join(words[-k:]) in titles:
            return " ".join(words[-k:])
    return None


def title_opening(words: list[str]) -> str | None:
    """The regnal title the words open with ("King Abdullah II" → "King"), if any."""
    titles, longest = _titles()
    for k in range(min(longest, len(words) - 1), 0, -1):
        if " ".join(words[:k]) in titles:
            return " ".join(words[:k])
    return None


def mark_regnal(
    mentions: list[Mention], sentences: list[tuple[int, int, str, str | None]]
) -> None:
    """Marks each person of one name written after a regnal title, in its words ("King
    Abdullah" read whole) or just before them ("Pope" + "Francis")."""
    for m in mentions:
        if m.type != "Person" or not one_name(m.name):
            continue
        start, _, text, _ = sentences[m.sent]
        title = title_opening(m.text.split())
        title = title or title_before(text[: max(0, m.start - start)].split()[-3:])
        if title is not None:
            m.props[KEY] = title


def regnal_title(props: Mapping[str, object]) -> str | None:
    value = props.get(KEY)
    return str(value) if value else None


def first_word_only(rule: str, props: Mapping[str, object]) -> bool:
    """Whether a resolution rule may not join a name after a regnal title: only the rules
    that join a name to a full name opening with it ("Emir Tamim" / "Tamim bin Hamad Al
    Thani") may; those that read it as a surname ("surname", "transliteration") may not."""
    return regnal_title(props) is not None and rule not in ("surname-first", "given name")


def regnal_fits(props: Mapping[str, object], known: Mapping[str, object]) -> bool:
    """A name after a regnal title joins only a known person named after one, and a name
    without one only a person known without one."""
    return (regnal_title(props) is None) == (regnal_title(known) is None)
