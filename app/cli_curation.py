"""`actorgraph curate …` (make or undo one decision, list the log) and `actorgraph curation
export|import` (the log as JSON Lines). Registered on the main command in app/cli.py."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

curate_app = typer.Typer(no_args_is_help=True, help="Correct the graph: one decision at a time.")
curation_app = typer.Typer(no_args_is_help=True, help="The curation log as JSON Lines.")

Why = Annotated[str, typer.Option("--why", help="The reason, kept with the decision.")]
Who = Annotated[str | None, typer.Option("--who", help="Who decides (default: your login).")]


def _decide(payload: dict[str, Any], why: str, who: str | None) -> None:
    from app.cli import _settings, _store, out
    from graph.curation.curator import CurationError, Curator
    from graph.curation.decisions import Decision

    who = who or _login()
    with _store(_settings()) as store:
        try:
            [taken] = Curator(store).add(
                [Decision.model_validate({"payload": payload, "why": why, "who": who})]
            )
        except CurationError as exc:
            raise fail(str(exc)) from None
    out.print(f"{taken.id}  {taken.kind}  {_summary(taken.payload.model_dump())}")


def fail(message: str) -> typer.Exit:
    """The one readable line on stderr and exit status 1 (as app/cli.py's main does; its
    CliError class is another object when the command runs as `python -m app.cli`)."""
    from app.cli import err

    err.print(f"[red]actorgraph: {message}[/red]", highlight=False, soft_wrap=True)
    raise SystemExit(1)


def _login() -> str:
    try:
        return getpass.getuser()
    except OSError:
        return "cli"


def _summary(payload: dict[str, Any]) -> str:
    keys = ("source", "target", "a", "b", "node", "edge", "name", "type", "alias", "note")
    return " ".join(f"{k}={payload[k]}" for k in keys if payload.get(k))


@curate_app.command()
def merge(
    source: Annotated[str, typer.Argument(help="The actor that goes (its id).")],
    target: Annotated[str, typer.Argument(help="The actor that stays.")],
    why: Why = "",
    who: Who = None,
) -> None:
    """Merge SOURCE into TARGET: TARGET keeps every mention, alias and relation."""
    _decide({"kind": "merge", "source": source, "target": target}, why, who)


@curate_app.command("not-same")
def not_same(a: str, b: str, why: Why = "", who: Who = None) -> None:
    """Mark two actors as different: resolution never joins them."""
    _decide({"kind": "not_same", "a": a, "b": b}, why, who)


@curate_app.command()
def split(node: str, why: Why = "", who: Who = None) -> None:
    """Split every written form other than the actor's name off as an actor of its own."""
    _decide({"kind": "split", "node": node}, why, who)


@curate_app.command()
def rename(node: str, name: str, why: Why = "", who: Who = None) -> None:
    """Give an actor a new name (the old one stays as an alias)."""
    _decide({"kind": "rename", "node": node, "name": name}, why, who)


@curate_app.command()
def retype(
    node: str, type_: Annotated[str, typer.Argument(metavar="TYPE")], why: Why = "", who: Who = None
) -> None:
    """Change an actor's type (Person, Institution, ...)."""
    _decide({"kind": "retype", "node": node, "type": type_}, why, who)


@curate_app.command()
def alias(node: str, name: str, why: Why = "", who: Who = None) -> None:
    """Add an alias: the actor a document gives that name joins this one (undo parts them)."""
    _decide({"kind": "alias", "node": node, "alias": name}, why, who)


@curate_app.command()
def hide(node: str, why: Why = "", who: Who = None) -> None:
    """Hide an actor everywhere (undo the decision to bring it back)."""
    _decide({"kind": "hide", "node": node}, why, who)


@curate_app.command()
def undo(decision_id: str) -> None:
    """Undo a decision: the graph becomes what the log without it gives."""
    from app.cli import _settings, _store, out
    from graph.curation.curator import Curator, UnknownDecision

    with _store(_settings()) as store:
        try:
            undone = Curator(store).undo(decision_id)
        except UnknownDecision:
            raise fail(f"no decision {decision_id!r} in the curation log") from None
    out.print(f"undone {undone.id}  {undone.kind}")


@curate_app.command("list")
def list_(kind: Annotated[str | None, typer.Option(help="Only this kind.")] = None) -> None:
    """The decisions, in the order they are applied."""
    from app.cli import _settings, _store, out
    from graph.curation.curator import Curator

    with _store(_settings()) as store:
        log = Curator(store).log()
    table = Table(title=f"{len(log)} decisions", title_justify="left")
    for col in ("id", "kind", "who", "when", "what", "why"):
        table.add_column(col)
    for d in log:
        if kind is None or d.kind == kind:
            table.add_row(d.id, d.kind, d.who, d.when, _summary(d.payload.model_dump()), d.why)
    out.print(table)


@curation_app.command("export")
def export_log(
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="File; stdout if omitted.")
    ] = None,
) -> None:
    """Write the log as JSON Lines, one decision per line, in order."""
    from app.cli import _settings, _store, err
    from graph.curation.curator import Curator
    from graph.curation.decisions import decisions_to_jsonl

    with _store(_settings()) as store:
        log = Curator(store).log()
    text = decisions_to_jsonl(log)
    if out_file is None:
        sys.stdout.write(text)
    else:
        out_file.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(log)} decisions to {out_file}")


@curation_app.command("import")
def import_log(file: Annotated[Path, typer.Argument(help="A JSON Lines curation log.")]) -> None:
    """Append the decisions of a log file not in the store's log yet, and apply them."""
    from app.cli import _settings, _store, out
    from graph.curation.curator import Curator
    from graph.curation.decisions import decisions_from_jsonl

    try:
        decisions = decisions_from_jsonl(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail(f"{file}: no such file") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise fail(f"{file}: {exc}") from None
    with _store(_settings()) as store:
        added = Curator(store).import_log(decisions)
    out.print(f"imported {added} decisions ({len(decisions) - added} already in the log)")
