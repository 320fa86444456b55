"""The tables of names that are no actors, and of names that are another type than the
model says, read from rules.toml ([cleaning], [names]): bylines, venues, portfolios, page
furniture words. Kept apart from `tables.Rules` so these lists grow without touching the
loader every relation family shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.extract.data_files import rule_table
from graph.model import fold


@dataclass(frozen=True)
class NameRules:
    # agencies written after a byline's names ("By A and B Associated Press")
    byline_agencies: tuple[str, ...]
    # head words of bodies named with the place they sit or work in ("United Nations
    # Office at Geneva", "US Embassy in Pretoria", "SADC Mission in the DRC"), lower case
    placed_body_heads: frozenset[str]
    # of those, the heads a state's adjective may lead ("the Chinese embassy in London")
    state_mission_heads: frozenset[str]
    # words of a byline that name no person ("Staff Reporters", "the Africa desk")
    byline_not_people: frozenset[str]
    # last words of the names of buildings and venues: "Sandton Convention Centre" is no actor
    venue_heads: frozenset[str]
    # roles that hold a portfolio ("Minister of [Foreign Affairs]")
    portfolio_roles: frozenset[str]
    # a state's organ as a common noun ("foreign ministry") → its name ("Ministry of ...")
    state_organs: dict[str, str]
    # folded names that are never actors, by kind (diseases, reference-page furniture, ...)
    not_actors: frozenset[str]
    # a state's organ -> words its own names hold ("Ministry of Interior" -> "Internal Affairs")
    organ_words: dict[str, tuple[str, ...]]
    # short forms of such organs ("Foreign Office"), folded, and the heads of their names
    organ_short_forms: frozenset[str]
    organ_heads: tuple[str, ...]
    # words of documents' names that are people's names too ("Bill", "Law")
    names_not_documents: frozenset[str]
    # verbs of "known as" ("widely known as Sandworm"): the name after is the actor's
    other_name_cues: frozenset[str]
    # territories that are neither a state, a city nor a region ("Gaza"), folded
    territories: frozenset[str]
    # words that never end a name: a name ending on one was cut ("Chargé d'Affaires of")
    name_connectors: frozenset[str]
    # nouns after a name that make it a place ("the Lachin corridor")
    place_nouns: frozenset[str]
    # letters written after a name that are no part of it ("KCB", "MP", "QC"): nameparser's
    # suffix lists and rules.toml's additions, without roman numerals ("Elizabeth II")
    post_nominals: frozenset[str]
    # titles only a person's name follows ("The Rt Hon", "Sir", "Dr"): a name the model
    # labelled an organisation after one of them is a person's
    person_titles: frozenset[str]
    # a government's styles ("Federal" of "the Federal Government [of Somalia]")
    government_styles: frozenset[str]
    # head words of a founding text's name ("Charter" of "the UN Charter")
    founding_texts: frozenset[str]
    # plural nouns of a body's members ("States" of "the Participating States")
    collective_nouns: frozenset[str]
    # last and first words of programmes' names ("European Peace Facility", "Pact on ...")
    programme_heads: frozenset[str]
    programme_openers: frozenset[str]
    # words of a plan named with its target year ("Vision 2030")
    dated_plan_heads: frozenset[str]
    # words after a region's name that make it a unit's ("Middle East Programme")
    region_unit_heads: frozenset[str] = frozenset()
    # regions written as a compass word ("the West")
    compass_regions: frozenset[str] = frozenset()
    # titles whose "of" phrase is the title's own ("head of state", "chief of staff")
    titles_with_of: tuple[str, ...] = ()


@cache
def load_name_rules() -> NameRules:
    raw = rule_table("rules")
    c, n = raw["cleaning"], raw["names"]
    return NameRules(
        byline_agencies=tuple(c["byline_agencies"]),
        byline_not_people=frozenset(w.lower() for w in c["byline_not_people"]),
        venue_heads=frozenset(n["venue_heads"]),
        placed_body_heads=frozenset(h.lower() for h in n["placed_body_heads"]),
        state_mission_heads=frozenset(h.lower() for h in n["state_mission_heads"]),
        portfolio_roles=frozenset(n["portfolio_roles"]),
        state_organs=dict(n["state_organs"]),
        not_actors=frozenset(fold(x) for kind in n["not_actors"].values() for x in kind),
        post_nominals=_post_nominals(n["post_nominals"]),
        place_nouns=frozenset(n["place_nouns"]),
        territories=frozenset(fold(x) for x in n["territories"]),
        other_name_cues=frozenset(n["other_name_cues"]),
        names_not_documents=frozenset(n["names_not_documents"]),
        organ_words={k: tuple(v) for k, v in n["organ_words"].items()},
        organ_short_forms=frozenset(fold(x) for x in n["organ_names"]["short"]),
        organ_heads=tuple(n["organ_names"]["heads"]),
        name_connectors=frozenset(w for w in n["connectors"] if w.isalpha()),
        person_titles=frozenset(n["person_titles"]),
        government_styles=frozenset(n["government_styles"]),
        founding_texts=frozenset(n["founding_texts"]),
        collective_nouns=frozenset(n["collective_nouns"]),
        programme_heads=frozenset(n["programme_heads"]),
        programme_openers=frozenset(n["programme_openers"]),
        dated_plan_heads=frozenset(n["dated_plan_heads"]),
        region_unit_heads=frozenset(n["region_unit_heads"]),
        compass_regions=frozenset(n["compass_regions"]),
        titles_with_of=tuple(n["titles_with_of"]),
    )


def _post_nominals(extra: list[str]) -> frozenset[str]:
    from nameparser.config import CONSTANTS  # a module-level dict of lists: cheap, but only here

    listed = {*CONSTANTS.suffix_acronyms, *CONSTANTS.suffix_not_acronyms, *extra}
    words = {fold(w).replace(" ", "") for w in listed}
    return frozenset(w for w in words if w and not re.fullmatch(r"[ivxlc]+", w))
