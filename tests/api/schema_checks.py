"""The checks every schemathesis run applies to each response, stateless or stateful."""

from __future__ import annotations

import schemathesis
from schemathesis import CheckContext, Response
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


def no_server_error(ctx: CheckContext, response: Response, case: schemathesis.Case) -> bool | None:
    """No 5xx, except the documented 501 of the Cypher console on the embedded store."""
    if case.operation.path == "/api/cypher" and response.status_code == 501:
        return True
    return not_a_server_error(ctx, response, case)


CHECKS = [
    no_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
