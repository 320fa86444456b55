"""Hand-built spaCy `Doc`s for rule tests that need no model.

A case gives the text, one line per token with its hand-given parse, and the mentions the
rule sees; `build` makes the `Doc` on a blank English vocabulary (no model is loaded) and
the `DocumentContext` a relation rule reads. The parse format, one token a line:

    i  word  TAG[:POS]  head  dep  [lemma]

`i` counts from 0 (checked, so a line cannot slip); `head` is the index of the token's head,
a root is its own head; POS follows from the Penn tag unless given after a colon
("has VBZ:AUX"); the lemma defaults to the lower-cased word. Words are found in the text in
order, so the spaces between them come from the text itself.

A mention is `[text, type]` or a table `{text, type, name, nth, source, demonym, props}`
(`nth`: which occurrence of `text`, from 1). `event` names the mention every sentence is
about (the document's own event too).

To start a case from the model's parse (then check it by hand, it is the test's input):
    PYTHONPATH=. python -m tests.extract.handmade "The sentence."
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules

# Penn Treebank tag -> universal POS, for the tags a hand-written parse uses
# fmt: off
POS_OF_TAG = {
    "CC": "CCONJ", "CD": "NUM", "DT": "DET", "EX": "PRON", "IN": "ADP", "JJ": "ADJ",
    "JJR": "ADJ", "JJS": "ADJ", "MD": "AUX", "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN",
    "NNPS": "PROPN", "PDT": "DET", "POS": "PART", "PRP": "PRON", "PRP$": "PRON",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "TO": "PART", "VB": "VERB",
    "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
    "WDT": "PRON", "WP": "PRON", "WP$": "PRON", "WRB": "ADV", ".": "PUNCT", ",": "PUNCT",
    ":": "PUNCT", "``": "PUNCT", "''": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT",
    "HYPH": "PUNCT", "NFP": "PUNCT", "$": "SYM",
}
# fmt: on
_VOCAB: list[Vocab] = []


def blank_vocab() -> Vocab:
    """The blank English vocabulary (tokenizer rules only, no trained pipeline), shared."""
    if not _VOCAB:
        _VOCAB.append(spacy.blank("en").vocab)
    return _VOCAB[0]


@dataclass
class Token:
    word: str
    tag: str
    pos: str
    head: int
    dep: str
    lemma: str


def parse_lines(parse: str) -> list[Token]:
    out = []
    for line in (ln for ln in parse.strip().splitlines() if ln.strip()):
        i, word, tag, head, dep, *lemma = line.split()
        if int(i) != len(out):
            raise ValueError(f"token {len(out)} is numbered {i}: {line!r}")
        tag, _, pos = tag.partition(":")
        pos = pos or POS_OF_TAG[tag]
        out.append(Token(word, tag, pos, int(head), dep, lemma[0] if lemma else word.lower()))
    return out


def _spaces(text: str, words: list[str]) -> list[bool]:
    """Whether a space follows each word, read off the text the words are found in."""
    at, starts = 0, []
    for w in words:
        found = text.find(w, at)
        if found < 0 or text[at:found].strip():
            raise ValueError(f"{w!r} is not the next word of the text after {text[:at]!r}")
        starts.append(found)
        at = found + len(w)
    if text[at:].strip():
        raise ValueError(f"the parse ends before the text does: {text[at:]!r}")
    return [text[s + len(w) : s + len(w) + 1] == " " for s, w in zip(starts, words, strict=True)]


def make_doc(text: str, parse: str) -> Doc:
    tokens = parse_lines(parse)
    words = [t.word for t in tokens]
    doc = Doc(
        blank_vocab(),
        words=words,
        spaces=_spaces(text, words),
        tags=[t.tag for t in tokens],
        pos=[t.pos for t in tokens],
        heads=[t.head for t in tokens],
        deps=[t.dep for t in tokens],
        lemmas=[t.lemma for t in tokens],
    )
    if doc.text != text:
        raise ValueError(f"the parse spells {doc.text!r}, not {text!r}")
    return doc


def make_mention(doc: Doc, spec: list[Any] | dict[str, Any]) -> Mention:
    spec = spec if isinstance(spec, dict) else {"text": spec[0], "type": spec[1]}
    written, at = spec["text"], -1
    for _ in range(spec.get("nth", 1)):
        at = doc.text.find(written, at + 1)
        if at < 0:
            raise ValueError(f"mention {written!r} is not in the text")
    if doc.char_span(at, at + len(written)) is None:
        raise ValueError(f"mention {written!r} does not start and end on token edges")
    return Mention(
        spec["type"],
        written,
        spec.get("name", written),
        at,
        at + len(written),
        next(i for i, span in enumerate(doc.sents) if span.start_char <= at < span.end_char),
        spec.get("source", "handmade"),
        props=dict(spec.get("props", {})),
        demonym=spec.get("demonym", False),
    )


def build(case: dict[str, Any], rules: Rules, gaz: Gazetteer) -> DocumentContext:
    """The context a relation rule reads for one hand-built case."""
    doc = make_doc(case["text"], case["parse"])
    spans = list(doc.sents)
    mentions = sorted(
        (make_mention(doc, m) for m in case.get("mentions", [])), key=lambda m: m.start
    )
    paragraphs = case.get("paragraphs", [0] * len(spans))
    sentences = [
        Sentence(i, span, paragraphs[i], [m for m in mentions if m.sent == i])
        for i, span in enumerate(spans)
    ]
    event = (
        next((m for m in mentions if m.name == case["event"]), None) if "event" in case else None
    )
    return DocumentContext(
        doc=doc,
        text=doc.text,
        rules=rules,
        gaz=gaz,
        sentences=sentences,
        body=sentences,
        head=[],
        event_of={s.index: event for s in sentences} if event else {},
        main_event=event,
        home=None,
    )


def dump(text: str) -> str:
    """The model's parse of `text` in the case format: a start for a case, to be checked."""
    from graph.config import Settings

    nlp = spacy.load(Settings().spacy_model)
    doc = nlp(text)
    rows = []
    for t in doc:
        tag = t.tag_ if POS_OF_TAG.get(t.tag_) == t.pos_ else f"{t.tag_}:{t.pos_}"
        lemma = "" if t.lemma_.lower() == t.lower_ else t.lemma_
        rows.append(f"{t.i:<3}{t.text:<14}{tag:<10}{t.head.i:<4}{t.dep_:<10}{lemma}".rstrip())
    return "\n".join(rows)


if __name__ == "__main__":
    print(dump(" ".join(sys.argv[1:])))
