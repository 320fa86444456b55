"""COOPERATES_WITH from partnership wording (rules.toml [partners]).

- "Action coordinated with Canada and the United Kingdom", "working alongside Ottawa and
  London", "signed agreements with Ethiopia": the clause's subject (or, when the subject names
  no actor — "we", "today's action" — the document's home country) works with each actor the
  "with"/"alongside" phrase names;
- "joint advisories issued by the United States, the Republic of Korea and Japan": each pair of
  the actors a joint act lists cooperates.
Negated or hedged cues assert nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.counterpart_states import counterpart_states
from graph.extract.doc_cache import tokens_with
from graph.extract.lapsed_ties import lapsed
from graph.extract.mentions import Mention, doc_text, unique_by_name
from graph.extract.negation import asserted, governing_verb
from graph.extract.pair_rules import load_pair_rules
from graph.extract.paired_bodies import PAIRED_BODY
from graph.extract.support import Support
from graph.extract.tables import Rules

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Candidate, Sentence

BODIES = ("Country", "Institution")
PARTNER_NOUNS = frozenset({"partners", "allies", "counterparts", "colleagues"})
# words that open a list of the partners meant: "partners, including A and B", "namely"
LIST_CUES = frozenset({"including", "namely", "such", "like", "notably"})
# the dependencies of a clause below another ("hoped that X would ...", "to be hosted by X")
CLAUSES = frozenset({"ccomp", "advcl", "acl", "relcl", "xcomp", "csubj", "pcomp"})


class Partners:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        raw = rules.partner_cues
        self.with_cues = raw[0]
        self.joint_cues = raw[1]
        self.support = Support(rules)
        # the words the token loop of `find` acts on: every other token is skipped there
        self.cue_words = self.with_cues | self.joint_cues
        words = load_pair_rules()
        self.act_lemmas = words.agreement_verbs | rules.co_action_verbs
        self.paragraph = -1
        self.recent: list[Mention] = []  # the states the paragraph named, last first
        self.unplaced = False  # whether the paragraph names a person of no known state
        self.named_often: frozenset[str] = frozenset()  # the states of two sentences or more

    def reset(
        self, sentences: Sequence[Sentence] = (), states: dict[str, Mention] | None = None
    ) -> None:
        self.paragraph, self.recent, self.unplaced = -1, [], False
        self.named_often = _named_often(sentences, states or {})

    def two_sides(
        self, s: Sentence, states: dict[str, Mention], home: Mention | None = None
    ) -> list[Candidate]:
        """ "Biden also met Trudeau, and the two governments announced joint commitments",
        "both sides have agreed to take them forward": the two states the paragraph named
        last (a person stands for their state) work together, if the act is asserted."""
        from graph.extract.relations import Candidate

        if s.paragraph != self.paragraph:
            self.paragraph, self.recent, self.unplaced = s.paragraph, [], False
        # a person of no known state may be the other side: the home is then no fill-in
        self.unplaced |= any(m.type == "Person" and m.name not in states for m in s.mentions)
        words = load_pair_rules()
        out: list[Candidate] = []
        cues = [
            tok
            for tok in tokens_with(s.span, words.two_sides_nouns)
            if tok.dep_ == "nsubj"
            and tok.lower_ in words.two_sides_nouns
            and any(c.lower_ in ("two", "both") for c in tok.children)
        ]
        # "the two sides" of a meeting are states the document keeps naming, or names in a
        # main clause or before the words in their sentence: one named once
        # elsewhere is a topic of their talks ("hoped that Pakistan and India would resolve
        # their differences. Both sides agreed ...", "both leaders agreed ... ahead of the
        # meeting to be hosted by Tuvalu")
        cut = cues[0].idx if cues else s.span.start_char
        acting = {m.name for m in s.mentions if _in_main_clause(m, s)}
        named = [
            (m, m if m.type == "Country" else states.get(m.name))
            for m in s.mentions
            if (m.type == "Country" and not m.demonym) or (m.type == "Person" and m.name in states)
        ]
        for m, state in named:
            if state is not None and (
                state.name in self.named_often or m.start < cut or m.name in acting
            ):
                self.recent = [state] + [r for r in self.recent if r.name != state.name]
        for tok in cues:
            verb = tok.head
            future = any(c.dep_ == "aux" and c.lower_ in words.future_aux for c in verb.children)
            if (
                verb.lemma_.lower() in words.two_sides_verbs
                and not future
                and asserted(verb, self.rules)
                and len(sides := self._two(home)) == 2
            ):
                a, b = sides
                out.append(
                    Candidate("COOPERATES_WITH", a, b, s.index, rule="two-sides", confidence=0.55)
                )
        return out

    def _two(self, home: Mention | None) -> list[Mention]:
        """The two sides: the two states the paragraph named last; with one named, that state
        and the document's home ("The Minister received X, Minister for Foreign Affairs of
        Singapore. The two Ministers agreed ...": a readout names its own side by no state)."""
        if len(self.recent) >= 2 or home is None or home.type != "Country" or self.unplaced:
            return self.recent[:2]
        return [home, *self.recent] if self.recent and self.recent[0].name != home.name else []

    def find(
        self, s: Sentence, home: Mention | None, states: dict[str, Mention] | None = None
    ) -> list[Candidate]:
        from graph.extract.relations import Candidate

        states = states or {}
        out: list[Candidate] = [
            Candidate("COOPERATES_WITH", a, b, s.index, rule="support", confidence=0.6)
            for a, b in self.support.find(s.mentions, self.support.cue_tokens(s.span), home, states)
        ]
        # "Saudi-U.S. talks", "Chinese-Russian cooperation": a pair may be named by adjectives
        out += self._dashed_pairs(s, [m for m in s.mentions if m.type in BODIES])
        bodies = [m for m in s.mentions if m.type in BODIES and not m.demonym]
        if not bodies and home is None:
            return out
        # "with their Mexican partners": the noun stands for the adjective's state
        standins = counterpart_states(s.span, s.mentions)
        # only a cue word or a verb of acting together is read below (see _co_action)
        for tok in tokens_with(s.span, self.cue_words, self.act_lemmas):
            low = tok.lower_
            if low in self.with_cues:
                # asserted by its own clause: "we'll mark the partnership we launched with X"
                out += self._relative_with(tok, bodies, home, s.index)
            if low in self.with_cues and asserted(tok, self.rules) and _an_act(tok):
                partners = self._with(tok, bodies, standins)
                if partners:
                    subjects = self._subjects(tok, bodies, s.mentions, states, home)
                    out += [
                        Candidate("COOPERATES_WITH", a, b, s.index)
                        for a in subjects
                        for b in partners
                        if a.name != b.name and a not in partners
                    ]
            if low in self.joint_cues and asserted(tok, self.rules):
                # a word of a name is no act: "South Korea's Joint Chiefs of Staff said"
                if not _presence_together(tok) and not _in_name(tok, s.mentions):
                    out += cooperation_pairs(self._joint(tok, bodies), s.index, "joint-act", 0.6)
            elif self._co_action(tok):
                agents = self.rules.delegate_nouns | load_pair_rules().acting_for
                actors = _co_actors(tok, bodies, s.mentions, states, agents)
                if tok.lemma_.lower() in self.rules.apart_listing_verbs and not any(
                    c.dep_ == "nsubj" for c in tok.children
                ):
                    actors = []  # "measures imposed by A and B": parallel listings
                out += cooperation_pairs(actors, s.index, "co-action", 0.6)
        out += self._listed_partners(s, bodies, states, home)
        return out + self._between(s, bodies, standins)

    def _relative_with(
        self, noun: Token, bodies: list[Mention], home: Mention | None, sent: int
    ) -> list[Candidate]:
        """ "the Comprehensive Strategic Partnership we launched with ASEAN", "the arrangement
        the Philippines reached with China": a noun of partnership whose relative clause has
        a "with" phrase. The clause's subject ("we" is the document's home country) works
        with each actor of that phrase, if the clause is asserted and not to come."""
        from graph.extract.relations import Candidate

        if noun.pos_ not in ("NOUN", "PROPN") or any(
            c.dep_ == "det" and c.lower_ in self.rules.negators for c in noun.children
        ):
            return []
        future = load_pair_rules().future_aux
        out: list[Candidate] = []
        for verb in (c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"):
            if not asserted(verb, self.rules) or any(
                c.dep_ == "aux" and c.lower_ in future for c in verb.children
            ):
                continue
            partners = [
                m
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for o in p.children
                if o.dep_ == "pobj"
                for m in headed(o, bodies)
            ]
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects and verb.dep_ == "acl":
                # "the arrangement Peru reached with Chile": the parser often takes a bare
                # subject for the noun's apposition, the clause for a participle
                subjects = [
                    c for c in noun.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 1
                ]
            givers = [m for c in subjects for m in headed(c, bodies)]
            if not givers and home and any(c.lower_ == "we" for c in subjects):
                givers = [home]
            out += [
                Candidate("COOPERATES_WITH", a, b, sent, rule="relative-with", confidence=0.6)
                for a in unique_by_name(givers)
                for b in unique_by_name(partners)
                if a.name != b.name
            ]
        return out

    def _listed_partners(
        self, s: Sentence, bodies: list[Mention], states: dict[str, Mention], home: Mention | None
    ) -> list[Candidate]:
        """ "talking to partners, including Egypt, the UAE and the African Union", "invited
        together with our partners, namely Australia and New Zealand": whoever the partners
        are "our" of (the home country), or the clause's actor, works with each one listed."""
        from graph.extract.relations import Candidate

        out: list[Candidate] = []
        for tok in tokens_with(s.span, PARTNER_NOUNS):
            if tok.lower_ not in PARTNER_NOUNS or not asserted(tok, self.rules):
                continue
            cue = next((t for t in tok.subtree if t.i > tok.i and t.lower_ in LIST_CUES), None)
            if cue is None:
                continue
            hi = tok.right_edge.idx + len(tok.right_edge)
            listed = [m for m in bodies if cue.idx < m.start and m.end <= hi]
            if not listed:
                continue
            givers = self._partners_of(tok, bodies, s, states, home)
            out += [
                Candidate("COOPERATES_WITH", a, b, s.index, rule="partners-listed", confidence=0.6)
                for a in givers
                for b in listed
                if a.name != b.name
            ]
        return out

    def _partners_of(
        self,
        noun: Token,
        bodies: list[Mention],
        s: Sentence,
        states: dict[str, Mention],
        home: Mention | None,
    ) -> list[Mention]:
        """Whose partners: the noun's owner ("Kenya's partners"; "our" is the home country),
        else the clause's subject ("our team", "we" are the home country)."""
        owners = [c for c in noun.children if c.dep_ == "poss"]
        named = [m for c in owners for m in headed(c, bodies)]
        if named:
            return named
        if owners and owners[0].lower_ == "our":
            return [home] if home else []
        verb = governing_verb(noun)
        for v in (verb, verb.head):
            subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects:
                continue
            heads = [k for c in subjects for k in (c, *c.conjuncts)]
            named = [m for h in heads for m in headed(h, bodies)]
            if named:
                return unique_by_name(named)
            ours = any(
                h.lower_ == "we" or any(c.dep_ == "poss" and c.lower_ == "our" for c in h.children)
                for h in heads
            )
            return [home] if home and ours else []
        return []

    def _between(
        self, s: Sentence, bodies: list[Mention], standins: dict[int, Mention]
    ) -> list[Candidate]:
        """ "a Memorandum of Understanding on Cooperation in Cyber Security between A and B",
        "the agreement between A and B": a noun of partnership (rules.toml [partners]
        pair_nouns) over "between" makes the actors after it partners, unless denied."""
        out: list[Candidate] = []
        for tok in tokens_with(s.span, ("between",)):
            if tok.lower_ != "between" or tok.dep_ != "prep":
                continue
            noun, steps = tok.head, 0
            while noun.lower_ not in self.rules.pair_nouns and steps < 5:
                if noun.dep_ not in ("pobj", "prep", "compound") or noun.head == noun:
                    break
                noun, steps = noun.head, steps + 1
            if noun.lower_ not in self.rules.pair_nouns or not self._existing(noun):
                continue
            if not asserted(noun, self.rules):
                continue  # "proposed a plan for cooperation between A and B"
            partners = [
                m for c in tok.children if c.dep_ == "pobj" for m in headed(c, bodies, standins)
            ]
            out += cooperation_pairs(unique_by_name(partners), s.index, "between", 0.65)
        return out

    def _dashed_pairs(self, s: Sentence, bodies: list[Mention]) -> list[Candidate]:
        """ "DPRK-Russia cooperation", "EU–Azerbaijan relations", "Saudi-U.S. talks": two
        actors (a state may be named by its adjective) joined by a dash, naming the noun of
        partnership they modify, unless it is denied."""
        out: list[Candidate] = []
        doc = s.span.doc
        text = doc_text(doc)  # Doc.text joins every token on each call: once per document
        # chains of actors joined by dashes: "Japan-China-ROK Trilateral ... Meeting"
        chains: list[list[Mention]] = []
        # the states a paired body's name holds are read here, not the body itself
        sides = [m for m in bodies if m.source != PAIRED_BODY]
        for a, b in zip(sides, sides[1:], strict=False):
            if text[a.end : b.start] not in ("-", "–"):
                continue
            if chains and chains[-1][-1] is a:
                chains[-1].append(b)
            else:
                chains.append([a, b])
        for chain in chains:
            b = chain[-1]
            after = doc.char_span(b.end, s.span.end_char, alignment_mode="expand")
            if after is None:
                continue
            # 'the U.S.-Japan "2+2"': quotes before the noun, a noun of several tokens
            words = [t for t in after if not (t.is_punct and t.is_quote)]
            rest = text[words[0].idx : s.span.end_char] if words else ""
            if any(
                rest.startswith(n) for n in self.rules.pair_nouns if not n.isalpha()
            ) and self._existing(words[0]):
                out += cooperation_pairs(chain, s.index, "dashed-pair", 0.6)
                continue
            noun = words[0] if words else None
            while (
                noun is not None
                and noun.dep_ in ("compound", "amod", "poss", "nmod")
                and noun.head.i > noun.i
            ):
                noun = noun.head  # "the Ethiopia-Somaliland port deal", "bilateral relationship"
            if noun is None or noun.lower_ not in self.rules.pair_nouns:
                noun = None
            if noun is not None and self._existing(noun):
                out += cooperation_pairs(chain, s.index, "dashed-pair", 0.6)
        return out

    def _existing(self, noun: Token) -> bool:
        """The pair's ties are presupposed ("a review of EU–Azerbaijan relations" asserts
        they exist) unless denied: "no Georgia-Russia dialogue", "relations were never
        restored"."""
        if lapsed(noun):
            return False  # "a low point in China-Japan relations"
        verb = governing_verb(noun)
        for t in (noun, verb):
            if any(
                c.dep_ in ("neg", "det", "advmod") and c.lower_ in self.rules.negators
                for c in t.children
            ):
                return False
        return True

    def _co_action(self, tok: Token) -> bool:
        # a verb of neither list is never an act together: asked before the costly tests
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.act_lemmas:
            return False
        if not asserted(tok, self.rules):
            return False
        words = load_pair_rules()
        if any(c.dep_ == "aux" and c.lower_ in words.future_aux for c in tok.children):
            return False  # "A and B will sign a treaty": not done yet
        if any(
            a.lower_ in self.rules.apart_act_words
            for c in tok.children
            if c.dep_ in ("dobj", "obj")
            for a in c.children
        ):
            return False  # "A and B are announcing parallel measures": each its own
        if tok.lemma_.lower() in words.agreement_verbs:
            # "A and B reached an arrangement" (asserted: never "reached no agreement")
            # "the arrangement the Philippines and China reached": the clause's own noun
            if tok.dep_ == "relcl" and tok.head.lower_ in words.agreement_nouns:
                return asserted(tok.head, self.rules)
            return any(
                c.dep_ in ("dobj", "obj") and c.lower_ in words.agreement_nouns
                for c in tok.children
            )
        return tok.lemma_.lower() in self.rules.co_action_verbs

    @staticmethod
    def _span_of(tok: Token) -> tuple[int, int]:
        return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)

    def _with(
        self, cue: Token, bodies: list[Mention], standins: dict[int, Mention]
    ) -> list[Mention]:
        """Actors named in a "with"/"alongside" phrase of the cue or of its verb."""
        verb = governing_verb(cue)
        heads = [cue, verb]
        # "signed memorandums of understanding with Egypt and Kenya": the "with" of the
        # verb's object, or of that object's "of" phrase
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        heads += objects + [
            o for c in objects for p in c.children if p.lower_ == "of" for o in p.children
        ]
        preps = [
            c
            for h in heads
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("with", "alongside")
        ]
        if cue.lower_ == "alongside":
            preps.append(cue)
        preps += [k for p in preps for k in p.conjuncts]  # "with our G7 partners and with the EU"
        found: list[Mention] = []
        for p in preps:
            for obj in (c for c in p.children if c.dep_ == "pobj"):
                found += headed(obj, bodies, standins)
                if obj.lower_ in PARTNER_NOUNS:
                    # "with our G7 partners", "with its NATO allies": the group they belong to
                    found += [
                        m
                        for c in obj.children
                        if c.dep_ in ("compound", "nmod")
                        for m in headed(c, bodies)
                    ]
        return unique_by_name(found)

    def _subjects(
        self,
        cue: Token,
        bodies: list[Mention],
        mentions: list[Mention],
        states: dict[str, Mention],
        home: Mention | None,
    ) -> list[Mention]:
        """Who works with the partners: the clause's subject, the owner of a subject noun
        ("Canada's measures were taken in coordination with ..."), the state of a person
        subject; with no actor there, the document's home country, but only for "we" or an
        act of its own ("Today's action", "- 7 individuals sanctioned ..."), never for "he"
        or a named person whose state is unknown."""
        owned = _owner_of_cue(cue, bodies, mentions, states)
        if owned is not None:
            return owned
        verb = governing_verb(cue)
        owner = _participle_owner(verb, bodies)
        if owner:
            return owner
        for v in (verb, verb.head):
            subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if any(cue in c.subtree for c in subjects):
                return []  # "X, a special envoy on ties with Russia, noted ...": X's title
            if not subjects:
                continue
            found: list[Mention] = []
            for c in subjects:
                found += headed(c, bodies) or leader_state(c, mentions, states)
                found += [m for o in c.children if o.dep_ == "poss" for m in headed(o, bodies)]
            if found:
                return unique_by_name(found)
            acts = load_pair_rules().home_acts
            return [home] if home and subjects[0].lower_ in acts else []
        return [home] if home else []

    def _joint(self, cue: Token, bodies: list[Mention]) -> list[Mention]:
        """The actors of a joint act: the agent of "joint X issued by A, B and C" or "jointly
        drafted by A and B", the members of "a joint mission of A, B and C", or the subject
        of "A, B and C issued a joint X"."""
        noun = cue.head if cue.dep_ in ("amod", "advmod") else cue
        group: list[Mention] = []
        for c in noun.subtree:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "of" and c.head == noun):
                lo, hi = self._span_of(c)
                # "the joint redevelopment of the X Camp, which A and B committed to": who
                # a relative clause names is no member of the phrase
                aside = [self._span_of(r) for r in c.subtree if r.dep_ == "relcl"]
                group += [
                    m
                    for m in bodies
                    if lo <= m.start
                    and m.end <= hi
                    and not any(a <= m.start and m.end <= b for a, b in aside)
                ]
        if not group:
            verb = governing_verb(noun)
            for c in verb.children:
                if c.dep_ == "nsubj":
                    lo, hi = self._span_of(c)
                    group += [m for m in bodies if lo <= m.start and m.end <= hi]
        group = unique_by_name(group)
        return group if len(group) >= 2 else []


