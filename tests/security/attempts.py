"""Console bypass attempts, generated from templates: each dangerous payload wrapped in
each trick that has fooled (or could fool) a text scan. Every attempt must be refused or
come out harmless (the payload inert, e.g. left inside a comment).

A payload is a format string: {url} is the canary's address (LOAD CSV must never reach
it), {tag} a marker a write would leave behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# group → payloads. The groups are the rows of the tried/held table.
PAYLOADS: dict[str, list[str]] = {
    "LOAD CSV (network, files)": [
        "LOAD CSV FROM '{url}' AS l RETURN l",
        "LOAD CSV WITH HEADERS FROM '{url}' AS l RETURN l",
        "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
        "WITH '{url}' AS u LOAD CSV FROM u AS l RETURN l",
    ],
    "SHOW / TERMINATE": [
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery RETURN transactionId, currentQuery",
        "SHOW TRANSACTIONS",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW SETTINGS YIELD name, value RETURN name, value",
        "SHOW USERS",
        "SHOW DATABASES",
        "SHOW CURRENT USER",
        "SHOW PROCEDURES YIELD name RETURN name",
    ],
    "procedures (db.*, dbms.*, apoc.*)": [
        "CALL db.clearQueryCaches()",
        "CALL dbms.listConfig() YIELD name, value RETURN name, value",
        "CALL dbms.listConnections()",
        "CALL db.info()",
        "CALL dbms.security.createUser('eve', 'secret-password', false)",
        "CALL apoc.load.json('{url}')",
        "RETURN apoc.cypher.runFirstColumnSingle('CREATE (n:{tag}) RETURN n', {{}})",
    ],
    "writes (plain and hidden)": [
        "CREATE (n:{tag} {{at: 'plain'}})",
        "MATCH (n:Node) WITH n LIMIT 1 SET n.{tag} = 1",
        "MATCH (n:Node) WITH n LIMIT 1 FOREACH (x IN [1] | SET n.{tag} = x)",
        "MATCH (n:Node) WITH n LIMIT 1 CALL (n) {{ SET n.{tag} = 1 }} RETURN count(*)",
        "CALL {{ CREATE (n:{tag}) }} IN TRANSACTIONS",
        "MATCH (n:Node) WITH n LIMIT 1 DETACH DELETE n",
        "MERGE (n:{tag} {{at: 'merge'}}) RETURN n",
    ],
    "administration and schema": [
        "CREATE INDEX {tag} FOR (n:{tag}) ON (n.x)",
        "DROP INDEX actorgraph_node_type",
        "ALTER USER neo4j SET PASSWORD 'changed-password'",
        "USE system SHOW USERS",
        "STOP DATABASE neo4j",
    ],
}

# name → how the payload is wrapped: {p} the payload, {lp} in lower case, {ep} with its
# first letter as a unicode escape.
TRICKS: dict[str, str] = {
    "plain": "{p}",
    "lower case": "{lp}",
    "// comment ended by \\r": "//x\r{p}",
    "code, then // ended by \\r": "WITH 1 AS x //\r{p}",
    "// ended by \\r\\n": "// note\r\n{p}",
    "\\u000a escape in a // comment": "// \\u000a{p}",
    "\\u000d escape in a // comment": "// \\u000d{p}",
    "\\u2028 in a // comment": "RETURN 1 AS x //\u2028{p}",
    "\\u0085 in a // comment": "RETURN 1 AS x //\u0085{p}",
    "\\u002a/ ends a /* comment": "/* \\u002a/ {p} /* */",
    "\\u0027 ends a string": "RETURN '\\u0027 AS y {p} //' AS x",
    "nested CALL {}": "CALL { {p} } RETURN *",
    "CALL () {} after UNWIND": "UNWIND [1] AS x CALL () { {p} } RETURN x",
    "CYPHER prefix": "CYPHER 5 {p}",
    "unicode-escaped letter": "{ep}",
}


@dataclass(frozen=True)
class Attempt:
    group: str
    trick: str
    query: str


def _escape_first_letter(payload: str) -> str:
    """Spell the payload's first letter as a \\uXXXX escape (Neo4j decodes them)."""
    return f"\\u{ord(payload[0]):04x}{payload[1:]}"


def attempts(url: str, tag: str) -> list[Attempt]:
    out = []
    for group, payloads in PAYLOADS.items():
        for payload in payloads:
            p = payload.format(url=url, tag=tag)
            variants = {"p": p, "lp": p.lower(), "ep": _escape_first_letter(p)}
            for trick, template in TRICKS.items():
                query = re.sub(r"\{(p|lp|ep)\}", lambda m, v=variants: v[m.group(1)], template)
                out.append(Attempt(group, trick, query))
    return out
