"""What makes a decision acceptable, checked against the store before it is logged: the
ids it names exist (or were made by an earlier decision of the same batch), no actor is
merged into itself or into a cycle, types are the schema's. `check` also fills in what the
decision must remember of the graph as it was (the kept actor of a merge, the evidence of
a rejected relation, the new ids of a split)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.curation.apply import part_id
from graph.curation.decisions import (
    AddPayload,
    AliasPayload,
    Decision,
    HidePayload,
    MergePayload,
    NodeRef,
    NotSamePayload,
    RejectPayload,
    RenamePayload,
    RetypePayload,
    SplitPayload,
)
from graph.model import Edge, Node, fold, node_id
from graph.schema import DOCUMENT, MENTIONS, Schema
from graph.store.base import GraphStore


@dataclass
class BatchState:
    store: GraphStore
    schema: Schema
    log: list[Decision]
    gone: dict[str, str] = field(default_factory=dict)  # merged away in this batch → into
    made: dict[str, Node] = field(default_factory=dict)  # made by a split in this batch

    def node(self, node_id: str, role: str = "actor") -> Node:
        if node_id in self.gone:
            raise ValueError(
                f"{role} {node_id!r} was merged into {self.gone[node_id]!r} earlier in this batch"
            )
        node = self.made.get(node_id) or self.store.get_node(node_id)
        if node is None:
            raise ValueError(f"unknown {role} id {node_id!r}: no such actor in the graph")
        if node.type == DOCUMENT:
            raise ValueError(f"{node_id!r} is a document, not an actor")
        return node

    def edge(self, edge_id: str, source: str | None) -> Edge:
        if not source:
            raise ValueError(f"give the relation's source actor id with the edge {edge_id!r}")
        self.node(source, "source")
        for e in self.store.node_edges(source):
            if e.id == edge_id and e.type != MENTIONS:
                return e
        raise ValueError(f"unknown relation id {edge_id!r} at actor {source!r}")

    def not_same(self, a: str, b: str) -> Decision | None:
        for d in self.log:
            p = d.payload
            if isinstance(p, NotSamePayload) and {p.a, p.b} == {a, b}:
                return d
        return None


def ref(node: Node) -> NodeRef:
    return NodeRef(type=node.type, name=node.name, aliases=list(node.aliases))


def check(d: Decision, state: BatchState) -> Decision:
    p = d.payload
    if isinstance(p, MergePayload):
        return _merge(d, p, state)
    if isinstance(p, NotSamePayload):
        if p.a == p.b:
            raise ValueError("an actor cannot be 'not the same' as itself")
        state.node(p.a), state.node(p.b)
    elif isinstance(p, SplitPayload):
        return _split(d, p, state)
    elif isinstance(p, RenamePayload):
        state.node(p.node)
        if not p.name.strip():
            raise ValueError("the name is empty")
    elif isinstance(p, AliasPayload):
        _alias(p, state)
    elif isinstance(p, RetypePayload):
        state.node(p.node)
        if p.type not in state.schema.entity_types:
            raise ValueError(
                f"unknown type {p.type!r}; the types are {', '.join(state.schema.entity_types)}"
            )
    elif isinstance(p, HidePayload):
        if bool(p.node) == bool(p.edge):
            raise ValueError("hide names either an actor (node) or a relation (edge)")
        if p.node:
            p.node_ref = ref(state.node(p.node))
        else:
            e = state.edge(p.edge or "", p.source)
            p.source, p.target = e.source, e.target
    elif isinstance(p, RejectPayload):
        e = state.edge(p.edge, p.source)
        p.source, p.target, p.type = e.source, e.target, e.type
        p.evidence = [ev.model_dump(exclude_none=True) for ev in e.evidence]
    elif isinstance(p, AddPayload):
        _add(p, state)
    return d


def _merge(d: Decision, p: MergePayload, state: BatchState) -> Decision:
    if p.source == p.target:
        raise ValueError(f"cannot merge {p.source!r} into itself")
    if state.gone.get(p.target) == p.source or _reaches(state.gone, p.target, p.source):
        raise ValueError(
            f"merging {p.source!r} into {p.target!r} makes a cycle of merges"
            f" ({p.target!r} was merged into {p.source!r})"
        )
    source, target = state.node(p.source, "source"), state.node(p.target, "target")
    apart = state.not_same(p.source, p.target)
    if apart is not None:
        raise ValueError(
            f"{p.source!r} and {p.target!r} were marked not the same by decision {apart.id};"
            " undo that decision first"
        )
    p.source_node, p.target_node = ref(source), ref(target)
    state.gone[p.source] = p.target
    return d


def _reaches(gone: dict[str, str], start: str, goal: str) -> bool:
    at, seen = start, set()
    while at in gone and at not in seen:
        seen.add(at)
        at = gone[at]
        if at == goal:
            return True
    return False


def _split(d: Decision, p: SplitPayload, state: BatchState) -> Decision:
    node = state.node(p.node)
    forms: dict[str, str] = {}
    for e in state.store.node_edges(p.node):
        if e.type == MENTIONS and e.target == p.node:
            for ev in e.evidence:
                if ev.text:
                    forms.setdefault(fold(ev.text), ev.text)
    if not p.parts:
        p.parts = [[f] for k, f in sorted(forms.items()) if k != fold(node.name)]
    unknown = [f for part in p.parts for f in part if fold(f) not in forms]
    if unknown:
        raise ValueError(
            f"{unknown[0]!r} is not a written form of {p.node!r}; its forms are "
            + ", ".join(sorted(set(forms.values())))
        )
    if not p.parts or any(not part for part in p.parts):
        raise ValueError(f"{p.node!r} has no other written form to split off")
    p.part_ids = [part_id(node, part) for part in p.parts]
    if p.node in p.part_ids:
        raise ValueError("a part cannot keep the actor's own name; leave that form out")
    for pid, part in zip(p.part_ids, p.parts, strict=True):
        state.made[pid] = Node(id=pid, type=node.type, name=max(part, key=len))
    return d


def _alias(p: AliasPayload, state: BatchState) -> None:
    """An alias is a name of the actor: later documents' actor of that name joins it. An
    actor of that name already in the graph is another actor: that is a merge."""
    node = state.node(p.node)
    if not p.alias.strip():
        raise ValueError("the name is empty")
    alias_id = node_id(node.type, p.alias)
    if alias_id != p.node and (alias_id in state.made or state.store.get_node(alias_id)):
        raise ValueError(
            f"{alias_id!r} is an actor of its own named {p.alias!r}: merge it into"
            f" {p.node!r} instead"
        )
    joins = alias_id != p.node and not alias_id.endswith(":")  # a name with no letters: none
    p.alias_id = alias_id if joins else None
    p.node_ref = ref(node)


def _add(p: AddPayload, state: BatchState) -> None:
    if p.type not in state.schema.relations or p.type == MENTIONS:
        names = [r for r in state.schema.relation_types if r != MENTIONS]
        raise ValueError(f"unknown relation type {p.type!r}; the types are {', '.join(names)}")
    if p.source == p.target:
        raise ValueError("a relation needs two different actors")
    a, b = state.node(p.source, "source"), state.node(p.target, "target")
    if not state.schema.relation(p.type).allows(a.type, b.type):
        raise ValueError(f"the schema has no {p.type} from a {a.type} to a {b.type}")
