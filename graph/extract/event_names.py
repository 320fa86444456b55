"""Which name forms of a document name one event: a numbered event is its ordinal and the
body that numbers it ("the 51st Pacific Islands Forum", "the Fifty-First Pacific Islands Forum
Leaders Meeting" → "#51 pacific islands"); the words that end the name (rules.toml [events])
tell no two events apart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.doc_cache import doc_text
from graph.extract.tables import Gazetteer, Rules
from graph.model import fold

if TYPE_CHECKING:  # mentions.py imports this module
    from graph.extract.mentions import Mention
    from graph.extract.relations import Sentence

_NUMBERED = re.compile(r"(\d+)(?:st|nd|rd|th)")


def ordinal_of(word: str, rules: Rules) -> int | None:
    """ "51st" → 51, "Fifty-First" → 51, "ninth" → 9; None for any other word."""
    w = fold(word.replace("-", " ")).replace(" ", "-")  # fold reads a hyphen as a space
    digits = _NUMBERED.fullmatch(w)
    if digits:
        return int(digits.group(1))
    if w in rules.ordinal_words:
        return rules.ordinal_words[w]
    tens, _, unit = w.partition("-")
    if tens in rules.tens_words and unit in rules.ordinal_words:
        return rules.tens_words[tens] + rules.ordinal_words[unit]
    return None


def numbered_event_key(name: str, rules: Rules) -> str | None:
    """The identity of an event named with its ordinal: "#51 pacific islands"; None when the
    name opens with no ordinal or holds nothing but meeting words after it."""
    words = _strip_the(name).split()
    if len(words) < 2:
        return None
    number = ordinal_of(words[0], rules)
    if number is None:
        return None
    core = [fold(w) for w in words[1:]]
    while core and core[-1] in rules.meeting_words:
        core.pop()
    return f"#{number} {' '.join(core)}" if core else None


def ordinal_key_prefix(word: str, rules: Rules) -> str | None:
    """ "the 52nd meeting" refers to the event whose key opens with "#52 "."""
    number = ordinal_of(word, rules)
    return None if number is None else f"#{number} "


def event_kind(m: Mention, rules: Rules) -> str:
    """The kind word of an event: its own, else the last word of its name, else a kind word
    that heads it ("Summit on Peace in Ukraine" is a summit)."""
    if "kind" in m.props:
        return str(m.props["kind"])
    words = fold(m.name).split()
    if words[-1] in rules.event_kinds:
        return words[-1]
    return next((w for w in words if w in rules.event_kinds), words[-1])


_HEADING = re.compile(r"#+\s.*|[A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,5}")


def after_heading(text: str, start: int) -> bool:
    """Whether the last line before a sentence is a section heading ("## Attendance", or a
    few words alone after a blank line, with no closing stop: "Participants")."""
    before = text[:start].rstrip()
    line_start = before.rfind("\n") + 1
    line = before[line_start:].strip()
    if not line or not _HEADING.fullmatch(line):
        return False
    return line.startswith("#") or before[:line_start].rstrip(" \t").endswith("\n\n")


def _chamber_name(sentences: list[Sentence], rules: Rules) -> str | None:
    """The legislature a page names first: a body whose name ends in a chamber's word
    ("European Parliament", "National Assembly"), or the word alone as a name ("Parliament
    strongly condemns ...", a page of the chamber itself)."""
    for m in (m for s in sentences for m in s.mentions if m.type == "Institution"):
        if _head_word(m.name) in rules.chamber_heads:
            return _strip_the(m.name)
    for s in sentences:
        for tok in s.span:
            if (
                tok.text[:1].isupper()
                and fold(tok.text) in rules.chamber_heads
                and tok.dep_ != "compound"
                and not any(m.start <= tok.idx < m.end for m in s.mentions)
            ):
                return tok.text
    return None


def _head_word(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def _strip_the(name: str) -> str:
    return re.sub(r"^(the|The)\s+", "", name.strip())


def join_event_forms(events: list[Mention], text: str, rules: Rules) -> None:
    """Within one document, name forms of one event get one key (resolution makes one node
    of a key): the short "G20 summit" of the one year-matching "2022 G20 Bali summit"; the
    year-named title of the one numbered title with its body ("2022 Commonwealth Heads of
    Government Meeting", "26th Commonwealth Heads of Government Meeting")."""
    _short_forms(events)
    _year_and_number(events, rules)
    _said_to_be_one(events, text, rules)


def join_place_form(sentences: list[Sentence], own: Mention | None, gaz: Gazetteer) -> None:
    """ "the Buenos Aires summit" on the page of the 2023 CELAC summit held in Buenos Aires
    is that summit: a name of the city the page's own event met in (a sentence naming the
    event names the city, or an infobox "City" line), of the same kind and year, takes the
    own event's key. "The Quito summit" it followed is another."""
    if own is None or not own.key:
        return
    kind, year = _kind_and_year(own)
    text = doc_text(sentences[0].span.doc) if sentences else ""
    where = " ".join(_PLACE_LINE.findall(text)) + " ".join(
        s.text for s in sentences if any(m.key == own.key for m in s.mentions)
    )
    for m in (m for s in sentences for m in s.mentions if m.type == "Event"):
        parts = (m.key or "").split("|")
        if m.key == own.key or len(parts) not in (2, 3) or parts[1] != kind:
            continue
        if len(parts) == 3 and parts[2] != year:
            continue  # "the Lima summit of 2019" is another
        place = gaz.lookup(parts[0])
        if place is not None and place.type == "City" and place.name in where:
            m.key = own.key


# an infobox line that says where the event met: "| City | Lima |", "Cities: Nusa Dua, Bali"
_PLACE_LINE = re.compile(r"^\W*(?:City|Cities|Venue|Venues|Location|Host city)\W.*$", re.M)


def join_restated(sentences: list[Sentence], rules: Rules) -> None:
    """ "The 49th G7 summit was held in Hiroshima. It was the seventh G7 summit hosted by
    Japan": the event a sentence opening "It was the" names is the one the sentence before
    was about (its subject, or the one that sentence restated in turn), and takes its key."""
    topic: str | None = None
    for s in sentences:
        events = sorted((m for m in s.mentions if m.type == "Event"), key=lambda m: m.start)
        opening = rules.restating.match(s.text)
        if opening is None:
            first = events[0] if events else None
            lead = s.text[: first.start - s.span.start_char] if first else ""
            topic = first.key if first and _SUBJECT_LEAD.fullmatch(lead) else None
            continue
        named = events[0] if events else None  # written right after "It was the"
        if named is None or named.start - s.span.start_char > opening.end():
            continue
        if topic and named.key and named.key != topic:
            old = named.key
            for m in (m for t in sentences for m in t.mentions if m.type == "Event"):
                if m.key == old:
                    m.key = topic


# what may stand before a sentence's subject: "The **49th G7 summit** was"
_SUBJECT_LEAD = re.compile(r"[\W_]*(?:the\s+)?[\W_]*", re.I)


def _kind_and_year(m: Mention) -> tuple[str, str]:
    parts = (m.key or "").split("|")
    kind = parts[1] if len(parts) == 3 else str(m.props.get("kind", ""))
    year = parts[2] if len(parts) == 3 else str(m.props.get("start_date", ""))[:4]
    return kind, year


def _said_to_be_one(events: list[Mention], text: str, rules: Rules) -> None:
    """ "The 2023 BRICS summit was the fifteenth annual summit of BRICS": the sentence says
    the second name is the first event; every form of the second takes the first's key."""
    ordered = sorted((m for m in events if m.key), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.sent != b.sent or a.key == b.key:
            continue
        if rules.same_event_link.fullmatch(text[a.end : b.start]):
            old, new = b.key, a.key
            for m in events:
                if m.key == old:
                    m.key = new


def _short_forms(events: list[Mention]) -> None:
    keyed = {m.key for m in events if m.key and m.key.count("|") == 2}
    for m in events:
        if not m.key or m.key.count("|") not in (1, 2):
            continue
        title, kind, *year = m.key.split("|")
        longer = {
            k
            for k in keyed
            if k != m.key
            and k.split("|")[1] == kind
            and k.split("|")[0].startswith(title + " ")
            and (not year or k.split("|")[2] == year[0])
        }
        if len(longer) == 1:
            m.key = longer.pop()


def _year_and_number(events: list[Mention], rules: Rules) -> None:
    titled = [m for m in events if m.source == "title-event"]
    numbered = {m.key for m in titled if m.key and m.key.startswith("#")}
    by_core: dict[str, set[str]] = {}
    for key in numbered:
        by_core.setdefault(key.split(" ", 1)[1], set()).add(key)
    dated = [m for m in titled if not m.key and _YEAR_FIRST.match(m.name)]
    for m in dated:
        core = [fold(w) for w in m.name.split()[1:]]
        while core and core[-1] in rules.meeting_words:
            core.pop()
        same = by_core.get(" ".join(core), set())
        years = {fold(d.name) for d in dated if d.name.split()[1:] == m.name.split()[1:]}
        if len(same) == 1 and len(years) == 1:
            m.key = next(iter(same))


_YEAR_FIRST = re.compile(r"(?:19|20)\d\d\s")


def year_place_pattern(rules: Rules) -> re.Pattern[str]:
    """ "2023 Vilnius summit", "2019 Osaka meeting": a year, one to three capitalised words
    (the place), a kind word."""
    kinds = "|".join(re.escape(k) for k in sorted(rules.event_kinds))
    return re.compile(
        r"\b(?P<year>(?:19|20)\d\d)\s+(?P<place>[A-Z][\w'’-]+(?:\s+(?:es\s+|de\s+)?[A-Z][\w'’-]+){0,2})"
        rf"\s+(?P<kind>{kinds})\b",
        re.I,
    )


def year_place_events(sentences: list[Sentence], rules: Rules) -> None:
    """An event named by its year and the place it met in, the way an encyclopedia titles a
    summit of a series ("2023 Vilnius summit"), where no other name layer read one: the
    page's own event, which its table of participants attended. Only the first such name
    (the title), not on a "Follows:" line: the summits before and after it that the page
    recalls ("the 2022 Madrid summit") would otherwise take over the passages recalling them."""
    from graph.extract.mentions import Mention

    pattern = year_place_pattern(rules)
    if not sentences:
        return
    text = doc_text(sentences[0].span.doc)
    head = next(
        (
            f
            for f in pattern.finditer(text)
            if f.group("place")[:1].isupper()  # re.I is for the kind word only
            and not rules.navigation.match(text, text.rfind("\n", 0, f.start()) + 1)
        ),
        None,
    )
    if head is None:
        return
    title = fold(head.group(0))
    for s in sentences:
        for found in pattern.finditer(s.text):
            if fold(found.group(0)) != title:
                continue
            start = s.span.start_char + found.start()
            end = s.span.start_char + found.end()
            if any(m.start < end and start < m.end for m in s.mentions if m.type == "Event"):
                continue
            place, kind, year = (
                found.group("place"),
                found.group("kind").lower(),
                found.group("year"),
            )
            key = f"{fold(place)}|{kind}|{year}"
            name = f"{year} {place} {kind.capitalize()}"
            ref = Mention(
                "Event",
                found.group(0),
                name,
                start,
                end,
                s.index,
                "year-place-event",
                key,
                {"kind": kind, "start_date": year},
            )
            inner = [m for m in s.mentions if start <= m.start and m.end <= end]
            s.mentions[:] = [m for m in s.mentions if m not in inner] + [ref]
            s.mentions.sort(key=lambda m: m.start)


def mark_other_events(sentences: list[Sentence], text: str, rules: Rules) -> None:
    """ "the next G7 summit", "the previous meeting": another one of the series than the
    one the document is about; never its own event nor what "the summit" refers to."""
    for s in sentences:
        for m in (m for m in s.mentions if m.type == "Event"):
            before = text[max(0, m.start - 20) : m.start].split()
            if before and fold(before[-1]) in rules.other_event_words:
                m.props["other"] = "yes"


def described_event(sentences: list[Sentence], rules: Rules) -> None:
    """A story whose event has no name describes it: "leaders meeting at an extraordinary
    summit in Malabo", "closed a pared-back summit in the Rockies". In a document naming no
    event of its own, the first such description in its opening sentences is its event,
    named after the body the story names first ("extraordinary summit of the Economic
    Community of Central African States"), its words kept as an alias."""
    from graph.extract.mentions import Mention

    if not sentences or any(
        m.type == "Event" and "other" not in m.props for s in sentences for m in s.mentions
    ):
        return
    bodies: list[Mention] = []
    for s in sentences[: rules.described_within]:
        # not a dateline's place read as a body ("KANANASKIS, Canada (AFP) -")
        bodies += [
            m
            for m in s.mentions
            if m.type == "Institution" and not m.demonym and not m.text.isupper()
        ]
        found = rules.described_event.search(s.text)
        if found is None:
            continue
        mod, kind = found.group("mod").strip(), found.group("kind").lower()
        body = bodies[0] if bodies else None
        if body is not None and mod.split()[-1:] and mod.split()[-1] in rules.event_qualifiers:
            name = f"{mod} {kind} of the {_strip_the(body.name)}"
        elif body is not None:
            name = f"{_strip_the(body.name)} {kind}"
        else:
            name = f"{mod} {kind}"
        start = s.span.start_char + found.start("mod")
        end = s.span.start_char + found.end("kind")
        key = fold(name)
        props = {"kind": kind}
        ref = Mention(
            "Event", f"{mod} {kind}", name, start, end, s.index, "described-event", key, props
        )
        s.mentions.append(ref)
        s.mentions.sort(key=lambda m: m.start)
        return
    chamber_debate(sentences, rules)


def chamber_debate(sentences: list[Sentence], rules: Rules) -> None:
    """A page reporting a chamber's debate names no event ("MEPs spent two hours debating
    ...", "Closing the debate, X said"): with a legislature among its bodies (the first one
    named; else the chamber's word alone) and a debate it speaks of at least twice with an article, the debate is its own
    event, "<chamber> debate", read where the text first says "the debate". The whole page
    reports it (props "coverage"), as a body's meeting coverage does."""
    from graph.extract.mentions import Mention

    chamber = _chamber_name(sentences, rules)
    if chamber is None:
        return
    said = [
        (s, tok)
        for s in sentences
        for tok in s.span
        if tok.lower_ in rules.debate_nouns
        and tok.pos_ == "NOUN"
        and tok.i > 0
        and tok.doc[tok.i - 1].lower_ in ("the", "a", "this")
    ]
    if len(said) < 2:
        return
    s, tok = next(((s, t) for s, t in said if t.doc[t.i - 1].lower_ == "the"), said[0])
    written = tok.doc[tok.i - 1 : tok.i + 1]
    name = f"{chamber} {tok.lower_}"
    props = {"kind": tok.lower_, "coverage": "yes"}
    ref = Mention(
        "Event", written.text, name, written.start_char, written.end_char, s.index,
        "chamber-debate", fold(name), props,
    )
    s.mentions.append(ref)
    s.mentions.sort(key=lambda m: m.start)


COVERAGE_HEAD_CHARS = 600  # the furniture lines above a coverage page's headline


def mark_coverage(sentences: list[Sentence], rules: Rules) -> None:
    """On a page of meeting coverage ("Meeting Summaries" near its top), the page's own
    event is the meeting it covers (props "coverage")."""
    if not sentences:
        return
    head = doc_text(sentences[0].span.doc)[:COVERAGE_HEAD_CHARS]
    if not any(mark in head for mark in rules.coverage_marks):
        return
    own = document_event(sentences, doc_text(sentences[0].span.doc), rules)
    if own is None:
        return
    for m in (m for s in sentences for m in s.mentions if m.type == "Event"):
        if m is own or (own.key and m.key == own.key) or (not own.key and m.name == own.name):
            m.props["coverage"] = "yes"


def document_event(sentences: list[Sentence], text: str, rules: Rules) -> Mention | None:
    """The document's own event: the first it names, not on an infobox line that names the
    one before or after it ("Follows: 2022 Madrid summit"), nor "the next summit"."""
    for s in sentences:
        for m in (m for m in s.mentions if m.type == "Event" and "other" not in m.props):
            line_start = text.rfind("\n", 0, m.start) + 1
            if not rules.navigation.match(text, line_start):
                return m
    return None


def date_own_event(events: list[Mention], own: Mention | None, year: int | None) -> None:
    """The page's own event named without its year ("the G20 summit" of a story datelined
    2024) is that year's: its key takes the document's year, so it is not joined to the
    same series' summit of another year read from another document."""
    if own is None or year is None or not own.key or own.key.count("|") != 1:
        return
    old = own.key
    for m in events:
        if m.key == old:
            m.key = f"{old}|{year}"


def drop_venues(sentences: list[Sentence], text: str, rules: Rules) -> None:
    """An event name a venue word follows names the venue ("the Intare Conference Arena"):
    not an event; the place it names is no actor either."""
    for s in sentences:
        s.mentions[:] = [
            m
            for m in s.mentions
            if not (
                m.type == "Event"
                and m.source != "generic-event"
                and text[m.end : m.end + 30].split()[:1]
                # in brackets or a table cell too: "(Leaders' Summit Conference Hall)"
                and text[m.end : m.end + 30].split()[0].strip(".,;:)]|*") in rules.venue_words
            )
        ]
