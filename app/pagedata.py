"""What the server-rendered pages add to the API's answers: links, a document's text cut
into plain and mention segments, evidence grouped for reading. The data itself comes from
the same functions as the JSON twins (graph.profile, graph.reader, graph.analytics), so a
page and its JSON always agree. Everything here returns plain data; the templates escape it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from app.api.params import answer_budget
from app.api.subgraph import MAX_SEEDS
from graph.edge_summary import evidence_count
from graph.export import filter_graph
from graph.model import Evidence, GraphData, truncation
from graph.profile import nodes_by_id
from graph.query import MAX_NODES, GraphFilter
from graph.reader import Mention
from graph.relations import MAX_LIMIT, SORTS, RelationQuery
from graph.schema import MENTIONS, Schema, load_schema
from graph.store.base import GraphStore

# Ids are quoted so that any id, even one from an imported graph, stays a path on this site.
SAFE_IN_PATH = ":@-._~"


def entity_url(node_id: str) -> str:
    return "/entity/" + quote(node_id, safe=SAFE_IN_PATH)


def document_url(doc_id: str) -> str:
    return "/documents/" + quote(doc_id, safe=SAFE_IN_PATH)


def evidence_url(ev: Evidence) -> str:
    """The document with the evidence span highlighted and scrolled into view."""
    return f"{document_url(ev.document)}?hl={ev.start}-{ev.end}#ev"


def explore_url(node_id: str, depth: int = 1) -> str:
    return f"/explore?focus={quote(node_id, safe=SAFE_IN_PATH)}&depth={depth}"


def explore_url_of(focus: list[str], selected: str | None = None) -> str:
    """The explorer around several actors, one of them selected (its panel open)."""
    url = "/explore?focus=" + ",".join(quote(i, safe=SAFE_IN_PATH) for i in focus)
    return url + (f"&sel={quote(selected, safe=SAFE_IN_PATH)}" if selected else "")


def relation_label(rel_type: str) -> str:
    return rel_type.replace("_", " ").lower()


def relations_params(
    params: Mapping[str, str], store: GraphStore
) -> tuple[RelationQuery, int, int]:
    """The relations page's query string as the API reads it; ValueError says what is wrong."""
    schema_relations = [r for r in load_schema().relation_types if r != MENTIONS]
    rels = [r for r in (params.get("relations") or "").split(",") if r.strip()] or None
    if rels and any(r not in schema_relations for r in rels):
        raise ValueError(f"unknown relation type in {params.get('relations')!r}")
    since, until = params.get("since") or None, params.get("until") or None
    for d in (since, until):
        if d and not DATE.match(d):
            raise ValueError(f"{d!r} is not a date like 2023, 2023-09 or 2023-09-29")
    if since and until and since[: len(until)] > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    actor = params.get("actor") or None
    if actor and store.get_node(actor) is None:
        raise ValueError(f"no actor {actor!r}")
    sort = params.get("sort") or "type"
    if sort.lstrip("-") not in SORTS:
        raise ValueError(f"cannot sort by {sort!r}")
    try:
        limit = min(MAX_LIMIT, max(1, int(params.get("limit") or 50)))
        offset = max(0, int(params.get("offset") or 0))
        conf = params.get("min_confidence")
        min_confidence = None if not conf else min(1.0, max(0.0, float(conf)))
    except ValueError as exc:
        raise ValueError("limit, offset and min_confidence are numbers") from exc
    docs = _ids(params.get("documents")) or None
    query = RelationQuery(
        relations=rels,
        actor=actor,
        documents=docs,
        since=since,
        until=until,
        min_confidence=min_confidence,
        sort=sort,
    )
    return query, limit, offset


@dataclass
class Segment:
    text: str
    mention: Mention | None = None
    highlighted: bool = False
    opens_highlight: bool = False
    closes_highlight: bool = False


def relations_not_found(node_type: str, found: Mapping[str, object], schema: Schema) -> list[str]:
    """Relation types an actor of this type can have (either end, MENTIONS aside) with none
    read for it: the profile says "none found" rather than nothing."""
    possible = [
        r.name
        for r in schema.relations.values()
        if r.name != MENTIONS and (node_type in r.sources or node_type in r.targets)
    ]
    return [name for name in possible if name not in found]


def parse_highlight(value: str | None, length: int) -> tuple[int, int] | None:
    """`hl=START-END` from an evidence link; anything malformed or out of range is ignored."""
    if not value:
        return None
    start, sep, end = value.partition("-")
    if not sep or not start.isdigit() or not end.isdigit():
        return None
    a, b = int(start), int(end)
    if not 0 <= a < b <= length:
        return None
    return a, b


