"""Saved views of the explorer: a name and the view's URL state (its query string: filters,
focus, expansions, pins, hidden nodes). Kept by the store beside the graph, never as an
actor: they are not in exports, stats or searches, and a write to them is not a graph write."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

MAX_NAME = 120
MAX_STATE = 8000


class SavedView(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "view:5f1c2a9e0b7d",
                    "name": "Sanctions around Russia",
                    "state": "focus=country:russia&rels=SANCTIONED",
                    "created": "2026-11-30T03:00:00+00:00",
                    "updated": "2026-11-30T03:10:00+00:00",
                }
            ]
        }
    )

    id: str = Field(description="Given by the server.", examples=["view:5f1c2a9e0b7d"])
    name: str = Field(min_length=1, max_length=MAX_NAME)
    state: str = Field(
        max_length=MAX_STATE,
        description="The explorer's query string (what follows /explore?).",
        examples=["focus=country:russia&rels=SANCTIONED&pins=country:russia~0.1~0.2"],
    )
    created: str = Field(description="When it was saved (ISO 8601, UTC).")
    updated: str = Field(description="When it was last renamed or changed.")


def new_view(name: str, state: str) -> SavedView:
    now = now_iso()
    return SavedView(
        id="view:" + uuid.uuid4().hex[:12], name=name, state=state, created=now, updated=now
    )


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
