"""Who did what to whom: the relations table (JSON, CSV, XLSX) and the evidence per month."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.params import (
    DATE_PATTERN,
    DocumentsParam,
    RelationsParam,
    check_dates,
    check_relation_types,
    split_values,
)
from app.api.problems import not_found, problems
from app.deps import get_store
from app.pagedata import evidence_url, explore_url_of
from graph.model import Evidence
from graph.profile import NodeRef
from graph.relations import MAX_LIMIT, SORTS, RelationQuery, RelationRow
from graph.relations_table import evidence_lines, to_csv, to_xlsx
from graph.schema import DOCUMENT
from graph.store.base import GraphStore

router = APIRouter(tags=["relations"])

EXPORT_BATCH = 500
MAX_EXPORT = 20_000  # relations in one spreadsheet

# the sort keys as an enum, built at run time: the type checker sees the plain string it is
if TYPE_CHECKING:
    SortParam = str
else:
    SortParam = Literal[tuple(s for c in SORTS for s in (c, "-" + c))]


class DatedEvidence(Evidence):
    dated_by: Literal["sentence", "document"] | None = Field(
        description="Where the date comes from: the sentence, else the document; null: none."
    )
    url: str = Field(description="The document page with this sentence highlighted.")


class RelationLine(BaseModel):
    id: str
    type: str
    source: NodeRef
    target: NodeRef
    role: str | None
    documents: int = Field(description="Documents the kept evidence comes from.")
    evidence_count: int
    first_date: str | None = Field(description="Earliest date of the kept evidence.")
    last_date: str | None
    first_evidence: DatedEvidence
    explore_url: str = Field(description="The explorer focused on the two actors.")


ROW_EXAMPLE: dict[str, Any] = {
    "id": "rel:e5320f0cb328f3cd",
    "type": "MET_WITH",
    "source": {
        "id": "person:juan-esteban-lazo-hernandez",
        "type": "Person",
        "name": "Juan Esteban Lazo Hernández",
    },
    "target": {"id": "person:vyacheslav-volodin", "type": "Person", "name": "Vyacheslav Volodin"},
    "role": None,
    "documents": 1,
    "evidence_count": 1,
    "first_date": "2023-10-02",
    "last_date": "2023-10-02",
    "first_evidence": {
        "document": "doc:000_aed1e656c6466fb5",
        "sentence": "Volodin met Lazo Hernández.",
        "start": 1204,
        "end": 1231,
        "date": "2023-10-02",
        "dated_by": "document",
        "url": "/documents/doc:000_aed1e656c6466fb5?hl=1204-1231#ev",
    },
    "explore_url": "/explore?focus=person:juan-esteban-lazo-hernandez,"
    "person:vyacheslav-volodin&sel=person:juan-esteban-lazo-hernandez",
}


class RelationsTable(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"total": 61, "limit": 50, "offset": 0, "sort": "type", "rows": [ROW_EXAMPLE]}
            ]
        }
    )

    total: int = Field(description="Rows of the whole filtered table.")
    limit: int
    offset: int
    sort: str
    rows: list[RelationLine]


class MonthCount(BaseModel):
    month: str = Field(examples=["2023-10"])
    evidence: int


class Timeline(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "months": [
                        {"month": "2023-09", "evidence": 12},
                        {"month": "2023-10", "evidence": 40},
                    ],
                    "undated": 17,
                    "total": 69,
                }
            ]
        }
    )

    months: list[MonthCount]
    undated: int = Field(description="Kept evidence with no date (none in sentence or document).")
    total: int


def relation_query(
    store: Annotated[GraphStore, Depends(get_store)],
    relations: RelationsParam = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=300,
            description="Only relations of this actor (an id).",
            examples=["country:russia"],
        ),
    ] = None,
    documents: DocumentsParam = None,
    since: Annotated[
        str | None,
        Query(
            pattern=DATE_PATTERN,
            description="Only evidence dated on/after (date rule).",
            examples=["2023-09-01"],
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(pattern=DATE_PATTERN, description="Only evidence dated on/before (date rule)."),
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Only evidence at least this sure.")
    ] = None,
    sort: Annotated[
        SortParam, Query(description="Column to sort by; a leading '-' sorts descending.")
    ] = "type",
) -> RelationQuery:
    """The table's filter parameters, checked."""
    check_dates(since, until)
    if actor is not None:
        node = store.get_node(actor)
        if node is None or node.type == DOCUMENT:
            raise not_found(f"actor: no actor {actor!r}; find ids with /api/search?q=…")
    return RelationQuery(
        relations=check_relation_types(relations),
        actor=actor,
        documents=split_values(documents),
        since=since,
        until=until,
        min_confidence=min_confidence,
        sort=sort,
    )


