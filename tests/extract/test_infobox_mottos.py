"""The motto row is one line: its match never reaches back over the blank lines before it,
which is what kept a document of a million blank lines from extracting in time."""

from graph.extract.infobox_mottos import _motto_row


def test_a_motto_row_is_matched_on_its_own_line_only() -> None:
    text = "Summit\n\n\n\n| **Motto** | Together for Tomorrow |\nHost: Lima\n"
    rows = [m.group(0) for m in _motto_row().finditer(text)]
    assert rows == ["| **Motto** | Together for Tomorrow |"]


def test_blank_lines_alone_hold_no_motto_row() -> None:
    assert list(_motto_row().finditer("\n" * 10_000 + "Motto of the day\n")) == []
