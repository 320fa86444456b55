"""SANCTIONED: "sanctions on A, B and C", "blockade by X", "X banned imports from Y"."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from graph.extract.designations import _modifier, of_members
from graph.extract.mentions import Mention, doc_text, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.clauses import clause_end
from graph.extract.relation_rules.context import (
    ACTOR_TYPES,
    Candidate,
    DocumentContext,
    Sentence,
)
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

REASON_BEFORE = re.compile(r"\b(?:over|for|because|after|amid|following)\b")


class Sanctioned(StatelessRule):
    name = "sanction-cue"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.measure_words = frozenset(data["measure_words"])
        self.ending = frozenset(data["ending_words"])
        self.demand = frozenset(data["demand_words"])
        self.judging = frozenset(data["judging_verbs"])
        self.regime_nouns = frozenset(data["regime_nouns"])
        self.regime_openers = frozenset(data["regime_openers"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.sanctioned(ctx.doc, s)

    def _ended(self, cue: Token) -> bool | None:
        """Whether the measure is ended ("announced the lifting of its embargo on X": True),
        or stands because a demand asks to end it ("called for the lifting of the United
        States embargo on Cuba", "a call to end the U.S. embargo": False); None where no
        ending word governs it."""
        ended = False
        for up in [*self._ending_before(cue), *list(cue.ancestors)[:5]]:
            lemma = up.lemma_.lower()
            if not ended:
                ended = lemma in self.ending or up.lower_ in self.ending
            elif lemma in self.demand:
                return not asserted(up, self.rules)
        return True if ended else None

    def _ending_before(self, cue: Token) -> list[Token]:
        """An ending word a few words before the measure in its own phrase, which the parser
        may not put above it ("issued a licence suspending for six months the sanctions on
        X": the sanctions hung on "issued"); none past a punctuation mark or another verb."""
        for tok in reversed(cue.doc[max(cue.sent.start, cue.i - 6) : cue.i]):
            if tok.lemma_.lower() in self.ending or tok.lower_ in self.ending:
                return [tok]
            if tok.is_punct or tok.pos_ in ("VERB", "AUX", "CCONJ"):
                return []
        return []

    def sanctioned(self, doc: Doc, s: Sentence) -> list[Candidate]:
        words = _cues(s, self.rules.sanction_cues)
        if not words:
            return []
        text = doc_text(doc)
        actors = [m for m in s.mentions if m.type in ACTOR_TYPES]
        out = []
        for cue in words:
            ended = self._ended(cue)
            if ended or (ended is None and not asserted(cue, self.rules)):
                continue  # "lifted sanctions", "refused to sanction", "may impose sanctions"
            cue_start, cue_end = cue.idx, cue.idx + len(cue)
            sources = self._sanction_sources(text, cue, actors)
            if not sources:
                continue
            source = sources[0]
            # targets: after "on/against/from" past the cue, or the country the sentence names
            targets: list[Mention] = []
            after = [a for a in actors if a.start >= cue_end and a is not source]
            window_end = min(
                clause_end(text, cue_end, s.span.end_char, stop_at_comma=False), _relative_end(cue)
            )
            m = _target_prep(text, cue, window_end)
            if m:  # people are not sanctioned by these patterns: too often the speaker
                lo = cue_end + m.start()
                # the list of targets ends where the reason or the occasion begins
                stop = re.compile(
                    r"\b(over|for|because|after|amid|following|to|in|which|that|as|alongside|with)\b"
                )
                cut = stop.search(text, lo + len(m.group(0)), window_end)
                window_end = cut.start() if cut else window_end
                # "announced restrictions on A, and OFAC has designated B": a new clause
                joins = [
                    t.idx
                    for t in doc[cue.i :]
                    if lo < t.idx < window_end and t.dep_ == "cc" and t.head.pos_ in ("VERB", "AUX")
                ]
                window_end = min([window_end, *joins])
                targets = [
                    a for a in after if lo <= a.start and a.end <= window_end and a.type != "Person"
                ]
            if not targets and cue_end < source.start:
                targets = [
                    a
                    for a in actors
                    if a.end <= cue_start and a is not source and a.type == "Country"
                ]
            if not targets:
                # "new Russian sanctions"; not the demonym of the source's own title
                # ("Russian President Vladimir Putin announced new sanctions")
                own = doc.char_span(source.start, source.end, alignment_mode="expand")
                lo = own.root.left_edge.idx if own is not None else source.start
                # a verb's objects are read by the designation rule: "has sanctioned Dodik,
                # the leader of the Bosnian Serbs" does not sanction Bosnia
                targets = [
                    a
                    for a in actors
                    if a.demonym
                    and a is not source
                    and a.type == "Country"
                    and not lo <= a.start < source.start
                    and (cue.pos_ != "VERB" or _modifies_object(cue, a))
                ]
            # "sanctions on Iranian officials", "UK sanctions Georgian ministry chiefs": the
            # state's people are targets, not the state
            targets = [t for t in targets if not (t.demonym and self._of_people(doc, t))]
            # "sanctions on three units of the Northern Command": the units, not the Command
            targets = [t for t in targets if not of_members(t, doc, cue)]
            # "the Myanmar military regime", "NATO ally Turkey", "Mexico-based entities": a
            # name that qualifies another noun is no target (a demonym still is: "Russian
            # oil", and so is an owner: "Venezuela's oil sector")
            targets = [
                t for t in targets if t.demonym or not _modifier(t, doc, ("compound", "nmod"))
            ]
            for src in sources:
                for t in unique_by_name(targets):
                    if t.name != src.name and t not in sources:
                        out.append(Candidate("SANCTIONED", src, t, s.index))
        return out

    def _of_people(self, doc: Doc, m: Mention) -> bool:
        """Whether a demonym qualifies people ("Iranian officials", "20 Georgian
        individuals", "Georgian interior ministry chiefs")."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root.head
        for _ in range(2):
            if (
                head.lower_ in self.rules.people_nouns
                or head.lemma_.lower() in self.rules.people_nouns
            ):
                return True
            if head.dep_ not in ("compound", "amod") or head.head.i == head.i:
                return False
            head = head.head
        return False

    def _regime_target(self, m: Mention, cue: Token) -> bool:
        """Whether a country right before the cue names a regime an article or an owner
        opens ("a new Iran sanctions regime", "its Russia sanctions programme")."""
        regime = cue.head if cue.dep_ == "compound" else None
        if m.demonym or m.type != "Country" or regime is None:
            return False
        return regime.lower_ in self.regime_nouns and any(
            c.dep_ in ("det", "poss") and c.lower_ in self.regime_openers for c in regime.children
        )

    def _sanction_sources(self, text: str, cue: Token, actors: list[Mention]) -> list[Mention]:
        """Who imposes: "blockade by X", "X's sanctions", "US sanctions", "X banned ...",
        "X (and Y) imposed sanctions"."""
        cue_start, cue_end = cue.idx, cue.idx + len(cue)
        by = re.match(r"\s*(?:\w+\s+){0,2}?by\s+(?:the\s+)?", text[cue_end : cue_end + 40])
        if by:
            hit = [a for a in actors if a.start == cue_end + by.end() and not a.demonym]
            if hit:
                return hit
        doc = cue.doc
        for a in reversed([a for a in actors if a.end <= cue_start]):
            between = text[a.end : cue_start]
            # the measure's own words only, opening with none of their joints ("Ukraine and
            # economic sanctions on X": Ukraine imposes nothing)
            words = [w for w in re.split(r"[\s,]+", between) if w]
            if all(w in self.measure_words for w in words) and words[:1] != ["and"]:
                if not words and self._regime_target(a, cue):
                    return []  # "a new Iran sanctions regime": Iran is no imposer
                return [a]  # "US sanctions", "the U.S. economic, commercial and financial embargo"
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            owner = span.root if span is not None else None
            if (
                owner is not None
                and owner.dep_ == "poss"
                and (owner.head == cue or owner.head in list(cue.ancestors)[:4])
            ):
                return [a]  # "the United States' military aid ... and economic sanctions"
        verb = cue if cue.pos_ == "VERB" else None
        noun = cue
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "adopted its 12th package of sanctions against Russia"
        if verb is None and noun.dep_ in ("dobj", "obj", "nsubjpass") and noun.head.pos_ == "VERB":
            verb = noun.head  # "X imposed sanctions on Y"
        if verb is None or verb.lemma_.lower() in self.judging:
            return []  # "X's address criticised sanctions against Y": X imposes nothing
        found: list[Mention] = []
        for c in (c for c in verb.children if c.dep_ == "nsubj"):
            lo, hi = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
            found += [a for a in actors if lo <= a.start and a.end <= hi and not a.demonym]
        return unique_by_name(found)


def _target_prep(text: str, cue: Token, window_end: int) -> re.Match[str] | None:
    """The preposition after the cue that opens its targets: "sanctions of X" names a
    target, "sanctioned Dodik, the leader of the Bosnian Serbs" does not; past the reason
    none does ("sanctioned X for acting on behalf of Y", "sanctions over the attacks on Z")."""
    cue_end = cue.idx + len(cue)
    preps = r"\b(on|against|from)\b" if cue.pos_ == "VERB" else r"\b(on|against|from|of)\b"
    m = re.search(preps, text[cue_end:window_end])
    if m and REASON_BEFORE.search(text[cue_end : cue_end + m.start()]):
        return None
    return m


def _modifies_object(verb: Token, m: Mention) -> bool:
    """Whether a demonym qualifies the verb's own object ("sanctioned Iranian entities"), not a
    word further down it ("sanctioned Dodik, the leader of the Bosnian Serbs")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objects += [k for o in objects for k in o.conjuncts]
    return any(t.head in objects for t in verb.doc if m.start <= t.idx < m.end)


def _cues(s: Sentence, cue_words: frozenset[str]) -> list[Token]:
    """The sentence's sanctions words, none inside a person's name: "Ban Ki-moon" and his
    short form "Ban's remarks" impose nothing."""
    people = [(m.start, m.end) for m in s.mentions if m.type == "Person"]
    return [
        t
        for t in s.span
        if t.lower_ in cue_words and not any(lo <= t.idx < hi for lo, hi in people)
    ]


def _relative_end(cue: Token) -> int:
    """Where the relative clause that holds the cue closes: "the presence of X, who remained
    subject to U.S. sanctions at the time, and of Y's delegation": Y is past the clause and
    no target (the targets of a cue in a relative clause are in that clause)."""
    for up in list(cue.ancestors)[:4]:
        if up.dep_ == "relcl":
            last = up.right_edge
            return last.idx + len(last)
    return len(cue.doc.text)
