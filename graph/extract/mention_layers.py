"""The mention layers, registered in the order they run, and the spaCy components that run
them.

A layer is a function of the `MentionFinder` and the document's pass (`_Found`: the
mentions so far and the tokens they take); it adds what it finds, and a later layer never
overrides an earlier one, so the order of registration is the order of trust. A new layer
is its function (a `MentionFinder` method) and one `MENTION_LAYERS.layer(...)` line below.

`add_mention_components` adds each layer to a loaded pipeline, after the model's own
components, as the component `actorgraph_mentions_<layer>`, which writes the mentions it
added to `doc.spans["actorgraph_<layer>"]` (span label: the type; `kb_id_`: the identity
key; `id_`: the name). A first component starts the pass; it needs the finder and the title's
end, given per call (`nlp(text, component_cfg=mention_cfg(finder, title_end))`). A last
component runs the document-wide checks and writes the final mentions to
`doc.spans["actorgraph_mentions"]`. A layer's group is what it found at its turn: a later
layer may release a mention (a speaker line knows better) and the checks may retype, rename
or drop it (a headline's Title Case), so the final group, not the union of the layers', is
the document's mentions.

The document-wide checks are one last component, not layers: they change what the layers
found (retype, rename, drop) instead of adding spans of their own, each reads every mention
of the document, and their order is fixed (the headlines are checked against the final
types and names).

`MentionFinder.find` runs the same functions in the same order on a `Doc` without a
pipeline (a hand-built one in the rule tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph.extract.address_places import places_of_addresses
from graph.extract.bloc_organs import add_bloc_organs
from graph.extract.bracketed_names import add_bracketed_names
from graph.extract.capital_surnames import add_capital_surnames
from graph.extract.cities_before_country import add_cities_before_country
from graph.extract.cities_in_text_names import cities_inside_text_names
from graph.extract.city_events import add_city_events
from graph.extract.committee_names import add_committee_names
from graph.extract.country_first_bodies import bodies_opening_with_their_country
from graph.extract.dated_events import add_dated_events
from graph.extract.dateline_blocks import drop_dateline_blocks
from graph.extract.doc_cache import doc_text
from graph.extract.event_bracket_places import add_event_bracket_places
from graph.extract.facility_cities import add_facility_cities
from graph.extract.format_meetings import add_format_meetings
from graph.extract.forum_bodies import forums_that_are_bodies
from graph.extract.headline_words import drop_headline_common_words, drop_orphan_surnames
from graph.extract.holders_meetings import add_holders_meetings
from graph.extract.infobox_places import add_infobox_places
from graph.extract.legal_forms import companies_read_as_people
from graph.extract.long_demonyms import add_long_demonyms
from graph.extract.mentions import (
    TITLE_SOURCES,
    Mention,
    MentionFinder,
    _bodies_after_their_owner,
    _body_confirms_headlines,
    _deck_lines,
    _Found,
    _names_split_in_two,
    _people_the_model_calls_bodies,
    _series_named_by_number,
    _short_names_of_named_countries,
)
from graph.extract.name_checks import (
    acronyms_of_no_body,
    bodies_inside_text_names,
    drop_names_that_are_no_actors,
    programmes_read_as_bodies,
    title_fragments,
)
from graph.extract.names_again import add_names_again
from graph.extract.numbered_formations import add_numbered_formations
from graph.extract.organ_names import organs_named_in_full
from graph.extract.other_names import other_names_given
from graph.extract.paired_bodies import bodies_named_with_their_pair
from graph.extract.party_members import add_party_members
from graph.extract.placed_bodies import bodies_named_with_their_place
from graph.extract.portfolio_names import add_portfolio_names
from graph.extract.press_and_ngos import add_press_and_ngos
from graph.extract.pronoun_organs import add_pronoun_organs
from graph.extract.region_names import regions_inside_names
from graph.extract.service_words import drop_lone_services
from graph.extract.settlement_names import add_settlement_names
from graph.extract.speaker_vocatives import speakers_called_by_name
from graph.extract.stage_directions import block_stage_directions
from graph.extract.state_offices import add_state_offices
from graph.extract.styled_governments import governments_by_their_style
from graph.extract.subdivisions import drop_subdivisions
from graph.extract.turn_labels import add_turn_labels
from graph.extract.un_list_entries import add_un_list_entries
from graph.extract.vessel_names import drop_vessel_names

COMPONENT_PREFIX = "actorgraph_mentions_"
BEGIN = COMPONENT_PREFIX + "begin"  # starts the pass
END = COMPONENT_PREFIX + "end"  # the document-wide checks
FINAL_GROUP = "actorgraph_mentions"  # doc.spans: the document's mentions after the checks
_PASS = "actorgraph_mention_pass"  # doc.user_data: the pass while the layers run
_RESULT = "actorgraph_mention_result"  # doc.user_data: mentions and PART_OF hints

PartHint = tuple[str, str, int]  # part name, whole name, sentence
Layer = Callable[[MentionFinder, _Found], object]


@dataclass(frozen=True)
class MentionLayer:
    name: str
    run: Layer

    @property
    def component(self) -> str:
        return COMPONENT_PREFIX + self.name

    @property
    def group(self) -> str:
        return "actorgraph_" + self.name


@dataclass
class LayerRegistry:
    layers: list[MentionLayer] = field(default_factory=list)

    def layer(self, name: str, run: Layer) -> None:
        """Registers a layer to run after those registered before it; a name is registered
        once (a second registration would run the layer twice or shadow it)."""
        if any(known.name == name for known in self.layers):
            raise ValueError(f"mention layer {name!r} is registered already")
        if COMPONENT_PREFIX + name in (BEGIN, END) or "actorgraph_" + name == FINAL_GROUP:
            raise ValueError(f"mention layer name {name!r} is reserved for the pass itself")
        self.layers.append(MentionLayer(name, run))

    @property
    def components(self) -> list[str]:
        """The pipeline components, in the order they run."""
        return [BEGIN, *(layer.component for layer in self.layers), END]


@dataclass
class _Pass:
    """One document's pass, kept on the Doc while its components run."""

    finder: MentionFinder
    found: _Found
    title_end: int


