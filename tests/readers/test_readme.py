"""README's ingestion section names every registered reader and every extension it reads,
so the documentation cannot fall behind the registry."""

from __future__ import annotations

from graph.readers import READERS
from tests.conftest import ROOT


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_readme_lists_every_registered_reader() -> None:
    section = _section("Ingestion")
    rows = {
        line.split("|")[1].strip(" `"): line
        for line in section.splitlines()
        if line.startswith("| `")
    }
    for spec in READERS.specs():
        assert spec.name in rows, f"README's reader table lacks {spec.name!r}"
        for ext in spec.extensions:
            assert f"`{ext}`" in rows[spec.name], f"README's row for {spec.name} lacks {ext}"
    assert set(rows) <= {s.name for s in READERS.specs()}, "README lists a reader not registered"
