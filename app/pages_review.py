"""The review pages (/review/duplicates, /review/noise): shells that static/js/review.js
fills from the review API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app.pages import render

router = APIRouter(include_in_schema=False)

QUEUES = {
    "duplicates": (
        "Candidate duplicates",
        "Pairs of actors the resolver almost joined, best first. Keys: s = the same (merge),"
        " n = not the same, l = later.",
    ),
    "noise": (
        "Noise",
        "Actors with no relation, one mention, or a name like page furniture or a role word."
        " Tick and hide them in bulk.",
    ),
}


@router.get("/review/{queue}", response_class=HTMLResponse)
def review_page(
    request: Request, queue: str, types: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    if queue not in QUEUES:
        from app.pages import not_found

        return not_found(request, f"No review queue {queue!r}; there are: duplicates, noise.")
    title, help_text = QUEUES[queue]
    return render(
        request,
        "review.html",
        {
            "title": title,
            "help": help_text,
            "queue": queue,
            "types": types,
            "json_url": f"/api/review/{queue}",
        },
    )
