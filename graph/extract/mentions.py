"""Mentions of people, countries, institutions, places and events in a parsed document.

Layers, most trusted first: gazetteers and organisation-name patterns, then spaCy's PERSON
spans (mended: joined, extended, split from the titles and places glued to them), then
spaCy's other ORG spans, then demonyms ("Cuban" → Cuba). A later layer never overrides an
earlier one; it keeps only what is left of its span. The layers run in the order
graph/extract/mention_layers.py registers them, each a spaCy component of the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from graph.blocking import spells
from graph.extract.bracketed_names import acronym_of_last_body
from graph.extract.cue_words import phrase_alternatives
from graph.extract.dates import MONTHS
from graph.extract.doc_cache import doc_text, token_lowers, token_texts
from graph.extract.event_names import numbered_event_key, ordinal_of
from graph.extract.listed_bodies import capital_entries, glued_person, numbered_units
from graph.extract.name_fields import name_field_entries, surname_of
from graph.extract.name_rules import load_name_rules
from graph.extract.non_person_names import non_person_verdict
from graph.extract.portfolio_names import portfolio_after_for
from graph.extract.region_names import compass_word_in_name
from graph.extract.tables import Gazetteer, Place, Rules
from graph.model import fold

CALENDAR_WORDS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
}
QUOTE_OPEN = "'‘“\""
QUOTE_CLOSE = "'’”\""
_QUOTED_EVENT = re.compile(
    r"(?P<kind>(?:(?:first|second|third|\d+(?:st|nd|rd|th))\s+)?(?:[Ii]nternational\s+|[Ii]nter-?[Pp]arliamentary\s+|[Pp]arliamentary\s+|[Ee]conomic\s+)*"
    r"(?:[Cc]onference|[Ff]orum|[Ss]ummit))\s*,?\s*[‘'“\"](?P<title>[A-Z][^’'”\"\n]{2,60}?)\s*,?[’'”\"]"
    r"|[‘'“\"](?P<title2>[A-Z][^’'”\"\n]{2,60}?)[’'”\"]\s+(?P<kind2>(?:[Ii]nternational\s+|[Pp]arliamentary\s+)*(?:[Cc]onference|[Ff]orum|[Ss]ummit))"
)

_DEFINED = re.compile(
    r"\s*\((?:the\s+)?(?:a\.k\.a\.?\s+|also known as\s+|or\s+)?"
    r"(?P<short>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\)"
)

HEAD_CHARS = 400
# Head nouns that make a country's name take "the" ("the United Kingdom", "the Republic of
# the Congo", "the Solomon Islands"); grammar, not a list of countries.
_ARTICLE_HEADS = ("Kingdom", "States", "Republic", "Islands", "Emirates", "Federation")
# the state's government, also in its official style ("the Federal Government of Somalia",
# "the Royal Government of Cambodia"), or by its short form with stops ("the U.S. Government")
_GOVERNMENT = re.compile(
    r"^(?:(?:(?:Federal|Royal) )?(?:Government|Union|Republic|Kingdom|State|Federation) of "
    r"(?:the )?(?P<country>.+)"
    r"|(?P<adj>[A-Z][\w.-]+(?: [A-Z][\w-]+)?) Government)$"
)
# "SECURITY COUNCIL / 9430TH MEETING (PM)", "GENERAL ASSEMBLY / ELEVENTH EMERGENCY SPECIAL
# SESSION / 19TH & 20TH MEETINGS (AM & PM)", "... / SEVENTY-EIGHTH SESSION, 52ND MEETING"
# in capitals or in title case ("Security Council / 9231st Meeting (PM)"), as pages print it
_NUMBERED_MEETING = re.compile(
    r"^\s*(?P<body>[A-Z][A-Z ]{3,60}?)\s*\n"
    r"(?:\s*(?P<session>[A-Z][A-Z -]{2,60}? SESSION)\s*(?:,|\n))?"
    r"\s*(?P<number>\d+(?:ST|ND|RD|TH))(?:\s*(?:&|AND|,)\s*\d+(?:ST|ND|RD|TH))* MEETINGS?\b",
    re.M | re.I,
)
# capital letters of the Latin scripts names are written in ("ŽBOGAR", "GÉNÉUS")
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper())
# "BARBARA WOODWARD (United Kingdom) said", "… — AMAR BENDJAMA (Algeria) said", "JEAN VICTOR
# GÉNÉUS, Minister for Foreign Affairs of Haiti, said": a speaker written in capitals, then the
# country in brackets, or at a paragraph's start a comma and the title; "ANA PEREIRA (Brazil)
# and JOHN MBEKI (Ghana) both said": the next speaker of a list joined by "and"
_SPEAKER = re.compile(
    rf"(?:^|(?<=[—–] )|(?<=, )|(?<=\) and ))(?P<name>[{_UPPER}][{_UPPER}'’.-]+"
    rf"(?:\s+(?:[{_UPPER}][{_UPPER}'’.-]+|de|da|del|la|van|von|al|bin)){{1,6}})"
    r"(?:\s+\((?P<country>[A-Z][^)\n]{2,60})\)|(?P<titled>,\s+(?=[A-Z][a-z])))",
    re.M,
)

# the phrase that opens a speaker's paragraph of coverage before the name: a participle
# ("Speaking before the vote, ", "Introducing the draft on behalf of the Core Group, ")
_OPENING_PARTICIPLE = re.compile(r"[A-Z][a-z]+ing\b[^\n]*, ")


def _line_before(text: str, at: int) -> str:
    """The text of the line `at` stands in, up to `at`."""
    return text[text.rfind("\n", 0, at) + 1 : at]


# "- Abdulvahap KOCAK – Turkish national", "Naji Ibrahim SHARIFI-ZINDASHTI, born ...": a list
# item opening with given names and the surname in capitals, as sanctions lists write people;
# maybe after the entry's name field, whose label a bracket may qualify, as the EU's Official
# Journal annexes print it ("Name: Tomas BELSKY", "Name (transliteration into Latin script):
# Alexander Ivanovich PETROV"; the script form of such a field is no Latin name)
_LISTED_PERSON = re.compile(
    r"^[ \t]*(?:(?:[-•*]|\d+[.)])[ \t]*)?"
    r"(?:(?:Full[ \t]+)?Name(?:[ \t]*\([A-Za-z][A-Za-z ]{0,40}\))?[ \t]*:[ \t]*)?(?P<name>(?:(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Za-z][a-zà-ÿ'’]+)?"
    rf"|al|bin|ibn|abu|el|al-[A-Z][a-zà-ÿ]+|abd)[ \t]+){{1,4}}(?P<surname>[{_UPPER}]{{3,}}"
    rf"(?:[-'’ ][{_UPPER}]{{2,}})*))"
    r"(?=\s*(?:[–—,;(:]|-\s|$)|\.(?:\s|$))",  # "Ilya Romanovich SHESTAKOV. DOB: ..."
    re.M,
)

# "BIGIO, Gilbert (a.k.a. ...); DOB ...", "CASTRO MENDOZA, Juan Carlos, Culiacan, ...": a
# list entry opening with the surname in capitals, a comma and the given names
_SURNAME_FIRST = re.compile(
    rf"^[ \t]*(?:(?:[-•*]|\d+[.)])[ \t]*)?(?P<surname>[{_UPPER}]{{2,}}(?:[-'’ ][{_UPPER}]{{2,}}){{0,3}}),"
    r"[ \t]+(?P<given>[A-Z][a-zà-ÿ'’]+(?:(?:[- ]|[ \t](?:de|del|da|dos|di|du|van|von)[ \t])"
    r"[A-Z][a-zà-ÿ'’]+){0,3})(?=[ \t]*[(,;]|[ \t]*$|\.(?:\s|$))",  # "PULIDO, Bayardo de Jesus"
    re.M,
)
# a wire story's dateline: the city in capitals opening a line, then maybe its country or
# state and a date, maybe the agency in brackets, then a dash: "KAMPALA, March 3 (Reuters) -",
# "CAIRO (AP) —", "PORT-AU-PRINCE, Haiti —"; a speaker line ("ZHANG JUN (China) said") has no dash
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z'’.]+(?:[ /-][A-Z][A-Z'’.]+){0,5})"
    r"(?:,\s+(?P<rest>[^\n()—–]{1,40}?))?\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]\s",
    re.M,
)
_WEEKDAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)
_MONTH = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}\s+[A-Z]"
)
_AKA = re.compile(r"\((?:a\.k\.a\.|f\.k\.a\.|aka)[^)\n]*\)", re.I)
# "... KOROBOV. DOB: 12/03/1978. a.k.a. Kirill ZHURAVLYOV.": an alias outside brackets, up to
# the end of its entry field
_AKA_FIELD = re.compile(r"\b(?:a\.k\.a\.|f\.k\.a\.)[ \t]+[^\n;()]*?(?=\.(?:\s|$)|;|$)", re.I | re.M)
# "Also known as: Aleksandr PETROV; Alexandr PETROV", "Name (Cyrillic script): ...": an
# entry's field of its other names, or of its name in another script (the EU's annexes), up
# to the end of the line; the Latin transliteration field is the name itself
_OTHER_NAME_FIELDS = re.compile(
    r"^[ \t]*(?:Also[ \t]+known[ \t]+as|Name[ \t]*\((?![^()\n]*Latin)[^()\n]*script\))[ \t]*:[^\n]*",
    re.I | re.M,
)

# "- Meddie Nkalubo, a senior figure in ...", "3. Alain Goetz, the beneficial owner of ...":
# a list item opening with a name in Title Case and a description after a comma
_ITEM_PERSON = re.compile(
    r"^[ \t]*(?:[-•*]|\d+[.)]?)[ \t]+(?P<name>[A-Z][\w'’-]+(?:[ \t]+(?:[A-Z][\w'’-]+|de|da|del"
    r"|van|von|al|bin|ibn|el|la|le|do|dos)){1,4}),[ \t]+"
    r"(?P<desc>(?:(?:a|an|the|born|who|aged)\b|[A-Z][a-z]+)[^\n]{0,60})",
    re.M,
)

# A briefing's questioners and their outlets: "Our first question goes to the line of
# Anne-Marie Duval from Agence France-Presse.", "Let's go to Rafael Cordero, Bloomberg.",
# "Next question, Thu Trang Le of VOA Vietnamese.", "Anjali: Anjali Pathak from The Indian
# Express." (a questioner's own label, then name and outlet)
_QNAME = r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,3})"
_QWORD = r"[\w&'’-]*(?:\.[A-Z][\w&'’-]*)*"  # "U.S.", never a sentence's full stop
_QOUTLET = rf"(?P<outlet>(?:The[ \t]+)?[A-Z]{_QWORD}(?:[ \t]+[A-Z0-9]{_QWORD}){{0,3}})"
# a table cell's note in lower case in brackets after its name: "Indonesia (host)"
_ROW_NOTE = re.compile(r"\s*\([a-z][\w ,-]*\)$")

_QUESTIONER = re.compile(
    r"(?:\b(?:line of|go to|goes to|turn to|[Qq]uestion,|[Qq]uestion from)[ \t]+"
    + _QNAME
    + r"(?:[ \t]*,[ \t]*|[ \t]+(?:of|from|at|with)[ \t]+)"
    + _QOUTLET
    + r"[ \t]*[.?]?[ \t]*$"
    + r"|^[A-Z][\w-]+:[ \t]+(?:Sir,[ \t]+)?"
    + _QNAME.replace("name", "name2")
    + r"[ \t]+from[ \t]+"
    + _QOUTLET.replace("outlet", "outlet2")
    + r"\.)",
    re.M,
)

# A question's own line in a transcript names who asks and for whom: "QUESTION: Thanks, Matt.
# Daniel Hurst, Associated Press.", "Rohit: Sir, Rohit Sharan, CNN-News18.", "Question:
# (Imran Haider, Daily Awam)", "Kavita: Sir, Kavita Menon from the Press Trust of India.",
# and, in a ministry's record, "NHK, Morita:" (the outlet, then the reporter's surname)
_COURTESY = r"(?:(?:Sir|Ma'am|Madam|Hi|Hello|Thanks|Thank[ \t]+you|Yes|Good[ \t]+\w+|Thanks,[ \t]+\w+)[.,!][ \t]+)"
# an outlet's name may hold "of": "Press Trust of India", "Associated Press of Pakistan"
_QOUTLET_OF = (
    rf"(?P<outlet>(?:The[ \t]+)?[A-Z]{_QWORD}(?:[ \t]+(?:of[ \t]+)?[A-Z0-9]{_QWORD}){{0,4}})"
)
_QUESTION_LINE = re.compile(
    r"^(?:QUESTION|Question|Q|[A-Z][a-z]+):[ \t]+(?:"
    + _COURTESY
    + r"{0,3}"
    + _QNAME.replace("{0,3}", "{1,3}")
    + r"(?:[ \t]*,[ \t]*|[ \t]+(?:of|from)[ \t]+(?:the[ \t]+)?)"
    + _QOUTLET_OF
    + r"\.[ \t]"
    + r"|\("
    + _QNAME.replace("name", "name2").replace("{0,3}", "{1,3}")
    + r",[ \t]*"
    + _QOUTLET_OF.replace("outlet", "outlet2")
    + r"\))"
    + r"|^"
    + _QOUTLET.replace("outlet", "outlet3")
    + r",[ \t]+(?P<name3>[A-Z][a-z]+):[ \t]",
    re.M,
)

# the words between an occasion's number and its kind ("eleventh emergency special session")
_OCCASION_QUALIFIERS = r"ordinary|extraordinary|special|plenary|high-level|annual|emergency|regular"
_BODY_EVENT = re.compile(
    r"\b(?P<pre>\d+(?:st|nd|rd|th)|[Ee]mergency|[Ee]xtraordinary|[Oo]rdinary|[Ss]pecial"
    r"|[Aa]nnual|[A-Za-z]+(?:-[a-z]+)?)"
    rf"\s+(?:(?:{_OCCASION_QUALIFIERS})\s+)?"
    r"(?P<kind>meeting|summit|session|conference)\s+of\s+(?:the\s+)?"
)
# "The Security Council held its 9904th meeting", "met in its eleventh emergency special
# session": the body is the one the sentence named before "its"
_ITS_EVENT = re.compile(
    r"\bits\s+(?P<pre>\d+(?:st|nd|rd|th)|[A-Za-z]+(?:-[a-z]+)?)"
    rf"(?P<quals>(?:\s+(?:{_OCCASION_QUALIFIERS}))*)\s+(?P<kind>meeting|session|summit|conference)\b"
)
# the words of _BODY_EVENT's "pre" that name an occasion without a number
_OCCASION_WORDS = frozenset({"emergency", "extraordinary", "ordinary", "special", "annual"})

_ORG_EVENT = re.compile(
    r"\b(?:(?P<pre>(?:19|20)\d\d|\d+(?:st|nd|rd|th))\s+)?"
    # a dashed pair or chain of parties, dotted acronyms among them: "Korea-U.S.-Japan"
    r"(?P<org>[A-Z][\w]*(?:\.[A-Z]\.)?(?:[-–][A-Z][\w]*(?:\.[A-Z]\.)?){0,2}(?:\s+[A-Z][a-z]+){0,2}?)\s+"
    r"(?P<kind>[Ss]ummit|[Ff]orum|[Cc]onference)\b"
    # "Japan-ROK Summit Meeting", "the ROK-U.S. summit meeting": a pair's summit named in
    # full, its second kind word written in the first's case (read for pairs only)
    r"(?:[ \t]+(?P<tail>(?<=Summit[ \t])Meeting|(?<=summit[ \t])meeting)\b(?![ \t]+[A-Z]))?"
)
# "the Group of Twenty (G20) summit": the body's name with its acronym defined in brackets,
# then the kind word; the event is the acronym's, named by the whole phrase
_DEFINED_ORG_EVENT = re.compile(
    r"\b(?P<long>[A-Z][\w-]*(?:\s+(?:of|for|and|the|[A-Z][\w-]*|\d+)){1,6})\s+"
    r"\((?P<org>[A-Z][A-Z0-9]{1,7})\)\s+(?P<kind>[Ss]ummit|[Ff]orum|[Cc]onference)\b"
)

# the capitalised word written right before a match ("Third" before "Russia–Africa Summit")
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:-[A-Za-z]+)?)[ \t]+$")


def unique_by_name(items: Iterable[Mention]) -> list[Mention]:
    """The mentions in order, each name once (a sentence may name one actor twice)."""
    seen: set[str] = set()
    out = []
    for m in items:
        if m.name not in seen:
            seen.add(m.name)
            out.append(m)
    return out


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """The entities, built once: Doc.ents walks every token on each call."""
    if "ents" not in doc.user_data:
        doc.user_data["ents"] = tuple(doc.ents)
    return doc.user_data["ents"]


def full_name_surnames(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """Last word of every PERSON entity of two words or more → where those entities are."""
    if "surnames" not in doc.user_data:
        found: dict[str, list[tuple[int, int]]] = {}
        for e in doc_ents(doc):
            if e.label_ == "PERSON" and len(e) > 1:
                found.setdefault(e[-1].text, []).append((e.start, e.end))
        doc.user_data["surnames"] = found
    return doc.user_data["surnames"]


# "&" and "and" inside a company's name, and "AND" of a name in capitals, as sanctions
# lists write their entries ("5. NORTHWIND AND SONS TRADING L.L.C. (a.k.a. ...)")
_COMPANY_JOINERS = ("&", "and", "AND")


@dataclass
class Mention:
    type: str
    text: str  # as written
    name: str  # the best name this mention gives (canonical for gazetteer hits)
    start: int
    end: int
    sent: int  # sentence index
    source: str  # which layer found it
    key: str | None = None  # a strong identity key (gazetteer name, event title)
    props: dict[str, str] = field(default_factory=dict)
    demonym: bool = False


class MentionFinder:
    def __init__(self, vocab: Vocab, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.names = load_name_rules()
        self.gaz = gaz
        self.title_words = rules.honorifics | {r.lower() for r in rules.role_nouns}
        series = "|".join(sorted(map(re.escape, rules.numbered_series)))
        # "COP28", "COP 27": built once, not for every document
        self.numbered_series = (
            re.compile(rf"\b(?P<s>{series})\s?(?P<n>\d{{1,3}})\b") if series else None
        )
        # ORTH, not LOWER: "US" is the country, "us" is not
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        organs = phrase_alternatives(sorted(self.names.state_organs, key=len, reverse=True))
        self.organ_of_state = re.compile(
            rf"(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,2}}?)(?:['’]s)?\s+(?:own\s+)?"
            rf"(?P<organ>(?i:{organs}))\b"
            rf"|(?P<organ2>(?i:{organs}))\s+in\s+(?P<city>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
        )
        legislatures = [  # "State Duma", "Federal Assembly of the Russian Federation"
            form
            for name, written in gaz.written.items()
            if _LEGISLATURE_WORDS & set(name.split())
            and getattr(gaz.lookup(name), "type", None) == "Institution"
            for form in written
        ]
        self.known_legislatures = re.compile(
            r"\b(?:"
            + "|".join(map(re.escape, sorted(legislatures, key=len, reverse=True)))
            + r")\b"
            if legislatures
            else "$^"
        )
        tokenizer = English().tokenizer
        forms = sorted({form for written in gaz.written.values() for form in written})
        self.matcher.add("GAZ", [tokenizer(form) for form in forms if gaz.lookup(form)])

    # ---- layer 1: gazetteer hits and organisation / event name patterns ----
    def _gazetteer(self, doc: Doc) -> list[tuple[Span, Place]]:
        hits = []
        for _, s, e in self.matcher(doc):
            span = doc[s:e]
            place = self.gaz.lookup(span.text)
            if (
                place is None
                or fold(span.text) in self.rules.never
                or self._alternate_misread(span, place)
            ):
                continue
            if place.type == "Region" and compass_word_in_name(
                doc_text(doc), span.start_char, span.end_char, self.names.compass_regions
            ):
                continue  # "the West Bank", "West African": not the West
            hits.append((span, place))
        return hits

    def _alternate_misread(self, span: Span, place: Place) -> bool:
        """A country's other spelling of one word ("Island" for Iceland, "Mann" for the Isle
        of Man) read as something else: inside a capitalised name ("Vetra Island", "Aung
        Thet Mann"), whose English names alone name the country, or where the model reads
        an English word ("Island nations"), or the surname of a person the document names
        in full. A demonym of the same country stays."""
        key = fold(span.text)
        if len(span) != 1 or key not in self.gaz.alternates:
            return False
        if self.gaz.demonyms.get(span.text) == place:
            return False
        tok, doc = span[0], span.doc
        if tok.pos_ not in ("PROPN", "") or self._surname_of_named_person(doc, span):
            return True  # an English word; "Mann said" after "Ottilie Mann"
        if tok.head.i == tok.i + 1 and tok.head.is_lower and tok.head.pos_ == "NOUN":
            return True  # "Island nations" opening a sentence, read as a name
        neighbours = [doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
        return any(
            n.is_alpha
            and n.text[:1].isupper()
            and n.pos_ == "PROPN"
            and not self.gaz.lookup(n.text)
            for n in neighbours
        )

    def _is_cap(self, tok: Token) -> bool:
        t = tok.text
        return bool(t) and t[0].isupper() and t.lower() not in ("the", "a", "an", "and", "of")

    def _institutions(self, doc: Doc, country_tokens: set[int]) -> list[Span]:
        """Bodies named around a head word ("Council", "Ministry", "Office"): the capitalised
        words before it and the name's continuation after it."""
        heads = self.rules.institution_heads
        spans: list[Span] = []
        i = 0
        texts = token_texts(doc)  # no Token built for the words that are no head
        while i < len(doc):
            if texts[i] not in heads or not texts[i][0].isupper():
                i += 1
                continue
            start = self._left_list(doc, self._body_start(doc, i, country_tokens), country_tokens)
            end = self._body_end(doc, i, country_tokens)
            span = doc[start:end]
            while len(span) > 1 and span[-1].text in ("’s", "'s", ",", "and", "of", "the"):
                span = span[:-1]
            body = self._out_of_a_title(span)
            if body is not None:
                spans.append(body)
            i = end
        return spans

    def _out_of_a_title(self, span: Span) -> Span | None:
        """A body's name read into a title around it: "the Government of Prime [Minister X]"
        and "Prime Cabinet [Secretary]" end inside a title (the name is what comes before
        the title's first word, or none); "High Representative of the European Union for
        Foreign Affairs ..." holds a known body, then the title's portfolio after "for"."""
        doc = span.doc
        if span.end < len(doc) and self._role_word(doc[span.end].text):
            role = doc[span.end].lower_
            for k in range(min(3, len(span)), 0, -1):
                if (
                    " ".join([*(t.lower_ for t in span[len(span) - k :]), role])
                    in self._role_noun_set
                ):
                    span = span[: len(span) - k]
                    while len(span) and span[-1].lower_ in ("of", "for", "and", "the", "’s", "'s"):
                        span = span[:-1]
                    heads = self.rules.institution_heads
                    return span if any(t.text in heads for t in span) else None
        return self._body_before_a_portfolio(span)

    def _body_before_a_portfolio(self, span: Span) -> Span:
        """ "[High Representative of the] European Union for Foreign Affairs and Security
        Policy": after a title's "of", the known body the name opens with is the body; what
        follows its "for" is the title's portfolio (a name known as a whole stays)."""
        before = doc_text(span.doc)[max(0, span.start_char - 40) : span.start_char]
        m = re.search(r"([A-Za-z-]+)\s+of\s+(?:the\s+)?$", before)
        if m is None or not self._role_word(m.group(1)) or self.gaz.lookup(span.text):
            return span
        cut = next((t.i for t in span[1:] if t.lower_ == "for"), None)
        if cut is None or self.gaz.lookup(span.doc[span.start : cut].text) is None:
            return span
        return span.doc[span.start : cut]

    def _body_start(self, doc: Doc, head: int, country_tokens: set[int]) -> int:
        """The capitalised words before a body's head word that are its name's own; a
        country ends them unless written short ("U.S. Department of the Treasury", "UK
        Border Force")."""
        start = head
        while start - 1 >= 0 and not doc[start].is_sent_start:
            glued = self._glued_word_before(doc, start)
            if glued is not None:  # "High-Level Panel", "Workers' Party"
                start = glued
                continue
            if not self._is_cap(doc[start - 1]):
                break
            prev = doc[start - 1]
            if prev.i in country_tokens and prev.ent_type_ != "NORP":
                if _abbreviation(prev.text):
                    start -= 1
                break
            if prev.is_sent_start and prev.pos_ not in ("PROPN", "ADJ"):
                break
            start -= 1
        return start

    def _glued_word_before(self, doc: Doc, start: int) -> int | None:
        """Where a capitalised word glued to a body's name by a hyphen or a plural's
        apostrophe starts ("High-Level Panel", "Workers' Party"); None when there is none."""
        if start < 2:
            return None
        mark, word = doc[start - 1], doc[start - 2]
        if mark.text == "-" and not mark.whitespace_ and not word.whitespace_:
            return start - 2 if self._is_cap(word) else None
        if mark.text in ("'", "’") and not word.whitespace_ and word.text.endswith("s"):
            return start - 2 if self._is_cap(word) else None
        return None

    def _opens_ordinal(self, doc: Doc, i: int) -> bool:
        """Whether an ordinal ("Thirty-Second", "37th", "Ninth") starts at token i."""
        word = doc[i].text
        if i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_:
            word = f"{word}-{doc[i + 2].text}"
        return ordinal_of(word, self.rules) is not None

    def _body_end(self, doc: Doc, head: int, country_tokens: set[int]) -> int:
        """Where a body's name ends after its head word: capitalised words, on across "of",
        "and", "for" to more of them, up to a title, an event head, the country it ends
        with or a second body."""
        n = len(doc)
        end = head + 1
        closed = False  # "... of Heads of State and Government" ends a body's name
        while end < n:
            t = doc[end]
            if self._is_cap(t) and not t.is_punct:
                if t.text in self.rules.event_heads:
                    break  # "Shanghai Cooperation Organisation Meeting" is an event
                if self._role_word(t.text) or t.text in self.rules.document_heads:
                    break  # "Commission Chair Amina Diallo": the title starts a person
                if self._opens_ordinal(doc, end):
                    break  # "Council Closes Thirty-Second Session": the ordinal opens an event
                if t.i in country_tokens:
                    # a name ends with its country: "... of the Republic of Cuba"
                    while end < n and end in country_tokens:
                        end += 1
                    break
                end += 1
                continue
            if (
                t.text == "-"
                and not doc[end - 1].whitespace_
                and not t.whitespace_
                and end + 1 < n
                and self._is_cap(doc[end + 1])
            ):
                end += 2  # "Working Group on Counter-Terrorism"
                continue
            if t.text in ("’s", "'s") and self._body_follows(doc, end + 1):
                break  # "the Treasury's Office of ...": two bodies, one part of the other
            if t.text in self.rules.connectors or t.text in ("’s", "'s"):
                across = (
                    self._state_after_a_list(doc, end, country_tokens)
                    if closed
                    else self._across_connector(doc, end, country_tokens)
                )
                if across is None:
                    break
                end, closed = across
                continue
            if t.text == "," and self._comma_goes_on(doc, head, end):
                end += 1  # "Committee on Peace, Defence, Internal Affairs and ..."
                continue
            break
        return end

    def _comma_goes_on(self, doc: Doc, head: int, comma: int) -> bool:
        """Whether a body's name goes on across the comma at `comma`: a committee's topics
        ("Committee on Peace, Defence, ..."), or a ministry's portfolios listed up to a
        closing "and" ("Ministry of Economy, Trade and Industry"); a list that never closes
        is the sentence's ("the Ministry of Finance, Beijing and ...": no portfolio)."""
        n = len(doc)
        if comma + 1 >= n or not self._is_cap(doc[comma + 1]):
            return False
        if doc[comma + 1].ent_type_ == "PERSON" or head + 1 >= n:
            return False
        if doc[head].text in ("Committee", "Commission"):
            return doc[head + 1].lower_ in ("on", "for")
        if doc[head].text not in self.rules.listed_portfolio_heads or doc[head + 1].lower_ != "of":
            return False
        return self._closed_portfolio_list(doc, comma + 1)

    def _closed_portfolio_list(self, doc: Doc, i: int) -> bool:
        """Capitalised words and commas from i on, closed by "and" and a capitalised word
        ("Trade and Industry"): the rest of a ministry's list of portfolios. A place, a
        person or a role word in it is the sentence's own list."""
        for k in range(i, min(len(doc) - 1, i + 12)):
            tok = doc[k]
            if tok.text == "and":
                nxt = doc[k + 1]
                return k > i and self._is_cap(nxt) and nxt.ent_type_ not in ("GPE", "PERSON")
            if tok.text == ",":
                continue
            if not self._is_cap(tok) or tok.ent_type_ in ("GPE", "PERSON"):
                return False
            if self._role_word(tok.text):
                return False
        return False

    def _state_after_a_list(
        self, doc: Doc, at: int, country_tokens: set[int]
    ) -> tuple[int, bool] | None:
        """After a closed list ("Ministry of Energy and Petroleum"), only "of" and the state
        the name ends with go on: "... of the Republic of Kenya" is the ministry's own."""
        if doc[at].text != "of":
            return None
        j = at + 1
        while j < len(doc) and doc[j].lower_ == "the":
            j += 1
        return (j, True) if self._state_ends_here(doc, j, country_tokens) else None

    def _state_ends_here(self, doc: Doc, j: int, country_tokens: set[int]) -> bool:
        """A country's name at j that is not the owner of a body named after it ("Brazil's
        Ministry of ...")."""
        if j not in country_tokens:
            return False
        k = j
        while k < len(doc) and k in country_tokens:
            k += 1
        return k >= len(doc) or doc[k].text not in ("'s", "’s")

    def _across_connector(
        self, doc: Doc, at: int, country_tokens: set[int]
    ) -> tuple[int, bool] | None:
        """A body's name going on across the connector at `at` ("of", "and", "for", "'s"):
        where it goes on, and whether an enumeration closed it ("Heads of State and
        Government"); None where the connector joins two bodies."""
        n = len(doc)
        t = doc[at]
        heads = self.rules.institution_heads
        if t.text == "and" and at + 1 < n and doc[at + 1].lower_ == "the":
            return None  # "... of People's Power and the Council of State": two bodies
        j = at + 1
        while j < n and doc[j].lower_ == "the":
            j += 1
        if t.text == "and" and j in country_tokens and not self._state_ends_here(
            doc, j, country_tokens
        ):
            return None  # "the U.S. Department of Labor and Brazil's Ministry of Labor"
        if (
            j >= n
            or not self._is_cap(doc[j])
            or doc[j].lower_ in CALENDAR_WORDS
            or self._role_word(doc[j].text)
            or self._never_an_actor(doc[j].text)  # "... Party for the Covid-19 response"
        ):
            return None
        run_end = j
        while run_end < n and self._is_cap(doc[run_end]) and run_end not in country_tokens:
            run_end += 1
        run = doc[j:run_end]
        # "Heads of State and Government": one body
        enumerated = t.text == "and" and len(run) == 1 and doc[at - 1].text not in heads
        if (
            any(x.text in self.rules.container_heads for x in run)
            and t.text in ("of", "and", "for")
            and not enumerated
        ):
            return None  # "Commission ... of the National Assembly": two bodies
        if t.text == "and" and doc[at - 1].text in heads:
            return None  # "the Eurasian Economic Union and Latin American ..."
        return j, enumerated

    def _role_appositions(self, doc: Doc) -> list[Span]:
        """ "The representative of the Russian Federation, Vassily A. Nebenzia, said": a
        proper name in apposition to a role noun (the parse's appos arc) is the person who
        holds it, when the model saw no entity there."""
        spans = []
        for tok in doc:
            if tok.dep_ != "appos" or tok.pos_ != "PROPN" or not self._role_word(tok.head.text):
                continue
            words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            start = words[0].i if words else tok.i
            span = doc[start : tok.i + 1]
            if any(t != tok and (t.head != tok or t.dep_ != "compound") for t in span):
                continue  # one name: every word before the last is its compound
            if len(span) > 2 and span[0].lower_.rstrip(".") in self.rules.honorifics:
                span = span[1:]  # "..., Mr Espen Barth Eide,": the honorific is no name
            if not 2 <= len(span) <= 4 or any(t.ent_type_ for t in span):
                continue
            if (
                self._role_word(span.text)
                or all(t.lower_ in self.title_words for t in span)
                or all(t.lower_ in self._role_noun_words for t in span)
            ):
                continue  # "Prime Minister, Prime Minister of Fiji": a title, no name
            if (
                all(
                    (t.is_alpha and t.text[:1].isupper() and not t.text.isupper())
                    or re.fullmatch(r"[A-Z]\.", t.text)  # an initial
                    for t in span
                )
                and self.gaz.lookup(span.text) is None
                and span[0].text[-1] != "."
            ):
                spans.append(span)
        return spans

    def _apposed_names(self, doc: Doc) -> list[Span]:
        """ "María Corina Machado, who won the primary", "Lena Ostrova, Chairperson of the
        commission": two to four capitalised proper nouns that the model saw no entity in,
        before a comma and what only a person takes (", who", a role noun), are a person."""
        text = doc_text(doc)
        spans = []
        for comma in (t for t in doc if t.text == ","):
            start = comma.i
            while start > 0 and comma.i - start < 4 and self._bare_name_word(doc[start - 1]):
                start -= 1
            if comma.i - start < 2 or (start > 0 and doc[start - 1].lower_ == "the"):
                continue  # one word, or "the Rapid Support Forces, who": a group
            span = doc[start : comma.i]
            if self.gaz.lookup(span.text) is None and self._person_apposition(
                text[span.end_char : span.end_char + 40]
            ):
                spans.append(span)
        return spans

    def _bare_name_word(self, tok: Token) -> bool:
        """A word of a name the model did not see: a capitalised proper noun, no entity's,
        no title's, body's head or place's."""
        return (
            tok.pos_ == "PROPN"
            and not tok.ent_type_
            and tok.text[:1].isupper()
            and not tok.text.isupper()
            and tok.text.replace("-", "").isalpha()
            and tok.lower_ not in self.title_words
            and tok.lower_ not in CALENDAR_WORDS
            and tok.text not in self.rules.institution_heads
            and tok.text not in self.gaz.demonyms
            and self.gaz.lookup(tok.text) is None
        )

    def _titled_names(self, doc: Doc, taken: list[bool]) -> list[Span]:
        """Two to four free capitalised proper nouns right after a capitalised role noun."""
        spans = []
        n = len(doc)
        lowers = token_lowers(doc)  # a Token only for a role noun: the rest are skipped below
        for tok in (doc[i] for i in range(n) if lowers[i] in self._role_noun_set):
            if not (tok.text[:1].isupper() and self._role_word(tok.text)) or tok.i + 2 >= n:
                continue
            end = tok.i + 1
            while (
                end < n
                and end - tok.i <= 4
                and not taken[end]
                and doc[end].pos_ == "PROPN"
                and doc[end].text[:1].isupper()
                and not self._role_word(doc[end].text)
                and self.gaz.lookup(doc[end].text) is None
                and not doc[end].is_sent_start
            ):
                end += 1
            if end - tok.i >= 3:
                spans.append(doc[tok.i + 1 : end])
        return spans

    def _row_names(self, doc: Doc) -> list[Span]:
        """The second cell of a table row whose first cell is a country or known body and
        whose second is written like a name."""
        text = doc_text(doc)
        spans = []
        for row in re.finditer(r"^[^\n]*$", text, re.M):
            cells = list(re.finditer(r"[^—–|\t]+", row.group(0)))
            if len(cells) < 3 or len(row.group(0)) > 300:
                continue
            first, second = cells[0].group(0).strip(), cells[1].group(0).strip()
            # "Indonesia (host)", "Kenya (chair)": a note in brackets after the country
            first = _ROW_NOTE.sub("", first)
            words = second.split()
            if self.gaz.lookup(first) is None or not 2 <= len(words) <= 6:
                continue
            if not all(w[:1].isupper() or w in self.rules.name_particles for w in words):
                continue
            begin = row.start() + cells[1].start() + cells[1].group(0).find(second)
            span = doc.char_span(begin, begin + len(second))
            if span is not None and self.gaz.lookup(second) is None:
                spans.append(span)
        return spans

    def _acronym_definitions(self, doc: Doc) -> list[Span]:
        """ "Myanma Oil and Gas Enterprise (MOGE)": the capitalised words before a bracketed
        acronym whose initials spell it are a body's name, whatever the model made of them."""
        spans = []
        for found in re.finditer(r"\(([A-Z][A-Z&]{1,7})\)", doc_text(doc)):
            acronym = found.group(1).replace("&", "")
            close = doc.char_span(found.start(), found.start() + 1, alignment_mode="expand")
            if close is None:
                continue
            end = close.start  # the token before "("
            start = self._abbreviated_start(doc, end, acronym)
            if start is not None and not self._not_an_actor(doc[start:end]):
                spans.append(doc[start:end])  # not "Reciprocal Access Agreement (RAA)"
        return spans

    def _abbreviated_start(self, doc: Doc, end: int, acronym: str) -> int | None:
        """Where the name an acronym abbreviates starts, reading back from `end`: each word
        gives its initial, function words none. A name in French or Spanish keeps its
        content words in lower case ("Forces démocratiques de libération du Rwanda"), so
        those count too, as long as the name opens with a capital."""
        skip = self.rules.definition_connectors
        start, initials = end, ""
        while start > 0 and len(initials) < len(acronym):
            tok = doc[start - 1]
            if tok.lower_ in skip:
                start -= 1
                continue
            if not (tok.is_alpha or tok.text[:1].isupper()) or "\n" in tok.whitespace_:
                break
            initials = tok.text[0].upper() + initials
            start -= 1
        while start < end and doc[start].lower_ in skip:
            start += 1
        if initials != acronym or end - start < 2 or not doc[start].text[:1].isupper():
            return None
        return start

    def _companies(self, doc: Doc) -> list[Span]:
        """Capitalised runs ended by a legal form ("Shoon Energy Pte. Ltd.") or led by one
        ("LLC Arctic Transshipment")."""
        suffixes, prefixes = self.rules.company_suffixes, self.rules.company_prefixes
        spans = []
        n = len(doc)
        for tok in doc:
            if tok.text in prefixes and tok.i + 1 < n and self._is_cap(doc[tok.i + 1]):
                end = tok.i + 1
                while end < n and self._is_cap(doc[end]) and not doc[end].is_sent_start:
                    end += 1
                spans.append(doc[tok.i : end])
            elif tok.text in suffixes and tok.i > 0 and self._is_cap(doc[tok.i - 1]):
                if doc[tok.i - 1].text in suffixes:
                    continue  # the second of "Co., Ltd." extends the first
                start = tok.i
                while start > 0 and (
                    self._is_cap(doc[start - 1]) or doc[start - 1].text in _COMPANY_JOINERS
                ):
                    if doc[start].is_sent_start and doc[start].pos_ != "PROPN":
                        break
                    if doc[start - 1].text in _COMPANY_JOINERS and self._name_ends(doc, start - 2):
                        break  # "Red Rock Mining Company and Tradive Trading LLC": two names
                    start -= 1
                while doc[start].text in (*_COMPANY_JOINERS, "The", "THE"):
                    start += 1
                end = tok.i + 1
                while end < n and (
                    doc[end].text in suffixes
                    or (
                        doc[end].text == "."
                        and not doc[end - 1].whitespace_
                        and end + 1 < n
                        and doc[end + 1].text in suffixes  # "Pte . Ltd.", not the full stop
                    )
                    or (doc[end].text == "," and end + 1 < n and doc[end + 1].text in suffixes)
                    or (  # "S.A. de C.V."
                        doc[end].text in self.rules.suffix_joiners
                        and end + 1 < n
                        and doc[end + 1].text in suffixes
                    )
                ):
                    end += 1
                if start < tok.i:
                    spans.append(doc[start:end])
        return spans

    def _name_ends(self, doc: Doc, i: int) -> bool:
        """Whether a body's name can end at token i: a legal form or a head word ("Company",
        "Group", "LLC") ends an enumerated name before "and"."""
        if i < 0:
            return False
        word = doc[i].text
        return word in self.rules.company_suffixes or word in self.rules.institution_heads

    def _definitions(self, doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, str]]:
        """(body, short form) for "Body (SHORT)", "Body (a.k.a. Short)" and "Body (Short)"."""
        text = doc_text(doc)
        out = []
        for m in mentions:
            if m.type not in ("Institution", "Person", "Country") or m.demonym:
                continue
            found = _DEFINED.match(text, m.end)
            if found is None:
                continue
            short = found.group("short").strip()
            known = self.gaz.lookup(short)
            if known is not None and known.name != m.name:
                continue  # "(DPRK, or North Korea)" names the country, not this body
            if m.type == "Country" and known is None and not spells(short, m.name):
                continue  # "... du Rwanda (FDLR)", "Russia (Sanctions)": the bracket is not
                # the country's short form but that of a longer name ending in it
            if m.type == "Institution" and acronym_of_last_body(short, m.name):
                continue  # "... of the Islamic Revolutionary Guard Corps (IRGC)"
            if fold(short) != fold(m.name):
                out.append((m, short))
        return out

    def _uses(self, doc: Doc, short: str, after: int) -> list[tuple[int, int, Span]]:
        """Where a defined short form stands as a whole name from the definition on."""
        out = []
        pattern = re.compile(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])")
        for found in pattern.finditer(doc_text(doc), after):
            span = doc.char_span(found.start(), found.end())
            if span is not None:
                out.append((found.start(), found.end(), span))
        return out

    def _left_list(self, doc: Doc, start: int, country_tokens: set[int]) -> int:
        """ "Foreign, Commonwealth and Development Office": capitalised words joined by commas
        and "and" before a body's name are part of it, when no capitalised word precedes."""
        j = start - 1
        while (
            j >= 1
            and doc[j].text in (",", "and")
            and self._is_cap(doc[j - 1])
            and doc[j - 1].i not in country_tokens
            and doc[j - 1].ent_type_ != "PERSON"
            and not doc[j].is_sent_start
        ):
            j -= 2
        new_start = j + 1
        words = [t.text for t in doc[new_start:start]]
        preceded = new_start > 0 and self._is_cap(doc[new_start - 1])
        if new_start < start and "and" in words and not preceded:
            return new_start
        return start

    def _body_follows(self, doc: Doc, i: int) -> bool:
        """Whether the capitalised words from i on name a body of their own ("Office of
        Foreign Assets Control" after "the Treasury's"), not the rest of one name ("People's
        Power")."""
        while i < len(doc) and (self._is_cap(doc[i]) or doc[i].lower_ in ("of", "for", "the")):
            if doc[i].text in self.rules.institution_heads:
                return True
            i += 1
        return False

    def _title_events(self, doc: Doc) -> list[Span]:
        spans = []
        for tok in doc:
            if tok.text in self.rules.event_heads and tok.text[0].isupper():
                start, possessive = tok.i, False
                while start - 1 >= 0 and not doc[start].is_sent_start:
                    prev = doc[start - 1]
                    if self._is_cap(prev) and prev.text not in self.rules.headline_verbs:
                        start -= 1
                    elif (
                        prev.text in "-–"
                        and not prev.whitespace_
                        and start - 2 >= 0
                        and self._is_cap(doc[start - 2])
                    ):
                        start -= 2  # "Russia-Africa Summit"
                    elif (
                        prev.lower_ == "of"
                        and start - 2 >= 0
                        and self._is_cap(doc[start - 2])
                        and not doc[start - 1].is_sent_start
                    ):
                        start -= 2  # "Commonwealth Heads of Government Meeting"
                    elif prev.lower_ == "and" and self._joins_name(doc, start - 2, start):
                        start -= 2  # "Russia–Africa Economic and Humanitarian Forum"
                    elif (
                        prev.text in ("'", "’")
                        and start - 2 >= 0
                        and self._is_cap(doc[start - 2])
                        and doc[start - 2].text.endswith("s")
                        and not doc[start - 2].whitespace_
                    ):
                        start -= 2  # "ASEAN Foreign Ministers' Meeting"
                        possessive = True
                    else:
                        break
                if (
                    start - 1 >= 0
                    and self._is_cap(doc[start - 1])
                    and doc[start - 1].text not in self.rules.headline_verbs
                ):
                    start -= 1
                if start - 1 >= 0 and re.fullmatch(
                    r"(19|20)\d\d|\d+(st|nd|rd|th)", doc[start - 1].text
                ):
                    start -= 1  # "the 43rd ASEAN Summit", "the 2022 Commonwealth ..."
                end = self._event_name_end(doc, tok.i + 1)
                if possessive and start > 0 and doc[start - 1].text == ")":
                    continue  # "... Cooperation (APEC) Leaders' Week": not a name's start
                if possessive and self._opens_with_partners(doc[start:end]):
                    continue  # "Japan-China-ROK Trilateral Foreign Ministers' Meeting": the
                    # partners stay actors of their own (the dashed-pair rule reads them)
                if end - start >= 2:
                    spans.append(doc[start:end])
        return spans

    def _opens_with_partners(self, span: Span) -> bool:
        """Whether a name opens with two known states joined by a dash ("Japan-China-...")."""
        places = self._dashed_places(span.text.split()[0]) if span.text else []
        return len(places) >= 2 and all(p is not None and p.type == "Country" for p in places)

    def _dashed_places(self, words: str) -> list[Place | None]:
        """What the gazetteer knows each side of a dashed pair or chain as ("EU-Japan",
        "Japan-China-ROK"); None for a side it does not know."""
        return [self.gaz.lookup(w.strip()) for w in re.split(r"[-–]", words) if w.strip()]

    def _event_name_end(self, doc: Doc, i: int) -> int:
        """Where an event's name ends after its head: "Summit of the Americas", "Conference
        of the Parties" name it after the head word; "the summit of the ASEAN leaders" is
        lower-case and no title. A topic after "on" or "for" names it too ("Summit on Peace
        in Ukraine"): the page's own event is often named head word first."""
        if i + 1 < len(doc) and doc[i].lower_ in self.rules.topic_links:
            return self._topic_end(doc, i + 1) or i
        if i + 1 >= len(doc) or doc[i].lower_ != "of":
            return i
        j = i + 1
        if doc[j].lower_ == "the":
            j += 1
        end = j
        while end < len(doc) and self._name_word(doc[end]):
            end += 1
            if end + 1 < len(doc) and self._joiner_within(doc, end):
                end += 1  # "of the Non-Aligned Movement", "of Heads of State and Government"
        while end > j and not self._name_word(doc[end - 1]):
            end -= 1  # a joiner no name word followed ("of the Non-aligned")
        return end if end > j else i

    def _name_word(self, tok: Token) -> bool:
        """A capitalised word of a name in running text, not a date ("the summit of March")."""
        return self._is_cap(tok) and not tok.is_sent_start and tok.ent_type_ not in ("DATE", "TIME")

    def _joiner_within(self, doc: Doc, i: int) -> bool:
        """Whether token i joins the name's words on either side of it: a glued hyphen
        ("Non-Aligned"), or "of" and "and" between words of a name."""
        if doc[i].text in "-–":
            return not doc[i - 1].whitespace_
        return doc[i].lower_ in ("of", "and") and self._joins_name(doc, i - 1, i + 1)

    def _joins_name(self, doc: Doc, left: int, right: int) -> bool:
        """Whether the joiner between tokens left and right stays inside one name: both
        capitalised words of the same sentence, neither a place the gazetteer knows ("Economic
        and Humanitarian", "Heads of State and Government"; not "the EU and ASEAN Summit",
        two parties, nor "Summit of the Americas and Canada")."""
        if left < 0 or right >= len(doc) or doc[right].is_sent_start:
            return False
        if not (self._is_cap(doc[left]) and self._is_cap(doc[right])):
            return False
        return all(self.gaz.lookup(doc[k].text) is None for k in (left, right))

    def _topic_end(self, doc: Doc, j: int) -> int | None:
        """The end of an event's topic from token j: capitalised words and the joiners between
        them, not a date ("Conference on Monday"), not "in" a city (where it met): only "in" a
        country, a region or "the ..." stays in the topic."""
        end = None
        while j < len(doc) and not doc[j].is_sent_start:
            tok = doc[j]
            if self._is_cap(tok) and tok.ent_type_ not in ("DATE", "TIME"):
                end = j = j + 1
                continue
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if tok.lower_ not in self.rules.topic_joiners or nxt is None or end is None:
                break
            if not (self._is_cap(nxt) or nxt.lower_ == "the"):
                break
            place = self.gaz.lookup(nxt.text)
            if (
                tok.lower_ == "in"
                and nxt.lower_ != "the"
                and (place is None or place.type not in ("Country", "Region"))
            ):
                break  # "in Ukraine", "in Europe" name the topic; "in Geneva" the venue
            j += 1
        return end

    def _quoted_events(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        out = []
        for m in _QUOTED_EVENT.finditer(doc_text(doc)):
            title = (m["title"] or m["title2"]).strip().rstrip(",")
            kind = m["kind"] or m["kind2"]
            out.append((m.start(), m.end(), title, kind))
        return out

    # ---- the whole pass ----
    def find(
        self, doc: Doc, title_end: int = 0
    ) -> tuple[list[Mention], list[tuple[str, str, int]]]:
        """Mentions in document order, and PART_OF hints (part name, whole name, sentence):
        the registered layers (graph/extract/mention_layers.py) in order, run directly on a
        parsed doc, as the pipeline's components run them."""
        # imported here: the registry module registers this class's methods
        from graph.extract.mention_layers import run_layers

        return run_layers(self, doc, title_end)

    def _add_quoted_events(self, found: _Found) -> None:
        """ "the International Conference 'Russia – Africa'": a titled event in quotes."""
        doc = found.doc
        for cs, ce, title, kind in self._quoted_events(doc):
            span = doc.char_span(cs, ce, alignment_mode="expand")
            if span is None or not found.free(span.start, span.end):
                continue
            kind_head = kind.split()[-1].capitalize()
            normal_title = re.sub(r"\s*[–—-]\s*", "–", title)
            qualifier = " ".join(
                w.capitalize()
                for w in kind.split()[:-1]
                if not w.lower().startswith(("first", "second", "third")) and not w[0].isdigit()
            )
            name = f"{normal_title} {qualifier + ' ' if qualifier else ''}{kind_head}".strip()
            found.add(
                span,
                "Event",
                name,
                "quoted-event",
                key=f"{fold(normal_title)}|{kind_head.lower()}",
                props={"kind": kind_head.lower()},
            )

    def _add_state_organs(self, found: _Found) -> None:
        """ "China's foreign ministry", "the Dutch parliament", "the foreign ministry in
        Tokyo": a state's organ named by a common noun is the organ of that state
        ("Ministry of Foreign Affairs of China"), not a bare "foreign ministry"."""
        text = doc_text(found.doc)
        # "Russia's parliament" in a text that names the State Duma may be the Duma: a
        # legislature the gazetteer knows by its own name leaves the common nouns alone
        known_legislature = self.known_legislatures.search(text) is not None
        for m in self.organ_of_state.finditer(text):
            if m["owner"] and not _owner_line(text, m):
                continue
            organ = " ".join((m["organ"] or m["organ2"]).lower().split())
            if self._named_legislature(m, organ) or (
                known_legislature and self.names.state_organs.get(organ) in _LEGISLATURES
            ):
                continue
            if _name_goes_on(text, m):
                continue  # "Venezuela's Supreme Court of Justice": the court's own name
            start = m.start("owner") if m["owner"] else m.start()
            if m["owner"]:
                state, start = self._owning_state(m["owner"], start)
            else:
                code = self.gaz.capitals.get(fold(m["city"]))
                state = self.gaz.countries_by_code.get(code) if code else None
            span = found.doc.char_span(start, m.end(), alignment_mode="expand")
            if state is None or span is None or not found.free(span.start, span.end):
                continue
            name = f"{self.names.state_organs[organ]} of {self._after_of(state)}"
            found.add(span, "Institution", name, "state-organ", name)

    def _add_bare_congress(self, found: _Found) -> None:
        """ "Critics in Congress", "the Congress passed": "Congress" written alone, in a text
        that names the United States and no other state's congress, is the United States
        Congress, under the name the text gives it in full ("the U.S. Congress"), if any;
        not a name it begins or ends ("Congress of Peru", "Indian National Congress"), nor
        "the Congress party"."""
        doc, us = found.doc, self.gaz.lookup("United States")
        if us is None or not any(m.name == us.name for m in found.mentions):
            return
        bare, written = [], set()
        for tok in (t for t in doc if t.text == "Congress"):
            prev = doc[tok.i - 1] if tok.i > 0 else None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and (
                nxt.lower_ in ("party", "-") or self._is_cap(nxt) or _names_after_of(doc, nxt)
            ):
                return  # "Congress of Peru", "the Congress party": another congress is named
            if (
                prev is None
                or tok.is_sent_start
                or not (self._is_cap(prev) or prev.text in ("'s", "’s"))
            ):
                bare.append(tok)
                continue
            two = doc[max(0, tok.i - 2) : tok.i]
            start = tok.i - 2 if two[0].lower_ != "the" and self.gaz.lookup(two.text) else tok.i - 1
            owner = self.gaz.lookup(doc[start : tok.i].text)
            if owner is not None and owner.name == us.name:
                written.add(doc[start : tok.i + 1].text)  # "U.S. Congress"
            elif owner is not None or self._placed_name(doc, tok):
                return  # "Peru's Congress", "Indian National Congress": another state's
            # else a body's own name ending in the word ("United National Congress", a party;
            # "National People's Congress"): no state's congress, so no reason to doubt the
            # bare ones
        name = min(written) if len(written) == 1 else f"{us.name} Congress"
        for tok in bare:
            if found.free(tok.i, tok.i + 1):
                found.add(doc[tok.i : tok.i + 1], "Institution", name, "bare-congress", name)

    def _placed_name(self, doc: Doc, tok: Token) -> bool:
        """Whether the capitalised words before a name's last word hold a place or its
        adjective ("Indian National Congress", "Colombian Congress"): the name is a state's."""
        i = tok.i - 1
        while i >= 0 and (self._is_cap(doc[i]) or doc[i].text in ("'s", "’s")):
            word = doc[i].text
            if self.gaz.lookup(word) or word in self.gaz.demonyms:
                return True
            i -= 1
        return False

    def _named_legislature(self, m: re.Match[str], organ: str) -> bool:
        """ "the Latin American Parliament", "the Pan-African Parliament": a legislature's
        word capitalised after an adjective is a name of its own, not the state's organ; after
        a possessive it is the state's ("Nigeria's Senate")."""
        written = m["organ"] or m["organ2"] or ""
        possessive = m["owner"] is not None and m.group(0)[len(m["owner"]) :].startswith(
            ("'s", "’s")
        )
        return (
            self.names.state_organs.get(organ) in _LEGISLATURES
            and written[:1].isupper()
            and not possessive
        )

    def _after_of(self, state: Place) -> str:
        """A country's name as English writes it after "of": "the Netherlands", "the United
        Kingdom", "the Philippines", but "Kenya", "Sudan". A name takes the article when it
        is headed by a common noun (Kingdom, States, Republic, Islands, Emirates) or is
        a plural that its official name writes with "the" ("Republic of the Philippines"),
        or when a written form of it starts with "The"."""
        name = state.name
        forms = self.gaz.written.get(name, ())
        plural = name.endswith("s") and any(f"of the {name}" in form for form in forms)
        headed = name.split()[-1] in _ARTICLE_HEADS or name.startswith(_ARTICLE_HEADS)
        if headed or plural or f"The {name}" in forms:
            return f"the {name}"
        return name

    def _owning_state(self, owner: str, start: int) -> tuple[Place | None, int]:
        """The country the words before an organ name ("South Korea's", "The Philippine"),
        from their longest tail that is a country or its adjective; where that tail starts."""
        words = owner.split()
        for k in range(len(words)):
            tail = " ".join(words[k:])
            place = self.gaz.lookup(tail) or self.gaz.demonyms.get(tail)
            if place is not None and place.type == "Country":
                return place, start + owner.index(words[k]) if k else start
        return None, start

    def _add_org_events(self, found: _Found) -> None:
        """ "the 2023 BRICS summit", "the 15th BRICS summit": an event named by its body."""
        doc = found.doc
        text = doc_text(doc)
        for event_m in [*_DEFINED_ORG_EVENT.finditer(text), *_ORG_EVENT.finditer(text)]:
            org = event_m["org"]
            pre = (event_m["pre"] or "") if "pre" in event_m.re.groupindex else ""
            begin = event_m.start("pre") if pre else event_m.start()
            if not pre:
                pre, begin = self._ordinal_before(text, begin)
            first = org.split()[0]
            place = self.gaz.lookup(org)
            if place is not None and place.type == "Region":
                continue  # "Americas summit", "ASEAN Indo-Pacific Forum": a region is no body
            whole = self.gaz.lookup(f"{org} {event_m['kind']}")
            if whole is not None and whole.type != "Event":
                continue  # "the ASEAN Regional Forum": a standing body the gazetteer knows
            acronym = first.isupper() and len(first) >= 2 or re.fullmatch(r"[A-Z]+\d+", first)
            if place is None and not acronym and not self._parties_pair(org):
                continue
            tail = self._pair_summit_tail(event_m, org)
            end = event_m.end("kind") + len(tail) if tail else event_m.end("kind")
            span = doc.char_span(begin, end, alignment_mode="expand")
            if span is None or not found.free(span.start, span.end):
                continue
            kind = event_m["kind"].lower()
            title = place.name if place else org
            key = f"{fold(title)}|{kind}"
            if pre[:1].isdigit() and len(pre) == 4:
                key += f"|{pre}"  # "the 2023 BRICS summit"
            elif pre:
                key = f"{fold(pre)} {key}"  # "the 15th BRICS summit" is one of a series
            found.add(
                span,
                "Event",
                f"{pre + ' ' if pre else ''}{title} {kind.capitalize()}{' Meeting' if tail else ''}",
                "org-event",
                key=key,
                props={"kind": kind},
            )

    def _pair_summit_tail(self, event_m: re.Match[str], org: str) -> str:
        """ " Meeting" as written after a pair's "Summit" ("Japan-ROK Summit Meeting", the
        name diplomatic readouts give a bilateral summit), "" otherwise: after a body's
        summit ("the G20 summit meeting") the word describes and stays out of the name."""
        if event_m.groupdict().get("tail") is None or not self._parties_pair(org):
            return ""
        return event_m.string[event_m.end("kind") : event_m.end("tail")]

    def _ordinal_before(self, text: str, start: int) -> tuple[str, int]:
        """ "the Third Russia–Africa Summit": an ordinal written as a capitalised word right
        before a body's event is part of its name, as "15th" is: the word and where the name
        then starts; ("", start) for any other word."""
        word = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if word is None or ordinal_of(word.group(1), self.rules) is None:
            return "", start
        return word.group(1), word.start(1)

    def _add_numbered_series(self, found: _Found) -> None:
        """ "COP28", "COP 27": a session of a series named by its acronym and number."""
        doc = found.doc
        if self.numbered_series is None:
            return
        for m in self.numbered_series.finditer(doc_text(doc)):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or not found.free(span.start, span.end):
                continue
            name = f"{m['s']}{m['n']}"  # "COP 27" and "COP27" are one session
            kind = {"kind": "conference"}
            found.add(span, "Event", name, "numbered-series", fold(name), props=kind)

    def _parties_pair(self, org: str) -> bool:
        """ "EU-Japan", "China-Central Asia", "Russia-Africa": two parties a bilateral
        summit or forum series is named after, each a known state, body or region."""
        found = self._dashed_places(org)
        return len(found) in (2, 3) and all(
            p is not None and p.type in ("Country", "Institution", "Region") for p in found
        )

    def _add_named_candidates(
        self, found: _Found, gaz_hits: list[tuple[Span, Place]], country_tokens: set[int]
    ) -> None:
        """Layer 1: gazetteer hits, bodies by name pattern, events in titles, acronym
        definitions and companies; the longest span wins where they overlap."""
        doc = found.doc
        candidates: list[_Candidate] = []
        for span, place in gaz_hits:
            if place.type in ("City", "Institution") and self._surname_of_named_person(doc, span):
                continue  # "Jacques Paris", "Richard Wagner": a person's surname, not the place
            candidates.append((span, place.type, place.name, "gazetteer", place.name))
        for span in self._institutions(doc, country_tokens):
            candidate = self._institution_candidate(span)
            if candidate is not None:
                candidates.append(candidate)
        for span in self._title_events(doc):
            event = self._title_event_candidate(span)
            if event is not None:
                candidates.append(event)
        for span in self._acronym_definitions(doc):
            candidates.append((span, "Institution", _tidy(span.text), "acronym-def", None))
        for span in self._companies(doc):
            candidates.append((span, "Institution", _tidy(span.text), "company", None))
        candidates.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
        for span, type_, name, source, cand_key in candidates:
            if found.free(span.start, span.end):
                found.add(span, type_, name, source, cand_key)

    def _title_event_candidate(self, span: Span) -> _Candidate | None:
        """An event named in title case; a numbered one keeps its ordinal, which is its
        identity with the body ("51st Pacific Islands Forum"). A body's own name alone
        ("Pacific Islands Forum", "World Economic Forum") is the body, not an event. An
        ordinal opens the name: "Council Closes Thirty-Seventh Special Session" (a headline)
        names the "Thirty-Seventh Special Session"."""
        first = next((t.i for t in span if ordinal_of(t.text, self.rules) is not None), None)
        if (
            first is not None
            and first - 2 >= span.start
            and span.doc[first - 1].text == "-"
            and span.doc[first - 2].lower_ in self.rules.tens_words
        ):
            first -= 2  # "Thirty-Seventh", three tokens
        if first is not None and first > span.start and first < span.end - 1:
            span = span.doc[first : span.end]
        known = self.gaz.lookup(span.text)
        if known is not None:
            if known.type != "Event":
                return None
            return (span, "Event", known.name, "title-event", known.name)
        name = self._without_participants(_strip_article(span.text))
        key = numbered_event_key(name, self.rules)
        if key is None:
            return (span, "Event", _tidy(name), "title-event", None)
        tidy = re.sub(r"\s+", " ", name).strip(" ,.;:*“”\"'’").replace("’", "'")
        return (span, "Event", tidy, "title-event", key)

    def _without_participants(self, name: str) -> str:
        """A titled event's name without who meets at it: "XXVIII Ibero-American Summit of
        Heads of State and Government" is the "XXVIII Ibero-American Summit"; "Summit of
        Heads of State" has no title before its kind word and stays whole."""
        for tail in self.rules.participant_tails:
            if not name.endswith(" " + tail):
                continue
            base = name[: -len(tail) - 1]
            titled = [w for w in base.split()[:-1] if ordinal_of(w, self.rules) is None]
            if titled and fold(base.split()[-1]) in self.rules.event_kinds:
                return base
        return name

    def _institution_candidate(self, span: Span) -> _Candidate | None:
        """A body's name as the institution it names, or the state when it is the
        government ("the Government of Burma", "the Haitian Government"); None when it is
        no actor or the gazetteer knows it as something else."""
        known = self.gaz.lookup(span.text)
        if known is None and self._not_an_actor(span):
            return None
        name = _strip_article(span.text)
        if known is None:
            # "State Duma of the Russian Federation" is the State Duma
            base = re.sub(r"\s+of\s+(the\s+)?[A-Z][\w ’'.-]+$", "", name)
            guess = self.gaz.lookup(base)
            if guess is not None and guess.type == "Institution":
                known = guess
        if known is not None and known.type != "Institution":
            return None
        state = _GOVERNMENT.match(name)
        country = (
            self.gaz.lookup(state.group("country") or state.group("adj") or "") if state else None
        )
        if country is None and state and state.group("adj") in self.gaz.demonyms:
            country = self.gaz.demonyms[state.group("adj")]
        if country is not None and country.type == "Country":
            return (span, "Country", country.name, "government-of", country.name)
        return (
            span,
            "Institution",
            known.name if known else _tidy(name),
            "pattern",
            known.name if known else None,
        )

    def _add_numbered_meeting(self, found: _Found) -> re.Match[str] | None:
        """Meeting coverage: "SECURITY COUNCIL / 9570TH MEETING (AM)" heads the page; under a
        session line ("ELEVENTH EMERGENCY SPECIAL SESSION") the page covers that session."""
        doc = found.doc
        head = _NUMBERED_MEETING.search(doc_text(doc)[:HEAD_CHARS])
        if head is not None:
            first = "session" if head.group("session") else "number"
            span = doc.char_span(head.start(first), head.end(), alignment_mode="expand")
            over = [
                m
                for m in found.mentions
                if span and m.start < span.end_char and span.start_char < m.end
            ]
            if span is not None and over and all(m.type == "Event" for m in over):
                found.release(span)  # "9231st Meeting" read as a title: the heading knows better
            if span is not None and found.free(span.start, span.end):
                meeting_body = self._meeting_body(found, head)
                if head.group("session"):
                    session = head.group("session").lower()
                    name = f"{session} of the {meeting_body}"
                else:
                    name = f"{head.group('number').lower()} meeting of the {meeting_body}"
                props = {"kind": "meeting", "coverage": "yes"}  # the page covers this meeting
                found.add(span, "Event", name, "numbered-meeting", fold(name), props=props)
        return head

    def _meeting_body(self, found: _Found, head: re.Match[str]) -> str:
        """The body whose meeting the page covers: the line above the number when it names
        a body ("SECURITY COUNCIL"); else ("In progress at UNHQ") the body the next line
        that opens with capitalised words ending in a body's head word names ("Security
        Council Fails to Extend ...")."""
        line = " ".join(w.capitalize() for w in head.group("body").split())
        if line.split()[-1] in self.rules.institution_heads:
            return line
        heads = "|".join(re.escape(h) for h in sorted(self.rules.institution_heads))
        opener = re.compile(rf"^\s*((?:[A-Z][\w'’-]*\s+){{0,4}}?(?:{heads}))\b", re.M)
        text = doc_text(found.doc)
        later = opener.search(text, head.end(), head.end() + HEAD_CHARS)
        return later.group(1) if later else line

    def _add_speakers(self, found: _Found, head: re.Match[str] | None) -> None:
        """Each speaker's paragraph in meeting coverage opens with "NAME (Country)"."""
        doc = found.doc
        text = doc_text(doc)
        last_end = -1
        for speaker in _SPEAKER.finditer(text):
            joined = _joined_speaker(text, speaker, last_end)
            if joined is False:
                continue  # "the draft (S/2031/5) and ANNEX TWO (Budget)": no speaker before
            last_end = speaker.end()
            at_line_start = speaker.start() == 0 or text[speaker.start() - 1] == "\n"
            opened = _OPENING_PARTICIPLE.fullmatch(_line_before(text, speaker.start()))
            if speaker.group("titled") and not (head and at_line_start) and not opened:
                # "NAME, Title" only opens a paragraph of meeting coverage, or follows the
                # participle phrase that opens it ("Speaking before the vote, NAME, Title")
                continue
            span = doc.char_span(
                speaker.start("name"), speaker.end("name"), alignment_mode="expand"
            )
            if span is None:
                continue
            found.release(span)
            found.add(span, "Person", self._tidy_person(speaker.group("name")), "speaker")

    def _add_listed_person(self, found: _Found, start: int, end: int, name: str, rule: str) -> None:
        """A person a list names, unless a Person mention already covers the name; what the
        model glued to it or read as a body is released first."""
        span = found.doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(
            m.type == "Person" and m.start <= span.start_char and span.end_char <= m.end
            for m in found.mentions
        ):
            return
        found.release(span)
        found.add(span, "Person", self._tidy_person(name), rule)

    def _add_questioners(self, found: _Found) -> None:
        """A briefing's questioner and the outlet they ask for ("Let's go to Rafael Cordero,
        Bloomberg."): a person and a body, whatever the model read in them."""
        doc = found.doc
        text = doc_text(doc)
        for q in [*_QUESTIONER.finditer(text), *_QUESTION_LINE.finditer(text)]:
            k = next(g for g in ("", "2", "3") if q.groupdict().get("name" + g))
            name_group, outlet_group = "name" + k, "outlet" + k
            name = doc.char_span(q.start(name_group), q.end(name_group), alignment_mode="expand")
            outlet = doc.char_span(
                q.start(outlet_group), q.end(outlet_group), alignment_mode="expand"
            )
            if name is None or outlet is None or self._not_an_actor(outlet):
                continue
            if any(self._role_word(w) or fold(w) in self.rules.never for w in name.text.split()):
                continue
            known = self.gaz.lookup(outlet.text)
            if (
                self._known_city(doc, name)
                or self.gaz.lookup(name.text) is not None
                or (known is not None and known.type != "Institution")
            ):
                continue  # "go to Hanoi, Vietnam": a trip, not a question
            found.release(doc[name.start : outlet.end])
            found.add(name, "Person", self._tidy_person(name.text), "questioner")
            outlet_name = known.name if known else outlet.text
            found.add(outlet, "Institution", outlet_name, "questioner-outlet")

    def _add_bracketed_speakers(self, found: _Found) -> None:
        """ "Marina Kaljurand (S&D, Estonia) said", "Vassily Nebenzia (Russian Federation)":
        a name of two to four capitalised words right before a bracket that holds a country
        the text names (with a group or party before it) is a person the model did not see,
        unless a word of it is a title, a body's or an event's head, or a known place."""
        doc = found.doc
        countries = [m for m in found.mentions if m.type == "Country" and not m.demonym]
        for tok in doc:
            if tok.text != "(" or tok.i < 2:
                continue
            close = next((t.i for t in doc[tok.i : tok.i + 10] if t.text == ")"), None)
            inside = doc[tok.i : close] if close else None
            if inside is None or not any(
                inside.start_char < m.start and m.end <= inside.end_char for m in countries
            ):
                continue
            end = tok.i
            while end > 0 and (doc[end - 1].is_space or doc[end - 1].text in ("*", ",")):
                end -= 1  # "**Name**, (" as markdown writes a speaker
            start, words = end, 0
            while start > 0 and words < 4:
                prev = doc[start - 1]
                if prev.text == "-" and not prev.whitespace_ and start > 1:
                    start -= 1  # "François-Xavier": the hyphen is inside a word
                elif self._speaker_word(prev):
                    start, words = start - 1, words + 1
                else:
                    break
            if start < end and doc[start].text == "-":
                start += 1
            article = start > 0 and doc[start - 1].lower_ == "the"  # "The New Times (Rwanda)"
            if words >= 2 and not article and found.free(start, end):
                span = doc[start:end]
                if self.gaz.lookup(span.text) is None:
                    found.add(span, "Person", self._tidy_person(span.text), "bracketed-speaker")

    def _speaker_word(self, tok: Token) -> bool:
        """A word of a person's name: title case, no title, head word, place or demonym."""
        word = tok.text
        return (
            word[:1].isupper()
            and not word.isupper()
            and word.replace("-", "").replace("'", "").isalpha()
            and not self._role_word(word)
            and word.lower() not in self.rules.honorifics
            and word not in self.rules.institution_heads
            and word not in self.rules.event_heads
            and word not in self.gaz.demonyms
            and fold(word) not in self.rules.never
            and self.gaz.lookup(word) is None
            and word not in ("The", "A", "An")
        )

    def _add_listed_people(self, found: _Found) -> None:
        """ "- Abdulvahap KOCAK – Turkish national": a person in a sanctions list."""
        doc = found.doc
        for listed in _LISTED_PERSON.finditer(doc_text(doc)):
            if listed.group("surname").upper() in self._legal_forms_upper:
                # "- Haleel Finance LTD (Cyprus);": a company whose legal form is in capitals
                span = doc.char_span(listed.start("name"), listed.end("name"))
                if span is not None and found.free(span.start, span.end):
                    found.add(span, "Institution", _tidy(span.text), "listed-company")
                continue
            if not self._listed_person(listed.group("name"), listed.group("surname")):
                continue
            name = listed.group("name")
            self._add_listed_person(
                found, listed.start("name"), listed.end("name"), name, "listed-person"
            )

    def _add_surname_first_entries(self, found: _Found) -> None:
        """ "BIGIO, Gilbert (a.k.a. BIGIO BACHAR, Gilbert); DOB 20 Mar 1964; (individual)": a
        person listed surname first, named "Gilbert Bigio"; the aliases in brackets and the
        identifiers ("DOB …", "Passport …", "RFC …") on the entry's line are no actors."""
        doc, text = found.doc, doc_text(found.doc)
        for entry in _SURNAME_FIRST.finditer(text):
            line_end = text.find("\n", entry.end())
            line = text[entry.start() : line_end if line_end >= 0 else len(text)].lower()
            if not any(cue in line for cue in self.rules.entry_cues):
                continue
            surname, given = entry.group("surname"), entry.group("given")
            if not self._listed_person(given, surname):
                continue
            span = doc.char_span(
                entry.start("surname"), entry.end("given"), alignment_mode="expand"
            )
            if span is None:
                continue
            found.release(span)
            found.add(
                span, "Person", self._tidy_person(f"{given} {surname}"), "surname-first-entry"
            )
            rest = text[entry.end() : line_end if line_end >= 0 else len(text)]
            for aside in _AKA.finditer(rest):
                self._block(found, entry.end() + aside.start(), entry.end() + aside.end())
        for start, end, surname, given in name_field_entries(text):  # "Name: Bagheri, Ali"
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and self._listed_person(given, surname):
                found.release(span)
                found.add(span, "Person", self._tidy_person(f"{given} {surname}"), "name-field")

    def _block_identifiers(self, found: _Found) -> None:
        """ "DOB 20 Mar 1964", "Passport A123456", "RFC CAMJ800101": no actor, whatever the
        model read in them."""
        text = doc_text(found.doc)
        for ident in self.rules.identifier.finditer(text):
            self._block(found, ident.start(), ident.end())
        # "(a.k.a. APT28; Fancy Bear)": another name of the entry's actor, no actor of its own
        aliases = (*_AKA.finditer(text), *_AKA_FIELD.finditer(text))
        for alias in (*aliases, *_OTHER_NAME_FIELDS.finditer(text)):
            self._block(found, alias.start(), alias.end())

    @staticmethod
    def _block(found: _Found, start: int, end: int) -> None:
        """No later layer reads a mention in these characters."""
        span = found.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for k in range(span.start, span.end):
                found.taken[k] = True

    def _add_listed_bodies(self, found: _Found) -> None:
        """ "GRU Unit 26165", "Unit 840", "4. NORTHWIND LOGISTICS (a.k.a. ...)": the bodies
        sanctions lists name, which the model cuts before the number or misses in capitals
        (graph/extract/listed_bodies.py)."""
        doc, text, rules = found.doc, doc_text(found.doc), self.rules
        institutions = [(m.start, m.end) for m in found.mentions if m.type == "Institution"]
        spans = [
            *numbered_units(text, institutions, rules.unit_words),
            *capital_entries(text, rules.body_entry_cues, rules.person_entry_cues),
        ]
        for m in [m for m in found.mentions if m.type == "Institution"]:
            self._split_glued_person(found, m)
        for body in spans:
            span = doc.char_span(body.start, body.end, alignment_mode="expand")
            if span is None or any(
                m.type == "Person" and m.start < body.end and body.start < m.end
                for m in found.mentions
            ):
                continue
            found.release(span)
            found.add(span, "Institution", body.name, "listed-body")

    def _known_word(self, text: str) -> bool:
        """A place or body the gazetteer knows, a role, a legal form or a word no name has."""
        rules = self.rules
        return (
            self.gaz.lookup(text) is not None
            or self._role_word(text)
            or text in rules.company_suffixes
            or fold(text) in rules.never
            or text.lower() in rules.body_nouns
        )

    def _split_glued_person(self, found: _Found, m: Mention) -> None:
        """ "Special Tasks Department Mirza Kezevadze" read as one body: the body, then the
        person (listed_bodies.glued_person)."""
        at = glued_person(m.text, self.rules.institution_heads, self._known_word)
        doc = found.doc
        body = doc.char_span(m.start, m.start + at, alignment_mode="contract") if at else None
        person = doc.char_span(m.start + at, m.end, alignment_mode="contract") if at else None
        if body is None or person is None or self.gaz.lookup(m.text) is not None:
            return
        if any(t.ent_type_ != "PERSON" for t in person):
            return  # the model must read the tail as a person too ("... Stabilization Mission")
        whole = doc.char_span(m.start, m.end, alignment_mode="expand")
        if whole is not None:
            found.release(whole)
        found.add(body, "Institution", _tidy(_strip_article(body.text)), "listed-body")
        found.add(person, "Person", self._tidy_person(person.text), "listed-body")

    def _add_list_item_people(self, found: _Found) -> None:
        """ "- Meddie Nkalubo, a senior figure in the ADF": a person opening a list item, where
        the model saw none (or read the name as a body or a place)."""
        doc = found.doc
        for item in _ITEM_PERSON.finditer(doc_text(doc)):
            name = item.group("name")
            words = name.split()
            desc = [w.strip(",.;") for w in item.group("desc").lower().split()[:6]]
            if item.group("desc")[:1].isupper():  # "- Soe Win, Deputy Commander-in-Chief"
                title = re.split(r"[\s-]+", item.group("desc").lower())
                if not (self._role_word(title[0]) or self._role_word(" ".join(title[:2]))):
                    continue
                desc = []  # a role of a body ("Commander of the Armed Forces"): a person
            if any(w in self.rules.body_nouns for w in desc) or any(
                w in self.rules.institution_heads
                or w in self.rules.company_suffixes
                or self._role_word(w)
                or fold(w) in self.rules.never
                or self.gaz.lookup(w) is not None
                for w in words
            ):
                continue
            self._add_listed_person(
                found, item.start("name"), item.end("name"), name, "list-item-person"
            )

    def _add_body_events(self, found: _Found) -> None:
        """ "the 9430th meeting of the Security Council", "an emergency summit of ECOWAS":
        an occasion named by its body; the body stays a mention of its own."""
        doc = found.doc
        bodies = {m.start: m for m in found.mentions if m.type == "Institution"}
        for event_m in self._occasions(doc_text(doc)):
            named_body = bodies.get(event_m.end())
            span = doc.char_span(event_m.start(), event_m.end("kind"), alignment_mode="expand")
            if named_body is None or span is None or not found.free(span.start, span.end):
                continue
            name = f"{doc_text(doc)[event_m.start() : event_m.end()]}{named_body.text}"
            kind = event_m.group("kind").lower()
            # the number is the event's identity: the 37th session is not the 36th
            name = re.sub(r"\s+", " ", name).strip(" ,.;:*“”\"'’")
            found.add(span, "Event", name, "body-event", fold(name), props={"kind": kind})

    def _add_own_occasions(self, found: _Found) -> None:
        """ "The Security Council today held its 9904th meeting": the numbered occasion of
        the body the sentence names last before "its"."""
        doc, text = found.doc, doc_text(found.doc)
        for event_m in _ITS_EVENT.finditer(text):
            number = ordinal_of(event_m["pre"], self.rules)
            span = doc.char_span(event_m.start("pre"), event_m.end(), alignment_mode="expand")
            if number is None or span is None or not found.free(span.start, span.end):
                continue
            sent = found.sent_of[span.start]
            bodies = [
                m
                for m in found.mentions
                if m.type == "Institution" and m.sent == sent and m.end <= event_m.start()
            ]
            if not bodies:
                continue
            body = max(bodies, key=lambda m: m.start)
            own = re.sub(r"\s+", " ", text[event_m.start("pre") : event_m.end()])
            name = f"{own} of the {_strip_article(body.text)}"
            kind = event_m["kind"].lower()
            found.add(span, "Event", name, "body-event", fold(name), props={"kind": kind})

    def _occasions(self, text: str) -> Iterator[re.Match[str]]:
        """_BODY_EVENT's matches whose first word numbers or names an occasion ("the
        fifty-sixth session of", "an emergency summit of"), not "a closed session of" nor
        "the first meeting of" (which describes more often than it names)."""
        pos = 0
        while (m := _BODY_EVENT.search(text, pos)) is not None:
            pre = m["pre"]
            number = ordinal_of(pre, self.rules)
            if number == 1 and not pre[:1].isdigit():
                number = None
            if pre.lower() in _OCCASION_WORDS or number is not None:
                yield m
                pos = m.end()
            else:
                pos = m.end("pre")  # "An emergency summit of": try from "emergency"

    @staticmethod
    def _add_part_of_hints(found: _Found) -> None:
        """ "X of the National Assembly": the committee is part of the assembly; "the
        Treasury's Office of ...": the office is part of the Treasury."""
        text = doc_text(found.doc)
        insts = sorted(
            (m for m in found.mentions if m.type == "Institution"), key=lambda m: m.start
        )
        for a, b in zip(insts, insts[1:], strict=False):
            between = text[a.end : b.start]
            if re.fullmatch(r"\s+of\s+(the\s+)?", between) and a.sent == b.sent:
                found.part_of.append((a.name, b.name, a.sent))
            elif re.fullmatch(r"['’]s\s+", between) and a.sent == b.sent:
                found.part_of.append((b.name, a.name, a.sent))

    def _add_people(self, found: _Found) -> None:
        """Layer 2: people the model saw (a place after "in" is a city), then those it did
        not see: after a title ("Chair Amina Diallo"), by a surname again ("Faki said" after
        "Moussa Faki Mahamat"), in table rows ("Brazil — Luiz Inácio Lula da Silva —
        President")."""
        doc, taken = found.doc, found.taken
        for span in self._people(doc, taken):
            if (
                len(span) == 1
                and span.text.isupper()
                and span.text.isalpha()
                and len(span.text) <= 5
            ):
                if found.free(span.start, span.end):  # "the GRU denied": a body's acronym
                    found.add(span, "Institution", span.text, "ner-org")
                continue
            sub = self._person_name(doc, span, taken)
            if sub is None:
                continue
            if self._city_modifier(sub):
                continue  # "the Goma trading house": neither the city nor a person
            if self._placed(doc, sub):
                found.add(sub, "City", _tidy(sub.text), "ner-place")  # "talks in Dakar"
                continue
            verdict = non_person_verdict(sub)  # "the Naftan refinery", "Gwadar Port"
            if verdict == "Institution":
                found.add(sub, "Institution", _tidy(sub.text), "ner-body-evidence")
            elif verdict is None:
                found.add(sub, "Person", self._tidy_person(sub.text), "person")
            # "none": left free, a later layer may read a longer name around it ("Australian
            # Infrastructure Financing Facility for the Pacific")
        for span in self._titled_names(doc, taken):
            found.add(span, "Person", self._tidy_person(span.text), "titled-name")
        for span in [*self._role_appositions(doc), *self._apposed_names(doc)]:
            if found.free(span.start, span.end):
                found.add(span, "Person", self._tidy_person(span.text), "role-apposition")
        for tok in self._surnames_again(doc, found.mentions):
            if found.free(tok.i, tok.i + 1):
                found.add(doc[tok.i : tok.i + 1], "Person", tok.text, "surname-again")
        for span in self._row_names(doc):
            if not found.free(span.start, span.end) and self._cell_widens_a_name(found, span):
                found.release(span)  # "| Vietnam | Phạm Minh [Chính] |": the whole cell
            if found.free(span.start, span.end):
                found.add(span, "Person", self._tidy_person(span.text), "table-row")

    def _cell_widens_a_name(self, found: _Found, cell: Span) -> bool:
        """Whether a name cell of a table row holds a shorter name the model read ("Phạm
        Minh" of "Phạm Minh Chính", "Masisi" of "Mokgweetsi Masisi"): the model cuts names
        it does not know at a word it takes for a place or leaves out. The cell is the name
        when every mention in it is such a model person and every word outside them is a
        bare name word (no title, honorific, demonym or place: "Sheikh Hamad ..." stays)."""
        inside = [m for m in found.mentions if m.start < cell.end_char and cell.start_char < m.end]
        if not inside or any(
            m.type != "Person" or m.source != "person" or m.start < cell.start_char
            or m.end > cell.end_char
            for m in inside
        ):
            return False
        rest = [t for t in cell if not any(m.start <= t.idx < m.end for m in inside)]
        return bool(rest) and all(self._bare_cell_word(t) for t in rest)

    def _bare_cell_word(self, tok: Token) -> bool:
        word = tok.text
        return (
            (tok.is_alpha and word[:1].isupper() and not word.isupper())
            or word in self.rules.name_particles
        ) and not (
            word.lower() in self.title_words
            or self._role_word(word)
            or word.lower().strip(".") in self.rules.honorifics
            or word in self.rules.institution_heads
            or word in self.gaz.demonyms
            or self.gaz.lookup(word) is not None
        )

    def _add_other_organisations(self, found: _Found) -> None:
        """Layer 3: other organisations spaCy saw, unless part of a title ("External Affairs
        Minister") or a place ("in X")."""
        doc = found.doc
        for ent in doc_ents(doc):
            if ent.label_ != "ORG":
                continue
            if not found.free(ent.start, ent.end):
                self._add_short_country_body(found, ent)
                continue
            text = _strip_article(ent.text).strip(" *”“\"'’,")
            if self._possessive_person(ent):  # "Nicolás Maduro's [government]"
                name = doc[ent.start : ent.end - 1]
                found.add(name, "Person", self._tidy_person(name.text), "possessive-person")
                continue
            text = _POSSESSIVE_END.sub("", text)  # "al-Qa'ida's [ambitions]": the body
            if not text or fold(text) in self.rules.never or len(text) < 2:
                continue
            if self._dateline_credit(ent):
                continue  # "ADDIS ABABA, Feb 18 (Reuters) -": the story's source, furniture
            if all(part in self.gaz.demonyms for part in re.split("[-–]", text)):
                continue  # "Kazakh [officials]", "Kyrgyz-Kazakh [relations]": demonyms
            following = doc[ent.end].lower_ if ent.end < len(doc) else ""
            if following in self.rules.role_nouns:
                continue  # "External Affairs Minister": part of a title, not a body
            if not any(c.isalpha() for c in text) or "\n" in text:
                continue
            span = doc.char_span(
                ent.start_char + ent.text.find(text),
                ent.start_char + ent.text.find(text) + len(text),
                alignment_mode="contract",
            )
            if span is None or not len(span) or self._not_an_actor(span):
                continue
            if self._city_modifier(span) or self._area_modifier(span):
                continue  # "the Kisumu process", "the Tarkint area": neither a city nor a body
            if self._placed(doc, span):
                found.add(span, "City", _tidy(text), "ner-place")
                continue
            found.add(span, "Institution", _tidy(text), "ner-org")

    def _add_numbered_groups(self, found: _Found) -> None:
        """ "the M23 rebels", "the A3+", "E3 ministers": a group named by one or two capitals
        and a number, which the model takes for a place as often as for a body. Not one the
        gazetteer knows ("G20"), a numbered series ("COP28") or the model's product ("F16")."""
        doc = found.doc
        for ent in doc_ents(doc):
            if ent.label_ not in ("ORG", "GPE", "LOC", "NORP"):
                continue
            span = ent[1:] if ent[0].lower_ == "the" else ent
            if not _NUMBERED_GROUP.fullmatch(span.text) or not found.free(span.start, span.end):
                continue
            if self.gaz.lookup(span.text) is not None:
                continue
            if self.numbered_series and self.numbered_series.fullmatch(span.text):
                continue
            found.add(span, "Institution", span.text, "numbered-group")

    def _add_short_country_body(self, found: _Found, ent: Span) -> None:
        """ "the U.S. Army", "the US Treasury", "UK Space Command": a body the model saw whose
        name is a country written short and one to three words ending in a state body's
        head; the gazetteer took the country, and the rest alone ("Army") is no name."""
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        country = next(
            (m for m in found.mentions if m.type == "Country" and m.start == ent.doc[start].idx),
            None,
        )
        if country is None or not _abbreviation(country.text):
            return
        end = ent.end - 1 if ent[-1].text in ("'s", "’s") else ent.end  # "the US Treasury's"
        doc = ent.doc
        if end == ent.end < len(doc) and doc[end].text[:1].isupper():
            return  # "U.S. Forces Japan": the name goes on past the model's span
        first = next((t.i for t in doc[start:end] if t.idx >= country.end), end)
        rest = doc[first:end]
        if not 1 <= len(rest) <= 3 or not found.free(rest.start, rest.end):
            return
        if rest[-1].text not in self.rules.state_body_heads or rest[-1].text in ("State", "Air"):
            return
        if not all(t.text[:1].isupper() for t in rest):
            return
        span = doc[start:end]
        found.release(span)
        found.add(span, "Institution", _tidy(span.text), "ner-org")

    def _add_defined_aliases(self, found: _Found) -> None:
        """Names defined in brackets: "Office of Foreign Assets Control (OFAC)", "Asia Sun
        Group Co., Ltd. (Asia Sun Group)": every later use of the short form is the body."""
        for owner, short in self._definitions(found.doc, found.mentions):
            for use in self._uses(found.doc, short, owner.end):
                hit = next((m for m in found.mentions if (m.start, m.end) == use[:2]), None)
                if hit is not None:
                    hit.type, hit.name, hit.key = owner.type, owner.name, owner.key
                    hit.source = "defined-alias"
                elif found.free(use[2].start, use[2].end):
                    found.add(use[2], owner.type, owner.name, "defined-alias", owner.key)

    def _add_demonyms(self, found: _Found) -> None:
        """Layer 4: demonyms, as mentions of the country or region ("Cuban" → Cuba)."""
        doc = found.doc
        for tok in doc:
            if found.taken[tok.i]:
                continue
            word = tok.text
            two = f"{word} {doc[tok.i + 1].text}" if tok.i + 1 < len(doc) else ""
            place = self.gaz.demonyms.get(two) or self.gaz.demonyms.get(word)
            if place is None:
                continue
            if self._after_given_name(doc, tok):
                continue  # "Ana Costa": a surname, not "Costa [Rican]"
            width = 2 if two in self.gaz.demonyms else 1
            span = doc[tok.i : tok.i + width]
            found.add(span, place.type, place.name, "demonym", place.name, demonym=True)

    def _add_dateline(self, found: _Found) -> None:
        """ "LOS ANGELES, June 10 (Reuters) -": the city a wire story was filed from, when it
        is a known city or its country, state or a date follows it."""
        doc = found.doc
        small = self.rules.name_particles | {"on", "au", "sur", "en"}
        for m in _DATELINE.finditer(doc_text(doc)):
            rest = (m["rest"] or "").strip()
            first = rest.split(",")[0].strip()
            dated = bool(_MONTH.match(rest)) or (first and self.gaz.lookup(first) is not None)
            start = m.start("city")
            for part in m["city"].split("/"):  # "KIGALI/BRUSSELS, March 17 (Reuters) -"
                name = _title_case(part, small)
                place = self.gaz.lookup(name)
                span = doc.char_span(start, start + len(part), alignment_mode="expand")
                start += len(part) + 1
                if place is not None and place.type != "City":
                    continue  # "UKRAINE -": a heading, not a city
                if span is None or (self.gaz.city_code(name) is None and not dated):
                    continue
                if found.free(span.start, span.end):
                    found.add(span, "City", name, "dateline")

    def _dashed_demonym(self, doc: Doc, tok: Token) -> bool:
        """Whether a word follows another state's adjective and a dash ("Kyrgyz-Kazakh")."""
        return (
            tok.i >= 2
            and doc[tok.i - 1].text in ("-", "–")
            and not doc[tok.i - 2].whitespace_
            and doc[tok.i - 2].text in self.gaz.demonyms
        )

    def _after_given_name(self, doc: Doc, tok: Token) -> bool:
        """Whether a word follows a given name: the model's person goes on into it, or a
        capitalised name word that is no title, demonym or place stands before it."""
        if self._dashed_demonym(doc, tok):
            return False  # "Uzbek-Tajik trade": two states' adjectives, not a name
        if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I":
            return True
        prev = doc[tok.i - 1] if tok.i > 0 else None
        return (
            prev is not None
            and prev.pos_ == "PROPN"
            # "By late February Kenyan President X": a date, not a given name
            and prev.ent_type_ in ("", "PERSON")
            and prev.lower_ not in MONTHS
            and prev.lower_ not in _WEEKDAYS
            and prev.text[:1].isupper()
            and prev.text.isalpha()
            and not prev.is_sent_start
            and not self._role_word(prev.text)
            and prev.lower_ not in self.rules.honorifics
            and prev.text not in self.gaz.demonyms
            and self.gaz.lookup(prev.text) is None
        )

    def _add_metonyms(self, found: _Found) -> None:
        """A capital that is not a place in its sentence is its government: "Washington
        imposed ...", "Moscow's position", "ties with Beijing", "London regretted the veto";
        "talks in Moscow", "flew to Beijing", a dateline stay cities."""
        text = doc_text(found.doc)
        for m in found.mentions:
            actor = self.gaz.capital_actor(m.name) if m.type == "City" else None
            if actor is None or m.source == "dateline":
                continue
            if self.rules.place_line.match(text, text.rfind("\n", 0, m.start) + 1):
                continue  # an infobox's "Cities: Jakarta", "Location: Port Moresby, ...": a place
            span = found.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and self._surname_of_named_person(found.doc, span):
                continue
            if span is not None and not self._as_place(span):
                m.type, m.name, m.key, m.source = actor.type, actor.name, actor.name, "metonym"

    def _as_place(self, span: Span) -> bool:
        """Whether a city's name stands for the place: after "in", "near", "at"; after "to"
        or "from" a word of travel ("flew to", "a visit to", "returned from"); the object of
        a visit; a modifier of a noun ("the Moscow talks"); "Washington, D.C.", "X-based"."""
        doc, root = span.doc, span.root
        if root.dep_ == "conj" and root.head.i < span.start:  # "in Kampala and Hanoi"
            first = root.head
            if self._as_place(doc[first.left_edge.i : first.i + 1]):
                return True  # else its own words may still say so: "LTD, Nairobi, Kenya"
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        places = self.rules.place_words
        if before is not None and self._reaction_of(before):
            return False  # "a cautious response in Washington": the government's response
        if self._owner_of_a_stance(span):
            return False  # "at Bogotá's request", "a change in Moscow's mood"
        if before is None or before.is_space or "\n" in before.text:
            # a line opening with the city: a dateline ("Kampala, 3 May -"), a heading
            return after is None or after.text in (",", "(", "—", "–", "-") or after.is_space
        if before.lower_ in places["preps"] or before.text == "(":
            return True  # "talks in Moscow", "44th Summit (Vientiane)"
        named = before if before.text != "," or span.start < 2 else doc[span.start - 2]
        if named.lower_ in places.get("named_after", ()):
            return True  # "the Angolan capital, Luanda", "the Cambodian capital Phnom Penh"
        if root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN"):
            return True
        if after is not None and (after.text in (",", "-") and span.end + 1 < len(doc)):
            nxt = doc[span.end + 1]
            if (
                after.text == "-"
                or self.gaz.lookup(nxt.text) is not None
                or nxt.text
                in (
                    "D.C.",
                    "DC",
                )
            ):
                return True  # "Washington, D.C.", "Abuja, Nigeria", "Kyiv-based"
        return self._travelled(span)

    def _owner_of_a_stance(self, span: Span) -> bool:
        """Whether the capital owns a common noun that is no part of a place ("at Bogotá's
        request", "in Moscow's mood"): the preposition before it governs that noun, not the
        city, so it makes no place of it ("in Kyiv's streets", "Tehran's Evin prison" do)."""
        doc, root = span.doc, span.root
        if span.end >= len(doc) or doc[span.end].text not in ("'s", "’s"):
            return False
        owned = root.head if root.dep_ == "poss" else None
        if owned is None or owned.pos_ != "NOUN" or owned.i <= span.end:
            return False
        if any(t.pos_ == "PROPN" for t in doc[span.end + 1 : owned.i + 1]):
            return False  # "in Beijing's Tiananmen Square": a named place of the city
        return owned.lemma_.lower() not in self.rules.place_words.get("place_nouns", frozenset())

    def _reaction_of(self, prep: Token) -> bool:
        """Whether "in" or "from" right before a capital completes a noun of what a government
        says or gives ("response in X", "assurances from X"; rules.toml [places]
        reaction_nouns), the noun written right before the preposition."""
        if prep.lower_ not in ("in", "from") or prep.i == 0:
            return False
        nouns = self.rules.place_words.get("reaction_nouns", frozenset())
        noun = prep.doc[prep.i - 1]
        return noun.pos_ == "NOUN" and noun.lemma_.lower() in nouns

    def _travelled(self, span: Span) -> bool:
        """Whether a city's name is where someone goes or has been: "flew to X", "arrives
        here from X", "shuttling between X and Y", "visited X", "the last stop is X";
        "residents of X"."""
        root, places = span.root, self.rules.place_words
        head = root.head
        travel = places["travel_words"]
        if root.dep_ == "pobj" and head.lower_ in places["travel_preps"]:
            verb = head.head
            while verb.pos_ == "ADV" and verb.head is not verb:
                verb = verb.head  # "arrives here from X", "flew back to X"
            ranged = any(
                t.lower_ in places["travel_preps"] and t.dep_ == "prep" and t != head
                for t in verb.children
            )
            return ranged or verb.lemma_.lower() in travel  # "from A to B"
        if root.dep_ == "pobj" and head.lower_ == "of":
            return head.head.lemma_.lower() in places["place_nouns"]  # "residents of Goma"
        if root.dep_ == "attr" and head.lemma_ == "be":  # "the next stop is X"
            return any(t.dep_ == "nsubj" and t.lemma_.lower() in travel for t in head.children)
        return root.dep_ == "dobj" and head.lemma_.lower() in travel

    def _add_places_in(self, found: _Found) -> None:
        """Layer 5: places spaCy knows that the gazetteer does not, where the text says
        "in X", "near X", "X-based"."""
        doc = found.doc
        for ent in doc_ents(doc):
            if ent.label_ not in ("GPE", "LOC", "FAC") or not found.free(ent.start, ent.end):
                continue
            if ent.start == 0:
                continue
            based = doc_text(doc)[ent.end_char : ent.end_char + 7] == "-based"
            following = doc[ent.end] if ent.end < len(doc) else None
            known = self.gaz.city_code(_strip_article(ent.text)) is not None and not (
                (following is not None and following.text[:1].isupper())
                or _modifies_a_noun(ent.root)
            )  # "the Jeddah Declaration", "the Luanda and Nairobi processes": no mention
            if ent.label_ == "FAC" and not known:
                continue  # a building or a road, unless the model took a city for one
            if (
                (
                    (doc[ent.start - 1].lower_ not in ("in", "near", "outside") and not based)
                    and not known
                )
                or not ent.text[:1].isupper()
                or ent.text.isupper()
            ):
                continue
            if not known and self.gaz.city_code(_strip_article(ent.text), 0) is None:
                continue  # "in Darfur", "in North Kivu", "in Favour": a region, no city
            # words, not tokens: "Port-au-Prince", "Rostov-on-Don" are five tokens, one word
            if fold(ent.text) in self.rules.never or len(ent.text.split()) > 3:
                continue
            found.add(ent, "City", _tidy(ent.text), "ner-gpe")

    def _surnames_again(self, doc: Doc, mentions: list[Mention]) -> list[Token]:
        """Proper nouns standing alone that are a later word of a person named in full before
        them (not the given name: "Moussa" alone may be anyone)."""
        first_seen: dict[str, int] = {}
        for m in mentions:
            words = m.name.split()
            if m.type != "Person" or len(words) < 2:
                continue
            for w in words[1:]:
                if w.lower() in self.rules.honorifics:
                    continue  # "Amir" of "Amir Tamim ..." is a title, not a surname
                if w[:1].isupper() and len(w) > 2 and w.lower() not in self.rules.name_particles:
                    first_seen[w] = min(first_seen.get(w, m.end), m.end)
        out = []
        never = len(doc_text(doc)) + 1  # Doc.text joins every token: once, not per token
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.idx < first_seen.get(tok.text, never):
                continue
            neighbours = [doc[k] for k in (tok.i - 1, tok.i + 1) if 0 <= k < len(doc)]
            if not any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours):
                out.append(tok)  # a name of its own, not part of a longer one
        return out

    def _listed_person(self, name: str, surname: str) -> bool:
        """ "Ali KOCAK" is a person; "Kavkasia Logistics LLC", "Share Print Download PDF",
        "Queen Elizabeth II" are not read this way."""
        if surname in self.rules.company_suffixes or surname in self.rules.company_prefixes:
            return False
        if re.fullmatch(r"[IVXLC]+", surname) or fold(surname) in self.rules.never:
            return False
        words = name.split()
        return not any(fold(w) in self.rules.never or self._role_word(w) for w in words)

    def _person_name(self, doc: Doc, span: Span, taken: list[bool]) -> Span | None:
        """What of a PERSON span is a name: the longest free run of name words, without the
        titles, honorifics and demonyms written before it; None when nothing is left."""
        toks = [t for t in span if not taken[t.i]]
        if not toks:
            return None
        particles = self.rules.name_particles
        split = len(toks) < len(span)
        runs: list[list[Token]] = [[]]
        for t in span:
            glued = t.i > 0 and not doc[t.i - 1].whitespace_ and doc[t.i - 1].text == "-"
            if taken[t.i] or not (
                t.text[0].isupper()
                or t.text in particles
                or (t.text == "-" and not t.whitespace_)
                or (t.lower_ in particles and not t.whitespace_)  # "el-Sisi"
                or (glued and t.is_alpha and len(t) <= 4)  # "Jong In-chol", "Moon Jae-in"
            ):
                runs.append([])
            else:
                runs[-1].append(t)
        run = max(runs, key=len)
        while run and run[-1].text in particles:
            run.pop()
        if not run:
            return None
        while run and not run[0].text[:1].isalpha():
            run.pop(0)  # "-Presse" of "Agence France-Presse"
        if not run:
            return None
        sub = doc[run[0].i : run[-1].i + 1]
        if fold(sub.text) in self.rules.never or sub.text in self.rules.person_blocklist:
            return None
        if self._never_an_actor(sub.text):
            return None
        # "Kenyan President", "The Rt Hon Lord", "Commission Chair": titles before the name
        while len(sub) > 1 and (
            sub[0].text in self.gaz.demonyms
            or not sub[0].text[:1].isalpha()  # the dash left of "Kyrgyz-Kazakh"
            or self._role_word(sub[0].text)
            or sub[0].lower_.strip(".") in self.rules.honorifics
            or sub[0].text in self.rules.institution_heads
            or self.gaz.lookup(sub[0].text) is not None
        ):
            sub = sub[1:]
        if len(sub) == 1 and (
            sub[0].lower_.strip(".") in self.names.person_titles or self._role_word(sub[0].text)
        ):
            return None  # "the Amir said", "the Prince arrived": a title alone names nobody
        if len(sub) == 1 and sub.text.isupper() and len(sub.text) <= 5:
            return None  # "GRU", "SNS": an acronym, a body's short form, never a person
        while (
            len(sub) > 2
            and sub[-1].text.isupper()
            and fold(sub[-1].text).replace(" ", "") in self.names.post_nominals
        ):
            sub = sub[:-1]  # "Keir Starmer KCB": letters after the name
        if self.gaz.lookup(sub.text) is not None:
            return None
        role_words = self._role_noun_words
        if all(t.lower_ in role_words or t.lower_ in ("of", "the") for t in sub):
            return None  # "Special Representative": a title, not a name
        if len(sub) == 1 and (sub[0].tag_ == "NNPS" or not sub[0].text[:1].isupper()):
            return None  # "Houthis", "Rohingyas": a group, not a person
        if sub.text in self.gaz.demonyms:
            return None  # "Azerbaijani": the country's adjective, read as a demonym later
        after = doc[sub.end : sub.end + 3]
        if any(t.lower_ in self.names.place_nouns and t.text.islower() for t in after[:1]) or (
            len(after) == 3
            and after[0].lower_ == "and"
            and after[2].lower_ in self.names.place_nouns
        ):
            return None  # "the Lachin corridor", "the Kherson and Zaporizhzhia regions"
        if split and len(sub) == 1 and not self._known_surname(doc, sub[0]):
            return None  # "Russia Seeks": what is left of a split is no name
        return sub

    def _placed(self, doc: Doc, span: Span) -> bool:
        """A short name right after "in", "near", "outside" is a place the model took for a
        person ("talks in Dakar"), unless a possessive follows ("in Putin's view")."""
        if len(span) > 3:
            return False
        if self._known_city(doc, span):
            return True
        if len(span) > 2 or span.start == 0:
            return False
        after = doc[span.end].text if span.end < len(doc) else ""
        if after in ("'s", "’s"):
            return False
        before = self._first_conjunct(doc, span)
        return before is not None and before.lower_ in ("in", "near", "outside")

    @staticmethod
    def _first_conjunct(doc: Doc, span: Span) -> Token | None:
        """The word before a name, or before the first of the names it is coordinated with:
        "in" for "Vayk" in "in Goris and Vayk" (every word between a proper noun, "and" or a
        comma)."""
        root = span.root
        while root.dep_ == "conj" and root.head.i < root.i and root.head.pos_ == "PROPN":
            root = root.head
        start = min(span.start, root.left_edge.i) if root.i < span.start else span.start
        between = doc[start : span.start]
        if not all(t.pos_ == "PROPN" or t.lower_ in ("and", ",") for t in between):
            return None
        return doc[start - 1] if start > 0 else None

    def _city_modifier(self, span: Span) -> bool:
        """A known city's name modifying a noun: "the Nairobi process", "a Goma firm"."""
        return (
            len(span) <= 3
            and self.gaz.city_code(_strip_article(span.text)) is not None
            and _modifies_a_noun(span.root)
        )

    def _area_modifier(self, span: Span) -> bool:
        """A name modifying a lower-case noun of a place or a people: "the Tarkint area",
        "the Varreux fuel terminal", "the Lehmar Arab community" (rules.toml area_nouns)."""
        root = span.root
        head = root.head
        return (
            root.dep_ in ("compound", "nmod", "amod")
            and head.i >= span.end
            and head.is_lower
            and head.lower_ in self.rules.place_words.get("area_nouns", frozenset())
        )

    def _known_city(self, doc: Doc, span: Span) -> bool:
        """ "Khartoum", "Goma", "Düsseldorf": a city of the gazetteer, a capital (countryinfo)
        or a larger city of GeoNames that the model read as a person or a body, unless it is
        the surname of a person the document names in full ("Jacques Paris") or a title
        stands before it."""
        name = _strip_article(span.text)
        if self.gaz.city_code(name) is None:
            return False
        if len(span) == 1 and self._known_surname(doc, span[0]):
            return False
        before = doc[span.start - 1] if span.start > 0 else None
        return before is None or not (
            self._role_word(before.text) or before.lower_.strip(".") in self.rules.honorifics
        )

    def _not_an_actor(self, span: Span) -> bool:
        """Names of laws, orders, lists and documents, bare head words ("the Council"),
        abstract nouns ("Terrorism"), headings in capitals, broken tokens."""
        words = [t for t in span if not t.is_punct]
        if not words or self._never_an_actor(span.text):
            return True
        doc = span.doc
        heads = self.rules.document_heads
        if words[-1].text in heads or (
            span.end < len(doc) and doc[span.end].text in heads and doc[span.end].text[0].isupper()
        ):
            return True  # "Foreign Relations Act", "Specially Designated Nationals [List]"
        if any(t.text in heads and t.nbor(1).like_num for t in span if t.i + 1 < len(doc)):
            return True  # "Executive Order 14024", "General License 7"
        text = span.text
        if self._role_or_portfolio(span):
            return True
        if len(words) == 1 and (
            text in self.rules.institution_heads
            or text in self.rules.event_heads
            or re.search(r"(ism|ity|tion|ment|ness|ance|ence|ship)$", text)
        ):
            return True
        if re.search(r"[\[\]{}<>|•]", text) or re.search(r"\w/\w*\d", text):
            return True  # broken tokens; a document's symbol ("S/RES/2699(2023)")
        if span.start > 0 and doc[span.start - 1].lower_ in self.rules.vessel_words:
            return True  # "the tanker Ocean Star": a ship, no actor
        if self._a_kind_of_body(span):
            return True
        if text.isupper() and len(text) > 5 and self.gaz.lookup(text) is None:
            line_start = doc_text(doc).rfind("\n", 0, span.start_char) + 1
            line_end = doc_text(doc).find("\n", span.end_char)
            line = doc_text(doc)[line_start : line_end if line_end >= 0 else None]
            return line.upper() == line  # a heading in capitals
        return False

    @staticmethod
    def _a_kind_of_body(span: Span) -> bool:
        """ "designated as a Foreign Terrorist Organization": a name after "a" / "an" that
        heads its phrase is a kind of body, not one body ("an EU official" keeps the EU: the
        name modifies a noun there)."""
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if span[0].lower_ not in ("a", "an") and before not in ("a", "an"):
            return False
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.pos_ == "NOUN" and after.text.islower():
            return False  # "a White House readout"
        return span.root.dep_ not in ("compound", "amod", "nmod", "poss")

    def _role_or_portfolio(self, span: Span) -> bool:
        """ "National Security Advisor", "Chair of the Group of 77", "H.E. Dr": a role, not a
        body; "[Minister of] Foreign Affairs": a portfolio. A body's head word or a name the
        gazetteer knows keeps it ("Office of the Special Representative", "Treasury"), unless
        the name follows "<portfolio role> for" with no article: "Cabinet Secretary for
        Interior and National Administration" (not "Minister for the Cabinet Office")."""
        if self.gaz.lookup(span.text) is not None:
            return False
        if self._portfolio_after_for(span):
            return True
        if any(t.text in self.rules.institution_heads for t in span):
            return False
        words = [t.lower_.strip(".") for t in span if not t.is_punct]
        if words and all(w in self.rules.honorifics or w in ("h.e", "he") for w in words):
            return True  # "H.E. Dr"
        head = fold(re.split(r"\s+of\s+", _strip_article(span.text))[0])
        if any(head == r or head.endswith(" " + r) for r in self._folded_role_nouns):
            return True  # folded as the head is: "Chargé d'Affaires" is "charge daffaires"
        if head.endswith("s") and head[:-1] in self.rules.role_nouns:
            return True  # "Ambassadors"
        if head.endswith("ies") and head[:-3] + "y" in self.rules.role_nouns:
            return True  # "Secretaries"
        before = doc_text(span.doc)[max(0, span.start_char - 40) : span.start_char]
        m = re.search(r"([A-Za-z-]+)\s+(?:of|for)\s+(?:the\s+)?$", before)
        return m is not None and m.group(1).lower() in self.names.portfolio_roles

    def _portfolio_after_for(self, span: Span) -> bool:
        """ "[Cabinet Secretary for] Interior and National Administration": a name right
        after a portfolio role and "for", with no article, is the role's portfolio, and so is
        its tail ("[... for Interior and] National Administration")."""
        return portfolio_after_for(doc_text(span.doc), span.start_char, self.names.portfolio_roles)

    def _dateline_credit(self, ent: Span) -> bool:
        """A news agency in brackets ("(Reuters)", "(AP)") credits the story: page
        furniture, unlike an agency a speaker quotes or works for ("told Reuters")."""
        doc = ent.doc
        return (
            ent.text in self.names.byline_agencies
            and ent.start > 0
            and ent.end < len(doc)
            and doc[ent.start - 1].text == "("
            and doc[ent.end].text == ")"
        )

    def _possessive_person(self, ent: Span) -> bool:
        """ "Nicolás Maduro's [government]": a person's name in title case with a
        possessive, read by the model as a body, is the person."""
        if len(ent) < 3 or ent[-1].text not in ("'s", "’s"):
            return False
        words = ent[:-1]
        if not 2 <= len(words) <= 3 or self.gaz.lookup(words.text) is not None:
            return False
        return all(
            t.is_alpha
            and t.text[:1].isupper()
            and not t.text.isupper()
            and t.text not in self.rules.institution_heads
            and t.text not in self.rules.state_body_heads
            and t.text not in self.gaz.demonyms
            and self.gaz.lookup(t.text) is None
            for t in words
        )

    def _never_an_actor(self, text: str) -> bool:
        """A disease, a page's furniture ("7 References", "Precedes"), a venue ("Sandton
        Convention Centre", "Grand Pacific Hotel")."""
        name = _strip_article(text)
        if fold(re.sub(r"^\d+\s+", "", name)) in self.names.not_actors:
            return True
        return any(name.endswith(" " + head) for head in self.names.venue_heads)

    def _tidy_person(self, text: str) -> str:
        return _person_tidy(text, self.rules.name_particles)

    def _role_word(self, word: str) -> bool:
        return word.lower() in self._role_noun_set

    @cached_property
    def _legal_forms_upper(self) -> frozenset[str]:
        """The legal forms of rules.toml [companies] in capitals ("LTD", "LIMITED", "LLC")."""
        return frozenset(f.upper() for f in self.rules.company_suffixes if len(f) >= 3)

    @cached_property
    def _role_noun_set(self) -> frozenset[str]:
        """rules.role_nouns as a set: asked per token, and a tuple is scanned."""
        return frozenset(self.rules.role_nouns)

    @cached_property
    def _folded_role_nouns(self) -> tuple[str, ...]:
        """rules.role_nouns folded as names are (accents and apostrophes dropped)."""
        return tuple(dict.fromkeys(fold(r) for r in self.rules.role_nouns))

    @cached_property
    def _role_noun_words(self) -> frozenset[str]:
        """Every word of a role noun ("special", "representative"), built once."""
        return frozenset(w for r in self.rules.role_nouns for w in r.split())

    def _surname_of_named_person(self, doc: Doc, span: Span) -> bool:
        """A one-word place that ends a person's full name the model read ("Jacques Paris"),
        or that stands alone after that person was named in full ("Paris said")."""
        if len(span) != 1:
            return False
        spans = full_name_surnames(doc).get(span[0].text, [])
        return any(start < span.start < end or end <= span.start for start, end in spans)

    def _known_surname(self, doc: Doc, tok: Token) -> bool:
        spans = full_name_surnames(doc).get(tok.text, [])
        return any(not (start <= tok.i < end) for start, end in spans)

    def _people(self, doc: Doc, taken: list[bool]) -> list[Span]:
        """PERSON spans, joined when adjacent and extended over the rest of the name."""
        spans: list[Span] = []
        ents = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
        for e in doc_ents(doc):
            if e.label_ != "ORG":
                continue
            free_tail = [t for t in e if not taken[t.i]]
            if len(free_tail) < len(e) and len(free_tail) >= 2 and not taken[e[-1].i]:
                ents.append(e)  # "... of Honduras Luis Redondo Guifarro": body + name
                continue
            if any(t.text in self.rules.institution_heads for t in e):
                continue
            if self._looks_personal(doc, e) or self._after_person_title(e):
                ents.append(e)  # people spaCy mislabelled, next to a title
            elif e[0].text in self.gaz.demonyms and len(e) >= 3:
                ents.append(e)  # "Brazilian Veneziano Vital do Rêgo"
            elif any(t.ent_type_ == "PERSON" for t in e.root.conjuncts):
                ents.append(e)  # "Salvador Allende, Ernesto Che Guevara and Fidel Castro"
        ents.sort(key=lambda e: e.start)
        for e in _split_at_slashes(ents):
            start, end = e.start, e.end
            if start > 0 and self._given_name(doc[start - 1], doc[start]):
                start -= 1  # "Secretary of State Antony J. Blinken": the model's name
                # starts at the middle initial
            start = self._given_names_before(doc, start, e.end)
            while end - start > 1 and doc[end - 1].text in self.rules.name_particles:
                end -= 1  # the model's "Ursula von": the particles are read again below
            while end < len(doc):
                particles = self._particle_run(doc, end)
                if particles:  # "Ursula | von der | Leyen": the word after is the surname,
                    end += particles + 1  # whatever label the model gave it
                    continue
                if not (doc[end].pos_ == "PROPN" and doc[end].text[0].isupper()):
                    break
                if (
                    doc[end].ent_type_ in ("GPE", "ORG", "LOC", "NORP")
                    and doc[end].ent_iob_ == "B"
                    and doc[end].ent_type_ != "PERSON"
                ):
                    break
                end += 1
            while (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and (
                    doc[end + 1].text[:1].isupper()
                    or (doc[end + 1].is_alpha and len(doc[end + 1]) <= 4)  # "Moon Jae-in"
                )
            ):
                end += 2  # "Amir-Abdollahian": a hyphen never ends a surname
            while (
                end + 2 < len(doc)
                and doc[end].lower_ in self.rules.name_particles
                and doc[end + 1].text == "-"
                and not doc[end].whitespace_
                and not doc[end + 1].whitespace_
                and doc[end + 2].text[:1].isupper()
            ):
                end += 3  # "Abdel Fattah el-Sisi"
            # Token.sent and Span.sent scan the whole document: compare sentence starts
            if (
                spans
                and spans[-1].end >= start
                and not any(t.is_sent_start for t in doc[spans[-1].start + 1 : end])
            ):
                start = min(start, spans[-1].start)
                spans[-1] = doc[start : max(end, spans[-1].end)]
                continue
            spans.append(doc[start:end])
        return spans

    def _given_names_before(self, doc: Doc, start: int, end: int) -> int:
        """ "Rabia Djibo [Magagi], Coordinator of ...", "Mr Chrispin [Phiri]", "Ambassador
        MaryKay [Carlson]": the model's name starts at the surname. Up to two capitalised
        proper nouns right before it that no entity, title, place or body's head word holds
        are its given names. After a person's title they are; else not on a line in title
        case (a headline, a table row), where capitals prove nothing, and at a sentence's
        start only before an apposition (", Coordinator of"): "Afterwards [Amorim] flew"."""
        k = start
        while k > 0 and start - k < 2 and self._bare_given_word(doc[k - 1]):
            k -= 1
        before = doc[k - 1].lower_.strip(".") if k > 0 else ""
        if k == start or before in self.names.person_titles:
            return k
        if before in self.rules.connectors or before in self.title_words:
            return start  # "Envoy for Climate [Kerry]", "Prime Ministers [Howard]": title words
        opens = k == 0 or doc[k].is_sent_start or not doc[k - 1].is_alpha
        apposed = end < len(doc) and doc[end].text == ","
        return k if self._in_prose(doc, start) and (apposed or not opens) else start

    def _bare_given_word(self, tok: Token) -> bool:
        return (
            tok.pos_ == "PROPN"
            and tok.is_alpha
            and tok.text[:1].isupper()
            and not tok.text.isupper()
            and not tok.ent_type_
            and tok.lower_ not in CALENDAR_WORDS  # "Later Monday Ramaphosa arrived"
            and tok.lower_ not in self.title_words
            and not self._role_word(tok.text)
            and tok.text not in self.rules.institution_heads
            and tok.text not in self.gaz.demonyms
            and self.gaz.lookup(tok.text) is None
        )

    @staticmethod
    def _in_prose(doc: Doc, i: int) -> bool:
        """Whether token i's line holds a word of four letters or more in lower case."""
        text = doc_text(doc)
        at = doc[i].idx
        line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]
        return re.search(r"(?<![\w-])[a-z]{4,}", line) is not None

    def _given_name(self, before: Token, initial: Token) -> bool:
        """Whether `before` is the given name of a name the model starts at its middle
        initial: a capitalised word outside any entity and no title ("Antony" of "J. Blinken",
        not "Secretary" of "J. Smith")."""
        return (
            re.fullmatch(r"[A-Z]\.", initial.text) is not None
            and before.is_alpha
            and before.is_title
            and not before.ent_type_
            and before.lower_ not in self.title_words
        )

    def _particle_run(self, doc: Doc, i: int) -> int:
        """How many name particles start at token i and lead on to a capitalised word
        ("von der Leyen", "de la Torre", "da Silva"); 0 when they do not."""
        k = 0
        while k < 3 and i + k < len(doc) and doc[i + k].text in self.rules.name_particles:
            k += 1
        return k if k and i + k < len(doc) and doc[i + k].text[:1].isupper() else 0

    def _looks_personal(self, doc: Doc, e: Span) -> bool:
        words = [t for t in e if not t.is_punct]
        if not words or any(
            not t.text[0].isupper() for t in words if t.text not in self.rules.name_particles
        ):
            return False
        if e.text.isupper():
            return False
        after = doc_text(doc)[e.end_char : e.end_char + 40].lstrip()
        before = doc_text(doc)[max(0, e.start_char - 60) : e.start_char]
        if self._person_apposition(after):
            return True  # "Moussa Faki Mahamat, Chairperson of ...", "X, who won ..."
        tail_words = before.lower().split()
        for k in (1, 2):  # "Minister X", "former prime ministers X and Y"
            tail = " ".join(tail_words[-k:]).strip(" ,")
            if tail_words and (tail in self.rules.role_nouns or tail[:-1] in self.rules.role_nouns):
                return True
        if self._role_apposition(doc_text(doc)[max(0, e.start_char - 120) : e.start_char]):
            return True
        if self._owned_by_a_country(before, words):
            return True
        # a bare surname of somebody already named in full
        return len(words) == 1 and words[0].text in full_name_surnames(doc)

    def _after_person_title(self, e: Span) -> bool:
        """ "Rt Hon David Lammy", "Sir Alan Duncan": a title only people bear, then a name."""
        words = [t for t in e if not t.is_punct]
        k = 1 if words and words[0].lower_ == "the" else 0  # "the Rt Hon ..."
        start = k
        while k < len(words) and words[k].lower_.strip(".") in self.names.person_titles:
            k += 1
        return start < k < len(words) and all(t.text[:1].isupper() for t in words[k:])

    def _person_apposition(self, after: str) -> bool:
        """What follows a name that only a person takes: ", who ...", ", Chairperson of",
        ", a non-attached member", ", the country's former president"."""
        if re.match(r",\s*who\s", after):
            return True  # a body takes "which"
        m = re.match(r",\s*(?P<article>(?:the|a|an)\s+)?", after)
        if not m:
            return False
        words = after[m.end() :].lower().split()
        # words before the role only after an article: "a non-attached member", "the former
        # president"; not ", and President X" nor ", has issued General Licence ..."
        for k in range(min(3, len(words)) if m["article"] else 1):
            tail = " ".join(words[k:]) + " "
            if any(
                tail.startswith(r + " ") or tail.startswith(r + ",") for r in self.rules.role_nouns
            ):
                return True
        return False

    def _role_apposition(self, before: str) -> bool:
        """ "the chairperson of the AU Commission, [X]": a name after a role of a body."""
        m = _ROLE_OF_BODY.search(before)
        if m is None:
            return False
        role = re.sub(r"^(?:current|former|interim|acting)\s+", "", m.group("role").lower())
        return role in self.rules.role_nouns

    def _owned_by_a_country(self, before: str, words: list[Token]) -> bool:
        """ "Colombia's Gustavo Petro", "Poland's Anna Fotyga": two or three plain words in
        title case after a country's possessive, none a place, a body's head or a plural
        ("Iran's Revolutionary Guards"), are a person's name."""
        m = re.search(r"([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})['’]s\s*$", before)
        place = self.gaz.lookup(m.group(1)) if m else None
        if place is None or place.type != "Country" or not 2 <= len(words) <= 3:
            return False
        if any(not t.is_alpha for t in words[0].doc[words[0].i : words[-1].i + 1]):
            return False  # "France's Maurel & Prom", "Russia's Defense-Industrial Base"
        return all(
            t.text[:1].isupper()
            and not t.text.isupper()
            and t.tag_ != "NNPS"
            and t.text not in self.rules.event_heads
            and t.text not in self.rules.company_suffixes
            and self.gaz.lookup(t.text) is None
            for t in words
        )


