"""PART_OF for members of a bloc: "BRICS, the grouping of Brazil, Russia, ...", and one
state given as the example of a bloc's members ("all members of the G20, including the
United States")."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.member_rows import _event_bloc
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules

MEMBER_NOUNS = ("member", "members")
SUBJECT_OBJECT = ("nsubj", "nsubjpass", "dobj")
LISTING = ("including", "like")  # "members, including ...", "members like ..."
NOUNS = ("NOUN", "PROPN")  # "Member states A, B and C" opening a sentence: a proper noun


class Members(StatelessRule):
    name = "membership"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.members(s, ctx)

    def members(self, s: Sentence, ctx: DocumentContext | None = None) -> list[Candidate]:
        cues = [t for t in s.span if t.lower_ in self.rules.membership_cues]
        if not cues or not all(asserted(c, self.rules) or _participant(c) for c in cues):
            return []
        blocs = [m for m in s.mentions if m.type == "Institution" and not m.demonym]
        if not blocs and ctx is not None:
            blocs = [b for b in [_bloc_in_context(ctx, s, cues)] if b is not None]
        countries = [m for m in s.mentions if m.type == "Country" and not m.demonym]
        if not blocs or not countries:
            return []
        listed = _listed_countries(s, countries) if len(countries) >= 2 else []
        linked = [c for c in cues if _links(c, listed, s)]
        if not linked:  # "all members of the G20, including the United States"
            return _one_named(s, cues)
        cue = linked[0]
        bloc = min(blocs, key=lambda b: abs(b.start - cue.idx))
        return [Candidate("PART_OF", c, bloc, s.index) for c in listed]


def _one_named(s: Sentence, cues: list[Token]) -> list[Candidate]:
    """ "all members of the G20, including the United States", "members of ASEAN such as
    Laos": one state named as the example of a bloc's members, the bloc "of" the noun or
    its modifier ("G20 members, including ...")."""
    at = s.mention_at
    out = []
    for cue in (c for c in cues if c.lower_ in MEMBER_NOUNS and c.pos_ in NOUNS):
        noun = _noun(cue)
        owners = [
            p
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        owners += [c for c in (*noun.children, *cue.children) if c.dep_ == "compound"]
        blocs = [at[t.i] for t in owners if t.i in at and at[t.i].type == "Institution"]
        named = [
            p for c in noun.children if _example_prep(c) for p in c.children if p.dep_ == "pobj"
        ]
        states = [at[t.i] for p in named for t in (p, *p.conjuncts) if t.i in at]
        out += [
            Candidate("PART_OF", st, b, s.index)
            for b in blocs[:1]
            for st in states
            if st.type == "Country" and not st.demonym
        ]
    return out


def _example_prep(tok: Token) -> bool:
    """ "including", "like", "such as" hanging on a noun: what follows are its examples."""
    if tok.dep_ != "prep":
        return False
    return (
        tok.lower_ in LISTING
        or tok.lower_ == "as"
        and any(c.lower_ == "such" for c in tok.children)
    )


def _links(cue: Token, listed: list[Mention], s: Sentence) -> bool:
    """The membership word speaks of the list: one holds the other ("members, including A
    and B", "A, B and C joined", "A, a member of"), or both hang on one word ("A and B are
    members"). A word elsewhere in the sentence does not ("A and B drafted the text; costs
    fall on Member States", "the rulers of A and B broke with the bloc"); "admit A and B as
    members" is one act of both. Nor does "joined by" (the leaders of A and B came to a
    meeting)."""
    if cue.lower_.startswith("join") and any(k.dep_ in ("agent", "auxpass") for k in cue.children):
        return False
    noun = _noun(cue)
    doc = s.span.doc
    for c in listed:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None:
            continue
        top = span.root
        while top.dep_ == "conj" and top.head != top:
            top = top.head  # the list's first item stands where the list does
        # "admit A and B as members": the noun hangs on the list's word through "as"
        heads = (noun.head, noun.head.head) if noun.head.dep_ == "prep" else (noun.head,)
        if top in noun.subtree or noun in top.subtree or top.head in heads:
            return True
    return False


def _listed_countries(s: Sentence, countries: list[Mention]) -> list[Mention]:
    """The countries that stand in a list (a conjunct of another, or having one); none
    unless two do."""
    doc = s.span.doc
    listed = []
    for c in countries:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and (
            root.dep_ == "conj" or any(k.dep_ == "conj" for k in root.children)
        ):
            listed.append(c)
    return unique_by_name(listed) if len(listed) >= 2 else []


def _bloc_in_context(ctx: DocumentContext, s: Sentence, cues: list[Token]) -> Mention | None:
    """ "Other members, including Zambia, Angola and Zimbabwe, ...", "Several member states,
    including ...": members of no bloc the sentence names are members of the bloc the
    paragraph named last before it, else of the bloc of the document's own event."""
    if not any(t.lower_ in MEMBER_NOUNS and t.pos_ in NOUNS and _listed(_noun(t)) for t in cues):
        return None  # "... to become full members" lists no members: no bloc to guess
    before = [x for x in ctx.sentences if x.paragraph == s.paragraph and x.index < s.index]
    named = [m for x in before for m in x.mentions if m.type == "Institution" and not m.demonym]
    return named[-1] if named else _event_bloc(ctx)


def _participant(cue: Token) -> bool:
    """ "Other members, including Zambia and Angola, did not send troops": members that are
    the subject or object of a denied act are members still (a denied "is a member" has the
    noun as the copula's attribute, and stays denied)."""
    noun = _noun(cue)
    return cue.lower_ in MEMBER_NOUNS and cue.pos_ in NOUNS and noun.dep_ in SUBJECT_OBJECT


def _listed(noun: Token) -> bool:
    """ "members, including Zambia, Angola and Zimbabwe", "member states South Africa,
    Tanzania and Malawi", "its member states (Angola, Malawi and Zambia)", "the bloc's members
    Kenya, Uganda and Tanzania": the members named after the noun, as its listing or in
    apposition to it."""
    return any(
        c.dep_ == "prep" and c.lower_ in LISTING or c.dep_ == "appos" and c.i > noun.i
        for c in noun.children
    )


def _noun(cue: Token) -> Token:
    """The noun a membership word heads: "states" of "member states", else the word."""
    return cue.head if cue.dep_ == "compound" else cue
