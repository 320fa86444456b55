"""A Markdown table row's header, read in one pass down the text (table_columns.header_of):
the same header as walking up from the row, for every line of tables stacked, broken by
prose, headed and headless."""

from __future__ import annotations

import itertools

from graph.extract.table_columns import _walk_up_to_header, header_of

_LINES = ["| Country | Represented by |", "|---|---|", "| Ghana | Ama Mensah |", "prose", ""]


def _line_starts(text: str) -> list[int]:
    starts, at = [], 0
    for line in text.split("\n"):
        starts.append(at)
        at += len(line) + 1
    return starts


def test_every_line_gets_the_header_walking_up_gives() -> None:
    for lines in itertools.product(_LINES, repeat=5):
        text = "\n".join(lines)
        for start in _line_starts(text):
            assert header_of(text, start) == _walk_up_to_header(text, start), (text, start)


def test_a_row_far_below_its_rule_has_the_header() -> None:
    rows = [f"| State {i} | Person {i} |" for i in range(3000)]
    text = "\n".join(["Annex", "| Country | Represented by |", "|---|---|", *rows, "", "End"])
    starts = _line_starts(text)
    assert header_of(text, starts[-3]) == ["Country", "Represented by"]
    assert header_of(text, starts[1]) is None  # the header itself
    assert header_of(text, starts[-1]) is None  # prose after the table
