"""The one place that opens a store from the settings: the registry says which."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from graph.config import Settings
from graph.store.base import GraphStore
from graph.store.registry import STORES


def open_store(settings: Settings) -> GraphStore:
    return STORES.open(settings)


@contextmanager
def opened_store(settings: Settings) -> Iterator[GraphStore]:
    """The store with its schema ensured, closed when the block ends, on errors too."""
    with open_store(settings) as store:
        store.ensure_schema()
        yield store
