"""ATTENDED on a page of meeting coverage: the state a named speaker speaks for, written
"NAME of STATE" or through the title in apposition ("Fu Cong of China said", "X of the
Russian Federation, who voted in favour, accused ...", "X, Minister for Foreign Affairs of
Colombia, said"). represented.py reads "NAME (State) said" and "the representative of
Japan"; this is the same fact with the state after "of". The speaker is the subject of a
verb of saying or of taking a stand (speaker_states.toml); a state named further down a
clause about them ("X, who visited Mali, said") is not theirs, nor is one away from a
coverage page ("Foreign Minister X of Peru said" in a news story: no meeting is covered)."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class SpeakerStates(StatelessRule):
    name = "speaker-state"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(rules.speech_verbs) | frozenset(data["stance_verbs"])
        self.preps = frozenset(data["affiliation_preps"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.event_of.get(s.index)
        if event is None or event.props.get("coverage") != "yes":
            return []
        states: list[Mention] = []
        for tok in s.span:
            verb = tok.head
            if tok.dep_ != "nsubj" or verb.lemma_.lower() not in self.verbs:
                continue
            speaker = s.mention_at.get(tok.i)
            if speaker is None or speaker.type != "Person" or not asserted(verb, self.rules):
                continue
            states += [m for w in self._state_words(tok) for m in _state_at(w, s)]
        return [Candidate("ATTENDED", m, event, s.index) for m in unique_by_name(states)]

    def _state_words(self, name: Token) -> list[Token]:
        """The words after "of" on the speaker's name or on a title in apposition to it,
        down the title's own words ("Minister for Foreign Affairs of Colombia")."""
        heads = [name, *(c for c in name.children if c.dep_ == "appos")]
        out = []
        for head in heads:
            todo = [head]
            while todo:
                tok = todo.pop()
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in self.preps:
                        out += [o for o in c.children if o.dep_ == "pobj"]
                    elif c.dep_ in ("prep", "pobj", "compound") and tok is not name:
                        todo.append(c)  # "for Foreign Affairs of ..."
        return out


def _state_at(tok: Token, s: Sentence) -> list[Mention]:
    m = s.mention_at.get(tok.i)
    return [m] if m is not None and m.type == "Country" and not m.demonym else []
