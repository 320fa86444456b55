"""A readout's short form of its principal's title ("External Affairs Minister Dr. S.
Jaishankar visited Riyadh ... On arrival, EAM was received by ..."): the person whose title,
written before their name, has the short form's initials. Only the short forms listed in
actor_pairs.toml [meetings] title_acronyms are read."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from graph.extract.mentions import Mention


def title_holders(
    doc: Doc, people: Iterable[Mention], short_forms: frozenset[str], skipped: frozenset[str]
) -> dict[str, Mention]:
    """Short form (lower case) -> the first person named after a title with its initials:
    the capitalised words right before the name, honorifics ("Dr.", "H.E.") skipped."""
    found: dict[str, Mention] = {}
    for m in people:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        words: list[str] = []
        i = span.start - 1
        while i >= 0 and len(words) < 5:
            tok = doc[i]
            if tok.text.strip(".").lower() in skipped:
                i -= 1
                continue
            if not tok.is_alpha or not tok.text[:1].isupper():
                break
            words.insert(0, tok.text)
            i -= 1
        # every tail of the title: "Minister of State External Affairs Minister" -> "EAM"
        for k in range(len(words)):
            initials = "".join(w[0] for w in words[k:]).lower()
            if initials in short_forms:
                found.setdefault(initials, m)
    return found
