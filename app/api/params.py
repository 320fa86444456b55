"""Query parameters shared by several routes, checked against the schema (graph/schema.toml):
an unknown node or relation type is a 422 that names the allowed values."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query

from app.api.problems import invalid
from graph.edge_summary import EvidenceMode
from graph.query import GraphFilter
from graph.schema import load_schema

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


def split_values(values: list[str] | None) -> list[str] | None:
    """`types=Person,Country` and `types=Person&types=Country` mean the same; None if empty."""
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out or None


def check_node_types(values: list[str] | None) -> list[str] | None:
    return _check(values, load_schema().node_types, "node type")


def check_relation_types(values: list[str] | None) -> list[str] | None:
    return _check(values, load_schema().relation_types, "relation type")


def _check(values: list[str] | None, allowed: list[str], what: str) -> list[str] | None:
    values = split_values(values)
    if values is None:
        return None
    unknown = [v for v in values if v not in allowed]
    if unknown:
        plural = "s" if len(unknown) > 1 else ""
        raise invalid(
            f"unknown {what}{plural} {', '.join(repr(u) for u in unknown)}; "
            f"allowed: {', '.join(allowed)}"
        )
    return list(dict.fromkeys(values))


def check_dates(since: str | None, until: str | None) -> None:
    for name, value in (("since", since), ("until", until)):
        if value is not None and not re.fullmatch(DATE_PATTERN, value):
            raise invalid(f"{name}: {value!r} is not a date like 2023, 2023-09 or 2023-09-29")
    if since and until and since[: len(until)] > until:
        raise invalid(f"since ({since}) is after until ({until})")


def make_filter(
    types: list[str] | None,
    relations: list[str] | None,
    since: str | None,
    until: str | None,
    documents: list[str] | None,
    min_confidence: float | None = None,
) -> GraphFilter:
    check_dates(since, until)
    return GraphFilter(
        types=check_node_types(types),
        relations=check_relation_types(relations),
        since=since,
        until=until,
        documents=split_values(documents),
        min_confidence=min_confidence,
    )


TypesParam = Annotated[
    list[str] | None,
    Query(
        description="Node types to keep (comma-separated or repeated); by default every "
        "type but Document. Allowed: the node types of GET /api/schema.",
        examples=["Person,Country"],
    ),
]
RelationsParam = Annotated[
    list[str] | None,
    Query(
        description="Relation types to follow (comma-separated or repeated); by default all "
        "but MENTIONS. Allowed: the relation types of GET /api/schema.",
        examples=["HOLDS_ROLE,MET_WITH"],
    ),
]
SinceParam = Annotated[
    str | None,
    Query(
        description="Keep edges with a dated evidence sentence on or after this date.",
        pattern=DATE_PATTERN,
        examples=["2023-09-01"],
    ),
]
UntilParam = Annotated[
    str | None,
    Query(
        description="Keep edges with a dated evidence sentence on or before this date.",
        pattern=DATE_PATTERN,
        examples=["2023-12-31"],
    ),
]
DocumentsParam = Annotated[
    list[str] | None,
    Query(
        description="Keep edges read in these documents (ids, comma-separated or repeated).",
        examples=["doc:000_aed1e656c6466fb5"],
    ),
]


MinConfidenceParam = Annotated[
    float | None,
    Query(
        ge=0,
        le=1,
        description="Keep edges with evidence at least this sure (0 to 1; each evidence item "
        "carries the confidence of the rule that read it, none counts as 1).",
        examples=[0.7],
    ),
]


def graph_filter(
    types: TypesParam = None,
    relations: RelationsParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    documents: DocumentsParam = None,
    min_confidence: MinConfidenceParam = None,
) -> GraphFilter:
    """Dependency: the filter query parameters, checked, as a GraphFilter."""
    return make_filter(types, relations, since, until, documents, min_confidence)


EVIDENCE_HELP = (
    "How much evidence each edge carries: `all` every item (the interchange format, what "
    "exports hold), `first` the first item that was read and a `summary`, `none` a "
    "`summary` only (how many items and documents, the surest confidence, the first and "
    "last date) under the edge's key `summary`: {evidence, documents, confidence, first, "
    "last}. A neighbourhood around a hub holds thousands of edges: `none` keeps the answer "
    "small, and GET /api/edges/{edge_id}/evidence pages through one edge's items."
)
EvidenceParam = Annotated[EvidenceMode, Query(description=EVIDENCE_HELP)]
# Depth 2 and beyond, unless asked otherwise: around the hubs of a big graph the 500-node
# ball holds thousands of edges (3,900 on average at 1M synthetic edges), more than a
# drawing can show and 1-3 s on Neo4j; 200 nodes and their 500 strongest edges cost a
# quarter of that (bench/RESULTS.md, "issue 11, branch scale7"). `truncated` says what was
# left out.
NODES_DEFAULT = 500
DEEP_NODES_DEFAULT = 200
DEEP_EDGES_DEFAULT = 500
LIMIT_HELP = (
    f"At most this many nodes (nearest first); by default {NODES_DEFAULT} at depth 1 and "
    f"{DEEP_NODES_DEFAULT} deeper. The answer's `truncated.nodes` says that more lie within reach."
)
MAX_EDGES_HELP = (
    "At most about this many edges: every node's strongest edge (most evidence, then "
    "smallest id) is kept, so that no node loses all its ties, then the strongest others; "
    f"`truncated.edges` says how many were left out. By default every edge among the nodes "
    f"at depth 1 and at most {DEEP_EDGES_DEFAULT} deeper."
)


def answer_budget(depth: int, limit: int | None, max_edges: int | None) -> tuple[int, int | None]:
    """The node limit and edge cap of a neighbourhood: as asked, else the defaults."""
    if depth <= 1:
        return limit or NODES_DEFAULT, max_edges
    return limit or DEEP_NODES_DEFAULT, max_edges or DEEP_EDGES_DEFAULT


MaxEdgesParam = Annotated[
    int | None, Query(ge=1, le=1_000_000, description=MAX_EDGES_HELP, examples=[2000])
]
