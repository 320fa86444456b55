"""What is costly to ask a spaCy Doc again and again, asked once per document."""

from __future__ import annotations

from spacy.tokens import Doc


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy's Doc.text joins every token on each call, so
    asking it per sentence made a document's rules quadratic in its length."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]