# "M23", "A3+", "E3": a group's name of capitals and a number
_NUMBERED_GROUP = re.compile(r"[A-Z]{1,2}\d{1,3}\+?")
# "the chairperson of the AU Commission, " right before a name: its role, of a body
_ROLE_OF_BODY = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?P<role>[A-Za-z]+(?:[ -][A-Za-z]+){0,2}?)\s+of\s+"
    r"(?:the\s+)?[A-Z][^,;.()\n]{1,60},\s*$"
)


def _split_at_slashes(spans: list[Span]) -> list[Span]:
    """The model's one PERSON over "Charles Michel / Ursula von der Leyen" is two names."""
    out = []
    for span in spans:
        start = span.start
        for t in span:
            if t.text == "/":
                if t.i > start:
                    out.append(span.doc[start : t.i])
                start = t.i + 1
        if start < span.end:
            out.append(span.doc[start : span.end])
    return out


def _abbreviation(text: str) -> bool:
    """ "U.S.", "UK", "U.K.": a country written short, which a body's name may start with."""
    return len(text) <= 4 and (text.isupper() or "." in text)


def _person_tidy(text: str, particles: frozenset[str]) -> str:
    """A person's name, with a surname in capitals (as sanctions lists write it) in title case,
    without a possessive ("Maduro's")."""
    text = re.sub(r"['’]s$", "", text.strip())
    split = _tidy(text).split(" ")
    words = [  # a name never ends with a particle: "Thu Trang Le" keeps its surname
        w.lower()
        if w.lower() in particles and k < len(split) - 1
        else w.title()
        if w.isupper() and len(w) > 2
        else w
        for k, w in enumerate(split)
    ]
    return " ".join(words)


