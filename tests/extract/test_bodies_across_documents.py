"""A body named without its state ("the Ministry of Interior") is matched to a body known
from another document only if that body's state can be this document's: every state has
its Ministry of Interior, and a wrong match gives the document a PART_OF to a state it
never names. Texts written for these tests."""

from __future__ import annotations

from graph.extract.pipeline import Extractor
from graph.model import GraphData, Node
from graph.resolve import Resolver
from graph.schema import load_schema


def _resolve(text: str, doc: str, extractor: Extractor, index: list[Node]) -> GraphData:
    extraction = extractor.extract(text)
    return Resolver(load_schema()).resolve(extraction, doc, {"title": doc}, index)


def _two_documents(first: str, second: str, extractor: Extractor) -> tuple[GraphData, GraphData]:
    """The second document resolved against the nodes the first left."""
    one = _resolve(first, "doc:first", extractor, [])
    return one, _resolve(second, "doc:second", extractor, one.nodes)


def _ministry(g: GraphData) -> Node:
    (node,) = [n for n in g.nodes if n.type == "Institution" and "Interior" in n.name]
    return node


def _part_of(g: GraphData, source: Node) -> set[str]:
    names = {n.id: n.name for n in g.nodes}
    return {names[e.target] for e in g.edges if e.type == "PART_OF" and e.source == source.id}


def test_a_bare_ministry_is_not_another_state_s(extractor: Extractor) -> None:
    first, second = _two_documents(
        "Tbilisi protests\n\nThe Ministry of Interior of Georgia said 40 people were held.",
        "ISLAMABAD, May 2 - Pakistan briefing\n\nPakistan's Foreign Office said the Ministry"
        " of Interior would give details of the investigation.",
        extractor,
    )
    ministry = _ministry(second)
    assert ministry.id != _ministry(first).id
    assert "Georgia" not in _part_of(second, ministry)


def test_a_bare_body_joins_its_own_state_s(extractor: Extractor) -> None:
    first, second = _two_documents(
        "Treasury sanctions\n\nThe U.S. Department of the Treasury designated two firms.",
        "New designations\n\nThe United States acted again. The Department of the Treasury"
        " designated three more firms on Friday.",
        extractor,
    )
    (known,) = [n for n in first.nodes if "Treasury" in n.name]
    assert known.id in {n.id for n in second.nodes}
