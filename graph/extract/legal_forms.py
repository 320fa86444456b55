"""A name the model read as a person that ends in a company's legal form ("Director, Haleel
Commodities LTD (Uganda)", "Shoon Energy Pte. Ltd."): no person carries one, so it is the
company. One end check; the legal forms are rules.toml [companies] suffixes, matched in
capitals too ("LTD", "LIMITED")."""

from __future__ import annotations

from graph.extract.mentions import Mention


def companies_read_as_people(mentions: list[Mention], suffixes: frozenset[str]) -> None:
    """Retypes each Person mention whose last word is a legal form as an Institution."""
    forms = {f.upper().rstrip(".") for f in suffixes if len(f.rstrip(".")) >= 3}
    for m in mentions:
        words = m.name.split()
        if m.type == "Person" and len(words) >= 2 and words[-1].upper().rstrip(".") in forms:
            written = " ".join(m.text.split())  # "LTD" as written, not the person's "Ltd"
            m.type = "Institution"
            if written.upper() == m.name.upper():
                m.name = written