def _series_named_by_number(mentions: list[Mention]) -> None:
    """ "the Pacific Islands Forum" in a document that names "the 51st Pacific Islands Forum"
    is the body whose meetings are numbered, not one more event: a title without an ordinal
    that another title has after its ordinal becomes the body."""
    numbered = {
        fold(m.name.split(" ", 1)[1])
        for m in mentions
        if m.type == "Event" and (m.key or "").startswith("#") and " " in m.name
    }
    for m in mentions:
        if (
            m.type == "Event"
            and m.source == "title-event"
            and not m.key
            and fold(m.name) in numbered
        ):
            m.type, m.source = "Institution", "numbered-series"


def _people_the_model_calls_bodies(mentions: list[Mention]) -> None:
    """ "Joko Widodo met ...", "talks with Díaz-Canel": a name the model labels an
    organisation is a person where the document names a person so, in full or as the end
    of one person's name (the surname of "Miguel Díaz-Canel"), in any layer (a table row,
    a title before the name)."""
    people = [m for m in mentions if m.type == "Person"]
    full = {fold(m.text) for m in people}
    for m in mentions:
        if m.type != "Institution" or m.source != "ner-org":
            continue
        word = fold(m.text)
        ends = {fold(p.name) for p in people if fold(p.text).endswith(" " + word)}
        if word in full or len(ends) == 1:
            m.type = "Person"


