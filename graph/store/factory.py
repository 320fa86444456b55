"""The one place that opens a store from the settings: the registry says which."""

from __future__ import annotations

from graph.config import Settings
from graph.store.base import GraphStore
from graph.store.registry import STORES


def open_store(settings: Settings) -> GraphStore:
    return STORES.open(settings)
