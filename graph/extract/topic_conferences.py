"""Events described by their scope and topic, not named: "an international conference on
drug policy", "an international humanitarian conference on Sudan and its neighbours".
Meeting coverage and wire copy announce such conferences this way ("Colombia would host an
international conference on drug policy"); analysts record each as an event named by those
words, from the scope word to the end of the topic (data/topic_conferences.toml). Repeated
descriptions of one topic are one event (one key)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.relations import Sentence

_MAX_TOPIC_WORDS = 6


@cache
def _pattern() -> tuple[re.Pattern[str], frozenset[str]]:
    raw = data_file("topic_conferences")
    scopes = "|".join(map(re.escape, raw["scopes"]))
    kinds = "|".join(map(re.escape, raw["kinds"]))
    words = r"[\w'’-]+"
    pattern = re.compile(
        rf"\b(?:an?|the)\s+(?P<name>(?:{scopes})\s+(?:[a-z][\w-]*\s+)?(?P<kind>{kinds})"
        rf"\s+on\s+(?P<topic>{words}(?:\s+{words}){{0,{_MAX_TOPIC_WORDS - 1}}}))"
    )
    return pattern, frozenset(raw["topic_stops"])


def _topic_end(found: re.Match[str], stops: frozenset[str]) -> int:
    """Where the topic ends: before the first stop word after its first word."""
    end = found.start("topic")
    for i, w in enumerate(re.finditer(r"[\w'’-]+", found.group("topic"))):
        if i and w.group(0) in stops:
            break
        end = found.start("topic") + w.end()
    return end


def _yields(m: Mention, found: re.Match[str], offset: int, end: int) -> bool:
    """A mention the description replaces: "an international conference" read as the
    story's described event (event_names.py), or a place inside the topic ("Sudan" in "...
    conference on Sudan and its neighbours"), as the name of an event holds its places."""
    if m.source == "described-event":
        return True
    inside = offset + found.start("topic") <= m.start and m.end <= end
    return inside and m.type in ("Country", "City", "Region")


def topic_conferences(sentences: list[Sentence]) -> None:
    """Each description as an Event mention where no other mention stands but those it
    replaces (_yields)."""
    from graph.extract.mentions import Mention

    pattern, stops = _pattern()
    for s in sentences:
        for found in pattern.finditer(s.text):
            start = s.span.start_char + found.start("name")
            end = s.span.start_char + _topic_end(found, stops)
            overlap = [m for m in s.mentions if m.start < end and start < m.end]
            if not all(_yields(m, found, s.span.start_char, end) for m in overlap):
                continue
            s.mentions[:] = [m for m in s.mentions if m not in overlap]
            written = re.sub(r"\s+", " ", s.text[found.start("name") : end - s.span.start_char])
            kind = found.group("kind")
            ref = Mention(
                "Event",
                written,
                written,
                start,
                end,
                s.index,
                "topic-event",
                fold(written),
                # announced or recalled: another event than the one a page covers, where
                # its speakers speak (pipeline.py _event_context)
                {"kind": kind, "other": "yes"},
            )
            s.mentions.append(ref)
            s.mentions.sort(key=lambda m: m.start)