def _names_split_in_two(doc: Doc, mentions: list[Mention], heads: frozenset[str]) -> None:
    """ "Transitional President Mahamat Idriss Deby Itno", "Chairperson Moussa Faki Mahamat":
    the model cut one long name in two ("Mahamat Idriss" + "Deby Itno", "Moussa" + a body
    "Faki Mahamat"). A person right before another name, one space between, whose words are
    all title-case and none a body's head word, is one person with it."""
    text = doc_text(doc)
    ordered = sorted(mentions, key=lambda m: m.start)
    gone: set[int] = set()
    for first, second in zip(ordered, ordered[1:], strict=False):
        if id(first) in gone or first.type != "Person" or text[first.end : second.start] != " ":
            continue
        if second.type != "Person" and not (
            second.type == "Institution" and second.source == "ner-org"
        ):
            continue
        words = second.text.split()
        if len(words) > 3 or len(first.text.split()) + len(words) > 5:
            continue
        if any(not w[:1].isupper() or w.isupper() or w in heads for w in words):
            continue
        first.end, first.text = second.end, text[first.start : second.end]
        first.name = f"{first.name} {second.text}"
        gone.add(id(second))
    mentions[:] = [m for m in mentions if id(m) not in gone]


_LEGISLATURES = frozenset({"Parliament", "Senate", "Congress"})
_LEGISLATURE_WORDS = _LEGISLATURES | {"Duma", "Assembly", "Diet", "Knesset", "Majlis"}


