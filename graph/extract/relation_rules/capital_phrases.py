"""LOCATED_IN of a capital a text names by its country only: "a summit in the Ethiopian
capital" in a story datelined ADDIS ABABA, "in Uruguay's capital" in one that names
Montevideo. Where the document names the country's capital as a city elsewhere, that city is
in the country. The capital is the gazetteer's (countryinfo's), never guessed. An event the
phrase places ("a summit in the Nigerian capital") is left alone: on tune such summits had
been resolved to other events (0 right in 6). The words after the country are a pattern in
capital_phrases.toml."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import rule_data
from graph.extract.tables import Gazetteer, Rules
from graph.model import fold


class CapitalPhrases:
    name = "capital-phrase"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.after = re.compile(rule_data(__file__)["capital_after_country"])

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        cities: dict[str, Mention] = {}
        for s in ctx.sentences:
            for m in s.mentions:
                if m.type == "City":
                    cities.setdefault(fold(m.name), m)
        out = []
        for s in ctx.body:
            for country in (m for m in s.mentions if m.type == "Country"):
                tail = self.after.match(ctx.text[country.end : country.end + 40])
                if tail is None or country.demonym != (tail.group(0).lstrip()[:1] == "c"):
                    continue  # "Ethiopian capital", "Uruguay's capital", not "Uruguay capital"
                city = self._capital(country, cities)
                if city is None:
                    continue
                out.append(self._fact(city, country, s))
        return out

    def _capital(self, country: Mention, cities: dict[str, Mention]) -> Mention | None:
        place = self.gaz.lookup(country.name)
        if place is None or place.type != "Country":
            return None
        return next(
            (m for key, m in cities.items() if self.gaz.capitals.get(key) == place.code), None
        )

    def _fact(self, source: Mention, target: Mention, s: Sentence) -> Candidate:
        return Candidate("LOCATED_IN", source, target, s.index, None, self.name, self.confidence)
