"""A name the model labels an organisation is a person's when its first word is a given name
(gender-guesser's table) and no word of it is a place, a role or a word of a body's name.

The model's labels are the input here: each text is parsed by the model, then the span is
given the label ORG as the model gives it to some people's names ("Joko Widodo" in a table
row), and the mention layer decides. Texts written for these tests.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from graph.extract.pipeline import Extractor

CASES = [
    # (text, span the model calls ORG, type the mention layer must give, or None for no Person)
    ("Talks with Volodymyr Hrytsenko ended without a statement.", "Volodymyr Hrytsenko", "Person"),
    ("| Indonesia | Joko Prasetyo | President |", "Joko Prasetyo", "Person"),
    ("The primary was won by Maria Luisa Ferrante last year.", "Maria Luisa Ferrante", "Person"),
    # negatives: a body, a city, a country, a palace whose first word is also a given name
    ("Shares of General Motors fell on Monday.", "General Motors", None),
    ("Delegates flew to Abu Dhabi for the talks.", "Abu Dhabi", None),
    ("The Marshall Islands signed the pact.", "Marshall Islands", None),
    ("The statement came from El Mouradia on Sunday.", "El Mouradia", None),
    ("The Victoria Falls Authority objected.", "Victoria Falls Authority", None),
]


@pytest.mark.parametrize(("text", "name", "expected"), CASES, ids=[c[1] for c in CASES])
def test_org_span_opening_with_a_given_name(
    extractor: Extractor, text: str, name: str, expected: str | None
) -> None:
    doc = extractor.nlp(text)
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    doc.set_ents([Span(doc, span.start, span.end, label="ORG")], default="outside")
    mentions, _ = extractor.mentions.find(doc)
    types = {m.type for m in mentions if m.name == name or name.endswith(m.name)}
    if expected is None:
        assert "Person" not in types
    else:
        assert expected in types