def _owner_of_cue(
    cue: Token, bodies: list[Mention], mentions: list[Mention], states: dict[str, Mention]
) -> list[Mention] | None:
    """The owner of a partnership noun is who works with the partners, wherever the noun
    stands in its clause: "Russia's partnership with China has deepened", "Pyongyang's ties
    with Moscow" (a person owner stands for their state). "its"/"their" is the subject of
    the clause the noun is in ("Chevron operates its joint ventures with PDVSA"). None when
    the noun has no owner (the clause's subject is then looked at)."""
    noun = cue.head if cue.dep_ == "amod" else cue  # "its joint ventures"
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if owners[0].pos_ != "PRON":
        return [m for c in owners for m in headed(c, bodies) or leader_state(c, mentions, states)]
    verb = governing_verb(noun)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and noun not in c.subtree]
    # "his partnership with X" under a person's verb: the clause's subject rules read it
    return [m for c in subjects for m in headed(c, bodies)] or _last_owner(owners[0], bodies)


def _last_owner(pronoun: Token, bodies: list[Mention]) -> list[Mention] | None:
    """Whom "its" stands for when the clause's subject names no actor: the actor written
    just before it as an owner ("money for Pyongyang's missiles and, increasingly, for its
    partnership with Moscow"), if no other actor stands between them."""
    if pronoun.lower_ not in ("its", "their"):
        return None
    before = [m for m in bodies if m.end <= pronoun.idx]
    if not before:
        return None
    last = before[-1]
    owner = next((t for t in pronoun.sent if last.start <= t.idx < last.end), None)
    while owner is not None and owner.dep_ == "compound":
        owner = owner.head
    return [last] if owner is not None and owner.dep_ == "poss" else None


