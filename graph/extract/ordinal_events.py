"""One numbered event under its two ordinal forms (rules.toml [events]): "the 15th BRICS
summit" and "the fifteenth annual summit of BRICS", "the 3rd European Political Community
Summit" and "the third summit of the European Political Community" name one event: the same
number of the same body's series, whether the ordinal is written in digits or in words, the
body before the kind word or after "of", with a qualifier ("annual") or without. Each layer
that reads one of the forms keys it its own way (a title, a body's summit, a described
meeting); the forms of one (number, body) take one key, the one the document uses most."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from graph.extract.event_names import ordinal_of
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.tables import Rules


def ordinal_identity(name: str, rules: Rules) -> tuple[int, str] | None:
    """(number, body) of an event named by its ordinal: "fifteenth annual summit of BRICS"
    and "15th BRICS Summit" are (15, "brics"); None without an ordinal or a body."""
    words = name.split()
    if words[:1] and fold(words[0]) == "the":
        words = words[1:]
    number = ordinal_of(words[0], rules) if len(words) > 1 else None
    if number is None:
        return None
    rest = [fold(w) for w in words[1:] if fold(w) not in rules.event_qualifiers]
    if len(rest) > 2 and rest[0] in rules.meeting_words | rules.event_kinds and rest[1] == "of":
        body = rest[2:]  # "summit of the European Political Community"
        body = body[1:] if body[:1] == ["the"] else body
    else:
        body = rest
        while body and body[-1] in rules.meeting_words | rules.event_kinds:
            body.pop()  # "European Political Community Summit"
    return (number, " ".join(body)) if body else None


def join_ordinal_forms(events: list[Mention], rules: Rules) -> None:
    """The forms of one (number, body) take one key: the one most mentions of the document
    carry (its other names and "the summit" share it), the first form's on a tie."""
    uses = Counter(m.key for m in events if m.key)
    groups: dict[tuple[int, str], list[Mention]] = {}
    for m in events:
        if m.source == "generic-event" or "other" in m.props:
            continue  # "the summit" has no ordinal; "the next summit" is another
        identity = ordinal_identity(m.name, rules)
        if identity is not None:
            groups.setdefault(identity, []).append(m)
    for forms in groups.values():
        keys = [m.key for m in sorted(forms, key=lambda m: m.start) if m.key]
        if len(set(keys)) < 2:
            continue
        chosen = max(keys, key=lambda k: (uses[k], -keys.index(k)))
        old = set(keys) - {chosen}
        for m in events:
            if m.key in old:
                m.key = chosen
