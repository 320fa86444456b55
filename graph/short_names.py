"""Resolution steps for names a document writes short, paired or possessive after the full
name: "the Army" after "Nicaraguan Army" (a national body's head word alone), "the
Ortega-Murillo regime" (two people's surnames joined by a hyphen, which the model reads as
a third person and which makes each surname alone fit two people), "Aung San Suu Kyi's
convoy" (the name read with its possessive)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.blocking import name_tokens
from graph.cross_document import known_given_name
from graph.extract.tables import load_gazetteer, load_rules
from graph.model import fold

if TYPE_CHECKING:
    from graph.resolve import Cluster


def demonym_head(short: str, long: str) -> bool:
    """ "Army" of "Nicaraguan Army", "Parliament" of "Georgian Parliament": a country's
    adjective and one head word; the head word alone names that body again (the resolver
    joins it only when one body of the document fits)."""
    words = long.split()
    if len(words) != 2 or " " in short.strip() or fold(words[1]) != fold(short):
        return False
    place = load_gazetteer().demonyms.get(words[0])
    return place is not None and place.type == "Country"


def state_adjective_head(short: str, long: str) -> bool:
    """ "the Algerian ministry" of "Ministry of Foreign Affairs of Algeria", "the Kenyan
    parliament" of "Parliament of Kenya": a state's adjective and one head word name again
    the body of that state with that head word (the resolver joins it only when one body
    of the document fits)."""
    words = short.split()
    if len(words) != 2:
        return False
    place = load_gazetteer().demonyms.get(words[0])
    if place is None or place.type != "Country":
        return False
    lg = fold(long).split()
    if fold(words[1]) not in (lg[0], lg[-1]) or fold(short) == fold(long):
        return False
    state = fold(place.name)
    return fold(long).endswith(" of " + state) or long.split()[0] == words[0]


def join_bare_words(items: list[Cluster]) -> list[Cluster]:
    """ "the Guards" after "Islamic Revolutionary Guard Corps", "the Corps": one capitalised
    word the model read alone as a body, that is a word (or the plural of one) of exactly
    one body the document named before it, is that body. A word before the name it would
    belong to is left alone ("the Navy" of another state, then "People's Liberation Army
    Navy")."""
    gaz = load_gazetteer()
    bodies = [c for c in items if c.type == "Institution" and len(c.name.split()) >= 2]
    keep = []
    for c in items:
        word = c.name
        if (
            c.type != "Institution"
            or " " in word
            or not word[:1].isupper()
            or word.isupper()
            or any(m.source != "ner-org" for m in c.mentions)
            or gaz.lookup(word) is not None
        ):
            keep.append(c)
            continue
        forms = {fold(word), fold(word[:-1]) if word.endswith("s") else fold(word)}
        first = min(m.start for m in c.mentions)
        fits = [
            b
            for b in bodies
            if forms & set(fold(b.name).split()) and min(m.start for m in b.mentions) < first
        ]
        if len(fits) != 1:
            keep.append(c)
            continue
        fits[0].mentions += c.mentions
        fits[0].rules.add(f"bare word: {word} → {fits[0].name}")
    return keep


def drop_surname_pairs(items: list[Cluster]) -> list[Cluster]:
    """A "person" named "A-B" where A and B are the surnames of two other people of the
    document ("the Ortega-Murillo regime", "the Merkel-Sarkozy plan") is the pair, not a
    person: it is dropped, so that "Murillo" alone joins Rosario Murillo."""
    people = [c for c in items if c.type == "Person" and len(name_tokens(c.name)) >= 2]
    surnames = {name_tokens(c.name)[-1]: c for c in people}
    keep = []
    for c in items:
        parts = c.name.split("-") if c.type == "Person" and " " not in c.name else []
        owners = {id(surnames.get(fold(p))) for p in parts if fold(p) in surnames}
        if len(parts) == 2 and len(owners) == 2:
            continue
        keep.append(c)
    return keep


def join_possessives(items: list[Cluster]) -> list[Cluster]:
    """ "Aung San Suu Kyi's convoy": a name the model read with its possessive, as a body or
    a person, is the person of the name without it, when the document names that person;
    a "name" that opens with a hyphen ("-Kazakh" of "Kyrgyz-Kazakh relations") names no one."""
    people = {fold(c.name): c for c in items if c.type == "Person"}
    keep = []
    for c in items:
        if c.type == "Person" and c.name.startswith(("-", "–")):
            continue
        stem = c.name[:-2] if c.name.endswith(("'s", "’s")) else None
        owner = people.get(fold(stem)) if stem and c.type in ("Person", "Institution") else None
        if owner is not None and owner is not c:
            owner.mentions += c.mentions
            owner.rules.add(f"possessive: {c.name} → {owner.name}")
            continue
        keep.append(c)
    return keep


_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'’-]*)")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def join_name_halves(
    items: list[Cluster], sentences: list[tuple[int, int, str, str | None]]
) -> None:
    """ "THE HON. PETER O'NEILL CMG MP" in a transcript's heading, then "Peter" and "Prime
    Minister O'Neill": a given name alone and a surname alone that the document once writes
    side by side (capitals aside) are one person, named by both, so that the surname does
    not join another document's person of that surname ("Jim O'Neill")."""
    singles = [
        c for c in items if c.type == "Person" and c.mentions and len(name_tokens(c.name)) == 1
    ]
    surnames = {name_tokens(c.name)[0]: c for c in singles}
    for given in singles:
        if not known_given_name(name_tokens(given.name)[0]):
            continue
        for m in given.mentions:
            start, _, text, _ = sentences[m.sent]
            after = _NEXT_WORD.match(text, m.end - start)
            other = surnames.get(fold(after.group(1))) if after else None
            if other is not None and other is not given and other.mentions:
                written = next((s for s in given.surfaces if not s.isupper()), given.name)
                other.rules.add(f"name halves: {given.name} + {other.name}")
                other.name = f"{written} {other.name}"
                other.mentions += given.mentions
                given.mentions = []
                break