def _named_often(sentences: Sequence[Sentence], states: dict[str, Mention]) -> frozenset[str]:
    """The states a document names in two sentences or more, by name, adjective or a person
    who stands for them."""
    seen: dict[str, set[int]] = {}
    for s in sentences:
        for m in s.mentions:
            state = m if m.type == "Country" else states.get(m.name) if m.type == "Person" else None
            if state is not None:
                seen.setdefault(state.name, set()).add(s.index)
    return frozenset(name for name, sents in seen.items() if len(sents) >= 2)


def _in_main_clause(m: Mention, s: Sentence) -> bool:
    """Whether a mention stands in its sentence's main clause ("Nepal and Bangladesh
    reviewed ...", "the United States negotiated with Venezuela"), not in a clause below it
    ("hoped that Pakistan and India would resolve ...", "a meeting to be hosted by X")."""
    tok = next((t for t in s.span if t.idx >= m.start), None)
    for _ in range(12):
        if tok is None or tok.head == tok:
            return tok is not None
        if tok.dep_ in CLAUSES:
            return False
        tok = tok.head
    return False


def _presence_together(cue: Token) -> bool:
    """Whether "together" only says that several were in one place: "visited the museum
    together" (actor_pairs.toml [joint] presence_verbs), not "worked together"."""
    if cue.lower_ != "together":
        return False
    verb = governing_verb(cue)
    return verb.lemma_.lower() in load_pair_rules().presence_verbs


