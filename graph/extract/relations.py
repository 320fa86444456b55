"""Relation rules over sentences, mentions and the dependency parse.

Each rule reads its cue words from rules.toml and returns candidates that point at
mentions; resolution later turns mentions into entities. A rule never invents an actor
that the sentence does not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graph.extract.attendance import Attendance
from graph.extract.chairs import Chairs
from graph.extract.cooperation import Partners
from graph.extract.designations import Designations, _modifier
from graph.extract.event_names import document_event
from graph.extract.hosting import Hosting
from graph.extract.meetings import Meetings
from graph.extract.mentions import Mention, doc_text, unique_by_name
from graph.extract.negation import asserted
from graph.extract.pair_rules import load_pair_rules
from graph.extract.parliament_groups import ParliamentGroups
from graph.extract.rows import ListHeadings, row_facts
from graph.extract.statements import speakers_not_attendees, spoken_elsewhere
from graph.extract.tables import Gazetteer, Rules

ORG_TYPES = ("Institution", "Country")
# verbs whose object country is what a person talks about or goes to, not where they serve
TOPIC_VERBS = frozenset(
    {"discuss", "raise", "address", "mention", "visit", "condemn", "criticise", "criticize",
     "praise", "review", "invade", "attack", "leave", "urge", "thank", "welcome"}
)
# the states a recorded vote lists in brackets after its count ("7 against (Belarus, Mali)")
_VOTE_LIST = re.compile(
    r"\b(?:in favou?r|against|abstentions?|abstaining|voting no|voting yes)\s*\(([^()]{3,600})\)",
    re.I,
)
ACTOR_TYPES = ("Country", "Institution", "Person")


@dataclass
class Candidate:
    type: str
    source: Mention
    target: Mention
    sent: int
    role: str | None = None
    rule: str = ""  # which rule read it (provenance, kept on the evidence)
    confidence: float = 0.7  # how often the rule is right on the development corpus


@dataclass
class Sentence:
    index: int
    span: Span
    paragraph: int
    mentions: list[Mention]

    @property
    def text(self) -> str:
        return self.span.text


def _role_regex(rules: Rules) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(r) for r in rules.role_nouns)
    modifiers = r"(?:(?:interim|acting|former|outgoing|current|incumbent)\s+)?"
    return re.compile(rf"\b{modifiers}(?:{alternatives})\b", re.I)


class RelationFinder:
    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.gaz = gaz
        self.hosting = Hosting(rules, gaz)
        self.chairs = Chairs(rules)
        self.attendance = Attendance(rules)
        self.role_rx = _role_regex(rules)
        self.list_headings = ListHeadings(rules.list_headings, rules.host_headings)
        self.designations = Designations(rules, gaz.parents)
        self.partners = Partners(rules)
        self.meetings = Meetings(rules)
        self.groups = ParliamentGroups()

    def find(
        self,
        doc: Doc,
        sentences: list[Sentence],
        event_of: dict[int, Mention],
        title_end: int = 0,
        home: Mention | None = None,
    ) -> list[Candidate]:
        out: list[Candidate] = []
        # a readout's principal: the first person it names ("The Prime Minister met ...")
        self.meetings.reset(
            next((m for s in sentences for m in s.mentions if m.type == "Person"), None)
        )
        self.partners.reset()
        previous_meeting: Mention | None = None
        body = [s for s in sentences if s.span.start_char >= title_end]
        # the document's own event: the first one it names, not on a "Follows:" line (a table
        # of attendees is its)
        main_event = document_event(sentences, doc_text(doc), self.rules)
        roles = {s.index: self.holds_role(doc, s) for s in body}
        self.groups.reset([m for s in sentences for m in s.mentions])
        for s in body:
            roles[s.index] += self.groups.find(doc_text(doc), s)
        states = _states_of(roles)
        for found_roles in roles.values():
            # a country only implied by one sentence ("President Lula ... Ukraine's territorial
            # integrity") yields to the one the document's own titles give the person
            found_roles[:] = [
                c
                for c in found_roles
                if c.rule != "implied-country"
                or states.get(c.source.name) in (None, c.target)
                or states[c.source.name].name == c.target.name
            ]
        for s in body:
            # headlines are too compressed to parse into facts reliably
            found = roles[s.index]
            found += _named(self.spoke_at(doc, s, event_of.get(s.index)), "spoke_at", 0.75)
            found += _named(self.sanctioned(doc, s), "sanction-cue", 0.7)
            found += _named(self.cooperates(doc, s), "cooperation-cue", 0.65)
            found += _named(self.joint_subjects(doc, s), "joint-subjects", 0.7)
            found += _named(self.partners.find(s, home, states), "partners", 0.65)
            found += self.partners.two_sides(s, states)
            found += self.delegates(s)
            found += self.represented(s, event_of.get(s.index))
            found += _named(self.seats(doc, s), "based-in", 0.7)
            found += _named(self.members(s), "membership", 0.6)
            event = main_event or event_of.get(s.index)
            for rel, a, b, role in row_facts(s, event, self.list_headings):
                found.append(Candidate(rel, a, b, s.index, role, "table-row", 0.8))
            met = self.met_with(doc, s, previous_meeting)
            if met:
                previous_meeting = met[0].source
            elif not re.match(r"\s*(and\s+)?(also\s+)?with\b", s.text, re.I):
                previous_meeting = None
            found += _named(met, "meeting", 0.7)
            found += _named(self.hosted_and_located(doc, s), "event-place", 0.7)
            found += _named(self.chambers(doc, s), "chamber-of", 0.8)
            found += _named(
                self.attended(doc, s, event_of.get(s.index), main_event), "attended", 0.75
            )
            out += _named(found, "holds-role", 0.75)
        head = [m for s in sentences if s.span.start_char < title_end for m in s.mentions]
        for src, dst, si, rule, conf in self.designations.find(doc, body, head):
            out.append(Candidate("SANCTIONED", src, dst, si, rule=rule, confidence=conf))
        located = [c for c in out if c.type == "LOCATED_IN"]
        out += self.hosting.find(body, main_event, located)
        out += self.chairs.find(body, main_event, event_of)
        return speakers_not_attendees(spoken_elsewhere(out, body, self.gaz))

    # ---- HOLDS_ROLE: "X, the Chairman of Y" / "Chairman of Y, X" / "Russian President X" ----
    def holds_role(self, doc: Doc, s: Sentence) -> list[Candidate]:
        found: list[Candidate] = []
        text = doc_text(doc)
        orgs = [m for m in s.mentions if m.type in ORG_TYPES]
        listed = self.listed_roles(text, s)
        done = {c.source.name for c in listed}
        for p in (m for m in s.mentions if m.type == "Person" and m.name not in done):
            after = self._role_after(text, p, orgs, s)
            found += after or []
            found += self._role_before(doc, text, p, orgs, s, titled_after=after is not None)
        return found + listed

    def listed_roles(self, text: str, s: Sentence) -> list[Candidate]:
        """ "the presidents of Guinea-Bissau, Umaro Sissoco Embalo; Senegal, Macky Sall; and
        Togo, Faure Gnassingbe": each name after "Country," holds the singular title there."""
        titles = load_pair_rules().plural_titles
        sentence = text[s.span.start_char : s.span.end_char]
        found: list[Candidate] = []
        for m in re.finditer(
            r"\b(" + "|".join(re.escape(t) for t in titles) + r")\s+of\s+", sentence, re.I
        ):
            base = s.span.start_char + m.end()
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
                    role = titles[m.group(1).lower()]
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
            r"\s*,\s*(?:who is\s+|now\s+)?(?:the\s+|a\s+|an\s+)?", text[p.end : s.span.end_char]
        )
        if not m:
            return None
        after_end = _clause_end(text, p.end + m.end(), s.span.end_char)
        # "a former Attorney General for England and Wales who was born in Dominica"
        relative = re.compile(r"\s(?:who|which|whose)\s").search(text, p.end + m.end(), after_end)
        after_end = relative.start() if relative else after_end
        window = text[p.end : after_end]
        role_m = self.role_rx.search(window, m.end())
        lead = window[m.end() : role_m.start()] if role_m else ""
        if not role_m or len(lead.split()) > 2:
            return None
        role_end = p.end + role_m.end()
        if any(
            q.type == "Person"
            and role_end <= q.start < after_end
            and re.fullmatch(r"(?:\s*[A-Z][\w.’'-]*)*\s*", text[role_end : q.start])
            for q in s.mentions
        ):
            # "Guterres, IMF Managing Director Kristalina Georgieva": the next name's title
            return None
        targets = [o for o in orgs if p.end + m.end() <= o.start < after_end]
        return self._roles(text, p, targets, p.end + role_m.start(), after_end, s)

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
        lead_m = re.search(r"(?:\b[A-Z][a-z]+\s+){1,3}$", text[clause_start:role_abs])
        if lead_m and not any(
            o.start < role_abs and o.end > clause_start + lead_m.start() for o in s.mentions
        ):
            role_abs = clause_start + lead_m.start()
        # "Ukraine's foreign ministry spokesperson, X": lower-case words after a possessive
        owned = re.search(r"['’]s\s+((?:[a-z]+\s+){1,2})$", text[clause_start:role_abs])
        # unless those words name a body ("Ukraine's foreign ministry", a state organ): the
        # title is then held in that body
        if owned and not any(
            o.start < role_abs and o.end > role_abs - len(owned.group(1)) for o in s.mentions
        ):
            role_abs -= len(owned.group(1))
        return role_abs, role_m

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
        clause_start = _clause_start(text, p.start, s.span.start_char)
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
            # "Prime Minister Fumio Kishida of Japan": the body follows the name
            of = re.match(r"\s+of\s+(?:the\s+)?", text[p.end : p.end + 12])
            nxt = [o for o in orgs if of and o.start == p.end + of.end()]
            if nxt and text[role_abs : p.start].strip(" ,").lower().startswith(
                role_m.group(0).lower()
            ):
                return self._roles(text, p, nxt, role_abs, p.start, s)
            return self._implied_country(text, p, role_abs, role_m, s)
        return self._roles(text, p, demonyms + targets, role_abs, p.start, s)

    def _implied_country(
        self, text: str, p: Mention, role_abs: int, role_m: re.Match[str], s: Sentence
    ) -> list[Candidate]:
        """ "Argentina declined after the election of President Javier Milei": a state's
        title (rules.toml [roles] state_titles) right before a name, with no body named, is
        held in the one country the sentence names, unless the country is only a place or a
        partner after a preposition."""
        title = re.sub(r"\s+", " ", text[role_abs : p.start]).strip(" ,").lower()
        if title not in self.rules.state_titles:
            return []
        countries = {m.name: m for m in s.mentions if m.type == "Country"}
        if len(countries) != 1:
            return []
        (country,) = countries.values()
        span = s.span.doc.char_span(country.start, country.end, alignment_mode="expand")
        if span is None or span.root.dep_ == "pobj":
            return []  # "talks in Singapore", "with Norway as facilitator": a place, no state
        if country.demonym and self.role_rx.match(text, country.end + 1):
            return []  # "Japanese Foreign Minister X, with President Y looking on": X's title
        verb = span.root.head
        if span.root.dep_ in ("dobj", "obj") and verb.lemma_.lower() in TOPIC_VERBS:
            return []  # "in which they discussed Ukraine and the Middle East"
        found = self._roles(text, p, list(countries.values()), role_abs, p.start, s)
        return _named(found, "implied-country", 0.6)

    @staticmethod
    def _title_words_only(
        doc: Doc, text: str, role_abs: int, name_start: int, targets: list[Mention]
    ) -> bool:
        """What lies between a title and the name must be the title's own words and bodies,
        with no verb: in "X, the NATO Secretary General, greeted Y" the title is X's."""
        residue = text[role_abs:name_start]
        for o in sorted(targets, key=lambda o: -o.start):
            residue = residue[: o.start - role_abs] + " " + residue[o.end - role_abs :]
        if not re.fullmatch(r"[\s,]*(?:[A-Za-z’'-]+[\s,]*){0,12}", residue) or re.search(
            r"\b(said|is|was|with|by)\b", residue
        ):
            return False
        between = doc.char_span(role_abs, name_start, alignment_mode="contract")
        return between is None or not any(t.pos_ in ("VERB", "AUX") for t in between)

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
        if not targets:
            return out
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
        targets = chained
        # "Russian President X": the role follows its country
        role_end = (
            min(named_first.start, role_limit) if named_first.start > role_start else role_limit
        )
        role_text = text[role_start:role_end]
        role_text = re.sub(r"\s+(of|for|in|at)(\s+the)?\s*$", "", role_text.strip(" ,"), flags=re.I)
        role_text = re.sub(r"\s+", " ", role_text).strip(" ,")
        role_text = re.sub(r"\s*,.*$", "", role_text)
        role_text = re.sub(r"^(?:current|incumbent)\s+", "", role_text, flags=re.I)
        words = role_text.split()
        while len(words) > 1 and words[-1].lower().strip(".") in self.rules.honorifics:
            if words[-1].lower() in self.rules.role_nouns or words[-2].lower() in ("of", "for"):
                break  # "Foreign Minister", "Secretary of State" end with their own words
            words.pop()  # "Foreign Minister Prince": the honorific is the person's
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
            out.append(Candidate("HOLDS_ROLE", person, t, s.index, role=role_text))
        return out

    # ---- LOCATED_IN for a body: "X, a Yangon-based firm", "X, registered in Singapore",
    # "X (Türkiye)", "X, based in Mandalay" ----
    def seats(self, doc: Doc, s: Sentence) -> list[Candidate]:
        text = doc_text(doc)
        places = [m for m in s.mentions if m.type in ("City", "Country", "Region")]
        out = []
        for body in (m for m in s.mentions if m.type == "Institution"):
            end = _clause_end(text, body.end, s.span.end_char, stop_at_comma=False)
            window = text[body.end : min(end, body.end + 160)]
            bracket = re.match(r"\s*\(", window)
            for place in places:
                if not body.end <= place.start < body.end + len(window):
                    continue
                before = text[body.end : place.start]
                if bracket and bracket.end() == len(before) and place.type == "Country":
                    out.append(Candidate("LOCATED_IN", body, place, s.index))
                elif re.search(
                    r"\b(?:based|registered|headquartered|located|incorporated)\s+in\s+(?:the\s+)?$"
                    r"|,\s+(?:an?\s+|the\s+)?$",
                    before,
                ) and (
                    text[place.end : place.end + 6] == "-based" or not before.rstrip().endswith(",")
                ):
                    if re.search(r"[;.]|\b(?:said|has|have|was|is)\b", before):
                        continue  # the place belongs to a later clause
                    out.append(Candidate("LOCATED_IN", body, place, s.index))
        return out

    # ---- PART_OF for members of a bloc: "BRICS, the grouping of Brazil, Russia, ..." ----
    def members(self, s: Sentence) -> list[Candidate]:
        cues = [t for t in s.span if t.lower_ in self.rules.membership_cues]
        if not cues or not all(asserted(c, self.rules) for c in cues):
            return []
        blocs = [m for m in s.mentions if m.type == "Institution" and not m.demonym]
        countries = [m for m in s.mentions if m.type == "Country" and not m.demonym]
        if not blocs or len(countries) < 2:
            return []
        cue = cues[0]
        bloc = min(blocs, key=lambda b: abs(b.start - cue.idx))
        doc = s.span.doc
        listed = []
        for c in countries:
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            root = span.root if span is not None else None
            # a list: the country is a conjunct of another, or has one
            if root is not None and (
                root.dep_ == "conj" or any(k.dep_ == "conj" for k in root.children)
            ):
                listed.append(c)
        if len(listed) < 2:
            return []
        return [Candidate("PART_OF", c, bloc, s.index) for c in unique_by_name(listed)]

    # ---- HOLDS_ROLE of a speaker in meeting coverage: "NAME (Country) said" ----
    def delegates(self, s: Sentence) -> list[Candidate]:
        out = []
        text = doc_text(s.span.doc)
        for p in (m for m in s.mentions if m.source == "speaker"):
            bracket = re.match(r"\s*\(", text[p.end : p.end + 3])
            country = next(
                (
                    m
                    for m in s.mentions
                    if bracket and m.type == "Country" and m.start == p.end + bracket.end()
                ),
                None,
            )
            if country is not None:
                out.append(
                    Candidate("HOLDS_ROLE", p, country, s.index, "Representative", "delegate", 0.6)
                )
        return out

    # ---- ATTENDED in meeting coverage: the states whose representatives took part ----
    def represented(self, s: Sentence, event: Mention | None) -> list[Candidate]:
        """ "NAME (Country) said", "the representative of Japan said", "invited the
        representatives of Haiti, Kenya and Jamaica to take part": on a page covering a
        meeting, each state (or body) represented there attended it."""
        if event is None or event.props.get("coverage") != "yes":
            return []
        text = doc_text(s.span.doc)
        bodies = [m for m in s.mentions if m.type in ORG_TYPES and not m.demonym]
        present: list[Mention] = []
        for p in (m for m in s.mentions if m.source == "speaker"):
            bracket = re.match(r"\s*\(", text[p.end : p.end + 3])
            present += [m for m in bodies if bracket and m.start == p.end + bracket.end()]
        for tok in s.span:
            if tok.lemma_.lower() not in ("representative", "delegate", "delegation", "observer"):
                continue
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    heads = [obj, *obj.conjuncts]
                    present += [m for m in bodies for h in heads if m.start <= h.idx < m.end]
        # "by a recorded vote of 12 in favour to none against, with 3 abstentions (China,
        # India, Russian Federation)": a state that voted was there
        for vote in _VOTE_LIST.finditer(text, s.span.start_char, s.span.end_char):
            present += [m for m in bodies if vote.start(1) <= m.start < vote.end(1)]
        return [
            Candidate("ATTENDED", m, event, s.index, rule="represented", confidence=0.7)
            for m in unique_by_name(present)
        ]

    # ---- SPOKE_AT: a person who speaks, in a passage about an event ----
    def spoke_at(self, doc: Doc, s: Sentence, event: Mention | None) -> list[Candidate]:
        if event is None:
            return []
        out = []
        for p in (m for m in s.mentions if m.type == "Person"):
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            # meeting coverage opens each speaker's paragraph with the name in capitals
            covered = p.source == "speaker" and event.props.get("coverage") == "yes"
            if covered or (span is not None and self._is_speaker(span.root)):
                out.append(Candidate("SPOKE_AT", p, event, s.index))
        return out

    def _is_speaker(self, tok: Token) -> bool:
        seen = 0
        while seen < 6:
            seen += 1
            if tok.dep_ in ("appos", "compound", "conj", "flat", "cc") and tok.head is not tok:
                tok = tok.head
                continue
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.head.lemma_.lower() in self.rules.speech_verbs
            ):
                return True
            if tok.dep_ == "pobj" and tok.head.lower_ == "by":
                head = tok.head.head  # "remarks by X", "the speech delivered by X"
                nouns = self.rules.speech_nouns
                return head.lemma_.lower() in nouns or (
                    head.lemma_.lower() in ("deliver", "give") and head.head.lemma_.lower() in nouns
                )
            if tok.dep_ in ("nsubj",) and tok.head.lemma_.lower() in ("give", "deliver", "make"):
                return any(c.lemma_.lower() in self.rules.speech_nouns for c in tok.head.children)
            # "…," said X: X sometimes hangs off the verb as its object in the small model
            if tok.dep_ in ("dobj", "attr", "npadvmod") and tok.head.lemma_.lower() in (
                "say",
                "emphasize",
                "emphasise",
                "note",
                "stress",
                "add",
            ):
                return tok.i > tok.head.i
            return False
        return False

    # ---- SANCTIONED: "sanctions on A, B and C", "blockade by X", "X banned imports from Y" ----
    def sanctioned(self, doc: Doc, s: Sentence) -> list[Candidate]:
        words = [t for t in s.span if t.lower_ in self.rules.sanction_cues]
        if not words:
            return []
        text = doc_text(doc)
        actors = [m for m in s.mentions if m.type in ACTOR_TYPES]
        out = []
        for cue in words:
            if not asserted(cue, self.rules):
                continue  # "lifted sanctions", "refused to sanction", "may impose sanctions"
            cue_start, cue_end = cue.idx, cue.idx + len(cue)
            sources = self._sanction_sources(text, cue, actors)
            if not sources:
                continue
            source = sources[0]
            # targets: after "on/against/from" past the cue, or the country the sentence names
            targets: list[Mention] = []
            after = [a for a in actors if a.start >= cue_end and a is not source]
            window_end = _clause_end(text, cue_end, s.span.end_char, stop_at_comma=False)
            # "sanctions of X" names a target, "sanctioned Dodik, the leader of the Bosnian
            # Serbs" does not
            preps = r"\b(on|against|from)\b" if cue.pos_ == "VERB" else r"\b(on|against|from|of)\b"
            m = re.search(preps, text[cue_end:window_end])
            if m:  # people are not sanctioned by these patterns: too often the speaker
                lo = cue_end + m.start()
                # the list of targets ends where the reason or the occasion begins
                stop = re.compile(
                    r"\b(over|for|because|after|amid|following|to|in|which|that|as)\b"
                )
                cut = stop.search(text, lo + len(m.group(0)), window_end)
                window_end = cut.start() if cut else window_end
                # "announced restrictions on A, and OFAC has designated B": a new clause
                joins = [
                    t.idx
                    for t in doc[cue.i :]
                    if lo < t.idx < window_end and t.dep_ == "cc" and t.head.pos_ in ("VERB", "AUX")
                ]
                window_end = min([window_end, *joins])
                targets = [
                    a for a in after if lo <= a.start and a.end <= window_end and a.type != "Person"
                ]
            if not targets and cue_end < source.start:
                targets = [
                    a
                    for a in actors
                    if a.end <= cue_start and a is not source and a.type == "Country"
                ]
            if not targets:
                # "new Russian sanctions"; not the demonym of the source's own title
                # ("Russian President Vladimir Putin announced new sanctions")
                own = doc.char_span(source.start, source.end, alignment_mode="expand")
                lo = own.root.left_edge.idx if own is not None else source.start
                # a verb's objects are read by the designation rule: "has sanctioned Dodik,
                # the leader of the Bosnian Serbs" does not sanction Bosnia
                targets = [
                    a
                    for a in actors
                    if a.demonym
                    and a is not source
                    and a.type == "Country"
                    and not lo <= a.start < source.start
                    and (cue.pos_ != "VERB" or _modifies_object(cue, a))
                ]
            # "sanctions on Iranian officials", "UK sanctions Georgian ministry chiefs": the
            # state's people are targets, not the state
            targets = [t for t in targets if not (t.demonym and self._of_people(doc, t))]
            # "the Myanmar military regime", "NATO ally Turkey", "Mexico-based entities": a
            # name that qualifies another noun is no target (a demonym still is: "Russian
            # oil", and so is an owner: "Venezuela's oil sector")
            targets = [
                t for t in targets if t.demonym or not _modifier(t, doc, ("compound", "nmod"))
            ]
            for src in sources:
                for t in unique_by_name(targets):
                    if t.name != src.name and t not in sources:
                        out.append(Candidate("SANCTIONED", src, t, s.index))
        return out

    def _of_people(self, doc: Doc, m: Mention) -> bool:
        """Whether a demonym qualifies people ("Iranian officials", "20 Georgian
        individuals", "Georgian interior ministry chiefs")."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root.head
        for _ in range(2):
            if (
                head.lower_ in self.rules.people_nouns
                or head.lemma_.lower() in self.rules.people_nouns
            ):
                return True
            if head.dep_ not in ("compound", "amod") or head.head.i == head.i:
                return False
            head = head.head
        return False

    def _sanction_sources(self, text: str, cue: Token, actors: list[Mention]) -> list[Mention]:
        """Who imposes: "blockade by X", "X's sanctions", "US sanctions", "X banned ...",
        "X (and Y) imposed sanctions"."""
        cue_start, cue_end = cue.idx, cue.idx + len(cue)
        by = re.match(r"\s*(?:\w+\s+){0,2}?by\s+(?:the\s+)?", text[cue_end : cue_end + 40])
        if by:
            hit = [a for a in actors if a.start == cue_end + by.end() and not a.demonym]
            if hit:
                return hit
        doc = cue.doc
        for a in reversed([a for a in actors if a.end <= cue_start]):
            between = text[a.end : cue_start]
            if between.strip() in ("", "economic", "new", "trade"):
                return [a]  # "US sanctions"
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            owner = span.root if span is not None else None
            if (
                owner is not None
                and owner.dep_ == "poss"
                and (owner.head == cue or owner.head in list(cue.ancestors)[:4])
            ):
                return [a]  # "the United States' military aid ... and economic sanctions"
        verb = cue if cue.pos_ == "VERB" else None
        noun = cue
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "adopted its 12th package of sanctions against Russia"
        if verb is None and noun.dep_ in ("dobj", "obj", "nsubjpass") and noun.head.pos_ == "VERB":
            verb = noun.head  # "X imposed sanctions on Y"
        if verb is None:
            return []
        found: list[Mention] = []
        for c in (c for c in verb.children if c.dep_ == "nsubj"):
            lo, hi = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
            found += [a for a in actors if lo <= a.start and a.end <= hi and not a.demonym]
        return unique_by_name(found)

    # ---- COOPERATES_WITH: "cooperation between A and B", "A and B ... ties" ----
    def cooperates(self, doc: Doc, s: Sentence) -> list[Candidate]:
        text = doc_text(doc)
        out = []
        for cue in (t for t in s.span if t.lower_ in self.rules.cooperation_cues):
            if not asserted(cue, self.rules):
                continue
            rest = text[cue.idx + len(cue) : s.span.end_char]
            m = re.match(r"\s*(?:[\w-]+\s+){0,3}?between\s+", rest)
            if not m:
                out += self._cooperation_with(text, cue, s)
                continue
            begin = cue.idx + len(cue) + m.end()
            end = _clause_end(text, begin, s.span.end_char)
            parties = [
                x
                for x in s.mentions
                if begin <= x.start < end and x.type in ("Country", "Institution")
            ]
            joined = text[begin:end]
            if len(parties) >= 2 and " and " in joined:
                a, b = parties[0], parties[1]
                if a.name != b.name:
                    out.append(Candidate("COOPERATES_WITH", a, b, s.index))
        return out

    def _cooperation_with(self, text: str, cue: Token, s: Sentence) -> list[Candidate]:
        """ "Minsk would continue military cooperation with Russia and China": the clause's
        subject cooperates with each body named after "with"."""
        m = re.match(r"\s+with\s+(?:the\s+)?", text[cue.idx + len(cue) : s.span.end_char])
        if m is None or cue.pos_ != "NOUN":
            return []
        verb = cue.head if cue.dep_ in ("dobj", "obj", "pobj", "attr") else None
        while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head  # "… continue [military] cooperation", "for cooperation"
        if verb is None:
            return []
        bodies = [x for x in s.mentions if x.type in ("Country", "Institution") and not x.demonym]
        # the subject itself (and its conjuncts), not bodies named inside its appositions
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
        heads += [k for c in heads for k in c.conjuncts]
        subjects = [x for x in bodies for c in heads if x.start <= c.idx < x.end]
        begin = cue.idx + len(cue) + m.end()
        end = _clause_end(text, begin, s.span.end_char)
        partners = [x for x in bodies if begin <= x.start < end]
        return [
            Candidate("COOPERATES_WITH", a, b, s.index)
            for a in unique_by_name(subjects)
            for b in unique_by_name(partners)
            if a.name != b.name
        ]

    def joint_subjects(self, doc: Doc, s: Sentence) -> list[Candidate]:
        """ "Russia and Mali signed an agreement on military cooperation"."""
        if not any(t.lower_ in self.rules.cooperation_cues for t in s.span):
            return []
        text = doc_text(doc)
        bodies = [m for m in s.mentions if m.type in ("Country", "Institution") and not m.demonym]
        for a, b in zip(bodies, bodies[1:], strict=False):
            if re.fullmatch(r"\s+and\s+(?:the\s+)?", text[a.end : b.start]):
                rest = text[b.end : s.span.end_char]
                if re.match(
                    r"\s+(?:have\s+|had\s+|will\s+)?(?:signed|agreed|concluded|reached|discussed|launched|deepened|expanded|strengthened|boosted|pledged)\b",
                    rest,
                ):
                    return [Candidate("COOPERATES_WITH", a, b, s.index)]
        return []

    # ---- MET_WITH: "A held a meeting with B", "A met B", "... And also with C" ----
    def met_with(self, doc: Doc, s: Sentence, previous: Mention | None) -> list[Candidate]:
        people = [m for m in s.mentions if m.type == "Person"]
        text = s.text
        continuation = re.match(r"\s*(?:and\s+)?(?:also\s+)?with\b", text, re.I)
        if continuation and previous is not None:
            return [
                Candidate("MET_WITH", previous, p, s.index)
                for p in people
                if p.name != previous.name
            ]
        return [Candidate("MET_WITH", a, b, s.index) for a, b in self.meetings.find(s)]

    # ---- ATTENDED: "X attended the summit", "X took part in the forum" ----
    def attended(
        self, doc: Doc, s: Sentence, event: Mention | None, main: Mention | None = None
    ) -> list[Candidate]:
        named = [m for m in s.mentions if m.type == "Event"]
        target = named[0] if named else event
        if target is None:
            return []
        out = []
        for verb in s.span:
            lemma = verb.lemma_.lower()
            took_part = lemma == "take" and any(c.lower_ == "part" for c in verb.children)
            if verb.pos_ != "VERB" or not (lemma in ("attend", "participate") or took_part):
                continue
            if not asserted(verb, self.rules):
                continue  # "did not attend"
            if not named and not any(c.dep_ == "dobj" or c.dep_ == "prep" for c in verb.children):
                continue
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                # "the summit was attended by A, B and C"
                lo, hi = agent.left_edge.idx, agent.right_edge.idx + len(agent.right_edge)
                for a in s.mentions:
                    if lo <= a.start and a.end <= hi and a.type in ACTOR_TYPES and not a.demonym:
                        out.append(Candidate("ATTENDED", a, target, s.index))
            for subj in (c for c in verb.children if c.dep_ in ("nsubj",)):
                lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
                if verb.dep_ == "relcl" and subj.lower_ in ("who", "which", "that"):
                    # "Spain, which attended as an observer": the actor the clause is of
                    lo, hi = verb.head.idx, verb.head.idx + len(verb.head)
                for a in s.mentions:
                    within = a.start <= lo < a.end or lo <= a.start and a.end <= hi
                    if within and a.type in ACTOR_TYPES and not a.demonym:
                        out.append(Candidate("ATTENDED", a, target, s.index))
        for a in unique_by_name(self.attendance.find(s)):
            out.append(Candidate("ATTENDED", a, target, s.index, None, "attendance-stated", 0.7))
        # talks on the margins, with no event named: the margins of the document's own event
        at = named[0] if named else main or target
        for a in unique_by_name(self.attendance.at_the_margins(s)):
            out.append(Candidate("ATTENDED", a, at, s.index, None, "attendance-margins", 0.65))
        return out

    # ---- PART_OF: "the State Duma, the lower house of the Federal Assembly" ----
    def chambers(self, doc: Doc, s: Sentence) -> list[Candidate]:
        text = doc_text(doc)
        bodies = [m for m in s.mentions if m.type in ("Institution", "Country")]
        out = []
        for a in (m for m in bodies if m.type == "Institution"):
            m = re.match(
                r"\s*,\s*(?:the|a|an)\s+(?:lower|upper|second|first)?\s*(?:house|chamber|body|branch|arm|wing|committee|agency|unit|part|member)\s+of\s+(?:the\s+)?",
                text[a.end : a.end + 80],
                re.I,
            )
            if m:
                whole = next((b for b in bodies if b.start == a.end + m.end()), None)
                if whole is not None and whole.name != a.name:
                    out.append(Candidate("PART_OF", a, whole, s.index))
        return out

    # ---- HOSTED and LOCATED_IN for the events a sentence names ----
    def hosted_and_located(self, doc: Doc, s: Sentence) -> list[Candidate]:
        events = [m for m in s.mentions if m.type == "Event"]
        if not events:
            return []
        text = doc_text(doc)
        out = []
        for ev in events:
            if ev.source == "generic-event":
                # "Russia hosted an inter-parliamentary conference": only the host is read
                head = text[s.span.start_char : ev.start]
                m = re.search(r"(?P<verb>hosted|held|organi[sz]ed|convened)\s*$", head)
                who = [
                    x
                    for x in s.mentions
                    if x.end <= ev.start and x.type in ("Country", "Institution")
                ]
                if m and who and not text[who[-1].end : s.span.start_char + m.start()].strip():
                    out.append(Candidate("HOSTED", who[-1], ev, s.index))
                continue
            tail = text[ev.end : _clause_end(text, ev.end, s.span.end_char, stop_at_comma=False)]
            # "the G7 summit in Hiroshima", "... was held in Moscow"
            # "an emergency summit of the Economic Community of West African States in Abuja"
            of_body = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of|and|the|[A-Z][\w'’-]*))*)?"
            m = re.match(of_body + r",?\s+in\s+(?:the\s+)?", tail) or re.search(
                r"\b(?:was held|took place|occurred|held|convened|opened)\b[^.]*?\bin\s+", tail
            )
            if m:
                place = next(
                    (
                        x
                        for x in s.mentions
                        if x.start == ev.end + m.end() and x.type in ("City", "Country", "Region")
                    ),
                    None,
                )
                if place is not None:
                    out.append(Candidate("LOCATED_IN", ev, place, s.index))
            m = re.search(
                r"\b(?:at the initiative of|hosted by|organi[sz]ed by|convened by)\s+(?:the\s+)?",
                tail,
            )
            if m:
                host = next(
                    (
                        x
                        for x in s.mentions
                        if x.start == ev.end + m.end()
                        and x.type in ("Country", "Institution", "City", "Person")
                    ),
                    None,
                )
                if host is not None:
                    out.append(Candidate("HOSTED", host, ev, s.index))
            head = text[s.span.start_char : ev.start]
            m = re.search(
                r"(?:^|\s)(?P<who>\S.*?)\s+(?:hosted|held|organi[sz]ed|convened)\s+(?:the\s+|an?\s+)?[\w\s-]*$",
                head,
            )
            if m:
                who = [
                    x
                    for x in s.mentions
                    if x.end <= ev.start
                    and x.type in ("Country", "Institution")
                    and x.start >= s.span.start_char + m.start("who")
                ]
                if who:
                    out.append(Candidate("HOSTED", who[-1], ev, s.index))
        return out


def _modifies_object(verb: Token, m: Mention) -> bool:
    """Whether a demonym qualifies the verb's own object ("sanctioned Iranian entities"), not a
    word further down it ("sanctioned Dodik, the leader of the Bosnian Serbs")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objects += [k for o in objects for k in o.conjuncts]
    return any(t.head in objects for t in verb.doc if m.start <= t.idx < m.end)