# ---- the layers whose method needs more than the pass ----
def _named(finder: MentionFinder, found: _Found) -> None:
    """Layer 1: gazetteer hits, bodies by name pattern, events in titles, acronyms, companies
    (the gazetteer's country tokens bound the body names)."""
    gaz_hits = finder._gazetteer(found.doc)
    country_tokens = {t.i for span, p in gaz_hits if p.type == "Country" for t in span}
    finder._add_named_candidates(found, gaz_hits, country_tokens)


def _numbered_meeting(finder: MentionFinder, found: _Found) -> None:
    found.meeting = finder._add_numbered_meeting(found)


def _speakers(finder: MentionFinder, found: _Found) -> None:
    finder._add_speakers(found, found.meeting)


def _part_of_hints(finder: MentionFinder, found: _Found) -> None:
    MentionFinder._add_part_of_hints(found)


MENTION_LAYERS = LayerRegistry()
# no actor in identifiers and aliases ("DOB 20 Mar 1964", "a.k.a. Fancy Bear"): first
MENTION_LAYERS.layer("identifiers", MentionFinder._block_identifiers)
MENTION_LAYERS.layer("stage_directions", block_stage_directions)  # "(Laughter.)": no one
MENTION_LAYERS.layer("dateline", MentionFinder._add_dateline)
# quoted events before the names: their titles hold country names that are not mentions
MENTION_LAYERS.layer("quoted_events", MentionFinder._add_quoted_events)
MENTION_LAYERS.layer("org_events", MentionFinder._add_org_events)
MENTION_LAYERS.layer("holders_meetings", add_holders_meetings)
MENTION_LAYERS.layer("city_events", add_city_events)
# "the 13 March summit": a meeting named by the day it met
MENTION_LAYERS.layer("dated_events", add_dated_events)
# "the U.S.-Japan \"2+2\"", "the 2+2 talks": a meeting named by its format
MENTION_LAYERS.layer("format_meetings", add_format_meetings)
MENTION_LAYERS.layer("numbered_series", MentionFinder._add_numbered_series)
MENTION_LAYERS.layer("state_organs", MentionFinder._add_state_organs)
MENTION_LAYERS.layer("committee_names", add_committee_names)
# "Combined Task Force 153": before the model's bodies end the name on its kind
MENTION_LAYERS.layer("numbered_formations", add_numbered_formations)
MENTION_LAYERS.layer("named", _named)
MENTION_LAYERS.layer("bare_congress", MentionFinder._add_bare_congress)  # reads the states named
# "Hungary has said that its parliament ...": reads the states named
MENTION_LAYERS.layer("pronoun_organs", add_pronoun_organs)
MENTION_LAYERS.layer("numbered_meeting", _numbered_meeting)
MENTION_LAYERS.layer("speakers", _speakers)  # reads the heading numbered_meeting found
MENTION_LAYERS.layer("listed_people", MentionFinder._add_listed_people)
MENTION_LAYERS.layer("questioners", MentionFinder._add_questioners)
MENTION_LAYERS.layer("capital_surnames", add_capital_surnames)
MENTION_LAYERS.layer("surname_first", MentionFinder._add_surname_first_entries)
MENTION_LAYERS.layer("un_list_entries", add_un_list_entries)
MENTION_LAYERS.layer("list_item_people", MentionFinder._add_list_item_people)
MENTION_LAYERS.layer("body_events", MentionFinder._add_body_events)
MENTION_LAYERS.layer("own_occasions", MentionFinder._add_own_occasions)
MENTION_LAYERS.layer("part_of_hints", _part_of_hints)  # reads the bodies named so far
# "Reuters: ...", "The Financial Times reported", "Human Rights Watch urged": outlets and NGOs
# of the maintained list, before the model's people and bodies read them as people or join two
MENTION_LAYERS.layer("press_and_ngos", add_press_and_ngos)
# "PRESIDENT BIDEN:": a transcript's speaker, before the model's people read the label
MENTION_LAYERS.layer("turn_labels", add_turn_labels)
# "Papua New Guinean": before the model's people and bodies take its tail
MENTION_LAYERS.layer("long_demonyms", add_long_demonyms)
# "Minister of Energy and Petroleum Davis Chirchir": before the model's people cut the name
MENTION_LAYERS.layer("portfolio_names", add_portfolio_names)
MENTION_LAYERS.layer("people", MentionFinder._add_people)  # layer 2: the model's PERSON
MENTION_LAYERS.layer("bracketed_speakers", MentionFinder._add_bracketed_speakers)
MENTION_LAYERS.layer("other_organisations", MentionFinder._add_other_organisations)  # layer 3
MENTION_LAYERS.layer("numbered_groups", MentionFinder._add_numbered_groups)
MENTION_LAYERS.layer("listed_bodies", MentionFinder._add_listed_bodies)
MENTION_LAYERS.layer("defined_aliases", MentionFinder._add_defined_aliases)
MENTION_LAYERS.layer("bracketed_names", add_bracketed_names)
# "the Commission", "Parliament", "the House": after every body the model and patterns named
MENTION_LAYERS.layer("bloc_organs", add_bloc_organs)
# "the Turkish presidency announced": the office; its adjective stays the state's
MENTION_LAYERS.layer("state_offices", add_state_offices)
# "Republicans", "Democratic members of Congress": after the bodies, whose names hold them
MENTION_LAYERS.layer("party_members", add_party_members)
MENTION_LAYERS.layer("demonyms", MentionFinder._add_demonyms)  # layer 4
MENTION_LAYERS.layer("places_in", MentionFinder._add_places_in)  # layer 5
# "the port of Hodeidah", "the village of Przewodów": a small place named by its kind
MENTION_LAYERS.layer("settlement_names", add_settlement_names)
# "struck Sanaa airport", "the Tindouf refugee camps": a city named by a facility of it
MENTION_LAYERS.layer("facility_cities", add_facility_cities)
MENTION_LAYERS.layer("cities_before_country", add_cities_before_country)
MENTION_LAYERS.layer("infobox_places", add_infobox_places)
# "48th G7 summit (Elmau, 2022)": the place a named event met, after every other place
MENTION_LAYERS.layer("event_bracket_places", add_event_bracket_places)
MENTION_LAYERS.layer("metonyms", MentionFinder._add_metonyms)
# a person named in full, again where the model did not see them: after every other person
MENTION_LAYERS.layer("names_again", add_names_again)


