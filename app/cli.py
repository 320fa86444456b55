"""The `actorgraph` command: ingest, export, import, stats, evaluate, serve (and curate,
curation, neo4j from their own modules).

Errors end in one readable line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.config import Settings
from graph.export import EXPORTS
from graph.readers import READERS, Limits
from graph.store.base import GraphStore, StoreError

if TYPE_CHECKING:
    from graph.ingest import DocumentResult, IngestReport
    from graph.ingestion import IngestionService

app = typer.Typer(add_completion=False, no_args_is_help=True, help="actorgraph: news → actor graph")
out = Console()
err = Console(stderr=True)


GRACEFUL_SHUTDOWN_SECONDS = 3


class CliError(Exception):
    """Ends the command with its message as the one line the user sees."""


def _settings() -> Settings:
    return Settings()


def _store(settings: Settings) -> AbstractContextManager[GraphStore]:
    """The configured store, its schema ensured, closed when the `with` block ends."""
    from graph.store.factory import opened_store

    return opened_store(settings)


def _table(title: str, rows: dict[str, int], label: str) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column(label)
    t.add_column("count", justify="right")
    for k, v in sorted(rows.items()):
        t.add_row(k, str(v))
    return t


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help=f"Files or folders ({READERS.described()}).")],
    workers: Annotated[
        int,
        typer.Option(
            min=1, help="Processes extracting in parallel (default: the number of cores)."
        ),
    ] = os.cpu_count() or 1,
    replace: Annotated[
        bool,
        typer.Option(
            help="Replace a stored document of the same name read from another path "
            "(a changed file at the same path always replaces its document)."
        ),
    ] = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Extract on a Dask cluster (its scheduler, e.g. tcp://10.0.0.5:8786) instead"
            " of local processes; resolution and writes stay here, in document order.",
        ),
    ] = None,
) -> None:
    """Extract actors and relations from documents into the store (every registered reader's
    files: `actorgraph readers` lists them)."""
    from graph.ingest import expand_paths
    from graph.ingestion import IngestionService

    settings = _settings()
    files, skipped = expand_paths(paths)
    workers = max(1, min(workers, len(files)))
    # each worker process loads the model once, in parallel; one worker: in this process;
    # a cluster: on its workers
    service = IngestionService.from_settings(settings, workers=workers, cluster=cluster)
    with service:
        if cluster:  # before the store opens: a dead scheduler leaves nothing behind
            with err.status(f"connecting to the Dask scheduler at {cluster}…"):
                service.extractor()
        elif workers == 1:
            with err.status("loading the language model…"):
                service.extractor()
        with _store(settings) as store:
            report = _ingest_with_progress(service, store, files, skipped, replace)
    _print_ingest_summary(report)


def _ingest_with_progress(
    service: IngestionService,
    store: GraphStore,
    files: list[Path],
    skipped: list[DocumentResult],
    replace: bool,
) -> IngestReport:
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(files))

        def advance(result: DocumentResult) -> None:
            progress.update(task, advance=1, description=Path(result.source).name)
            if result.status in {"failed", "conflict"}:  # said now, not only in the table
                progress.console.print(
                    f"[red]{result.source}: {result.status}: {result.reason}[/red]",
                    highlight=False,
                    soft_wrap=True,
                )

        return service.ingest_files(
            store,
            files,
            skipped,
            on_progress=advance,
            replace="always" if replace else "same-source",
        )


def _print_ingest_summary(report: IngestReport) -> None:
    summary = Table(title="documents", title_justify="left")
    for col in ("document", "status", "entities", "relations", "note"):
        summary.add_column(col)
    for r in report.results:
        summary.add_row(
            r.source,
            r.status,
            str(sum(r.entities.values()) or ""),
            str(sum(r.relations.values()) or ""),
            r.reason or "",
        )
    out.print(summary)
    ents, rels = report.totals()
    if ents:
        out.print(_table("entities by type (in the documents read)", dict(ents), "type"))
        out.print(_table("relations by type (in the documents read)", dict(rels), "relation"))
    n_read = len(report.read)
    failed = [r for r in report.results if r.status == "failed"]
    out.print(f"{n_read} read, {len(report.skipped)} skipped")
    if failed:
        raise CliError(f"{len(failed)} document(s) failed; {failed[0].source}: {failed[0].reason}")
    if n_read == 0:
        raise CliError(
            "no document could be read"
            + (f": {report.skipped[0].reason}" if len(report.skipped) == 1 else "")
        )


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=EXPORTS.help())] = "json",
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="File; stdout if omitted.")
    ] = None,
) -> None:
    """Write the whole graph in the interchange format."""
    from graph.export import FORMATS, render

    if fmt not in FORMATS:
        raise CliError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    with _store(_settings()) as store:
        data = store.export()
    payload = render(data, fmt)
    if out_file is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        out_file.write_bytes(payload)
        err.print(f"wrote {len(data.nodes)} nodes and {len(data.edges)} edges to {out_file}")


@app.command()
def readers() -> None:
    """The document types ingest reads, with their size limits."""
    settings = _settings()
    limits = Limits(settings.max_document_bytes, settings.reader_max_bytes)
    t = Table(title="readers", title_justify="left")
    for col in ("reader", "extensions", "limit", "what it reads"):
        t.add_column(col)
    for spec in READERS.specs():
        limit, _ = limits.of(spec)
        t.add_row(spec.name, " ".join(spec.extensions), f"{limit / 1e6:g} MB", spec.description)
    out.print(t)


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="An interchange-format JSON file.")],
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Neo4j only: first load into an EMPTY database through neo4j-admin"
            " (stops and restarts the server `actorgraph neo4j start` runs).",
        ),
    ] = False,
) -> None:
    """Load an exported graph (JSON) into the configured store."""
    from pydantic import ValidationError

    from graph.model import GraphData

    try:
        data = GraphData.model_validate_json(file.read_bytes())
    except FileNotFoundError:
        raise CliError(f"{file}: no such file") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise CliError(f"{file}: not an actorgraph export ({where}: {first['msg']})") from None
    settings = _settings()
    if bulk:
        if settings.store != "neo4j":
            raise CliError("--bulk needs ACTORGRAPH_STORE=neo4j (the embedded store imports as is)")
        from graph.store.neo4j_bulk import bulk_import

        steps = bulk_import(settings, data)
        err.print("--bulk: " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()))
    with _store(settings) as store:
        if not bulk:
            store.import_graph(data)
        stats = store.stats()
    out.print(
        f"imported {len(data.nodes)} nodes and {len(data.edges)} edges; the store now holds {stats.nodes} nodes and {stats.edges} edges"
    )


@app.command()
def stats() -> None:
    """Counts by node and relation type."""
    settings = _settings()
    with _store(settings) as store:
        s = store.stats()
    out.print(
        f"store: {settings.store}  nodes: {s.nodes}  edges: {s.edges}  documents: {s.documents}"
    )
    out.print(_table("nodes", s.nodes_by_type, "type"))
    out.print(_table("edges", s.edges_by_type, "relation"))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold JSON files.")] = Path(
        "tests/data/gold"
    ),
    docs: Annotated[Path, typer.Option(help="Folder of the documents the gold describes.")] = Path(
        "seeds"
    ),
    split: Annotated[
        Path | None, typer.Option(help="Split file (TOML) listing the documents of each part.")
    ] = None,
    part: Annotated[str, typer.Option(help="Which part of the split to score.")] = "tune",
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    held_out: Annotated[
        bool,
        typer.Option(
            "--held-out",
            help="Print the tables and counts only, naming no document (for a held-out half).",
        ),
    ] = False,
) -> None:
    """Ingest the gold documents into a scratch store and print precision, recall and F1."""
    from graph.evaluate import load_gold, run, select_split

    if held_out and as_json:
        raise CliError("--held-out prints no JSON: the full report names every document")
    settings = _settings()
    try:
        gold_docs = load_gold(gold)
        if split is not None:
            gold_docs = select_split(gold_docs, split, part)
    except (OSError, ValueError) as exc:
        raise CliError(str(exc)) from None
    if not gold_docs:
        raise CliError(f"no gold files in {gold}")
    from graph.ingestion import IngestionService

    try:
        with IngestionService.from_settings(settings) as service:
            report = run(gold_docs, docs, service)
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    for title, rows in (("entities", report.entity_rows), ("relations", report.relation_rows)):
        t = Table(title=title, title_justify="left")
        for col in ("", "tp", "fp", "fn", "precision", "recall", "F1"):
            t.add_column(col, justify="right" if col else "left")
        for r in rows:
            t.add_row(
                r.label,
                str(r.tp),
                str(r.fp),
                str(r.fn),
                f"{r.precision:.3f}",
                f"{r.recall:.3f}",
                f"{r.f1:.3f}",
            )
        out.print(t)
    roles = report.roles.to_dict()
    out.print(f"HOLDS_ROLE roles: {roles}")
    for line in report.duplicate_lines(name_documents=not held_out):
        out.print(line, highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the API and the graph view."""
    import uvicorn

    from app.main import create_app

    settings = _settings()
    out.print(f"actorgraph on http://{host}:{port} (store: {settings.store})")
    # SIGTERM stops the server within a few seconds even while an upload is extracting:
    # requests still running then are cut, and the lifespan stops the extraction workers
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )


