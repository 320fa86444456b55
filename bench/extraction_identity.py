"""Same extraction before and after a change: every field of every `Extraction` (sentences,
mentions, relation candidates with their offsets, rule and confidence, PART_OF hints, home
country, metadata) of the seeds, tests/data/news and the corpus documents, written as JSON
lines by one tree's code and compared with another's.

    git archive BASE | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base python bench/extraction_identity.py dump /tmp/base.jsonl
    PYTHONPATH=$PWD python bench/extraction_identity.py dump /tmp/new.jsonl
    python bench/extraction_identity.py compare /tmp/base.jsonl /tmp/new.jsonl

`dump` also prints the extraction's CPU seconds (time.process_time, model loading left out).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [
    *sorted((ROOT / "seeds").glob("*.txt")),
    *sorted((ROOT / "tests/data/news").glob("*")),
    *sorted((ROOT / "tests/data/corpus/docs").glob("*")),
]


def _record(name: str, ex: Any) -> dict[str, Any]:
    """One document's extraction as plain data (Mentions by value, so offsets compare)."""
    asdict = dataclasses.asdict
    return {
        "doc": name,
        "text": ex.text,
        "meta": asdict(ex.meta),
        "sentences": ex.sentences,
        "mentions": [asdict(m) for m in ex.mentions],
        "candidates": [
            {**asdict(c), "source": asdict(c.source), "target": asdict(c.target)}
            for c in ex.candidates
        ],
        "part_of": [(asdict(a), asdict(b), si) for a, b, si in ex.part_of],
        "home": ex.home,
    }


def dump(out: Path) -> None:
    from graph.config import Settings
    from graph.extract.pipeline import Extractor

    extractor = Extractor(Settings().spacy_model)
    extractor.extract("Vladimir Putin spoke in Moscow.")
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in DOCUMENTS]
    cpu = time.process_time()
    with out.open("w", encoding="utf-8") as f:
        for name, text in texts:
            f.write(json.dumps(_record(name, extractor.extract(text)), sort_keys=True) + "\n")
    print(f"{len(texts)} documents, extraction CPU {time.process_time() - cpu:.2f} s")


def compare(before: Path, after: Path) -> bool:
    def read(path: Path) -> dict[str, str]:
        return {json.loads(line)["doc"]: line for line in path.open(encoding="utf-8")}

    a, b = read(before), read(after)
    differ = [d for d in a if a[d] != b.get(d)]
    print(f"{len(a)} documents, {len(differ)} differ")
    for d in differ:
        x, y = json.loads(a[d]), json.loads(b[d]) if d in b else {}
        print(f"  {d}: {', '.join(k for k in x if x[k] != y.get(k))}")
    return not differ


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    cmp = sub.add_parser("compare")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.command == "dump":
        dump(args.out)
    elif not compare(args.before, args.after):
        sys.exit(1)


if __name__ == "__main__":
    main()
