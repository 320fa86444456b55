"""HOLDS_ROLE: "X, the Chairman of Y" / "Chairman of Y, X" / "Russian President X".

Run for every sentence when a document starts: the states the document's own titles give
people (`DocumentContext.states`) are read by the rules after it.
"""

from __future__ import annotations

import re
from functools import partial

from spacy.tokens import Doc, Token

from graph.extract.coordinated_titles import TitleSplitter
from graph.extract.mentions import Mention, doc_text
from graph.extract.pair_rules import load_pair_rules
from graph.extract.party_members import PARTY_MEMBERS
from graph.extract.relation_rules.capital_hosts import CapitalHosts
from graph.extract.relation_rules.clauses import clause_end
from graph.extract.relation_rules.clauses import clause_start as start_of_clause
from graph.extract.relation_rules.context import (
    ORG_TYPES,
    Candidate,
    DocumentContext,
    Sentence,
    named,
)
from graph.extract.relation_rules.heading_speakers import heading_roles
from graph.extract.relation_rules.holds_role_owners import (
    RoleShapes,
    clause_roles,
    pronoun_owner,
    represented_body,
)
from graph.extract.relation_rules.plural_holders import PluralHolders, bracketed_holders
from graph.extract.tables import Gazetteer, Rules
from graph.extract.turn_labels import in_turn_label

# verbs whose object country is what a person talks about or goes to, not where they serve
TOPIC_VERBS = frozenset(
    {"discuss", "raise", "address", "mention", "visit", "condemn", "criticise", "criticize",
     "praise", "review", "invade", "attack", "leave", "urge", "thank", "welcome"}
)


# words before a title that are the post's own ("former President X"); "current" and
# "incumbent" say nothing the role keeps
TENURE_WORDS = r"interim|acting|former|outgoing"
# "former Nigerian President X": the tenure word stands before the state's word
TENURE_BEFORE = re.compile(rf"\b({TENURE_WORDS})\s+$", re.I)
TENURE_RX = re.compile(rf"(?:{TENURE_WORDS})", re.I)
# a department's short name, as a title ("Secretary of the Treasury") and its full name
# ("U.S. Department of the Treasury") both write it after "of"
_DEPARTMENT_SHORT = r"((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
_TITLE_DEPARTMENT = re.compile(rf"\bof\s+{_DEPARTMENT_SHORT}")
_FULL_DEPARTMENT = re.compile(rf"\bDepartment\s+of\s+{_DEPARTMENT_SHORT}$")
# between a body's mention and a country its name ends with: "Mission" + " in " + "Colombia"
_NAME_GOES_ON = re.compile(r"\s*(?:(?:in|of|for)\s+)?(?:the\s+)?")
# the words between a role noun and the next name when the title is that name's: capitalised
# words and the small words of a post's name between two of them ("Minister of Foreign
# Affairs Z", "President of the Kyrgyz Republic Z": "of the" before a capital too); never a
# joint right before the name ("President of Kenya and Z": X's title)
_NEXT_TITLE = re.compile(
    r"(?:\s*[A-Z][\w.’'-]*|\s+(?:of|for|and|the)(?=\s+(?:the\s+)?[A-Z]))*\s*"
)

# rules that read a title's country from its context, not its words: they yield to the state
# the document's own titles give the person
CONTEXT_RULES = frozenset({"implied-country", "paragraph-country"})


def _role_regex(rules: Rules) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(r) for r in rules.role_nouns)
    modifiers = rf"(?:(?:{TENURE_WORDS}|current|incumbent)\s+)?"
    return re.compile(rf"\b{modifiers}(?:{alternatives})\b", re.I)



