"""HOLDS_ROLE of members of the European Parliament, as its debate coverage writes them
(actor_pairs.toml [parliament_groups]):

- "Miriam Lexmann (EPP, Slovakia) said ...": the group in brackets after the name;
- "For Renew Europe, Nathalie Loiseau (France) said ...", "Speaking for the European
  Conservatives and Reformists (ECR), Poland's Anna Fotyga ...": the group the clause opens
  with, for the first person after it;
- "(NI, Italy)": a non-attached member, of the Parliament only.
Each member holds "Member" of the group's mention and of the Parliament's mention, where the
document names it; a name in brackets that is no group (a country alone) gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph.extract.data_files import rule_table
from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules

RULE = "parliament-group"


@dataclass(frozen=True)
class GroupRules:
    groups: frozenset[str]
    non_attached: frozenset[str]
    parliament: str
    role: str
    bracket: re.Pattern[str]
    lead: re.Pattern[str]


@lru_cache(maxsize=1)
def load_group_rules() -> GroupRules:
    raw = rule_table("actor_pairs")
    g = raw["parliament_groups"]
    forms = sorted([*g["groups"], *g["non_attached"]], key=len, reverse=True)
    alt = "|".join(re.escape(f) for f in forms)
    return GroupRules(
        groups=frozenset(g["groups"]),
        non_attached=frozenset(g["non_attached"]),
        parliament=g["parliament"],
        role=g["role"],
        # right after the name: "(EPP, Slovakia)", "(Greens/EFA, DE)", "(NI)"
        bracket=re.compile(rf"\**\s*\((?P<group>{alt})\s*(?:[,;][^()]*)?\)"),
        # the clause's lead: "For Renew Europe, ", "Speaking for the ECR, ", "On behalf of the EPP, "
        lead=re.compile(
            # no part before the group's words spans a line break: over a run of blank lines
            # ("\n" * 10**6) a \W* that could would be tried from every break, quadratic
            rf"(?:^|(?<=[.;])[ \t]+|\n)[^\w\n]*"
            rf"(?i:(?:speaking\s+)?(?:for|on\s+behalf\s+of)\s+(?:the\s+)?)"
            rf"(?P<group>{alt})(?:\s+[Gg]roup)?(?:\s*\([^()]*\))?\s*,\s*"
        ),
    )


class ParliamentGroups:
    """A sentence rule of the registry (graph/extract/relation_rules)."""

    name = RULE
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.words = load_group_rules()
        self.parliament: Mention | None = None

    def start(self, ctx: DocumentContext) -> None:
        """The document's mention of the Parliament, the target of every member's seat."""
        name = self.words.parliament
        mentions = [m for s in ctx.sentences for m in s.mentions]
        self.parliament = next((m for m in mentions if m.name == name), None)

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        text = ctx.text
        people = [m for m in s.mentions if m.type == "Person"]
        out: list[Candidate] = []
        for p in people:
            m = self.words.bracket.match(text, p.end, s.span.end_char)
            if m is not None:
                out += self._member(p, m.start("group"), m.end("group"), m.group("group"), s)
        base = s.span.start_char
        for m in self.words.lead.finditer(text[base : s.span.end_char]):
            end = base + m.end()
            first = next((p for p in people if p.start >= end), None)
            # the person must open the clause after the lead ("Poland's Anna Fotyga")
            if first is not None and re.fullmatch(r"[\w\s'’*]{0,20}", text[end : first.start]):
                lo, hi = base + m.start("group"), base + m.end("group")
                out += self._member(first, lo, hi, m.group("group"), s)
        return out

    def _member(self, p: Mention, lo: int, hi: int, form: str, s: Sentence) -> list[Candidate]:
        role = self.words.role
        out: list[Candidate] = []
        if self.parliament is not None:
            out.append(Candidate("HOLDS_ROLE", p, self.parliament, s.index, role, RULE, 0.75))
        if form in self.words.non_attached:
            return out
        group = next(
            (g for g in s.mentions if g.type == "Institution" and g.start <= lo and hi <= g.end),
            None,
        )
        if group is not None:
            out.append(Candidate("HOLDS_ROLE", p, group, s.index, role, RULE, 0.75))
        return out
