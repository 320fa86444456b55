"""Saved views of the explorer: list and open (anyone), save, rename, change and delete
(behind the bearer token, like uploads). A view is a name and the explorer's query string."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.api.auth import require_token
from app.api.problems import not_found, problems
from app.deps import get_store
from graph.store.base import GraphStore
from graph.views import MAX_NAME, MAX_STATE, SavedView, new_view, now_iso

router = APIRouter(tags=["views"])

Store = Annotated[GraphStore, Depends(get_store)]
ViewId = Annotated[str, Path(max_length=100, description="The view's id.")]
EXAMPLE_STATE = "focus=country:russia&rels=SANCTIONED,MET_WITH&pins=country:russia~0.12~-0.4"


def _check_state(value: str) -> str:
    """The explorer's query string, without the leading '?' and not a URL elsewhere."""
    value = value.strip().removeprefix("?")
    if "://" in value.split("&")[0] or value.startswith("/"):
        raise ValueError("state is the query string of /explore (focus=…&rels=…), not a URL")
    parse_qsl(value, strict_parsing=False)
    return value


class ViewIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Sanctions around Russia", "state": EXAMPLE_STATE}]
        },
    )

    name: str = Field(min_length=1, max_length=MAX_NAME)
    state: str = Field(max_length=MAX_STATE, description="The explorer's query string.")

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("the name is empty")
        return v.strip()

    _state = field_validator("state")(classmethod(lambda cls, v: _check_state(v)))


class ViewPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=MAX_NAME)
    state: str | None = Field(default=None, max_length=MAX_STATE)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            raise ValueError("the name is empty")
        return None if v is None else v.strip()

    _state = field_validator("state")(
        classmethod(lambda cls, v: None if v is None else _check_state(v))
    )


class ViewList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "views": [
                        {
                            "id": "view:5f1c2a9e0b7d",
                            "name": "Sanctions around Russia",
                            "state": EXAMPLE_STATE,
                            "created": "2026-11-30T03:00:00+00:00",
                            "updated": "2026-11-30T03:10:00+00:00",
                        }
                    ]
                }
            ]
        }
    )

    views: list[SavedView]


def _found(store: GraphStore, view_id: str) -> SavedView:
    view = store.get_view(view_id)
    if view is None:
        raise not_found(f"no saved view {view_id!r}; list them with GET /api/views")
    return view


@router.get("/api/views", response_model=ViewList, summary="Saved views", responses=problems())
def list_views(store: Store) -> ViewList:
    return ViewList(views=store.list_views())


@router.get(
    "/api/views/{view_id}",
    response_model=SavedView,
    summary="One saved view",
    responses=problems(404),
)
def get_view(store: Store, view_id: ViewId) -> SavedView:
    return _found(store, view_id)


@router.post(
    "/api/views",
    response_model=SavedView,
    status_code=201,
    summary="Save a view",
    description="Keep the explorer's current state under a name. Needs "
    "'Authorization: Bearer <ACTORGRAPH_API_TOKEN>'. Open it at /explore?<state>.",
    responses=problems(400, 401, 403),
    dependencies=[Depends(require_token)],
)
def save_view(store: Store, body: ViewIn) -> SavedView:
    view = new_view(body.name, body.state)
    store.put_view(view)
    return view


@router.patch(
    "/api/views/{view_id}",
    response_model=SavedView,
    summary="Rename or change a saved view",
    responses=problems(400, 401, 403, 404),
    dependencies=[Depends(require_token)],
)
def patch_view(store: Store, view_id: ViewId, body: ViewPatch) -> SavedView:
    view = _found(store, view_id)
    changes = body.model_dump(exclude_none=True)
    if changes:
        view = view.model_copy(update={**changes, "updated": now_iso()})
        store.put_view(view)
    return view


@router.delete(
    "/api/views/{view_id}",
    status_code=204,
    summary="Delete a saved view",
    responses=problems(401, 403, 404),
    dependencies=[Depends(require_token)],
)
def delete_view(store: Store, view_id: ViewId) -> Response:
    if not store.delete_view(view_id):
        raise not_found(f"no saved view {view_id!r}")
    return Response(status_code=204)
