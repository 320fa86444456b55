"""SANCTIONED as governments write it: designations across a whole release.

- "OFAC designated A, B and C", "the Council added X to the list": the subject lists every
  actor in the verb's object;
- "X is being designated pursuant to ...", "X was previously designated by the UK and
  Canada": the passive subject is listed, by the agent if named, else by the document's
  designator (the subject of its first designation);
- lists under a heading ("DESIGNATED INDIVIDUALS") or an announcing line ("The individuals
  designated today are:"): the actor each item starts with is listed.
The cue verbs and headings are rules.toml's [designations]; negated or hedged verbs list
nobody (graph/extract/negation.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from graph.extract.designation_tables import table_designations
from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, doc_text
from graph.extract.negation import asserted
from graph.extract.tables import Rules, load_rules
from graph.extract.un_list_entries import entry_code
from graph.model import fold

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Sentence

# where the list of targets ends and the reason or the occasion begins
REASONS = frozenset(
    {"over", "for", "because", "after", "amid", "following", "to", "in", "under", "pursuant"}
)
LISTERS = ("Institution", "Country")
# plural nouns before "of" that stand for the actor itself ("the authorities of X") or what a
# listing takes from it ("froze the assets of X", "extended the listings of X")
STATE_NOUNS = frozenset(
    {
        "authority",
        "government",
        "regime",
        "force",
        "asset",
        "fund",
        "property",
        "account",
        "holding",
        "interest",
        "listing",
        "designation",
        "resource",
    }
)
LISTED = ("Institution", "Country", "Person")


def _inside(
    mentions: Iterable[Mention],
    tok: Token,
    types: tuple[str, ...],
    role_words: frozenset[str] = frozenset(),
) -> list[Mention]:
    """The mentions within a token's subtree, outside any relative clause it holds (but for
    those it includes: "entities connected to the project, including X"), before the reason
    begins, and not a body that only qualifies a title ("X, the head of Y")."""
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    titled = [  # the body after "the head of", the person after "sons of"
        _extent(p)
        for c in tok.subtree
        if c.lower_ in role_words and c.dep_ == "appos"
        for p in c.children
        if p.dep_ == "prep" and p.lower_ == "of"
    ]
    below = [c for c in tok.subtree if c.i != tok.i]
    mentions = list(mentions)
    # "A, which makes drones; and B": the clause is left out, what follows it is not
    clauses = [_extent(c) for c in below if c.dep_ in ("relcl", "acl")]
    reasons = [
        c.left_edge.idx
        for c in below
        if c.dep_ == "prep"
        and c.lower_ in REASONS
        # a body's own name goes on: "the State Secretariat for Economic Affairs"
        and not any(m.start < c.idx < m.end for m in mentions)
        and not any(a <= c.idx < b for a, b in clauses)  # "connected to ...": the clause's
        and not (c.i > 0 and c.nbor(-1).text == "-")  # "commander-in-chief": one word
        and c.head.dep_ != "appos"  # "A, deputy to the Bashkan, B, ...": a target's title
    ]
    hi = min([hi, *reasons])
    included = [_extent(c) for c in below if c.lower_ == "including"]
    # "the issuers of A7A5", "three units of Russia's intelligence service": the members of
    # a body are listed, not the body (a common noun in the plural before "of")
    members_of = [
        _extent(c)
        for c in below
        if c.dep_ == "prep"
        and c.lower_ == "of"
        and c.head.tag_ == "NNS"
        and c.head.lemma_.lower() not in STATE_NOUNS
    ]
    doc = tok.doc
    out = []
    for m in mentions:
        if not (lo <= m.start and m.end <= hi and m.type in types):
            continue
        if any(a <= m.start < b for a, b in clauses) and not any(
            a <= m.start < b for a, b in included
        ):
            continue
        if any(a <= m.start < b for a, b in titled + members_of):
            continue
        if _modifier(m, doc):
            continue  # "its Burma sanctions list": a modifier, not a target
        out.append(m)
    return out


def _modifier(
    m: Mention, doc: Doc, deps: tuple[str, ...] = ("compound", "amod", "nmod", "poss")
) -> bool:
    """Whether a mention only qualifies a noun after it ("its Burma sanctions list", "the
    Myanmar military regime", "NATO ally Turkey", "Mexico-based entities")."""
    if re.match(r"-[a-z]", doc_text(doc)[m.end : m.end + 2]):
        return True
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in deps


def of_members(m: Mention, doc: Doc, cue: Token) -> bool:
    """Whether a mention only says whose members the target are: "sanctions on three units
    of the Northern Command" (a plural common noun before "of", below the cue)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    for tok in span.root.ancestors:
        if tok.i == cue.i:
            return False
        if (
            tok.dep_ == "prep"
            and tok.lower_ == "of"
            and tok.head.tag_ == "NNS"
            and tok.head.lemma_.lower() not in STATE_NOUNS
        ):
            return True
    return False


def _subjects(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """The states and bodies a sentence has as a subject ("the EU has done nothing")."""
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if m.type in LISTERS and not m.demonym and span is not None and span.root.dep_ == "nsubj":
            out.append(m)
    return out


def _antecedent(tok: Token, mentions: list[Mention], before: list[Mention]) -> list[Mention]:
    """Who "it" stands for as the subject of a listing verb: the subject of the verb that
    reports it ("China said it would impose sanctions on"), else, when the sentence names
    nobody before it, the lister the sentence before had as its subject."""
    subjects = [c for c in _subject_tokens(tok) if c.dep_ == "nsubj"]
    if not any(c.lower_ in ("it", "they") and c.tag_ == "PRP" for c in subjects):
        return []
    doc = tok.doc
    said = [
        m
        for m in _subjects(mentions, doc)
        if m.end <= tok.idx
        and (sp := doc.char_span(m.start, m.end, alignment_mode="expand"))
        and sp.root.head.i in {a.i for a in tok.ancestors}
    ]
    if said or any(m.end <= tok.idx and m.type in LISTED for m in mentions):
        return said  # "X accused the Commission, saying it had ...": not the sentence before
    return list(before)


def _announced(noun: Token, mentions: list[Mention]) -> list[Mention]:
    """The names in apposition to a noun and its conjuncts ("four firms linked to the RSF:
    A, B and C"; "two companies, A and B")."""
    heads = [
        k
        for h in (noun, *noun.conjuncts)
        for a in h.children
        if a.dep_ == "appos"
        for k in (a, *a.conjuncts)
    ]
    return [m for m in mentions for h in heads if m.start <= h.idx < m.end and m.type in LISTED]


def _including(noun: Token, mentions: list[Mention]) -> list[Mention]:
    """The names a noun's "including" phrase gives ("11 individuals and 14 entities,
    including A, the director of B, and C"): the heads of its objects."""
    return [
        m
        for h in (noun, *noun.conjuncts)
        for p in h.children
        if p.lower_ == "including"
        for c in p.children
        if c.dep_ == "pobj"
        for m in _headed(c, mentions, LISTED)
    ]


def _names_other(m: Mention, doc: Doc) -> bool:
    """Whether a list item's first actor only names another: a country opening a body's name
    ("Myanmar Economic Corporation"), a body before a common noun ("X affiliates")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.root.dep_ != "compound":
        return False
    head = span.root.head
    nxt = doc[span.end] if span.end < len(doc) else None
    return m.type == "Country" or (head.pos_ == "NOUN" and nxt is not None and nxt.i == head.i)


def _head_words(name: str) -> list[str]:
    """The words a body's name is called by: its first word ("Council of the EU", "Department
    of State") and its head noun ("Security Council Committee", "U.S. Department of the
    Treasury": the last word before "of", else the last word)."""
    words = fold(name).split()
    cut = next((i for i, w in enumerate(words) if w in ("of", "on", "for", "concerning")), None)
    return words[:1] + words[:cut][-1:]


def _imposed_by(noun: Token, mentions: Iterable[Mention]) -> list[Mention]:
    """The agent of a participle on a measure noun: "subject to sanctions imposed by Canada",
    "under restrictions introduced by the EU"."""
    agents = [g for a in noun.children if a.dep_ == "acl" for g in a.children if g.dep_ == "agent"]
    # "was hit with sanctions by the EU": the parser hangs the agent on the noun, or on the
    # verb the noun completes
    verb = noun.head.head if noun.head.lower_ == "with" else None
    agents += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
    agents += [c for c in (verb.children if verb is not None else ()) if c.dep_ == "agent"]
    return [m for g in agents for m in _inside(mentions, g, LISTERS) if not m.demonym]


def _headed_below(prep: Token, mentions: Iterable[Mention]) -> list[Mention]:
    """The countries a preposition's object is headed by ("of Japan")."""
    return [
        m for c in prep.children if c.dep_ == "pobj" for m in _headed(c, mentions, ("Country",))
    ]


def _agents(verb: Token) -> list[Token]:
    """A passive verb's "by" phrases: its agent, or the "by" the parser hangs on the list it
    names ("has been added to the sanctions list by the State Secretariat")."""
    agents = [c for c in verb.children if c.dep_ == "agent"]
    if agents or not any(c.dep_ == "auxpass" for c in verb.children):
        return agents
    return [
        b
        for p in verb.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj"
        for b in o.children
        if b.dep_ == "prep" and b.lower_ == "by"
    ]


def _members_named(phrase: Token) -> list[Token]:
    """The "including" phrases inside a phrase that hang on a singular common noun ("linked
    to his case, including Judge X"): a case has no members, so the names are the set's."""
    return [t for t in phrase.subtree if t.lower_ == "including" and t.head.tag_ == "NN"]


def _without(span: tuple[int, int], holes: list[Token]) -> list[tuple[int, int]]:
    """A character extent less the extents of the given tokens' subtrees."""
    out, start = [], span[0]
    for a, b in sorted(_extent(h) for h in holes):
        out.append((start, a))
        start = b
    return [*out, (start, span[1])]


def _extent(tok: Token) -> tuple[int, int]:
    """The characters a token's subtree covers."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def _headed(tok: Token, mentions: Iterable[Mention], types: tuple[str, ...]) -> list[Mention]:
    """The actors a subject is about: its head word and the head's conjuncts, not the bodies
    named in its modifiers ("the Treasury's Office of ..." is the Office)."""
    heads = [tok, *tok.conjuncts]
    return [m for m in mentions for h in heads if m.start <= h.idx < m.end and m.type in types]


def _refers_to(subject: Token, lead: Mention | None) -> bool:
    """Whether a subject that names no actor stands for the actor its paragraph opens with: a
    pronoun ("He is being designated") or a short form of its name ("Liaoning China Trade")."""
    if lead is None:
        return False
    if subject.tag_ == "PRP" and subject.lower_ in ("he", "she", "it", "they"):
        return True
    words = [t.text for t in subject.subtree if t.dep_ != "det"]
    short = fold(" ".join(words))
    return len(words) >= 1 and subject.pos_ == "PROPN" and fold(lead.name).startswith(short)


def _named_again(subject: Token, seen: list[Mention]) -> list[Mention]:
    """The body or person named earlier whose name a capitalised subject without article
    repeats or opens ("Department 53", "Liaoning China Trade")."""
    if subject.tag_ == "PRP" or not subject.text[:1].isupper():
        return []
    if any(c.dep_ == "det" for c in subject.children):
        return []
    short = fold(" ".join(t.text for t in subject.subtree))
    return [m for m in seen[::-1] if short and fold(m.name).startswith(short)][:1]


def _subject_tokens(verb: Token) -> list[Token]:
    """The subject of a verb's clause: its own, that of the verb it completes ("remain
    suspended", "are designated"), or for a relative clause the noun it describes ("the EU,
    which imposed ...")."""
    v = verb
    for _ in range(3):  # "has decided to implement measures to freeze": three verbs up
        # the small model sometimes hangs the subject on the auxiliary ("remain suspended")
        near = [
            *v.children,
            *(g for c in v.children if c.dep_.startswith("aux") for g in c.children),
        ]
        own = [c for c in near if c.dep_ in ("nsubj", "nsubjpass")]
        relative = [c for c in own if c.tag_ in ("WDT", "WP")]
        if relative or (not own and v.dep_ in ("relcl", "acl")):
            noun = v.head
            while noun.dep_ == "conj" and noun.head.i < noun.i:
                noun = noun.head  # "Mali and Burkina Faso, which are suspended": both
            return [noun] if v.dep_ in ("relcl", "acl") else []
        if own:
            return own
        if v.dep_ not in ("acomp", "xcomp", "oprd", "attr", "conj", "advcl") or v.head == v:
            return []
        v = v.head
    return []


def _possessed(m: Mention, mentions: Iterable[Mention], text: str) -> Mention:
    """ "the Department of the Treasury's Office of Foreign Assets Control designated ...":
    the body a subject possesses is the one that acts."""
    for other in mentions:
        if other.type == "Institution" and re.fullmatch(r"['’]s\s+", text[m.end : other.start]):
            return other
    return m


class Designations:
    def __init__(self, rules: Rules, parents: dict[str, str] | None = None) -> None:
        self.rules = rules
        self.parents = parents or {}  # organ -> the body it belongs to (the gazetteer's)
        # one-word titles ("head", "director") and kin ("sons"): a body after "the head of",
        # a person after "sons of" is no target
        titles = frozenset(r.lower() for r in rules.role_nouns if " " not in r)
        # the head word of a title of several ("chief executive of the X Board")
        heads = frozenset(r.lower().split()[-1] for r in rules.role_nouns if " " in r)
        self.role_words = titles | heads | rules.people_nouns
        # words a list item may put before its name ("- Colonel X", "Major General X")
        self.title_words = titles | rules.honorifics
        # the only words `_held_by` answers for (its nouns and lemmas): `_under` reads no other
        self.held_lowers = rules.under_nouns
        self.held_lemmas = rules.sanction_nouns | {"measure", "list", "blacklist"}

    def _opens(self, s: Sentence, m: Mention, start: int | None = None) -> bool:
        """Whether a sentence (or its item from `start`) opens with the mention: only a list
        mark ("- ", "1. ") and title words ("Colonel", "Major General", "Dr.") before it."""
        start = s.span.start_char if start is None else start
        before = doc_text(s.span.doc)[start : m.start].strip(" -•*\t0123456789.)")
        # a UN entry's reference and its first name part: "MLi.004 Name: 1: AHMED 2: AG ..."
        before = re.sub(r"(?<=:)\s*1:$", "", entry_code().sub("", before))
        # an entry's field label: "1. Name: Tomas BELSKY", "Full name: ...", which a bracket
        # may qualify ("Name (transliteration into Latin script): X", the EU's annexes)
        label, colon, rest = before.partition(":")
        plain = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip().lower()
        if colon and not rest.strip() and plain in self.rules.table_name_columns:
            if plain != label.strip().lower() and not re.search(r"[A-Za-z]", m.text):
                return False  # "Name (Cyrillic script): ...": the entry's script form
            before = ""
        words = [w.strip(".,").lower() for w in before.split()]
        return len(words) <= 4 and all(w in self.title_words for w in words)

    def _among(self, tok: Token, mentions: list[Mention]) -> list[Mention]:
        """ "A and B are among the entities designated today": the subject of "are among"
        the designated is listed."""
        noun = tok.head
        prep = noun.head
        if tok.dep_ != "acl" or noun.dep_ != "pobj" or prep.lower_ != "among":
            return []
        return [
            m
            for c in prep.head.children
            if c.dep_ in ("nsubj", "nsubjpass")
            for m in _inside(mentions, c, LISTED)
        ]

    def _among_them(
        self, s: Sentence, r: _Reading
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """ "The Council added nine persons to the list. Among them are A and B": after a
        listing, the actors a copula puts "among them" are targets of the designator."""
        if not r.listed_before:
            return []
        out = []
        for tok in s.span:
            if tok.lower_ != "among" or tok.dep_ != "prep" or tok.head.lemma_ != "be":
                continue
            if not any(c.dep_ == "pobj" and c.lower_ in ("them", "those") for c in tok.children):
                continue
            for c in tok.head.children:
                if c.dep_ not in ("nsubj", "attr"):
                    continue
                out += [
                    (src, m, s.index, "designation-among", 0.8)
                    for m in _inside(s.mentions, c, LISTED, self.role_words)
                    for src in r.designator
                    if m.name != src.name and not m.demonym
                ]
        return out

    def _is_cue(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma not in self.rules.designation_verbs or tok.pos_ not in ("VERB", "AUX"):
            return False
        if lemma in self.rules.appointing_verbs and _appoints(tok):
            return False  # "designated to hold the Chairmanship": a role given
        if lemma in self.rules.announce_verbs:
            return any(self._names_measure(c) for c in tok.children if c.dep_ in ("dobj", "obj"))
        if lemma in self.rules.need_list_word:
            # "added X to the list", "imposed sanctions on": only with a listing word nearby,
            # or the noun the verb describes ("the financial measures ECOWAS imposed on X")
            window = list(tok.doc[tok.i : min(len(tok.doc), tok.i + 14)])
            # "Sanctions were also imposed on X", "An asset freeze has been imposed on X"
            window += [t for c in tok.children if c.dep_ == "nsubjpass" for t in c.subtree]
            if tok.dep_ in ("relcl", "acl") and tok.head.i < tok.i:
                window.append(tok.head)
            if any(
                c.dep_ == "nsubj" and c.lemma_.lower() in self.rules.measure_subjects
                for c in tok.children
            ):
                return True  # "The sanctions target X", "Today's action targets X"
            if lemma in self.rules.authority_verbs and self._authority_subject(tok):
                return True  # "OFAC today targeted X" (not "the Council adopted a resolution")
            return any(t.lower_ in self.rules.list_words or t.lower_ == "ban" for t in window)
        return True

    def _names_measure(self, noun: Token) -> bool:
        """ "sanctions", "an asset freeze", "restrictive measures": a noun naming a listing."""
        restrictive = any(c.lower_ == "restrictive" for c in noun.children)
        # "measures to freeze the assets of", "measures to block the property of"
        freezing = any(
            c.dep_ in ("relcl", "acl") and c.lemma_.lower() in ("freeze", "block")
            for c in noun.children
        )
        # "asset freeze measures", "travel ban measures"
        named = any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.rules.sanction_nouns
            for c in noun.children
        )
        return noun.lemma_.lower() in self.rules.sanction_nouns or (
            noun.lemma_.lower() == "measure" and (restrictive or freezing or named)
        )

    def _authority_subject(self, tok: Token) -> bool:
        """Whether the verb's subject is a sanctions authority ("OFAC", "the Treasury"),
        whose targeting is a listing."""
        for c in _subject_tokens(tok):
            if c.dep_ != "nsubj":
                continue
            words = fold(" ".join(t.text for t in c.subtree)).split()
            names = {
                " ".join(words[i:j])
                for i in range(len(words))
                for j in range(i + 1, len(words) + 1)
            }
            if names & self.rules.listing_subjects:
                return True
        return False

    def find(
        self,
        doc: Doc,
        sentences: list[Sentence],
        head: Iterable[Mention] = (),
        title: Iterable[Sentence] = (),
        states: dict[str, Mention] | None = None,
        home: Mention | None = None,
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """(source, target, sentence index, rule, confidence) for every designation; `head`
        holds the mentions of the headline and header lines ("Council of the EU" over a
        release), which name the release's own body but are read for nothing else, but for
        the lister of a listing headline ("Canada imposes sanctions on ..."): the release's
        designator until its body names one. `states`: the state each person serves, `home`
        the state the document speaks for."""
        out: list[tuple[Mention, Mention, int, str, float]] = []
        r = _Reading(designator=[], states=states or {}, home=home)
        r.designator = self._title_designator(title, r)
        r.provisional = bool(r.designator)  # from the headline: the body's own lister wins
        r.bodies = [m for m in head if m.type == "Institution"]
        r.bodies += [m for s in sentences for m in s.mentions if m.type == "Institution"]
        undone: set[tuple[int, int]] = set()  # (sentence, start) of the actors delisted there
        for s in sentences:
            opening = next((m for m in s.mentions if m.type in LISTED), None)
            if opening is not None and self._opens(s, opening):
                r.lead.setdefault(s.paragraph, opening)
            out += self._colon_list(s, r)
            out += self._among_them(s, r)
            # read once per sentence; `_is_cue` wants a designation verb
            verbs = tokens_with(s.span, (), self.rules.designation_verbs)
            cues = [tok for tok in verbs if self._is_cue(tok)]
            for tok in cues:
                if asserted(tok, self.rules):
                    out += self._read_cue(tok, s, r)
            undone |= self._delisted(s)
            out += self._under(s, r.designator)
            out += self._excluded(s)
            out += self._included(s, r.designator, r.listed_before)
            r.listed_before = bool(cues)
            r.before = _subjects(s.mentions, doc)[-1:] or r.before
            r.seen += [m for m in s.mentions if m.type in ("Institution", "Person")]
            r.prior = s.mentions
            r.listers[s.index] = list(r.designator)
        # a list no sentence before it gives a lister for (a gazette's schedule, an
        # ordinance's annex under a government's masthead): the state the document speaks
        # for lists, not a partner's agency the notes name later
        fallback = [home] if home is not None else r.designator
        out += self._lists(doc, sentences, {i: d or fallback for i, d in r.listers.items()})
        lister = r.designator or ([home] if home is not None else [])
        mentions = [m for s in sentences for m in s.mentions]
        out += table_designations(doc_text(doc), mentions, lister, self.rules)
        # "revoked the designation of X, who was designated in 2022": X is no target now
        return [o for o in out if (o[2], o[1].start) not in undone]

    def _read_cue(
        self, tok: Token, s: Sentence, r: _Reading
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """The designations one listing verb makes; updates the document's designator."""
        text = doc_text(s.span.doc)
        sources, named = self._sources(tok, s.mentions, text, r)
        if not sources:  # "None of this means the EU has done nothing. Since 2022 it
            sources = _antecedent(tok, s.mentions, r.before)  # has imposed sanctions on"
            named = bool(sources)
        own = [] if named else self._own_body(tok, r.bodies)
        if own and r.designator and self._organ_of(own[0], r.designator[-1]):
            # "EU ... lists eight persons. The Council today decided to subject ...":
            # the Council of the EU lists for the EU, both designate
            r.designator = [own[0], r.designator[-1]]
            sources = list(r.designator)
        elif not sources and not r.designator:
            sources, named = own, bool(own)
        if (
            named
            and sources
            and (r.provisional or not r.designator)
            and tok.dep_ not in ("relcl", "acl")
        ):
            r.designator = sources[:1]  # not "X, which the US designated in 2019"
            r.provisional = False
        hyphened = _hyphen_listed(tok, s.mentions, s.index)
        if hyphened:
            return hyphened  # "the EU-sanctioned businessman X"
        passive = _passive_subjects(tok)
        targets = self._object_targets(tok, s)
        for c in passive:
            targets += self._passive_named(c, tok, s, r.lead.get(s.paragraph), r.seen, r.prior)
            kinds = self._noun_types(c)
            targets += self._announced_after(kinds, tok, s)
            if kinds and s.text.rstrip().endswith(":"):
                # "Three companies were also listed:" and the names in the next sentence
                r.pending = (sources or r.designator, kinds)
        among = self._among(tok, s.mentions)
        targets += among
        # "Today's action targets X", "The sanctions also target X": the measures
        # stand for the document's designator
        measures = any(
            c.lemma_.lower() in self.rules.measure_subjects
            for c in tok.children
            if c.dep_ == "nsubj"
        )
        by = sources or (r.designator if passive or among or measures else [])
        rule = "designation-passive" if passive else "designation"
        return [
            (src, t, s.index, rule, 0.85)
            for src in by
            for t in targets
            if t.name != src.name and not t.demonym
        ]

    def _agent_phrase(self, prep: Token) -> bool:
        """Whether "on" opens a compound preposition ("on behalf of X", "on the basis of
        X"): its object names whom the listed act for, or why, never the one listed."""
        return any(
            c.dep_ == "pobj" and c.lemma_.lower() in self.rules.agent_phrase_nouns
            for c in prep.children
        )

    def _noun_types(self, c: Token) -> tuple[str, ...]:
        """The types a passive subject's common noun stands for ("companies", "individuals"),
        empty for any other subject."""
        noun = c.lemma_.lower()
        if c.pos_ != "NOUN":
            return ()
        if noun in self.rules.people_nouns:
            return ("Person",)
        return ("Institution",) if noun in self.rules.entity_nouns else ()

    def _colon_list(
        self, s: Sentence, r: _Reading
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """The names of a bare list the sentence before announced with its colon ("Three
        companies were also listed:" then "A, B and C.")."""
        pending, r.pending = r.pending, None
        if pending is None or s.span.root.pos_ in ("VERB", "AUX"):
            return []
        by, wanted = pending
        names = s.mentions
        if self.rules.identifier.search(s.text):
            # a list entry ("ESSA, Salim (a.k.a. ...), 14 Kildare Road, Saxonwold; DOB ..."):
            # its opening name is listed, not the street, place or alias its fields hold
            text = doc_text(s.span.doc)
            names = self._items(s, text, [_item_start(s, text), *_marked_lines(s, text)])
        return [
            (src, m, s.index, "designation-passive", 0.8)
            for m in names
            if m.type in wanted and not m.demonym
            for src in by
            if m.name != src.name
        ]

    def _object_targets(self, tok: Token, s: Sentence) -> list[Mention]:
        """The actors in a listing verb's object and its "on" / "against" phrase; vessels
        identified as property are no actors ("identifying the following vessels: A, B")."""
        targets: list[Mention] = []
        for c in tok.children:
            if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.rules.vessel_words:
                continue
            if c.dep_ in ("dobj", "obj") and c.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                # "Sepehr Energy, which OFAC designated in 2023": the clause's antecedent
                targets += _headed(tok.head, s.mentions, LISTED)
            elif c.dep_ in ("dobj", "obj") or (
                c.dep_ == "prep"
                and not self._agent_phrase(c)
                and (
                    c.lower_ in self.rules.target_preps
                    # "The measures apply to X", "the EU applies restrictive measures to X"
                    or (c.lower_ == "to" and tok.lemma_.lower() in self.rules.to_target_verbs)
                )
            ):
                targets += _inside(s.mentions, c, LISTED, self.role_words)
        # "sanctioned X, alongside Canada and Australia": the partners are no targets
        partners = [
            _extent(p)
            for c in tok.children
            if c.dep_ in ("dobj", "obj", "prep")
            for p in c.subtree
            if p.dep_ == "prep" and p.lower_ in self.rules.partner_preps
        ]
        partners += self._linked_to(tok)
        return [t for t in targets if not any(a <= t.start < b for a, b in partners)]

    def _linked_to(self, tok: Token) -> list[tuple[int, int]]:
        """The extents of the phrases of participles that tie the listed set to what it
        serves ("designated 1,000 individuals connected to terrorism by Iran and its
        proxies, including A"): what they name is served, not listed. An "including" on the
        participle, or on a singular thing that has no members ("five individuals linked to
        his case, including Judge X"), names members of the listed set: it is kept."""
        out = []
        for c in tok.children:
            if c.dep_ not in ("dobj", "obj"):
                continue
            for p in c.subtree:
                if p.dep_ != "acl" or p.lemma_.lower() not in self.rules.link_participles:
                    continue
                if p.head.lemma_.lower() not in self.rules.people_nouns | self.rules.entity_nouns:
                    continue
                for k in p.children:
                    if k.dep_ in ("prep", "agent") and k.lower_ != "including":
                        out += _without(_extent(k), _members_named(k))
        return out

    def _passive_named(
        self,
        c: Token,
        tok: Token,
        s: Sentence,
        lead: Mention | None,
        seen: list[Mention],
        prior: list[Mention],
    ) -> list[Mention]:
        """Who a passive subject names: its actors ("X is being designated"), the antecedent
        of "which", the paragraph's lead for "He", a name the model missed here but read
        before ("Department 53"), or the set the sentence before named ("Both companies
        are being designated")."""
        named = _inside(s.mentions, c, LISTED)
        if c.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
            named = _headed(tok.head, s.mentions, LISTED)  # "X, which was"
        if not named and _refers_to(c, lead):
            named = [lead] if lead else []
        if not named:
            named = _named_again(c, seen)
        if not named:
            named = self._set_before(c, prior)
        return named

    def _title_designator(self, title: Iterable[Sentence], r: _Reading) -> list[Mention]:
        """The lister a listing headline names ("Canada imposes sanctions on Haitian
        elites", "Treasury Targets ..."), if any."""
        for s in title:
            for tok in s.span:
                if self._is_cue(tok) and asserted(tok, self.rules):
                    sources, named = self._sources(tok, s.mentions, doc_text(s.span.doc), r)
                    if named and sources:
                        return sources[:1]
        return []

    def _announced_after(self, kinds: tuple[str, ...], tok: Token, s: Sentence) -> list[Mention]:
        """ "Three companies were also listed: A, B and C": for a passive subject that is a
        common noun for people or bodies (`kinds`: the types it stands for), the names of
        those types after the colon that follows it."""
        if not kinds:
            return []
        text = doc_text(s.span.doc)
        colon = text.find(":", tok.idx, s.span.end_char)
        if colon < 0 or "\n" in text[tok.idx : colon]:
            return []
        return [m for m in s.mentions if m.start > colon and m.type in kinds and not m.demonym]

    def _set_before(self, c: Token, prior: list[Mention]) -> list[Mention]:
        """ "Both companies", "these individuals", "the two entities": the bodies or people
        of the sentence before."""
        if not any(t.lower_ in ("both", "these", "two", "three") for t in c.subtree):
            return []
        noun = c.lemma_.lower()
        if noun in self.rules.people_nouns:
            return [m for m in prior if m.type == "Person" and not m.demonym]
        if noun in self.rules.entity_nouns:
            return [m for m in prior if m.type == "Institution" and not m.demonym]
        return []

    def _delisted(self, s: Sentence) -> set[tuple[int, int]]:
        """(sentence, start) of the actors an asserted delisting verb takes off a list: "has
        revoked the designation of X", "removed X from the list", "delisted X"."""
        out = set()
        for tok in tokens_with(s.span, (), self.rules.delisting_verbs):
            if tok.lemma_.lower() not in self.rules.delisting_verbs or tok.pos_ != "VERB":
                continue
            if not asserted(tok, self.rules):
                continue
            for c in tok.children:
                if c.dep_ in ("dobj", "obj", "nsubjpass"):
                    out |= {(s.index, m.start) for m in _inside(s.mentions, c, LISTED)}
        return out

    def _sources(
        self, tok: Token, actors: list[Mention], text: str, r: _Reading
    ) -> tuple[list[Mention], bool]:
        """Who lists: the subject's actors ("OFAC designated"; "the EU, which imposed
        restrictions on": the clause's antecedent), the agent's ("designated by the UK"), or
        the document's designator for a subject that stands for it ("The Department is also
        designating"). The flag says whether the subject itself named the source."""
        sources: list[Mention] = []
        # a passive subject is listed, not listing ("Chonsurim is being designated")
        subjects = [c for c in _subject_tokens(tok) if c.dep_ != "nsubjpass"]
        if any(c.dep_ == "auxpass" for c in tok.children) or _reduced_passive(tok):
            subjects = []  # "X has arranged cargoes and is being designated": X is listed
        for c in subjects:
            sources += [m for m in _headed(c, actors, LISTERS) if not m.demonym]
        sources = [_possessed(m, actors, text) for m in sources]
        for c in subjects if not sources else []:
            if c.lower_ in self.rules.state_words:  # "the US Treasury", "the British government"
                lo = c.left_edge.idx
                sources += [m for m in actors if lo <= m.start < c.idx and m.type == "Country"]
                for of in (p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"):
                    sources += _headed_below(of, actors)  # "the Government of Japan"
        for c in subjects if not sources else []:
            # "Minister X announced sanctions": the state the document gives X a role in
            people = _headed(c, actors, ("Person",))
            sources += [r.states[m.name] for m in people if m.name in r.states]
            if people and not sources and r.home is not None:
                sources = [r.home]  # a release's minister acts for the release's state
        for c in subjects if not sources else []:
            sources += self._minister_state(c, actors, r)
        named = bool(sources)
        for c in _agents(tok):
            sources += [m for m in _inside(actors, c, LISTERS) if not m.demonym]
        if not sources and any(c.lower_ in self.rules.self_references for c in subjects):
            sources = list(r.designator)
        return sources, named

    def _minister_state(self, c: Token, actors: list[Mention], r: _Reading) -> list[Mention]:
        """ "The Minister for Foreign Affairs has designated", "Japan's Foreign Minister
        announced sanctions": a minister named by title only acts for the state the document
        speaks for, unless the title names another ("Georgia's Minister of Internal Affairs
        ... sanctioned" is a headline's target)."""
        if c.lemma_.lower() not in self.rules.minister_words:
            return []
        if _headed(c, actors, ("Person",)):
            return []  # "Minister X" is read by the people rule
        states = [
            m
            for k in c.children
            for m in (
                _headed(k, actors, ("Country",))
                if k.dep_ in ("poss", "compound", "nmod")
                else _headed_below(k, actors)
                if k.dep_ == "prep" and k.lower_ in ("of", "for")
                else []
            )
            if not m.demonym
        ]
        if r.home is None or any(m.name != r.home.name for m in states):
            return []  # "Georgia's Minister of Internal Affairs ... sanctioned": a target
        return [r.home]

    def _organ_of(self, organ: Mention, body: Mention) -> bool:
        """ "Council of the EU" of the European Union, the "European Commission" of it (the
        gazetteer's organs): an organ that acts for the body."""
        if organ.name == body.name:
            return False
        folded = fold(organ.name)
        whole = {fold(body.name), fold(body.text)}
        return any(folded.endswith((f" of {w}", f" of the {w}")) for w in whole) or (
            self.parents.get(organ.name) == body.name
        )

    def _own_body(self, tok: Token, bodies: list[Mention]) -> list[Mention]:
        """ "The Council today decided to impose restrictive measures", "The Department is
        designating": a subject that is the head word of a body the document names ("Council
        of the EU" on its header, "the Department of State") is that body; the first named."""
        words = {
            c.lower_
            for c in _subject_tokens(tok)
            if c.dep_ != "nsubjpass" and c.lower_ in self.rules.self_references
        }
        own = [b for b in bodies for w in words if w in _head_words(b.name)]
        return own[:1]

    def _included(
        self, s: Sentence, designator: list[Mention], listed_before: bool
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """ "Those listed today include A and B", "The designations include A", after a
        listing "They include A": each actor the verb includes is a target of the document's
        designator."""
        out = []
        for tok in tokens_with(s.span, (), ("be", "include", "cover")):
            copula = tok.lemma_.lower() == "be" and any(c.dep_ == "attr" for c in tok.children)
            including = tok.lemma_.lower() in ("include", "cover") and tok.pos_ == "VERB"
            if not (including or copula) or not asserted(tok, self.rules):
                continue
            subject = [c for c in tok.children if c.dep_ == "nsubj"]
            if not self._lists_subject(subject, copula, listed_before):
                continue
            objects = [
                c
                for c in tok.children
                if c.dep_ in ("dobj", "obj", "attr") or (c.dep_ == "conj" and c.pos_ == "NOUN")
            ]
            for c in objects:
                out += [
                    (src, t, s.index, "designation-includes", 0.75)
                    # the object's head, its conjuncts and the names it announces: "an
                    # officer of the Armed Forces of the DRC" lists the officer, not the DRC;
                    # "four firms linked to the RSF: A, B and C" lists A, B and C
                    for t in _headed(c, s.mentions, LISTED)
                    + _announced(c, s.mentions)
                    + _including(c, s.mentions)
                    for src in designator
                    if t.name != src.name and not t.demonym
                ]
        return out

    def _lists_subject(self, subject: list[Token], copula: bool, listed_before: bool) -> bool:
        """Whether a subject stands for the listed: "Those listed today (include)", "The
        designations include", "The individuals sanctioned are"; after a listing, "They
        include", "The entities are"."""
        listing = any(
            t.lemma_.lower() in self.rules.designation_verbs
            and (not copula or t.dep_ in ("acl", "relcl"))
            or (not copula and t.lower_ in self.rules.list_words)
            or t.lower_ in ("designations", "listings")
            for c in subject
            for t in c.subtree
        )
        if copula:
            common = self.rules.people_nouns | self.rules.entity_nouns
            plural = any(c.tag_ == "NNS" and c.lemma_.lower() in common for c in subject)
            return listing or (plural and listed_before)
        pronoun = any(c.lower_ in ("they", "these", "those") for c in subject)
        return listing or (pronoun and listed_before)

    def _excluded(self, s: Sentence) -> list[tuple[Mention, Mention, int, str, float]]:
        """ "A, B and C remain suspended from the AU", "X, which is suspended from ECOWAS",
        "the bloc suspended X": the body sanctions each member it put out."""
        out = []
        for tok in tokens_with(s.span, (), self.rules.exclusion_verbs):
            if tok.lemma_.lower() not in self.rules.exclusion_verbs or tok.pos_ != "VERB":
                continue
            if not asserted(tok, self.rules):
                continue
            if any(
                c.dep_ in ("dobj", "obj", "nsubjpass") and c.lower_ in self.rules.list_words
                for c in tok.children
            ):
                continue  # "the EU suspended sanctions on X": a relief, no suspension of X
            bodies = [
                m
                for p in tok.children
                if p.dep_ == "prep" and p.lower_ == "from"
                for c in p.children
                if c.dep_ == "pobj"
                for m in _headed(c, s.mentions, ("Institution",))
            ]
            members: list[Mention] = []
            if bodies:
                for c in _subject_tokens(tok):
                    members += _inside(s.mentions, c, LISTED)
            else:
                for c in _subject_tokens(tok):
                    bodies += _headed(c, s.mentions, LISTERS)
                for c in (c for c in tok.children if c.dep_ in ("dobj", "obj")):
                    # the object itself, not who it is with ("suspended cooperation with X")
                    members += _headed(c, s.mentions, LISTED)
            out += [
                (b, m, s.index, "suspension", 0.75)
                for b in bodies
                for m in members
                if m.name != b.name and not m.demonym
            ]
        return out

    def _under(
        self,
        s: Sentence,
        designator: Iterable[Mention] = (),
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """ "Kestrel Shipping remains under U.S. sanctions": the subject is a target of the
        state or body that modifies "sanctions"; "Huawei, which Washington has placed under
        export restrictions": the object is a target of the subject."""
        out = []
        for tok in tokens_with(s.span, self.held_lowers, self.held_lemmas):
            verb = self._held_by(tok)
            if verb is None or not asserted(verb, self.rules):
                continue
            lo, hi = tok.left_edge.idx, tok.idx
            sources = [m for m in s.mentions if lo <= m.start < hi and m.type in LISTERS]
            sources = sources or _imposed_by(tok, s.mentions)
            targets: list[Mention] = []
            rule = "under-sanctions"
            if verb.lemma_.lower() in self.rules.placing_verbs:
                sources = sources or [
                    m
                    for c in _subject_tokens(verb)
                    if c.dep_ == "nsubj"
                    for m in _headed(c, s.mentions, LISTERS)
                    if not m.demonym
                ]
                for c in verb.children:
                    if c.dep_ in ("dobj", "obj") and c.tag_ in ("WDT", "WP"):
                        targets += _headed(verb.head, s.mentions, LISTED)  # "X, which ..."
                    elif c.dep_ in ("dobj", "obj", "nsubjpass"):
                        targets += _headed(c, s.mentions, LISTED)
            else:  # "X, who has been on the EU sanctions list": the relative's antecedent
                for c in _subject_tokens(verb):  # "X's founder, Y, is subject to": Y
                    targets += _headed(c, s.mentions, LISTED) + _announced(c, s.mentions)
                if tok.head.lower_ == "to" and not sources:  # "X is also subject to
                    sources = list(designator)  # restrictive measures": the release's listing
                    rule = "designation-subject"
            out += [
                (src, t, s.index, rule, 0.7)
                for src in sources
                for t in targets
                if t.name != src.name and not t.demonym
            ]
        return out

    def _held_by(self, tok: Token) -> Token | None:
        """The verb of "remains under U.S. sanctions", "has been subject to EU sanctions", "is
        on the EU sanctions list", when `tok` is the noun of such a phrase.
        (A new word here belongs in `held_lowers` or `held_lemmas` too.)"""
        gov = tok.head
        if tok.lower_ in self.rules.under_nouns and gov.lower_ == "under":
            return gov.head
        # the cheap test first: this runs for every token of the document
        if gov.lower_ == "to" and (
            tok.lower_ in self.rules.under_nouns or self._names_measure(tok)
        ):
            held = gov.head
            if held.lower_ == "subject" and held.dep_ in ("acomp", "xcomp", "oprd"):
                return held.head
        if tok.lemma_.lower() in ("list", "blacklist") and gov.lower_ == "on":
            listing = tok.lemma_.lower() == "blacklist" or any(
                c.dep_ == "compound" and c.lemma_.lower() in ("sanction", "terrorist", "terror")
                for c in tok.children
            )
            if listing:
                return gov.head  # "is on the EU sanctions list", "put X on its blacklist"
        if (
            gov.lower_ == "with"
            and tok.lower_ in self.rules.under_nouns
            and gov.head.lemma_.lower() in self.rules.struck_with_verbs
            and any(c.dep_ == "auxpass" for c in gov.head.children)
        ):
            return gov.head  # "X was hit with sanctions by the EU", "slapped with sanctions"
        return None

    def _lists(
        self, doc: Doc, sentences: list[Sentence], listers: dict[int, list[Mention]]
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """Items under a designation heading or after an announcing line: each item's
        first actor, listed by the designator known at its sentence (`listers`)."""
        text = doc_text(doc)
        out = []
        in_list = intro = paragraphs = False
        for s in sentences:
            designator = listers.get(s.index, [])
            line = s.text.strip()
            ends = re.search(self.rules.section_end.pattern, line, re.I) is not None
            # "DOB: 15/01/1982.", "POB:", "SSID: 200-12271": an entry's field, no heading
            field = self.rules.identifier.match(line) or (
                self.rules.field_label.search(line)
                and not self.rules.section_heading.search(line)
                and not ends
            )
            # a heading in capitals ("SANCTIONS IMPLICATIONS") has no full stop; an entry's
            # programme tag ("[RUSSIA-EO14024].") or an entry in capitals has one
            capitals = line.upper() == line and re.search(r"[A-Z]{3}", line) is not None
            if line and capitals and line[-1] not in ".;]" and not field:
                if not paragraphs or ends:
                    in_list = bool(self.rules.section_heading.search(line)) and not ends
                    intro = paragraphs = False
                continue
            if not ends and self._opens_section(s, text):
                in_list, intro, paragraphs = True, False, False  # "(1) Individuals"
                # the first item the parser ran into the heading ("Individuals (7)\n\n1. X")
                first = [st for st in [_item_start(s, text)] if st > s.span.start_char]
                out += _listed(designator, self._items(s, text, first + _marked_lines(s, text)), s)
                continue
            if self.rules.paragraph_intro.search(line):
                in_list = paragraphs = True
                intro = False
                continue
            if self.rules.list_intro.search(line):
                in_list = intro = True
                continue
            run_in = _run_in_items(s, self.rules.list_intro)
            if run_in:  # "... is amended by adding the following:\n\n  7 X\n  8 Y"
                in_list = intro = True
                out += _listed(designator, self._items(s, text, run_in), s)
                continue
            if not in_list:
                continue
            if not _at_line_start(text, _item_start(s, text)):
                # a sentence running on in an item's line, but the parser may have run
                # the next item into it ("... since 2024.\n\n2. Aleksandre DARAKH...")
                out += _listed(designator, self._items(s, text, _marked_lines(s, text)), s)
                continue
            if paragraphs and _is_heading(s, text):
                in_list = not ends  # "Sanctions Implications" ends the targets
                continue
            if ends and line[:1].isalpha() and _is_heading(s, text):
                in_list = intro = False  # "Background", "Media enquiries" after the items
                continue
            if intro and self._prose_again(s, line):
                in_list = intro = False  # prose again after a list of short items
                continue
            if self._acts(s.span.root):
                continue  # "Treasury's OFAC is today designating ...": a lister, no item
            starts = [_item_start(s, text), *_marked_lines(s, text)]
            out += _listed(designator, self._items(s, text, starts), s)
        return out

    def _prose_again(self, s: Sentence, line: str) -> bool:
        """Whether a line after a list's announcing line is prose, which ends the list: a
        long line or a clause. A sanctions entry is no prose however long it runs ("MORENO
        PEREZ, Maikel Jose, Caracas, Venezuela; DOB 12 Dec 1965; ... (individual)
        [VENEZUELA]." under "The following individuals have been added to OFAC's SDN
        List:"): its line holds an identifier and its value."""
        if line[:1] in "-•*" or self.rules.identifier.search(line):
            return False
        return len(line) > 200 or _clause(s)

    def _items(self, s: Sentence, text: str, starts: list[int]) -> list[Mention]:
        """The actor each list item of a sentence opens with, the items starting at
        `starts`: the sentence's own start and every later line that opens with a list
        mark, the parser having run an item's last line into the next item ("Nationality:
        Russian.\n\n2. RTISHCHEV, Stanislav")."""
        out: list[Mention] = []
        ends = [*starts[1:], s.span.end_char][: len(starts)]
        for start, end in zip(starts, ends, strict=True):
            if not _at_line_start(text, start):
                continue
            first = next(
                (m for m in s.mentions if m.type in LISTED and start <= m.start < end), None
            )
            if first is None or first.demonym or not self._opens(s, first, start):
                continue
            if _names_other(first, s.span.doc):
                continue  # "- Myanmar Economic Corporation", "Kalashnikov Concern affiliates"
            out.append(first)
        return out

    def _opens_section(self, s: Sentence, text: str) -> bool:
        """Whether a sentence holds a short heading line over a list of designated persons
        or bodies in any case ("(1) Individuals", "Annex II - Entities"), the parser having
        run it into the lines around it ("Annex\n(1) Individuals\n1.")."""
        lines = [ln.strip() for ln in s.text.split("\n") if ln.strip()]
        if len(lines) == 1 and not _is_heading(s, text):
            return False
        return any(
            len(ln.split()) <= 4
            and ln[-1:] not in '.;!?"”'
            and self.rules.section_heading.search(ln.upper()) is not None
            for ln in lines
        )

    def _acts(self, root: Token) -> bool:
        """Whether a sentence's main verb is a listing verb in the active voice ("OFAC is
        designating ..."), whose subject is a lister, not a target."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in root.children)
        return self._is_cue(root) and not passive


@dataclass
class _Reading:
    """What reading a document's sentences in order has found so far."""

    designator: list[Mention]  # who lists in this document
    provisional: bool = False  # the designator comes from the headline
    lead: dict[int, Mention] = field(default_factory=dict)  # each paragraph's opening actor
    bodies: list[Mention] = field(default_factory=list)  # every body the document names
    listed_before: bool = False  # whether the sentence before listed anybody
    before: list[Mention] = field(default_factory=list)  # the sentence before's lister
    seen: list[Mention] = field(default_factory=list)  # bodies and people named so far
    prior: list[Mention] = field(default_factory=list)  # the mentions of the sentence before
    # a colon's list to come: (who lists, the types its names are)
    pending: tuple[list[Mention], tuple[str, ...]] | None = None
    states: dict[str, Mention] = field(default_factory=dict)  # the state each person serves
    home: Mention | None = None  # the state the document speaks for
    listers: dict[int, list[Mention]] = field(default_factory=dict)  # designator by sentence


def _passive_subjects(tok: Token) -> list[Token]:
    """The listed subject of a passive verb: its own, or for a passive verb joined to an
    active one ("VS Tankers has arranged cargoes ... and is being designated") the first
    verb's."""
    if _reduced_passive(tok):
        # "X, blacklisted by Washington in 2022, denied ...", "Y, a firm designated by OFAC"
        return [tok.head.head if tok.head.dep_ == "appos" else tok.head]
    own = [c for c in tok.children if c.dep_ == "nsubjpass"]
    aux = [c for c in tok.children if c.dep_ == "auxpass"]
    if not own and aux:  # "Also designated is X" (the parser may hang X on "is")
        own = [c for c in tok.children if c.dep_ == "attr"]
        own += [c for a in aux for c in a.children if c.dep_ in ("attr", "nsubj")]
    if own or tok.dep_ != "conj" or not aux:
        return own
    return [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def _hyphen_listed(
    tok: Token, mentions: list[Mention], sent: int
) -> list[tuple[Mention, Mention, int, str, float]]:
    """ "the EU-sanctioned businessman X", "a Treasury-designated firm, Y": a participle
    joined by a hyphen to its lister, before the noun it lists."""
    if tok.dep_ != "amod":
        return []
    listers = [
        m
        for c in tok.children
        if c.dep_ in ("npadvmod", "compound", "nmod")
        and c.i == tok.i - 2
        and tok.nbor(-1).text == "-"
        for m in mentions
        if m.type in LISTERS and m.start <= c.idx < m.end and not m.demonym
    ]
    noun = tok.head
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head  # "businessman Tomas Belsky": the name the title stands before
    listed = [m for m in mentions if m.type in LISTED and m.start <= noun.idx < m.end]
    return [(a, b, sent, "designation", 0.8) for a in listers for b in listed if a.name != b.name]


def _reduced_passive(tok: Token) -> bool:
    """A participle after the noun it describes, with its agent: "X, sanctioned by the EU
    last year, ..." (the noun is listed; the agent lists); only for the verbs that list
    whatever their object (rules.toml reduced_passive_verbs: not "X, listed by the UN as a
    World Heritage site", "Y, targeted by Russia in a cyberattack")."""
    return (
        tok.lemma_.lower() in load_rules().reduced_passive_verbs
        and tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.i < tok.i
        and any(c.dep_ == "agent" for c in tok.children)
    )


def _appoints(verb: Token) -> bool:
    """Whether an infinitive completes the verb ("was designated to hold", "designated
    Finland to chair"): what it gives is a task, not a place on a list."""
    return any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and any(a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def _clause(s: Sentence) -> bool:
    """Whether a sentence is a clause with a subject and a finite verb ("The EU now applies
    restrictive measures to ..."), not a list entry ("Ivan Sorokin (born 1961)")."""
    root = s.span.root
    return root.pos_ in ("VERB", "AUX") and any(c.dep_ == "nsubj" for c in root.children)


def _item_start(s: Sentence, text: str) -> int:
    """Where a sentence's list item starts: after a group's subheading the parser ran into
    it ("Unit 26165\n1. Andrei KOROBOV."), else where the sentence starts."""
    start = s.span.start_char
    first, sep, rest = text[start : s.span.end_char].partition("\n")
    words = first.split()
    heading = sep and words and len(words) <= 8 and first.rstrip()[-1:] not in '.:;!?"”'
    # "1. Ivan Sorokin\n2.": an item (its own list mark before it) the parser ran into the
    # next item's number, not a group's subheading
    before = text[text.rfind("\n", 0, start) + 1 : start].strip()
    marked = before != "" and before.strip("-•*0123456789.)") == ""
    if heading and not marked and re.match(r"\s*(?:[-•*]|\d+[.)])(?:\s|$)", rest):
        return start + len(first) + 1 + len(rest) - len(rest.lstrip())
    return start


def _run_in_items(s: Sentence, intro: re.Pattern[str]) -> list[int]:
    """Where the item lines start that the parser ran into the line announcing them ("1 Part
    1 of the schedule ... is amended by adding the following in numerical order:\n\n  7 X\n
    8 Y"): each non-empty line after the first announcing line, none if no line announces."""
    at = s.span.start_char
    lines = []
    for line in s.text.split("\n"):
        lines.append((at, line))
        at += len(line) + 1
    for i, (_, line) in enumerate(lines[:-1]):
        if intro.search(line):
            return [st + len(ln) - len(ln.lstrip()) for st, ln in lines[i + 1 :] if ln.strip()]
    return []


def _listed(
    designator: list[Mention], items: list[Mention], s: Sentence
) -> list[tuple[Mention, Mention, int, str, float]]:
    return [
        (src, first, s.index, "designation-list", 0.8)
        for first in items
        for src in designator
        if first.name != src.name
    ]


def _at_line_start(text: str, start: int) -> bool:
    """Whether only a list mark stands before `start` on its line ("- X", "1. X", "7 X")."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" -•*\t0123456789.)")


def _marked_lines(s: Sentence, text: str) -> list[int]:
    """Where the lines after a sentence's first line open with a list mark ("2. X",
    "- X"), past the item start `_item_start` already gives."""
    first = _item_start(s, text)
    body = text[first : s.span.end_char]
    return [first + m.start(1) for m in re.finditer(r"\n[ \t]*((?:[-•*]|\d+[.)])[ \t]+\S)", body)]


def _is_heading(s: Sentence, text: str) -> bool:
    """A short line of its own without a full stop: "Third-Country Suppliers"."""
    line = s.text.strip()
    after = text[s.span.start_char + len(s.text.rstrip()) :][:1]
    return (
        "\n" not in line
        and after in ("", "\n", "\r")
        and len(line.split()) <= 8
        and line[-1:] not in '.:;!?"”'
    )
