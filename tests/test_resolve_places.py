"""A place the grammar placed and a person the model alone saw under the same name are one
place; a person named with a title stays the person."""

from __future__ import annotations

from graph.extract.mentions import Mention
from graph.resolve import Resolver
from graph.schema import load_schema


def _mention(type_: str, name: str, start: int, source: str) -> Mention:
    return Mention(type_, name, name, start, start + len(name), 0, source)


def test_a_placed_name_the_model_calls_a_person_is_the_place() -> None:
    clusters = Resolver(load_schema())._cluster(
        [_mention("City", "Nusa Dua", 0, "ner-place"), _mention("Person", "Nusa Dua", 40, "person")]
    )
    assert [(c.type, c.name, len(c.mentions)) for c in clusters] == [("City", "Nusa Dua", 2)]
    assert "type: Nusa Dua is a place" in clusters[0].rules


def test_a_titled_person_is_not_taken_for_the_place() -> None:
    clusters = Resolver(load_schema())._cluster(
        [
            _mention("City", "Ruto", 0, "ner-place"),
            _mention("Person", "Ruto", 40, "titled-name"),
        ]
    )
    assert [(c.type, c.name) for c in clusters] == [("Person", "Ruto")]
