"""Mentions → entities: one node per real-world actor, within a document and across the
store. Every join has a rule with a name, kept on the node (`resolved_by`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from graph.blocking import (
    agency_core,
    event_key,
    initials,
    name_keys,
    name_tokens,
    node_keys,
    phonetic,
    spells,
    unprefixed,
)
from graph.body_forms import owner_first
from graph.cross_document import (
    given_names_disagree,
    known_given_name,
    organ_state_kept,
    short_state_organ,
    sound_alike_only,
)
from graph.extract.data_files import data_file
from graph.extract.event_variants import PLACE_FORM
from graph.extract.mentions import Mention
from graph.extract.name_rules import load_name_rules
from graph.extract.pipeline import Extraction
from graph.extract.placed_bodies import seat_in_name
from graph.extract.tables import Place, load_gazetteer, load_rules
from graph.extract.titled_forms import TITLE_BEFORE, TITLED_FORM
from graph.model import Edge, Evidence, GraphData, Node, edge_id, fold, node_id, post_key, slug
from graph.organ_portfolios import join_state_organs
from graph.patronymics import join_patronymic_forms
from graph.regnal_names import first_word_only, mark_regnal, regnal_fits, regnal_title
from graph.schema import DOCUMENT, MENTIONS, Schema
from graph.short_names import (
    demonym_head,
    drop_surname_pairs,
    join_bare_words,
    join_defined_short_forms,
    join_name_halves,
    join_possessives,
    person_shaped_body,
    state_adjective_head,
)
from graph.titled_names import office_holders, without_honorifics
from graph.topic_bodies import topic_prefix

if TYPE_CHECKING:
    from nicknames import NickNamer


# props of a mention that say how it was written, not what the actor is: no node property
_MENTION_ONLY_PROPS = frozenset({"kind", "line", "coverage", PLACE_FORM, TITLED_FORM, TITLE_BEFORE})


@dataclass
class Cluster:
    type: str
    name: str
    key: str | None
    mentions: list[Mention] = field(default_factory=list)
    props: dict[str, str] = field(default_factory=dict)
    rules: set[str] = field(default_factory=set)
    node_id: str = ""

    @property
    def surfaces(self) -> set[str]:
        texts = {m.text for m in self.mentions if m.source != "generic-event" and not m.demonym}
        # "the G20 summit in Bali": an event's written form with its city (event_variants.py)
        return texts | {
            m.props[PLACE_FORM]
            for m in self.mentions
            if PLACE_FORM in m.props and m.source != "generic-event"
        }

    @property
    def titled_forms(self) -> set[str]:
        """ "President Macri": a surname as written with its title (titled_forms.py), kept as
        an alias of the node only, never a name to match another cluster or node by."""
        return {m.props[TITLED_FORM] for m in self.mentions if TITLED_FORM in m.props}


_tokens = name_tokens


def person_contains(short: str, long: str) -> bool:
    """ "Putin" ⊂ "Vladimir Putin", "Jorge Rodriguez" ⊂ "Jorge Rodríguez Gómez"."""
    s, lg = _tokens(short), _tokens(long)
    if not s or len(s) >= len(lg):
        return False
    if not set(s) <= set(lg):
        return False
    if _given_name_tail(s[-1], long):
        return False  # "Yoon" is not "Sung Tae-yoon"
    return s[-1] in lg[1:]


def _given_name_tail(word: str, long: str) -> bool:
    """Whether a folded word is only the end of a hyphenated given name of `long` ("yoon" of
    "Sung Tae-yoon", "in" of "Moon Jae-in"), which a surname alone never stands for."""
    return any(re.search(r"-[a-z]", w) and word in _tokens(w) for w in long.split())


def same_word(a: str, b: str) -> bool:
    """One name word in two spellings: equal, or alike in sound and letters."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:  # "Wong" / "Wang": in a short word one letter is a name;
        return _undoubled(a) == _undoubled(b)  # "Sisi" / "Sissi" is a spelling
    return phonetic(a) == phonetic(b) and fuzz.ratio(a, b) >= 75


def _undoubled(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word)


def person_variant(a: str, b: str) -> bool:
    """Two writings of one name: "Muammar Gaddafi" / "Muammar Qaddafi", "Mohamed Abdel-Aziz"
    / "Mohammed Abdelaziz", "Zelensky" / "Volodymyr Zelenskyy" (a surname in another
    spelling)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb or ta == tb:
        return False
    if len(ta) > len(tb):
        ta, tb = tb, ta
    if len(ta) == 1:
        long = b if len(_tokens(b)) > 1 else a
        if _given_name_tail(tb[-1], long):
            return False
        if ta[0] != tb[-1] and known_given_name(ta[0]):
            return False  # "Peter" is a given name, no spelling of the surname "Petro"
        return len(tb) > 1 and same_word(ta[0], tb[-1]) and len(ta[0]) >= 4
    if not same_word(ta[0], tb[0]):
        return False
    # "Kirill Zhuravlyov" / "Kirill Sergeevich Zhuravlev": the patronymic left out, the
    # surname transliterated another way
    patronymic_left_out = len(ta) == 2 and len(tb) == 3 and ta[0] == tb[0] and len(ta[1]) >= 4
    if patronymic_left_out and fuzz.ratio(ta[1], tb[2]) >= 80:
        return True
    return same_word("".join(ta[1:]), "".join(tb[1:]))


def surname_first(short: str, long: str) -> bool:
    """ "Li" of "Li Qiang", "Moon" of "Moon Jae-in": East Asian names put the surname first,
    and later mentions keep it."""
    s, lg = _tokens(short), _tokens(long)
    return len(s) == 1 and 2 <= len(lg) <= 3 and s[0] == lg[0]


def given_name_for(short: str, long: str) -> bool:
    """ "Lloyd" / "Matt" / "Tony" of "Lloyd J. Austin III", "Matthew Miller", "Antony J.
    Blinken": a person called by the given name alone or by its usual short form (the
    nicknames package's curated table of English names), as briefers and hosts address
    each other; "Joe Biden" / "Joseph R. Biden" with the surname kept."""
    s, lg = _tokens(short), _tokens(long)
    if not s or len(lg) < 2 or len(s) >= len(lg):
        return False
    if len(s) > 1 and not (s[-1] == lg[-1] and set(s[1:]) <= set(lg[1:])):
        return False
    return s[0] == lg[0] or any(same_word(full, lg[0]) for full in _full_names_of(s[0]))


def given_initials(short: str, long: str) -> bool:
    """ "S. Jaishankar" / "Subrahmanyam Jaishankar", "M. K. Stalin" / "Muthuvel Karunanidhi
    Stalin": the given names written as initials (South Asian usage, bylines, lists), the
    surname whole. Each given word of the short form is an initial or a word of the long
    one, in the long one's order, the first standing for the first."""
    s, lg = _tokens(short), _tokens(long)
    if len(s) < 2 or len(lg) < 2 or s[-1] != lg[-1] or s == lg:
        return False
    given, full = s[:-1], lg[:-1]
    if not any(len(w) == 1 for w in given) or not full[0].startswith(given[0]):
        return False
    rest = iter(full)
    return all(any(w == f or (len(w) == 1 and f.startswith(w)) for f in rest) for w in given)