def segments(
    text: str, mentions: list[Mention], highlight: tuple[int, int] | None
) -> list[Segment]:
    """Cut the text at every mention and highlight boundary. Of overlapping mentions the
    first (the longest at equal start) wins, so each character is in at most one link."""
    spans: list[Mention] = []
    last_end = 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start < last_end or not 0 <= m.start < m.end <= len(text):
            continue
        spans.append(m)
        last_end = m.end
    cuts = {0, len(text)}
    for m in spans:
        cuts.update((m.start, m.end))
    if highlight:
        cuts.update(highlight)
    bounds = sorted(cuts)
    owner: dict[int, Mention] = {}
    i = 0
    for m in spans:
        while bounds[i] < m.start:
            i += 1
        j = i
        while bounds[j] < m.end:
            owner[bounds[j]] = m
            j += 1
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        hl = bool(highlight and highlight[0] <= a < highlight[1])
        out.append(
            Segment(
                text[a:b],
                owner.get(a),
                hl,
                opens_highlight=bool(highlight and a == highlight[0]),
                closes_highlight=bool(highlight and b == highlight[1]),
            )
        )
    return out


# ---- the explorer's first view, rendered into the page ----

DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@dataclass
class ViewState:
    """The explorer's URL state (see static/js/src/explore/state.js, which reads the same keys)."""

    focus: list[str]
    expand: list[str]
    depth: int
    types: list[str]
    relations: list[str]
    since: str | None
    until: str | None
    documents: list[str]


def _ids(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def view_state(params: Mapping[str, str], schema: Schema) -> ViewState | None:
    """The state a link asks for; None when it is not valid, so the browser asks the API,
    which explains the problem."""
    types = _ids(params.get("types")) if "types" in params else schema.entity_types
    rels = (
        _ids(params.get("rels"))
        if "rels" in params
        else [r for r in schema.relation_types if r != MENTIONS]
    )
    since, until = params.get("since") or None, params.get("until") or None
    if any(d and not DATE.match(d) for d in (since, until)):
        return None
    try:
        depth = min(3, max(1, int(params.get("depth") or 1)))
    except ValueError:
        depth = 1
    return ViewState(
        focus=_ids(params.get("focus")),
        expand=_ids(params.get("expand")),
        depth=depth,
        types=[t for t in types if t in schema.nodes],
        relations=[r for r in rels if r in schema.relations],
        since=since,
        until=until,
        documents=_ids(params.get("docs")),
    )


def initial_view(
    store: GraphStore,
    state: ViewState,
    overview: GraphData | None,
    document_dates: Mapping[str, str | None] | None = None,
) -> dict[str, Any] | None:
    """What the explorer first shows, in the compact form the view reads: the same nodes and
    edges the API gives for this state (GET /api/overview without a focus, POST
    /api/subgraph with one), without the evidence, which the side panel fetches per node.
    None: let the browser ask the API."""
    if not state.types:
        return {"nodes": [], "edges": []}
    flt = GraphFilter(
        types=state.types,
        relations=state.relations or None,
        since=state.since,
        until=state.until,
        documents=state.documents or None,
    )
    seeds = list(dict.fromkeys(state.focus + state.expand))
    if len(seeds) > MAX_SEEDS or len(nodes_by_id(store, seeds)) < len(seeds):
        return None
    if state.focus:
        # the budget the explorer's own request gets (limit=MAX_NODES, no max_edges)
        nodes, cap = answer_budget(state.depth, MAX_NODES, None)
        data = store.subgraph(state.focus, state.depth, flt, nodes, "none", cap)
    else:
        # the overview's evidence is dated by the same rule as the API's: the sentence's
        # date, else its document's
        dated = flt.with_document_dates(document_dates) if flt.dated() and document_dates else flt
        data = filter_graph(overview or GraphData(), dated)
    extra = [s for s in state.expand if s not in state.focus]
    if extra:
        more = store.subgraph(extra, 1, flt, MAX_NODES, evidence="none")
        data = GraphData(
            nodes=list({n.id: n for n in [*data.nodes, *more.nodes]}.values()),
            edges=list({e.id: e for e in [*data.edges, *more.edges]}.values()),
            # the expansions' own cuts count too: the view says what either left out
            truncated=truncation(
                data.truncated,
                more.truncated.edges if more.truncated else 0,
                bool(more.truncated and more.truncated.nodes),
            ),
        )
    edges = data.edges if state.relations else []
    return {
        "nodes": [[n.id, n.type, n.name] for n in data.nodes],
        "edges": [
            [e.id, e.source, e.target, e.type, e.properties.get("role"), evidence_count(e)]
            for e in edges
        ],
        "truncated": data.truncated.model_dump() if data.truncated else None,
    }
