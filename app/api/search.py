"""Search actors by name or alias: accent- and case-blind, ranked exact > prefix > fuzzy."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from app.api.params import TypesParam, check_node_types
from app.api.problems import problems
from app.deps import get_store
from graph.store.base import GraphStore

router = APIRouter(tags=["search"])

MAX_LIMIT = 100


class Hit(BaseModel):
    id: str
    type: str
    name: str
    aliases: list[str]
    match: Literal["exact", "prefix", "fuzzy"] = Field(
        description="How the query matched the name or an alias."
    )
    score: float = Field(description="Higher is better: exact 300, prefix 200-250, fuzzy <= 100.")
    degree: int = Field(description="Number of relations (mentions not counted).")


class SearchResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "putin",
                    "limit": 20,
                    "offset": 0,
                    "hits": [
                        {
                            "id": "person:vladimir-putin",
                            "type": "Person",
                            "name": "Vladimir Putin",
                            "aliases": ["Putin"],
                            "match": "exact",
                            "score": 300.0,
                            "degree": 3,
                        }
                    ],
                }
            ]
        }
    )

    query: str
    limit: int
    offset: int
    hits: list[Hit]


@router.get(
    "/api/search",
    response_model=SearchResult,
    summary="Search actors by name or alias",
    description="Accent- and case-insensitive; exact matches first, then prefixes (of the "
    "name or any word of it), then fuzzy matches. Documents are searched only when "
    "`types` asks for them.",
    responses=problems(),
)
def search(
    store: Annotated[GraphStore, Depends(get_store)],
    q: Annotated[
        str,
        Query(min_length=1, max_length=200, description="Name or alias.", examples=["putin"]),
    ],
    types: TypesParam = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000, description="Hits to skip.")] = 0,
) -> SearchResult:
    hits = store.search(q, types=check_node_types(types), limit=limit, offset=offset)
    return SearchResult(
        query=q,
        limit=limit,
        offset=offset,
        hits=[
            Hit(
                id=h.node.id,
                type=h.node.type,
                name=h.node.name,
                aliases=h.node.aliases,
                match=h.match,
                score=round(h.score, 3),
                degree=h.degree,
            )
            for h in hits
        ],
    )