def _in_name(tok: Token, mentions: list[Mention]) -> bool:
    """Whether the word is part of an actor's name the sentence holds."""
    return any(m.type in BODIES and m.start <= tok.idx < m.end for m in mentions)


def _an_act(cue: Token) -> bool:
    """Whether a cue is an act done together: "agreed with Morocco to double the quota" or
    "on the quota" is; "agreed with Morocco that the situation was serious" (a shared view)
    is not. Other cues always are."""
    if cue.lemma_.lower() != "agree":
        return True
    return any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "on") for c in cue.children)


def _participle_owner(verb: Token, bodies: list[Mention]) -> list[Mention]:
    """Who works with the partners when the cue is a participle without a subject that hangs
    on an actor's noun: "Qatar's continued efforts, working closely with A and B" (the noun
    just before the comma), "Indonesia's interest in working with the UK"."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or verb.tag_ != "VBG":
        return []
    noun = None
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        noun = verb.head.head
    elif verb.dep_ in ("advcl", "acl") and verb.i >= 2 and verb.doc[verb.i - 1].text == ",":
        noun = verb.doc[verb.i - 2]
    if noun is None or noun.pos_ != "NOUN":
        return []
    return [m for c in noun.children if c.dep_ == "poss" for m in headed(c, bodies)]


def _co_actors(
    verb: Token,
    bodies: list[Mention],
    mentions: list[Mention],
    states: dict[str, Mention],
    delegates: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The actors doing an act together: "A and B imposed", "facilitated by A and B",
    "Chinese leader Xi and Brazilian President Lula signed" (the leaders' countries), "signed
    by representatives of A and B" (the bodies the delegates are of); one actor alone is no
    cooperation."""
    heads = [c for c in verb.children if c.dep_ == "nsubj"]
    heads += [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    heads += [
        o
        for h in list(heads)
        if h.lemma_.lower() in delegates
        for p in h.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    # "designated by the UK, Canada or Australia": alternatives, not partners
    heads = [h for h in heads if not alternatives(h)]
    group = unique_by_name(
        [m for h in heads for m in headed(h, bodies) or leader_state(h, mentions, states)]
    )
    return group if len(group) >= 2 else []


def alternatives(head: Token) -> bool:
    """Whether a list of actors is of alternatives ("A or B"), not of partners."""
    return any(
        c.dep_ == "cc" and c.lower_ in ("or", "nor")
        for k in [head, *head.conjuncts]
        for c in k.children
    )


def bodies_of_phrases(
    heads: list[Token], mentions: list[Mention], states: dict[str, Mention]
) -> list[Mention]:
    """The bodies noun phrases stand for, with their conjuncts; a person for their state
    (the acting parties of a verb that joins or gives: "X and Y joined", "X supplied Y")."""
    bodies = [m for m in mentions if m.type in BODIES and not m.demonym]
    out: list[Mention] = []
    for h in [k for head in heads for k in (head, *head.conjuncts)]:
        named = [m for m in bodies if m.start <= h.idx < m.end]
        out += named or leader_state(h, mentions, states)
    return unique_by_name(out)


def leader_state(
    head: Token, mentions: list[Mention], states: dict[str, Mention]
) -> list[Mention]:
    """The state or body a person in a list of subjects acts for, named before the name:
    "Brazilian President Lula" -> Brazil, "the UAE's President X" -> UAE, "European
    Commission President Y" -> the Commission. Each conjunct is read on its own."""
    out = []
    # "Modi, Saudi Crown Prince Mohammed bin Salman, ... and Y": the model often hangs the
    # rest of a list of leaders on the first as an apposition
    listed = [head, *head.conjuncts]
    for a in [c for h in listed for c in h.children if c.dep_ == "appos"]:
        listed += [a, *a.conjuncts]
    for h in listed:
        person = next(
            (m for m in mentions if m.type == "Person" and m.start <= h.idx < m.end), None
        )
        if person is None:
            continue
        lo = h.left_edge.idx
        named = [
            m for m in mentions if m.type in BODIES and lo <= m.start and m.end <= person.start
        ][-1:]
        # "Modi, Biden, ... announced": a bare name acts for the state the document gives it
        out += named or ([states[person.name]] if person.name in states else [])
    return out


def cooperation_pairs(
    group: list[Mention], sent: int, rule: str, confidence: float
) -> list[Candidate]:
    """COOPERATES_WITH between every two differently named actors of a group."""
    from graph.extract.relations import Candidate

    return [
        Candidate("COOPERATES_WITH", a, b, sent, rule=rule, confidence=confidence)
        for i, a in enumerate(group)
        for b in group[i + 1 :]
        if a.name != b.name
    ]


def headed(
    tok: Token, bodies: list[Mention], standins: dict[int, Mention] | None = None
) -> list[Mention]:
    """The actors a phrase is about: those its head word or the head's conjuncts stand in
    ("Canada and the United Kingdom"), not those named inside its modifiers ("a special
    representative of the President of Nicaragua"); a head in `standins` stands for its
    state ("their Fijian counterparts")."""
    heads = [tok, *tok.conjuncts]
    named = [m for m in bodies for h in heads if m.start <= h.idx < m.end]
    return named + [standins[h.i] for h in heads if standins and h.i in standins]
