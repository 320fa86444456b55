"""Does a change to the relation rules leave every candidate as it was?

Runs the Extractor on the seeds, tests/data/news and the development corpus, and writes
(`--save`) or compares (`--compare`) each document's relation candidates: type, both ends
(type, name, offsets), sentence, role, rule, confidence, in their order. Prints a table.

    PYTHONPATH=. python bench/relation_equivalence.py --save /tmp/before.json
    PYTHONPATH=. python bench/relation_equivalence.py --compare /tmp/before.json

The corpus's `report` documents (split.toml) are hidden from tuning: for them only a digest
is kept and only whether it matches is printed, never their content or their counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tomllib
from pathlib import Path

from graph.config import Settings
from graph.extract.pipeline import Extractor
from graph.extract.relations import Candidate
from graph.readers import READERS, Limits

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
SETS = (("seeds", ROOT / "seeds"), ("news", ROOT / "tests" / "data" / "news"))


def row(c: Candidate) -> list[object]:
    ends = [[m.type, m.name, m.start, m.end] for m in (c.source, c.target)]
    return [c.type, *ends, c.sent, c.role, c.rule, c.confidence]


def documents() -> list[tuple[str, Path, bool]]:
    """(set, path, hidden) for every document, in a fixed order."""
    report = set(tomllib.loads((CORPUS / "split.toml").read_text())["report"]["files"])
    out = [(name, p, False) for name, folder in SETS for p in sorted(folder.iterdir())]
    for p in sorted((CORPUS / "docs").iterdir()):
        hidden = p.name in report
        out.append(("report" if hidden else "tune", p, hidden))
    return out


def extract_all(limit: int | None) -> dict[str, dict[str, object]]:
    extractor = Extractor(Settings().spacy_model)
    out: dict[str, dict[str, object]] = {}
    for part, path, hidden in documents()[:limit]:
        _, read = READERS.read(path.name, path.read_bytes(), Limits(50_000_000))
        rows = [row(c) for c in extractor.extract(read.text).candidates]
        digest = hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
        key = f"{part}/{path.name}"
        out[key] = {"digest": digest} if hidden else {"digest": digest, "rows": rows}
    return out


def first_difference(before: list[list[object]], after: list[list[object]]) -> str:
    for i, (a, b) in enumerate(zip(before, after, strict=False)):
        if a != b:
            return f"#{i}: {a} -> {b}"
    return f"{len(before)} -> {len(after)} candidates"


def compare(before: dict[str, dict[str, object]], after: dict[str, dict[str, object]]) -> bool:
    print("| set | docs | candidates | same |")
    print("|---|---|---|---|")
    ok = True
    for part in ("seeds", "news", "tune", "report"):
        keys = [k for k in after if k.startswith(part + "/")]
        same = [k for k in keys if before.get(k, {}).get("digest") == after[k]["digest"]]
        # the report part's size stays unprinted: only whether it matches
        count = "–" if part == "report" else str(sum(len(after[k]["rows"]) for k in keys))
        print(f"| {part} | {len(keys)} | {count} | {len(same) == len(keys)} |")
        ok = ok and len(same) == len(keys)
        if part == "report":
            continue  # hidden: whether it matches is all that is printed
        for k in sorted(set(keys) - set(same)):
            was = before.get(k, {}).get("rows", [])
            print(f"  differs: {k}: {first_difference(was, after[k]['rows'])}")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--save", type=Path, help="write the candidates to this JSON file")
    ap.add_argument("--compare", type=Path, help="compare against a file --save wrote")
    ap.add_argument("--limit", type=int, help="only the first N documents (a quick check)")
    args = ap.parse_args()
    found = extract_all(args.limit)
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False))
        print(f"saved {len(found)} documents to {args.save}")
    if args.compare:
        before = json.loads(args.compare.read_text())
        raise SystemExit(0 if compare(before, found) else 1)


if __name__ == "__main__":
    main()