def _bodies_after_their_owner(mentions: list[Mention]) -> None:
    """ "the African Union's Peace and Security Council" found as one name: the body is the
    Peace and Security Council, where the document names its owner as a body of its own
    (resolution reads the owner from the text written: PART_OF)."""
    bodies = {fold(x) for m in mentions if m.type == "Institution" for x in (m.name, m.text)}
    for m in mentions:
        if m.type != "Institution" or m.key:
            continue
        owned = re.fullmatch(r"(?:[Tt]he\s+)?(.+?)['’]s\s+([A-Z].*)", m.name)
        if owned and fold(owned.group(1)) in bodies and fold(owned.group(1)) != fold(m.name):
            m.name = owned.group(2)


def _short_names_of_named_countries(mentions: list[Mention]) -> None:
    """ "Congo" in a story that names the Democratic Republic of the Congo, and never the
    Republic of the Congo in full, is the DRC: a bare word that ends the name of a country
    the document names stands for it, not for the other country the word may mean."""
    countries = [m for m in mentions if m.type == "Country" and not m.demonym]
    named_in_full = {m.name for m in countries if fold(m.text) != fold(m.text).split()[-1]}
    for m in countries:
        word = fold(m.text)
        if " " in word or m.name in named_in_full or fold(m.name) == word:
            continue  # "Sudan" is Sudan, whatever "South Sudan" the story names
        longer = {
            c.name for c in countries if c.name != m.name and fold(c.name).endswith(" " + word)
        }
        if len(longer) == 1:
            m.name = m.key = longer.pop()


