"""SPOKE_AT: a person who speaks, in a passage about an event: the subject of a verb of
saying, "remarks by X", "X took the floor", "X gave a speech"; a speech verb in a relative
clause on the name ("opened by X, who told delegates ..."), not one announcing the speaker's
own absence ("X said he would stay away"); who opened or closed the meeting
("X opened the summit", "the session was closed by X"; spoke_at.toml opening_verbs)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from graph.extract.dates import MONTHS, dominant_year
from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _event_month(event: Mention) -> int:
    """The month an event met in, from its ISO start date ("2023-07-11" → 7), or 0."""
    digits = str(event.props.get("start_date", ""))[5:7]
    return int(digits) if digits.isdigit() and 0 < int(digits) <= 12 else 0


def _event_year(event: Mention, doc_year: int | None) -> str:
    """The year an event met in: its ISO start date's ("2023-07-11" → "2023"), else a year
    its name gives ("2023 BRICS Summit"), else the year the document speaks of most."""
    digits = str(event.props.get("start_date", ""))[:4]
    if digits.isdigit():
        return digits
    named = _YEAR.search(event.name)
    if named is not None:
        return named.group(0)
    return str(doc_year) if doc_year else ""


class SpokeAt:
    name = "spoke_at"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.opening = set(data["opening_verbs"])
        self.giving = set(data["giving_verbs"])
        self.press = set(data["press_audiences"])
        self.away = set(data["absence_verbs"])
        self.going = set(data["going_verbs"])
        self.self_words = set(data["self_pronouns"])
        self.earlier = set(data["earlier_words"])
        self.periods = set(data["period_nouns"])
        self.past = set(data["past_words"])
        self.outlets = set(data["outlet_nouns"])
        self.months = set(data["month_words"])
        self.after = set(data["after_words"])
        self.spans = set(data["span_words"])
        self.spoken = set(data["spoken_nouns"])
        self.meeting_audiences = frozenset(data["meeting_audiences"])
        self.doc_year: int | None = None

    def start(self, ctx: DocumentContext) -> None:
        self.doc_year = dominant_year(ctx.text)

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.spoke_at(ctx.doc, s, ctx.event_of.get(s.index))

    def spoke_at(self, doc: Doc, s: Sentence, event: Mention | None) -> list[Candidate]:
        if event is None:
            return []
        out = []
        for p in (m for m in s.mentions if m.type == "Person"):
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            # meeting coverage opens each speaker's paragraph with the name in capitals
            covered = p.source == "speaker" and event.props.get("coverage") == "yes"
            when = (_event_month(event), _event_year(event, self.doc_year))
            if covered or (span is not None and self._is_speaker(span.root, when)):
                out.append(Candidate("SPOKE_AT", p, event, s.index))
        return out

    def _is_speaker(self, tok: Token, when: tuple[int, str] = (0, "")) -> bool:
        """Whether the name speaks; `when` is the month and year the event met in, if
        known (0, "" where not)."""
        seen = 0
        while seen < 6:
            seen += 1
            if self._says_in_relative(tok):
                return True  # "Fernández, who told delegates that ..."
            if tok.dep_ in ("appos", "compound", "conj", "flat", "cc") and tok.head != tok:
                tok = tok.head
                continue
            if (
                tok.dep_ == "pobj"
                and tok.head.lower_ == "of"
                and tok.head.head.lemma_.lower() in self.rules.delegate_nouns
            ):
                # "the representative of Mali, Issa Konfourou, said": the parser hangs the
                # name on the state; the representative is the subject
                tok = tok.head.head
                continue
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.head.lemma_.lower() in self.rules.speech_verbs
            ):
                # "X did not address the leaders this time", "X did not comment publicly";
                # "X has said he will focus on ...", "X had earlier called ...": what the
                # perfect reports was said before or outside the meeting
                perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.head.children)
                return (
                    asserted(tok.head, self.rules)
                    and not perfect
                    and not self._announces_absence(tok.head)
                    and not self._said_elsewhere(tok.head, when)
                )
            if self._owns_speech(tok):
                return True  # "Putin's pre-recorded address to the forum", "the speech of X"
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":
                head = tok.head.head  # "remarks by X", "the speech delivered by X"
                nouns = self.rules.speech_nouns
                if self._opens_event(head, "nsubjpass") or self._speech_given(head, "nsubjpass"):
                    return True  # "the summit was opened by X", "his speech was read by X"
                return head.lemma_.lower() in nouns or (
                    head.lemma_.lower() in ("deliver", "give") and head.head.lemma_.lower() in nouns
                )
            if tok.dep_ == "nsubj" and self._speaking_idiom(tok.head):
                return asserted(tok.head, self.rules)  # "took the floor", never "did not take"
            if tok.dep_ == "nsubj" and self._opens_event(tok.head, "dobj"):
                return True  # "X opened the summit"
            if tok.dep_ in ("nsubj",) and tok.head.lemma_.lower() in self.giving:
                return self._speech_given(tok.head, "dobj")  # "X read out the PM's statement"
            # "…," said X: X sometimes hangs off the verb as its object in the small model
            if tok.dep_ in ("dobj", "attr", "npadvmod") and tok.head.lemma_.lower() in (
                "say",
                "emphasize",
                "emphasise",
                "note",
                "stress",
                "add",
            ):
                return tok.i > tok.head.i
            return False
        return False

    def _speech_given(self, verb: Token, dep: str) -> bool:
        """A giving verb (spoke_at.toml giving_verbs) whose object, or passive subject, is a
        speech noun: "X delivered remarks", "X read out the statement", "his speech was
        read on his behalf by X"."""
        return verb.lemma_.lower() in self.giving and any(
            c.lemma_.lower() in self.rules.speech_nouns
            for c in verb.children
            if dep == "dobj" or c.dep_ == dep
        )

    def _owns_speech(self, tok: Token) -> bool:
        """The name owns a speech: "X's address to the forum", "the handover speech of X"
        (spoke_at.toml spoken_nouns; not a statement or a report, which may be written)."""
        if tok.dep_ == "poss":
            noun = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of":
            noun = tok.head.head
        else:
            return False
        return noun.lower_ in self.spoken and not self._to_others(noun)

    def _to_others(self, noun: Token) -> bool:
        """A speech addressed to someone other than a meeting: "X's address to the nation",
        "to the Joint Sitting of Parliament" (the object of its "to" is none of rules.toml
        event_kinds nor spoke_at.toml meeting_audiences)."""
        audiences = self.rules.event_kinds | self.meeting_audiences
        return any(
            c.lower_ == "to"
            and not any(g.dep_ == "pobj" and g.lemma_.lower() in audiences for g in c.children)
            for c in noun.children
        )

    def _announces_absence(self, verb: Token) -> bool:
        """ "X said he would stay away", "X said she would skip the summit", "said they
        would not attend": what the speaker says is that the speaker is not coming, which
        is no word said at the meeting (spoke_at.toml absence_verbs, going_verbs)."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            if not any(c.dep_ == "nsubj" and c.lower_ in self.self_words for c in clause.children):
                continue
            lemma = clause.lemma_.lower()
            kids = {c.lower_ for c in clause.children}
            if lemma in self.away or (lemma == "stay" and "away" in kids):
                return True
            if lemma in self.going and kids & set(self.rules.negators):
                return True
        return False

    def _said_elsewhere(self, verb: Token, when: tuple[int, str]) -> bool:
        """ "X said earlier this week", "X said last week", "within weeks X said", "X said
        two days later", "he told local radio station Carve", "said in an interview": a
        saying before or after the meeting or to an outlet (spoke_at.toml earlier_words,
        period_nouns, past_words, after_words, span_words, outlet_nouns), or dated by
        another month or year than the event's ("said in March", "announced in May 2022"
        of a summit in May 2023); only the verb's own modifiers and objects are read,
        never what was said."""
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp", "nsubj", "nsubjpass", "punct", "advcl", "conj"):
                continue
            if any(self._dated_apart(t, when) for t in child.subtree):
                return True
        return False

    def _dated_apart(self, t: Token, when: tuple[int, str]) -> bool:
        """Whether a word of a saying's modifiers dates it apart from the meeting."""
        month, year = when
        lemma = t.lemma_.lower()  # "earlier" is lemmatised "early": read as written
        if t.lower_ in self.earlier or lemma in self.outlets:
            return True
        if month and t.lower_ in self.months and MONTHS[t.lower_] != month:
            return True
        if year and _YEAR.fullmatch(t.text):
            return t.text != year
        if t.lower_ in self.spans and t.i + 1 < len(t.doc):
            return t.nbor(1).lemma_.lower() in self.periods  # "Within weeks X said"
        if lemma not in self.periods:
            return False
        if any(c.lower_ in self.past or c.lower_ in self.after for c in t.children):
            return True  # "last week", "two weeks later"
        # "within weeks"; "days later" where the parser hangs the noun on "later"
        return t.head.lower_ in self.spans or t.head.lower_ in self.after

    def _says_in_relative(self, tok: Token) -> bool:
        """A relative clause on the name whose "who" says something: "X, who told
        delegates ..."; not to the press ("who told reporters afterwards"): that is no word
        said at the meeting."""
        return any(
            c.dep_ == "relcl"
            and c.lemma_.lower() in self.rules.speech_verbs
            and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)
            and not any(g.lemma_.lower() in self.press for g in c.children)
            and asserted(c, self.rules)
            for c in tok.children
        )

    def _opens_event(self, verb: Token, dep: str) -> bool:
        """An opening or closing verb whose object (or passive subject) is a meeting."""
        return (
            verb.lemma_.lower() in self.opening
            and any(
                c.dep_ == dep and c.lemma_.lower() in self.rules.event_kinds for c in verb.children
            )
            and asserted(verb, self.rules)
        )

    def _speaking_idiom(self, verb: Token) -> bool:
        """A verb and its object that say "spoke": "took the floor" (rules.toml
        speech_idioms)."""
        objects = self.rules.speech_idioms.get(verb.lemma_.lower(), ())
        return any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children)
