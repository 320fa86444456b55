"""MET_WITH from readouts, wires and tours, read from the dependency parse:

- "A met B and C", "A held talks with B", "A was received by B": the subject meets each
  person of the object, the "with" phrase or the agent;
- "A and B held a meeting": the subjects meet each other; "talks between A and B" too;
- "She also met B", "the Assistant Secretary met B": a subject that names nobody (a pronoun
  or a bare title) is the visitor the document follows (the last person who met someone),
  else its first named subject, else the first person the document names (a readout's
  principal: "The Prime Minister met President Lula");
- "A and B met in Doha", "met, among others, B, C and D", "met several leaders, including
  B", "after talks with B, A said", "sat down with B", "called on President B".
A meeting by phone or video, or one only planned ("he'll meet", "is expected to hold
meetings"), is none (actor_pairs.toml [meetings]); negated or hedged cues assert nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention
from graph.extract.negation import asserted, governing_verb
from graph.extract.pair_rules import PairRules, load_pair_rules
from graph.extract.tables import Rules

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Sentence

MEET_VERBS = frozenset({"meet", "receive", "host", "visit", "greet", "welcome"})
LED_GROUPS = frozenset({"delegation", "delegations", "team", "mission", "group"})
FACILITATORS = frozenset({"facilitate", "host", "mediate", "broker", "chair", "convene"})
SIGN_VERBS = frozenset({"sign", "initial", "ink"})
# verbs whose object or subject is a meeting taking place: "hold talks", "talks take place"
HOLD_VERBS = frozenset(
    {"hold", "have", "conduct", "take", "be", "begin", "start", "open", "resume"}
)
# a pronoun whose antecedent is a name no person mention covers: it stands for nobody known
BLOCKED = Mention("Person", "", "", -1, -1, -1, "blocked")
MEET_NOUNS = frozenset(
    {"talks", "meeting", "meetings", "talk", "exchange", "audience", "discussions"}
)
# a transcript's speaker label opening a paragraph: "Minister Iwaya: At the meeting, I ...";
# the segmenter may cut a label in capitals off as a sentence of its own ("SECRETARY X:"),
# so the colon may end the sentence
LABEL = re.compile(r"\s*([^:\n]{2,80}):(?:\s|$)")


def _persons(
    tok: Token, people: list[Mention], titles: frozenset[str] = frozenset()
) -> list[Mention]:
    """The people a phrase names: its head word, the head's conjuncts and appositions, and
    the name a title heads ("the President of the National Congress, Luis Redondo")."""
    heads = [tok, *tok.conjuncts]
    # "President A of Austria and President B of Peru": the parser makes B a conjunct of
    # Austria; a person there is the phrase's too
    heads += [
        k
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
        for k in o.conjuncts
        if any(m.start <= k.idx < m.end for m in people)
    ]
    appositions = [c for h in heads for c in h.children if c.dep_ == "appos"]
    # "his two counterparts, Mali's X and Burkina Faso's Y": a list in apposition
    heads += [k for a in appositions for k in (a, *a.conjuncts)]
    found = [m for m in people for h in heads if m.start <= h.idx < m.end]
    for h in heads:
        if h.lower_ in titles and not any(m.start <= h.idx < m.end for m in people):
            lo, hi = h.left_edge.idx, h.right_edge.idx + len(h.right_edge)
            found += [m for m in people if lo <= m.start and m.end <= hi][:1]
        if h.lower_ in LED_GROUPS:
            # "received a delegation led by Foreign Minister X": the one who leads it
            found += [
                m
                for a in h.children
                if a.dep_ == "acl" and a.lemma_.lower() in ("lead", "head")
                for g in a.children
                if g.dep_ == "agent"
                for o in g.children
                for m in _persons(o, people, titles)
            ]
    return list({id(m): m for m in found}.values())


# What may stand between two titled names of one subject the parser folded into one phrase:
# "and" or a comma, then only capitalised words of a title, a possessive and "of"/"the"
# ("A and External Affairs Minister Dr. B", "A and Ethiopia's Foreign Minister B")
TITLED_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:[A-Z][\w.'’-]*|of|the)\s+)*")


def _folded_subjects(head: Token, found: list[Mention], people: list[Mention]) -> list[Mention]:
    """ "Vice President A and External Affairs Minister Dr. B called on C", "Egypt's Foreign
    Minister A and Ethiopia's Foreign Minister B met C": the parser may fold the first
    titled name into the compounds of the second; a person before the subject's name, inside
    its phrase and joined to it by "and" or a comma over title words only, is a subject too
    (not "Lula's adviser B": a lower-case word parts them)."""
    if not found:
        return []
    text = head.doc.text
    nearest = min(found, key=lambda m: m.start)
    before = [m for m in people if head.left_edge.idx <= m.start and m.end <= nearest.start]
    out: list[Mention] = []
    for m in sorted(before, key=lambda m: m.start, reverse=True):
        if not TITLED_JOIN.fullmatch(text[m.end : nearest.start]):
            break
        out.append(m)
        nearest = m
    return out


def _object_is(verb: Token, table: frozenset[tuple[str, str]]) -> bool:
    """Whether the verb and one of its objects are a pair of the table ("shook hands")."""
    lemma = verb.lemma_.lower()
    return any(
        (lemma, c.lemma_.lower()) in table for c in verb.children if c.dep_ in ("dobj", "obj")
    )


class Meetings:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.pairs: PairRules = load_pair_rules()
        self.titles = frozenset(r for r in rules.role_nouns if " " not in r)
        p = self.pairs
        # the only lemmas `_meet_verb` and the signing test answer for: `find` reads no other
        # verb (nor any word but these and MEET_NOUNS)
        phrasal = frozenset(verb for verb, _ in p.phrasal)
        self.verb_lemmas = MEET_VERBS | p.joined_at | p.passive | phrasal | SIGN_VERBS
        self.verb_lemmas |= p.in_person_verbs | p.talk_verbs
        self.verb_lemmas |= frozenset(v for v, _ in p.gestures | p.sign_idioms)
        # likewise the only words `find` reads as a meeting noun (`_as_noun` included)
        self.noun_lowers = MEET_NOUNS | frozenset(p.meal_nouns) | frozenset(p.meeting_adjectives)
        self.noun_lowers |= p.talk_nouns
        self.visitor: Mention | None = None
        self.following: Mention | None = None
        self.principal: Mention | None = None
        self.paragraph = -1
        self.antecedent: Mention | None = None
        self.speaker: Mention | None = None
        self.named_spans: list[tuple[int, int]] = []
        self.short_titles: dict[str, Mention] = {}  # "eam" -> the person titled so
        self.paragraph_people: list[Mention] = []  # the people the paragraph named so far
        self.sentence_people: list[Mention] = []

    def reset(self, principal: Mention | None = None) -> None:
        self.visitor = self.following = self.antecedent = self.speaker = None
        self.principal = principal
        self.paragraph = -1

    def find(self, s: Sentence) -> list[tuple[Mention, Mention]]:
        people = [m for m in s.mentions if m.type == "Person"]
        self.named_spans = [(m.start, m.end) for m in s.mentions]
        self.sentence_people = people
        if s.paragraph != self.paragraph:
            self.paragraph, self.antecedent = s.paragraph, None
            self.paragraph_people = []
            label = LABEL.match(s.text)
            if label is not None:
                # "I" is whoever the label names; a label naming no person (an outlet, a
                # moderator) blocks the guess
                lo, hi = s.span.start_char + label.start(1), s.span.start_char + label.end(1)
                self.speaker = next((m for m in people if lo <= m.start and m.end <= hi), BLOCKED)
        if s.text.rstrip().endswith("?") or not (people or self._two_of(s)):
            # a question asserts no meeting ("Did he have any bilateral meeting with ...?")
            self._note_subject(s, people)
            self.paragraph_people += people
            return []
        if self.visitor is None:
            # before any meeting, the person the story follows is its first named subject
            subject = next(
                (
                    m
                    for m in people
                    for t in s.span
                    if t.dep_ == "nsubj" and m.start <= t.idx < m.end
                ),
                None,
            )
            self.following = self.following or subject
        pairs: list[tuple[Mention, Mention]] = []
        for tok in tokens_with(s.span, self.noun_lowers, self.verb_lemmas):
            is_verb = tok.pos_ == "VERB" and self._meet_verb(tok)
            is_noun = (
                tok.lower_ in MEET_NOUNS
                or tok.lower_ in self.pairs.meal_nouns
                or tok.lower_ in self.pairs.talk_nouns
            ) and tok.pos_ == "NOUN"
            is_noun = is_noun or self._as_noun(tok)
            if (is_verb or is_noun) and self._held(tok):
                pairs += self._verb(tok, people) if is_verb else self._noun(tok, people)
            elif tok.pos_ == "VERB" and (
                tok.lemma_.lower() in SIGN_VERBS or _object_is(tok, self.pairs.sign_idioms)
            ):
                pairs += self._signed_together(tok, people)
            elif tok.pos_ == "VERB" and _object_is(tok, self.pairs.gestures):
                pairs += self._gestured(tok, people)
        out = [(a, b) for a, b in pairs if a.name != b.name]
        if out:
            self.visitor = out[-1][0]
        self._note_subject(s, people)
        self.paragraph_people += people
        return out

    def _two_of(self, s: Sentence) -> bool:
        return any(self._the_two(t) for t in s.span if t.dep_ == "nsubj")

    def _the_two(self, subject: Token) -> list[Mention]:
        """ "The two leaders held talks", "the two presidents met": the last two people the
        paragraph named before the subject (a pair, or nobody)."""
        if subject.lower_ not in self.pairs.two_nouns or not any(
            c.lower_ in ("two", "both") for c in subject.children
        ):
            return []
        named = self.paragraph_people + [m for m in self.sentence_people if m.end <= subject.idx]
        last: list[Mention] = []
        for m in reversed(named):
            if all(m.name != k.name for k in last):
                last.append(m)
        return last[:2] if len(last) >= 2 else []

    def _title_acronym(self, tok: Token) -> Mention | None:
        """ "EAM met ...", "FM held talks with ...": the person a readout's short form of a
        title stands for (graph/extract/title_short_forms.py), when it names no actor the
        sentence knows (not "NATO", "UAE")."""
        if not tok.is_upper or any(a <= tok.idx < b for a, b in self.named_spans):
            return None
        return self.short_titles.get(tok.text.lower())

    def _as_noun(self, tok: Token) -> bool:
        """ "held a bilateral with X": an adjective of meetings standing as the meeting."""
        return tok.lower_ in self.pairs.meeting_adjectives and tok.dep_ in (
            "dobj", "obj", "pobj", "nsubj", "nsubjpass"
        )

    def _note_subject(self, s: Sentence, people: list[Mention]) -> None:
        """The subject of the sentence's main clause, the antecedent of a pronoun in the same
        paragraph: a person, or BLOCKED when it is a name no person mention covers ("Li, for
        his part, kept a low profile. He ... met ...": "he" is not the visitor)."""
        root = s.span.root
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                named = _persons(c, people)
                if named:
                    self.antecedent = named[0]
                elif c.lower_ in self.titles:
                    # "The Prime Minister attended ... On the margins, he met X": a bare
                    # title is the one the readout follows, as for "The Prime Minister met"
                    self.antecedent = None
                elif c.pos_ == "PROPN":
                    self.antecedent = BLOCKED
                return

    def _pronoun_referent(self, pron: Token, people: list[Mention]) -> Mention | None:
        """Who "he" / "she" / "who" stands for: the relative clause's noun, a subject earlier
        in the sentence or the paragraph, else the visitor the document follows."""
        if pron.lower_ in ("i", "me"):
            return self.speaker  # the transcript's speaker, else nobody
        if pron.lower_ in ("who", "that"):
            clause = pron.head
            while clause.dep_ == "conj" and clause.head is not clause:
                clause = clause.head
            if clause.dep_ == "relcl":
                named = _persons(clause.head, people)
                return named[0] if named else BLOCKED
        for t in reversed([t for t in pron.sent if t.i < pron.i]):
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PROPN" and _persons(t, people):
                return _persons(t, people)[0]  # "Colombia's president, X, said he had ..."
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN":
                named = _persons(t, people)
                if not named and self._title_acronym(t) is not None:
                    return self._title_acronym(t)
                return named[0] if named else BLOCKED  # "Li was ..., and he also met"
        if self.antecedent is not None:
            return self.antecedent
        return self.visitor or self.following or self.principal

    def _meet_verb(self, verb: Token) -> bool:
        # a lemma tested here belongs in `verb_lemmas` too
        lemma = verb.lemma_.lower()
        if lemma in MEET_VERBS or lemma in self.pairs.in_person_verbs:
            return True
        if lemma in self.pairs.talk_verbs:
            # "discussed X with Y": not over the phone, wherever the sentence says so
            return not any(t.lower_ in self.pairs.remote_words for t in verb.sent)
        if lemma in self.pairs.joined_at and self._joined_at_a_meeting(verb):
            return True
        if lemma in self.pairs.passive:
            return verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children)
        return any(
            (lemma, c.lower_) in self.pairs.phrasal
            for c in verb.children
            if c.dep_ in ("prt", "prep", "advmod")
        )

    def _joined_at_a_meeting(self, verb: Token) -> bool:
        """ "joined President X and Prime Minister Y at the trilateral summit"."""
        return any(c.dep_ in ("dobj", "obj") for c in verb.children) and any(
            o.lemma_.lower() in self.pairs.joined_at_nouns or o.lower_ in self.pairs.joined_at_nouns
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in ("at", "for")
            for o in p.children
            if o.dep_ == "pobj"
        )

    def _held(self, cue: Token) -> bool:
        """Whether the cue is a meeting held in person: asserted, not by phone or video, not
        only planned."""
        if not asserted(cue, self.rules):
            return False
        remote = self.pairs.remote_words
        for c in cue.children:
            if c.dep_ in ("amod", "compound", "advmod", "npadvmod") and c.lower_ in remote:
                return False  # "a virtual meeting", "met virtually"
            if (
                c.dep_ == "prep"
                and c.lower_ in ("by", "via", "over", "on")
                and any(t.lower_ in remote for t in c.subtree)
            ):
                return False  # "met by video link", "talks over the phone"
        verb = governing_verb(cue)
        if cue.pos_ == "NOUN" and self._only_planned(cue, verb):
            return False
        # a meeting noun that is not what its verb holds is presupposed held: "would continue
        # to support the track of talks between A and B", "will keep supporting the talks";
        # "will hold talks with X" is only planned (tokens compare by ==, not by identity)
        if cue.pos_ == "NOUN" and (cue.head != verb or verb.lemma_.lower() not in HOLD_VERBS):
            return True
        for _ in range(4):
            if any(c.dep_ == "aux" and c.lower_ in self.pairs.future_aux for c in verb.children):
                return False  # "he'll meet", "Will the Secretary meet ...?"
            if verb != cue and verb.lemma_.lower() in self.pairs.planned_verbs:
                return False  # "is expected to hold meetings", "was due to fly ... for talks"
            if verb != cue and any(
                c.dep_ in ("det", "neg") and c.lower_ in self.rules.negators for c in verb.children
            ):
                return False  # "there are no plans for the Secretary to meet X"
            if verb.dep_ == "prep" or verb.pos_ == "ADP":
                verb = verb.head  # "looking forward to meeting X"
                continue
            if verb.dep_ not in ("xcomp", "ccomp", "pcomp", "acomp", "advcl", "acl"):
                break
            if verb.head == verb:
                break
            if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.pairs.sought_verbs:
                return False  # "agreed to meet X", "offered to hold talks with X"
            verb = verb.head
        return True

    def _only_planned(self, noun: Token, verb: Token) -> bool:
        """A meeting noun that is the subject of a plan or a forecast: "a meeting between A
        and B had been expected to be ...", "talks between A and B are scheduled for
        Thursday", "the meeting will take place next week"; or one an infinitive qualifies
        ("a meeting between A and B, to be facilitated by C, ..."; not "talks to end the
        war", a purpose)."""
        if any(
            c.dep_ in ("acl", "relcl")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and any(a.dep_ == "auxpass" for a in c.children)
            for c in noun.children
        ):
            return True
        if noun.dep_ not in ("nsubj", "nsubjpass") or noun.head != verb:
            return False
        return (
            any(c.dep_ == "aux" and c.lower_ in self.pairs.future_aux for c in verb.children)
            or verb.lemma_.lower() in self.pairs.planned_verbs
        )

    def _subjects(self, verb: Token, people: list[Mention]) -> list[Mention]:
        # "Speaking after talks with X, Pelosi said", "arrived in Delhi and met X": the subject
        # of a clause without its own is the one of the clause it hangs on
        own = verb
        chance = self._chance_taken(verb)
        if chance is not None:
            verb = chance  # "I had the honour of meeting X": the subject of "had"
        elif verb.dep_ == "acl" and verb.lemma_.lower() in self.pairs.passive:
            # "visited the museum, guided by X": the one guided is the visitor
            verb = verb.head.head if verb.head.dep_ in ("dobj", "obj") else verb
        for _ in range(2):
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                break
            if verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp") or verb.head == verb:
                break
            if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
                # "left his counterparts to meet X", "asked the envoy to meet X": the one
                # who meets is the object, not the subject of the clause above
                return []
            verb = verb.head
            if verb.pos_ == "ADP":  # "was welcomed ... before sitting down with X"
                verb = verb.head
        deps = ("nsubj",) if verb is own else ("nsubj", "nsubjpass")
        subjects = [c for c in verb.children if c.dep_ in deps]
        found = [m for c in subjects for m in _persons(c, people, self.titles)]
        found += [m for c in subjects for m in _folded_subjects(c, found, people) if m not in found]
        if not subjects or found:
            return found
        pair = self._the_two(subjects[0])
        if pair:
            return pair  # "The two leaders held talks": the pair the paragraph named last
        if subjects[0].pos_ == "PRON":
            who = self._pronoun_referent(subjects[0], people)  # "She also met ..."
        elif self._title_acronym(subjects[0]) is not None:
            who = self._title_acronym(subjects[0])  # "EAM met ..."
        elif subjects[0].lower_ in self.titles:
            # "the Assistant Secretary met ...", "The Prime Minister met ..."
            who = self.visitor or self.following or self.principal
        else:
            who = None
        return [who] if who is not None and who is not BLOCKED else []

    def _chance_taken(self, verb: Token) -> Token | None:
        """The verb "had" of "had the honour of meeting X" / "had a chance to meet X", whose
        subject met X; None for any other shape, or a chance still to come ("will have")."""
        noun = verb.head
        if verb.dep_ == "pcomp" and noun.lower_ == "of":
            noun = noun.head
        elif verb.dep_ != "acl":
            return None
        have = noun.head
        if (
            noun.lemma_.lower() not in self.pairs.chance_nouns
            or noun.dep_ not in ("dobj", "obj")
            or have.lemma_.lower() not in self.pairs.chance_verbs
        ):
            return None
        if any(c.dep_ == "aux" and c.lower_ in self.pairs.future_aux for c in have.children):
            return None
        return have

    def _objects(self, verb: Token, people: list[Mention]) -> list[Mention]:
        objects: list[Mention] = []
        for c in verb.children:
            if c.dep_ in ("dobj", "obj"):
                objects += _persons(c, people)
                objects += self._included(c, people)
            elif (
                c.dep_ == "prep" and c.lower_ in ("with", "alongside", "on")
            ) or c.dep_ == "agent":
                if c.lower_ == "on" and not self._courtesy_call(verb, c):
                    continue
                # "met with X", "was received by President X", "called on President X"
                objects += self._phrase_people(c, people, self.titles)
        objects += self._included(verb, people)
        if verb.lemma_.lower() in self.pairs.talk_verbs:
            return self._talked_with(verb, people)
        if not objects:
            # "met, among others, Prime Minister X, Y and Z": the parser hangs the list on
            # the verb as a loose noun phrase
            objects += [
                m
                for c in verb.children
                if c.dep_ in ("npadvmod", "appos", "attr") and c.i > verb.i
                for m in _persons(c, people)
            ]
        return objects

    def _talked_with(self, verb: Token, people: list[Mention]) -> list[Mention]:
        """The people of a "with" phrase anywhere in a talk verb's own phrase ("discussed a
        plebiscite on guarantees with Maduro"), not in a clause below it."""
        out: list[Mention] = []
        for p in verb.subtree:
            if p.dep_ != "prep" or p.lower_ != "with" or governing_verb(p.head) != verb:
                continue
            out += [
                m for o in p.children if o.dep_ == "pobj" for m in _persons(o, people, self.titles)
            ]
        return out

    def _courtesy_call(self, verb: Token, prep: Token) -> bool:
        """ "called on President X" is a visit; "called on X to release ..." a demand."""
        if (verb.lemma_.lower(), "on") not in self.pairs.phrasal:
            return False
        later = [t for t in verb.subtree if t.i > prep.i]
        return not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) and not any(
            t.lower_ == "to" and t.head.pos_ == "VERB" for t in later
        )

    def _listed_after(self, noun: Token, people: list[Mention]) -> list[Mention]:
        """The people named after "among others" / "including" that follows the cue, up to
        the end of the clause ("…, while Marcos met …")."""
        lead = next(
            (t for t in noun.sent if t.i > noun.i and t.lower_ in self.pairs.including), None
        )
        if lead is None:
            return []
        stop = next(
            (t.idx for t in noun.sent if t.i > lead.i and t.lower_ in ("while", ";", "whereas")),
            noun.sent.end_char,
        )
        return [m for m in people if lead.idx < m.start and m.end <= stop]

    def _phrase_people(
        self, prep: Token, people: list[Mention], titles: frozenset[str] = frozenset()
    ) -> list[Mention]:
        """The people of a "with" / "by" phrase and of one joined to it ("with A and with
        B"): its objects, and those it names after "including" ("held bilateral talks with
        several leaders, including A, B and C")."""
        return [
            m
            for p in (prep, *prep.conjuncts)
            for o in p.children
            if o.dep_ == "pobj"
            for m in _persons(o, people, titles) + self._included(o, people)
        ]

    def _included(self, head: Token, people: list[Mention]) -> list[Mention]:
        """ "met several leaders, including, briefly, President X": the people a phrase of
        "including" / "among" under the object or the verb names."""
        found: list[Mention] = []
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in self.pairs.including:
                for o in c.children:
                    if o.dep_ in ("pobj", "dobj"):
                        found += _persons(o, people, self.titles)
        return found

    def _signed_together(self, verb: Token, people: list[Mention]) -> list[tuple[Mention, Mention]]:
        """ "signed by Commission President X and President Y in Baku", "X and Y signed 15
        agreements": people who sign together meet (a signing is a ceremony in person)."""
        if not self._held(verb):
            return []
        groups = [c for c in verb.children if c.dep_ == "nsubj"]
        groups += [p for a in verb.children if a.dep_ == "agent" for p in a.children]
        out: list[tuple[Mention, Mention]] = []
        for head in groups:
            signers = _persons(head, people)
            out += [(a, b) for i, a in enumerate(signers) for b in signers[i + 1 :]]
        return out

    def _gestured(self, verb: Token, people: list[Mention]) -> list[tuple[Mention, Mention]]:
        """ "A and B shook hands", "the two men shook hands", "shook hands with X", "X
        approached Y and shook his hand": the subjects met each other and whoever the gesture
        was made with. Only a gesture told as done: a finite verb, asserted."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or not self._held(verb):
            return []
        subjects = self._subjects(verb, people)
        others = [
            m
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "with"
            for m in self._phrase_people(c, people, self.titles)
        ]
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            for owner in (c for c in obj.children if c.dep_ == "poss"):
                named = _persons(owner, people)
                if not named and owner.pos_ == "PRON" and verb.dep_ == "conj":
                    # "approached Y and shook his hand": the one the first verb reached
                    named = [
                        m
                        for o in verb.head.children
                        if o.dep_ in ("dobj", "obj")
                        for m in _persons(o, people)
                    ]
                others += named
        pairs = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
        return pairs + [(a, b) for a in subjects for b in others]

    def _verb(self, verb: Token, people: list[Mention]) -> list[tuple[Mention, Mention]]:
        objects = self._objects(verb, people)
        subjects = self._subjects(verb, people)
        for c in (c for c in verb.children if c.dep_ == "nsubjpass"):
            named = _persons(c, people)
            by_agent = any(a.dep_ == "agent" for a in verb.children)
            if not named and c.pos_ == "PRON" and (
                verb.lemma_.lower() in self.pairs.passive or by_agent
            ):
                who = self._pronoun_referent(c, people)  # "where he was joined by X"
                named = [who] if who is not None and who is not BLOCKED else []
            elif not named and self._title_acronym(c) is not None:
                # "On arrival, EAM was received by Mr. X": the one the short title stands for
                named = [m for m in [self._title_acronym(c)] if m is not None]
            elif not named and by_agent and c.lower_ in self.titles:
                # "the Secretary was received by President X": the visitor the readout follows
                who = self.visitor or self.following or self.principal
                named = [who] if who is not None else []
            subjects += named
        if verb.lemma_.lower() in ("host", "visit", "welcome") and not objects:
            return []
        if not objects and verb.lemma_.lower() == "meet" and len(subjects) >= 2:
            # "Tshisekedi and Kagame met in Doha"
            return [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
        together: list[tuple[Mention, Mention]] = []
        lemma = verb.lemma_.lower()
        if (lemma in self.pairs.joined_at or lemma in self.pairs.hosts_together) and (
            verb.tag_ != "VBN" and not any(t.lower_ in self.pairs.apart_words for t in verb.sent)
        ):
            # "X joined Y and Z at the summit", "X hosted Y and Z for talks": Y and Z sat at
            # it together too
            together = [(a, b) for i, a in enumerate(objects) for b in objects[i + 1 :]]
        return [(a, b) for a in subjects for b in objects] + together

    def _between_groups(self, noun: Token, people: list[Mention]) -> list[list[Mention]]:
        """The people of each "between" phrase of a meeting noun, one list a phrase (a phrase
        joined to another by "and" is its own)."""
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"]
        preps += [k for c in preps for k in c.conjuncts if k.lower_ == "between"]
        unique = list({p.i: p for p in preps}.values())
        return [
            [m for o in p.children if o.dep_ == "pobj" for m in _persons(o, people)]
            for p in unique
        ]

    def _noun(self, noun: Token, people: list[Mention]) -> list[tuple[Mention, Mention]]:
        partners: list[Mention] = []
        between: list[Mention] = []
        # "talks with X", "talks, including with X" (a few of the talks named)
        withs = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"]
        withs += [
            w
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ in self.pairs.including
            for w in c.children
            if w.dep_ == "prep" and w.lower_ == "with"
        ]
        for c in withs:
            partners += self._phrase_people(c, people, self.titles)
        pairs: list[tuple[Mention, Mention]] = []
        for group in self._between_groups(noun, people):
            # "talks between A and B, between A and C, and between B and D": each phrase
            # names its own meeting (B and C did not meet)
            between += group
            pairs += [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]
        # "talks between A and B facilitated by C": the facilitator sits with both (the
        # parser may hang the participle on B)
        named = [
            k
            for b in noun.children
            if b.dep_ == "prep" and b.lower_ == "between"
            for o in b.children
            for k in (o, *o.conjuncts)
        ]
        for c in [*noun.children, *(c for k in named for c in k.children)]:
            if between and c.dep_ == "acl" and c.lemma_.lower() in FACILITATORS:
                helpers = [
                    m
                    for a in c.children
                    if a.dep_ == "agent"
                    for o in a.children
                    for m in _persons(o, people, self.titles)
                ]
                pairs += [(h, b) for h in helpers for b in between]
        verb = governing_verb(noun)
        at = noun.dep_ == "pobj" and noun.head.lower_ in ("at", "during", "after", "in")
        if verb == noun or (noun.dep_ not in ("dobj", "obj", "nsubjpass", "attr") and not at):
            return pairs
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                partners += self._phrase_people(c, people)
        if not partners and any(
            c.dep_ == "prep"
            and c.lower_ == "with"
            and not any(o.dep_ == "pobj" for o in c.children)
            for h in (noun, verb)
            for c in h.children
        ):
            # "held bilateral talks with, among others, A, B and C": the parser leaves "with"
            # empty and hangs the list on "among others"
            partners += self._listed_after(noun, people)
        subjects = self._subjects(verb, people)
        if not partners and subjects:
            # "held a bilateral meeting the President of ... X": the met person stands in
            # the meeting's own phrase even where the "with" fell out
            lo, hi = noun.idx, noun.right_edge.idx + len(noun.right_edge)
            partners = [m for m in people if lo <= m.start and m.end <= hi][:1]
        if partners:
            pairs += [(a, b) for a in subjects for b in partners]
        elif len(subjects) >= 2:  # "A and B held a meeting"
            pairs += [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
        return pairs
