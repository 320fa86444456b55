"""The body of an upload (POST /api/documents): a multipart file or JSON {"name", "text"},
read within the limit of the largest reader, its name reduced to a file name a reader
reads, and the OpenAPI description of both shapes. The route decides what is done with it."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from fastapi import HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from app.api.problems import invalid
from graph.readers import READERS

# multipart framing and a JSON body's escapes (\u00e9 is 6 bytes for 2) on top of the text
MULTIPART_OVERHEAD = 64 * 1024
JSON_EXPANSION = 6


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


def too_large(size: int | None, limit: int) -> HTTPException:
    got = f"{size / 1e6:.1f} MB; " if size is not None else ""
    return HTTPException(
        413,
        f"document too large ({got}the limit is {limit / 1e6:.1f} MB, "
        "set ACTORGRAPH_MAX_DOCUMENT_BYTES to raise it)",
    )


def clean_name(raw: str) -> str:
    """A client's file name reduced to its last part, and checked for a readable type."""
    name = PureWindowsPath(PurePosixPath(raw.strip()).name).name.strip()
    if not name or name in {".", ".."}:
        raise invalid("the document needs a name (the file name, or 'name')")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix and READERS.for_name(name) is None:
        raise invalid(f"unsupported file type {suffix}; upload one of {READERS.described()}")
    return name


async def read_upload(request: Request, limit: int) -> tuple[str, bytes]:
    """The upload's file name and bytes, from a multipart form (field `file`, optional
    `name`) or a JSON {"name", "text"}; refused early when the declared length is over the
    limit, and while streaming when it turns out to be."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    declared = request.headers.get("content-length")
    size = int(declared) if declared and declared.isdigit() else None
    if content_type == "multipart/form-data":
        if size is not None and size > limit + MULTIPART_OVERHEAD:
            raise too_large(size, limit)
        try:
            form = await request.form(max_files=1, max_fields=5)
        except Exception as exc:  # malformed multipart: the parser's message says where
            raise invalid(f"cannot read the multipart body: {exc}") from None
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise invalid("multipart upload without a 'file' field")
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise too_large(None, limit)
        given = form.get("name")
        name = clean_name(given if isinstance(given, str) and given else upload.filename or "")
        return READERS.typed_name(name, upload.content_type), data
    if content_type == "application/json":
        if size is not None and size > limit * JSON_EXPANSION + MULTIPART_OVERHEAD:
            raise too_large(size, limit)
        raw = bytearray()
        async for chunk in request.stream():
            raw.extend(chunk)
            if len(raw) > limit * JSON_EXPANSION + MULTIPART_OVERHEAD:
                raise too_large(None, limit)
        try:
            upload_json = DocumentUpload.model_validate_json(bytes(raw))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"]) or "body"
            raise invalid(f"{where}: {first['msg']}") from None
        data = upload_json.text.encode("utf-8")
        if len(data) > limit:
            raise too_large(len(data), limit)
        return clean_name(upload_json.name), data
    raise HTTPException(
        415,
        f"unsupported content type {content_type or '(none)'}: send multipart/form-data "
        "with a 'file' field, or application/json with 'name' and 'text'",
    )
