"""A first, textual look at a console query, for clear messages before the server is asked.

This is not the wall: graph/cypher_plan.py judges the plan the server itself makes of the
query (EXPLAIN), and the query then runs in a READ transaction. The scan reads the text the
way Neo4j's lexer does: Java-style unicode escapes (\\uXXXX) are decoded first, everywhere
(Neo4j decodes them inside comments, strings and quoted names too, so `// \\u000a` ends a
comment), and a `//` comment ends at a line feed or a carriage return. It then blanks out
string literals, comments and backtick-quoted names (so `'CREATE'` in a string or a label
called `SET` is no reason to refuse) and looks for write and administration keywords, for
procedures outside the console's read-only list (graph/cypher_console.toml), and for more
than one statement.
"""

from __future__ import annotations

import re

from graph.cypher_plan import load_policy

# Clauses and commands that change data, schema, users or databases.
WRITE_KEYWORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "FOREACH",
        "LOAD",
        "TRANSACTIONS",  # CALL { ... } IN TRANSACTIONS
        "ALTER",
        "RENAME",
        "GRANT",
        "DENY",
        "REVOKE",
        "START",
        "STOP",
        "TERMINATE",
        "ENABLE",
        "DEALLOCATE",
        "REALLOCATE",
        "INSERT",  # GQL synonym of CREATE (Neo4j 5.26+)
        "FINISH",
        "USE",  # stay on the configured database
    }
)

# Procedures that only read (the console's allow-list, kept as data); a CALL of anything
# else is refused.
READ_PROCEDURES = tuple(sorted(load_policy().read_only_procedures))
_READ_PROCEDURES_FOLDED = frozenset(p.lower() for p in READ_PROCEDURES)

# Function namespaces that run arbitrary Cypher or reach outside the database.
DENIED_NAMESPACES = (
    "apoc.cypher.",
    "apoc.do.",
    "apoc.periodic.",
    "apoc.load.",
    "apoc.import.",
    "apoc.export.",
    "apoc.trigger.",
    "apoc.refactor.",
    "apoc.merge.",
    "apoc.create.",
    "apoc.nodes.",
    "apoc.lock.",
    "apoc.schema.",
    "apoc.systemdb.",
    "db.create.",
)

STRING_MARK = "''"
NAME_MARK = "_quoted_"

# Where Neo4j's lexer ends a `//` comment (checked on 5.26: \\r does, \\u2028, \\u0085,
# \\x0b and \\x0c do not). Ending it anywhere else would let the scan and the server
# disagree about where code starts.
COMMENT_END = ("\n", "\r")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*")


class WriteQueryRefused(ValueError):
    """The query is not one this read-only endpoint will run; the message says why."""


def decode_unicode_escapes(query: str) -> str:
    """\\uXXXX → the character, as Java (and so Neo4j) does before lexing: only where the
    backslash is not itself escaped (an even number of backslashes before it), in one pass
    (the result is not decoded again). A malformed escape is refused, as Neo4j refuses it."""
    out: list[str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if query.startswith("\\\\", i):  # an escaped backslash: both stay, neither starts an escape
            out.append("\\\\")
            i += 2
            continue
        if i + 1 < n and query[i + 1] == "u":
            match = _UNICODE_ESCAPE.match(query, i)
            if match is None:
                raise WriteQueryRefused("malformed unicode escape (\\u needs four hex digits)")
            out.append(chr(int(match.group(1), 16)))
            i = match.end()
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def strip_literals_and_comments(query: str) -> str:
    """The query with every string literal replaced by '' , every backtick-quoted name by
    a placeholder name, and every comment by a space. Unterminated ones are refused."""
    out: list[str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        nxt = query[i + 1] if i + 1 < n else ""
        if ch == "/" and nxt == "/":
            ends = [e for e in (query.find(c, i) for c in COMMENT_END) if e >= 0]
            i = min(ends) if ends else n
            out.append(" ")
        elif ch == "/" and nxt == "*":
            end = query.find("*/", i + 2)
            if end < 0:
                raise WriteQueryRefused("unterminated /* comment")
            i = end + 2
            out.append(" ")
        elif ch in "'\"":
            i = _skip_string(query, i)
            out.append(STRING_MARK)
        elif ch == "`":
            i = _skip_backticks(query, i)
            out.append(NAME_MARK)
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _skip_string(query: str, start: int) -> int:
    quote, i, n = query[start], start + 1, len(query)
    while i < n:
        if query[i] == "\\":
            i += 2
        elif query[i] == quote:
            return i + 1
        else:
            i += 1
    raise WriteQueryRefused("unterminated string literal")


def _skip_backticks(query: str, start: int) -> int:
    i, n = start + 1, len(query)
    while i < n:
        if query[i] == "`":
            if i + 1 < n and query[i + 1] == "`":  # `` is an escaped backtick
                i += 2
                continue
            return i + 1
        i += 1
    raise WriteQueryRefused("unterminated `quoted name`")


def _previous_char(text: str, pos: int) -> str:
    j = pos - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


def check_read_only(query: str) -> None:
    """Return if the query only reads; raise WriteQueryRefused naming what it found."""
    clean = strip_literals_and_comments(decode_unicode_escapes(query))
    body = clean.strip()
    if body.endswith(";"):
        body = body[:-1].rstrip()
    if not body:
        raise WriteQueryRefused("empty query")
    if ";" in body:
        raise WriteQueryRefused("one statement per request (found ';' between statements)")
    lowered = re.sub(r"\s*\.\s*", ".", body).lower()
    for namespace in DENIED_NAMESPACES:
        if re.search(r"(?<![\w.])" + re.escape(namespace), lowered):
            raise WriteQueryRefused(f"procedures and functions under {namespace}* are not allowed")
    for match in _WORD.finditer(body):
        word = match.group(0)
        before = _previous_char(body, match.start())
        if before in {".", ":", "$"}:  # a property, label, relation type or parameter name
            continue
        upper = word.upper()
        if upper in WRITE_KEYWORDS:
            raise WriteQueryRefused(f"{upper} is not allowed: this endpoint runs read-only queries")
        if upper == "CALL":
            _check_call(body, match.end())


def _check_call(body: str, pos: int) -> None:
    rest = body[pos:].lstrip()
    if rest.startswith(("{", "(")):  # a subquery: its clauses are scanned like the rest
        return
    name = _DOTTED.match(rest)
    procedure = re.sub(r"\s+", "", name.group(0)) if name else rest[:40]
    if procedure.lower() not in _READ_PROCEDURES_FOLDED:
        raise WriteQueryRefused(
            f"CALL {procedure} is not allowed: only these read-only procedures are: "
            + ", ".join(READ_PROCEDURES)
        )