class HoldsRole:
    name = "holds-role"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.gaz = gaz
        self.role_rx = _role_regex(rules)
        self.shapes = RoleShapes.load()
        # the nouns a post ends with ("manager" of "general manager")
        self.role_words = frozenset(r.split()[-1] for r in rules.role_nouns)
        self.titles = TitleSplitter(rules.role_nouns)
        self.plural_holders = PluralHolders(rules.role_nouns, TENURE_WORDS)
        titles = load_pair_rules().plural_titles  # "the presidents of ...", built once
        self.plural_titles = re.compile(
            r"\b(" + "|".join(re.escape(t) for t in titles) + r")\s+of\s+", re.I
        )
        self.roles: dict[int, list[Candidate]] = {}
        self.home: Mention | None = None
        self.departments: dict[str, Mention] = {}
        self.implied_rx = [(re.compile(k), v) for k, v in self.shapes.implied_bodies.items()]
        self.implied: dict[str, Mention] = {}
        self.sentences: dict[int, Sentence] = {}
        self.capital_hosts = CapitalHosts(gaz)
        self.countries: list[Mention] = []

    def start(self, ctx: DocumentContext) -> None:
        self.home = ctx.home
        self.departments = _departments(ctx.sentences)
        names = set(self.shapes.implied_bodies.values())
        self.implied = {}
        self.sentences = {s.index: s for s in ctx.sentences}
        self.countries = [m for s in ctx.sentences for m in s.mentions if m.type == "Country"]
        for m in (m for s in ctx.sentences for m in s.mentions if m.name in names):
            self.implied.setdefault(m.name, m)
        self.roles = {s.index: self.holds_role(ctx.doc, s) for s in ctx.body}
        if ctx.body:
            heads = [s for s in ctx.sentences if s.index < ctx.body[0].index]
            read = partial(self.holds_role, ctx.doc)
            self.roles[ctx.body[0].index] += heading_roles(ctx.text, heads, ctx.body, read)
        states = _states_of(self.roles, self.rules.name_particles)
        for found_roles in self.roles.values():
            # a country only implied by one sentence ("President Lula ... Ukraine's territorial
            # integrity") yields to the one the document's own titles give the person
            found_roles[:] = [
                c
                for c in found_roles
                if c.rule not in CONTEXT_RULES
                or states.get(c.source.name) in (None, c.target)
                or states[c.source.name].name == c.target.name
            ]
        ctx.states = states

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.roles[s.index]

    def holds_role(self, doc: Doc, s: Sentence) -> list[Candidate]:
        found: list[Candidate] = []
        text = doc_text(doc)
        orgs = [m for m in s.mentions if m.type in ORG_TYPES]
        listed = self.listed_roles(text, s) + self.plural_holders.after_body(text, s)
        done = {c.source.name for c in listed}
        for p in (m for m in s.mentions if m.type == "Person" and m.name not in done):
            after = self._role_after(text, p, orgs, s)
            found += after or []
            before = self._role_before(doc, text, p, orgs, s, titled_after=after is not None)
            found += before
            if after is None and not before:
                found += _speaker_of_country(doc, text, p, s)
            found += [
                Candidate("HOLDS_ROLE", p, body, s.index, role, "subject-clause", 0.7)
                for body, role in clause_roles(doc, p, s, self.shapes, self.role_words)
            ]
        return _taken_countries_kept(found) + listed

    def listed_roles(self, text: str, s: Sentence) -> list[Candidate]:
        """ "the presidents of Guinea-Bissau, Umaro Sissoco Embalo; Senegal, Macky Sall; and
        Togo, Faure Gnassingbe": each name after "Country," holds the singular title there."""
        titles = load_pair_rules().plural_titles
        sentence = text[s.span.start_char : s.span.end_char]
        found: list[Candidate] = []
        for m in self.plural_titles.finditer(sentence):
            base = s.span.start_char + m.end()
            role = titles[m.group(1).lower()]
            # "the foreign ministers of Estonia (X), Latvia (Y) and Lithuania (Z)"
            found += bracketed_holders(text, base, s.span.end_char, s, role)
            for item in re.finditer(r"[^;]+", sentence[m.end() :]):
                lo, hi = base + item.start(), base + item.end()
                country = next(
                    (c for c in s.mentions if c.type == "Country" and lo <= c.start < hi), None
                )
                if country is None:
                    break
                person = next(
                    (
                        q
                        for q in s.mentions
                        if q.type == "Person"
                        and country.end <= q.start < hi
                        and re.fullmatch(r"\s*,\s*", text[country.end : q.start])
                    ),
                    None,
                )
                if person is not None:
                    found.append(
                        Candidate("HOLDS_ROLE", person, country, s.index, role, "title-list", 0.7)
                    )
        return found if len(found) >= 2 else []

    def _role_after(
        self, text: str, p: Mention, orgs: list[Mention], s: Sentence
    ) -> list[Candidate] | None:
        """The title after the name: "X, the head of the Commission ..." up to the next
        clause break. None when no title follows the name."""
        m = re.match(
            # "X, the head of Y"; a list row "X – Director of Y" (a sanctions listing)
            r"(?:\s*,|\s+[–—])\s*(?:who is\s+|now\s+)?(?:the\s+|a\s+|an\s+)?",
            text[p.end : s.span.end_char],
        )
        if not m:
            return None
        line_start = text.rfind("\n", 0, p.start) + 1
        if "," not in m.group(0) and not re.fullmatch(
            r"\s*(?:(?:[-•*]|\d{1,3}[.)])\s+)?", text[line_start : p.start]
        ):
            return None  # a dash after a name inside a line is a table's cell break
        after_end = clause_end(text, p.end + m.end(), s.span.end_char)
        # "a former Attorney General for England and Wales who was born in Dominica"
        # (from the space before: "X, who will chair Y" is a clause, read by clause_roles)
        relative = re.compile(r"\s(?:who|which|whose)\s").search(text, p.end + m.end() - 1, after_end)
        after_end = relative.start() if relative else after_end
        window = text[p.end : after_end]
        role_m = self.role_rx.search(window, m.end())
        lead = window[m.end() : role_m.start()] if role_m else ""
        if not role_m or len(lead.split()) > 2 or lead.split()[:1] in (["and"], ["or"]):
            # "X, and the head of Y, Z": the next name's title, coordinated after X
            return None
        if _has_verb(s, p.end + m.end(), p.end + role_m.start(), first=0):
            return None  # "X, welcomed the Minister's presence": X's verb, not X's title
        role_end = p.end + role_m.end()
        if any(
            q.type == "Person"
            and role_end <= q.start < after_end
            and _NEXT_TITLE.fullmatch(text, role_end, q.start)
            for q in s.mentions
        ):
            # "Guterres, IMF Managing Director Kristalina Georgieva", "Y, Minister of Foreign
            # Affairs Z, Minister of ...": the next name's title
            return None
        targets = [o for o in orgs if p.end + m.end() <= o.start < after_end]
        found: list[Candidate] = []
        posts = self._posts_after(text, p.end + role_m.start(), after_end, targets)
        for i, (lo, hi) in enumerate(posts):
            # the first post's body may stand before its role noun ("X, the ECOWAS chairman")
            held = [t for t in targets if (i == 0 or lo <= t.start) and t.start < hi]
            body = self._implied_body(text, lo, hi if len(posts) > 1 else after_end)
            if body is not None and (len(posts) > 1 or not held):
                held = [body]  # "Special Representative of the Secretary-General": the UN's
            found += self._roles(text, p, held, lo, hi, s)
        if not found and not targets and len(posts) == 1:
            # "X, the acting foreign minister, said ...": a state's title after the name with
            # no body named is read as one before it, in the sentence's or paragraph's state
            found = self._implied_country(text, p, p.end + m.end(), p.end + role_m.end(), s)
        return found

    def _implied_body(self, text: str, lo: int, hi: int) -> Mention | None:
        """The body a post names by the officer it serves ("Special Representative of the
        Secretary-General": the United Nations), when the document names that body."""
        return next(
            (
                self.implied[name]
                for rx, name in self.implied_rx
                if name in self.implied and rx.search(text, lo, hi)
            ),
            None,
        )

    def _posts_after(
        self, text: str, start: int, end: int, targets: list[Mention]
    ) -> list[tuple[int, int]]:
        """ "X, Minister of Foreign Affairs of Angola and Chairperson of the Council of
        Ministers of SADC": posts after a name, each with its own body, joined by "and" —
        each post is read with its own body (the second body is no parent of the first).
        A post with no body of its own before "and" ("Prime Minister and Minister of
        Foreign Affairs of X") stays one phrase for the coordinated-title reader."""
        cuts: list[tuple[int, int]] = []
        lo = start
        for joint in re.finditer(r"\s+and\s+", text[start:end]):
            at, nxt = start + joint.start(), start + joint.end()
            title = re.match(r"(?:[A-Z][\w-]*\s+){0,3}", text[nxt:end])
            role = self.role_rx.match(text, nxt + (title.end() if title else 0))
            if role is None and not self.role_rx.match(text, nxt):
                continue
            if not text[nxt : nxt + 1].isupper():
                continue
            if not any(lo <= t.start < at for t in targets) and not self._implied_body(
                text, lo, at
            ):
                continue
            cuts.append((lo, at))
            lo = nxt
        return [*cuts, (lo, end)]

    def _role_phrase_start(
        self, text: str, clause_start: int, roles: list[re.Match[str]], s: Sentence
    ) -> tuple[int, re.Match[str]]:
        """Where the title before a name starts, and its first role noun: "Deputy
        Chairwoman", "Special Representative", "Finance Minister" (capitalised words before
        the role noun that no mention covers are the role's own)."""
        before = text[clause_start : clause_start + roles[-1].end()]
        role_m = roles[-1]
        for r in reversed(roles[:-1]):
            if re.fullmatch(
                r"\s*(?:of\s+)?(?:the\s+)?(?:\w+\s+)?", before[r.end() : role_m.start()]
            ):
                role_m = r
        role_abs = clause_start + role_m.start()
        # the capitalised words after the last mention before the role noun: "Argentine
        # Economy Minister", "Philippine Defence Secretary" (the demonym is the state's)
        lead_from = max(
            [clause_start, *(o.end for o in s.mentions if clause_start < o.end <= role_abs)]
        )
        lead_m = re.search(r"(?:\b[A-Z][a-z]+\s+){1,3}$", text[lead_from:role_abs])
        if lead_m:
            role_abs = lead_from + lead_m.start()
        # "Ukraine's foreign ministry spokesperson, X": lower-case words after a possessive
        # (a plural's bare apostrophe too: "the United Nations' top humanitarian official, X")
        owned = re.search(r"['’]s?\s+((?:[a-z]+\s+){1,2})$", text[clause_start:role_abs])
        # unless those words name a body ("Ukraine's foreign ministry", a state organ): the
        # title is then held in that body
        if owned and not any(
            o.start < role_abs and o.end > role_abs - len(owned.group(1)) for o in s.mentions
        ):
            role_abs -= len(owned.group(1))
        return self._body_words_start(text, clause_start, role_abs, s), role_m

    @staticmethod
    def _body_words_start(text: str, clause_start: int, role_abs: int, s: Sentence) -> int:
        """ "M23 political leader X", "EU foreign policy chief X": lower-case adjectives and
        nouns between a body's name and the role noun are the title's own words."""
        words = re.search(r"(?<=\S)(\s+)((?:[a-z]+\s+){1,3})$", text[clause_start:role_abs])
        if words is None:
            return role_abs
        lo = role_abs - len(words.group(2))
        body_end = lo - len(words.group(1))
        if not any(o.type in ORG_TYPES and o.end == body_end for o in s.mentions):
            return role_abs
        span = s.span.doc.char_span(lo, role_abs, alignment_mode="contract")
        if span is None or any(t.pos_ not in ("ADJ", "NOUN", "PROPN") for t in span):
            return role_abs
        return lo

    def _role_before(
        self,
        doc: Doc,
        text: str,
        p: Mention,
        orgs: list[Mention],
        s: Sentence,
        titled_after: bool,
    ) -> list[Candidate]:
        """The title before the name: "Chairman of the State Duma, X", "Russian President X",
        "US Secretary of State X", "Hungary's Prime Minister X"."""
        clause_start = start_of_clause(text, p.start, s.span.start_char)
        roles = list(self.role_rx.finditer(text[clause_start : p.start]))
        if not roles:
            return []
        role_abs, role_m = self._role_phrase_start(text, clause_start, roles, s)
        if titled_after and text[clause_start + roles[-1].end() : p.start].strip():
            # "South African President X, the chair of the AU": both titles count, but
            # with a title after the name, only the one right before it is this person's
            return []
        if any(q.type == "Person" and role_abs <= q.start < p.start for q in s.mentions):
            return []  # the title belongs to somebody named in between
        if re.search(r"\b(?:and|or)\s+(?:for|to|with)?\s*$", text[role_abs : p.start]):
            return []  # "for X as Chinese premier and for Y": the title is X's
        targets = [o for o in orgs if role_abs <= o.start < p.start and not o.demonym]
        if not self._title_words_only(doc, text, role_abs, p.start, targets):
            return []
        demonyms = [
            o
            for o in orgs
            if o.end <= role_abs
            # "Commission Chair X", "Kenyan President X", "Hungary's Prime Minister X"
            and text[o.end : role_abs].strip() in ("", "'s", "’s", "’", "'")
        ]
        if not targets and not demonyms:
            owned = pronoun_owner(doc, text, role_abs, s, self.shapes)
            if owned is not None:  # "the OAS and its Secretary General, X"
                found = self._roles(text, p, [owned[0]], owned[1], p.start, s)
                return named(found, "pronoun-owner", 0.7)
            body = represented_body(doc, p, s, self.shapes)
            if body is not None:  # "Kenya was represented by Trade Minister X"
                return named(
                    self._roles(text, p, [body], role_abs, p.start, s), "represented-by", 0.7
                )
            # "Prime Minister Fumio Kishida of Japan": the body follows the name
            of = re.match(r"\s+of\s+(?:the\s+)?", text[p.end : p.end + 12])
            nxt = [o for o in orgs if of and o.start == p.end + of.end()]
            if nxt and _capitalised_title(text[role_abs : p.start], role_m.group(0)):
                return self._roles(text, p, nxt, role_abs, p.start, s)
            department = self._department_of(text[role_abs : p.start])
            if department is not None:  # "Secretary of the Treasury X"
                found = self._roles(text, p, [department], role_abs, p.start, s)
                return named(found, "department-title", 0.6)
            return self._implied_country(text, p, role_abs, p.start, s)
        found = self._roles(text, p, demonyms + targets, role_abs, p.start, s)
        first = min((o.start for o in demonyms), default=role_abs)
        tenure = TENURE_BEFORE.search(text[max(clause_start, first - 12) : first])
        if tenure is not None and demonyms:
            for c in found:
                c.role = f"{tenure.group(1).capitalize()} {c.role}"
        return found

    def _department_of(self, title: str) -> Mention | None:
        """The department a title names by its short name ("Secretary of the Treasury",
        "Under Secretary of the Treasury for Terrorism and Financial Intelligence"), when
        the document names it in full ("U.S. Department of the Treasury")."""
        short = _TITLE_DEPARTMENT.search(title)
        return self.departments.get(short.group(1).lower()) if short else None

    def _implied_country(
        self, text: str, p: Mention, role_abs: int, title_end: int, s: Sentence
    ) -> list[Candidate]:
        """ "Argentina declined after the election of President Javier Milei": a state's
        title (rules.toml [roles] state_titles) right before a name, with no body named, is
        held in the one country the sentence names, unless the country is only a place or a
        partner after a preposition."""
        words = re.sub(r"\s+", " ", text[role_abs:title_end]).strip(" ,").lower().split()
        while len(words) > 1 and words[-1].strip(".") in self.rules.honorifics:
            if " ".join(words) in self.rules.state_titles:
                break  # "crown prince", "emir" are titles themselves
            words.pop()  # "the Supreme Leader, Ayatollah X": the honorific is the person's
        title = " ".join(words).strip(" ,")
        if in_turn_label(text, min(role_abs, p.start), max(p.end, title_end)):
            # "PRIME MINISTER X: ... Haiti ...": the turn's topic, not the speaker's state
            return []
        # the title as written (the honorifics a name may take are part of it: "State")
        single = self._single_state(re.sub(r"\s+", " ", text[role_abs:title_end]).strip(" ,"))
        if single is not None:  # "Secretary of Defense X": the one state with that post
            found = self._roles(text, p, [single], role_abs, title_end, s)
            return named(found, "single-state-title", 0.6)
        cabinet = title not in self.rules.state_titles
        if cabinet and not self.shapes.is_state_title(title):
            return []
        row = _row_country(text, p, s)
        if row is not None:  # "| Nauru | Officials | President X did not attend |"
            found = self._roles(text, p, [row], role_abs, title_end, s)
            return named(found, "implied-country", 0.6)
        host = self.capital_hosts.host_state(text, role_abs, s, self.countries)
        if host is not None:  # "he will meet President X in Brasilia": the capital's state
            found = self._roles(text, p, [host], role_abs, title_end, s)
            return named(found, "implied-country", 0.55)
        if self.shapes.receives_visitor(text, max(s.span.start_char, role_abs - 40), role_abs):
            return []  # "the Secretary was received by President X": the visitor's state
        countries = {m.name: m for m in s.mentions if m.type == "Country"}
        home = None if countries else self._home_speaker(p, role_abs, s)
        if home is not None:
            # "Foreign Secretary David Lammy said:" in a government's own release: the
            # official it quotes is its own, named by the bare title
            found = self._roles(text, p, [home], role_abs, title_end, s)
            return named(found, "implied-country", 0.55)
        if not countries:
            return self._paragraph_country(text, p, role_abs, title_end, s)
        if len(countries) != 1:
            return []
        (country,) = countries.values()
        if cabinet and country.demonym:
            return []  # "Argentine Economy Minister X ... South American": another's word
        span = s.span.doc.char_span(country.start, country.end, alignment_mode="expand")
        if span is None or span.root.dep_ == "pobj" or not _names_an_actor(text, country, s):
            # "talks in Singapore", "with Norway as facilitator", "their meeting in Bali,
            # Indonesia": a place, no state
            return []
        if country.demonym and self.role_rx.match(text, country.end + 1):
            return []  # "Japanese Foreign Minister X, with President Y looking on": X's title
        verb = span.root.head
        if span.root.dep_ in ("dobj", "obj") and verb.lemma_.lower() in TOPIC_VERBS:
            return []  # "in which they discussed Ukraine and the Middle East"
        if _acted_upon(s, p, span.root, self.shapes.delegation_verbs):
            return []  # "President X condemned the violation of Ukraine's integrity"
        found = self._roles(text, p, list(countries.values()), role_abs, title_end, s)
        return named(found, "implied-country", 0.6)

    def _single_state(self, title: str) -> Mention | None:
        """The document's mention of the one state whose government gives a title
        (holds_role.toml [single_state_titles]); None for another title or a state the
        document does not name."""
        state = self.shapes.single_state_titles.get(title.lower())
        return next((c for c in self.countries if c.name == state), None) if state else None

    def _paragraph_country(
        self, text: str, p: Mention, role_abs: int, title_end: int, s: Sentence
    ) -> list[Candidate]:
        """A state's title before a name in a sentence that names no country ("Foreign
        Minister X confirmed ..."), after a sentence of its paragraph that names one country
        as an actor ("Kazakhstan would not ...", "Iran's Guards"): the title is that
        country's. The nearest earlier sentence of the paragraph that names a country
        decides; none when it names two, when the country is only a place there ("in
        Vientiane, Laos", "call on Russia") or in brackets ("(S&D, Austria)"), or when this
        sentence names a place in another country ("travel to Buenos Aires to meet
        President X")."""
        i = s.index - 1
        while i in self.sentences and self.sentences[i].paragraph == s.paragraph:
            earlier = self.sentences[i]
            named_here = {m.name: m for m in earlier.mentions if m.type == "Country"}
            i -= 1
            if not named_here:
                continue
            (country, *others) = named_here.values()
            if others or not _names_an_actor(text, country, earlier):
                return []
            places = [
                self.gaz.country_of_city(m.name)
                for m in s.mentions
                if m.type == "City" and not _names_an_actor(text, m, s)
            ]
            if any(c is not None and c.name != country.name for c in places):
                return []
            found = self._roles(text, p, [country], role_abs, title_end, s)
            return named(found, "paragraph-country", 0.55)
        return []

    def _home_speaker(self, p: Mention, role_abs: int, s: Sentence) -> Mention | None:
        """Whether a titled name opens a release's quote line ("Foreign Secretary X said:",
        the statement following on the next line), in a document that speaks for a
        country named before it: releases quote their own officials so."""
        home = self.home
        name = s.span.doc.char_span(p.start, p.end, alignment_mode="expand")
        if home is None or home.start >= role_abs or name is None or name.root.dep_ != "nsubj":
            return None
        verb = name.root.head
        if verb.lemma_.lower() not in self.rules.speech_verbs or verb.i + 1 >= len(verb.doc):
            return None
        colon = verb.doc[verb.i + 1]
        rest = doc_text(verb.doc)[colon.idx + 1 : colon.idx + 3].strip(" \t")
        return home if colon.text == ":" and rest[:1] in ("\n", "") else None

    @staticmethod
    def _title_words_only(
        doc: Doc, text: str, role_abs: int, name_start: int, targets: list[Mention]
    ) -> bool:
        """What lies between a title and the name must be the title's own words and bodies,
        with no verb: in "X, the NATO Secretary General, greeted Y" the title is X's."""
        residue = text[role_abs:name_start]
        for o in sorted(targets, key=lambda o: -o.start):
            residue = residue[: o.start - role_abs] + " " + residue[o.end - role_abs :]
        if not re.fullmatch(r"[\s,]*+(?:[A-Za-z’'-]++[\s,]*+){0,12}", residue) or re.search(
            r"\b(said|is|was|with|by)\b", residue
        ):
            return False
        between = doc.char_span(role_abs, name_start, alignment_mode="contract")
        # a participle qualifying the title is the title's own word ("Colombia's newly
        # inaugurated President, X", "the recently appointed Prime Minister X")
        return between is None or not any(
            t.pos_ in ("VERB", "AUX") and not _qualifying_participle(t) and not _tenure_word(t)
            for t in between
        )

    def _roles(
        self,
        text: str,
        person: Mention,
        targets: list[Mention],
        role_start: int,
        role_limit: int,
        s: Sentence,
    ) -> list[Candidate]:
        out: list[Candidate] = []
        if not targets:
            return out
        named_first = targets[0]  # where the title's words end
        role_start = _after_qualifiers(s, role_start, role_limit)
        targets = self._held_targets(text, targets, role_start)
        if not targets:
            return out
        # "Russian President X": the role follows its country
        role_end = (
            min(named_first.start, role_limit) if named_first.start > role_start else role_limit
        )
        role_text = text[role_start:role_end]
        role_text = re.sub(r"\s+(of|for|in|at)(\s+the)?\s*$", "", role_text.strip(" ,"), flags=re.I)
        role_text = re.sub(r"\s+", " ", role_text).strip(" ,")
        role_text = re.sub(r"\s*,.*$", "", role_text)
        # "The representative of the United Kingdom, X" opening a sentence
        role_text = re.sub(
            r"^(?:(?:the|a|an)\s+)?(?:current|incumbent)?\s*", "", role_text, flags=re.I
        )
        words = role_text.split()
        while len(words) > 1 and words[-1].lower().strip(".") in self.rules.honorifics:
            tail = {words[-1].lower(), " ".join(words[-2:]).lower()}
            if tail & set(self.rules.role_nouns) or words[-2].lower() in ("of", "for"):
                break  # "Foreign Minister", "Secretary of State" end with their own words
            words.pop()  # "Foreign Minister Prince": the honorific is the person's
        role_text = " ".join(words)
        while len(words) > 1 and words[-1].lower() in ("and", "or"):
            words.pop()  # "Minister of Foreign Affairs and [Foreign Trade]" cut by a mention
        role_text = " ".join(words)
        if not role_text or _has_verb(s, role_start, role_end):
            # "Prime Minister welcomed", "official to visit Taiwan": a clause, not a title
            return out
        role_text = role_text[0].upper() + role_text[1:]
        seen = set()
        for t in targets[:2]:
            if t.name in seen:
                continue
            seen.add(t.name)
            out += [
                Candidate("HOLDS_ROLE", person, t, s.index, role=title)
                for title in self._titles_in(role_text, t)
            ]
        return out

    @staticmethod
    def _held_targets(text: str, targets: list[Mention], role_start: int) -> list[Mention]:
        """What a title is held in, of the mentions after it: not a country that only owns
        the body after it, nor a country the post covers ("Envoy for Syria"); a second body
        only when it is the first's parent."""
        # "Head of the United Nations Verification Mission in Colombia": a country inside a
        # body's name is the name's word, not a second body
        targets = [t for t in targets if not any(_inside(text, t, o) for o in targets)]
        # "the Democratic chairman of the Committee": a party named by its members' word
        # before a title says whose side the holder is on, not the post's body
        targets = [t for t in targets if t.source != PARTY_MEMBERS]
        # "head of the programme at Germany's Konrad Adenauer Foundation": the body, whose
        # country only owns it
        targets = [
            t
            for t, nxt in zip(targets, [*targets[1:], None], strict=True)
            if not (
                t.type == "Country"
                and nxt is not None
                and nxt.type == "Institution"
                and re.fullmatch(r"['’]s?\s+", text[t.end : nxt.start])
            )
        ]
        # "Special Envoy of the Secretary-General for Syria", "the U.N. special representative
        # for Sudan": a country after "for" is the post's portfolio, not the holder's state
        targets = [
            t
            for t in targets
            if not (
                t.type == "Country"
                and not t.demonym
                and re.search(r"\bfor\s+(?:the\s+)?$", text[max(role_start, t.start - 10) : t.start])
            )
        ]
        if not targets:
            return []
        first = targets[0]
        # a second body only when it is the first's parent: "X of the Y", "party in the Duma"
        chained = [first]
        for t in targets[1:]:
            if re.fullmatch(
                r"\s*(?:[\w-]+\s+){0,2}?(?:of|in|for)\s+(?:the\s+)?(?:[\w-]+\s+)?",
                text[chained[-1].end : t.start],
            ):
                chained.append(t)
            else:
                break
        return chained

    def _titles_in(self, role_text: str, target: Mention) -> list[str]:
        """ "Crown Prince and Prime Minister of X": two posts, both held in X; in a body that
        is no state, a state's title before the last ("President and General Secretary of
        the Party") is the person's state's, not the body's."""
        titles = self.titles.split(role_text)
        if target.type == "Country" or len(titles) == 1:
            return titles
        return [t for t in titles[:-1] if t.lower() not in self.rules.state_titles] + titles[-1:]


