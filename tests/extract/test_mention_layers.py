"""The mention layers as registered spaCy components (graph/extract/mention_layers.py): the
pipeline runs every registered layer in order after the model, each writes its span group,
the components find what `MentionFinder.find` finds on its own, and a layer or a component
is registered once."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from graph.extract.mention_layers import (
    BEGIN,
    COMPONENT_PREFIX,
    END,
    FINAL_GROUP,
    MENTION_LAYERS,
    LayerRegistry,
    add_mention_components,
    mention_cfg,
    mention_result,
    register_components,
)
from graph.extract.mentions import Mention, MentionFinder
from graph.extract.pipeline import Extractor
from graph.extract.tables import load_gazetteer, load_rules

from .handmade import blank_vocab, make_doc

TITLE = "Ruto meets Macron in Paris"
TEXT = (
    TITLE
    + "\n\n"
    + (
        "Kenyan President William Ruto met Emmanuel Macron in Paris on Monday. "
        "The Ministry of Foreign Affairs of Kenya said the two leaders discussed trade."
    )
)


def _spans(doc: spacy.tokens.Doc, group: str) -> list[tuple[str, str]]:
    return [(s.text, s.label_) for s in doc.spans[group]]


def test_the_pipeline_runs_every_registered_layer_in_order_after_the_model(
    extractor: Extractor,
) -> None:
    names = extractor.nlp.pipe_names
    ours = [n for n in names if n.startswith(COMPONENT_PREFIX)]
    layers = [COMPONENT_PREFIX + layer.name for layer in MENTION_LAYERS.layers]
    assert ours == [BEGIN, *layers, END] == MENTION_LAYERS.components
    assert len(layers) >= 20 and "actorgraph_mentions_people" in layers
    assert names[-len(ours) :] == ours  # after the tagger, parser and NER they read
    assert {"parser", "ner"} <= set(names[: -len(ours)])


def test_each_layer_writes_its_span_group(extractor: Extractor) -> None:
    doc = extractor.nlp(TEXT, component_cfg=mention_cfg(extractor.mentions, len(TITLE)))
    for layer in MENTION_LAYERS.layers:
        assert layer.group in doc.spans, layer.name
    assert ("William Ruto", "Person") in _spans(doc, "actorgraph_people")
    assert ("Paris", "City") in _spans(doc, "actorgraph_named")
    assert ("Ministry of Foreign Affairs of Kenya", "Institution") in _spans(
        doc, "actorgraph_named"
    )
    kenyan = [s for s in doc.spans["actorgraph_demonyms"] if s.text == "Kenyan"]
    assert [(s.label_, s.id_) for s in kenyan] == [("Country", "Kenya")]
    # the final group is the document's mentions, each found by one of the layers
    mentions, _ = mention_result(doc)
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans[FINAL_GROUP]] == [
        (m.start, m.end, m.type) for m in mentions
    ]
    by_layers = {
        (s.start_char, s.end_char)
        for layer in MENTION_LAYERS.layers
        for s in doc.spans[layer.group]
    }
    assert {(m.start, m.end) for m in mentions} <= by_layers
    assert ("Macron", "Person") in _spans(doc, FINAL_GROUP)  # the story names him


def test_the_title_end_reaches_the_headline_check(extractor: Extractor) -> None:
    """A name in a headline stands only if the story names it too: with the whole text
    taken as the title, the people layer's finds do not survive the last component."""
    doc = extractor.nlp(TEXT, component_cfg=mention_cfg(extractor.mentions, len(TEXT)))
    assert ("William Ruto", "Person") in _spans(doc, "actorgraph_people")
    assert not [s for s in doc.spans[FINAL_GROUP] if s.label_ == "Person"]


def test_the_components_find_what_find_finds(extractor: Extractor) -> None:
    """The pipeline and `MentionFinder.find` on a doc parsed without the components run the
    same layers: the same mentions, names, keys and PART_OF hints."""
    piped = extractor.nlp(TEXT, component_cfg=mention_cfg(extractor.mentions, len(TITLE)))
    plain = extractor.nlp(TEXT, disable=MENTION_LAYERS.components)
    assert not plain.spans
    direct = extractor.mentions.find(plain, len(TITLE))
    assert direct == mention_result(piped)
    assert len(direct[0]) >= 5


def test_extraction_reads_the_mentions_of_the_components(extractor: Extractor) -> None:
    e = extractor.extract(TEXT)
    people = {m.name for m in e.mentions if m.type == "Person"}
    assert {"William Ruto", "Emmanuel Macron"} <= people


def test_find_runs_the_layers_on_a_hand_built_doc() -> None:
    """No model, no pipeline: the rule tests' hand-built Doc goes through the same layers."""
    doc = make_doc(
        "Kenya and France signed a deal.",
        """
        0 Kenya NNP 3 nsubj
        1 and CC 0 cc
        2 France NNP 0 conj
        3 signed VBD 3 ROOT sign
        4 a DT 5 det
        5 deal NN 3 dobj
        6 . . 3 punct
        """,
    )
    finder = MentionFinder(blank_vocab(), load_rules(), load_gazetteer())
    mentions, part_of = finder.find(doc)
    assert [(m.name, m.type, m.source) for m in mentions] == [
        ("Kenya", "Country", "gazetteer"),
        ("France", "Country", "gazetteer"),
    ]
    assert part_of == []
    assert _spans(doc, "actorgraph_named") == [("Kenya", "Country"), ("France", "Country")]
    assert _spans(doc, FINAL_GROUP) == [("Kenya", "Country"), ("France", "Country")]


def test_a_layer_is_registered_once() -> None:
    registry = LayerRegistry()
    registry.layer("gazetteer", MentionFinder._add_dateline)
    with pytest.raises(ValueError, match="registered already"):
        registry.layer("gazetteer", MentionFinder._add_people)
    assert [layer.name for layer in registry.layers] == ["gazetteer"]
    for reserved in ("begin", "end", "mentions"):
        with pytest.raises(ValueError, match="reserved"):
            registry.layer(reserved, MentionFinder._add_people)
    before = list(MENTION_LAYERS.layers)
    with pytest.raises(ValueError, match="registered already"):
        MENTION_LAYERS.layer("people", MentionFinder._add_people)
    assert MENTION_LAYERS.layers == before


def test_components_register_once_and_a_pipeline_takes_them_once() -> None:
    """A second registration with spaCy (another extractor in the process) is a no-op; a
    pipeline that has the components refuses them again instead of running each layer
    twice. On the blank pipeline with a sentencizer, no model: the gazetteer layer runs."""
    register_components()
    register_components()
    assert all(Language.has_factory(name) for name in MENTION_LAYERS.components)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_mention_components(nlp)
    with pytest.raises(ValueError):
        add_mention_components(nlp)
    assert nlp.pipe_names == ["sentencizer", *MENTION_LAYERS.components]
    finder = MentionFinder(nlp.vocab, load_rules(), load_gazetteer())
    doc = nlp("Kenya and France signed a deal.", component_cfg=mention_cfg(finder, 0))
    assert _spans(doc, FINAL_GROUP) == [("Kenya", "Country"), ("France", "Country")]
    mentions, _ = mention_result(doc)
    assert all(isinstance(m, Mention) for m in mentions)


def test_the_pass_needs_its_finder() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_mention_components(nlp)
    with pytest.raises(ValueError, match="component_cfg"):
        nlp("Kenya and France signed a deal.")
