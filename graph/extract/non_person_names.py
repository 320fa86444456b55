"""Names the model read as a person that are no person, by class: the name's own head word
("Gwadar Port", "14 Kildare Road", "Infrastructure Financing Facility", "Haleel Holdings"),
its first word ("Cyclone Nargis", "Palacio San Martin"), the common noun it modifies ("the
Naftan refinery", "the Druzhba pipeline", "Shan, Kachin and Rakhine communities") or the one
written before it ("the tyre maker Belshina"), or a layout label it opens ("Preceded [by]",
"Gender Male"). The word lists are data/non_person_names.toml; the verdict is read by
`MentionFinder._add_people` for the model's PERSON spans."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from spacy.tokens import Doc, Span

from graph.extract.data_files import data_file, rule_table
from graph.model import fold

Verdict = Literal["Institution", "none"] | None
# how far past a name a noun it modifies may be ("the Karot hydropower project")
MODIFIER_REACH = 4
# how many tokens a list of names after the first may run ("Shan, Kachin, Karen, Chin, Mon
# and Rakhine communities")
LIST_REACH = 16


@dataclass(frozen=True)
class _Words:
    last: frozenset[str]
    company_last: frozenset[str]
    first: frozenset[str]
    thing_after: frozenset[str]
    body_after: frozenset[str]
    person_after: frozenset[str]
    body_before: frozenset[str]
    thing_before: frozenset[str]
    labels: frozenset[str]  # folded layout labels: "preceded by", "gender"
    titles: frozenset[str]  # folded role nouns: "charge daffaires"


@cache
def _words() -> _Words:
    d = data_file("non_person_names")
    names = rule_table("rules")["names"]
    # a document's head that is a person's name too ("Bill", "Law") is left out
    texts = set(names["document_heads"]) - set(names["names_not_documents"])
    heads = [*names["programme_heads"], *names["event_heads"], *texts]
    labels = [*names["not_actors"]["furniture"]]
    labels += rule_table("rules")["designations"].get("word_identifier_labels", [])
    return _Words(
        last=frozenset([*d["last_words"], *(h for h in heads if " " not in h)]),
        company_last=frozenset(d["company_last_words"]),
        first=frozenset(d["first_words"]),
        thing_after=frozenset([*d["thing_after"], *names["place_nouns"]]),
        body_after=frozenset(d["body_after"]),
        person_after=frozenset(d["person_after"]),
        body_before=frozenset(d["body_before"]),
        thing_before=frozenset(d["thing_before"]),
        labels=frozenset(fold(x) for x in labels),
        titles=frozenset(fold(x) for x in rule_table("rules")["roles"]["nouns"]),
    )


def non_person_verdict(sub: Span) -> Verdict:
    """ "Institution" when the name is a body, "none" when it is no actor this layer types,
    None when nothing here speaks against a person."""
    w = _words()
    words = sub.text.split()
    if words[-1] in w.company_last and len(words) > 1:
        return "Institution"
    if words[-1] in w.last or words[0] in w.first or _opens_a_label(sub, w):
        return "none"
    if _opens_a_title(sub, w):
        return "none"
    after = _noun_modified(sub, w)
    if after is not None:
        return "Institution" if after in w.body_after else "none"
    return _noun_before(sub, w)


def _opens_a_label(sub: Span, w: _Words) -> bool:
    """ "**Preceded by** | 15th Summit": the name and the word after it are an infobox's or a
    list entry's label ("Preceded by", "Gender Male;"), not a person."""
    doc = sub.doc
    if fold(sub[0].text) in w.labels:
        return True  # "Gender Male": the label opens the name
    nxt = doc[sub.end].text if sub.end < len(doc) else ""
    return bool(nxt) and fold(f"{sub.text} {nxt}") in w.labels


def _opens_a_title(sub: Span, w: _Words) -> bool:
    """ "our Charge d'Affaires, Michael Thurston": the name is the first word of a title
    the words after it complete (cut where a lower-case particle starts)."""
    doc = sub.doc
    return any(
        fold(doc[sub.start : sub.end + k].text) in w.titles
        for k in range(1, 4)
        if sub.end + k <= len(doc)
    )


def _noun_modified(sub: Span, w: _Words) -> str | None:
    """The lower-case noun of a thing or a body the name modifies, right after it or after a
    few lower-case modifiers ("the Kyaukphyu deep-sea port"), or after the list of names it
    opens ("Shan, Kachin and Rakhine communities"); None when a noun of a person's family or
    office comes first ("the Gupta family business")."""
    doc = sub.doc
    i = _after_list(doc, sub.end)
    for j in range(i, min(i + MODIFIER_REACH, len(doc))):
        tok = doc[j]
        low = tok.lower_
        if not (tok.is_lower or tok.text == "-") or low in w.person_after:
            return None
        if low in w.body_after or low in w.thing_after:
            return low
        if tok.pos_ not in ("NOUN", "ADJ", "PUNCT", "PROPN"):
            return None
    return None


def _after_list(doc: Doc, i: int) -> int:
    """Where a list of capitalised names that goes on after the token i ends with 'and' or
    'or' and its last name ("[, Kachin and Rakhine] communities"); i when no list goes on."""
    j, crossed = i, False
    end = min(len(doc), i + LIST_REACH)
    while j < end and (doc[j].text == "," or doc[j].lower_ in ("and", "or")):
        if doc[j].text == "," and j + 1 < end and doc[j + 1].lower_ in ("and", "or"):
            j += 1  # the comma before the last name
        crossed = crossed or doc[j].lower_ in ("and", "or")
        k = j + 1
        while k < end and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN":
            k += 1
        if k == j + 1:
            return i
        j = k
        if crossed:
            return j
    return i


def _noun_before(sub: Span, w: _Words) -> Verdict:
    """ "the tyre maker Belshina": a lower-case noun of a kind of body right before the
    name makes it that body; one of a vessel or a project ("the tanker Ocean Star") no
    actor. Not when a verb follows: "the project Biden championed" names the person."""
    doc = sub.doc
    if sub.start == 0:
        return None
    before = doc[sub.start - 1]
    if not before.is_lower or before.pos_ != "NOUN":
        return None
    if sub.end < len(doc) and doc[sub.end].pos_ in ("VERB", "AUX"):
        return None
    if before.lower_ in w.body_before:
        return "Institution"
    return "none" if before.lower_ in w.thing_before else None
