"""A meeting named by its city in a headline, which drops its articles ("... at Montevideo
summit"): the document's own event, so the passages below it are about it. Texts written
for these tests."""

from __future__ import annotations

from graph.extract.pipeline import Extractor
from graph.model import fold
from graph.resolve import Resolver
from graph.schema import load_schema


def _graph(text: str, extractor: Extractor):  # type: ignore[no-untyped-def]
    extraction = extractor.extract(text)
    return Resolver(load_schema()).resolve(extraction, "doc:t", {"title": "t"}, [])


def test_a_headline_names_the_meeting_by_its_city(extractor: Extractor) -> None:
    g = _graph(
        "Andean bloc signs trade pact at Arequipa summit\n\n"
        "AREQUIPA, March 3, 2031 (AFP) - Leaders of the Andean bloc signed a trade pact on"
        " Friday. \"This is a historic day,\" Peruvian President Ana Salas told the"
        " summit.\n",
        extractor,
    )
    events = [n for n in g.nodes if n.type == "Event"]
    assert [fold(n.name) for n in events] == ["arequipa summit"], events
    spoke = [e for e in g.edges if e.type == "SPOKE_AT"]
    names = {n.id: fold(n.name) for n in g.nodes}
    assert [(names[e.source], names[e.target]) for e in spoke] == [("ana salas", "arequipa summit")]


def test_the_body_of_a_story_needs_the_article(extractor: Extractor) -> None:
    # below the headline a city and a kind word with no article are a longer phrase's
    # words ("Arequipa meeting rooms"), no event
    g = _graph(
        "Andean bloc prepares\n\nLocal officials said Arequipa meeting rooms were booked.\n",
        extractor,
    )
    assert not [n for n in g.nodes if n.type == "Event" and "Arequipa" in n.name]