def _add_curation() -> None:
    from app.cli_curation import curate_app, curation_app

    app.add_typer(curate_app, name="curate")
    app.add_typer(curation_app, name="curation")


_add_curation()


def _add_neo4j() -> None:
    from app.cli_neo4j import neo4j_app

    app.add_typer(neo4j_app, name="neo4j")


_add_neo4j()


def main() -> None:
    from pydantic import ValidationError

    from graph.extract import ExtractionError

    try:
        app(standalone_mode=False)
    except (CliError, StoreError, ExtractionError) as exc:
        err.print(f"[red]actorgraph: {exc}[/red]", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None
    except ValidationError as exc:  # the settings: an ACTORGRAPH_* or NEO4J_* value is wrong
        first = exc.errors()[0]
        loc = [str(x) for x in first["loc"]]
        name = (
            "_".join(loc).upper() if loc[:1] == ["neo4j"] else "ACTORGRAPH_" + "_".join(loc).upper()
        )
        err.print(
            f"[red]actorgraph: setting {name}: {first['msg']}[/red]",
            highlight=False,
            soft_wrap=True,
        )
        raise SystemExit(2) from None
    except typer.Abort:
        raise SystemExit(130) from None
    except (click.ClickException, typer.TyperException) as exc:  # usage errors
        # typer 0.29 raises its own copy of click's ClickException, which is no
        # click.ClickException: without the second class a typo in a command printed a traceback
        exc.show()  # type: ignore[union-attr]
        raise SystemExit(getattr(exc, "exit_code", 2)) from None


if __name__ == "__main__":
    main()
