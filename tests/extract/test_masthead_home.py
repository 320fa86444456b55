"""A release's masthead says whose it is (graph/extract/masthead_home.py): "Ministry of
Foreign Affairs of Japan" over a tour of Ghana and Kenya is Japan's, "Ministry of Foreign
Affairs" over a line "Islamabad" is Pakistan's. Hand-built mentions, no model."""

from __future__ import annotations

from graph.extract.masthead_home import capital_lines, state_of_body_name
from graph.extract.mentions import Mention
from graph.extract.pipeline import home_country
from graph.extract.tables import load_gazetteer


def _at(text: str, written: str, type_: str, name: str | None = None) -> Mention:
    start = text.index(written)
    return Mention(type_, written, name or written, start, start + len(written), 0, "pattern")


def test_a_body_of_a_state_is_that_state_s() -> None:
    gaz = load_gazetteer()
    assert state_of_body_name("Ministry of Foreign Affairs of Japan", gaz).name == "Japan"
    assert state_of_body_name("Embassy of India in Washington", gaz).name == "India"
    assert state_of_body_name("Government of India", gaz).name == "India"


def test_a_body_of_no_state_says_none() -> None:
    gaz = load_gazetteer()
    assert state_of_body_name("Council of the European Union", gaz) is None
    assert state_of_body_name("Organization of American States", gaz) is None
    assert state_of_body_name("Ministry of Foreign Affairs", gaz) is None
    assert state_of_body_name("United Nations Verification Mission in Colombia", gaz) is None


def test_the_masthead_s_state_comes_before_the_states_visited() -> None:
    text = (
        "Ministry of Foreign Affairs of Japan\n\nVisit to the Republic of Ghana and the "
        "Republic of Kenya by Prime Minister Kishida\n"
    )
    mentions = [
        _at(text, "Ministry of Foreign Affairs of Japan", "Institution"),
        _at(text, "Ghana", "Country"),
        _at(text, "Kenya", "Country"),
    ]
    assert home_country(mentions, load_gazetteer(), text) == "Japan"


def test_a_capital_under_the_masthead_is_its_seat() -> None:
    text = "Ministry of Foreign Affairs\nIslamabad\n\nWeekly briefing on Belarus and Russia\n"
    mentions = [
        _at(text, "Ministry of Foreign Affairs", "Institution"),
        _at(text, "Belarus", "Country"),
    ]
    assert home_country(mentions, load_gazetteer(), text) == "Pakistan"


def test_a_capital_within_a_sentence_is_no_seat() -> None:
    head = "Talks in Islamabad\n\nThe delegation met in Islamabad on Monday.\n"
    assert capital_lines(head, load_gazetteer()) == []
    text = "Ministry of Foreign Affairs\n\nThe minister will visit Islamabad and Belarus.\n"
    mentions = [
        _at(text, "Ministry of Foreign Affairs", "Institution"),
        _at(text, "Belarus", "Country"),
    ]
    assert home_country(mentions, load_gazetteer(), text) == "Belarus"