def _inside(text: str, t: Mention, o: Mention) -> bool:
    """Whether mention t is a word of body o's name: within its span, or right after it
    when o's name goes on with t's ("Mission" + "in Colombia")."""
    if o is t or o.type != "Institution" or not o.start <= t.start:
        return False
    if t.end <= o.end:
        return o.end - o.start > t.end - t.start
    return t.name in o.name and bool(_NAME_GOES_ON.fullmatch(text, o.end, t.start))


def _taken_countries_kept(found: list[Candidate]) -> list[Candidate]:
    """The one country of a sentence is no implied state of a titled name when another
    person's own title names it: in "President Yoon briefed Prime Minister Ishiba on his
    call with U.S. President-elect Trump", the United States is Trump's."""
    named_by_title = {
        (c.target.name, c.source.name) for c in found if c.rule not in CONTEXT_RULES
    }
    return [
        c
        for c in found
        if c.rule != "implied-country"
        or not any(t == c.target.name and p != c.source.name for t, p in named_by_title)
    ]


def _departments(sentences: list[Sentence]) -> dict[str, Mention]:
    """The departments a document names in full, by the short name after their "Department
    of": "U.S. Department of the Treasury" -> "the treasury"."""
    out: dict[str, Mention] = {}
    for s in sentences:
        for m in s.mentions:
            full = _FULL_DEPARTMENT.search(m.name) if m.type == "Institution" else None
            if full:
                out.setdefault(full.group(1).lower(), m)
    return out


