"""The stores actorgraph can keep its graph in, by the name ACTORGRAPH_STORE gives.

The built-ins are registered below exactly as an addition would be: a module with a
GraphStore subclass that has `from_settings(settings)`, and one `register` line. The
module is imported when the store is opened, not here: the Neo4j driver is only loaded
by a server that uses Neo4j. What a store can do beyond the interface is said by the
protocols it implements (graph/store/capabilities.py), not by its name."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.config import Settings
    from graph.store.base import GraphStore


@dataclass(frozen=True)
class StoreSpec:
    name: str  # the value of ACTORGRAPH_STORE
    description: str
    target: str  # "package.module:ClassName", a GraphStore with from_settings(settings)

    def store_class(self) -> type[GraphStore]:
        from graph.store.base import GraphStore

        module_name, _, attr = self.target.partition(":")
        cls = getattr(importlib.import_module(module_name), attr)
        if not (isinstance(cls, type) and issubclass(cls, GraphStore)):
            raise TypeError(f"store {self.name!r}: {self.target} is not a GraphStore")
        return cls


class StoreRegistry:
    def __init__(self) -> None:
        self._specs: dict[str, StoreSpec] = {}

    def register(self, spec: StoreSpec) -> StoreSpec:
        if spec.name in self._specs:
            raise ValueError(f"store {spec.name!r} is already registered")
        if ":" not in spec.target:
            raise ValueError(f"store {spec.name!r}: target must be 'module:Class'")
        self._specs[spec.name] = spec
        return spec

    def names(self) -> tuple[str, ...]:
        return tuple(self._specs)

    def specs(self) -> list[StoreSpec]:
        return list(self._specs.values())

    def get(self, name: str) -> StoreSpec:
        try:
            return self._specs[name]
        except KeyError:
            raise ValueError(
                f"unknown store {name!r}; choose one of {', '.join(self._specs)}"
            ) from None

    def open(self, settings: Settings) -> GraphStore:
        """The store the settings name, connected (its schema not yet ensured)."""
        return self.get(settings.store).store_class().from_settings(settings)


STORES = StoreRegistry()
STORES.register(
    StoreSpec(
        "embedded",
        "SQLite file database in ACTORGRAPH_DATA_DIR (standard library, no server)",
        "graph.store.sqlite:SqliteStore",
    )
)
STORES.register(
    StoreSpec(
        "neo4j",
        "a Neo4j 5 server (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE); Cypher console",
        "graph.store.neo4j:Neo4jStore",
    )
)
