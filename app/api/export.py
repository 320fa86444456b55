"""Exports of the graph or a part of it, as a download with a filename."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.api.examples import GRAPH
from app.api.params import graph_filter
from app.api.problems import not_found, problems
from app.deps import get_store
from graph.edge_summary import EvidenceMode
from graph.export import EXPORTS, filter_graph, render, without_document_text
from graph.model import GraphData
from graph.profile import nodes_by_id
from graph.query import MAX_DEPTH, MAX_NODES, GraphFilter
from graph.store.base import GraphStore

router = APIRouter(tags=["export"])

# the registry's names as an enum in the OpenAPI schema and in validation
# (built at run time, so the type checker sees the plain string it is)
if TYPE_CHECKING:
    ExportFormat = str
else:
    ExportFormat = Literal[EXPORTS.names()]

FORMAT_HELP = EXPORTS.help()


def file_content() -> dict[int | str, dict[str, Any]]:
    """The 200 response of a download route: one media type per format."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    content: dict[str, Any] = {
        EXPORTS.get("json").media_type: {
            "schema": {"$ref": "#/components/schemas/GraphData"},
            "example": GRAPH,
        }
    }
    for fmt in EXPORTS.formats():
        if fmt.name != "json":
            content[fmt.media_type] = binary
    return {
        200: {
            "description": "The file, with Content-Disposition: attachment; filename=…",
            "content": content,
        }
    }


def download(data: GraphData, fmt: str, whole: bool) -> Response:
    """The graph in `fmt` as an attachment. Subgraph exports leave out documents' text."""
    spec = EXPORTS.get(fmt)
    if not (whole and spec.keeps_text):  # whole-graph exports that recreate the store keep it
        data = without_document_text(data)
    name = "actorgraph" if whole else "actorgraph-subgraph"
    return Response(
        render(data, fmt),
        media_type=spec.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}.{spec.extension}"'},
    )


def subgraph_of(
    store: GraphStore,
    seeds: list[str],
    depth: int,
    flt: GraphFilter,
    limit: int,
    evidence: EvidenceMode = "all",
    max_edges: int | None = None,
) -> GraphData:
    """The subgraph around known seeds; 404 naming the ids the store does not hold."""
    seeds = list(dict.fromkeys(seeds))
    known = nodes_by_id(store, seeds)
    unknown = [s for s in seeds if s not in known]
    if unknown:
        raise not_found(f"unknown ids: {', '.join(repr(u) for u in unknown)}")
    return store.subgraph(seeds, depth, flt, limit, evidence, max_edges)


@router.get(
    "/api/export",
    summary="Export the graph or a subgraph",
    description="Without `ids`, the whole graph (cut down by the filters if any are given); "
    "with `ids`, the subgraph within `depth` steps of them. " + FORMAT_HELP,
    response_class=Response,
    responses={**file_content(), **problems(404)},
)
def export(
    store: Annotated[GraphStore, Depends(get_store)],
    flt: Annotated[GraphFilter, Depends(graph_filter)],
    format: Annotated[ExportFormat, Query(description="Export format.")] = "json",  # noqa: A002
    ids: Annotated[
        list[str] | None,
        Query(
            description="Seed ids (comma-separated or repeated); none: the whole graph.",
            examples=["person:vyacheslav-volodin"],
        ),
    ] = None,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH, description="Steps from the seeds.")] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_NODES, description="At most this many nodes.")] = (
        MAX_NODES
    ),
) -> Response:
    seeds = [i.strip() for value in ids or [] for i in value.split(",") if i.strip()]
    if seeds:
        return download(subgraph_of(store, seeds, depth, flt, limit), format, whole=False)
    if flt != GraphFilter():
        return download(filter_graph(store.export(), flt), format, whole=False)
    return download(store.export(), format, whole=True)
