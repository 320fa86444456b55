"""News agencies, outlets and international NGOs named in a story: the questioner's outlet of
a transcript ("Reuters: Has China raised ...", "Kenji Morioka of Kyodo News"), an outlet
quoted as a source ("The Financial Times reported", "told the outlet Euractiv", "said on the
state channel Rossiya 24") and an NGO that acts ("Human Rights Watch urged"). The model reads
many of them as nothing, a person or a place, and two in a row as one body ("Amnesty
International, Human Rights Watch").

A mention layer, after the gazetteer and the name patterns and before the model's people and
bodies: each name of the maintained list (data/press_and_ngos.toml) is that body, unless it
is page furniture (an agency credited in brackets, "(Reuters) -"; a credit, "Photo: AFP",
"REUTERS/Name"), a word of a longer name ("Thomson Reuters", "Sputnik V"), a person's
surname ("Michael Bloomberg" ... "Bloomberg said"), or an acronym the document spells with
another name's initials ("the Armed Forces of the Philippines" ... "the AFP")."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from graph.blocking import initials
from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found

SOURCE = "press-ngo"
_SECTIONS = ("agencies", "outlets", "ngos")
# words that may stand between a credit word and the name it credits ("Photo by AFP")
_CREDIT_LINKS = frozenset({":", "-", "–", "|", "/", "by", "of", "via", "from", "the"})
# a capitalised phrase whose initials may spell an acronym ("Armed Forces of the Philippines")
_PHRASE = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of|the|and|for|on|in|[A-Z][\w'’-]*))+")


@cache
def _table() -> tuple[dict[str, str], re.Pattern[str], frozenset[str]]:
    """Every written form -> its canonical name, one pattern over the forms (longest first,
    exact case: "RT" is the channel, "rt" nothing), and the credit words."""
    raw = data_file("press_and_ngos")
    forms: dict[str, str] = {}
    for section in _SECTIONS:
        for name, others in raw[section].items():
            for form in (name, *others):
                forms.setdefault(form, name)
    alternation = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w@#/-])(?:{alternation})(?![\w/-])")
    return forms, pattern, frozenset(raw["furniture"]["credit_words"])


def add_press_and_ngos(finder: MentionFinder, found: _Found) -> None:
    forms, pattern, credits = _table()
    doc = found.doc
    text = doc_text(doc)
    for m in pattern.finditer(text):
        span = doc.char_span(m.start(), m.end())
        if span is None or not _free_or_inside(found, span):
            continue
        name = forms[m.group()]
        if _furniture(doc, span, credits) or _inside_longer_name(doc, span):
            continue
        if finder._surname_of_named_person(doc, span):
            continue  # "Michael Bloomberg" ... "Bloomberg said": the person
        if _spelled_by_another_name(text, m.group(), name):
            continue
        found.release(span)
        found.add(span, "Institution", name, SOURCE, name)


def _free_or_inside(found: _Found, span: Span) -> bool:
    """The name's words are free, or hold only shorter names inside it ("Rossiya" of
    "Rossiya 24", read as the country): the longer name wins."""
    held = [m for m in found.mentions if m.start < span.end_char and span.start_char < m.end]
    return all(
        span.start_char <= m.start and m.end <= span.end_char and m.end - m.start < len(span.text)
        for m in held
    ) and (bool(held) or found.free(span.start, span.end))


def _furniture(doc: Doc, span: Span, credits: frozenset[str]) -> bool:
    """ "(Reuters) -", "(AFP)": the story's credit; "Photo: AFP", "Image courtesy of
    Reuters", "REUTERS/Jane Doe": a picture's. An agency in brackets after its own full name
    ("Agence France-Presse (AFP)") is named by that name already."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and after is not None and before.text == "(" and after.text == ")":
        return True
    if after is not None and after.text == "/" and after.whitespace_ == "":
        return True
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in _CREDIT_LINKS:
        i -= 1  # "Photo: AFP", "Image courtesy of Reuters": back to the credit word
    return i >= 0 and doc[i].lower_ in credits


def _inside_longer_name(doc: Doc, span: Span) -> bool:
    """ "Thomson Reuters", "Bloomberg Philanthropies", "Sputnik V": a word of another name.
    A capitalised word before it that opens its sentence or line ("The Financial Times") or
    a title word is no part of one."""
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text[:1].isupper() and after.is_alpha:
        return True
    if before is None or not before.text[:1].isupper() or not before.is_alpha:
        return False
    return not before.is_stop and not before.is_sent_start


def _spelled_by_another_name(text: str, form: str, name: str) -> bool:
    """An acronym of the list ("AFP") that the document writes as another name's initials
    ("the Armed Forces of the Philippines") is that name's."""
    if not form.isupper() or " " in form:
        return False
    letters = fold(form)
    return any(
        initials(m.group()) == letters and fold(m.group()) != fold(name)
        for m in _PHRASE.finditer(text)
    )
