"""What an analyst relies on in the seeds' graph: the actors, one node each, and the facts
with their evidence."""

from __future__ import annotations

from graph.extract.clean import _unlink
from graph.model import GraphData, fold


def _node(g: GraphData, type_: str, name: str):
    hits = [
        n
        for n in g.nodes
        if n.type == type_ and (fold(n.name) == fold(name) or fold(name) in map(fold, n.aliases))
    ]
    assert len(hits) == 1, f"{type_} {name}: {[h.id for h in hits]}"
    return hits[0]


def _edges(g: GraphData, type_: str, src: str, dst: str):
    return [
        e
        for e in g.edges
        if e.type == type_
        and {e.source, e.target} == {src, dst}
        or (e.type == type_ and e.source == src and e.target == dst)
    ]


def test_people_resolve_to_one_node(seeds_graph: GraphData) -> None:
    putin = _node(seeds_graph, "Person", "Vladimir Putin")
    assert "Putin" in putin.aliases
    assert not [n for n in seeds_graph.nodes if n.type == "Person" and n.name == "Putin"]
    rodriguez = _node(seeds_graph, "Person", "Jorge Rodríguez Gómez")
    assert "Jorge Rodriguez" in rodriguez.aliases  # accent-folded, across documents


def test_glued_titles_are_split(seeds_graph: GraphData) -> None:
    _node(seeds_graph, "Person", "Juan Esteban Lazo Hernández")
    _node(seeds_graph, "Person", "Luis Redondo Guifarro")
    _node(seeds_graph, "Institution", "National Congress of the Republic of Honduras")
    names = {n.name for n in seeds_graph.nodes}
    assert "Cuba Juan Esteban Lazo Hernández" not in names


def test_furniture_is_never_an_entity(seeds_graph: GraphData) -> None:
    names = {fold(n.name) for n in seeds_graph.nodes if n.type != "Document"}
    for word in ("twitter", "instagram", "telegram channel", "global research", "daily newsletter"):
        assert word not in names


def test_countries_use_common_names(seeds_graph: GraphData) -> None:
    russia = _node(seeds_graph, "Country", "Russia")
    assert "Russian Federation" in russia.aliases or "the Russian Federation" in russia.aliases
    _node(seeds_graph, "Country", "United States")


def test_conference_is_one_event_across_documents(seeds_graph: GraphData) -> None:
    events = [n for n in seeds_graph.nodes if n.type == "Event" and "latin america" in fold(n.name)]
    assert len(events) == 1
    ev = events[0]
    assert ev.properties["start_date"] == "2023-09-29"
    assert ev.properties["end_date"] == "2023-10-02"
    docs = {e.source for e in seeds_graph.edges if e.type == "MENTIONS" and e.target == ev.id}
    assert len(docs) == 2
    assert _edges(seeds_graph, "LOCATED_IN", ev.id, _node(seeds_graph, "City", "Moscow").id)


def test_key_relations_with_evidence(seeds_graph: GraphData) -> None:
    g = seeds_graph
    volodin = _node(g, "Person", "Vyacheslav Volodin").id
    duma = _node(g, "Institution", "State Duma").id
    (role,) = _edges(g, "HOLDS_ROLE", volodin, duma)
    assert role.properties["role"] == "Chairman"
    us = _node(g, "Country", "United States").id
    for target in ("Cuba", "Venezuela", "Nicaragua", "Bolivia"):
        assert _edges(g, "SANCTIONED", us, _node(g, "Country", target).id), target
    ban = _edges(
        g,
        "SANCTIONED",
        _node(g, "Institution", "Rosselkhoznadzor").id,
        _node(g, "Country", "Ecuador").id,
    )
    assert ban and "bananas" in ban[0].evidence[0].sentence
    russia, cuba = _node(g, "Country", "Russia").id, _node(g, "Country", "Cuba").id
    assert _edges(g, "COOPERATES_WITH", russia, cuba)
    lazo = _node(g, "Person", "Juan Esteban Lazo Hernández").id
    assert _edges(g, "MET_WITH", volodin, lazo)
    putin = _node(g, "Person", "Vladimir Putin").id
    conference = next(
        n.id for n in g.nodes if n.type == "Event" and "latin america" in fold(n.name)
    )
    spoke = _edges(g, "SPOKE_AT", putin, conference)
    assert spoke and {ev.document for ev in spoke[0].evidence} == {
        "doc:000_aed1e656c6466fb5",
        "doc:003_6e32554014a3be8b",
    }


def test_every_edge_has_located_evidence(seeds_graph: GraphData) -> None:
    texts = {n.id: n.properties["text"] for n in seeds_graph.nodes if n.type == "Document"}
    for e in seeds_graph.edges:
        assert e.evidence, e.id
        for ev in e.evidence:
            span = texts[ev.document][ev.start : ev.end]
            if e.type == "MENTIONS":
                assert span == ev.text
            else:  # the offsets cover the sentence as it stands (link markup aside)
                assert " ".join(_unlink(span).split()) == ev.sentence


def test_the_author_is_a_person_with_the_byline_as_evidence(seeds_graph: GraphData) -> None:
    author = _node(seeds_graph, "Person", "Kester Kenn Klomegah")
    (mention,) = [e for e in seeds_graph.edges if e.type == "MENTIONS" and e.target == author.id]
    assert mention.evidence[0].sentence == "By [Kester Kenn Klomegah](#)"
    doc = next(n for n in seeds_graph.nodes if n.id == mention.source)
    assert doc.properties["author"] == "Kester Kenn Klomegah"
    assert doc.properties["publisher"] == "Global Research"
    assert doc.properties["date"] == "2023-10-02"