@cache
def _full_names_of(nickname: str) -> frozenset[str]:
    return frozenset(_nick_namer().canonicals_of(nickname)) if len(nickname) >= 3 else frozenset()


@cache
def _nick_namer() -> NickNamer:
    from nicknames import NickNamer  # reads its table of names: only when a name asks

    return NickNamer()


def body_variant(short: str, long: str) -> bool:
    """ "IRGC" / "Islamic Revolutionary Guard Corps", "Treasury" / "Department of the
    Treasury", "Commerce Department" / "Department of Commerce", "Security Council" /
    "U.N. Security Council"."""
    fs, fl = fold(short), fold(long)
    if fs == fl:
        return False
    if " " not in fs and short.isupper() and (fs == initials(long) or spells(fs, long)):
        return True
    if " " not in fs and fl.split(" of ")[0] == fs and " of " in fl:
        return True  # "Commonwealth" of "Commonwealth of Nations"
    if len(fs.split()) >= 2 and fl.endswith(" " + fs) and len(fl.split()) == len(fs.split()) + 1:
        return True  # "National Police" of "Haitian National Police"
    core_s, core_l = agency_core(short) or (fs if " " not in fs else None), agency_core(long)
    if core_l and core_s == core_l:
        return True
    return len(fs.split()) >= 2 and fs == unprefixed(long)


def institution_contains(short: str, long: str) -> bool:
    """ "National Assembly of People's Power" ⊂ "... of People's Power of Cuba"."""
    s, lg = fold(short).split(), fold(long).split()
    if len(s) < 3 or len(s) >= len(lg) or lg[: len(s)] != s:
        return False
    if re.match(re.escape(short.strip()) + r"\s*[-–]", long.strip()):
        return False  # "Islamic Revolutionary Guard Corps-Qods Force" is a unit of the Corps
    # "Pacific Islands Forum Secretariat" is an organ of the Forum, not its full name
    heads = load_rules().part_heads
    rest = lg[len(s) :]  # "... Forum Fisheries Committee": an organ; "... of the X Council": a home
    return rest[0] not in heads and ("of" in rest or rest[-1] not in heads)


def institution_tail(short: str, long: str) -> bool:
    """ "General Assembly" of "United Nations General Assembly", "Forum Secretariat" of
    "Pacific Islands Forum Secretariat": a body's name without the words that lead it, as a
    document writes it again. Within one document only, and only when one name fits."""
    s, lg = fold(short).split(), fold(long).split()
    words = long.split()
    if len(s) == 1 and len(words) == 2 and fold(words[1]) == s[0]:
        # "Treasury" of "U.S. Treasury", "Army" of "US Army": a country written short and
        # one head word; the head alone names that body again
        return _short_country(words[0]) is not None
    if len(s) < 2 or len(lg) <= len(s) or lg[-len(s) :] != s or "of" in lg:
        return False  # "European Union" is no tail of "Council of the European Union"
    return lg[-len(s) - 1] not in ("and", "&", "for", "on")  # "Peace and Security Council"


def department_short_form(short: str, long: str) -> bool:
    """ "U.S. Treasury" / "U.S. Army" of "U.S. Department of the Treasury", "Department of the
    Army": a country written short and a head word name the department of that word."""
    words = short.split()
    place = _short_country(words[0]) if len(words) == 2 else None
    if place is None:
        return False
    lg = fold(long).split()
    # the long name's own country written short ("U.S.", "US") is no word of its own
    country = {w for w in lg if len(w) <= 3 and load_gazetteer().lookup(w) == place}
    rest = [w for w in lg if len(w) > 1 and w not in country | {"department", "of", "the"}]
    return "department" in lg and rest == [fold(words[1])]


def _short_country(word: str) -> Place | None:
    """ "U.S.", "US", "UK": a country written in three letters or fewer, as a body's name
    starts with it; None for any other word."""
    if len(word.replace(".", "")) > 3:
        return None
    place = load_gazetteer().lookup(word)
    return place if place is not None and place.type == "Country" else None


def join_score(short: str, long: str) -> float:
    """How alike two names a rule joined are, kept with the rule: 1.0 for an acronym spelled
    by the long name's initials, else how well each word of the short name matches its
    likest word of the long one (rapidfuzz's ratio, averaged): "Putin" in "Vladimir Putin"
    1.0, "Zelensky" / "Volodymyr Zelenskyy" 0.94."""
    fs = fold(short).replace(" ", "")
    if fs and fs == initials(long):
        return 1.0
    words, other = fold(short).split(), fold(long).split()
    if not words or not other:
        return 0.0
    return sum(max(fuzz.ratio(w, o) for o in other) for w in words) / len(words) / 100


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def same_event(a: str | None, b: str | None) -> bool:
    """Event keys are "title|kind|year": equal titles and kinds, and no two different years.
    A key numbered with its ordinal ("g7|summit|48th") is that session alone: it joins only
    its own number, never a key without one, which would make "the G7 summit" of one story
    the hub that the 48th, 49th and 50th summits of an encyclopedia page all fall into."""
    if not a or not b:
        return False
    pa, pb = a.split("|"), b.split("|")
    if pa[:2] != pb[:2]:
        return False
    ya, yb = pa[2] if len(pa) > 2 else "", pb[2] if len(pb) > 2 else ""
    if _ORDINAL.fullmatch(ya) or _ORDINAL.fullmatch(yb):
        return ya == yb
    return not ya or not yb or ya == yb


