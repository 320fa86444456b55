"""Documents: list them, read one with its mentions marked, upload a new one.

Uploads need a bearer token (ACTORGRAPH_API_TOKEN); without one configured, the server
refuses every write. The app's ingestion service (graph/ingestion.py) loads the spaCy
pipeline in worker processes on the first upload and writes one upload at a time.
graph.ingest (and with it spaCy) is imported on the first upload, not with the app."""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from app.api.examples import EVIDENCE
from app.api.problems import invalid, not_found, problems
from app.deps import get_settings, get_store
from graph.config import Settings
from graph.reader import DocumentSummary, DocumentView, document_view
from graph.readers import READERS, BadDocument, Limits, TooLarge
from graph.store.base import GraphStore, StoreUnavailable

if TYPE_CHECKING:
    from graph.ingest import DocumentResult, Pending
    from graph.ingestion import IngestionService

router = APIRouter(tags=["documents"])

MAX_LIMIT = 500
# multipart framing and a JSON body's escapes (\u00e9 is 6 bytes for 2) on top of the text
MULTIPART_OVERHEAD = 64 * 1024
JSON_EXPANSION = 6


# ---- who may write ----
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


# ---- models ----
class DocumentList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "total": 2,
                    "limit": 100,
                    "offset": 0,
                    "documents": [
                        {
                            "id": "doc:000_aed1e656c6466fb5",
                            "title": "Russian-Latin American Parliamentarians Share Thoughts …",
                            "author": "Kester Kenn Klomegah",
                            "publisher": "Global Research",
                            "date": "2023-10-02",
                            "source": "seeds/000_aed1e656c6466fb5.txt",
                            "chars": 13801,
                            "sha256": "83b92032c78e2035fe2f4b170e2ca7faf5cab6311509cba5c4aa75f1406fb355",
                        }
                    ],
                }
            ]
        }
    )

    total: int = Field(description="Documents in the store.")
    limit: int
    offset: int
    documents: list[DocumentSummary]


class DocumentUpload(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"name": "summit.md", "text": "Vladimir Putin met Nicolás Maduro in Moscow."}
            ]
        },
    )

    name: str = Field(
        min_length=1,
        max_length=200,
        description="File name: the document's identity (graph/identity.py); another text "
        "under the same name is a conflict unless replace=true.",
    )
    text: str = Field(description="The document's text (plain text or markdown).")


class IngestResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "source": "summit.md",
                    "status": "ingested",
                    "doc_id": "doc:summit",
                    "entities": {"Person": 2, "City": 1},
                    "relations": {"MET_WITH": 1},
                }
            ]
        }
    )

    source: str
    status: Literal["ingested", "updated", "unchanged"]
    doc_id: str
    entities: dict[str, int] = Field(description="Entities the document names, by type.")
    relations: dict[str, int] = Field(description="Relations read in it, by type.")


UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "name": {
                            "type": "string",
                            "description": "Overrides the uploaded file's name.",
                        },
                    },
                    "required": ["file"],
                }
            },
            "application/json": {"schema": DocumentUpload.model_json_schema()},
        },
    }
}

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
    responses={
        200: {
            "description": "Successful response",
            "content": {
                "application/json": {
                    "example": {
                        "id": "doc:000_aed1e656c6466fb5",
                        "title": "Russian-Latin American Parliamentarians Share Thoughts …",
                        "publisher": "Global Research",
                        "date": "2023-10-02",
                        "text": "… Vyacheslav Volodin held special bilateral meeting …",
                        "mentions": [
                            {
                                "start": 10533,
                                "end": 10551,
                                "text": "Vyacheslav Volodin",
                                "entity": "person:vyacheslav-volodin",
                                "type": "Person",
                                "name": "Vyacheslav Volodin",
                            }
                        ],
                        "relations": [
                            {
                                "id": "rel:e5320f0cb328f3cd",
                                "type": "MET_WITH",
                                "source": {
                                    "id": "person:juan-esteban-lazo-hernandez",
                                    "type": "Person",
                                    "name": "Juan Esteban Lazo Hernández",
                                },
                                "target": {
                                    "id": "person:vyacheslav-volodin",
                                    "type": "Person",
                                    "name": "Vyacheslav Volodin",
                                },
                                "properties": {},
                                "evidence": [EVIDENCE],
                            }
                        ],
                    }
                }
            },
        },
        **problems(404),
    },
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
    name, data = await _read_upload(request, READERS.largest_limit(limits))
    from graph.ingest import DocumentResult

    try:  # before the language model is even loaded; each type has its own size limit
        _, read = await run_in_threadpool(READERS.read, name, data, limits)
    except TooLarge as exc:
        raise HTTPException(413, f"document {exc}") from None
    except BadDocument as exc:
        raise invalid(f"{name}: {exc}") from None
    service: IngestionService = request.app.state.ingestion
    store = request.app.state.store_holder.get()
    how = "always" if replace else "never"
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
        status=result.status,  # type: ignore[arg-type]
        doc_id=result.doc_id,
        entities=dict(sorted(result.entities.items())),
        relations=dict(sorted(result.relations.items())),
    )
    return JSONResponse(body.model_dump(), status_code=201 if result.status == "ingested" else 200)


def _too_large(size: int | None, limit: int) -> HTTPException:
    got = f"{size / 1e6:.1f} MB; " if size is not None else ""
    return HTTPException(
        413,
        f"document too large ({got}the limit is {limit / 1e6:.1f} MB, "
        "set ACTORGRAPH_MAX_DOCUMENT_BYTES to raise it)",
    )


def _clean_name(raw: str) -> str:
    """A client's file name reduced to its last part, and checked for a readable type."""
    name = PureWindowsPath(PurePosixPath(raw.strip()).name).name.strip()
    if not name or name in {".", ".."}:
        raise invalid("the document needs a name (the file name, or 'name')")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix and READERS.for_name(name) is None:
        raise invalid(f"unsupported file type {suffix}; upload one of {READERS.described()}")
    return name


async def _read_upload(request: Request, limit: int) -> tuple[str, bytes]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = request.headers.get("content-length")
    size = int(declared) if declared and declared.isdigit() else None
    if content_type == "multipart/form-data":
        if size is not None and size > limit + MULTIPART_OVERHEAD:
            raise _too_large(size, limit)
        try:
            form = await request.form(max_files=1, max_fields=5)
        except Exception as exc:  # malformed multipart: the parser's message says where
            raise invalid(f"cannot read the multipart body: {exc}") from None
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise invalid("multipart upload without a 'file' field")
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise _too_large(None, limit)
        given = form.get("name")
        name = _clean_name(given if isinstance(given, str) and given else upload.filename or "")
        return READERS.typed_name(name, upload.content_type), data
    if content_type == "application/json":
        if size is not None and size > limit * JSON_EXPANSION + MULTIPART_OVERHEAD:
            raise _too_large(size, limit)
        raw = bytearray()
        async for chunk in request.stream():
            raw.extend(chunk)
            if len(raw) > limit * JSON_EXPANSION + MULTIPART_OVERHEAD:
                raise _too_large(None, limit)
        try:
            upload_json = DocumentUpload.model_validate_json(bytes(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"]) or "body"
            raise invalid(f"{where}: {first['msg']}") from None
        data = upload_json.text.encode("utf-8")
        if len(data) > limit:
            raise _too_large(len(data), limit)
        return _clean_name(upload_json.name), data
    raise HTTPException(
        415,
        f"unsupported content type {content_type or '(none)'}: send multipart/form-data "
        "with a 'file' field, or application/json with 'name' and 'text'",
    )
