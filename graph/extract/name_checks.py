"""End checks that drop names which are no actors, whatever layer found them: a name cut
before its end, left ending on a connector ("the Chair of the Group of", "the Expoforum
Convention and"), and a territory that is neither a state, a city nor a multi-country region
("Gaza", "the West Bank"), read from rules.toml [names] `territories`, and a region named
only by its adjective ("African mediation"); and a body named only inside its founding
text's name ("the UN Charter"); and a programme, fund or plan ("the European Peace Facility");
and a title's own "of" phrase read as a body ("Heads of [State and Government]")."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.mentions import Mention
from graph.extract.name_rules import NameRules
from graph.model import fold

_KEPT_TYPES = ("Event",)  # events are named by their own layers
# the words after a programme's first word that go on to its subject ("Pact on Migration")
_PROGRAMME_CONNECTORS = frozenset(("for", "on", "of", "against", "to"))


def _cut_at_a_connector(m: Mention, connectors: frozenset[str]) -> bool:
    """ "Chargé d'Affaires of" (the name went on past a line or a title), "Los Angeles
    Declaration on": no name of a body, place or person ends on "of", "and", "for"."""
    if m.key or m.type in _KEPT_TYPES:
        return False
    words = m.text.split()
    return len(words) > 1 and words[-1] in connectors


def _regions_named_only_by_adjective(mentions: list[Mention]) -> set[int]:
    """ "African mediation", "European investors", "Central Asian banks": a region the
    document names only by its adjective is no actor of the story (a state's adjective is
    kept: it names a party, "Kenyan President William Ruto")."""
    named = {m.name for m in mentions if m.type == "Region" and not m.demonym}
    return {id(m) for m in mentions if m.type == "Region" and m.demonym and m.name not in named}


def _document_as_person(m: Mention, documents: frozenset[str]) -> bool:
    """ "General License 24" read as General License, "the Sanctions List", "the Relations
    Act": a person's name holds no word of a document's name (not "Bill", "Law": names)."""
    return m.type == "Person" and not m.key and any(w in documents for w in m.text.split())


def drop_names_that_are_no_actors(
    mentions: list[Mention],
    connectors: frozenset[str],
    territories: frozenset[str],
    documents: frozenset[str] = frozenset(),
    collectives: frozenset[str] = frozenset(),
    heads: frozenset[str] = frozenset(),
) -> list[Mention]:
    """`documents`: words of documents' names; `collectives`: plural nouns of a body's
    members ("Participating States"); `heads`: head words of bodies' names. A person's name
    holds none of the first two and is not one of the third alone ("the Mission's mandate")."""
    adjectives = _regions_named_only_by_adjective(mentions)
    not_in_names = documents | collectives
    return [
        m
        for m in mentions
        if id(m) not in adjectives
        and not _document_as_person(m, not_in_names)
        and not (m.type == "Person" and not m.key and m.text in heads)
        and not _cut_at_a_connector(m, connectors)
        and not {fold(m.text), fold(m.name)} & territories
    ]


