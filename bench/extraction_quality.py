"""Extraction quality on the seeds and the development corpus's tune and report parts.

Prints two markdown tables: entity F1 (typed), relation F1, the three core relations
(SPOKE_AT + SANCTIONED + COOPERATES_WITH), per relation type, and duplicate actors; then
entity F1 per type and the other relation types (HOSTED, LOCATED_IN, PART_OF).

    PYTHONPATH=. python bench/extraction_quality.py [--corpus tests/data/corpus] [--no-report]

The report part is scored, never tuned on: read only its figures.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.config import Settings
from graph.evaluate import EvaluationReport, ScoreRow, load_gold, run, select_split
from graph.ingestion import IngestionService

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "data" / "gold"
CORE = ("SPOKE_AT", "SANCTIONED", "COOPERATES_WITH")
TYPES = ("SPOKE_AT", "SANCTIONED", "COOPERATES_WITH", "MET_WITH", "ATTENDED", "HOLDS_ROLE")
# the second table: entity F1 by type, and the relation types the first one leaves out
ENTITY_TYPES = ("Person", "Institution", "Country", "City", "Region", "Event")
OTHER_RELATIONS = ("HOSTED", "LOCATED_IN", "PART_OF")


def core_row(report: EvaluationReport) -> ScoreRow:
    total = ScoreRow("core")
    for row in report.relations_by_type:
        if row.label in CORE:
            total = total + row
    return total


def row_f1(report: EvaluationReport, label: str) -> str:
    row = next((r for r in report.relations_by_type if r.label == label), None)
    return f"{row.f1:.2f}" if row else "–"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "corpus")
    ap.add_argument("--no-report", action="store_true", help="skip the report part")
    args = ap.parse_args()
    settings = Settings()
    sets = [("seeds", load_gold(GOLD_DIR), ROOT / "seeds")]
    split = args.corpus / "split.toml"
    if split.exists():
        corpus_gold = load_gold(args.corpus / "gold")
        parts = ["tune"] if args.no_report else ["tune", "report"]
        for part in parts:
            sets.append((part, select_split(corpus_gold, split, part), args.corpus / "docs"))
    head = "| set | docs | entity F1 | relation F1 (P / R) | core F1 | " + " | ".join(TYPES)
    print(head + " | duplicate actors (per 10 docs) |")
    print("|---" * (6 + len(TYPES)) + "|")
    service = IngestionService.from_settings(settings)  # one in-process model for every set
    other_rows: list[str] = []
    for name, gold, docs in sets:
        r = run(gold, docs, service)
        other_rows.append(other_types_row(name, r))
        rel = r.relations
        print(
            f"| {name} | {len(gold)} | {r.entities.f1:.2f} | {rel.f1:.2f} "
            f"({rel.precision:.2f} / {rel.recall:.2f}) | {core_row(r).f1:.2f} | "
            + " | ".join(row_f1(r, t) for t in TYPES)
            + f" | {len(r.duplicate_actors)} ({r.duplicates_per_10_documents:.1f}) |"
        )
    print()
    print("| set | " + " | ".join(ENTITY_TYPES) + " | " + " | ".join(OTHER_RELATIONS) + " |")
    print("|---" * (1 + len(ENTITY_TYPES) + len(OTHER_RELATIONS)) + "|")
    print("\n".join(other_rows))


def other_types_row(name: str, report: EvaluationReport) -> str:
    """Entity F1 by type and the relation types the first table leaves out, aggregate only."""
    entity = {row.label: f"{row.f1:.2f}" for row in report.entities_by_type}
    return (
        f"| {name} | "
        + " | ".join(entity.get(t, "–") for t in ENTITY_TYPES)
        + " | "
        + " | ".join(row_f1(report, t) for t in OTHER_RELATIONS)
        + " |"
    )


if __name__ == "__main__":
    main()
