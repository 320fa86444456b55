"""The curation log as a pure function of one document's contribution.

`curate(contribution, decisions)` applies each decision, in the log's order, to what one
document (as resolution read it) contributes: merges re-point ids (and re-key and
de-duplicate the edges), hides and rejects drop, rename/retype/alias override, splits move
mentions to new actors. Decisions that name nothing in the contribution cost a set lookup.
Manual relations are not part of any document: `manual_edge` builds each one as a
contribution of its own (evidence document `curation:<decision id>`).
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.curation.decisions import (
    AddPayload,
    AliasPayload,
    Decision,
    HidePayload,
    MergePayload,
    RejectPayload,
    RenamePayload,
    RetypePayload,
    SplitPayload,
)
from graph.model import Edge, Evidence, GraphData, Node, edge_id, fold, node_id
from graph.schema import MENTIONS, Schema, load_schema

MANUAL_PREFIX = "curation:"


def manual_document(decision_id: str) -> str:
    return MANUAL_PREFIX + decision_id


def curate(
    contribution: GraphData, decisions: Iterable[Decision], schema: Schema | None = None
) -> GraphData:
    schema = schema or load_schema()
    # shallow copies: evidence items are never changed, only the lists that hold them
    nodes = {n.id: n.model_copy(update={"aliases": list(n.aliases)}) for n in contribution.nodes}
    edges = [e.model_copy(update={"evidence": list(e.evidence)}) for e in contribution.edges]
    for d in decisions:
        p = d.payload
        ids = set(nodes) | {e.source for e in edges} | {e.target for e in edges}
        if isinstance(p, MergePayload) and p.source in ids:
            edges = _merge(nodes, edges, p, schema)
        elif isinstance(p, SplitPayload) and p.node in nodes:
            edges = _split(nodes, edges, p, schema)
        elif isinstance(p, RenamePayload) and p.node in nodes:
            node = nodes[p.node]
            old = node.name
            node.name = p.name
            node.aliases = sorted((set(node.aliases) | {old}) - {p.name})
        elif isinstance(p, RetypePayload) and p.node in nodes:
            nodes[p.node].type = p.type
            edges = [e for e in edges if _allowed(e, nodes, schema)]
        elif isinstance(p, AliasPayload) and (p.node in nodes or p.alias_id in ids):
            if p.alias_id and p.alias_id in ids:  # an actor of that name: it is this one
                join = MergePayload(source=p.alias_id, target=p.node, target_node=p.node_ref)
                edges = _merge(nodes, edges, join, schema)
            aliased = nodes.get(p.node)
            if aliased is not None and p.alias != aliased.name:
                aliased.aliases = sorted(set(aliased.aliases) | {p.alias})
        elif isinstance(p, HidePayload) and p.node and p.node in ids:
            nodes.pop(p.node, None)
            edges = [e for e in edges if p.node not in (e.source, e.target)]
        elif isinstance(p, HidePayload | RejectPayload) and p.edge:
            edges = [e for e in edges if e.id != p.edge]
    return GraphData(nodes=list(nodes.values()), edges=edges)


def manual_edge(
    decision: Decision, later: Iterable[Decision], schema: Schema | None = None
) -> GraphData:
    """A hand-made relation as its own contribution, with the decisions made after it
    applied (a later merge re-points it, a later hide drops it)."""
    schema = schema or load_schema()
    p = decision.payload
    assert isinstance(p, AddPayload)
    spec = schema.relation(p.type)
    source, target = p.source, p.target
    if spec.symmetric and source > target:
        source, target = target, source
    note = f"{p.note} ({decision.who}, {decision.when})"
    ev = Evidence(
        document=manual_document(decision.id),
        sentence=note,
        start=0,
        end=len(note),
        rule="curation:add",
        confidence=1.0,
    )
    extra = {"role": p.role} if p.role else {}
    eid = edge_id(p.type, source, target, spec.symmetric, p.role)
    edge = Edge(id=eid, source=source, target=target, type=p.type, evidence=[ev], **extra)
    return curate(GraphData(edges=[edge]), later, schema)


def _allowed(e: Edge, nodes: dict[str, Node], schema: Schema) -> bool:
    a, b = nodes.get(e.source), nodes.get(e.target)
    if a is None or b is None:  # an end this contribution does not hold: not ours to judge
        return True
    return schema.relation(e.type).allows(a.type, b.type)


def _rekey(edges: list[Edge], schema: Schema) -> list[Edge]:
    """Edge ids after ends moved: recomputed, self-loops dropped, equal edges joined (their
    evidence united by key, in order)."""
    out: dict[str, Edge] = {}
    for e in edges:
        if e.source == e.target:
            continue
        spec = schema.relation(e.type)
        if spec.symmetric and e.source > e.target:
            e.source, e.target = e.target, e.source
        role = e.properties.get("role")
        e.id = edge_id(e.type, e.source, e.target, spec.symmetric, role)
        kept = out.get(e.id)
        if kept is None:
            out[e.id] = e
            continue
        seen = {ev.key() for ev in kept.evidence}
        kept.evidence += [ev for ev in e.evidence if ev.key() not in seen]
    return list(out.values())


def _merge(
    nodes: dict[str, Node], edges: list[Edge], p: MergePayload, schema: Schema
) -> list[Edge]:
    gone = nodes.pop(p.source, None)
    kept = nodes.get(p.target)
    if kept is None and (gone is not None or p.target_node is not None):
        ref = p.target_node
        kept = nodes[p.target] = Node(
            id=p.target,
            type=ref.type if ref else gone.type,  # type: ignore[union-attr]
            name=ref.name if ref else gone.name,  # type: ignore[union-attr]
            aliases=list(ref.aliases) if ref else [],
        )
    if kept is not None and gone is not None:
        extra = {k: v for k, v in gone.properties.items() if k not in kept.properties}
        for k, v in extra.items():
            setattr(kept, k, v)
        kept.aliases = sorted((set(kept.aliases) | set(gone.aliases) | {gone.name}) - {kept.name})
    for e in edges:
        if e.source == p.source:
            e.source = p.target
        if e.target == p.source:
            e.target = p.target
    return _rekey(edges, schema)


def _split(
    nodes: dict[str, Node], edges: list[Edge], p: SplitPayload, schema: Schema
) -> list[Edge]:
    """Mentions whose written form is in a part move to that part's actor; a relation's
    evidence follows the part mentioned inside its sentence, else stays."""
    node = nodes[p.node]
    part_of: dict[str, str] = {}  # folded form -> part id
    for forms, pid in zip(p.parts, p.part_ids, strict=False):
        longest = max(forms, key=len)
        if pid not in nodes:
            aliases = sorted(set(forms) - {longest})
            nodes[pid] = Node(id=pid, type=node.type, name=longest, aliases=aliases)
        part_of.update((fold(f), pid) for f in forms)
    moved = {f for forms in p.parts for f in forms}
    node.aliases = [a for a in node.aliases if a not in moved]
    spans: list[tuple[str, int, int, str]] = []  # document, start, end, part id
    out: list[Edge] = []
    for e in edges:
        if e.type != MENTIONS or e.target != p.node:
            out.append(e)
            continue
        for ev in e.evidence:
            pid = part_of.get(fold(ev.text or ""), p.node)
            spans.append((ev.document, ev.start, ev.end, pid))
            out.append(e.model_copy(update={"target": pid, "evidence": [ev]}))

    def owner(ev: Evidence) -> str:
        inside = {
            pid for doc, s, t, pid in spans if doc == ev.document and ev.start <= s and t <= ev.end
        }
        return inside.pop() if len(inside) == 1 else p.node

    final: list[Edge] = []
    for e in out:
        if e.type == MENTIONS or p.node not in (e.source, e.target):
            final.append(e)
            continue
        for ev in e.evidence:
            pid = owner(ev)
            source = pid if e.source == p.node else e.source
            target = pid if e.target == p.node else e.target
            final.append(
                e.model_copy(update={"source": source, "target": target, "evidence": [ev]})
            )
    return [e for e in _rekey(final, schema) if _allowed(e, nodes, schema)]


def part_id(node: Node, forms: list[str]) -> str:
    return node_id(node.type, max(forms, key=len))
