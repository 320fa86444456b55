"""Coordinated titles (graph/extract/coordinated_titles.py): two posts joined by "and"
split, a post named by two fields does not."""

import pytest

from graph.extract.coordinated_titles import TitleSplitter
from graph.extract.tables import load_rules


@pytest.fixture(scope="module")
def splitter() -> TitleSplitter:
    return TitleSplitter(load_rules().role_nouns)


@pytest.mark.parametrize(
    ("role", "titles"),
    [
        ("Crown Prince and Prime Minister", ["Crown Prince", "Prime Minister"]),
        (
            "Prime Minister and Minister of Foreign Affairs",
            ["Prime Minister", "Minister of Foreign Affairs"],
        ),
        (
            "a minister of state and a former defence chief",
            ["Minister of state", "Former defence chief"],
        ),
        ("Minister of Trade and Industry", ["Minister of Trade and Industry"]),
        (
            "Minister for Foreign Affairs and Regional Integration",
            ["Minister for Foreign Affairs and Regional Integration"],
        ),
        ("Minister of Commerce and General Affairs", ["Minister of Commerce and General Affairs"]),
        ("President", ["President"]),
    ],
)
def test_split(splitter: TitleSplitter, role: str, titles: list[str]) -> None:
    assert splitter.split(role) == titles
