"""No function in graph/ is longer than about 80 lines (the project's style: small
functions, no 200-line function with closures inside). The four that were longer
when this check came (mention finding, resolution, institution names, role titles) are split
into named steps now, and none is allowed."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from .conftest import ROOT

LIMIT = 80


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
    assert longer == {}, f"split these functions (over {LIMIT} lines): {longer}"
