"""What is costly to ask a spaCy Doc again and again, asked once per document."""

from __future__ import annotations

from spacy.tokens import Doc

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
