"""Name search on the embedded store, ranked by the rules of graph/query.py (`rank`).

Candidates come from the name index instead of every node:
- exact and prefix matches: each folded query word begins a word of the name, which the
  FTS5 word index (`names_fts`) answers with prefix terms; every such name is a candidate,
  so these matches are the same as ranking every name;
- fuzzy matches (rapidfuzz WRatio ≥ 80, a typo) are only looked for when exact and prefix
  matches do not fill the page. In a graph of up to FUZZY_EXHAUSTIVE nodes every name is
  scored (in C, a few ms), which is exactly `rank`; above it the candidates are the
  FUZZY_CANDIDATES names that share the most trigrams with the query (`names_tri`), rare
  trigrams weighing more and long names less (bm25's idf and length normalisation, with
  one occurrence per trigram), counted in SQL over the posting lists of the query's
  rarest trigrams up to POSTINGS_BUDGET entries. bm25 itself (`ORDER BY rank` over an OR
  of every trigram) scored each name sharing any trigram: a search with fuzzy candidates
  among 105,000 names took 40 ms CPU with it, 18 ms now, and found the same typos
  (bench/RESULTS.md). A typo is found when its name shares trigrams with it; a query
  under three characters, or a name under three (no trigram), finds no fuzzy matches.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import defaultdict

from rapidfuzz import fuzz, process

from graph.model import Node, fold
from graph.query import SearchHit, best_match
from graph.schema import DOCUMENT, MENTIONS

FUZZY_EXHAUSTIVE = 20_000
FUZZY_CANDIDATES = 500
FUZZY_CUTOFF = 80
POSTINGS_BUDGET = 20_000
MIN_TRIGRAMS = 3
AVG_TRIGRAMS = 8.0  # a typical name's trigrams, for the length normalisation


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def prefix_candidates(conn: sqlite3.Connection, q: str) -> set[str]:
    words = [w for w in q.split() if any(ch.isalnum() for ch in w)]
    if not words:
        return set()
    match = " ".join(_quote(w) + "*" for w in words)
    try:
        rows = conn.execute(
            "SELECT DISTINCT m.node_id FROM names_fts f JOIN names m ON m.rowid = f.rowid"
            " WHERE names_fts MATCH ?",
            (match,),
        ).fetchall()
    except sqlite3.OperationalError:  # a word the tokenizer reads as no term at all
        return set()
    return {r[0] for r in rows}


def fuzzy_candidates(conn: sqlite3.Connection, q: str) -> set[str]:
    total = conn.execute("SELECT COALESCE(SUM(n), 0) FROM counts WHERE kind = 'node'").fetchone()
    if total[0] <= FUZZY_EXHAUSTIVE:
        rows = conn.execute("SELECT node_id, folded FROM names").fetchall()
        found = process.extract(
            q,
            [r[1] for r in rows],
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=FUZZY_CUTOFF,
            limit=None,
        )
        return {rows[i][0] for _, _, i in found}
    trigrams = sorted({q[i : i + 3] for i in range(len(q) - 2)})
    if not trigrams:
        return set()
    # the names sharing the most trigrams with the query, rare ones counting more (as in
    # bm25's idf), summed in SQL from one posting list per trigram: no ranking function
    # evaluated over every name that shares one common trigram. The rarest trigrams are
    # read first, up to POSTINGS_BUDGET name entries (at least MIN_TRIGRAMS of them).
    total = max(1, int(total[0]))
    weights: dict[str, float] = {}
    read = 0
    for t, df in sorted(trigram_frequencies(conn, trigrams), key=lambda x: (x[1], x[0])):
        if read + df > POSTINGS_BUDGET and len(weights) >= MIN_TRIGRAMS:
            break
        weights[t] = math.log(1 + total / max(1, df))
        read += df
    if not weights:
        return set()
    postings = " UNION ALL ".join(
        "SELECT rowid, ? AS w FROM names_tri WHERE names_tri MATCH ?" for _ in weights
    )
    rows = conn.execute(
        f"SELECT m.node_id FROM (SELECT rowid, SUM(w) AS s FROM ({postings}) GROUP BY rowid) f"
        " JOIN names m ON m.rowid = f.rowid"
        " ORDER BY f.s / (0.25 + 0.75 * MAX(1, length(m.folded) - 2) / ?) DESC, m.rowid LIMIT ?",
        [*(x for t, w in weights.items() for x in (w, _quote(t))), AVG_TRIGRAMS, FUZZY_CANDIDATES],
    ).fetchall()
    return {r[0] for r in rows}


def trigram_frequencies(conn: sqlite3.Connection, trigrams: list[str]) -> list[tuple[str, int]]:
    """(trigram, names holding it) of those the index has, from its own vocabulary (a
    read-only view over the index, made per connection in the temp schema)."""
    sql = (
        "SELECT term, doc FROM temp.names_tri_vocab WHERE term IN (SELECT value FROM json_each(?))"
    )
    try:
        return conn.execute(sql, (json.dumps(trigrams),)).fetchall()
    except sqlite3.OperationalError:  # the first search on this connection
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.names_tri_vocab"
            " USING fts5vocab(main, names_tri, 'row')"
        )
        return conn.execute(sql, (json.dumps(trigrams),)).fetchall()


def _score(
    conn: sqlite3.Connection, q: str, ids: set[str], types: list[str] | None
) -> list[tuple[float, str, str, str]]:
    """(score, match, name, id) of the candidates of the searched types that match."""
    names: dict[str, list[str]] = defaultdict(list)
    display: dict[str, str] = {}
    for node_id, node_type, name, folded in conn.execute(
        "SELECT n.id, n.type, n.name, m.folded FROM nodes n JOIN names m ON m.node_id = n.id"
        " WHERE n.id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    ):
        if (types is None and node_type == DOCUMENT) or (
            types is not None and node_type not in types
        ):
            continue
        names[node_id].append(folded)
        display[node_id] = name
    scored = []
    for node_id, folded_names in names.items():
        best = best_match(q, folded_names)
        if best is not None:
            scored.append((best[0], best[1], display[node_id], node_id))
    return scored


def search(
    conn: sqlite3.Connection, query: str, types: list[str] | None, limit: int, offset: int
) -> list[SearchHit]:
    q = fold(query)
    if not q or limit <= 0:
        return []
    offset = max(0, offset)
    wanted = offset + limit
    ids = prefix_candidates(conn, q)
    scored = _score(conn, q, ids, types)
    if sum(1 for s in scored if s[1] != "fuzzy") < wanted:
        scored += _score(conn, q, fuzzy_candidates(conn, q) - ids, types)
    scored.sort(key=lambda s: (-s[0], s[2].lower(), s[3]))
    page = scored[offset:wanted]
    nodes = {
        r[0]: Node.model_validate_json(r[1])
        for r in conn.execute(
            "SELECT id, data FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([s[3] for s in page]),),
        )
    }
    return [
        SearchHit(nodes[node_id], score, match, degree(conn, node_id))
        for score, match, _, node_id in page
    ]


def degree(conn: sqlite3.Connection, node_id: str) -> int:
    """Relations (not mentions) the node takes part in, a loop counted once."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM edges WHERE source = ?1 AND type != ?2)"
        " + (SELECT COUNT(*) FROM edges WHERE target = ?1 AND type != ?2 AND source != ?1)",
        (node_id, MENTIONS),
    ).fetchone()
    return int(row[0])
