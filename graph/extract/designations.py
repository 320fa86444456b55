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

from spacy.tokens import Doc, Token

from graph.extract.mentions import Mention, doc_text
from graph.extract.negation import asserted
from graph.extract.tables import Rules

# where the list of targets ends and the reason or the occasion begins
REASONS = frozenset(
    {"over", "for", "because", "after", "amid", "following", "to", "in", "under", "pursuant"}
)
LISTERS = ("Institution", "Country")
LISTED = ("Institution", "Country", "Person")


def _inside(mentions: Iterable[Mention], tok: Token, types: tuple[str, ...]) -> list[Mention]:
    """The mentions within a token's subtree, outside any relative clause it holds."""
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    cut = [
        c
        for c in tok.subtree
        if c is not tok
        and (c.dep_ in ("relcl", "acl") or (c.dep_ == "prep" and c.lower_ in REASONS))
    ]
    if cut:
        hi = min(hi, min(c.left_edge.idx for c in cut))
    doc = tok.doc
    out = []
    for m in mentions:
        if not (lo <= m.start and m.end <= hi and m.type in types):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("compound", "amod", "nmod", "poss"):
            continue  # "its Burma sanctions list": a modifier, not a target
        out.append(m)
    return out


def _headed(tok: Token, mentions: Iterable[Mention], types: tuple[str, ...]) -> list[Mention]:
    """The actors a subject is about: its head word and the head's conjuncts, not the bodies
    named in its modifiers ("the Treasury's Office of ..." is the Office)."""
    heads = [tok, *tok.conjuncts]
    return [m for m in mentions for h in heads if m.start <= h.idx < m.end and m.type in types]


def _possessed(m: Mention, mentions: Iterable[Mention], text: str) -> Mention:
    """ "the Department of the Treasury's Office of Foreign Assets Control designated ...":
    the body a subject possesses is the one that acts."""
    for other in mentions:
        if other.type == "Institution" and re.fullmatch(r"['’]s\s+", text[m.end : other.start]):
            return other
    return m


class Designations:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    def _is_cue(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma not in self.rules.designation_verbs or tok.pos_ not in ("VERB", "AUX"):
            return False
        if lemma in ("add", "identify", "target", "impose", "block", "freeze"):
            # "added X to the list", "imposed sanctions on": only with a listing word nearby
            window = tok.doc[tok.i : min(len(tok.doc), tok.i + 14)]
            return any(t.lower_ in self.rules.list_words or t.lower_ == "ban" for t in window)
        return True

    def find(self, doc: Doc, sentences: list) -> list[tuple[Mention, Mention, int, str, float]]:
        """(source, target, sentence index, rule, confidence) for every designation."""
        out: list[tuple[Mention, Mention, int, str, float]] = []
        designator: list[Mention] = []
        for s in sentences:
            actors = s.mentions
            for tok in s.span:
                if not self._is_cue(tok) or not asserted(tok, self.rules):
                    continue
                subjects = [c for c in tok.children if c.dep_ == "nsubj"]
                passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
                agents = [c for c in tok.children if c.dep_ == "agent"]
                sources: list[Mention] = []
                for c in subjects:
                    sources += [m for m in _headed(c, actors, LISTERS) if not m.demonym]
                sources = [_possessed(m, actors, doc_text(doc)) for m in sources]
                for c in agents:
                    sources += [m for m in _inside(actors, c, LISTERS) if not m.demonym]
                if subjects and sources and not designator:
                    designator = sources[:1]
                targets: list[Mention] = []
                for c in tok.children:
                    if c.dep_ in ("dobj", "obj") or (c.dep_ == "prep" and c.lower_ == "on"):
                        targets += _inside(actors, c, LISTED)
                for c in passive:
                    targets += _inside(actors, c, LISTED)
                by = sources or (designator if passive else [])
                rule = "designation-passive" if passive else "designation"
                for src in by:
                    for t in targets:
                        if t.name != src.name and not t.demonym:
                            out.append((src, t, s.index, rule, 0.85))
            out += self._under(s)
        out += self._lists(doc, sentences, designator)
        return out

    def _under(self, s) -> list[tuple[Mention, Mention, int, str, float]]:  # noqa: ANN001
        """ "Kestrel Shipping remains under U.S. sanctions": the subject is a target of the
        state or body that modifies "sanctions"."""
        out = []
        for tok in s.span:
            if tok.lower_ not in ("sanctions", "sanction") or tok.head.lower_ != "under":
                continue
            verb = tok.head.head
            if not asserted(verb, self.rules):
                continue
            lo, hi = tok.left_edge.idx, tok.idx
            sources = [m for m in s.mentions if lo <= m.start < hi and m.type in LISTERS]
            for c in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
                for t in _headed(c, s.mentions, LISTED):
                    out += [(src, t, s.index, "under-sanctions", 0.7) for src in sources]
        return out

    def _lists(
        self, doc: Doc, sentences: list, designator: list[Mention]
    ) -> list[tuple[Mention, Mention, int, str, float]]:
        """Items under a designation heading or after an announcing line: each item's
        first actor, listed by the document's designator."""
        if not designator:
            return []
        text = doc_text(doc)
        out = []
        in_list = intro = False
        for s in sentences:
            line = s.text.strip()
            if line and line.upper() == line and re.search(r"[A-Z]{3}", line):
                in_list = bool(self.rules.section_heading.search(line)) and not bool(
                    self.rules.section_end.search(line)
                )
                intro = False
                continue
            if self.rules.list_intro.search(line):
                in_list = intro = True
                continue
            if not in_list:
                continue
            line_start = text.rfind("\n", 0, s.span.start_char) + 1
            if text[line_start : s.span.start_char].strip(" -•*\t"):
                continue  # not the start of an item
            if intro and line[:1] not in "-•*" and len(line) > 200:
                in_list = intro = False  # prose again after a list of short items
                continue
            first = next((m for m in s.mentions if m.type in LISTED), None)
            if first is None or first.demonym or first.start - s.span.start_char > 4:
                continue
            for src in designator:
                if first.name != src.name:
                    out.append((src, first, s.index, "designation-list", 0.8))
        return out
