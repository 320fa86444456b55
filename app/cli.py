"""The `actorgraph` command: ingest, export, import, stats, evaluate, serve.

Errors end in one readable line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.config import Settings
from graph.store.base import GraphStore, StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="actorgraph: news → actor graph")
out = Console()
err = Console(stderr=True)


class CliError(Exception):
    """Ends the command with its message as the one line the user sees."""


def _settings() -> Settings:
    return Settings()


def _store(settings: Settings) -> GraphStore:
    from graph.store.factory import open_store

    store = open_store(settings)
    store.ensure_schema()
    return store


def _table(title: str, rows: dict[str, int], label: str) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column(label)
    t.add_column("count", justify="right")
    for k, v in sorted(rows.items()):
        t.add_row(k, str(v))
    return t


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .md).")],
) -> None:
    """Extract actors and relations from documents into the store."""
    from graph.extract.pipeline import Extractor
    from graph.ingest import Ingestor, expand_paths

    settings = _settings()
    store = _store(settings)
    files, skipped = expand_paths(paths)
    with err.status("loading the language model…"):
        extractor = Extractor(settings.spacy_model)
    ingestor = Ingestor(store, extractor, settings.max_document_bytes)
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

        def advance(result) -> None:  # noqa: ANN001
            progress.update(task, advance=1, description=Path(result.source).name)

        report = ingestor.ingest_files(files, skipped, on_progress=advance)
    store.close()

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
    out.print(f"{n_read} read, {len(report.skipped)} skipped")
    if n_read == 0:
        raise CliError(
            "no document could be read"
            + (f": {report.skipped[0].reason}" if len(report.skipped) == 1 else "")
        )


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json")] = "json",
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="File; stdout if omitted.")
    ] = None,
) -> None:
    """Write the whole graph in the interchange format."""
    from graph.export import FORMATS, render

    if fmt not in FORMATS:
        raise CliError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    store = _store(_settings())
    data = store.export()
    store.close()
    payload = render(data, fmt)
    if out_file is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        out_file.write_bytes(payload)
        err.print(f"wrote {len(data.nodes)} nodes and {len(data.edges)} edges to {out_file}")


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="An interchange-format JSON file.")]) -> None:
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
    store = _store(_settings())
    store.import_graph(data)
    stats = store.stats()
    store.close()
    out.print(
        f"imported {len(data.nodes)} nodes and {len(data.edges)} edges; the store now holds {stats.nodes} nodes and {stats.edges} edges"
    )


@app.command()
def stats() -> None:
    """Counts by node and relation type."""
    settings = _settings()
    store = _store(settings)
    s = store.stats()
    store.close()
    out.print(
        f"store: {settings.store}  nodes: {s.nodes}  edges: {s.edges}  documents: {s.documents}"
    )
    out.print(_table("nodes", s.nodes_by_type, "type"))
    out.print(_table("edges", s.edges_by_type, "relation"))


@app.command()
def evaluate(
    gold: Annotated[Path | None, typer.Option(help="Folder of gold JSON files.")] = None,
    docs: Annotated[Path, typer.Option(help="Folder of the documents the gold describes.")] = Path(
        "seeds"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
) -> None:
    """Ingest the gold documents into a scratch store and print precision, recall and F1."""
    from graph.evaluate import GOLD_DIR, load_gold, score
    from graph.extract.pipeline import Extractor
    from graph.ingest import Ingestor
    from graph.store.sqlite import SqliteStore

    settings = _settings()
    gold_docs = load_gold(gold or GOLD_DIR)
    if not gold_docs:
        raise CliError(f"no gold files in {gold or GOLD_DIR}")
    with tempfile.TemporaryDirectory() as scratch:
        store = SqliteStore(Path(scratch))
        ingestor = Ingestor(store, Extractor(settings.spacy_model), settings.max_document_bytes)
        paths = [docs / g.document for g in gold_docs]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CliError(f"gold documents not found: {', '.join(missing)}")
        ingestor.ingest_paths(paths)
        report = score(store.export(), gold_docs)
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
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


def _add_curation() -> None:
    from app.cli_curation import curate_app, curation_app

    app.add_typer(curate_app, name="curate")
    app.add_typer(curation_app, name="curation")


_add_curation()


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
    except click.ClickException as exc:  # usage errors
        exc.show()
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
