"""The one place that chooses a store from the settings."""

from __future__ import annotations

from graph.config import Settings
from graph.store.base import GraphStore


def open_store(settings: Settings) -> GraphStore:
    if settings.store == "neo4j":
        from graph.store.neo4j import Neo4jStore  # the driver is only needed for this store

        return Neo4jStore(settings.neo4j)
    from graph.store.sqlite import SqliteStore

    return SqliteStore(settings.data_dir)
