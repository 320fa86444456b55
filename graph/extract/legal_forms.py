"""A name the model read as a person that ends in a company's legal form ("Director, Haleel
Commodities LTD (Uganda)", "Shoon Energy Pte. Ltd."): no person carries one, so it is the
company. One end check; the legal forms are rules.toml [companies] suffixes, matched in
capitals too ("LTD", "LIMITED"). A firm named without its legal form ends as often on a
word no person's name ends on ("Haleel Holdings (Cyprus)", "Lynas Rare Earths"):
[companies] name_heads, matched as written."""

from __future__ import annotations

from graph.extract.mentions import Mention


def companies_read_as_people(
    mentions: list[Mention], suffixes: frozenset[str], heads: frozenset[str] = frozenset()
) -> None:
    """Retypes each Person mention whose last word is a legal form, or a firm's head word
    as written (`heads`), as an Institution."""
    forms = {f.upper().rstrip(".") for f in suffixes if len(f.rstrip(".")) >= 3}
    for m in mentions:
        words = m.name.split()
        if m.type != "Person" or len(words) < 2:
            continue
        if words[-1].upper().rstrip(".") in forms or words[-1] in heads:
            written = " ".join(m.text.split())  # "LTD" as written, not the person's "Ltd"
            m.type = "Institution"
            if written.upper() == m.name.upper():
                m.name = written