_NOUN_SLOTS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos"})


def _modifies_a_noun(tok: Token) -> bool:
    """ "Nairobi" of "the Nairobi process", "the Luanda and Nairobi processes"."""
    if tok.dep_ == "conj":
        tok = tok.head
    # the head is a noun, or heads a noun's slot where the tagger called it a verb ("the
    # Luanda and Nairobi processes": "processes" tagged as a verb, parsed as the object)
    return tok.dep_ in ("compound", "amod", "nmod") and (
        tok.head.pos_ in ("NOUN", "PROPN") or tok.head.dep_ in _NOUN_SLOTS
    )


def _title_case(text: str, small: frozenset[str]) -> str:
    """ "ROSTOV-ON-DON" -> "Rostov-on-Don", "LOS ANGELES" -> "Los Angeles"."""
    words = re.split(r"([ -])", text.lower())
    return "".join(
        w if (w in small and k > 0) or w in (" ", "-") else w[:1].upper() + w[1:]
        for k, w in enumerate(words)
    )


# a capitalised organ's name that goes on: "Supreme Court [of Justice]", "Constitutional
# Court [of the Republic]"
_NAME_GOES_ON = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def _name_goes_on(text: str, m: re.Match[str]) -> bool:
    """Whether an organ's common noun written in capitals runs on into a name of its own
    ("Venezuela's Supreme Court of Justice"): the body has a proper name, which the name
    patterns read whole, and a bracket after it (its acronym, its name in Spanish) then
    follows that name, not "Supreme Court of Venezuela"."""
    written = m["organ"] or m["organ2"] or ""
    if not written.istitle() or m["city"]:  # "the foreign ministry in Tokyo"
        return False
    return _NAME_GOES_ON.match(text, m.end()) is not None


