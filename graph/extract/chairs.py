"""HOSTED by the person who chaired or presided over an event: analysts record the chair of
a summit or a meeting as its host beside the state and the body.

- an infobox row names the chair: "Chair: Joko Widodo, President of Indonesia",
  "| Chaired by | Frank Bainimarama |" (rules.toml [hosting] chair_labels): the chair of the
  document's own event;
- a verb says it (rules.toml [hosting] chair_verbs): "the summit was chaired by President X",
  "X, who hosted the meeting", "X hosted the joint summit", "Presiding over the meeting, X
  invited ...", "X, hosting his first summit, said ...". Its object (or passive subject) is an event the sentence names, or "the
  summit" / "it" standing for the event the passage is about; "a session on trade" is some
  other, unnamed occasion. A negated or future chair ("did not chair", "will host") is none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.event_names import event_kind
from graph.extract.mentions import Mention, doc_text
from graph.extract.negation import asserted
from graph.extract.tables import Rules
from graph.model import fold

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Candidate, Sentence

# climbed from a name to the word the clause hangs it on: "the Prime Minister of Fiji, X"
_NAME_LINKS = ("appos", "compound", "flat", "conj")


class Chairs:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        labels = "|".join(re.escape(x) for x in rules.chair_labels)
        # the text between a line's start and the name: "Chair: ", "| **Chaired by** | "
        self.label = re.compile(rf"\s*\|?\s*\**(?:{labels})\**\s*(?:\||:)\s*", re.I)
        leads = "|".join(re.escape(x) for x in rules.chair_leads)
        self.lead = re.compile(rf"\s*(?:{leads})\s+(?P<obj>[^,]{{2,80}}),\s*", re.I)
        titles = "|".join(re.escape(x) for x in rules.presiding_titles)
        # "Assembly President NAME (Trinidad and Tobago)": the body's head word as a title's
        # first word, just before the name
        self.pretitle = re.compile(rf"(?<![\w'’-])(?P<body>[A-Z][\w'’-]*)\s+(?:{titles})\s+$")
        # "NAME (Japan), President of the Council for March," — the body the title is of
        self.presiding = re.compile(
            rf"\s*(?:\([^)]{{1,60}}\)\s*)?,\s*(?:the\s+)?(?:{titles})\s+of\s+(?:the\s+)?"
            r"(?P<body>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})"
        )

    def find(
        self,
        sentences: list[Sentence],
        main: Mention | None,
        event_of: dict[int, Mention],
        hosts: dict[str, set[str]] | None = None,
    ) -> list[Candidate]:
        """`hosts`: the bodies already read as hosting each event (folded names of both), for
        a presiding title naming the body of a meeting whose own name does not."""
        from graph.extract.relations import Candidate

        self.hosts = hosts or {}
        out = []
        for s in sentences:
            context = event_of.get(s.index)
            for p in (m for m in s.mentions if m.type == "Person"):
                rule, event = self._chair_of(p, s, main, context)
                if event is not None:
                    out.append(Candidate("HOSTED", p, event, s.index, None, rule, 0.7))
        return out

    def _chair_of(
        self, p: Mention, s: Sentence, main: Mention | None, context: Mention | None
    ) -> tuple[str, Mention | None]:
        """(rule, event) when the sentence says the person chaired an event."""
        text = doc_text(s.span.doc)
        line_start = text.rfind("\n", 0, p.start) + 1
        if main is not None and self.label.fullmatch(text, line_start, p.start):
            return "chair-label", main
        lead = self.lead.fullmatch(text, s.span.start_char, p.start)
        if lead is not None:
            lo, hi = s.span.start_char + lead.start("obj"), s.span.start_char + lead.end("obj")
            named = [m for m in s.mentions if m.type == "Event" and lo <= m.start < hi]
            kinds = "|".join(self.rules.event_kinds)
            definite = re.fullmatch(rf"(?:the|this)\s+(?:{kinds})", lead.group("obj"), re.I)
            return "chair-lead", named[0] if named else (context if definite else None)
        if context is not None and context.props.get("coverage") == "yes":
            title = self.presiding.match(text, p.end, s.span.end_char) or self.pretitle.search(
                text, s.span.start_char, p.start
            )
            if title is not None and self._of_body(context, title.group("body")):
                return "presiding-officer", context
        span = s.span.doc.char_span(p.start, p.end, alignment_mode="expand")
        return "chaired", self._chaired(span.root, s, context) if span is not None else None

    def _of_body(self, event: Mention, body: str) -> bool:
        """Whether a presiding title's body is the meeting's: its name says so, or the body
        read as hosting it ("Opening the session, X, President of the Human Rights Council"
        on a page whose session the Council concluded)."""
        hosts = self.hosts.get(fold(event.name), set())
        return _names_body(event, body) or any(_names_body_in(h, body) for h in hosts)

    def _chaired(self, tok: Token, s: Sentence, context: Mention | None) -> Mention | None:
        """The event the person at `tok` chaired, hosted or presided over, if a clause of
        theirs says so."""
        for _ in range(4):
            if tok.dep_ in _NAME_LINKS and tok.head != tok:
                tok = tok.head
        for verb, objects in self._clauses(tok):
            if not self._is_cue(verb):
                continue
            if not objects:
                objects = [c for c in verb.children if c.dep_ == "dobj"]
                objects += [
                    o
                    for prep in verb.children
                    if prep.dep_ == "prep" and prep.lower_ in ("over", "at")
                    for o in prep.children
                    if o.dep_ == "pobj"
                ]
            for obj in objects:
                event = self._event_at(obj, s, context)
                if event is not None:
                    return event
        return None

    @staticmethod
    def _clauses(tok: Token) -> list[tuple[Token, list[Token]]]:
        """(verb, its event objects if passive) of each clause the name is the doer of:
        "chaired by X", "X chaired ...", "Presiding over ..., X invited", "X, who hosted"."""
        out: list[tuple[Token, list[Token]]] = []
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            verb = tok.head.head
            out.append((verb, [c for c in verb.children if c.dep_ == "nsubjpass"]))
        if tok.dep_ == "nsubj":
            out.append((tok.head, []))
            # "Presiding over the meeting, X invited ...": a clause without a doer of its own
            out += [
                (c, [])
                for c in tok.head.children
                if c.dep_ == "advcl"
                and not any(k.dep_ in ("nsubj", "nsubjpass", "agent") for k in c.children)
            ]
        # "X, hosting his first summit, said": a participle on the name is X's clause
        out += [(c, []) for c in tok.children if c.dep_ in ("acl", "advcl") and c.tag_ == "VBG"]
        relative = [c for c in tok.children if c.dep_ == "relcl"]
        relative += [k for c in relative for k in c.conjuncts]
        for verb in relative:
            if any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children):
                out.append((verb, []))
        return out

    def _is_cue(self, verb: Token) -> bool:
        if verb.lemma_.lower() not in self.rules.chair_verbs or verb.pos_ not in ("VERB", "AUX"):
            return False
        if any(c.lower_ in self.rules.future_aux for c in verb.children if c.dep_ == "aux"):
            return False  # "will host", "is to chair"
        return asserted(verb, self.rules)

    def _event_at(self, obj: Token, s: Sentence, context: Mention | None) -> Mention | None:
        """The event a verb's object names: an event mention over it, else "the summit" /
        "it" for the passage's event ("a session on X" is another, unnamed occasion)."""
        lo, hi = obj.left_edge.idx, obj.idx + len(obj)
        if any(c.lower_ in ("a", "an") for c in obj.children if c.dep_ == "det"):
            return None  # "convened an emergency meeting": an occasion the text does not name
        for m in s.mentions:
            if m.type == "Event" and m.start < hi and lo < m.end:
                return m
        if context is None:
            return None
        if obj.lower_ == "it" and obj.dep_ == "nsubjpass":
            return context
        dets = {c.lower_ for c in obj.children if c.dep_ == "det"}
        if any(c.dep_ == "poss" and c.lower_ in self.rules.host_possessives for c in obj.children):
            dets.add("the")  # "hosting his first summit": the passage's own
        kind = obj.lemma_.lower()
        if obj.tag_ == "NNS" and obj.lower_ not in self.rules.event_kinds:
            return None  # "hosted the emergency summits": several occasions, not the passage's
        if dets & {"that", "those"} and event_kind(context, self.rules) != kind:
            return None  # "That meeting was chaired by X", after a summit: another occasion
        if dets & {"the", "this", "that"} and kind in self.rules.event_kinds:
            return context
        return None


def _names_body(event: Mention, body: str) -> bool:
    """Whether the event's name is of the body a presiding title names: "President of the
    Council" presides over "the 9430th meeting of the Security Council"."""
    return _names_body_in(fold(event.name), body)


def _names_body_in(name: str, body: str) -> bool:
    head = fold(body).split()[-1] if body.strip() else ""
    return bool(head) and re.search(rf"\b{re.escape(head)}\b", name) is not None
