"""Who may write: every write route (uploads, saved views) depends on `require_token`.

Without ACTORGRAPH_API_TOKEN configured the server refuses every write (403); with one,
a request must send it as 'Authorization: Bearer <token>' (401 otherwise), compared in
constant time."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.deps import get_settings
from graph.config import Settings

bearer = HTTPBearer(auto_error=False, description="The server's ACTORGRAPH_API_TOKEN.")


def require_token(
    settings: Annotated[Settings, Depends(get_settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    expected = settings.api_token.get_secret_value() if settings.api_token else ""
    if not expected:
        raise HTTPException(
            403,
            "writes are disabled on this server: set ACTORGRAPH_API_TOKEN to a secret when "
            "starting it, then send 'Authorization: Bearer <that secret>'",
        )
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, "missing or wrong bearer token (Authorization: Bearer …)")