def _row_country(text: str, p: Mention, s: Sentence) -> Mention | None:
    """The one country a table row's first cell names, for a titled name in a later cell
    ("| Cook Islands | X | Secretary | Prime Minister Y did not attend |"); None outside
    a table or when the name stands in the first two cells (the row's own person)."""
    lo = text.rfind("\n", 0, p.start) + 1
    hi = text.find("\n", p.start)
    line = text[lo : hi if hi >= 0 else len(text)]
    if not line.lstrip().startswith("|") or line[: p.start - lo].count("|") < 3:
        return None
    first = line.index("|")
    cell = (lo + first, lo + line.index("|", first + 1))
    countries = {
        m.name: m for m in s.mentions if m.type == "Country" and cell[0] < m.start < cell[1]
    }
    return next(iter(countries.values())) if len(countries) == 1 else None


def _qualifying_participle(t: Token) -> bool:
    """A lower-case past participle right before a title's capitalised words ("newly
    inaugurated President"): it qualifies the title, whatever the parser hangs it on."""
    nxt = t.nbor() if t.i + 1 < len(t.doc) else None
    return t.tag_ == "VBN" and t.is_lower and nxt is not None and nxt.text[:1].isupper()


def _tenure_word(t: Token) -> bool:
    """ "Acting Under Secretary X", "Acting President X": the model tags a capitalised
    tenure word before a title as a verb ("Acting" as VBG), but it is the post's own word.
    Capitalised only: "was represented by acting President X following the death of
    President Y" is a clause the title reader must not take whole."""
    nxt = t.nbor() if t.i + 1 < len(t.doc) else None
    return (
        t.text[:1].isupper()
        and TENURE_RX.fullmatch(t.text) is not None
        and nxt is not None
        and nxt.text[:1].isupper()
    )


