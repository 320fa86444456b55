"""LOCATED_IN from how a text writes places side by side: a city and its country
("Kigali, Rwanda", "in Evian-les-Bains in France"), a city named with its country's
adjective ("the Cambodian capital Phnom Penh", "the Saudi city of Jeddah"), and an event
with its city or country in brackets ("42nd ASEAN Summit (Labuan Bajo)", "31st Ministerial
Council (Malta, 2024)", "4th EPC summit (Woodstock, United Kingdom)"). The words between the two
mentions are patterns in place_appositions.toml. Where the gazetteer knows the city's
country, the text must agree with it: "Paris, Kenya" is a list, not a place."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

PLACES = ("City", "Country", "Region")


class PlaceAppositions(StatelessRule):
    name = "place-apposition"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.gaz = gaz
        data = rule_data(__file__)
        self.city_country = re.compile(data["city_then_country"])
        self.adjective_city = re.compile(data["adjective_then_city"], re.IGNORECASE)
        self.event_city = re.compile(data["event_then_city"])
        self.country_close = re.compile(data["bracket_country_close"])
        self.city_then_bracket_country = re.compile(data["bracket_city_country"])
        self.bracket_close = re.compile(data["bracket_close"])
        self.list_joint = re.compile(data["list_joint"])
        self.numbered = re.compile(data["number_before_event"])
        self.mission_seat = re.compile(data["mission_then_seat"])
        self.admin_unit = re.compile(data["city_unit_country"])
        self.mission_heads = tuple(data["mission_heads"])
        self.area_unit = re.compile(data["city_area_country"])
        self.birth_labels = rules.place_words.get("birthplace_labels", frozenset())

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        ms = sorted(s.mentions, key=lambda m: m.start)
        text = ctx.text
        out = []
        for i in range(len(ms) - 1):
            a, b = ms[i], ms[i + 1]
            between = text[a.end : b.start]
            address = self._address(ctx, ms, i) if a.type == "City" else None
            if address is not None:
                out.append(Candidate("LOCATED_IN", a, address, s.index, rule="city-address"))
            elif a.type == "City" and b.type == "Country" and (
                self._country_itself(ctx, b)
                or self._known_pair(ctx, a, b)
                or a.source == "city-country"  # read as "<city>, <Country>" by its layer
            ):
                if self.city_country.fullmatch(between) and self._alone(ms, i, text):
                    out.extend([Candidate("LOCATED_IN", a, b, s.index)] * self._agrees(a, b))
            elif a.type == "Country" and a.demonym and b.type == "City":
                if self.adjective_city.fullmatch(between) and self._agrees(b, a):
                    out.append(Candidate("LOCATED_IN", b, a, s.index))
            elif a.type == "Institution" and b.type == "City" and self._mission(a, between):
                out.append(Candidate("LOCATED_IN", a, b, s.index, rule="mission-seat"))
            elif a.type == "Event" and self.event_city.fullmatch(between):
                if self.numbered.search(text[max(0, a.start - 12) : a.start]):
                    continue  # "14th [BRICS summit] (Beijing)": not the event found
                places = self._bracket_places(text, ms, i)
                out.extend(Candidate("LOCATED_IN", a, p, s.index) for p in places)
        return out

    def _bracket_places(self, text: str, ms: list[Mention], i: int) -> list[Mention]:
        """The places in the bracket right after the event at i: its city ("(Elmau, 2022)"),
        the country that closes the bracket after the city ("(Woodstock, United Kingdom)"),
        or a country alone before the year ("(Malta, 2024)"): the bracket says the event
        met there, so its country is the event's too."""
        first = ms[i + 1]
        if first.type == "Country":
            alone = not first.demonym and self.country_close.match(text, first.end)
            return [first] if alone else []
        if first.type != "City":
            return []
        after = ms[i + 2] if i + 2 < len(ms) else None
        closing = (
            after is not None
            and after.type == "Country"
            and not after.demonym
            and self.city_then_bracket_country.fullmatch(text[first.end : after.start])
            and self.bracket_close.match(text, after.end)
        )
        return [first, after] if closing and after is not None else [first]

    def _address(self, ctx: DocumentContext, ms: list[Mention], i: int) -> Mention | None:
        """ "Khimki, Moscow Oblast, Russia", "Shahin Shahr, Isfahan Province, Iran": an
        address or birthplace written city, province, country; the country, if so."""
        city = ms[i]
        country = next((m for m in ms[i + 1 :] if m.type == "Country"), None)
        if country is None or not self._unit_between(ctx.text, city, country.start):
            return None
        itself = self._country_itself(ctx, country) or city.source == "city-country"
        if not itself or not self._agrees(city, country):
            return None
        return country

    def _unit_between(self, text: str, city: Mention, at: int) -> bool:
        """A unit named as one ("Gao Region") between the city and its country, or after a
        place-of-birth label any province's name ("POB: Alagir, North Ossetia, Russian
        Federation"): a birthplace is a town, what follows it its province."""
        between = text[city.end : at]
        if self.admin_unit.fullmatch(between):
            return True
        words = re.findall(r"[\w.]+:?", text[max(0, city.start - 20) : city.start])
        born = bool(words) and words[-1].lower() in self.birth_labels
        return born and bool(self.area_unit.fullmatch(between))

    def _mission(self, body: Mention, between: str) -> bool:
        """ "the Russian Embassy in London", "our High Commission in Ottawa": a diplomatic
        mission is named by the city it sits in (a body's "in" alone is not its seat)."""
        named = any(h in body.name for h in self.mission_heads) and " in " not in body.name
        return named and bool(self.mission_seat.fullmatch(between))

    def _alone(self, ms: list[Mention], i: int, text: str) -> bool:
        """The city and country at i, i+1 are not two items of a list of places."""
        pairs = [(left, left + 1) for left in (i - 1, i + 1) if left >= 0 and left + 1 < len(ms)]
        return not any(
            ms[left].type in PLACES
            and ms[right].type in PLACES
            and self.list_joint.fullmatch(text[ms[left].end : ms[right].start])
            for left, right in pairs
        )

    def _country_itself(self, ctx: DocumentContext, m: Mention) -> bool:
        """The country by its own name, as a noun of its own: not an adjective ("Kenya's
        ...", "the U.S. envoy"), nor a seat that stands for it ("Moscow, Kremlin says")."""
        place = self.gaz.lookup(m.text)
        if m.demonym or place is None or place.type != "Country":
            return False
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return True
        return span.root.dep_ not in ("compound", "amod", "poss", "nmod") and (
            span.root.ent_type_ not in ("ORG", "FAC", "PERSON", "NORP")
        )

    def _known_pair(self, ctx: DocumentContext, city: Mention, country: Mention) -> bool:
        """ "in Port Vila, Vanuatu" where the model calls "Vanuatu" a person: the city table
        puts the city in that very country, named by its own name, which ends the phrase."""
        known = self.gaz.country_of_city(city.name)
        # the country closes the phrase ("Vanuatu, but"): not "In Washington, U.S. Secretary
        # of State X said", "Moscow, Kremlin says"
        # or its line, or a gap of blanks before the next field of a list entry ("POB: Gao,
        # Mali  Nationality: Mali")
        closes = re.match(r"[ \t]*(?:[,.;:)\]\n]|$)| {2,}|\t", ctx.text[country.end : country.end + 3])
        return known is not None and known.name == country.name and not country.demonym and bool(closes)

    def _agrees(self, city: Mention, country: Mention) -> bool:
        known = self.gaz.country_of_city(city.name)
        return known is None or known.name == country.name