def _other_event(c: Cluster, n: Node) -> bool:
    """Two events of one name in two documents are two events when their keys say so: "the
    G20 summit" of a 2022 story and of a 2024 one."""
    other = n.properties.get("key")
    return c.type == "Event" and bool(c.key and other) and not same_event(c.key, str(other))


def _strip_the(name: str) -> str:
    return re.sub(r"^the\s+", "", fold(name))


def document_id(name: str) -> str:
    return f"doc:{slug(name)}"


class Resolver:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.gaz = load_gazetteer()
        self.rules = load_rules()
        self.seat_heads = load_name_rules().placed_body_heads
        # territories that are no state (rules.toml [names] territories, folded): a body named
        # by one's adjective ("Sahrawi") is no organ of it, and it is no actor of its own
        self.territories = load_name_rules().territories
        # states with no "Ministry" of their own: a ministry in their documents is another's
        self.department_states = frozenset(data_file("department_states")["states"])
        # parties and churches: named by their country, never its organs
        self.stateless_words = frozenset(data_file("stateless_bodies")["words"])
        # a country's adjectives, for finding it inside a name ("the Dutch parliament")
        self.adjectives: dict[str, list[str]] = {}
        for adjective, place in self.gaz.demonyms.items():
            self.adjectives.setdefault(place.name, []).append(adjective)
        # curation's hook (graph/curation/curator.py): ids an analyst said are not the same
        self.keep_apart: Callable[[str, str], bool] = lambda a, b: False

    def candidate_keys(self, extraction: Extraction) -> set[str]:
        """The blocking keys of every mention: the store answers with the known actors that
        share one, which are all that `resolve` may match against."""
        keys: set[str] = set()
        for m in extraction.mentions:
            keys |= name_keys(m.type, m.name) | name_keys(m.type, m.text)
            if m.type == "Event":
                keys |= event_key(m.key)
        return keys

    def _cluster(self, mentions: Iterable[Mention]) -> list[Cluster]:
        clusters: dict[tuple[str, str], Cluster] = {}
        for m in mentions:
            if m.type == "Person":
                key = " ".join(_tokens(m.name))
            elif m.key:
                key = m.key
            else:
                key = _strip_the(m.name)
            c = clusters.get((m.type, key))
            if c is None:
                c = clusters[(m.type, key)] = Cluster(m.type, m.name, m.key)
            c.mentions.append(m)
            c.props.update(m.props)
            if m.type in ("Person", "Institution") and len(m.name) > len(c.name):
                c.name = m.name
        items = list(clusters.values())
        items = join_defined_short_forms(join_possessives(drop_surname_pairs(items)))
        items = self._join_across_types(items)
        # surname-only and shortened forms join the one full name they fit
        for kind, contains, rule in (
            ("Person", given_initials, "initials"),  # first: "Jaishankar" then fits one
            ("Person", person_contains, "surname"),
            ("Person", person_variant, "transliteration"),
            ("Person", surname_first, "surname-first"),
            ("Person", given_name_for, "given name"),
            ("Institution", institution_contains, "prefix"),
            ("Institution", topic_prefix, "topic prefix"),  # in-document only: no index rule
            ("Institution", body_variant, "short-form"),
            ("Institution", institution_tail, "tail"),
            ("Institution", department_short_form, "department"),
            ("Institution", owner_first, "owner first"),
            ("Institution", demonym_head, "demonym-head"),
            ("Institution", state_adjective_head, "state-head"),
        ):
            group = sorted((c for c in items if c.type == kind), key=lambda c: len(c.name))
            for short in group:
                if not short.mentions or first_word_only(rule, short.props):
                    continue  # joined already: a symmetric rule must not join it back
                fits = [  # a short form joins a name as long or longer, never the reverse
                    c
                    for c in group
                    if c is not short
                    and c.mentions
                    and len(c.name) >= len(short.name)
                    and contains(short.name, c.name)
                ]
                if rule == "surname":  # "Prime Minister Morrison" is not "Mrs Jenny Morrison"
                    fits = office_holders(short, fits, given_name_for)
                if len({id(c) for c in fits}) == 1:
                    target = fits[0]
                    target.mentions += short.mentions
                    score = join_score(short.name, target.name)
                    target.rules.add(f"{rule}: {short.name} → {target.name} ({score:.2f})")
                    short.mentions = []
            items = [c for c in items if c.mentions]
        # "Sergey Viktorovich" for "Sergey Lavrov": longer than the name it joins
        return join_bare_words(join_patronymic_forms(items, same_word))

    @staticmethod
    def _join_across_types(items: list[Cluster]) -> list[Cluster]:
        """One actor typed two ways in a document: a name the model read as a body or a
        place ("Faki", "Joko Widodo") that is a person's name or surname joins the person;
        a "person" whose name a body pattern or the gazetteer gave as a body joins the body."""
        people = [c for c in items if c.type == "Person"]
        trusted = ("gazetteer", "pattern", "company", "acronym-def", "defined-alias")
        for c in items:
            if c.type not in ("Institution", "City") or not c.mentions:
                continue
            if any(m.source in trusted for m in c.mentions):
                body = next((p for p in people if fold(p.name) == fold(c.name)), None)
                if body is not None:  # "Zindashti Network" read as a person too
                    c.mentions += body.mentions
                    c.rules.add(f"type: {body.name} is a body")
                    body.mentions = []
                continue
            if c.type == "City" and Resolver._model_person_is_place(c, people):
                continue
            bare = without_honorifics(c.name)  # "the Honorable Rex Tillerson" read as a body
            fits = [
                p
                for p in people
                if p.mentions
                and (
                    fold(p.name) == fold(bare)
                    or person_contains(bare, p.name)
                    or (c.type == "Institution" and surname_first(c.name, p.name))  # "Wang"
                )
            ]
            fits.sort(key=lambda p: len(p.name))
            if (
                fits
                and all(  # "Maduro" and "Nicolás Maduro" are one person
                    fold(f.name) == fold(fits[-1].name) or person_contains(f.name, fits[-1].name)
                    for f in fits[:-1]
                )
            ):
                fits[-1].mentions += c.mentions
                fits[-1].rules.add(f"type: {c.name} is {fits[-1].name}")
                c.mentions = []
        Resolver._join_body_tails(items)
        return [c for c in items if c.mentions]

    @staticmethod
    def _model_person_is_place(city: Cluster, people: list[Cluster]) -> bool:
        """A place the grammar placed ("in Nusa Dua", a dateline) that the model also reads
        as a person elsewhere, by the same name and with no title or list of people behind
        it: one place, and the person's mentions join it."""
        same = [p for p in people if p.mentions and fold(p.name) == fold(city.name)]
        if len(same) != 1 or any(
            m.source != "person" or TITLE_BEFORE in m.props  # "President Jokowi": a person
            for m in same[0].mentions
        ):
            return False
        city.mentions += same[0].mentions
        city.rules.add(f"type: {same[0].name} is a place")
        same[0].mentions = []
        return True

    @staticmethod
    def _join_body_tails(items: list[Cluster]) -> None:
        """ "Dream" after "Georgian Dream", "National Police" after "Haitian National Police":
        the end of one body's name that the model read as a person is that body, unless a
        person of the document bears it as a name."""
        bodies = [c for c in items if c.type == "Institution" and c.mentions]
        people = [c for c in items if c.type == "Person" and c.mentions]
        named = (
            "speaker",
            "listed-person",
            "byline",
            "titled-name",
            "surname-first-entry",
            "name-field",
        )
        honorifics = load_rules().honorifics
        for c in people:
            words = fold(c.name).split()
            if any(m.source in named for m in c.mentions) or any(
                p is not c and set(words) <= set(fold(p.name).split()) for p in people
            ):
                continue
            fits = [
                b
                for b in bodies
                if len(fold(b.name).split()) > len(words)
                and fold(b.name).split()[0] not in honorifics  # "Rt Hon David Lammy"
                and fold(b.name).split()[-len(words) :] == words
            ]
            if len(fits) == 1:
                if person_shaped_body(fits[0]):  # "Kassym-Jomart Tokayev", then "Tokayev"
                    fits[0].type = "Person"
                    fits[0].rules.add(f"type: {fits[0].name} is a person, {c.name}")
                fits[0].mentions += c.mentions
                fits[0].rules.add(f"type: {c.name} is the end of {fits[0].name}")
                c.mentions = []

    def _match_existing(
        self,
        c: Cluster,
        index: list[Node],
        home: str | None = None,
        countries: frozenset[str] = frozenset(),
    ) -> Node | None:
        names = {fold(c.name)} | {fold(s) for s in c.surfaces}
        same_type = [n for n in index if n.type == c.type]
        if c.type in ("Country", "City", "Region") and self.gaz.lookup(c.name) is not None:
            # a place the gazetteer names is that place: a junk alias another document gave
            # a node ("Sanctions" on both Iran and Russia) must not pull it into that node
            own = node_id(c.type, c.name)
            return next((n for n in same_type if n.id == own), None)
        if c.type == "Event" and c.key:
            hit = next((n for n in same_type if same_event(n.properties.get("key"), c.key)), None)
            if hit:
                return hit
        if c.type == "Person":  # "Peter O'Neill" is not "Jim O'Neill", whatever both wrote
            full = _tokens(c.name)
            same_type = [
                n
                for n in same_type
                if not given_names_disagree(full, _tokens(n.name), same_word)
                and regnal_fits(c.props, n.properties)  # "Pope Francis" is no "Dennis Francis"
            ]
        if c.type == "Institution":  # "Ministry of Interior" is not Georgia's ministry
            named = self._state_in_name(c.name)
            owners = {named} if named else ({home} if home else set(countries))
            if not owners and short_state_organ(c.name):
                return None  # "the Ministry of Foreign Affairs" of no known state: whose?
            same_type = [n for n in same_type if self._organ_state_fits(n, owners)]
            if named is None and short_state_organ(c.name):  # "the Foreign Office": whose?
                same_type = [n for n in same_type if n.properties.get("state") in owners | {None}]
            seat = seat_in_name(c.name, self.seat_heads)  # the embassy in London is not ...
            if seat is not None:  # ... the embassy in Washington
                same_type = [
                    n for n in same_type if seat_in_name(n.name, self.seat_heads) in (seat, None)
                ]
        for n in same_type:
            known = {fold(n.name)} | {fold(a) for a in n.aliases}
            if names & known and not _other_event(c, n):
                return n
        rules = {
            "Person": (person_contains, person_variant),
            "Institution": (institution_contains, body_variant),
        }.get(c.type)
        if rules is None:
            return None
        if c.type == "Person" and regnal_title(c.props) is not None:
            return None  # "King Abdullah": a name no surname of another document's person is
        fits = [
            n
            for n in same_type
            if any(r(c.name, n.name) or r(n.name, c.name) for r in rules)
            and not (c.type == "Person" and sound_alike_only(c.name, n.name))
        ]
        return fits[0] if len(fits) == 1 else None

    def _own_key(self, c: Cluster, name: str, state: str | None, doc_id: str) -> str:
        """What a new node's id is made of: its name (an event's key), except for a state
        organ named as every state names it ("Ministry of Foreign Affairs"), whose id
        says its state, or with no state known its document: two states' ministries, or
        two briefings' of no known state, are two nodes, not one by their one name."""
        if c.type == "Event" and c.key:
            return c.key
        if c.type != "Institution" or not short_state_organ(name):
            return name
        if self._state_in_name(name) is not None:
            return name
        return f"{name} of {state}" if state else f"{name} in {doc_id}"

    def _organ_state_fits(self, n: Node, owners: set[str]) -> bool:
        """Whether a known body may be of one of the states a body of this document is of:
        a body whose name says its state, only that state's; a state organ known without
        any state ("Ministry of Foreign Affairs" of a briefing whose state nobody read),
        no body of another document, since every state has one."""
        state = self._state_in_name(n.name)
        if state is not None:
            return state in owners
        if not organ_state_kept(n.name):
            return True
        return n.properties.get("state") in owners

    def resolve(
        self,
        extraction: Extraction,
        doc_id: str,
        doc_props: dict[str, object],
        index: list[Node],
    ) -> GraphData:
        mark_regnal(extraction.mentions, extraction.sentences)
        clusters = self._cluster(extraction.mentions)
        join_state_organs(clusters, self._state_in_name, extraction.home, join_score)
        clusters = [c for c in clusters if c.mentions]
        join_name_halves(clusters, extraction.sentences)
        clusters = [c for c in clusters if c.mentions]
        by_mention: dict[int, Cluster] = {}
        graph = _DocumentGraph(self.schema, doc_id, extraction.sentences)
        blocks = _Blocks(index)
        countries = frozenset(m.name for m in extraction.mentions if m.type == "Country")
        for c in clusters:
            home = _home_of(c, extraction.mentions, extraction.home)
            # a state organ written short in a document of no home ("Ministry of Interior"
            # in a briefing whose state nobody read) is of no state the text names
            states = countries if extraction.home or not short_state_organ(c.name) else None
            self._add_cluster_node(graph, c, blocks.sharing(c), (home, states or frozenset()))
            for m in c.mentions:
                by_mention[id(m)] = c
        graph.add_document(doc_props)
        self._mention_edges(graph, extraction, by_mention)
        self._candidate_edges(graph, extraction, clusters, by_mention)
        for part, whole, si in extraction.part_of:
            a, b = by_mention.get(id(part)), by_mention.get(id(whole))
            if a and b:
                ev = graph.fact(extraction.sentences[si], "of-body", 0.8)
                graph.add_edge("PART_OF", a.node_id, b.node_id, ev)
        for c in clusters:
            home = _home_of(c, extraction.mentions, extraction.home)
            self._edges_from_name(graph, c, clusters, home, index)
        self._agency_state_sanctions(graph)
        graph.event_locations()
        graph.fold_bare_posts()
        return GraphData(nodes=list(graph.nodes.values()), edges=list(graph.edges.values()))

    def _add_cluster_node(
        self,
        graph: _DocumentGraph,
        c: Cluster,
        index: list[Node],
        owners: tuple[str | None, frozenset[str]] = (None, frozenset()),
    ) -> None:
        """The cluster's node: a known actor it matches (unless an analyst kept them
        apart), or a new one; its aliases, rules and properties. A body named without its
        state matches a known body of a state only if that state is the document's home
        (or, with no home, one the document names)."""
        existing = self._match_existing(c, index, *owners)
        own = node_id(c.type, self._own_key(c, c.name, owners[0], graph.doc_id))
        if existing is not None and self.keep_apart(own, existing.id):
            existing = None
        name = c.name
        if existing is not None:
            c.node_id = existing.id
            if c.type not in ("Person", "Institution") or len(existing.name) >= len(name):
                name = existing.name  # the first document's name stands, unless shorter
        else:
            c.node_id = node_id(c.type, self._own_key(c, name, owners[0], graph.doc_id))
        forms = set(c.surfaces)
        if c.type == "Person":
            forms |= c.titled_forms
        if c.type == "Institution":
            forms |= {undotted(s) for s in forms | {name}}
            forms |= {
                long + s[len(short) :]  # "U.N. Security Council": "United Nations Security ..."
                for s in forms | {name}
                for short, long in self.rules.body_prefix_expansions
                if s.startswith(short + " ")
            }
        aliases = sorted(s for s in forms if fold(s) != fold(name))
        props: dict[str, object] = {
            k: v for k, v in c.props.items() if k not in _MENTION_ONLY_PROPS
        }
        if c.type == "Event" and c.key:
            props["key"] = c.key
        if existing is None and c.type == "Institution" and organ_state_kept(name):
            state = self._state_in_name(name) or owners[0]
            if state:  # the state this organ is of, for its short form in other documents
                props["state"] = state
        if c.rules:
            props["resolved_by"] = sorted(c.rules)
        place = self.gaz.lookup(name) if c.type in ("Country", "City") else None
        if place is not None and place.code:
            props["country_code"] = place.code
        if existing is not None:
            # a longer name from this document renames the node: the name the earlier
            # documents wrote ("Filipe Nyusi" before "Filipe Jacinto Nyusi") stays an alias
            renamed = {c.name, existing.name} - {name}
            aliases = sorted(set(aliases) | set(existing.aliases) | renamed)
        node = graph.nodes.get(c.node_id)
        if node is None:
            graph.nodes[c.node_id] = Node(
                id=c.node_id, type=c.type, name=name, aliases=aliases, **props
            )
        else:  # two clusters met in one existing node
            node.aliases = sorted(set(node.aliases) | set(aliases))

    @staticmethod
    def _mention_edges(
        graph: _DocumentGraph, extraction: Extraction, by_mention: dict[int, Cluster]
    ) -> None:
        """The document MENTIONS each actor, with the sentence of every mention."""
        for m in extraction.mentions:
            mentioned = by_mention.get(id(m))
            if mentioned is None:
                continue
            start, end, text, date = graph.sentence_at(m.start)
            if m.source == "byline":  # the byline is no sentence of the story
                text, date = m.props["line"], None
            ev = Evidence(
                document=graph.doc_id,
                sentence=_squash(text),
                start=m.start,
                end=m.end,
                date=date,
                text=m.text,
            )
            graph.add_edge(MENTIONS, graph.doc_id, mentioned.node_id, ev)

    def _candidate_edges(
        self,
        graph: _DocumentGraph,
        extraction: Extraction,
        clusters: list[Cluster],
        by_mention: dict[int, Cluster],
    ) -> None:
        """The relations the rules read, between the nodes their mentions resolved to."""
        for cand in extraction.candidates:
            a, b = by_mention.get(id(cand.source)), by_mention.get(id(cand.target))
            if a is None or b is None:
                # the candidate may point at an equal mention object of a generic reference
                a = a or self._find(clusters, cand.source)
                b = b or self._find(clusters, cand.target)
            if a is None or b is None:
                continue
            row = extraction.sentences[cand.sent]
            ev = graph.fact(row, cand.rule or cand.type.lower(), cand.confidence)
            graph.add_edge(cand.type, a.node_id, b.node_id, ev, cand.role)

    def _edges_from_name(
        self,
        graph: _DocumentGraph,
        c: Cluster,
        clusters: list[Cluster],
        home: str | None,
        index: list[Node],
    ) -> None:
        """What a name says: "National Assembly of the Republic of Nicaragua" and "the
        Russian Federal Service for ..." are bodies of their country, "AU Commission" is part
        of the AU, "Saint Petersburg International Economic Forum" takes place where it
        says."""
        name = graph.nodes[c.node_id].name
        if c.type == "Institution":
            place = self._place_after_of(name)
            if place is None:
                firsts = [x.text.split()[0] for x in c.mentions if x.text.split()]
                place = next((self.gaz.demonyms[w] for w in firsts if w in self.gaz.demonyms), None)
            if place is None:
                place = self._plural_adjective(name)
            if place is None:
                place = self._state_of_body(name, home)
            if place is None:
                place = self._state_by_organ(name, clusters)
            outlet = all(m.source == "questioner-outlet" for m in c.mentions)
            stateless = outlet or name in self.gaz.movements or self._party_or_church(name)
            territory = place is not None and fold(place.name) in self.territories
            if place is not None and place.type == "Country" and not stateless and not territory:
                # a news outlet ("Press Trust of India"), an armed movement ("Democratic
                # Forces for the Liberation of Rwanda"), a party or a church ("Chinese
                # Communist Party") is no organ of its country
                self._link_place(graph, c, place, "PART_OF", index)
            self._seat_in_name(graph, c, index)
            parent = self._parent_body(name, clusters, tuple(c.mentions))
            if parent is not None and parent.node_id != c.node_id:
                row = graph.sentence_at(c.mentions[0].start)
                graph.add_edge(
                    "PART_OF", c.node_id, parent.node_id, graph.fact(row, "name-body", 0.7)
                )
        elif c.type == "Event":
            place = self._city_first_in_name(name, clusters)
            if place is not None:
                self._link_place(graph, c, place, "LOCATED_IN", index)

    def _party_or_church(self, name: str) -> bool:
        """ "Chinese Communist Party", "Russian Orthodox Church": a body its country's name
        or adjective names, yet no organ of the state (data/stateless_bodies.toml)."""
        return bool(self.stateless_words & set(re.split(r"[\s-]+", name)))

    def _city_first_in_name(self, name: str, clusters: list[Cluster]) -> Place | None:
        """ "Saint Petersburg International Economic Forum", "Munich Security Conference":
        an event named after its city, one the gazetteer knows or the document names as a
        city ("Kigali Summit on Malaria" where the story says "in Kigali")."""
        words = name.split()
        cities = {c.name for c in clusters if c.type == "City"}
        for k in (3, 2, 1):
            head = " ".join(words[:k])
            place = self.gaz.lookup(head)
            if place is not None and place.type == "City":
                return place
            code = self.gaz.city_code(head) if head in cities and len(words) > k else None
            if code:
                return Place("City", head, code)
        return None

    def _seat_in_name(self, graph: _DocumentGraph, c: Cluster, index: list[Node]) -> None:
        """ "the foreign ministry in Tokyo", "the Constitutional Court in Libreville", "High
        Commission of India in Ottawa": a body written with the city it sits in is
        LOCATED_IN that city (a known city only)."""
        for text in [graph.nodes[c.node_id].name, *(m.text for m in c.mentions)]:
            seat = re.search(r"\bin\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})$", text)
            code = self.gaz.city_code(seat.group(1)) if seat else None
            if seat and code:
                self._link_place(graph, c, Place("City", seat.group(1), code), "LOCATED_IN", index)
                return

    def _link_place(
        self, graph: _DocumentGraph, c: Cluster, place: Place, rel: str, index: list[Node]
    ) -> None:
        """A place that a name contains: the relation, and the place's mention where its
        words stand inside the name."""
        pid = node_id(place.type, place.name)
        if pid not in graph.nodes:
            known = next((n for n in index if n.id == pid), None)
            graph.nodes[pid] = known or Node(
                id=pid, type=place.type, name=place.name, country_code=place.code
            )
        first = c.mentions[0]
        row = graph.sentence_at(first.start)
        graph.add_edge(rel, c.node_id, pid, graph.fact(row, "name-place", 0.8))
        for surface in [
            place.name,
            *self.gaz.forms(place.name),
            *self.adjectives.get(place.name, []),
        ]:
            at = first.text.find(surface)
            if at >= 0:
                where = Evidence(
                    document=graph.doc_id,
                    sentence=_squash(row[2]),
                    start=first.start + at,
                    end=first.start + at + len(surface),
                    date=row[3],
                    text=surface,
                )
                graph.add_edge(MENTIONS, graph.doc_id, pid, where)
                break

    def _agency_state_sanctions(self, graph: _DocumentGraph) -> None:
        """The agency that designates acts for its state: OFAC's designations are the
        United States' too (the state found over the document's PART_OF edges)."""
        parents: dict[str, list[str]] = {}
        for e in graph.edges.values():
            if e.type == "PART_OF":
                parents.setdefault(e.source, []).append(e.target)
        for e in [e for e in graph.edges.values() if e.type == "SANCTIONED"]:
            state = self._state_above(e.source, parents, graph.nodes)
            if graph.nodes[e.source].type == "Institution":  # an organ; a state is no organ
                state = state or self._body_above(e.source, parents, graph.nodes)
            if state is None or state == e.target:
                continue
            for ev in e.evidence:
                if not (ev.rule or "").startswith(("designation", "suspension")):
                    continue  # a ban by an agency is the agency's; a listing is the state's
                update = {"rule": "agency-state", "confidence": 0.75}
                graph.add_edge("SANCTIONED", state, e.target, ev.model_copy(update=update))

    def _state_of_body(self, name: str, home: str | None) -> Place | None:
        """ "U.S. Department of the Treasury", "UK Border Force": a state body whose name
        starts with its country; "the Department of State" in a release written from a
        country (its home) is that country's."""
        words = name.split()
        heads = self.rules.state_body_heads
        for k in (2, 1):
            place = self.gaz.lookup(" ".join(words[:k])) if len(words) > k else None
            # "U.S. Indo-Pacific Command", "Canada Border Services Agency": the head may
            # come after other words
            if place is not None and place.type == "Country" and heads & set(words[k:]):
                return place
        if home and words and words[0] in ("Department", "Ministry") and "of" in words[1:2]:
            if words[0] == "Ministry" and home in self.department_states:
                return None  # "the Ministry of Defence" in a U.S. release: not the home's
            rest = " ".join(words[2:]).removeprefix("the ")
            if self.gaz.lookup(rest) is None:  # "Ministry of Foreign Affairs of Kenya" aside
                return self.gaz.lookup(home)
        return None

    def _state_by_organ(self, name: str, clusters: list[Cluster]) -> Place | None:
        """ "the State Department", "the Pentagon": a state body known by a name that
        names no state is that state's (data/places.toml state_organs), where the document
        names the state as an actor too: the name alone makes no node of it."""
        state = self.gaz.state_organs.get(name)
        if state is None:
            return None
        named = any(c.type == "Country" and c.name == state.name for c in clusters)
        return state if named else None

    def _plural_adjective(self, name: str) -> Place | None:
        """ "Philippine Navy", "Philippine Coast Guard": a state body named with the singular
        of its country's plural name, an adjective no demonym table lists (they give the
        people's, "Filipino"); a state body's head word only ("Philippine Airlines" is no
        body of the state)."""
        words = name.split()
        if len(words) < 2 or len(words[0]) < 4 or not self.rules.state_body_heads & set(words):
            return None
        place = self.gaz.lookup(words[0] + "s") if words[0][:1].isupper() else None
        return place if place is not None and place.type == "Country" else None

    def _named_as(self, written: str, parent: str) -> bool:
        """The gazetteer's parent as the document names it, alone or after its state's
        name: "U.S. Department of the Treasury" is the "Department of the Treasury" above
        OFAC."""
        if written == parent:
            return True
        state = written.removesuffix(" " + parent)
        place = self.gaz.lookup(state) if state != written else None
        return place is not None and place.type == "Country"

    def _parent_body(
        self, name: str, clusters: list[Cluster], c_mentions: tuple[Mention, ...] = ()
    ) -> Cluster | None:
        """ "AU Commission", "U.N. Security Council", "UN General Assembly": a body named by
        another body's short form and a head word is part of that body; so is an organ the
        gazetteer ties to its parent ("European Parliament" of the European Union)."""
        words = name.split()
        folded = fold(name)
        bodies = [c for c in clusters if c.type == "Institution" and c.name != name]
        for c in sorted(bodies, key=lambda c: -len(c.name)):
            whole = fold(c.name)
            if len(whole.split()) >= 2 and (
                folded.startswith(whole + " ")
                or folded.endswith(" of " + whole)
                or folded.endswith(" of the " + whole)
            ):
                return c  # "United Nations Stabilization Mission in Haiti", "Council of the EU"
            # "Council of the EU": the body's short form in capitals after "of the"
            shorts = {fold(x) for x in c.surfaces if x.isupper() and len(x) >= 2}
            if any(folded.endswith(" of the " + x) for x in shorts):
                return c
        organ_of = self.gaz.parents.get(name)
        if organ_of is not None:  # "European Commission": an organ its name does not tie
            parent = next((c for c in bodies if self._named_as(c.name, organ_of)), None)
            if parent is not None:
                return parent
        for written in [name, *(m.text for m in c_mentions)]:
            owner = self._possessive_owner(written, bodies)
            if owner is not None:
                return owner
        heads = self.rules.state_body_heads | self.rules.institution_heads | self.rules.unit_heads
        # "UN General Assembly", "IRGC Aerospace Force": a short form, then a head word
        # "EU monitoring mission in Armenia": a head word may be written in lower case
        if len(words) < 2 or not any(w in heads or w.capitalize() in heads for w in words[1:]):
            return None
        first = fold(words[0])
        for c in clusters:
            if c.type == "Institution" and c.name != name:
                forms = {fold(c.name)} | {fold(s) for s in c.surfaces}
                if first in forms:
                    return c
        place = self.gaz.lookup(words[0])
        if place is not None and place.type == "Institution":
            return next((c for c in clusters if c.name == place.name), None)
        return None

    def _place_after_of(self, name: str) -> Place | None:
        """The place a name ends with after "of": the longest tail that is one ("Armed
        Forces of the Democratic Republic of the Congo" is the DRC's, not the Congo's); not
        in the seat it is named with ("SADC Mission in the Democratic Republic of the
        Congo" is no body of the Congo)."""
        name = re.sub(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z][^,]*$", "", name)  # its seat aside
        for of in re.finditer(r"\bof\s+(?:the\s+)?", name):
            place = self.gaz.lookup(name[of.end() :])
            if place is not None:
                return place
        return None

    def _state_in_name(self, name: str) -> str | None:
        """The state a body's name says it is of ("Ministry of Interior of Georgia",
        "Russian Foreign Ministry", "U.S. Department of State"), None if it names none: a
        body named without a state is not a known body of a named one in another document
        (each state has its "Ministry of Foreign Affairs")."""
        place = self._place_after_of(name)
        words = name.split()
        if place is None and words:
            place = self.gaz.demonyms.get(words[0]) or self.gaz.lookup(words[0])
        return place.name if place is not None and place.type == "Country" else None

    @staticmethod
    def _possessive_owner(name: str, bodies: list[Cluster]) -> Cluster | None:
        """ "African Union's Peace and Security Council" found as one name: the body before
        the possessive owns the one after it."""
        owner = re.match(r"(?:[Tt]he\s+)?(.+?)['’]s\s+\S", name)
        if owner is None:
            return None
        folded = fold(owner.group(1))
        return next(
            (c for c in bodies if folded in {fold(c.name)} | {fold(x) for x in c.surfaces}),
            None,
        )

    def _body_above(
        self, node: str, parents: dict[str, list[str]], nodes: dict[str, Node]
    ) -> str | None:
        """The body an organ acts for when no state is above it: the Council of the EU's
        listings are the European Union's, the Peace and Security Council's suspensions the
        African Union's; not a ministry or department (the Treasury above OFAC). An organ
        named as a part of a body above it lists for that body, though its head is a state
        body's: the "Security Council Committee established pursuant to ..." for the
        Security Council (not for the United Nations above the Council)."""
        top, seen, frontier = None, {node}, [node]
        own = fold(nodes[node].name)
        for _ in range(3):
            frontier = [p for n in frontier for p in parents.get(n, []) if p not in seen]
            if not frontier:
                break
            named = [p for p in frontier if self._named_part_of(own, nodes[p])]
            if named:
                return named[0]
            top = frontier[0]
            seen.update(frontier)
        if top is None or nodes[top].type != "Institution":
            return None
        heads = self.rules.state_body_heads
        return None if any(w in heads for w in nodes[top].name.split()) else top

    @staticmethod
    def _named_part_of(own: str, body: Node) -> bool:
        """Whether a folded name opens with one of the body's names ("security council
        committee ..." of the Security Council)."""
        if body.type != "Institution":
            return False
        names = {fold(x) for x in (body.name, *body.aliases)}
        return any(own.startswith(x + " ") for x in names if len(x.split()) >= 2)

    @staticmethod
    def _state_above(
        node: str, parents: dict[str, list[str]], nodes: dict[str, Node]
    ) -> str | None:
        seen = {node}
        frontier = [node]
        for _ in range(3):
            frontier = [p for n in frontier for p in parents.get(n, []) if p not in seen]
            for p in frontier:
                if nodes[p].type == "Country":
                    return p
            seen.update(frontier)
        return None

    @staticmethod
    def _find(clusters: list[Cluster], m: Mention) -> Cluster | None:
        for c in clusters:
            if any(x.start == m.start and x.end == m.end for x in c.mentions):
                return c
        return None


