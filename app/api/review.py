"""Review queues (graph/curation/review.py): candidate duplicates and noise, paged."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict

from app.api.params import TypesParam, check_node_types
from app.api.problems import problems
from app.deps import get_store
from graph.curation.curator import Curator
from graph.curation.review import card, duplicates, noise
from graph.store.base import GraphStore

router = APIRouter(prefix="/api/review", tags=["curation"])

CARD: dict[str, Any] = {
    "id": "person:ilham-aliyev",
    "type": "Person",
    "name": "Ilham Aliyev",
    "aliases": ["Aliyev"],
    "mentions": 3,
    "documents": 2,
    "neighbours": [
        {
            "id": "country:azerbaijan",
            "relation": "HOLDS_ROLE",
            "name": "Azerbaijan",
            "type": "Country",
        }
    ],
    "evidence": ["Azerbaijani President Ilham Aliyev received the delegation in Baku."],
}


class DuplicatePage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "total": 16,
                    "limit": 20,
                    "offset": 0,
                    "pairs": [
                        {
                            "a": CARD,
                            # father and son, both presidents: the answer is "not same"
                            "b": {
                                **CARD,
                                "id": "person:heydar-aliyev",
                                "name": "Heydar Aliyev",
                                "evidence": ["The airport is named after Heydar Aliyev."],
                            },
                            "score": 0.62,
                            "reasons": [
                                "same surname (aliyev)",
                                "same type (Person)",
                                "1 shared neighbour",
                            ],
                        }
                    ],
                }
            ]
        }
    )
    total: int
    limit: int
    offset: int
    pairs: list[dict[str, Any]]


class NoisePage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "total": 3,
                    "limit": 50,
                    "offset": 0,
                    "items": [
                        {
                            **CARD,
                            "id": "institution:faq",
                            "name": "FAQ",
                            "degree": 0,
                            "reasons": ["page furniture", "no relation", "one mention"],
                        }
                    ],
                }
            ]
        }
    )
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]


@router.get("/duplicates", response_model=DuplicatePage, responses=problems())
def review_duplicates(
    store: Annotated[GraphStore, Depends(get_store)],
    types: TypesParam = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> DuplicatePage:
    """Pairs of actors the resolver almost joined, best first, each with its reasons and
    score: answer them with a `merge` or `not_same` decision (POST /api/curation)."""
    total, page = duplicates(store, Curator(store).log(), check_node_types(types), limit, offset)
    pairs = [
        {
            "a": asdict(card(store, c.a)),
            "b": asdict(card(store, c.b)),
            "score": c.score,
            "reasons": c.reasons,
        }
        for c in page
    ]
    return DuplicatePage(total=total, limit=limit, offset=offset, pairs=pairs)


@router.get("/noise", response_model=NoisePage, responses=problems())
def review_noise(
    store: Annotated[GraphStore, Depends(get_store)],
    types: TypesParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> NoisePage:
    """Actors that look like noise (no relation, one mention, a name like page furniture or
    a bare role word), for hiding in bulk with `hide` decisions."""
    total, page = noise(store, check_node_types(types), limit, offset)
    items = [
        {**asdict(card(store, i.node)), "degree": i.degree, "reasons": i.reasons} for i in page
    ]
    return NoisePage(total=total, limit=limit, offset=offset, items=items)
