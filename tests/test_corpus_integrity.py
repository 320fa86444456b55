"""The development corpus is what extraction is tuned and judged on, so its bookkeeping must
hold: every document has its gold file and a manifest entry naming the real public page it
was modelled on, every gold relation joins two annotated entities, and the report split names
documents that exist (a typo there would silently move a document into tuning)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"
DOCS = sorted((CORPUS / "docs").iterdir())


def manifest_entries() -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(CORPUS.glob("manifest-*.toml")):
        for doc in tomllib.loads(path.read_text(encoding="utf-8"))["doc"]:
            assert doc["file"] not in entries, f"{doc['file']} is in two manifests"
            entries[doc["file"]] = doc
    return entries


def test_every_document_has_a_manifest_entry_with_its_model_page_and_genre() -> None:
    entries = manifest_entries()
    names = {d.name for d in DOCS}
    assert names == set(entries), (names ^ set(entries))
    for name, doc in entries.items():
        assert doc["modelled_on"].startswith(("http://", "https://")), name
        assert name.startswith(doc["genre"] + "_"), name


def test_the_report_split_names_existing_documents_only_once() -> None:
    report = tomllib.loads((CORPUS / "split.toml").read_text(encoding="utf-8"))["report"]["files"]
    assert len(report) == len(set(report))
    assert set(report) <= {d.name for d in DOCS}
    # about a third is kept for reporting
    assert 0.25 <= len(report) / len(DOCS) <= 0.45


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_gold_relations_join_annotated_entities(doc: Path) -> None:
    gold = json.loads((CORPUS / "gold" / f"{doc.stem}.json").read_text(encoding="utf-8"))
    assert gold["document"] == doc.name
    names = [e["name"] for e in gold["entities"]]
    assert len(names) == len(set(names)), "an entity is annotated twice"
    for relation in gold["relations"]:
        assert relation["source"] in names and relation["target"] in names, relation
        if relation["type"] == "HOLDS_ROLE":
            assert relation.get("role"), relation


def test_the_development_halves_hold_tuning_documents_only_once() -> None:
    """halves.toml cuts `tune` for developing on one half and confirming on the other: a
    `report` document in it would be tuned on, a document in two halves confirms nothing."""
    split = tomllib.loads((CORPUS / "split.toml").read_text(encoding="utf-8"))
    report = set(split["report"]["files"])
    halves = tomllib.loads((CORPUS / "halves.toml").read_text(encoding="utf-8"))
    listed = [name for files in halves.values() for name in files]
    assert len(listed) == len(set(listed))
    assert not set(listed) & report
    assert set(listed) == {d.name for d in DOCS} - report