class _Blocks:
    """The known actors by blocking key (graph/blocking.py), so that each cluster is
    compared only with those sharing a key with one of its names: no rule joins names
    without one, and a big store answers a document with hundreds of candidates."""

    def __init__(self, index: list[Node]) -> None:
        self.by_key: dict[str, list[int]] = {}
        self.index = index
        for i, n in enumerate(index):
            for k in node_keys(n):
                self.by_key.setdefault(k, []).append(i)

    def sharing(self, c: Cluster) -> list[Node]:
        """The candidates sharing a key with the cluster, in the index's order."""
        names = {c.name, *c.surfaces} | {x for m in c.mentions for x in (m.name, m.text)}
        keys = set().union(*(name_keys(c.type, x) for x in names))
        if c.type == "Event":
            keys |= event_key(c.key)
        found = {i for k in keys for i in self.by_key.get(k, ())}
        return [self.index[i] for i in sorted(found)]


def _home_of(c: Cluster, mentions: list[Mention], home: str | None) -> str | None:
    """The country a body named without one belongs to ("the Ministry of External Affairs"):
    a country written just before it ("China's Ministry of ..."), else the document's home,
    unless every sentence naming the body names another country ("India sent X of the
    Ministry of External Affairs" in a Swiss text is not Switzerland's)."""
    if c.type != "Institution":
        return home
    countries = [m for m in mentions if m.type == "Country"]
    for body in c.mentions:
        owner = next((m for m in countries if 0 <= body.start - m.end <= 3), None)
        if owner is not None:
            return owner.name  # "China's Ministry of ...", "India Ministry of ..."
    if home is None:
        return None
    foreign = {m.sent for m in countries if m.name != home}
    return None if all(m.sent in foreign for m in c.mentions) else home