def _after_qualifiers(s: Sentence, start: int, end: int) -> int:
    """Where a title's words start after the lower-case adverbs and participles that
    qualify it and are no part of the post ("newly inaugurated President": "President")."""
    span = s.span.doc.char_span(start, end, alignment_mode="contract")
    for t in span or []:
        if not t.is_lower or not (t.pos_ == "ADV" or _qualifying_participle(t)):
            return max(start, t.idx)
    return start


def _names_an_actor(text: str, country: Mention, s: Sentence) -> bool:
    """Whether a sentence names a country (or a city) as an actor ("Kenya would deploy", "Iran's
    Guards", "the President of India"), not as a place or a partner after a preposition
    ("in Vientiane, Laos", "call on Russia"), nor in brackets after a name ("(S&D,
    Austria)")."""
    if text.count("(", s.span.start_char, country.start) > text.count(
        ")", s.span.start_char, country.start
    ):
        return False
    span = s.span.doc.char_span(country.start, country.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("appos", "conj", "compound") and tok.head != tok:
        tok = tok.head
    return not (tok.dep_ == "pobj" and tok.head.lower_ != "of")


def _speaker_of_country(doc: Doc, text: str, p: Mention, s: Sentence) -> list[Candidate]:
    """ "Fu Cong of China said ...", "Robert Wood of the United States — whose delegation
    ... — said": a name with no title, then "of" and a country that ends the name's phrase,
    speaks for that country (how meeting coverage names delegates). Not "of the United
    States Army" (a body goes on), nor "handed the gavel to X of Laos, which ...": no
    speaker."""
    of = re.match(r"\s+of\s+(?:the\s+)?", text[p.end : p.end + 10])
    if of is None:
        return []
    country = next(
        (
            m
            for m in s.mentions
            if m.start == p.end + of.end() and m.type == "Country" and not m.demonym
        ),
        None,
    )
    if country is None:
        return []
    name = doc.char_span(p.start, p.end, alignment_mode="expand")
    nxt = doc.char_span(country.end, s.span.end_char, alignment_mode="expand")
    if name is None or nxt is None or len(nxt) == 0:
        return []
    # the verb right after the country is the name's ("X of China said"); before a comma
    # or a dash the name must be its clause's subject
    subject = name.root.dep_ in ("nsubj", "nsubjpass")
    if not (nxt[0].pos_ in ("VERB", "AUX") or subject and nxt[0].text in (",", "—", "–", ";")):
        return []
    return [Candidate("HOLDS_ROLE", p, country, s.index, "Representative", "speaker-of", 0.6)]


def _acted_upon(s: Sentence, person: Mention, country: Token, represents: frozenset[str]) -> bool:
    """Whether the country lies in what the titled name's own verb acts upon: its object,
    a place or partner after a preposition, or a second verb it goes on to ("President X
    condemned the violation of Ukraine's integrity", "travelled to Moscow and offered to
    make his country Russia's gateway"). Not what the person reports ("said Kenya would
    send police"), represents or leads ("represented Russia", "headed the Russian
    delegation"), nor a second verb with a subject of its own: the state is still theirs."""
    name = s.span.doc.char_span(person.start, person.end, alignment_mode="expand")
    if name is None or name.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = name.root.head
    if verb.lemma_.lower() in represents:
        return False
    tok = country
    while tok.head != tok and tok.head != verb:
        tok = tok.head
    if tok.head != verb or tok == verb or tok.i < name.root.i:
        return False
    if tok.dep_ == "conj":  # "X rejected ..., and Serbian officials criticised ...": theirs
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return tok.dep_ in ("dobj", "obj", "prep", "xcomp", "dative", "attr")


def _capitalised_title(phrase: str, role: str) -> bool:
    """Whether the words before a name are a title alone: its role noun first ("Prime
    Minister X of Japan") or capitalised words before it ("External Affairs Minister X of
    India"), not a clause ("met with Minister X of ...")."""
    words = phrase.strip(" ,").split()
    if " ".join(words).lower().startswith(role.lower()):
        return True
    return bool(words) and all(w[:1].isupper() or w in ("of", "for", "and") for w in words)


def _has_verb(s: Sentence, start: int, end: int, first: int = 1) -> bool:
    """Whether a title's words hold a verb after their first word ("Acting High
    Commissioner" is a title, "Head of State to be so invited" is not); from the
    first word on with first=0."""
    span = s.span.doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 1 + first:
        return False
    return any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in span[first:])


def _states_of(roles: dict[int, list[Candidate]], particles: frozenset[str]) -> dict[str, Mention]:
    """The state each person holds a role in, by the document's own titles ("President Lula
    of Brazil", "Brazilian President Lula"), for rules where a bare name acts for its state;
    a country only implied by the sentence is not trusted for this."""
    states: dict[str, Mention] = {}
    for found in roles.values():
        for c in found:
            if c.target.type == "Country" and c.rule not in CONTEXT_RULES:
                states.setdefault(c.source.name, c.target)
                # "Modi" later in the text, after "Prime Minister Narendra Modi of India"
                surname = c.source.name.split()[-1]
                states.setdefault(surname, c.target)
                # "Sisi" after "Abdel Fattah El-Sisi": the surname without its particle
                particle, _, rest = surname.partition("-")
                if rest and particle.lower() in particles:
                    states.setdefault(rest, c.target)
    return states
