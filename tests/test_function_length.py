"""No function in graph/ is longer than about 80 lines (the project's style: small
functions, no 200-line function with closures inside). The few that are longer were
written before this check, in modules the extraction (issue 9) and curation (issue 12)
work is rewriting; they are listed by name until they are split, and nothing joins them."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from .conftest import ROOT

LIMIT = 80
KNOWN_LONGER = {
    "graph/extract/mentions.py::MentionFinder.find",
    "graph/extract/mentions.py::MentionFinder._institutions",
    "graph/extract/relations.py::RelationFinder.holds_role",
    "graph/resolve.py::Resolver.resolve",
}


def functions(path: Path) -> Iterator[tuple[str, int]]:
    """(qualified name, lines) of every function and method, nested ones included."""

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                yield name, (child.end_lineno or child.lineno) - child.lineno + 1
                yield from walk(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, prefix + child.name + ".")

    yield from walk(ast.parse(path.read_text(encoding="utf-8")), "")


def test_no_function_in_graph_is_longer_than_the_limit() -> None:
    longer = {
        f"{path.relative_to(ROOT)}::{name}": lines
        for path in sorted((ROOT / "graph").rglob("*.py"))
        for name, lines in functions(path)
        if lines > LIMIT
    }
    new = {name: lines for name, lines in longer.items() if name not in KNOWN_LONGER}
    assert new == {}, f"split these functions (over {LIMIT} lines): {new}"
