"""What is costly to ask a spaCy Doc again and again, asked once per document."""

from __future__ import annotations

from collections.abc import Collection

from spacy.attrs import IDX, LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

_TEXT = "text"  # doc.user_data: the document's text


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy's Doc.text joins every token on each call, so
    asking it per sentence made a document's rules quadratic in its length."""
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return doc.user_data[_TEXT]


def remember_text(doc: Doc, text: str) -> Doc:
    """Keeps the text a doc was tokenized from as its text, before any component asks:
    spaCy's tokenizer never changes a character (doc.text == text), and building Doc.text
    once more makes a Token object for every token of the document."""
    doc.user_data[_TEXT] = text
    return doc


_TEXTS = "token_texts"  # doc.user_data: every token's text, in order
_LOWERS = "token_lowers"  # doc.user_data: every token's lower-case form, in order
_LEMMAS = "token_lemmas"  # doc.user_data: every token's lemma, lower-cased, in order
_STARTS = "token_starts"  # doc.user_data: every token's first character offset, in order
_ENDS = "token_ends"  # doc.user_data: every token's end offset, in order


# a token attribute's hash -> its string (and, for lemmas, lower-cased), for the process's
# lifetime: a hash always names the same string, and the string store, which already holds
# every one of them, answers a lookup several times slower than a dict
_STRING_OF: dict[int, str] = {}
_LOWERED_OF: dict[int, str] = {}


def _strings(doc: Doc, attr: int, lowered: bool = False) -> list[str]:
    """One string attribute of every token (lower-cased if asked), read as one array:
    asking each Token costs a string-store lookup per token and per question."""
    strings = doc.vocab.strings
    known = _LOWERED_OF if lowered else _STRING_OF
    out = []
    for key in doc.to_array(attr).tolist():
        word = known.get(key)
        if word is None:
            word = known[key] = strings[key].lower() if lowered else strings[key]
        out.append(word)
    return out


def token_texts(doc: Doc) -> list[str]:
    """`[t.text for t in doc]`, built once per document (no component changes a token's
    text)."""
    if _TEXTS not in doc.user_data:
        doc.user_data[_TEXTS] = _strings(doc, ORTH)
    return doc.user_data[_TEXTS]


def token_lowers(doc: Doc) -> list[str]:
    """`[t.lower_ for t in doc]`, built once per document (after the parse: no component
    changes a token's text)."""
    if _LOWERS not in doc.user_data:
        doc.user_data[_LOWERS] = _strings(doc, LOWER)
    return doc.user_data[_LOWERS]


def token_lemmas(doc: Doc) -> list[str]:
    """`[t.lemma_.lower() for t in doc]`, built once per document; ask it only after the
    lemmatizer has run (the relation rules do)."""
    if _LEMMAS not in doc.user_data:
        doc.user_data[_LEMMAS] = _strings(doc, LEMMA, lowered=True)
    return doc.user_data[_LEMMAS]


def token_starts(doc: Doc) -> list[int]:
    """`[t.idx for t in doc]`, built once per document: rising (no token is empty), so a
    character offset's token is found by bisection."""
    if _STARTS not in doc.user_data:
        doc.user_data[_STARTS] = doc.to_array(IDX).tolist()
    return doc.user_data[_STARTS]


def token_ends(doc: Doc) -> list[int]:
    """`[t.idx + len(t) for t in doc]`, built once per document (rising too)."""
    if _ENDS not in doc.user_data:
        texts = token_texts(doc)
        doc.user_data[_ENDS] = [i + len(texts[k]) for k, i in enumerate(token_starts(doc))]
    return doc.user_data[_ENDS]


def tokens_with(
    span: Span, lowers: Collection[str] = (), lemmas: Collection[str] = ()
) -> list[Token]:
    """The span's tokens, in order, whose lower-case form is one of `lowers` or whose
    lemma (lower-cased) is one of `lemmas`: what a rule that skips every other token would
    look at, found without building a Token for each."""
    doc = span.doc
    low = token_lowers(doc)
    lem = token_lemmas(doc) if lemmas else low
    return [
        doc[i]
        for i in range(span.start, span.end)
        if low[i] in lowers or (lemmas and lem[i] in lemmas)
    ]
