"""Exports of the graph or a part of it, with a download filename."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.deps import get_store
from graph.export import render
from graph.store.base import GraphStore

router = APIRouter(tags=["export"])

MEDIA = {"json": "application/json"}


@router.get("/api/export", summary="Export the graph", response_class=Response)
def export(
    store: Annotated[GraphStore, Depends(get_store)],
    format: Annotated[Literal["json"], Query(description="Export format.")] = "json",  # noqa: A002
) -> Response:
    data = store.export()
    return Response(
        render(data, format),
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="actorgraph.{format}"'},
    )
