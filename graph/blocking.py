"""Blocking keys: resolution compares a new mention only with the known actors that share
one of its keys, so ingesting a document costs what the document holds, not the store.

A key is a short string with a kind prefix. Stores keep the keys of every entity node
(computed here from its name, aliases and event key) in an index and answer
`GraphStore.entity_candidates(keys)`. A matching rule in graph/resolve.py must only join
names that share at least one key; a rule that needs another kind of key adds it here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import jellyfish

from graph.extract.tables import name_particles
from graph.model import Node, fold

# Words a body's name may start with that another writer leaves out: "U.S. Department of
# the Treasury" / "Department of the Treasury", "UN Security Council" / "Security Council".
BODY_PREFIXES = frozenset({"us", "u s", "uk", "u k", "un", "u n", "eu", "au", "the"})
AGENCY = re.compile(r"^(?:department|ministry) of (?:the )?(\w+)$|^(\w+) (?:department|ministry)$")


@functools.lru_cache(maxsize=1 << 16)
def phonetic(word: str) -> str:
    """A sound key of one name word, spelling-blind: Zelensky / Zelenskyy / Zelenskiy,
    Gaddafi / Qaddafi, Mohamed / Mohammed share one."""
    return jellyfish.metaphone(word.replace("-", "")) if word else ""


def initials(name: str) -> str:
    """ "Islamic Revolutionary Guard Corps" → "irgc"; "Agence France-Presse" → "afp";
    "Group of 77" → "g77" (a number is written whole, so "G7" is not its initials)."""
    words = [w for w in fold(name).split() if w not in ("of", "the", "and", "for", "on", "in")]
    return "".join(w if w.isdigit() else w[0] for w in words) if len(words) >= 2 else ""


def spells(acronym: str, name: str) -> bool:
    """Whether an acronym can be read off a name's words in order, each word giving the
    start of its chunk ("ASEAN": ASsociation? no — A·ssociation, SE·southEast, A·sian,
    N·ations; "CHOGM": Commonwealth Heads Government Meeting)."""
    words = [w for w in fold(name).split() if w not in ("of", "the", "and", "for", "on", "in")]
    letters = fold(acronym).replace(" ", "")
    if len(words) < 2 or not letters:
        return False

    def fits(i: int, k: int) -> bool:  # letters[i:] from words[k:]
        if k == len(words):
            return i == len(letters)
        word = words[k]
        if i >= len(letters) or letters[i] != word[0]:
            return False
        for j in range(i + 1, len(letters) + 1):  # letters[i:j] is word k's chunk
            if word.isdigit() and letters[i:j] != word:
                continue  # a number is written whole: "G7" spells no "Group of 77"
            if _subsequence(letters[i + 1 : j], word[1:]) and fits(j, k + 1):
                return True
        return False

    return fits(0, 0)


def _subsequence(part: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in part)


def agency_core(name: str) -> str | None:
    """ "Department of the Treasury", "Treasury Department", "U.S. Department of the
    Treasury" → "treasury": the word an agency is called by alone ("Treasury", "Commerce")."""
    words = fold(name).split()
    while words and " ".join(words[:2]) in BODY_PREFIXES:
        words = words[2:]
    while words and words[0] in BODY_PREFIXES:
        words = words[1:]
    found = AGENCY.match(" ".join(words))
    return (found.group(1) or found.group(2)) if found else None


def unprefixed(name: str) -> str:
    """A body's name without the country or bloc written before it."""
    words = fold(name).split()
    while words and " ".join(words[:2]) in BODY_PREFIXES:
        words = words[2:]
    while words and words[0] in BODY_PREFIXES:
        words = words[1:]
    return " ".join(words)


def name_tokens(name: str) -> list[str]:
    """A name's folded words without particles ("al", "van", ...)."""
    return list(_name_tokens(name))


@functools.lru_cache(maxsize=1 << 16)  # resolution compares each name with many candidates
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in fold(name).split() if t not in name_particles())


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
        # surname-first names ("Li Qiang" ... "Li"): the first word is a surname too
        if tokens:
            keys.add(f"s:{tokens[0]}")
        # transliterations: the sound of the last word ("Zelensky" / "Zelenskyy")
        keys.update(f"ph:{phonetic(t)}" for t in tokens[-1:] if phonetic(t))
    elif node_type == "Institution":
        words = folded.split()
        if len(words) >= 3:  # a long body name joins its shortened form by its first words
            keys.add("p:" + " ".join(words[:3]))
        short = initials(name)
        if short:  # "Islamic Revolutionary Guard Corps" meets "IRGC"
            keys.add(f"a:{short}")
        if len(words) == 1:
            keys.add(f"a:{words[0]}")
            keys.add(f"c:{words[0]}")  # "Treasury" meets "Department of the Treasury"
        core = agency_core(name)
        if core:
            keys.add(f"c:{core}")
        bare = unprefixed(name)
        if bare and bare != folded:  # "U.N. Security Council" meets "Security Council"
            keys.add(f"n:{bare}")
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
