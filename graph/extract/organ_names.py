"""A state's organ written as a common noun or a short form, and the same organ named in
full: "the Georgian interior ministry" and "the Ministry of Internal Affairs", "the Swiss
foreign ministry" and "the Swiss Federal Department of Foreign Affairs", "the Foreign
Office" and "the Foreign, Commonwealth & Development Office". One end check, read from
rules.toml [names.organ_words] (an organ's canonical name -> the words its own names hold)
and [names.organ_names] (the short forms; the heads one of the organ's names holds):
where the document names exactly one body of that kind, of that state or of none, the
common noun and the short form are that body."""

from __future__ import annotations

from graph.extract.mentions import Mention
from graph.extract.name_rules import NameRules
from graph.extract.tables import Gazetteer
from graph.model import fold


def _states_named(name: str, gaz: Gazetteer) -> set[str]:
    """The countries a body's name holds ("Swiss ..." -> Switzerland, "... of Georgia")."""
    words = name.replace(",", " ").split()
    found: set[str] = set()
    for n in (1, 2, 3):
        for k in range(len(words) - n + 1):
            chunk = " ".join(words[k : k + n])
            place = gaz.demonyms.get(chunk) if n == 1 else None
            place = place or (gaz.lookup(chunk) if chunk[:1].isupper() else None)
            if place is not None and place.type == "Country":
                found.add(place.name)
    return found


def _kind(m: Mention, organ_words: dict[str, tuple[str, ...]]) -> str | None:
    """The organ a body's own name is of: "Federal Department of Foreign Affairs" -> the
    foreign ministry."""
    text = f" {fold(m.name)} "
    for organ, words in organ_words.items():
        if any(f" {fold(w)} " in text for w in words):
            return organ
    return None


def _reference(
    m: Mention, organ_words: dict[str, tuple[str, ...]], short: frozenset[str]
) -> tuple[str, str] | None:
    """(organ, state) of a common noun ("Ministry of Interior of Georgia", found by the state
    organs layer) or of a short form ("Foreign Office": no state), else None."""
    if m.source == "state-organ":
        organ = next((o for o in organ_words if m.name.startswith(o + " of ")), "")
        return (organ, m.name[len(organ) + 4 :].removeprefix("the ")) if organ else None
    kind = _kind(m, organ_words) if fold(m.text.removeprefix("the ")) in short else None
    return (kind, "") if kind else None


def organs_named_in_full(mentions: list[Mention], names: NameRules, gaz: Gazetteer) -> None:
    """Renames each common noun or short form to the one body of its kind the document
    names in full, of its state or of none."""
    organ_words, short = names.organ_words, names.organ_short_forms
    refs = [
        (m, r)
        for m in mentions
        if m.type == "Institution" and (r := _reference(m, organ_words, short)) is not None
    ]
    if not refs:
        return
    ref_ids = {id(m) for m, _ in refs}
    bodies: dict[str, set[str]] = {}  # organ -> names of bodies of that kind
    states: dict[str, set[str]] = {}
    for m in mentions:
        if m.type != "Institution" or id(m) in ref_ids:
            continue
        if not any(h in m.name.split() for h in names.organ_heads):
            continue  # "the Committee on Foreign Affairs" is no ministry
        kind = _kind(m, organ_words)
        if kind is not None:
            bodies.setdefault(kind, set()).add(m.name)
            states[m.name] = _states_named(m.name, gaz)
    owners: dict[str, set[str]] = {}  # organ -> the states its common nouns name
    for _, (organ, state) in refs:
        owners.setdefault(organ, set()).add(state)
    for m, (organ, state) in refs:
        if len(owners[organ] - {""}) > 1:
            continue  # "China's and South Korea's foreign ministries": whose is the one named?
        named = bodies.get(organ, set())
        fit = {n for n in named if states[n] <= ({state} if state else set())}
        if len(named) == 1 and len(fit) == 1:
            m.name = fit.pop()
            m.key = None
