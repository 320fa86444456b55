"""The console's wall: judge a query on the plan the Neo4j server makes of it.

The store runs `EXPLAIN <query>` in the same READ transaction before the query itself and
hands the summary's query type and plan here. The server's own parser decides what the
query is, so comment, escape and whitespace tricks that fool a text scan change nothing:
a query runs only when the server classes it as read-only and every operator of its plan is
on the allow-list in graph/cypher_console.toml (no LOAD CSV, no procedure outside the
read-only list, no SHOW/TERMINATE/administration/schema command, no other database).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph.store.base import QueryError

POLICY_FILE = Path(__file__).with_name("cypher_console.toml")

# What the summary's query type means (Neo4j's ResultSummary.query_type).
QUERY_TYPES = {
    "r": "read-only",
    "rw": "read-write",
    "w": "write-only",
    "s": "schema or administration",
}

_PROCEDURE_NAME = re.compile(r"\s*`?([A-Za-z_][\w.`]*?)`?\s*\(")


class QueryRefused(QueryError):
    """The console will not run this query; the message names what was refused."""


@dataclass(frozen=True)
class ConsolePolicy:
    read_only_procedures: frozenset[str]
    show_allowed: frozenset[str]
    refused_prefixes: tuple[str, ...]

    @property
    def procedure_list(self) -> str:
        return ", ".join(sorted(self.read_only_procedures))


@cache
def load_policy(path: Path = POLICY_FILE) -> ConsolePolicy:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return ConsolePolicy(
        read_only_procedures=frozenset(raw["procedures"]["read_only"]),
        show_allowed=frozenset(raw["operators"]["show_allowed"]),
        refused_prefixes=tuple(raw["operators"]["refused_prefixes"]),
    )


def operators(plan: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every operator of a plan (the driver's dict: operatorType, args, children), depth first."""
    stack = [plan]
    while stack:
        op = stack.pop()
        yield op
        stack.extend(reversed(op.get("children") or []))


def check_plan(
    query_type: str | None,
    plan: Mapping[str, Any] | None,
    database: str,
    policy: ConsolePolicy | None = None,
) -> None:
    """Return if the planned query may run on the console; raise QueryRefused otherwise."""
    policy = policy or load_policy()
    if plan is None:
        raise QueryRefused("refused: the server returned no plan for this query")
    if query_type != "r":
        kind = QUERY_TYPES.get(query_type or "", f"of type {query_type!r}")
        raise QueryRefused(
            f"refused: the server classes this query as {kind} ({query_type}); "
            "only read queries are allowed here"
        )
    for op in operators(plan):
        _check_operator(op, database, policy)


def _check_operator(op: Mapping[str, Any], database: str, policy: ConsolePolicy) -> None:
    full = str(op.get("operatorType") or "")
    name, _, on = full.partition("@")
    if on and on != database:
        raise QueryRefused(
            f"refused: {name} runs on database {on!r}; the console reads {database!r} only"
        )
    if name == "ProcedureCall":
        procedure = procedure_name(op)
        if procedure not in policy.read_only_procedures:
            raise QueryRefused(
                f"refused: procedure {procedure or '(unknown)'} is not on the console's "
                f"read-only list: {policy.procedure_list}"
            )
        return
    if name in policy.show_allowed:
        return
    for prefix in policy.refused_prefixes:
        if name.startswith(prefix):
            raise QueryRefused(
                f"refused: the plan holds {_spoken(name)}, which the console does not run"
            )


def procedure_name(op: Mapping[str, Any]) -> str | None:
    """The procedure a ProcedureCall operator calls, from its Details ("db.labels() :: ...")."""
    details = (op.get("args") or {}).get("Details")
    if not isinstance(details, str):
        return None
    match = _PROCEDURE_NAME.match(details)
    return match.group(1).replace("`", "") if match else None


def _spoken(operator: str) -> str:
    """LoadCSV → "LOAD CSV (operator LoadCSV)": say it the way the user wrote it."""
    words = {
        "LoadCSV": "LOAD CSV",
        "TransactionApply": "CALL { ... } IN TRANSACTIONS",
        "TransactionForeach": "CALL { ... } IN TRANSACTIONS",
        "AdministrationCommand": "an administration command",
    }
    if operator in words:
        return f"{words[operator]} (operator {operator})"
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", operator).upper()
    return f"{spaced} (operator {operator})"