# ---- the pass, as the components and `MentionFinder.find` run it ----
def mention_cfg(finder: MentionFinder, title_end: int) -> dict[str, dict[str, object]]:
    """The `component_cfg` of one `nlp(text, ...)` call: what the pass starts from."""
    return {BEGIN: {"finder": finder, "title_end": title_end}}


def begin(doc: Doc, finder: MentionFinder | None = None, title_end: int = 0) -> Doc:
    if finder is None:
        raise ValueError(
            f"{BEGIN} needs the mention finder: nlp(text, component_cfg=mention_cfg(finder, title_end))"
        )
    doc.user_data[_PASS] = _Pass(finder, _Found.start(doc), title_end)
    doc.user_data.pop(_RESULT, None)
    return doc


def run_layer(doc: Doc, layer: MentionLayer) -> Doc:
    """Runs one layer on the doc's pass and writes what it added to its span group."""
    state: _Pass = doc.user_data[_PASS]
    before = {id(m) for m in state.found.mentions}
    layer.run(state.finder, state.found)
    added = [m for m in state.found.mentions if id(m) not in before]
    doc.spans[layer.group] = _spans(doc, added)
    return doc


def end(doc: Doc) -> Doc:
    """The document-wide checks: a series named by its numbered meetings is the body, a
    short country name stands for the longer one the document names, a person the model
    calls a body is the person, and a headline's names stand only if the story names them."""
    state: _Pass = doc.user_data.pop(_PASS)  # the pass holds the doc: no cycle is left
    found = state.found
    _series_named_by_number(found.mentions)
    _short_names_of_named_countries(found.mentions)
    _people_the_model_calls_bodies(found.mentions)
    rules = state.finder.rules
    companies_read_as_people(found.mentions, rules.company_suffixes, rules.company_heads)
    speakers_called_by_name(found.mentions, doc_text(doc), state.finder.title_words)
    _names_split_in_two(doc, found.mentions, state.finder.rules.institution_heads)
    names = state.finder.names
    found.mentions[:] = bodies_named_with_their_place(
        found.mentions, doc_text(doc), names.placed_body_heads, names.state_mission_heads
    )
    _bodies_after_their_owner(found.mentions)
    found.mentions[:] = bodies_named_with_their_pair(found.mentions, doc_text(doc))
    found.mentions[:] = bodies_opening_with_their_country(
        found.mentions, doc_text(doc), state.finder.rules.institution_heads, state.title_end
    )
    organs_named_in_full(found.mentions, names, state.finder.gaz)
    other_names_given(found.mentions, doc_text(doc), names.other_name_cues)
    found.mentions[:] = governments_by_their_style(found.mentions, names.government_styles)
    found.mentions[:] = bodies_inside_text_names(
        found.mentions, doc_text(doc), names.founding_texts
    )
    found.mentions[:] = programmes_read_as_bodies(found.mentions, names)
    found.mentions[:] = title_fragments(found.mentions, doc_text(doc), names.titles_with_of)
    found.mentions[:] = acronyms_of_no_body(
        found.mentions, doc_text(doc), state.finder.rules.document_heads
    )
    found.mentions[:] = places_of_addresses(found.mentions, doc_text(doc), state.finder.gaz)
    # "Rakhine State", "Balochistan", "the Shan and Chin states": a country's unit, no actor
    found.mentions[:] = drop_subdivisions(
        found.mentions, doc_text(doc), state.finder.gaz, state.finder.title_words
    )
    found.mentions[:] = drop_names_that_are_no_actors(
        found.mentions,
        names.name_connectors,
        names.territories,
        state.finder.rules.document_heads - names.names_not_documents,
        names.collective_nouns,
        state.finder.rules.institution_heads,
    )
    found.mentions[:] = regions_inside_names(found.mentions, doc_text(doc), names)
    # "the Paris Agreement", "the Havana process": the text's name, no place of the story
    found.mentions[:] = cities_inside_text_names(found.mentions, doc_text(doc))
    # "Quezon City, Philippines / July 30, 2024": a header's place block, no place of the story
    found.mentions[:] = drop_dateline_blocks(found.mentions, doc_text(doc))
    found.mentions[:] = drop_vessel_names(
        found.mentions, doc_text(doc), state.finder.rules.vessel_words
    )
    # "the Navy", "General of the Army": a service's common noun names no state's service
    found.mentions[:] = drop_lone_services(found.mentions)
    # "a researcher at the Horn Policy Forum": a forum with staff or members is a body
    forums_that_are_bodies(found.mentions, doc_text(doc))
    # "Jokowi Departs", "## Boycott": a heading line's common words are no name
    rules = state.finder.rules
    found.mentions[:] = drop_headline_common_words(
        found.mentions, doc_text(doc), rules.institution_heads | rules.event_heads
    )
    heads = [(0, state.title_end, TITLE_SOURCES), *_deck_lines(doc_text(doc), state.title_end)]
    mentions = drop_orphan_surnames(_body_confirms_headlines(found.mentions, heads))
    doc.user_data[_RESULT] = (mentions, found.part_of)
    doc.spans[FINAL_GROUP] = _spans(doc, mentions)
    return doc


