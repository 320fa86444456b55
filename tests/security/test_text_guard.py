"""The text scan in front of the console reads a query as Neo4j's lexer does (checked on
5.26): `//` comments end at \\n and \\r only, and \\uXXXX escapes are decoded everywhere
first. A scan that disagreed with the server about where code starts was the hole of
issue 10 (`WITH 1 AS x //\\rLOAD CSV ...`)."""

from __future__ import annotations

import pytest

from graph.cypher_guard import WriteQueryRefused, check_read_only, decode_unicode_escapes

LOAD = "LOAD CSV FROM 'http://127.0.0.1:9/x' AS l RETURN l"


@pytest.mark.parametrize(
    "query",
    [
        f"WITH 1 AS x //\r{LOAD}",
        f"//x\r{LOAD}",
        f"// note\r\n{LOAD}",
        f"// \\u000a{LOAD}",
        f"// \\u000d{LOAD}",
        f"/* \\u002a/ {LOAD} /* */",
        f"RETURN '\\u0027 AS y {LOAD} //' AS x",
        f"RETURN 1 AS `a\\u0060, 2 AS y {LOAD} //`",
        "\\u004cOAD CSV FROM 'http://127.0.0.1:9/x' AS l RETURN l",
        "WITH 1 AS x //\rSHOW TRANSACTIONS YIELD * TERMINATE TRANSACTIONS transactionId",
        "MATCH (n) //\rDETACH DELETE n",
    ],
)
def test_code_hidden_by_line_ends_and_escapes_is_seen(query: str) -> None:
    with pytest.raises(WriteQueryRefused):
        check_read_only(query)


@pytest.mark.parametrize(
    "query",
    [
        # Neo4j does not end a // comment at these: what follows stays a comment there too
        f"RETURN 1 AS x //\u2028{LOAD}",
        f"RETURN 1 AS x //\u2029{LOAD}",
        f"RETURN 1 AS x //\u0085{LOAD}",
        f"RETURN 1 AS x //\x0b{LOAD}",
        # an escaped backslash does not start an escape
        "RETURN '\\\\u0027 LOAD CSV' AS x",
    ],
)
def test_what_neo4j_keeps_as_comment_or_string_passes(query: str) -> None:
    check_read_only(query)


def test_decoding_follows_java() -> None:
    assert decode_unicode_escapes("a\\u0041b") == "aAb"
    assert decode_unicode_escapes("\\\\u0041") == "\\\\u0041"  # escaped backslash
    assert decode_unicode_escapes("\\\\\\u0041") == "\\\\A"
    assert decode_unicode_escapes("\\u005cu0041") == "\\u0041"  # one pass only
    with pytest.raises(WriteQueryRefused, match="unicode escape"):
        decode_unicode_escapes("RETURN '\\u041' AS x")
