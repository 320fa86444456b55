"""The demonym table is read from maintained sources (countryinfo, then the CIA World
Factbook's nationality adjectives), not typed here: what an analyst's text writes before a
title must name the state, and an adjective of two states names neither."""

from __future__ import annotations

import pytest

from graph.extract.tables import _factbook_forms, load_gazetteer


@pytest.mark.parametrize(
    ("adjective", "country"),
    [
        ("Philippine", "Philippines"),
        ("Argentine", "Argentina"),
        ("Slovenian", "Slovenia"),
        ("Djiboutian", "Djibouti"),
        ("Icelandic", "Iceland"),
        ("Kenyan", "Kenya"),
    ],
)
def test_state_adjectives_name_their_state(adjective: str, country: str) -> None:
    place = load_gazetteer().demonyms[adjective]
    assert (place.type, place.name) == ("Country", country)


def test_an_adjective_two_states_write_names_neither() -> None:
    assert "Korean" not in load_gazetteer().demonyms


def test_factbook_fields_are_read_into_forms() -> None:
    assert _factbook_forms("Filipino(s)") == ["Filipino"]
    assert _factbook_forms("Barbadian or Bajan (colloquial)") == ["Barbadian", "Bajan"]
    assert _factbook_forms("Swati; note - former term, Swazi, still used") == ["Swati"]
    assert _factbook_forms("none") == []
