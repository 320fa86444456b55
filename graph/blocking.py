"""Blocking keys: resolution compares a new mention only with the known actors that share
one of its keys, so ingesting a document costs what the document holds, not the store.

A key is a short string with a kind prefix. Stores keep the keys of every entity node
(computed here from its name, aliases and event key) in an index and answer
`GraphStore.entity_candidates(keys)`. A matching rule in graph/resolve.py must only join
names that share at least one key; a rule that needs another kind of key adds it here.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import Node, fold

NAME_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "van", "von", "bin", "al", "la"})


def name_tokens(name: str) -> list[str]:
    """A name's folded words without particles ("al", "van", ...)."""
    return [t for t in fold(name).split() if t not in NAME_PARTICLES]


def name_keys(node_type: str, name: str) -> set[str]:
    """The keys of one written form of an actor's name."""
    folded = fold(name)
    if not folded:
        return set()
    keys = {f"n:{folded}"}
    if node_type == "Person":
        tokens = name_tokens(name)
        # surname joins: any word after the first may be the surname a short form keeps
        keys.update(f"s:{t}" for t in tokens[1:] or tokens[-1:])
    elif node_type == "Institution":
        words = folded.split()
        if len(words) >= 3:  # a long body name joins its shortened form by its first words
            keys.add("p:" + " ".join(words[:3]))
    return keys


def event_key(key: str | None) -> set[str]:
    """Events match on "title|kind|year": title and kind block, the year is checked later."""
    if not key:
        return set()
    title, _, rest = key.partition("|")
    kind = rest.partition("|")[0]
    return {f"e:{title}|{kind}"}


def node_keys(node: Node) -> set[str]:
    """Every key of a stored entity node: its name, its aliases, its event key."""
    keys: set[str] = set()
    for name in [node.name, *node.aliases]:
        keys |= name_keys(node.type, name)
    if node.type == "Event":
        key = node.properties.get("key")
        keys |= event_key(key if isinstance(key, str) else None)
    return keys


def keys_of_names(items: Iterable[tuple[str, str]]) -> set[str]:
    """The keys of (type, name) pairs, e.g. every mention of a new document."""
    keys: set[str] = set()
    for node_type, name in items:
        keys |= name_keys(node_type, name)
    return keys
