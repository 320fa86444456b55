"""Documents: list them, read one with its mentions marked, upload a new one.

Uploads need the bearer token (app/api/auth.py); their body is read by
app/api/upload_body.py, and the ingestion service (graph/ingestion.py, one per app) loads
the language model in worker processes on the first upload and writes one upload at a
time. graph.ingest (and with it spaCy) is imported on the first upload, not with the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from app.api.auth import require_token
from app.api.examples import DOCUMENT_LIST, DOCUMENT_VIEW, INGEST_RESULT, json_example
from app.api.problems import invalid, not_found, problems
from app.api.upload_body import UPLOAD_BODY, read_upload
from app.deps import get_store
from graph.config import Settings
from graph.reader import DocumentSummary, DocumentView, document_view
from graph.readers import READERS, BadDocument, Limits, TooLarge
from graph.store.base import GraphStore, StoreUnavailable

if TYPE_CHECKING:
    from graph.ingest import DocumentResult, Pending, Replace
    from graph.ingestion import IngestionService

router = APIRouter(tags=["documents"])

MAX_LIMIT = 500


class DocumentList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [DOCUMENT_LIST]})

    total: int = Field(description="Documents in the store.")
    limit: int
    offset: int
    documents: list[DocumentSummary]


class IngestResult(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [INGEST_RESULT]})

    source: str
    status: Literal["ingested", "updated", "unchanged"]
    doc_id: str
    entities: dict[str, int] = Field(description="Entities the document names, by type.")
    relations: dict[str, int] = Field(description="Relations read in it, by type.")


DocumentId = Annotated[
    str,
    Path(description="The document's id.", examples=["doc:000_aed1e656c6466fb5"], max_length=300),
]


# ---- routes ----
@router.get(
    "/api/documents",
    response_model=DocumentList,
    summary="List documents",
    description="Documents' metadata, by id; their text is at /api/documents/{id}.",
    responses=problems(),
)
def list_documents(
    store: Annotated[GraphStore, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Documents to skip.")] = 0,
) -> DocumentList:
    docs = store.list_documents(limit=limit, offset=offset)
    return DocumentList(
        total=store.stats().documents,
        limit=limit,
        offset=offset,
        documents=[DocumentSummary.of(d) for d in docs],
    )


@router.get(
    "/api/documents/{doc_id}",
    response_model=DocumentView,
    summary="A document with its mentions marked",
    description="The text exactly as ingested, every mention of an actor as offsets into it "
    "(start, end, the actor's id, type and name), and the relations read in the document.",
    responses={**json_example(DOCUMENT_VIEW), **problems(404)},
)
def get_document(
    store: Annotated[GraphStore, Depends(get_store)], doc_id: DocumentId
) -> DocumentView:
    view = document_view(store, doc_id)
    if view is None:
        raise not_found(f"no document {doc_id!r}; list them with /api/documents")
    return view


@router.post(
    "/api/documents",
    response_model=IngestResult,
    status_code=201,
    summary="Upload a document",
    description="Extract actors and relations from a document and add them to the graph: "
    f"a multipart upload (field `file`; {READERS.described()}, each type with its own size "
    'limit) or JSON {"name", "text"}. Needs '
    "'Authorization: Bearer <ACTORGRAPH_API_TOKEN>'. 201 when new; 200 when it was already "
    "there (unchanged) or replaced the document of the same name with replace=true "
    "(updated). Another text under the same name is a 409 naming the stored document; "
    "extraction past ACTORGRAPH_EXTRACT_TIMEOUT a 504; a full disk a 507.",
    openapi_extra=UPLOAD_BODY,
    responses={
        200: {"model": IngestResult, "description": "Updated or unchanged."},
        **problems(401, 403, 409, 413, 415, 504, 507),
    },
    dependencies=[Depends(require_token)],
)
async def upload_document(
    request: Request,
    replace: Annotated[
        bool,
        Query(description="Replace the document stored under this name if its text differs."),
    ] = False,
) -> JSONResponse:
    settings: Settings = request.app.state.settings
    limits = Limits(settings.max_document_bytes, settings.reader_max_bytes)
    name, data = await read_upload(request, READERS.largest_limit(limits))
    from graph.ingest import DocumentResult

    try:  # before the language model is even loaded; each type has its own size limit
        _, read = await run_in_threadpool(READERS.read, name, data, limits)
    except TooLarge as exc:
        raise HTTPException(413, f"document {exc}") from None
    except BadDocument as exc:
        raise invalid(f"{name}: {exc}") from None
    service: IngestionService = request.app.state.ingestion
    store = request.app.state.store_holder.get()
    how: Replace = "always" if replace else "never"
    item = await run_in_threadpool(service.prepare, store, name, data, f"upload:{name}", how, read)
    if not isinstance(item, DocumentResult):
        item = await _extract_and_write(service, store, item, settings.extract_timeout)
    return _answer(name, item)


async def _extract_and_write(
    service: IngestionService, store: GraphStore, item: Pending, timeout: float
) -> DocumentResult:
    from graph.extract import ExtractionError
    from graph.extract.workers import ExtractTimeout

    try:
        extraction = await run_in_threadpool(service.extract, item.text, timeout)
    except ExtractTimeout:
        raise HTTPException(
            504,
            f"the document was not extracted within {timeout:g} s "
            "(ACTORGRAPH_EXTRACT_TIMEOUT); nothing was stored",
        ) from None
    except ExtractionError as exc:
        raise StoreUnavailable(f"cannot ingest: {exc}") from exc

    # one upload resolved and written at a time: resolution reads what earlier ones wrote
    return await run_in_threadpool(service.commit, store, item, extraction)


def _answer(name: str, result: DocumentResult) -> JSONResponse:
    if result.status == "skipped" or result.doc_id is None:
        raise invalid(f"{name}: {result.reason}")
    if result.status == "conflict":
        raise HTTPException(409, f"{name}: {result.reason} (send replace=true to replace it)")
    if result.status == "failed":
        raise HTTPException(507, f"{name}: {result.reason}")
    body = IngestResult(
        source=result.source,
        status=result.status,
        doc_id=result.doc_id,
        entities=dict(sorted(result.entities.items())),
        relations=dict(sorted(result.relations.items())),
    )
    return JSONResponse(body.model_dump(), status_code=201 if result.status == "ingested" else 200)
