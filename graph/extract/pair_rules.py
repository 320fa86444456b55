"""The cue words of the actor-pair rules (MET_WITH, stated support), from actor_pairs.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from graph.extract.data_files import rule_table


@dataclass(frozen=True)
class PairRules:
    remote_words: frozenset[str]
    future_aux: frozenset[str]
    planned_verbs: frozenset[str]
    sought_verbs: frozenset[str]
    phrasal: frozenset[tuple[str, str]]
    passive: frozenset[str]
    in_person_verbs: frozenset[str]
    talk_verbs: frozenset[str]
    talk_nouns: frozenset[str]
    chance_nouns: frozenset[str]
    chance_verbs: frozenset[str]
    joined_at: frozenset[str]
    joined_at_nouns: frozenset[str]
    including: frozenset[str]
    meeting_adjectives: frozenset[str]
    hosts_together: frozenset[str]
    apart_words: frozenset[str]
    title_acronyms: frozenset[str]
    title_skips: frozenset[str]
    meal_nouns: frozenset[str]
    two_nouns: frozenset[str]
    gestures: frozenset[tuple[str, str]]
    sign_idioms: frozenset[tuple[str, str]]
    support_verbs: frozenset[str]
    support_nouns: frozenset[str]
    support_with_verbs: frozenset[str]
    channel_nouns: frozenset[str]
    accusations: frozenset[str]
    agreement_verbs: frozenset[str]
    agreement_nouns: frozenset[str]
    acting_for: frozenset[str]
    presence_verbs: frozenset[str]
    led_by: frozenset[str]
    home_acts: frozenset[str]
    plural_titles: dict[str, str]
    two_sides_nouns: frozenset[str]
    two_sides_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_pair_rules() -> PairRules:
    raw = rule_table("actor_pairs")
    m, s = raw["meetings"], raw["support"]
    return PairRules(
        remote_words=frozenset(m["remote_words"]),
        future_aux=frozenset(m["future_aux"]),
        planned_verbs=frozenset(m["planned_verbs"]),
        sought_verbs=frozenset(m["sought_verbs"]),
        phrasal=frozenset((a, b) for a, b in m["phrasal"]),
        passive=frozenset(m["passive"]),
        in_person_verbs=frozenset(m["in_person_verbs"]),
        talk_verbs=frozenset(m["talk_verbs"]),
        talk_nouns=frozenset(m["talk_nouns"]),
        chance_nouns=frozenset(m["chance_nouns"]),
        chance_verbs=frozenset(m["chance_verbs"]),
        joined_at=frozenset(m["joined_at"]),
        joined_at_nouns=frozenset(m["joined_at_nouns"]),
        including=frozenset(m["including"]),
        meeting_adjectives=frozenset(m["meeting_adjectives"]),
        hosts_together=frozenset(m["hosts_together"]),
        apart_words=frozenset(m["apart_words"]),
        title_acronyms=frozenset(m["title_acronyms"]),
        title_skips=frozenset(m["title_skips"]),
        meal_nouns=frozenset(m["meal_nouns"]),
        two_nouns=frozenset(m["two_nouns"]),
        gestures=frozenset((a, b) for a, b in m["gestures"]),
        sign_idioms=frozenset((a, b) for a, b in m["sign_idioms"]),
        support_verbs=frozenset(s["verbs"]),
        support_nouns=frozenset(s["nouns"]),
        support_with_verbs=frozenset(s["with_verbs"]),
        channel_nouns=frozenset(s["channel_nouns"]),
        accusations=frozenset(s["accusations"]),
        agreement_verbs=frozenset(raw["agreements"]["verbs"]),
        agreement_nouns=frozenset(raw["agreements"]["nouns"]),
        acting_for=frozenset(raw["agreements"]["acting_for"]),
        presence_verbs=frozenset(raw["joint"]["presence_verbs"]),
        led_by=frozenset(s["led_by"]),
        home_acts=frozenset(raw["home"]["acts"]),
        plural_titles=dict(raw["role_lists"]["plural_titles"]),
        two_sides_nouns=frozenset(raw["two_sides"]["nouns"]),
        two_sides_verbs=frozenset(raw["two_sides"]["verbs"]),
    )
