"""PART_OF of a state in a bloc, read from the parse of one sentence: the state joined the
bloc ("Rwanda joined the Commonwealth"), is a member of it ("Tanzania is a member of SADC",
"Ghana, a member of ECOWAS", "NATO member Hungary", "SADC, of which the DRC is a member"),
or was suspended from it, which only a member can be ("ECOWAS suspended Mali", "Mali and
Guinea, which are suspended from ECOWAS"). The bloc is an institution the sentence names,
the member a country; a denied or hedged membership asserts nothing. Cue words are in
memberships.toml. (members.py reads the other shape: a list after a membership word.)"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

WH = ("which", "that", "who", "whom")


class Memberships(StatelessRule):
    name = "member-of"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.join = set(data["join_verbs"])
        self.member = set(data["member_nouns"])
        self.member_heads = set(data["member_heads"])
        self.suspend = set(data["suspend_verbs"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        at = s.mention_at
        out = []
        for tok in s.span:
            lemma = tok.lemma_.lower()
            if lemma in self.join and tok.pos_ == "VERB":
                pairs = self._joined(tok)
            elif tok.lower_ in self.member and tok.pos_ == "NOUN":
                noun = tok.head if tok.head.lower_ in self.member_heads else tok
                pairs = self._member(noun, tok)  # "member states": the head noun carries it
            elif lemma in self.suspend and tok.pos_ == "VERB":
                pairs = self._suspended(tok, at)
            else:
                continue
            if not asserted(tok, self.rules):
                continue
            for state_tok, bloc_tok in pairs:
                state, bloc = at.get(state_tok.i), at.get(bloc_tok.i)
                if state is not None and bloc is not None and _state(state) and _bloc(bloc):
                    out.append(Candidate("PART_OF", state, bloc, s.index))
        return out

    def _joined(self, verb: Token) -> Iterator[tuple[Token, Token]]:
        """ "Rwanda joined the Commonwealth", "the Alliance, which the UK has joined"."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for subj in _subjects(verb):
                yield subj, _antecedent(obj)

    def _member(self, noun: Token, word: Token) -> Iterator[tuple[Token, Token]]:
        """ "X is a member of B", "X, a member of B", "B member X", "B, of which X is a
        member"; "X, an ICC member state", where the parse hangs the bloc on "member"."""
        blocs = [_antecedent(p) for p in _of_objects(noun)]
        blocs += [c for c in noun.children if c.dep_ in ("compound", "nmod", "poss")]
        if word is not noun:
            blocs += [c for c in word.children if c.dep_ in ("compound", "nmod")]
        states: list[Token] = []
        if noun.dep_ == "attr":  # "X is a member of B", "B, of which X is a member"
            states = _subjects(noun.head)
            blocs += [_antecedent(p) for p in _of_objects(noun.head) if p.lower_ in WH]
        elif noun.dep_ in ("appos", "compound", "nmod"):  # "X, a member of B", "B member X"
            states = [noun.head, *noun.head.conjuncts]
            if noun.dep_ == "appos":  # the parse may hang it on the phrase's head
                states += [t for t in _before_comma(noun) if t not in states]
        for b in blocs:
            for st in states:
                yield st, b

    def _suspended(self, verb: Token, at: dict[int, Mention]) -> Iterator[tuple[Token, Token]]:
        """ "ECOWAS suspended Mali", "Gabon was suspended from (the activities of) the AU":
        the bloc it is suspended from, else the one that suspends it."""
        froms = [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        blocs = [b for f in froms for b in (f, *_of_objects(f)) if _bloc(at.get(b.i))]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if objects:  # active: the subject suspends its member
            blocs = blocs or _subjects(verb)
            states = [t for o in objects for t in (o, *o.conjuncts)]
        else:
            states = _subjects(verb)
        for b in blocs:
            for st in states:
                yield st, b


def _subjects(verb: Token) -> list[Token]:
    """The subjects of a verb or copula, their conjuncts, and a relative clause's head
    for its "which"."""
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and verb.dep_ in ("relcl", "acl"):
        subs = [verb.head]
    subs = [_antecedent(t) for t in subs]
    return [t for sub in subs for t in (sub, *sub.conjuncts)]


def _antecedent(tok: Token) -> Token:
    """ "which" in a relative clause stands for the noun the clause hangs on; where the
    parse lost the clause, for the word before the comma that opens it ("the Alliance,
    which the UK has joined", "SADC, of which the DRC is a member")."""
    if tok.lower_ not in WH:
        return tok
    head = tok.head
    while head.dep_ not in ("relcl", "acl") and head.head != head:
        head = head.head
    if head.dep_ in ("relcl", "acl"):
        return head.head
    i = tok.i - 1
    if i > 0 and tok.doc[i].pos_ == "ADP":
        i -= 1  # "of which"
    if i > 0 and tok.doc[i].text == ",":
        return tok.doc[i - 1]
    return tok


def _before_comma(appos: Token) -> list[Token]:
    """The word before the comma an apposition opens with: "Officials in Poland, an EU
    member country, said" (the parse hangs the apposition on "Officials")."""
    i = appos.left_edge.i
    doc = appos.doc
    return [doc[i - 2]] if i >= 2 and doc[i - 1].text == "," else []


def _of_objects(tok: Token) -> list[Token]:
    return [
        p
        for c in tok.children
        if c.dep_ in ("prep", "dep") and c.lower_ == "of"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _state(m: Mention | None) -> bool:
    return m is not None and m.type == "Country" and not m.demonym


def _bloc(m: Mention | None) -> bool:
    return m is not None and m.type == "Institution" and not m.demonym
