"""Bodies as sanctions lists write them, where the model cuts or misses the name.

- numbered units: "GRU Unit 26165", "Unit 840 of the IRGC Quds Force", "Department 53": the
  number is the name (the model stops before it, or reads only "GRU Unit"), so the unit word
  and its number make one body, with the body named right before it when there is one;
- a person's name the model ran on after a body's head word ("the Special Tasks Department
  Mirza Kezevadze"): the body and the person apart;
- entries in capitals: "4. NORTHWIND LOGISTICS (a.k.a. ...). Address: ...": an item of a
  designation list opening with a name in capitals and an entry cue on its line is a body,
  named in title case; so is a line of an SDN-style list that opens with such a name and
  carries a program tag, with no list mark ("HALEEL LTD, Limassol, Cyprus [SDGT] (Linked To:
  ...)").
The unit words and entry cues are rules.toml's [designations].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# a year is no unit number ("the Department 2024 budget")
_YEAR = re.compile(r"(?:19|20)\d\d")
# a list item opening with a name in capitals (two words or more), then a bracket, a full stop
# or a comma: "4. NORTHWIND LOGISTICS (a.k.a.", "- ZINDASHTI NETWORK."
_CAPITAL_ENTRY = re.compile(
    r"^[ \t]*(?:[-•*]|\d+[.)])[ \t]*(?P<name>[A-Z][A-Z&'’-]+(?:[ \t]+[A-Z][A-Z&'’-]+){1,6})"
    r"(?=[ \t]*[(.,;])",
    re.M,
)

# a line of an SDN-style list, as OFAC's notices print an entity: its name in capitals (two
# words or more) opening the line, then its aliases in brackets or its address after a comma,
# and a program tag further on the line ("[SDGT]", "[IRAN] [IFSR]", "[RUSSIA-EO14024]")
_TAGGED_ENTRY = re.compile(
    r"^(?P<name>[A-Z][A-Z&'’.-]+(?:[ \t]+[A-Z][A-Z0-9&'’.-]*){1,6})(?=[ \t]*[(,])", re.M
)
_PROGRAM_TAG = re.compile(r"\[[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\]")
# an entity's line may give the state it is registered in: no person's nationality
_REGISTRATION = re.compile(r"nationality of registration", re.I)


@dataclass(frozen=True)
class BodySpan:
    start: int
    end: int
    name: str


def numbered_units(
    text: str, bodies: Iterable[tuple[int, int]], unit_words: Iterable[str]
) -> list[BodySpan]:
    """Each "<unit word> <number>" of the text, joined to the body (start, end) that ends
    with the unit word ("GRU Unit" + " 26165") or, an acronym, right before it ("IRGC" +
    " Unit 840")."""
    words = "|".join(re.escape(w) for w in sorted(unit_words, key=len, reverse=True))
    if not words:
        return []
    spans = list(bodies)
    out = []
    for unit in re.finditer(rf"\b(?:{words})[ \t]+(\d{{2,6}})\b(?![/.,]\d)", text):
        if _YEAR.fullmatch(unit.group(1)):
            continue
        start = unit.start()
        for b_start, b_end in spans:
            inside = b_start < unit.start() < b_end <= unit.end()  # "GRU Unit"
            before = b_end < unit.start() and not text[b_end : unit.start()].strip(" \t")
            if inside or (before and text[b_start:b_end].isupper()):  # "IRGC" + "Unit 840"
                start = b_start
        name = re.sub(r"\s+", " ", text[start : unit.end()])
        out.append(BodySpan(start, unit.end(), name))
    return out


def capital_entries(
    text: str, body_cues: Iterable[str], person_cues: Iterable[str]
) -> list[BodySpan]:
    """List items opening with a name in capitals whose line holds a body's entry cue
    ("a.k.a.", "Address:") and no person's ("DOB", "nationality"), named in title case:
    "African Initiative"; short words that are no function words stay capitals ("LLC")."""
    bodies, people = _cue_pattern(body_cues), _cue_pattern(person_cues)
    out = []
    for entry in _CAPITAL_ENTRY.finditer(text):
        line = _line(text, entry.start(), entry.end()).lower()
        if not bodies.search(line) or people.search(line):
            continue
        out.append(_titled(entry))
    for entry in _TAGGED_ENTRY.finditer(text):
        line = _line(text, entry.start(), entry.end())
        if _PROGRAM_TAG.search(line) and not people.search(_REGISTRATION.sub("", line).lower()):
            out.append(_titled(entry))
    return out


def _line(text: str, start: int, at: int) -> str:
    """The line from `start` to its end (searched from `at`)."""
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)]


def _titled(entry: re.Match[str]) -> BodySpan:
    """The entry's name in title case; short words that are no function words stay
    capitals ("LLC", "LTD")."""
    words = entry.group("name").split()
    name = " ".join(w if len(w) <= 3 and w not in _FUNCTION_WORDS else w.title() for w in words)
    return BodySpan(entry.start("name"), entry.end("name"), name)


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """Any of the cues as whole words ("dob", not the "dob" of "adobe")."""
    alternatives = "|".join(re.escape(c.lower()) for c in cues) or "$^"
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


_FUNCTION_WORDS = frozenset({"AND", "THE", "OF", "FOR", "DE", "LA", "DU", "DES", "AL"})


def glued_person(name: str, heads: frozenset[str], is_known: Callable[[str], bool]) -> int | None:
    """Where a person's name starts inside a body's name the model ran on into it ("Deputy
    Head of the Special Tasks Department Mirza Kezevadze": "Mirza Kezevadze" after the body's
    head word): the offset of the name, or None. The tail is two or three capitalised words,
    none a head word nor a word the rules know (a place, a role, a legal form: "Service
    Northern Ireland", "Bank Frankfurt Branch")."""
    words = list(re.finditer(r"\S+", name))
    for k in range(len(words) - 3, max(len(words) - 5, 1) - 1, -1):  # a body of 2+ words
        if words[k].group() not in heads:
            continue
        tail = [w.group() for w in words[k + 1 :]]
        if not 2 <= len(tail) <= 3:
            continue
        if all(re.fullmatch(r"[A-Z][a-zà-ÿ'’-]+", w) for w in tail) and not any(
            w in heads for w in tail
        ):
            rest = name[words[k + 1].start() :]
            known = is_known(rest) or any(is_known(w) for w in tail)  # "Frankfurt Branch"
            return None if known else words[k + 1].start()
    return None