def _owner_line(text: str, m: re.Match[str]) -> bool:
    """Whether an organ's owner written on the line above is a letterhead ("Republic of
    Kenya" over "Ministry of Foreign Affairs"), not a headline's last word ("... the
    Situation in Ukraine" over "Ministry of Foreign Affairs of Japan"); an owner on the
    organ's own line always is."""
    if "\n" not in text[m.end("owner") : m.start("organ")]:
        return True
    line = text[text.rfind("\n", 0, m.start("owner")) + 1 : m.end("owner")]
    return len(line.split()) <= 4


def _joined_speaker(text: str, speaker: re.Match[str], last_end: int) -> bool | None:
    """For a speaker after ") and ": whether the bracket closes a speaker read just before
    ("ANA PEREIRA (Brazil) and JOHN MBEKI (Ghana)"); None for a speaker opening otherwise."""
    if not text.endswith(") and ", 0, speaker.start()):
        return None
    return last_end == speaker.start() - len(" and ")


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", text.strip())


# a body's possessive the model kept in its name ("al-Qa'ida's", "ECOWAS’s")
_POSSESSIVE_END = re.compile(r"\s*['’]s$")


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:*“”\"'’")
    text = re.sub(r"^\d+(st|nd|rd|th)\s+", "", text)
    return text.replace("’", "'")


