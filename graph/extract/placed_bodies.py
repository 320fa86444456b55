"""Bodies named with the place they sit or work in: "the United Nations Office at Geneva",
"the US Embassy in Pretoria", "the Embassy of India in Riyadh", "the United Nations
Integrated Office in Haiti", "the EU monitoring mission in Armenia". One end check, read
from one list (rules.toml [names] `placed_body_heads`; `state_mission_heads` are those a
state's adjective may lead): a body's mention, or a body's mention (or a state's adjective)
and a few words ending in a head word, then "in" or "at" and a place the document
names that ends the phrase, is one body named with that place; the same name without the
place elsewhere in the text is that body too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.extract.mentions import Mention

_SEAT = re.compile(r"((?:\s+[\w-]+){0,6}?)\s+(in|at)\s+(?:the\s+)?")


@dataclass
class _Placed:
    body: Mention
    place: Mention
    head_end: int  # where the body's name without its place ends
    word: str  # the head word, folded
    via: str  # "in" or "at"


@cache
def _seat_pattern(heads: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\s+(?:in|at)\s+(?:the\s+)?(.+)$", re.I)


def seat_in_name(name: str, heads: frozenset[str]) -> str | None:
    """The place a body's name ends with after its head word ("Chinese embassy in London"
    -> "london"), lower case; None for a name without one ("Chinese embassy")."""
    seat = _seat_pattern(heads).search(name)
    return seat.group(1).lower() if seat else None


def _has_head(words: str, heads: frozenset[str], *, last: bool) -> str | None:
    """The head word `words` holds (anywhere, or last), folded."""
    padded = f" {words.lower()} "
    for h in heads:
        if padded.endswith(f" {h} ") if last else f" {h} " in padded:
            return h
    return None


def _ends_phrase(text: str, place: Mention) -> bool:
    """ "... in Kabul Province", "... in Haiti's", "... in Geneva-based": the place goes on."""
    after = text[place.end : place.end + 3]
    if after[:1].isalnum() or after.startswith(("'s", "’s", "-")):
        return False
    return not re.match(r"\s[A-Z]", after)


def _seat_of(body: Mention, place: Mention, text: str, heads: frozenset[str]) -> _Placed | None:
    seat = _SEAT.fullmatch(text[body.end : place.start])
    if seat is None or place.demonym or not _ends_phrase(text, place):
        return None
    extra = seat.group(1).split()
    if not extra:  # "the US Embassy in Pretoria", "the Embassy of India in Riyadh"
        if body.text.lower() in heads or body.type != "Institution":
            return None  # "our High Commission in Ottawa": whose, the name does not say
        word = _has_head(body.text, heads, last=False)
    else:  # "the EU monitoring mission in Armenia": the head among the words after
        if sum(w[:1].islower() for w in extra[:-1]) > (1 if body.type == "Institution" else 0):
            return None
        word = _has_head(f"{body.text} {' '.join(extra)}", heads, last=True)
    if word is None or body.name.endswith(" " + place.text):
        return None
    if word == "office" and seat.group(2) == "in" and place.type != "Country":
        return None  # "the Foreign Office in London" is the Foreign Office
    head_end = body.end + len(seat.group(1))
    return _Placed(body, place, head_end, word, seat.group(2))


def _may_lead(m: Mention) -> bool:
    """A body's mention, or a state's adjective before a head word ("the Chinese embassy
    in London", "the Russian consulate in Lyon")."""
    return m.type == "Institution" or m.type == "Country" and m.demonym


def _seats(
    mentions: list[Mention], text: str, heads: frozenset[str], state_heads: frozenset[str]
) -> list[_Placed]:
    ordered = sorted(mentions, key=lambda m: m.start)
    next_place: list[Mention | None] = [None] * len(ordered)  # one pass from the end
    for i in range(len(ordered) - 2, -1, -1):
        after = ordered[i + 1]
        next_place[i] = after if after.type in ("Country", "City") else next_place[i + 1]
    found: list[_Placed] = []
    for i, body in enumerate(ordered):
        if not _may_lead(body) or found and found[-1].head_end > body.start:
            continue
        place = next_place[i]
        if place is None or place.sent != body.sent:
            continue
        if body.type == "Country" and re.search(
            r"\b(?:an?|one|its|their)\s$", text[max(0, body.start - 8) : body.start]
        ):
            continue  # "an Algerian consulate in France": one of several, no body named
        seat = _seat_of(body, place, text, heads if body.type == "Institution" else state_heads)
        if seat is not None:
            found.append(seat)
    return found


def bodies_named_with_their_place(
    mentions: list[Mention], text: str, heads: frozenset[str], state_heads: frozenset[str]
) -> list[Mention]:
    """Names each body found with its place (the mention keeps the words before "in"/"at":
    the place stays a mention of its own); the words after a body up to its head word join
    it, and the mentions inside them go. An acronym in brackets after the place names the
    whole ("... in Haiti (MINUSTAH)")."""
    found = _seats(mentions, text, heads, state_heads)
    if not found:
        return mentions
    gone: set[int] = set()
    short_names: dict[str, set[str]] = {}
    for s in found:
        body = s.body
        if body.type == "Country":  # "Chinese" stays the state's; the embassy is a body
            body = Mention(
                "Institution", body.text, body.text, body.start, body.end, body.sent, "placed-body"
            )
            mentions.append(body)
        if s.head_end > body.end:  # "EU" + "monitoring mission": one mention
            gone |= {id(m) for m in mentions if m is not body and body.end <= m.start < s.head_end}
            body.end, body.text = s.head_end, text[body.start : s.head_end]
            body.name, body.source, body.key = body.text, "placed-body", None
        short = body.name
        body.name = f"{body.name} {text[body.end + 1 : s.place.end]}"
        short_names.setdefault(short, set()).add(body.name)
        after = text[s.place.end : s.place.end + 20]
        acronym = re.match(r"\s*\(([A-Z][A-Za-z]{2,})\)", after)
        for m in mentions:  # "... in Haiti (MINUSTAH)": the acronym names the whole
            if acronym and m.text == acronym.group(1):
                m.name = body.name
    kept = sorted((m for m in mentions if id(m) not in gone), key=lambda m: m.start)
    for m in kept:  # "the US Embassy" after "the US Embassy in Pretoria"; not when two
        if m.type == "Institution" and len(short_names.get(m.name, ())) == 1:
            m.name = next(iter(short_names[m.name]))
    return kept