@cache
def _text_name(heads: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = "|".join(sorted(map(re.escape, heads)))
    return re.compile(rf"\s+(?:{words})\b"), re.compile(rf"\b(?:{words})\s+of\s+(?:the\s+)?$")


def bodies_inside_text_names(
    mentions: list[Mention], text: str, heads: frozenset[str]
) -> list[Mention]:
    """ "the UN Charter", "the Charter of the United Nations", "the ASEAN Charter": a body
    named only inside its founding text's name is not mentioned as an actor there (the text
    is the topic, not the body); a body the document names elsewhere keeps those mentions."""
    if not heads:
        return mentions
    after, before = _text_name(heads)
    return [
        m
        for m in mentions
        if m.type != "Institution"
        or not (after.match(text, m.end) or before.search(text, max(0, m.start - 40), m.start))
    ]


def _programme_name(name: str, rules: NameRules) -> bool:
    """ "European Peace Facility", "Partnership for Global Infrastructure and Investment",
    "Vision 2030": a programme's, fund's or plan's name by its last or first word."""
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    if len(words) < 2:
        return False
    if words[-1] in rules.programme_heads:
        return True
    if re.fullmatch(r"(?:19|20)\d\d", words[-1]) and words[-2] in rules.dated_plan_heads:
        return True
    return words[0] in rules.programme_openers and words[1] in _PROGRAMME_CONNECTORS


def _initials(name: str) -> str:
    """ "Foreign Military Financing" -> "FMF", "Partnership for Global Infrastructure and
    Investment" -> "PGII": the acronym a text writes for the name."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def programmes_read_as_bodies(mentions: list[Mention], rules: NameRules) -> list[Mention]:
    """Programmes, funds, facilities and plans are no actors unless a body acts
    (ANNOTATION.md), whichever layer read them as a body; nor is their acronym ("FMF" after
    "Foreign Military Financing"), defined in brackets or not. A gazetteer's body stays."""
    names = {
        m.name
        for m in mentions
        if m.type == "Institution" and not m.key and _programme_name(m.name, rules)
    }
    acronyms = {_initials(n) for n in names if len(_initials(n)) >= 2}
    return [
        m
        for m in mentions
        if m.type != "Institution" or m.key or (m.name not in names and m.text not in acronyms)
    ]


@cache
def _title_heads(titles: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each title's first words and "of", singular or plural, in any case, ending the text
    before a name ("Heads of "), with the title's own noun ("state") the name opens with."""
    out = []
    for title in titles:
        head, _, own = title.partition(" of ")
        out.append((re.compile(rf"\b(?i:{re.escape(head)})s?\s+of\s+$"), own))
    return tuple(out)


def _cut_from_a_title(m: Mention, text: str, titles: tuple[str, ...]) -> bool:
    before = text[max(0, m.start - 40) : m.start]
    name = m.text.lower()
    return any(
        (name == own or name.startswith(own + " ")) and head.search(before)
        for head, own in _title_heads(titles)
    )


def title_fragments(mentions: list[Mention], text: str, titles: tuple[str, ...]) -> list[Mention]:
    """ "the Heads of State and Government", "the Chairman Joint Chiefs of Staff Committee",
    "Chief of Mission Residence": a body's name read from the words after a title's "of" that
    open with the title's own noun ("State", "Staff", "Mission") is a piece of the title, no
    body; its other mentions by that name (a defined alias) go with it. A gazetteer's stays."""
    cut = {
        m.name
        for m in mentions
        if m.type == "Institution" and not m.key and _cut_from_a_title(m, text, titles)
    }
    return [m for m in mentions if m.type != "Institution" or m.key or m.name not in cut]


_BRACKETED_ACRONYM = re.compile(r"\(\s*([A-Z]{2,6})\s*\)")


def _expansion(text: str, open_at: int, acronym: str) -> str | None:
    """The words before "(AIS)" whose initials spell it ("automatic identification system",
    "ship-to-ship": each part of a dashed word counts), or None."""
    words = re.findall(r"[\w’'&]+", text[max(0, open_at - 120) : open_at])
    for k in range(len(acronym), min(len(acronym) + 3, len(words)) + 1):
        tail = words[-k:]
        if "".join(w[0] for w in tail).upper() == acronym.upper():
            return " ".join(tail)
        initials = "".join(w[0] for w in tail if w[0].isupper() or w.lower() not in _SKIPPED)
        if initials.upper() == acronym.upper():
            return " ".join(tail)
    return None


_SKIPPED = frozenset(("of", "and", "the", "for", "on", "to", "in"))


def acronyms_of_no_body(
    mentions: list[Mention], text: str, document_heads: frozenset[str]
) -> list[Mention]:
    """ "automatic identification system (AIS)", "ship-to-ship (STS) transfers", "a
    Preferential Trade Agreement (PTA)": an acronym defined for words in lower case, or for a
    document's name, is no body's, and no mention of it by that short form is one."""
    cut = set()
    for m in _BRACKETED_ACRONYM.finditer(text):
        words = _expansion(text, m.start(), m.group(1))
        if words and (words == words.lower() or words.split()[-1] in document_heads):
            cut.add(m.group(1))
    return [m for m in mentions if m.type != "Institution" or m.key or m.text not in cut]