def join_defined_short_forms(items: list[Cluster]) -> list[Cluster]:
    """ "Serbian Progressive Party (SNS)" and later "the SNS-led list": a short form the
    document defined, found again where the definition's uses did not reach (the model's
    own reading of it, glued to a hyphenated word), is the body it was defined for, when
    it was defined for one body only."""
    defined: dict[str, set[int]] = {}
    owners = {id(c): c for c in items if c.type == "Institution"}
    for c in owners.values():
        for m in c.mentions:
            if m.source == "defined-alias" and fold(m.text) != fold(c.name):
                defined.setdefault(fold(m.text), set()).add(id(c))
    keep = []
    for c in items:
        found = defined.get(fold(c.name), set()) - {id(c)}
        own = any(m.source in ("gazetteer", "defined-alias") for m in c.mentions)
        if c.type == "Institution" and len(found) == 1 and not own:
            owner = owners[found.pop()]
            owner.mentions += c.mentions
            owner.rules.add(f"defined short form: {c.name} → {owner.name}")
            continue
        keep.append(c)
    return keep


def person_shaped_body(c: Cluster) -> bool:
    """ "Kassym-Jomart Tokayev" read by the model alone as a body, whose surname the
    document writes alone as a person's: a name of two or three capitalised words, none a
    body's head word, a place or a country's adjective, is the person's full name."""
    gaz, rules = load_gazetteer(), load_rules()
    heads = rules.institution_heads | rules.state_body_heads | rules.unit_heads
    words = c.name.split()
    return (
        2 <= len(words) <= 3
        and all(m.source == "ner-org" for m in c.mentions)
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and not any(w in heads or w in gaz.demonyms or gaz.lookup(w) for w in words)
    )
