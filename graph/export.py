"""Export formats of the interchange graph. JSON is the interchange format itself."""

from __future__ import annotations

import json

from graph.model import GraphData

FORMATS = ("json",)


def to_json(data: GraphData) -> bytes:
    return (
        json.dumps(data.model_dump(exclude_none=True), ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")


def render(data: GraphData, fmt: str) -> bytes:
    if fmt == "json":
        return to_json(data)
    raise ValueError(f"unknown export format {fmt!r}")
