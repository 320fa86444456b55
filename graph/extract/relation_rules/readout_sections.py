"""MET_WITH from a readout of several meetings written as sections, each under a heading that
only names the leader met ("President Prabowo Subianto of Indonesia"), its paragraphs about
the talks ("The Prime Minister congratulated President Prabowo ..."). The principal is the
readout's first named person (as for "The Prime Minister met ..."). Read only where the
document's title or lead names meetings (actor_pairs.toml [readouts]); a section about a
call or a video link meets nobody.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.data_files import rule_table
from graph.extract.mentions import Mention
from graph.extract.pair_rules import load_pair_rules
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules

# a heading: title-case words only ("Prime Minister Anthony Albanese of Australia")
LEAD_CHARS = 600
HEADING = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of|the|and|de|da|bin|al|von|van|[A-Z][\w'’.-]*))*")


@lru_cache(maxsize=1)
def _head_words() -> re.Pattern[str]:
    raw = rule_table("actor_pairs")
    words = "|".join(re.escape(w) for w in raw["readouts"]["head_words"])
    return re.compile(rf"\b(?:{words})\b", re.I)


class ReadoutSections:
    name = "readout-section"

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.remote = load_pair_rules().remote_words

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        if not ctx.body:
            return []
        # the title and lead (a page's title may sit below its breadcrumb, in the body)
        if not _head_words().search(ctx.text[:LEAD_CHARS]):
            return []
        principal = next((m for s in ctx.sentences for m in s.mentions if m.type == "Person"), None)
        if principal is None:
            return []
        out: list[Candidate] = []
        heads = [i for i, s in enumerate(ctx.body) if self._heading(ctx, i) is not None]
        if len(heads) < 2:
            return []  # one titled line is a caption or a byline, not sections
        for n, i in enumerate(heads):
            person = self._heading(ctx, i)
            end = heads[n + 1] if n + 1 < len(heads) else len(ctx.body)
            section = ctx.body[i + 1 : end]
            if person is None or person.name == principal.name or not section:
                continue
            if any(self._remote(s) for s in section):
                continue  # "spoke by phone with ...", "held a video call"
            out.append(
                Candidate("MET_WITH", principal, person, ctx.body[i].index, None, self.name, 0.6)
            )
        return out

    def _heading(self, ctx: DocumentContext, i: int) -> Mention | None:
        """The person a sentence names when it is a heading: a paragraph of its own, title-
        case words only, no verb, one person."""
        s = ctx.body[i]
        alone = all(
            ctx.body[j].paragraph != s.paragraph for j in (i - 1, i + 1) if 0 <= j < len(ctx.body)
        )
        text = s.text.strip()
        people = [m for m in s.mentions if m.type == "Person"]
        if not alone or len(people) != 1 or len(text) > 90 or not HEADING.fullmatch(text):
            return None
        if any(ch.isdigit() for ch in text):
            return None  # a list entry's reference ("HTi.002 Name"), never a leader's heading
        if any(t.pos_ in ("VERB", "AUX") for t in s.span):
            return None
        return people[0]

    def _remote(self, s: Sentence) -> bool:
        return any(t.lower_ in self.remote and t.pos_ != "VERB" for t in s.span)