def mention_result(doc: Doc) -> tuple[list[Mention], list[PartHint]]:
    """The mentions in document order and the PART_OF hints the components left on the doc."""
    if _RESULT not in doc.user_data:
        raise ValueError(f"the mention components have not run on this doc (see {BEGIN})")
    mentions, part_of = doc.user_data[_RESULT]
    return mentions, part_of


def run_layers(
    finder: MentionFinder, doc: Doc, title_end: int = 0
) -> tuple[list[Mention], list[PartHint]]:
    """The whole pass on a parsed doc, without a pipeline: the same functions, in the order
    the components run."""
    begin(doc, finder, title_end)
    for layer in MENTION_LAYERS.layers:
        run_layer(doc, layer)
    return mention_result(end(doc))


def _spans(doc: Doc, mentions: list[Mention]) -> list[Span]:
    out = []
    for m in mentions:
        span = doc.char_span(
            m.start, m.end, m.type, kb_id=m.key or "", span_id=m.name, alignment_mode="expand"
        )
        if span is not None:
            out.append(span)
    return out


# ---- the spaCy components ----
def _layer_component(layer: MentionLayer) -> Callable[[Doc], Doc]:
    def component(doc: Doc) -> Doc:
        return run_layer(doc, layer)

    return component


def register_components() -> None:
    """Registers each layer's component with spaCy, once per process (a second call, or a
    second extractor, finds them registered)."""
    funcs: dict[str, Callable[..., Doc]] = {BEGIN: begin, END: end}
    for layer in MENTION_LAYERS.layers:
        funcs[layer.component] = _layer_component(layer)
    for name, func in funcs.items():
        if not Language.has_factory(name):
            Language.component(name, func=func)


def add_mention_components(nlp: Language) -> None:
    """Adds the pass to a loaded pipeline, after the model's own components (they read the
    parse and the entities); spaCy refuses a component the pipeline has already."""
    register_components()
    for name in MENTION_LAYERS.components:
        nlp.add_pipe(name, last=True)
