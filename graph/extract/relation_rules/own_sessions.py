"""HOSTED by the body that opens, closes or resumes "its" session: meeting coverage and
press releases write the body's own meeting with a possessive and no name of its own,
"Concluding its thirty-seventh special session this afternoon, the Human Rights Council
adopted ...", "Resuming its tenth emergency special session ..., the General Assembly today
adopted ...", "The Council concluded its annual session on Friday".

The meeting noun (own_sessions.toml) is the object of a verb of holding, opening or closing
it, owned by "its"; the body is that verb's subject, or, for a participle clause without a
subject of its own ("Concluding its session, the Council adopted"), the subject of the clause
it hangs on. The meeting is the event the passage is about when it is of the noun's kind;
"its previous session", "its next summit" are other occasions, and a session still to come
("will open its session") or denied is none.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.event_names import event_kind
from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class OwnSessions(StatelessRule):
    name = "own-session"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.nouns = frozenset(data["meeting_nouns"])
        self.verbs = frozenset(data["session_verbs"])
        self.other = frozenset(data["other_occasion"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.event_of.get(s.index) or ctx.main_event
        if event is None:
            return []
        out = []
        for noun in tokens_with(s.span, self.nouns):
            if not self._own_meeting(noun, event):
                continue
            body = self._body(noun.head, s.mention_at)
            if body is not None:
                out.append(Candidate("HOSTED", body, event, s.index))
        return out

    def _own_meeting(self, noun: Token, event: Mention) -> bool:
        """ "[concluding] its thirty-seventh special session": the body's own meeting, of the
        passage's event's kind, held now or done."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in self.verbs:
            return False
        if not any(c.dep_ == "poss" and c.lower_ == "its" for c in noun.children):
            return False
        if any(c.lower_ in self.other for c in noun.children):
            return False  # "its previous session": another occasion
        if noun.lemma_.lower() != event_kind(event, self.rules):
            return False
        if any(c.dep_ == "aux" and c.lower_ in self.rules.future_aux for c in verb.children):
            return False
        return asserted(verb, self.rules)

    @staticmethod
    def _body(verb: Token, at: dict[int, Mention]) -> Mention | None:
        """The verb's subject, else (a participle clause) the subject of the clause above."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "advcl":
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        for sub in subjects:
            m = at.get(sub.i)
            if m is not None and m.type == "Institution" and not m.demonym:
                return m
        return None
