"""Dependencies injected into routes: the settings and the store."""

from __future__ import annotations

from fastapi import Request

from graph.config import Settings
from graph.snapshot import SnapshotCache
from graph.store.base import GraphStore


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> GraphStore:
    """The store opened at start-up; a route that needs a reachable server gets a 503."""
    return request.app.state.store_holder.get()


def get_snapshots(request: Request) -> SnapshotCache:
    """The store's cache of whole-graph work (analytics, overview), computed off requests."""
    return request.app.state.store_holder.snapshots()