# a mention found by name before the free-text layers: span, type, name, source, key
_Candidate = tuple[Span, str, str, str, str | None]


@dataclass
class _Found:
    """One document's pass: the mentions so far, which tokens they take, PART_OF hints."""

    doc: Doc
    sent_of: dict[int, int]
    taken: list[bool]
    mentions: list[Mention] = field(default_factory=list)
    part_of: list[tuple[str, str, int]] = field(default_factory=list)
    meeting: re.Match[str] | None = None  # the meeting-coverage heading the speakers read

    @classmethod
    def start(cls, doc: Doc) -> _Found:
        sent_of = {tok.i: si for si, sent in enumerate(doc.sents) for tok in sent}
        return cls(doc, sent_of, [False] * len(doc))

    def free(self, s: int, e: int) -> bool:
        return not any(self.taken[s:e])

    def add(
        self,
        span: Span,
        type_: str,
        name: str,
        source: str,
        key: str | None = None,
        **kw: Any,  # Mention's optional fields (props, demonym), passed on as given
    ) -> Mention:
        m = Mention(
            type_,
            span.text,
            name,
            span.start_char,
            span.end_char,
            self.sent_of[span.start],
            source,
            key,
            **kw,
        )
        self.mentions.append(m)
        for k in range(span.start, span.end):
            self.taken[k] = True
        return m

    def release(self, span: Span) -> None:
        """Drop the mentions overlapping the span and free its tokens, for a later layer
        that knows better (a speaker line, a sanctions list item)."""
        self.mentions[:] = [
            m for m in self.mentions if not (m.start < span.end_char and span.start_char < m.end)
        ]
        for k in range(span.start, span.end):
            self.taken[k] = False


# the layers whose names a headline's Title Case misleads ("Imposes New Sanctions")
TITLE_SOURCES = frozenset(
    {"person", "ner-org", "ner-gpe", "surname-alone", "name-again", "portfolio-name"}
)
# a deck line's places stand ("... at the G20 Summit in Rio de Janeiro: 18 November")
DECK_SOURCES = frozenset({"person", "ner-org", "pattern", "titled-name"})
DECK_CHARS = 1500


def _deck_lines(text: str, title_end: int) -> list[tuple[int, int, frozenset[str]]]:
    """Headlines besides the title: the deck lines between the title and the first sentence
    of prose ("Security Council Authorizes Kenya-Led Mission ...", "Treasury Restricts ...,
    Designates Additional Officials"), and Markdown headings ("## Secretary's Call with
    Jordanian Foreign Minister X", whose bodies only, not people, need the story's word)."""
    out: list[tuple[int, int, frozenset[str]]] = []
    at = title_end
    for line in text[title_end:].splitlines(keepends=True):
        start, at = at, at + len(line)
        words = line.split()
        if not words:
            continue
        if line.lstrip().startswith("#"):
            out.append((start, at, frozenset({"ner-org", "pattern"})))
        elif line.rstrip()[-1:] in '.!?"”:;' and len(words) >= 6:
            break  # the first sentence of the story ("9430TH MEETING (PM)" is none)
        elif start - title_end < DECK_CHARS and len(words) >= 5 and "|" not in line:
            out.append((start, at, DECK_SOURCES))
    for m in re.finditer(r"(?m)^#+ .*$", text[at:]):
        out.append((at + m.start(), at + m.end(), frozenset({"ner-org", "pattern"})))
    return out


def _body_confirms_headlines(
    mentions: list[Mention], heads: list[tuple[int, int, frozenset[str]]]
) -> list[Mention]:
    """Headlines are in Title Case, which the model reads as names ("Imposes New
    Sanctions"): a person, body or unknown place in the title or a deck line stands only if
    the story names it too. The mentions in document order."""

    def head_of(m: Mention) -> frozenset[str] | None:
        return next((kinds for s, e, kinds in heads if s <= m.start < e), None)

    body_mentions = [m for m in mentions if head_of(m) is None]
    body_people = [" ".join(fold(m.name).split()) for m in body_mentions if m.type == "Person"]
    body_names = {fold(m.name) for m in body_mentions}
    kept: list[Mention] = []
    for m in mentions:
        kinds = head_of(m)
        if kinds is not None and m.source in kinds:
            f = fold(m.name)
            if m.type == "Person":
                if not any(
                    f == p or set(f.split()) <= set(p.split()) or surname_of(p, f)
                    for p in body_people
                ):
                    continue
            elif f not in body_names:
                continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _names_after_of(doc: Doc, of: Token) -> bool:
    """ "Congress of Peru", "Congress of the Philippines": "of" and a name after the word make
    another congress's name; "the Congress of both parties" names none."""
    if of.lower_ != "of" or of.i + 1 >= len(doc):
        return False
    after = doc[of.i + 1]
    return after.lower_ == "the" or after.text[:1].isupper()
