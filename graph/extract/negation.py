"""Whether a relation's cue is asserted: "did not attend", "refused to sanction", "lifted
sanctions", "may impose", "possible sanctions" assert nothing. The words are rules.toml's
[negation] table; the structure is the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.tables import Rules


def governing_verb(tok: Token) -> Token:
    """The verb a cue word belongs to: itself, or the nearest verb above a noun cue."""
    verb = tok
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    return verb


def asserted(tok: Token, rules: Rules) -> bool:
    """False when the cue (or a verb it depends on) is negated, hedged, undone or refused."""
    if any(c.lower_ in rules.hedge_modifiers for c in tok.children if c.dep_ == "amod"):
        return False  # "possible sanctions"
    if any(c.lower_ in rules.negators for c in tok.children if c.dep_ in ("det", "neg")):
        return False  # "no agreement between A and B", "no sanctions on X"
    if any(
        d.lower_ in rules.negators and d.dep_ == "det"
        for c in tok.children
        if c.dep_ in ("dobj", "obj")
        for d in c.children
    ):
        return False  # "signed no agreement", "reached no deal"
    verb = governing_verb(tok)
    if _inside_without(tok, verb, rules):
        return False  # "closed the summit without a joint statement"
    hedges = rules.hedges
    if verb.lemma_.lower() in rules.designation_verbs or tok.lower_ in rules.sanction_cues:
        hedges = hedges | rules.listing_hedges  # "will impose sanctions": not yet imposed
    chain = [verb]
    while len(chain) < 4 and chain[-1].dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep"):
        chain.append(chain[-1].head)
    for v in chain:
        for c in v.children:
            if c.dep_ == "neg" or c.lower_ in rules.negators and c.dep_ in ("neg", "advmod", "det"):
                return False
            if c.lower_ in rules.negators and c.dep_ in ("cc", "nsubj") and c.i < v.i - 1:
                return False  # "Nor has X suspended ...", "Neither has X attended ...": inverted
            if c.dep_ == "advmod" and any(g.lower_ in rules.negators for g in c.children):
                return False  # "no longer places X under sanctions"
            if c.dep_ in ("nsubj", "nsubjpass") and any(
                g.lower_ in rules.negators and g.dep_ in ("det", "preconj") for g in c.children
            ):
                return False  # "Neither A nor B has sanctioned X", "No sanctions were imposed"
            if c.dep_ == "aux" and c.lower_ in hedges:
                return False
        if v != tok and v.lemma_.lower() in rules.reversals:
            return False  # "lifted sanctions", "refused to sanction", "threatened to attend"
    return not _only_wished(verb, rules)


def _only_wished(verb: Token, rules: Rules) -> bool:
    """Whether an infinitive is only asked for or offered, through a chain of infinitives
    the chain above does not climb: "urged Iran to take steps ... and to cooperate with the
    Agency" (a conjunct of another infinitive), "expressed readiness to work with X" (a
    noun's infinitive, rules.toml intent_nouns)."""
    node = verb
    for _ in range(5):
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return False
        head = node.head
        if node.dep_ == "acl" and head.lemma_.lower() in rules.intent_nouns:
            return True
        if node.dep_ not in ("conj", "advcl", "xcomp") or head == node:
            return False
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in rules.reversals:
            return True
        node = head
    return False


def _inside_without(tok: Token, verb: Token, rules: Rules) -> bool:
    """Whether the cue sits in a phrase of a negating preposition ("without a joint
    statement") between itself and its verb."""
    node = tok
    for _ in range(5):
        if node == verb or node.head == node:
            return False
        if node.dep_ == "prep" and node.lower_ in rules.negators:
            return True
        node = node.head
    return False
