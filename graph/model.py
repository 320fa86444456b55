"""The interchange format: plain pydantic models shared by every step and both stores.

JSON shape (the export format, documented in the README):
    {"nodes": [{"id", "type", "name", "aliases": [...], ...properties}],
     "edges": [{"id", "source", "target", "type",
                "evidence": [{"document", "sentence", "start", "end", ...}], ...properties}]}
Node and edge properties are flat scalars (or lists of strings) so that every store,
Neo4j included, can hold them as they are.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Evidence(BaseModel):
    """Where a fact was read: the document, the sentence and its character offsets."""

    model_config = ConfigDict(extra="forbid")

    document: str = Field(description="Id of the Document node the fact was read in.")
    sentence: str = Field(description="The sentence, as it stands in the document.")
    start: int = Field(ge=0, description="Offset of the span's first character in the text.")
    end: int = Field(ge=0, description="Offset just past the span's last character.")
    date: str | None = Field(default=None, description="ISO date the sentence gives, if any.")
    text: str | None = Field(
        default=None, description="For MENTIONS: the surface form of the mention."
    )
    rule: str | None = Field(
        default=None, description="The extraction rule that read this fact (provenance)."
    )
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="How sure the rule is, 0-1; evidence without one counts as 1.",
    )

    def key(self) -> tuple[str, int, int, str | None]:
        return (self.document, self.start, self.end, self.text)


class Node(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    type: str
    name: str
    aliases: list[str] = Field(default_factory=list)

    @property
    def properties(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Edge(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    source: str
    target: str
    type: str
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def properties(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Truncation(BaseModel):
    """What a bounded answer (neighbours, subgraph) left out, so a reader knows there is
    more: `nodes` when the walk stopped at the node limit with nodes still in reach,
    `edges` how many edges among the answer's nodes a `max_edges` cap dropped."""

    nodes: bool = False
    edges: int = 0


def truncation(
    before: Truncation | None, dropped_edges: int = 0, nodes: bool = False
) -> Truncation | None:
    """What an answer left out, added to what it had left out already (None: nothing)."""
    was = before or Truncation()
    now = Truncation(nodes=was.nodes or nodes, edges=was.edges + dropped_edges)
    return now if now.nodes or now.edges else None


class GraphData(BaseModel):
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    # set on a bounded answer that is not whole (never on a whole graph or an export)
    truncated: Truncation | None = None

    def sorted(self) -> GraphData:
        """A canonical ordering, so two exports of the same graph compare equal."""
        nodes = sorted(self.nodes, key=lambda n: n.id)
        edges = []
        for edge in sorted(self.edges, key=lambda e: e.id):
            evidence = sorted(edge.evidence, key=lambda ev: (ev.document, ev.start, ev.end))
            edges.append(edge.model_copy(update={"evidence": evidence}))
        return GraphData(nodes=nodes, edges=edges)


FOLD_CACHED_CHARS = 200  # names are folded again and again (resolution compares pairs)


def fold(text: str) -> str:
    """Case-, accent- and quote-insensitive form of a name, for matching and search."""
    if len(text) <= FOLD_CACHED_CHARS:
        return _fold_name(text)
    return _fold(text)


@functools.lru_cache(maxsize=1 << 16)
def _fold_name(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2018\u2019\u201a\u201b'`\u201c\u201d\u201e\"]", "", text)
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)
    text = re.sub(r"[^\w\s&]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    return fold(text).replace("&", "and").replace(" ", "-") or "x"


def node_id(node_type: str, key: str) -> str:
    return f"{node_type.lower()}:{slug(key)}"


_MINISTRY = re.compile(r"^minister (?:of|for) (?:the )?(.+?)(?: affairs)?$")


def post_key(role: str | None) -> str:
    """One key for the wordings of one post: "Minister of Foreign Affairs", "Foreign
    Minister", "Foreign Affairs Minister" -> "foreign minister"."""
    key = re.sub(r"\s+", " ", fold(role or "")).strip()
    if m := _MINISTRY.match(key):
        key = f"{m.group(1)} minister"
    return re.sub(r" affairs minister$", " minister", key)


def edge_id(rel_type: str, source: str, target: str, symmetric: bool, role: str | None) -> str:
    """Deterministic: the same fact from any document, in any store, has the same id."""
    a, b = sorted((source, target)) if symmetric else (source, target)
    raw = "\x1f".join([rel_type, a, b, fold(role or "")])
    return "rel:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
