"""What every API error must look like: RFC 9457 problem details."""

from __future__ import annotations

from typing import Any


def assert_problem(response: Any, status: int) -> dict:
    """The response is a problem-details error with this status; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body