Store = Annotated[GraphStore, Depends(get_store)]
Filter = Annotated[RelationQuery, Depends(relation_query)]


def line(row: RelationRow) -> RelationLine:
    ev, date = row.edge.evidence[0], row.dates[0]
    first = DatedEvidence(
        **ev.model_dump(exclude={"date"}),
        date=date,
        dated_by="sentence" if ev.date else ("document" if date else None),
        url=evidence_url(ev),
    )
    return RelationLine(
        id=row.edge.id,
        type=row.edge.type,
        source=NodeRef.of(row.source),
        target=NodeRef.of(row.target),
        role=row.role,
        documents=row.documents,
        evidence_count=len(row.edge.evidence),
        first_date=row.first_date,
        last_date=row.last_date,
        first_evidence=first,
        explore_url=explore_url_of([row.source.id, row.target.id], row.source.id),
    )


@router.get(
    "/api/relations",
    response_model=RelationsTable,
    summary="The relations table",
    description="Every relation (MENTIONS aside) with its two actors, role, the dates and "
    "documents of its evidence and the first evidence sentence; filtered, sorted and paged. "
    "Evidence filters (documents, period, confidence) keep evidence items; a relation is "
    "listed when some of its evidence is kept, and its counts and dates are those of the "
    "kept evidence. Dates follow the date rule: the sentence's date, else the document's.",
    responses=problems(404),
)
def relations_table(
    store: Store,
    query: Filter,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> RelationsTable:
    page = store.relations(query, limit, offset)
    return RelationsTable(
        total=page.total,
        limit=limit,
        offset=offset,
        sort=query.sort,
        rows=[line(r) for r in page.rows],
    )


def _all_rows(store: GraphStore, query: RelationQuery) -> Iterator[RelationRow]:
    for offset in range(0, MAX_EXPORT, EXPORT_BATCH):
        page = store.relations(query, EXPORT_BATCH, offset)
        yield from page.rows
        if offset + EXPORT_BATCH >= page.total:
            return


def _spreadsheet(store: GraphStore, query: RelationQuery) -> Iterator[list[Any]]:
    rows = list(_all_rows(store, query))
    docs = sorted({ev.document for r in rows for ev in r.edge.evidence})
    titles = {d: n.name for d in docs if (n := store.get_node(d)) is not None}
    return iter(list(evidence_lines(rows, titles)))


CSV_EXAMPLE = (
    "\ufeffrelation_id,source_id,source_name,source_type,relation,target_id,target_name,"
    "target_type,role,relation_documents,document_id,document_title,evidence_date,date_from,"
    "sentence,start,end,confidence,rule\r\n"
    "rel:e5320f0cb328f3cd,person:juan-esteban-lazo-hernandez,Juan Esteban Lazo Hernández,"
    "Person,MET_WITH,person:vyacheslav-volodin,Vyacheslav Volodin,Person,,1,"
    "doc:000_aed1e656c6466fb5,Russian-Latin American Parliamentarians…,2023-10-02,document,"
    "Volodin met Lazo Hernández.,1204,1231,1.0,met_with\r\n"
)


@router.get(
    "/api/relations.csv",
    summary="The relations table as CSV",
    description="The filtered table (sorted like /api/relations, at most 20,000 relations), "
    "one evidence item per line with names; UTF-8 with a byte-order mark; cells that a "
    "spreadsheet would run as a formula start with an apostrophe.",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {"example": CSV_EXAMPLE}}},
        **problems(404),
    },
)
def relations_csv(store: Store, query: Filter) -> Response:
    return Response(
        to_csv(_spreadsheet(store, query)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="relations.csv"'},
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/api/relations.xlsx",
    summary="The relations table as XLSX",
    description="The same lines as /api/relations.csv in an Excel workbook (openpyxl).",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {"example": "(an Excel workbook, sheet 'relations')"}}},
        **problems(404),
    },
)
def relations_xlsx(store: Store, query: Filter) -> Response:
    return Response(
        to_xlsx(_spreadsheet(store, query)),
        media_type=XLSX,
        headers={"Content-Disposition": 'attachment; filename="relations.xlsx"'},
    )


@router.get(
    "/api/timeline",
    response_model=Timeline,
    summary="Evidence per month",
    description="How many evidence items the filter keeps in each month (the date rule: the "
    "sentence's date, else the document's), for the explorer's time slider. `since`/`until` "
    "narrow the months counted.",
    responses=problems(404),
)
def timeline(store: Store, query: Filter) -> Timeline:
    months, undated = store.evidence_months(query)
    return Timeline(
        months=[MonthCount(month=m, evidence=n) for m, n in months],
        undated=undated,
        total=sum(n for _, n in months) + undated,
    )
