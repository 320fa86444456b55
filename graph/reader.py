"""Documents as a reader sees them: metadata, the text, and where in it each actor is
named (offsets from the MENTIONS evidence), with the relations read in that document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from graph.model import Evidence, Node
from graph.profile import NodeRef, nodes_by_id
from graph.query import MAX_NODES, GraphFilter
from graph.readers import OffsetMap
from graph.schema import DOCUMENT, MENTIONS
from graph.store.base import GraphStore


class DocumentSummary(BaseModel):
    id: str
    title: str
    author: str | None = None
    publisher: str | None = None
    date: str | None = None
    source: str | None = None
    chars: int | None = None
    sha256: str | None = None
    language: str | None = None
    source_url: str | None = None
    pages: int | None = Field(default=None, description="A PDF's page count.")

    @classmethod
    def of(cls, node: Node) -> DocumentSummary:
        p = node.properties
        return cls(
            id=node.id,
            title=node.name,
            author=p.get("author"),
            publisher=p.get("publisher"),
            date=p.get("date"),
            source=p.get("source"),
            chars=p.get("chars"),
            sha256=p.get("sha256"),
            language=p.get("language"),
            source_url=p.get("source_url"),
            pages=p.get("pages"),
        )


class Place(BaseModel):
    """Where a stretch of the text stands in the file the user supplied."""

    start: int = Field(
        description="Offset in the original: the page's markup (HTML), the page's text (PDF), "
        "the paragraph's text (Word), the text itself (text, Markdown)."
    )
    end: int
    page: int | None = Field(default=None, description="PDF page, from 1.")
    paragraph: int | None = Field(default=None, description="Word paragraph index, from 0.")

    @classmethod
    def locate(cls, offsets: OffsetMap, start: int, end: int) -> Place | None:
        found = offsets.locate(start, end)
        if found is None:
            return None
        return cls(start=found.start, end=found.end, page=found.page, paragraph=found.paragraph)


class Mention(BaseModel):
    start: int = Field(description="Offset of the mention's first character in `text`.")
    end: int = Field(description="Offset just past its last character.")
    text: str | None = Field(description="The mention as written.")
    entity: str = Field(description="Id of the actor it names.")
    type: str
    name: str
    place: Place | None = Field(default=None, description="Where it stands in the original.")


class DocumentRelation(BaseModel):
    id: str
    type: str
    source: NodeRef
    target: NodeRef
    properties: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(description="The sentences of this document only.")
    places: list[Place | None] = Field(
        default_factory=list,
        description="For each evidence item, in order: where its span stands in the original "
        "(the PDF page, the HTML markup offsets).",
    )


class DocumentView(DocumentSummary):
    text: str
    origin: str = Field(
        default="text",
        description="What places point into: text, markup (HTML), page (PDF), paragraph (Word).",
    )
    mentions: list[Mention]
    relations: list[DocumentRelation]


def document_view(store: GraphStore, doc_id: str) -> DocumentView | None:
    node = store.get_node(doc_id)
    if node is None or node.type != DOCUMENT:
        return None
    offsets = OffsetMap.from_json(node.properties.get("offset_map"))
    mentions_edges = [e for e in store.node_edges(doc_id) if e.type == MENTIONS]
    entities = nodes_by_id(store, {e.target for e in mentions_edges})
    mentions = [
        Mention(
            start=ev.start,
            end=ev.end,
            text=ev.text,
            entity=edge.target,
            type=entities[edge.target].type,
            name=entities[edge.target].name,
            place=Place.locate(offsets, ev.start, ev.end),
        )
        for edge in mentions_edges
        if edge.target in entities
        for ev in edge.evidence
        if ev.document == doc_id
    ]
    mentions.sort(key=lambda m: (m.start, -m.end, m.entity))
    relations: list[DocumentRelation] = []
    # one store call; a document naming more than MAX_NODES actors (none so far) would
    # show the relations among the first MAX_NODES of them
    ids = sorted(entities)[:MAX_NODES]
    found = store.subgraph(ids, depth=0, flt=GraphFilter(documents=[doc_id]), limit=len(ids) or 1)
    for edge in found.edges:
        if edge.type == MENTIONS or edge.source not in entities or edge.target not in entities:
            continue
        evidence = sorted(
            (ev for ev in edge.evidence if ev.document == doc_id), key=lambda ev: (ev.start, ev.end)
        )
        relations.append(
            DocumentRelation(
                id=edge.id,
                type=edge.type,
                source=NodeRef.of(entities[edge.source]),
                target=NodeRef.of(entities[edge.target]),
                properties=edge.properties,
                evidence=evidence,
                places=[Place.locate(offsets, ev.start, ev.end) for ev in evidence],
            )
        )
    relations.sort(key=lambda r: (min((ev.start for ev in r.evidence), default=0), r.id))
    summary = DocumentSummary.of(node)
    return DocumentView(
        **summary.model_dump(),
        text=str(node.properties.get("text") or ""),
        origin=offsets.kind,
        mentions=mentions,
        relations=relations,
    )
