"""What some stores can do beyond the interface of graph/store/base.py, as protocols.

A face asks `isinstance(store, SupportsCypher)` and gets a typed store back, instead of
probing for a method by name: a new store gains a capability by implementing the method,
and the type checker sees the signature the face relies on."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class SupportsCypher(Protocol):
    """Runs a user's read-only Cypher query (the console, POST /api/cypher)."""

    def run_read_query(
        self,
        query: str,
        params: dict[str, Any],
        timeout: float,
        row_cap: int,
        max_bytes: int = 4_000_000,
    ) -> tuple[list[str], list[list[Any]], bool]:
        """The columns, at most row_cap rows (at most max_bytes of their JSON), and whether
        rows were left out. Raises QueryError for what the user must change."""
        ...


@runtime_checkable
class SupportsPing(Protocol):
    """A store behind a server that can be unreachable: the app asks whether it is back
    before it reopens it."""

    def ping(self, timeout: float) -> None:
        """Raise StoreUnavailable unless the server answers within about `timeout` s."""
        ...


@runtime_checkable
class SupportsWarmPlans(Protocol):
    """A store behind a server that plans statements and caches the plans: the app asks
    it to plan its reads when it starts, so the first requests do not wait for them."""

    def warm_plans(self) -> int:
        """Plan the reads of the explorer's default requests; how many statements."""
        ...
