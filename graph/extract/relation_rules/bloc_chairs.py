"""PART_OF of a state in a bloc whose rotating chair it holds, takes or hands on: only a
member chairs a bloc. "Indonesia's chairmanship of ASEAN", "Indonesia took over the
chairmanship of ASEAN from Cambodia" (both), "the Philippines would take over the ASEAN
chairmanship", "Laos, which chaired ASEAN in 2024". Not a forum's "presidency" ("Brazil's
G20 presidency": its host year). The state is a country mention, the bloc an institution mention; the chair of a
body inside a bloc ("the chairmanship of the Council of the European Union") is the bloc's
when the body is named "of" it. A denied or hedged chair asserts nothing. Cue words are in
bloc_chairs.toml; memberships.py reads joining, membership and suspension."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.memberships import _antecedent, _of_objects, _subjects
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class BlocChairs(StatelessRule):
    name = "bloc-chair"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.nouns = set(data["chair_nouns"])
        self.seats = set(data["seat_nouns"])
        self.seat_verbs = set(data["seat_verbs"])
        self.verbs = set(data["chair_verbs"])
        self.handover = set(data["handover_preps"])
        self.organ_heads = set(data["organ_heads"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        at = s.mention_at
        out: list[Candidate] = []
        seen: set[tuple[str, str]] = set()
        for tok in tokens_with(s.span, self.nouns | self.seats, self.verbs):
            if tok.lower_ in self.nouns and tok.pos_ in ("NOUN", "PROPN") or self._seat(tok):
                blocs, states = self._chair_noun(tok)
            elif tok.lemma_.lower() in self.verbs and tok.pos_ == "VERB":
                blocs, states = self._chair_verb(tok)
            else:
                continue
            if not asserted(tok, self.rules):
                continue
            bloc = _outermost_bloc([at.get(b.i) for b in blocs])
            if bloc is None or self._organ(bloc):
                continue
            for st in states:
                state = _state_at(st, at)
                if state is not None and (state.name, bloc.name) not in seen:
                    seen.add((state.name, bloc.name))
                    out.append(Candidate("PART_OF", state, bloc, s.index))
        return out

    def _chair_noun(self, noun: Token) -> tuple[list[Token], list[Token]]:
        """The bloc "of" the chair or before it ("the ASEAN chairmanship"); the state that
        owns it ("Indonesia's"), takes or holds it (the subject of "took over the
        chairmanship"), and the state it passes from or to."""
        blocs = _of_chain(noun)
        blocs += [c for c in noun.children if c.dep_ in ("compound", "nmod")]
        states = [c for c in noun.children if c.dep_ == "poss"]
        if noun.dep_ in ("dobj", "obj"):
            verb = noun.head
            states += _subjects(verb)
            states += list(self._handed(verb))
        states += [t for b in blocs for t in self._handed(b)]
        states += list(self._handed(noun))
        return blocs, states

    def _seat(self, noun: Token) -> bool:
        """ "holds the ASEAN chair": a chair that is held or taken, not a person who chairs."""
        return (
            noun.lower_ in self.seats
            and noun.dep_ in ("dobj", "obj")
            and noun.head.lemma_.lower() in self.seat_verbs
        )

    def _chair_verb(self, verb: Token) -> tuple[list[Token], list[Token]]:
        """ "Laos, which chaired ASEAN", "Malaysia will chair the bloc": the subject chairs
        the object."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        blocs = [t for o in objects for t in (_antecedent(o), *_of_chain(o))]
        return blocs, _subjects(verb)

    def _organ(self, bloc: Mention) -> bool:
        """ "the Council of the European Union": an organ named "of" its bloc."""
        head, of, _ = bloc.name.partition(" of ")
        return bool(of) and head.split()[-1].lower() in self.organ_heads

    def _handed(self, tok: Token) -> Iterator[Token]:
        """ "from Cambodia", "to Laos": the state a chair passes from or to."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in self.handover:
                for p in c.children:
                    if p.dep_ == "pobj":
                        yield from (p, *p.conjuncts)


def _of_chain(tok: Token) -> list[Token]:
    """ "the chairmanship of the Council of the European Union": each "of" object in turn."""
    out: list[Token] = []
    frontier = [tok]
    while frontier and len(out) < 4:
        frontier = [_antecedent(p) for t in frontier for p in _of_objects(t)]
        out += frontier
    return out


def _outermost_bloc(found: list[Mention | None]) -> Mention | None:
    """The last bloc of an "of" chain: the Council of the European Union is chaired by a
    member of the European Union."""
    blocs = [m for m in found if m is not None and m.type == "Institution" and not m.demonym]
    return blocs[-1] if blocs else None


def _state_at(tok: Token, at: dict[int, Mention]) -> Mention | None:
    """The country a token stands in; for a "which" whose clause the parse hung on the
    name before "of" and a country ("Siphandone of Laos, which chaired ASEAN"), that
    country, which ends the phrase before the comma."""
    m = at.get(tok.i)
    if m is not None and m.type == "Country" and not m.demonym:
        return m
    doc, i = tok.doc, tok.i + 1
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    end = i + 1
    while end < len(doc) and doc[end].text != ",":
        end += 1
    country = at.get(end - 1) if end < len(doc) else None
    if country is not None and country.type == "Country" and not country.demonym:
        return country if at.get(i + 1) is country or doc[i + 1].lower_ == "the" else None
    return None
