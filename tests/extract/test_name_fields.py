"""Name fields of list notices and a heading's full names (graph/extract/name_fields.py).
Plain strings, no model."""

from __future__ import annotations

from graph.extract.name_fields import name_field_entries, surname_of


def test_a_name_field_is_read_surname_first() -> None:
    text = "1. SSID: 200-1\n   Name: Bagheri, Mohammad Hossein\n   Title: Major General\n"
    ((start, end, surname, given),) = list(name_field_entries(text))
    assert (surname, given) == ("Bagheri", "Mohammad Hossein")
    assert text[start:end] == "Bagheri, Mohammad Hossein"


def test_other_fields_and_bodies_are_no_name_field() -> None:
    text = "   Address: Tehran, Iran\n   Name: Shahed Aviation Industries Research Center\n"
    assert list(name_field_entries(text)) == []


def test_a_surname_of_a_heading_s_full_name() -> None:
    assert surname_of("blinken", "antony j. blinken")
    assert surname_of("austin", "lloyd j. austin iii")
    assert not surname_of("ankara", "why ankara")  # a headline's words, no given name
    assert not surname_of("antony", "antony j. blinken")
    assert not surname_of("blinken", "blinken")
