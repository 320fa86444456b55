"""README names what the registries hold, so a relation type or a store added in its own
module and data (with its one registration line) cannot go undocumented.
(Readers: tests/readers/test_readme.py; export formats: tests/test_export_registry.py.)"""

from __future__ import annotations

from graph.schema import load_schema
from graph.store.registry import STORES

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_names_every_relation_type_of_the_schema() -> None:
    missing = [t for t in load_schema().relations if f"`{t}`" not in README]
    assert missing == [], f"README does not name {missing}"


def test_readme_names_every_registered_store() -> None:
    missing = [s.name for s in STORES.specs() if f"`{s.name}`" not in README]
    assert missing == [], f"README does not name the stores {missing}"
