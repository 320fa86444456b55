"""SPOKE_AT: a person who speaks, in a passage about an event: the subject of a verb of
saying, "remarks by X", "X took the floor", "X gave a speech"; a speech verb in a relative
clause on the name ("opened by X, who told delegates ..."), not one announcing the speaker's
own absence ("X said he would stay away"); who opened or closed the meeting
("X opened the summit", "the session was closed by X"; spoke_at.toml opening_verbs)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graph.extract.dates import MONTHS
from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


def _event_month(event: Mention) -> int:
    """The month an event met in, from its ISO start date ("2023-07-11" → 7), or 0."""
    digits = str(event.props.get("start_date", ""))[5:7]
    return int(digits) if digits.isdigit() and 0 < int(digits) <= 12 else 0


class SpokeAt(StatelessRule):
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
            month = _event_month(event)
            if covered or (span is not None and self._is_speaker(span.root, month)):
                out.append(Candidate("SPOKE_AT", p, event, s.index))
        return out

    def _is_speaker(self, tok: Token, month: int = 0) -> bool:
        """Whether the name speaks; `month` is the month the event met in, if known."""
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
                    and not self._said_elsewhere(tok.head, month)
                )
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":
                head = tok.head.head  # "remarks by X", "the speech delivered by X"
                nouns = self.rules.speech_nouns
                if self._opens_event(head, "nsubjpass"):
                    return True  # "the summit was opened by X"
                return head.lemma_.lower() in nouns or (
                    head.lemma_.lower() in ("deliver", "give") and head.head.lemma_.lower() in nouns
                )
            if tok.dep_ == "nsubj" and self._speaking_idiom(tok.head):
                return asserted(tok.head, self.rules)  # "took the floor", never "did not take"
            if tok.dep_ == "nsubj" and self._opens_event(tok.head, "dobj"):
                return True  # "X opened the summit"
            if tok.dep_ in ("nsubj",) and tok.head.lemma_.lower() in self.giving:
                return any(c.lemma_.lower() in self.rules.speech_nouns for c in tok.head.children)
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

    def _said_elsewhere(self, verb: Token, month: int) -> bool:
        """ "X said earlier this week", "X said last week", "he told local radio station
        Carve", "said in an interview": a saying before the meeting or to an outlet
        (spoke_at.toml earlier_words, period_nouns, past_words, outlet_nouns), or dated by
        another month than the event's ("said in March"); only the verb's own modifiers and
        objects are read, never what was said."""
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp", "nsubj", "nsubjpass", "punct", "advcl", "conj"):
                continue
            for t in child.subtree:
                lemma = t.lemma_.lower()  # "earlier" is lemmatised "early": read as written
                if t.lower_ in self.earlier or lemma in self.outlets:
                    return True
                if month and t.lower_ in self.months and MONTHS[t.lower_] != month:
                    return True
                if lemma in self.periods and any(c.lower_ in self.past for c in t.children):
                    return True
        return False

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
