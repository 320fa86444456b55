"""A curation decision: one record per analyst decision (id, kind, who, when, why, payload).

The log of decisions is kept in the store beside the graph, in the order they were made,
and written to / read from JSON Lines (`actorgraph curation export|import`). Each kind's
payload is a small pydantic model, so a bad record is refused with a message saying which
field is wrong.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

KINDS = (
    "merge",
    "not_same",
    "split",
    "rename",
    "retype",
    "alias",
    "hide",
    "reject",
    "add",
)


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NodeRef(BaseModel):
    """What a decision remembers of a node it names, as it was when it was made."""

    model_config = ConfigDict(extra="forbid")
    type: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class MergePayload(_Payload):
    kind: Literal["merge"] = "merge"
    source: str = Field(description="Id of the actor that goes (A).")
    target: str = Field(description="Id of the actor that stays (B) and keeps A's mentions.")
    target_node: NodeRef | None = Field(
        default=None, description="B as it was (filled in by the server)."
    )
    source_node: NodeRef | None = Field(
        default=None, description="A as it was (filled in by the server)."
    )


class NotSamePayload(_Payload):
    kind: Literal["not_same"] = "not_same"
    a: str
    b: str


class SplitPayload(_Payload):
    kind: Literal["split"] = "split"
    node: str
    parts: list[list[str]] = Field(
        default_factory=list,
        description="Groups of written forms that leave the node, each as an actor of its"
        " own; empty: every written form other than the node's name is split off.",
    )
    part_ids: list[str] = Field(default_factory=list, description="Filled in by the server.")


class RenamePayload(_Payload):
    kind: Literal["rename"] = "rename"
    node: str
    name: str = Field(min_length=1)


class RetypePayload(_Payload):
    kind: Literal["retype"] = "retype"
    node: str
    type: str


class AliasPayload(_Payload):
    kind: Literal["alias"] = "alias"
    node: str
    alias: str = Field(min_length=1)
    alias_id: str | None = Field(
        default=None,
        description="The id resolution gives an actor of that name, which joins this one"
        " wherever a document holds it (filled in by the server).",
    )
    node_ref: NodeRef | None = Field(
        default=None, description="The actor as it was (filled in by the server)."
    )


class HidePayload(_Payload):
    kind: Literal["hide"] = "hide"
    node: str | None = Field(default=None, description="An actor to hide everywhere.")
    edge: str | None = Field(default=None, description="Or a relation to hide everywhere.")
    source: str | None = Field(default=None, description="The relation's ends (server).")
    target: str | None = None
    node_ref: NodeRef | None = Field(
        default=None, description="The hidden actor as it was (filled in by the server)."
    )


class RejectPayload(_Payload):
    kind: Literal["reject"] = "reject"
    edge: str
    source: str | None = Field(default=None, description="Filled in by the server.")
    target: str | None = None
    type: str | None = None
    evidence: list[dict[str, Any]] = Field(
        default_factory=list, description="The rejected relation's evidence, kept for audit."
    )


class AddPayload(_Payload):
    kind: Literal["add"] = "add"
    source: str
    target: str
    type: str
    role: str | None = None
    note: str = Field(min_length=1, description="Why: kept as the relation's evidence.")


Payload = Annotated[
    MergePayload
    | NotSamePayload
    | SplitPayload
    | RenamePayload
    | RetypePayload
    | AliasPayload
    | HidePayload
    | RejectPayload
    | AddPayload,
    Field(discriminator="kind"),
]


class Decision(BaseModel):
    """One analyst decision. `kind` is repeated at the top for filters and readers."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(
        default_factory=lambda: "cur-" + uuid.uuid4().hex[:12],
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$",
        description="Made by the server; given only when a log is carried between stores.",
    )
    kind: str = ""
    who: str = "analyst"
    when: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    why: str = ""
    payload: Payload

    def model_post_init(self, context: Any) -> None:
        self.kind = self.payload.kind

    def node_refs(self) -> set[str]:
        """Every node id the decision names: the documents to rebuild hold one of these."""
        p = self.payload
        ids: set[str | None]
        if isinstance(p, MergePayload | AddPayload):
            ids = {p.source, p.target}
        elif isinstance(p, NotSamePayload):
            ids = {p.a, p.b}
        elif isinstance(p, SplitPayload):
            ids = {p.node, *p.part_ids}
        elif isinstance(p, AliasPayload):
            ids = {p.node, p.alias_id}
        elif isinstance(p, HidePayload | RejectPayload):
            ids = {getattr(p, "node", None), p.source, p.target}
        else:
            ids = {p.node}
        return {i for i in ids if i}


decision_list = TypeAdapter(list[Decision])


def decisions_to_jsonl(decisions: list[Decision]) -> str:
    return "".join(d.model_dump_json(exclude_none=True) + "\n" for d in decisions)


def decisions_from_jsonl(text: str) -> list[Decision]:
    """One decision per non-empty line; a bad line raises ValueError naming its number."""
    out: list[Decision] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(Decision.model_validate_json(line))
        except ValueError as exc:
            first = str(exc).splitlines()
            raise ValueError(
                f"line {number}: not a curation decision ({' '.join(first[:3])})"
            ) from None
    return out
