"""How long one document of a single long "sentence" (no full stop) takes to extract.

Issue 10, failure 7: the parse cost was quadratic (a 48 kB sentence took 25 s, 1 MB never
returned). Prints seconds per size and the growth against the smallest size, so the
before/after can be compared as ratios. Run against another checkout to get the "before"
figures: PYTHONPATH=/path/to/old/checkout python bench/parse_bound.py 6000 24000 48000

    python bench/parse_bound.py [SIZE ...]        (default: 6 kB, 24 kB, 48 kB, 200 kB, 1 MB)
"""

from __future__ import annotations

import sys
import time

from graph.config import Settings
from graph.extract.pipeline import Extractor

PHRASE = "Vladimir Putin met Nicolás Maduro in Moscow and the United States imposed sanctions on Cuba and "


def one_sentence(size: int) -> str:
    body = (PHRASE * (size // len(PHRASE) + 1))[:size]
    return "A very long sentence\n\n" + body


def main(sizes: list[int]) -> None:
    extractor = Extractor(Settings().spacy_model)
    extractor.extract(one_sentence(2000))  # warm up
    rows = []
    for size in sizes:
        text = one_sentence(size)
        t0 = time.perf_counter()
        extraction = extractor.extract(text)
        rows.append((size, time.perf_counter() - t0, len(extraction.sentences)))
    base_size, base_time, _ = rows[0]
    print(
        f"| chars | seconds | s per 10 kB | growth vs {base_size:,} chars (linear = size ratio) | sentences |"
    )
    print("|---:|---:|---:|---:|---:|")
    for size, seconds, n_sents in rows:
        print(
            f"| {size:,} | {seconds:.2f} | {seconds / size * 10_000:.3f} | "
            f"{seconds / base_time:.1f}× time for {size / base_size:.1f}× size | {n_sents} |"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [6_000, 24_000, 48_000, 200_000, 1_000_000])
