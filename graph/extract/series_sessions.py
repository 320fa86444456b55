"""Other sessions of the page's own numbered series, written short (rules.toml [events]).

A page about the "16th Summit of the Non-Aligned Movement" speaks of "the 15th Summit" and
"the 17th Summit"; a page about the "30th Meeting of the OSCE Ministerial Council" of "the
29th Ministerial Council". An ordinal written before the opening words of the own event's
name after its ordinal (up to a kind word: "Summit", "Meeting of the ...") or before its
last two or more words ("Ministerial Council") names another session of the same series:
the own event's name with that number, its key the own key's core with that number. The
same number is the own event itself (bloc_summit_names.join_numbered_short_titles)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.event_names import event_kind, numbered_event_key, ordinal_of
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.relations import Sentence
    from graph.extract.tables import Rules

# an ordinal as a title writes it: "15th", "Third", "Thirty-First"
_ORDINAL = r"(?P<n>\d+(?:st|nd|rd|th)|[A-Z][a-z]+(?:-[A-Za-z]+)?)"


def _tails(rest: list[str], rules: Rules) -> list[str]:
    """The short forms of a series' name after its ordinal: its opening words up to a kind
    word ("Summit"), the whole, and its last two or more words when they open with a
    capital ("Ministerial Council", "OSCE Ministerial Council")."""
    kinds = rules.meeting_words | rules.event_kinds
    heads = [" ".join(rest[: k + 1]) for k, w in enumerate(rest) if fold(w) in kinds]
    ends = [" ".join(rest[k:]) for k in range(len(rest) - 1) if rest[k][:1].isupper()]
    return sorted({*heads, " ".join(rest), *ends}, key=len, reverse=True)


def session_pattern(own: Mention, rules: Rules) -> tuple[int, re.Pattern[str]] | None:
    """The own event's number and the pattern of an ordinal before one of its short forms;
    None when the own event's name does not open with an ordinal."""
    words = own.name.split()
    number = ordinal_of(words[0], rules) if len(words) > 1 else None
    if number is None:
        return None
    tails = "|".join(re.escape(t) for t in _tails(words[1:], rules))
    # a capitalised word after the short form runs it into another name ("Fifth Summit Hall")
    return number, re.compile(rf"\b{_ORDINAL}\s+(?P<tail>{tails})\b(?![ \t]+[A-Z])")


def series_sessions(sentences: list[Sentence], own: Mention | None, rules: Rules) -> None:
    """Each other session of the own series written short becomes an Event of its own
    name, in place of what a layer read there inside it ("Summit", the body's "Ministerial
    Council"); never over a mention that runs past it."""
    found = session_pattern(own, rules) if own is not None else None
    if own is None or found is None:
        year_sessions(sentences, own, rules)
        return
    number, pattern = found
    for s in sentences:
        for hit in pattern.finditer(s.text):
            other = ordinal_of(hit["n"], rules)
            if other is None or other == number:
                continue
            name = " ".join([hit["n"], *own.name.split()[1:]])
            key = numbered_event_key(name, rules) or fold(name)
            _add_session(s, own, (name, key), hit.span())


def year_sessions(sentences: list[Sentence], own: Mention | None, rules: Rules) -> None:
    """A page about the "2023 BRICS summit" speaks of "the 2019 summit", one about the "2022
    Commonwealth Heads of Government Meeting" of "the 2018 meeting": "the", a year, the own
    event's kind word is that year's session of the own series, named as the own event with
    that year ("2019 BRICS Summit"); the own year is the own event."""
    year = _YEAR.match(own.name) if own is not None else None
    if own is None or year is None:
        return
    kind = re.escape(event_kind(own, rules))
    # a capitalised word after it runs it into another name ("the 2019 Summit Declaration")
    pattern = re.compile(rf"\b[Tt]he\s+(?P<year>(?:19|20)\d\d)\s+(?i:{kind})\b(?![ \t]+[A-Z])")
    for s in sentences:
        for hit in pattern.finditer(s.text):
            if hit["year"] == year.group(1):
                continue
            name = f"{hit['year']}{own.name[year.end(1) :]}"
            key = (own.key or "").removesuffix(f"|{year.group(1)}")
            key = f"{key}|{hit['year']}" if key != (own.key or "") else fold(name)
            _add_session(s, own, (name, key), (hit.start("year"), hit.end()))


_YEAR = re.compile(r"((?:19|20)\d\d)\s")


def _add_session(
    s: Sentence, own: Mention, name_key: tuple[str, str], where: tuple[int, int]
) -> None:
    """An Event named and keyed so at `where` in the sentence (offsets in its text)."""
    from graph.extract.mentions import Mention

    start, end = (s.span.start_char + k for k in where)
    inside = [m for m in s.mentions if start <= m.start and m.end <= end]
    if any(m.start < end and start < m.end for m in s.mentions if m not in inside):
        return  # a longer name runs over it
    name, key = name_key
    text = s.text[where[0] : where[1]]
    # another of the series, as "the next summit" is: never the page's own event, nor what
    # "the summit" after it refers to
    props = {"other": "yes"} | ({"kind": str(own.props["kind"])} if "kind" in own.props else {})
    ref = Mention("Event", text, name, start, end, s.index, "series-session", key, props)
    s.mentions[:] = [m for m in s.mentions if m not in inside] + [ref]
    s.mentions.sort(key=lambda m: m.start)
