"""A bracket after a listed name holds a body, not a post: "- **Ghana** – President X
(Blue Pacific)" gives X one post in Ghana, "President", and no second one called "Blue Pacific)"."""

from __future__ import annotations

from graph.extract.pipeline import Extractor
from graph.resolve import Resolver
from graph.schema import load_schema

TEXT = """Case

The 14th Example Forum met in Lisbon.

## Participants

- **Ghana** – President Kwame Asante (Blue Pacific)
- **Norway** – Prime Minister Erik Solberg
"""


def test_a_bracketed_body_is_no_post(extractor: Extractor) -> None:
    g = Resolver(load_schema()).resolve(extractor.extract(TEXT), "doc:case", {"title": "case"}, [])
    names = {n.id: n.name for n in g.nodes}
    roles = {
        str(e.properties.get("role"))
        for e in g.edges
        if e.type == "HOLDS_ROLE" and names[e.source] == "Kwame Asante"
    }
    assert roles == {"President"}