def _has_verb(s: Sentence, start: int, end: int) -> bool:
    """Whether a title's words hold a verb after their first word ("Acting High
    Commissioner" is a title, "Head of State to be so invited" is not)."""
    span = s.span.doc.char_span(start, end, alignment_mode="contract")
    if span is None or len(span) < 2:
        return False
    return any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in span[1:])


def _states_of(roles: dict[int, list[Candidate]]) -> dict[str, Mention]:
    """The state each person holds a role in, by the document's own titles ("President Lula
    of Brazil", "Brazilian President Lula"), for rules where a bare name acts for its state;
    a country only implied by the sentence is not trusted for this."""
    states: dict[str, Mention] = {}
    for found in roles.values():
        for c in found:
            if c.target.type == "Country" and c.rule != "implied-country":
                states.setdefault(c.source.name, c.target)
                # "Modi" later in the text, after "Prime Minister Narendra Modi of India"
                states.setdefault(c.source.name.split()[-1], c.target)
    return states


def _named(found: list[Candidate], rule: str, confidence: float) -> list[Candidate]:
    """Name the rule of the candidates that do not name one yet."""
    for c in found:
        if not c.rule:
            c.rule, c.confidence = rule, confidence
    return found




def _clause_end(text: str, start: int, limit: int, stop_at_comma: bool = True) -> int:
    """Where the clause that starts at `start` ends: a semicolon, a quote, a dash, or ", said"."""
    pattern = r"[;“”\"]|\s[–—]\s|,\s+(?:said|who|which|where|while|emphasized|noted|spoke|in\b)"
    if stop_at_comma:
        pattern += r"|,\s+(?=[a-z])(?!and\b)"
    m = re.compile(pattern).search(text, start, limit)
    return m.start() if m else limit


def _clause_start(text: str, end: int, limit: int) -> int:
    chunk = text[limit:end]
    cut = max(chunk.rfind(";"), chunk.rfind("“"), chunk.rfind("”"), chunk.rfind(". "))
    m = list(re.finditer(r"\b(?:said|emphasized|noted|with|at the|and also|recalled)\b", chunk))
    if m:
        cut = max(cut, m[-1].end())
    return limit + cut + 1 if cut >= 0 else limit