def undotted(name: str) -> str:
    """ "U.N. Security Council" → "UN Security Council": initials written with and without
    full stops are one name ("U.S. Treasury" / "US Treasury"), kept as an alias."""
    return re.sub(r"\b((?:[A-Z]\.){2,})", lambda m: m.group(1).replace(".", ""), name)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _DocumentGraph:
    """One document's nodes and edges as resolution builds them: each edge once, each
    piece of its evidence once, only between types the schema allows."""

    def __init__(
        self, schema: Schema, doc_id: str, sentences: list[tuple[int, int, str, str | None]]
    ) -> None:
        self.schema = schema
        self.doc_id = doc_id
        self.sentences = sentences
        self.sent_starts = [s[0] for s in sentences]
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.evidence_keys: dict[str, set[tuple[str, int, int, str | None]]] = {}
        self.post_edges: dict[tuple[str, str, str, str], str] = {}  # one edge per post

    def sentence_at(self, offset: int) -> tuple[int, int, str, str | None]:
        lo, hi = 0, len(self.sent_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sent_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]

    def fact(
        self, row: tuple[int, int, str, str | None], rule: str | None = None, conf: float = 0.7
    ) -> Evidence:
        """Evidence of a relation: the sentence, its offsets, the rule that read it."""
        start, end, text, date = row
        return Evidence(
            document=self.doc_id,
            sentence=_squash(text),
            start=start,
            end=end,
            date=date,
            rule=rule,
            confidence=conf if rule else None,
        )

    def add_document(self, doc_props: dict[str, object]) -> None:
        self.nodes[self.doc_id] = Node(
            id=self.doc_id,
            type=DOCUMENT,
            name=str(doc_props.get("title") or self.doc_id),
            aliases=[],
            **{k: v for k, v in doc_props.items() if k != "title" and v is not None},
        )

    def add_edge(self, rel: str, src: str, dst: str, ev: Evidence, role: str | None = None) -> None:
        spec = self.schema.relation(rel)
        s_type, d_type = self.nodes[src].type, self.nodes[dst].type
        if src == dst:
            return
        if not (s_type in spec.sources and d_type in spec.targets):
            if spec.symmetric and spec.allows(s_type, d_type):
                src, dst = dst, src
            else:
                return
        if spec.symmetric and src > dst:
            src, dst = dst, src
        # "Foreign Minister" and "Minister of Foreign Affairs" in one document: one edge
        eid = self.post_edges.setdefault(
            (rel, src, dst, post_key(role)), edge_id(rel, src, dst, spec.symmetric, role)
        )
        edge = self.edges.get(eid)
        if edge is None:
            extra = {"role": role} if role else {}
            edge = self.edges[eid] = Edge(id=eid, source=src, target=dst, type=rel, **extra)
        keys = self.evidence_keys.setdefault(eid, set())
        if ev.key() not in keys:  # a set: a long document has thousands of mentions
            keys.add(ev.key())
            edge.evidence.append(ev)

    def fold_bare_posts(self) -> None:
        """ "Lithuanian minister X" and "the foreign ministers of ... Lithuania (X)" in one
        document: a post written by its bare role noun is the fuller post of the same
        person in the same body, written short; its evidence joins the fuller post's edge."""
        def words(e: Edge) -> list[str]:
            role = e.properties.get("role") if e.type == "HOLDS_ROLE" else None
            return fold(str(role or "")).split()

        fuller: dict[tuple[str, str, str], Edge] = {}
        for e in self.edges.values():
            if len(words(e)) > 1:
                fuller.setdefault((e.source, e.target, words(e)[-1]), e)
        for eid, e in list(self.edges.items()):
            bare = words(e)
            into = fuller.get((e.source, e.target, bare[0])) if len(bare) == 1 else None
            if into is None:
                continue
            keys = self.evidence_keys.setdefault(into.id, set())
            into.evidence += [ev for ev in e.evidence if ev.key() not in keys]
            keys.update(ev.key() for ev in e.evidence)
            del self.edges[eid]

    def event_locations(self) -> None:
        """An event's place is a property too, for lists and filters."""
        for e in self.edges.values():
            if e.type == "LOCATED_IN" and self.nodes[e.source].type == "Event":
                self.nodes[e.source].__pydantic_extra__["location"] = self.nodes[e.target].name  # type: ignore[index]
