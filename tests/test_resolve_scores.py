"""Each join resolution makes keeps its rule and a score of how alike the two names are."""

from __future__ import annotations

from graph.blocking import initials, spells
from graph.extract.pipeline import Extractor
from graph.resolve import Resolver, join_score
from graph.schema import load_schema


def test_join_score_reads_initials_and_spellings() -> None:
    assert join_score("IRGC", "Islamic Revolutionary Guard Corps") == 1.0
    assert join_score("Putin", "Vladimir Putin") == 1.0
    assert 0.8 <= join_score("Zelensky", "Volodymyr Zelenskyy") < 1.0
    assert join_score("Lagos", "Vladimir Putin") < 0.5


def test_a_join_keeps_its_rule_and_score(extractor: Extractor) -> None:
    text = (
        "Case\n\nUkrainian President Volodymyr Zelenskyy spoke in Kyiv on Monday. "
        "Later, Zelensky said the talks would go on."
    )
    graph = Resolver(load_schema()).resolve(extractor.extract(text), "doc:c", {}, [])
    person = next(n for n in graph.nodes if n.name == "Volodymyr Zelenskyy")
    rules = person.properties["resolved_by"]
    assert any(r.startswith("transliteration: Zelensky → Volodymyr Zelenskyy (0.") for r in rules)


def test_a_number_in_a_name_is_spelled_whole() -> None:
    # "G7" is no short form of "Group of 77": they are two blocs, and had been joined
    assert initials("Group of 77") == "g77"
    assert not spells("G7", "Group of 77")
    assert spells("G77", "Group of 77") and spells("G7", "Group of 7")
    assert initials("Islamic Revolutionary Guard Corps") == "irgc"
