"""COOPERATES_WITH from stated support (actor_pairs.toml [support]):

- "Russia backed China", "France fully supports the ECOWAS decisions", "would continue to
  support ASEAN's efforts", "the United States will keep helping Israel": the subject
  supports the actor its object names, or the actor that owns the object;
- "China's support for Russia's war", "conveyed U.S. support for the Authority's efforts":
  the owner of the noun supports the actor after "for" / "to";
- "The United States stands with Ukraine", "Milei has aligned himself with Washington".
A person acts for the state they hold a role in (the document's HOLDS_ROLE facts, or a state
named before the name); "we" is the document's home country. Negated, hedged, refused or
planned support asserts nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted, governing_verb
from graph.extract.pair_rules import load_pair_rules
from graph.extract.tables import Rules

ACTORS = ("Country", "Institution")
ONGOING = frozenset({"continue", "keep", "remain"})
RELATIVES = frozenset({"which", "who", "that"})
# the pronouns that stand for a support noun's owner, and the prepositions by which a verb
# says what an actor is blamed or thanked for: "punish Rwanda over its backing of the M23"
OWNER_PRONOUNS = frozenset({"its", "their", "it", "they"})
REASON_PREPS = frozenset({"for", "over"})


class Support:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.words = load_pair_rules()
        w = self.words
        self.cue_lowers = w.support_nouns | w.channel_nouns
        self.cue_lemmas = w.support_verbs | w.support_with_verbs

    def cue_tokens(self, span: Span) -> list[Token]:
        """The span's tokens `find` reads (its cue words, in order): every other token is
        skipped by both of its loops."""
        return tokens_with(span, self.cue_lowers, self.cue_lemmas)

    def find(
        self,
        mentions: list[Mention],
        span_tokens: list[Token],
        home: Mention | None,
        states: dict[str, Mention],
    ) -> list[tuple[Mention, Mention]]:
        """Pairs (giver, receiver) of the sentence's support cues."""
        self.mentions, self.home, self.states = mentions, home, states
        out: list[tuple[Mention, Mention]] = []
        for tok in span_tokens:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in self.words.support_verbs:
                givers = self._subjects(tok)
                receivers = [
                    m for c in tok.children if c.dep_ in ("dobj", "obj") for m in self._owned(c)
                ]
                # "helping Israel defend itself": the helped is the subject of the act, a
                # bare infinitive ("Australia is helping us, China is building the centre":
                # a clause of its own, not the act helped)
                receivers += [
                    m
                    for c in tok.children
                    if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VB"
                    for n in c.children
                    if n.dep_ == "nsubj"
                    for m in self._actors(n)
                ]
            elif tok.pos_ == "VERB" and lemma in self.words.support_with_verbs:
                givers = self._subjects(tok)
                receivers = [
                    m
                    for p in tok.children
                    if p.dep_ == "prep" and p.lower_ == "with"
                    for o in p.children
                    if o.dep_ == "pobj"
                    for m in self._owned(o)
                ]
            elif tok.pos_ == "NOUN" and tok.lower_ in self.words.support_nouns:
                # "its backing of X": the pronoun's actor, never the "of" phrase, gives
                givers = (
                    self._pronoun_owner(tok)
                    or self._owners(tok, demonyms=True)
                    or self._noun_giver(tok)
                )
                receivers = self._noun_receivers(tok)
            else:
                continue
            if not givers or not receivers or not self._asserted(tok):
                continue
            out += [(a, b) for a in givers for b in receivers if a.name != b.name]
        return out + self._channels(span_tokens)

    def _noun_receivers(self, noun: Token) -> list[Mention]:
        """Who a support noun is for: "support for X", "pledged support to X" (the parser
        hangs the receiver on the verb whose object the support is), "its backing of X" (a
        possessed noun's "of" phrase is its object), "the backing it has given X"."""
        holders = [noun, noun.head] if noun.dep_ in ("dobj", "obj") else [noun]
        preps: tuple[str, ...] = ("for", "to")
        if self._pronoun_possessor(noun):
            preps += ("of",)
            if noun.dep_ == "pobj" and noun.head.lower_ in REASON_PREPS:
                holders.append(noun.head.head)  # "criticised X for its support to Y"
        found = [
            o
            for h in holders
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children
            if o.dep_ == "pobj"
        ]
        for verb in self._given_by_pronoun(noun):
            found += [c for c in verb.children if c.dep_ in ("dative", "dobj", "obj")]
            found += [
                o
                for p in verb.children
                if p.dep_ in ("prep", "dative") and p.lower_ == "to"
                for o in p.children
                if o.dep_ == "pobj"
            ]
        return unique_by_name([m for o in found for m in self._owned(o)])

    @staticmethod
    def _pronoun_possessor(noun: Token) -> bool:
        return any(c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS for c in noun.children)

    @staticmethod
    def _given_by_pronoun(noun: Token) -> list[Token]:
        """The noun's relative clauses whose subject is "it"/"they": "the backing it has
        given the M23" (not "the backing of the rebels, who seized the town")."""
        return [
            c
            for c in noun.children
            if c.dep_ == "relcl"
            and any(s.dep_ == "nsubj" and s.lower_ in OWNER_PRONOUNS for s in c.children)
        ]

    def _pronoun_owner(self, noun: Token) -> list[Mention]:
        """ "criticised Türkiye for its support to Azerbaijan", "condemned the army for the
        backing it has given the rebels": "its" (or "it" in the noun's relative clause) is the
        actor the noun's "for"/"over" phrase is about, the object of the verb it hangs on,
        else that verb's subject."""
        if not (self._pronoun_possessor(noun) or self._given_by_pronoun(noun)):
            return []
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in REASON_PREPS:
            return []
        host = prep.head
        named = self._actors(host)
        if named or host.pos_ not in ("VERB", "AUX"):
            return named
        for deps in (("dobj", "obj"), ("nsubj",)):
            named = [m for c in host.children if c.dep_ in deps for m in self._actors(c)]
            if named:
                return named
        return []

    def _channels(self, span_tokens: list[Token]) -> list[tuple[Mention, Mention]]:
        """ "Japan provided emergency aid through the World Food Programme": the giver works
        with the agency the help goes through."""
        out: list[tuple[Mention, Mention]] = []
        for noun in span_tokens:
            if noun.lower_ not in self.words.channel_nouns or noun.dep_ not in ("dobj", "obj"):
                continue
            verb = noun.head
            if verb.pos_ != "VERB" or not self._asserted(verb):
                continue
            through = [
                o
                for h in (noun, verb)
                for p in h.children
                if p.dep_ == "prep" and p.lower_ == "through"
                for o in p.children
                if o.dep_ == "pobj"
            ]
            # "through international organisations, including UNRWA"
            through += [
                o
                for t in through
                for p in t.children
                if p.dep_ == "prep" and p.lower_ in self.words.including
                for o in p.children
                if o.dep_ == "pobj"
            ]
            agencies = [m for o in through for m in self._actors(o)]
            givers = self._subjects(verb) if agencies else []
            out += [(a, b) for a in givers for b in agencies if a.name != b.name]
        return out

    def _asserted(self, cue: Token) -> bool:
        if not asserted(cue, self.rules):
            return False
        verb = governing_verb(cue)
        if cue.pos_ == "NOUN" and cue.head != verb:
            return True  # "he would raise issues, including China's support for Russia"
        chain = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        if any(v.lemma_.lower() in ONGOING for v in chain):
            return True  # "will keep helping Israel", "would continue to support ASEAN"
        # "would support", "will back": a promise, not support given
        return not any(
            c.dep_ == "aux" and c.lower_ in self.words.future_aux for v in chain for c in v.children
        )

    def _actors(self, tok: Token, demonyms: bool = False) -> list[Mention]:
        """The actors a word and its conjuncts stand for; a person stands for their state."""
        heads = [tok, *tok.conjuncts]
        found: list[Mention] = []
        for h in heads:
            for m in self.mentions:
                if not m.start <= h.idx < m.end:
                    continue
                if m.type in ACTORS and (demonyms or not m.demonym):
                    found.append(m)
                elif m.type == "Person" and m.name in self.states:
                    found.append(self.states[m.name])
        return unique_by_name(found)

    def _owners(self, noun: Token, demonyms: bool = False) -> list[Mention]:
        """Who owns a noun: "ASEAN's efforts", "the ECOWAS decisions", "U.S. support", "the
        efforts of ECOWAS", "the position ECOWAS has taken"."""
        # the possessor first: "Vanuatu's ICJ initiative" is Vanuatu's, not the court's
        for deps in (("poss",), ("compound", "nmod", "amod" if demonyms else "poss")):
            found = [m for c in noun.children if c.dep_ in deps for m in self._actors(c, demonyms)]
            if found:
                return unique_by_name(found)
        found = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                found += [m for o in c.children if o.dep_ == "pobj" for m in self._actors(o)]
            elif c.dep_ == "relcl":
                found += [m for s in c.children if s.dep_ == "nsubj" for m in self._actors(s)]
            elif c.dep_ == "acl" and c.lemma_.lower() in self.words.led_by:
                # "the regional processes led by the EAC in Nairobi and by Angola in Luanda"
                found += [
                    m
                    for b in c.subtree
                    if b.lower_ == "by" and b.dep_ in ("agent", "conj", "prep")
                    for o in b.children
                    if o.dep_ == "pobj"
                    for m in self._actors(o)
                ]
        return unique_by_name(found)

    def _owned(self, tok: Token) -> list[Mention]:
        """The actor an object names, or the owner of what it names."""
        named = self._actors(tok)
        if named:
            return named
        return [m for h in [tok, *tok.conjuncts] for m in self._owners(h)]

    def _subjects(self, verb: Token) -> list[Mention]:
        """The subject of the verb or of the verb it completes ("will keep helping Israel");
        "we" is the document's home country."""
        v = verb
        for _ in range(3):
            subjects = [c for c in v.children if c.dep_ == "nsubj"]
            if subjects:
                found = [m for c in subjects for m in self._actors(c)]
                if not found and subjects[0].lower_ in RELATIVES and v.dep_ == "relcl":
                    # "Algeria, which backs the Polisario Front": the noun the clause is of
                    return self._actors(v.head)
                if not found and subjects[0].lower_ in self.words.home_acts and self.home:
                    return [self.home]
                if (
                    not found
                    and subjects[0].lower_ in ("it", "they")
                    and v.dep_ in ("conj", "ccomp")
                ):
                    # "The EU reiterates its call, and it continues to support X", "Japan said
                    # it had provided aid through the WFP"
                    first = [c for c in v.head.children if c.dep_ == "nsubj"]
                    found = [m for c in first for m in self._actors(c)]
                return found
            if v.dep_ == "pcomp" and v.head.dep_ == "prep":
                # "reiterated its commitment to supporting Moldova": the one committed
                v = governing_verb(v.head.head)
                if v.lemma_.lower() in self.words.accusations:
                    # "Kenya accused Uganda of backing the rebels": an accusation asserts
                    # no support, and the accuser gives none
                    return []
                continue
            if v.dep_ not in ("xcomp", "conj", "advcl") or v.head == v:
                break
            v = v.head
        return []

    def _noun_giver(self, noun: Token) -> list[Mention]:
        """ "X expressed / conveyed / reaffirmed support for Y": the giver of a support noun
        that is the object of a verb is the verb's subject."""
        if noun.dep_ not in ("dobj", "obj") or noun.head.pos_ != "VERB":
            return []
        return self._subjects(noun.head)
