"""HOSTED and LOCATED_IN read over a whole document, from what names and places say:

- an event named by its body is organised by that body: "the 43rd ASEAN Summit", "an
  emergency summit of ECOWAS", "the 9430th meeting of the Security Council" (informal
  groupings excepted: rules.toml [hosting] not_organisers);
- the host named as such: "India, as the host", "the host country, Indonesia", an infobox row
  "| Host country | Lithuania |" hosts the event the sentence is about;
- an event held in a city is held in that city's country, which hosts it, where the document
  names the country ("held in Kigali ... Rwanda"); the city is in the country.
Only the document's own event (the first it names) is read: analysts record who hosted what
a document is about, not every summit it recalls.
The host nouns are read only next to the actor, with nothing between but "as the": a verb's
negation ("did not host") is the verb rule's (relations.py hosted_and_located).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.event_names import event_kind
from graph.extract.mentions import Mention, doc_text
from graph.extract.planned_events import only_planned
from graph.extract.tables import Gazetteer, Rules
from graph.model import fold

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Candidate, Sentence

HOSTS = ("Country", "Institution", "City")
# between a host noun and the actor it names: "host country: X", "| **Host country** | X"
_GLUE = r"[\s*|:,—–-]*(?:the\s+)?"


class Hosting:
    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.gaz = gaz
        nouns = "|".join(re.escape(n) for n in rules.host_nouns)
        # "X, as the host", "X, the host nation," "X (host)"
        self.after = re.compile(rf"\s*[,(]\s*(?:as\s+)?(?:the\s+)?(?:{nouns})\b", re.I)
        # "the host country, X", "Host country | X", "as host, X"
        self.before = re.compile(rf"\b(?:{nouns}){_GLUE}$", re.I)

    def find(
        self, sentences: list[Sentence], main: Mention | None, located: list[Candidate]
    ) -> list[Candidate]:
        """Hosts and places of the document's own event (the first it names): analysts record
        who hosted what a document is about, not every summit it recalls in passing."""
        if main is None:
            return []
        # a meeting the document names only as still to come has no host yet to infer
        planned = only_planned(sentences, self._mentions_of(sentences, main))
        out = [] if planned else self.organising_bodies(sentences, main)
        named = self.named_hosts(sentences, main)
        out += named
        places = self.infobox_places(sentences, main)
        stated = _stated_countries(located, named)
        located = [c for c in located if same_event(c.source, main)] + places
        out += places + [
            c
            for c in self.host_countries(sentences, located, stated)
            if not (planned and c.type == "HOSTED")
        ]
        return out

    @staticmethod
    def _mentions_of(sentences: list[Sentence], main: Mention) -> list[tuple[Sentence, Mention]]:
        return [
            (s, m) for s in sentences for m in s.mentions if m.type == "Event" and same_event(m, main)
        ]

    def infobox_places(self, sentences: list[Sentence], main: Mention) -> list[Candidate]:
        """ "| City | Lima |", "Cities: Nusa Dua, Bali": the cities an infobox row gives are
        where the page's own event met."""
        from graph.extract.relations import Candidate

        out = []
        for s in sentences:
            text = doc_text(s.span.doc)
            for m in (m for m in s.mentions if m.type == "City"):
                line_start = text.rfind("\n", 0, m.start) + 1
                if self.rules.place_line.match(text, line_start):
                    out.append(
                        Candidate("LOCATED_IN", main, m, s.index, None, "infobox-place", 0.75)
                    )
        return out

    def organising_bodies(self, sentences: list[Sentence], main: Mention) -> list[Candidate]:
        """The body whose name an event's name carries organised it."""
        from graph.extract.relations import Candidate

        bodies: dict[str, Mention] = {}
        written: dict[str, set[str]] = {}  # every form the document writes a body's name in
        for s in sentences:
            for m in s.mentions:
                if m.type == "Institution" and not m.demonym:
                    bodies.setdefault(m.name, m)
                    written.setdefault(m.name, set()).add(m.text)
        out = []
        seen: set[tuple[str, str]] = set()
        # the event itself first: meeting coverage names it only in the page's header
        # ("SECURITY COUNCIL / 9086TH MEETING (AM)") and the body says "the meeting"
        named = [(main.sent, main)] + [
            (s.index, m) for s in sentences for m in s.mentions if m.type == "Event"
        ]
        for index, ev in named:
            if not same_event(ev, main) or ev.source == "generic-event":
                continue  # "the summit": its own mention says nothing of a body
            body = self._body_in_name(ev, bodies, written)
            if body is not None and (body.name, ev.name) not in seen:
                seen.add((body.name, ev.name))
                out.append(Candidate("HOSTED", body, ev, index, None, "named-body", 0.7))
        return out

    def _body_in_name(
        self, ev: Mention, bodies: dict[str, Mention], written: dict[str, set[str]]
    ) -> Mention | None:
        """The one body a name holds as whole words: its name or a form the gazetteer knows
        ("ASEAN" in "43rd ASEAN Summit"), the longest when one holds another ("Security
        Council" before "Council"). A "body" ending in the event's own kind word is the
        event's name misread as a body ("G20 Foreign Ministers' Meeting" in "First G20
        Foreign Ministers' Meeting"); "Pacific Islands Forum" still names a leaders' meeting."""
        words = f" {fold(ev.text)} | {fold(ev.name)} "
        kind = event_kind(ev, self.rules)
        fits = []
        for name, body in bodies.items():
            forms = {name, *written[name], *self.gaz.forms(name)}
            if any(fold(f) in self.rules.not_organisers for f in forms):
                continue
            if fold(name).split()[-1:] == [kind]:
                continue  # "G20 Foreign Ministers' Meeting" read as a body: the event itself
            hit = max((len(f) for f in forms if f and _holds(words, f)), default=0)
            if hit:
                fits.append((hit, body))
        if not fits:
            return None
        fits.sort(key=lambda f: -f[0])
        if len(fits) > 1 and fits[0][0] == fits[1][0]:
            return None  # two bodies as long: the name does not say which
        return fits[0][1]

    def named_hosts(self, sentences: list[Sentence], main: Mention) -> list[Candidate]:
        """ "India, as the host", "the host country, Indonesia": the actor hosts the
        document's event."""
        from graph.extract.relations import Candidate

        out = []
        for s in sentences:
            event = next((m for m in s.mentions if m.type == "Event" and same_event(m, main)), main)
            text = doc_text(s.span.doc)
            for m in s.mentions:
                if m.type not in HOSTS or m.demonym:
                    continue
                cue = self.after.match(text, m.end, s.span.end_char) or self.before.search(
                    text, s.span.start_char, m.start
                )
                if cue is None:
                    continue  # the cue's words allow no negation: "as the host", "host country"
                out.append(Candidate("HOSTED", m, event, s.index, None, "host-named", 0.7))
        return out

    def host_countries(
        self,
        sentences: list[Sentence],
        located: list[Candidate],
        stated: frozenset[str] = frozenset(),
    ) -> list[Candidate]:
        """An event held in a city is held in the city's country, which hosts it, where the
        document names that country (the LOCATED_IN only where the text says so: `stated`,
        see _stated_countries). The city itself is placed in its country only where
        the text says so (place_appositions.py: "Kigali, Rwanda", "Santo Domingo, the
        capital of the Dominican Republic"), not from the gazetteer: the annotation records
        what the text states ("Bandung", "Seoul" named alone are in no country)."""
        from graph.extract.relations import Candidate

        countries: dict[str, Mention] = {}
        for s in sentences:
            for m in s.mentions:
                if m.type == "Country":
                    countries.setdefault(m.name, m)
        out = []
        for c in located:
            if c.source.type != "Event" or c.target.type != "City":
                continue
            country = self._country_of(c.target, countries)
            if country is None:
                continue
            # the event is in the country only where the text says so: its city placed there
            # ("Kigali, Rwanda", "Santo Domingo, the capital of the Dominican Republic") or
            # the country named its host ("Host country: X"); a story that names the country
            # elsewhere ("Peru's president", "talks in Lima") states no more than the city
            if c.target.name + "|" + country.name in stated or country.name in stated:
                out.append(
                    Candidate("LOCATED_IN", c.source, country, c.sent, None, "city-country", 0.7)
                )
            out.append(Candidate("HOSTED", country, c.source, c.sent, None, "host-country", 0.65))
        return out

    def _country_of(self, city: Mention, countries: dict[str, Mention]) -> Mention | None:
        country = self.gaz.country_of_city(city.name)
        return countries.get(country.name) if country is not None else None


def _stated_countries(located: list[Candidate], hosts: list[Candidate]) -> frozenset[str]:
    """What the text itself says of the countries an event may be in: "city|country" for a
    city the sentence rules placed in its country, and the name of a country named as host."""
    cities = {
        f"{c.source.name}|{c.target.name}"
        for c in located
        if c.source.type == "City" and c.target.type == "Country"
    }
    return frozenset(cities | {c.source.name for c in hosts if c.source.type == "Country"})


def _holds(words: str, form: str) -> bool:
    return re.search(rf"\b{re.escape(fold(form))}\b", words) is not None


def same_event(a: Mention, b: Mention) -> bool:
    """Two mentions of one event: the same key, else the same name."""
    return (a.key is not None and a.key == b.key) or fold(a.name) == fold(b.name)
