"""The ontology, read from schema.toml: node types, relation types and their rules."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("schema.toml")


@dataclass(frozen=True)
class NodeType:
    name: str
    color: str
    description: str


@dataclass(frozen=True)
class RelationType:
    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    symmetric: bool
    properties: tuple[str, ...]
    description: str
    color: str = "#9aa3b2"
    dash: str = "solid"  # solid, dashed or dotted

    def allows(self, source_type: str, target_type: str) -> bool:
        if source_type in self.sources and target_type in self.targets:
            return True
        return self.symmetric and target_type in self.sources and source_type in self.targets


@dataclass(frozen=True)
class Schema:
    nodes: dict[str, NodeType]
    relations: dict[str, RelationType]

    @property
    def node_types(self) -> list[str]:
        return list(self.nodes)

    @property
    def entity_types(self) -> list[str]:
        """Node types that stand for actors, places and events (all but Document)."""
        return [n for n in self.nodes if n != DOCUMENT]

    @property
    def relation_types(self) -> list[str]:
        return list(self.relations)

    def relation(self, name: str) -> RelationType:
        return self.relations[name]


@cache
def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    nodes = {
        name: NodeType(name=name, color=spec["color"], description=spec["description"])
        for name, spec in raw["nodes"].items()
    }
    relations = {}
    for name, spec in raw["relations"].items():
        unknown = set(spec["from"]) | set(spec["to"])
        unknown -= set(nodes)
        if unknown:
            raise ValueError(f"schema.toml: relation {name} names unknown types {sorted(unknown)}")
        relations[name] = RelationType(
            name=name,
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            symmetric=bool(spec["symmetric"]),
            properties=tuple(spec.get("properties", ())),
            description=spec["description"],
            color=spec.get("color", "#9aa3b2"),
            dash=_dash(name, spec.get("dash", "solid")),
        )
    return Schema(nodes=nodes, relations=relations)


DASHES = ("solid", "dashed", "dotted")


def _dash(relation: str, value: str) -> str:
    if value not in DASHES:
        raise ValueError(f"schema.toml: relation {relation} dash {value!r} is not one of {DASHES}")
    return value


# The two names the pipeline itself is built around; every other type name lives in the TOML.
DOCUMENT = "Document"
MENTIONS = "MENTIONS"
