"""Every Cypher statement the Neo4j store runs, in one place.

How the interchange graph sits in Neo4j:

- Every node has the common label `:Node` (the unique id constraint and the search indexes
  hang on it) plus its type as a second label (`:Person`, `:Document`, ...). Its properties
  are the interchange node's own: id, type, name, aliases (a list) and the flat extras,
  plus `_folded`: the folded forms (graph.model.fold) of the name and aliases, one per line,
  which search matches with CONTAINS through a text index.
- Every edge is a relationship typed after the relation (`:HOLDS_ROLE`, `:MENTIONS`, ...)
  with properties id and the flat extras (e.g. role). Its evidence cannot be a property as
  it is (Neo4j has no lists of maps), so it is held in three parallel-or-derived lists:
    evidence       one compact JSON object per evidence item, in order (the exact item:
                   it is parsed back with the Evidence model, so the round trip is exact);
    evidence_keys  for each item, the JSON array [document, start, end, text]: the key
                   the merge deduplicates on, comparable inside Cypher without parsing JSON;
    documents      the distinct documents the evidence comes from (for filters, deletion
                   and Cypher users: `WHERE 'document:x' IN r.documents`).
  The merge and the removal of a document's evidence are single SET expressions reading
  the property they write: Cypher then write-locks the relationship before reading it
  (a "direct dependency"), so concurrent writers never lose each other's evidence.

Labels and relation types cannot be parameters: they are only interpolated through
`label()` / `rel_type()`, which accept the schema's names and nothing else. Every value
travels as a parameter; writes go in batches through UNWIND.
"""

from __future__ import annotations

from graph.schema import load_schema
from graph.store.base import StoreError

NODE_LABEL = "Node"
FOLDED = "_folded"  # internal node property; never part of the interchange node
EDGE_INTERNAL = ("evidence", "evidence_keys", "documents")
NODE_INTERNAL = (FOLDED,)
FULLTEXT_INDEX = "actorgraph_node_names"


def label(name: str) -> str:
    """A node label from the schema, quoted for interpolation; anything else is refused."""
    if name != NODE_LABEL and name not in load_schema().nodes:
        raise StoreError(f"node type {name!r} is not in the schema (graph/schema.toml)")
    return f"`{name}`"


def rel_type(name: str) -> str:
    if name not in load_schema().relations:
        raise StoreError(f"relation type {name!r} is not in the schema (graph/schema.toml)")
    return f"`{name}`"


def _index_name(*parts: str) -> str:
    return "actorgraph_" + "_".join(p.lower() for p in parts)


# ---- schema ----
def schema_statements() -> list[str]:
    """Constraints and indexes, idempotent (IF NOT EXISTS)."""
    schema = load_schema()
    node = label(NODE_LABEL)
    out = [
        f"CREATE CONSTRAINT {_index_name('node', 'id')} IF NOT EXISTS "
        f"FOR (n:{node}) REQUIRE n.id IS UNIQUE",
        f"CREATE INDEX {_index_name('node', 'type')} IF NOT EXISTS FOR (n:{node}) ON (n.type)",
        f"CREATE TEXT INDEX {_index_name('node', 'folded')} IF NOT EXISTS "
        f"FOR (n:{node}) ON (n.{FOLDED})",
        # for Cypher users (`CALL db.index.fulltext.queryNodes(...)`): case- and accent-blind
        # words. search() does not use it: Lucene's fuzzy terms cannot reproduce rank()'s
        # fuzzy matching, and the two stores must give the same hits.
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
        f"FOR (n:{node}) ON EACH [n.name, n.aliases] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
    ]
    for t in schema.node_types:
        out.append(
            f"CREATE INDEX {_index_name(t, 'name')} IF NOT EXISTS FOR (n:{label(t)}) ON (n.name)"
        )
    for r in schema.relation_types:
        out.append(
            f"CREATE CONSTRAINT {_index_name(r, 'id')} IF NOT EXISTS "
            f"FOR ()-[r:{rel_type(r)}]-() REQUIRE r.id IS UNIQUE"
        )
    return out


AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"


# ---- writes ----
def merge_nodes(node_type: str) -> str:
    """Merge a batch of nodes of one type: props overwrite (a null removes), aliases are the
    sorted union minus the name. The sort is an insertion sort inside the SET expression so
    that it reads n.aliases directly (and so locks the node first)."""
    others = [t for t in load_schema().node_types if t != node_type]
    remove = "REMOVE n:" + ":".join(label(t) for t in others) + "\n" if others else ""
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{label(NODE_LABEL)} {{id: row.id}})\n"
        "ON CREATE SET n = row.props, n.aliases = row.aliases\n"
        "ON MATCH SET n.aliases = reduce(acc = [], a IN coalesce(n.aliases, []) + row.aliases |\n"
        "    CASE WHEN a = row.props.name OR a IN acc THEN acc\n"
        "    ELSE [x IN acc WHERE x < a] + [a] + [x IN acc WHERE x > a] END),\n"
        "  n += row.props\n"
        f"{remove}"
        f"SET n:{label(node_type)}\n"
        "RETURN n.id AS id, n.name AS name, n.aliases AS aliases"
    )


SET_FOLDED = (
    f"UNWIND $rows AS row MATCH (n:{label(NODE_LABEL)} {{id: row.id}}) SET n.{FOLDED} = row.folded"
)


def merge_edges(relation: str) -> str:
    """Merge a batch of edges of one type: props overwrite, evidence is the old list plus the
    new items whose key it does not hold yet (the keys list is updated last, so the two
    expressions before it still see the old keys)."""
    node = label(NODE_LABEL)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{node} {{id: row.source}})\n"
        f"MATCH (b:{node} {{id: row.target}})\n"
        f"MERGE (a)-[r:{rel_type(relation)} {{id: row.id}}]->(b)\n"
        "ON CREATE SET r += row.props, r.evidence = row.evidence,\n"
        "  r.evidence_keys = row.keys, r.documents = row.documents\n"
        "ON MATCH SET r += row.props,\n"
        "  r.evidence = r.evidence + [i IN range(0, size(row.keys) - 1)\n"
        "    WHERE NOT row.keys[i] IN r.evidence_keys | row.evidence[i]],\n"
        "  r.documents = r.documents + [d IN row.documents WHERE NOT d IN r.documents],\n"
        "  r.evidence_keys = r.evidence_keys + [k IN row.keys WHERE NOT k IN r.evidence_keys]\n"
        "RETURN count(r) AS merged"
    )


MISSING_NODES = (
    f"UNWIND $ids AS id OPTIONAL MATCH (n:{label(NODE_LABEL)} {{id: id}}) "
    "WITH id, n WHERE n IS NULL RETURN id"
)

# A document's evidence leaves every edge that has some; $prefix is the start of the JSON
# key of any item read in that document. Edges left with no evidence go. Returns the
# endpoints, whose fate (still mentioned or not) is decided next.
REMOVE_DOCUMENT_EVIDENCE = (
    f"MATCH (a:{label(NODE_LABEL)})-[r]->(b:{label(NODE_LABEL)}) WHERE $doc IN r.documents\n"
    "SET r.evidence = [i IN range(0, size(r.evidence_keys) - 1)\n"
    "    WHERE NOT r.evidence_keys[i] STARTS WITH $prefix | r.evidence[i]],\n"
    "  r.evidence_keys = [k IN r.evidence_keys WHERE NOT k STARTS WITH $prefix],\n"
    "  r.documents = [d IN r.documents WHERE d <> $doc]\n"
    "WITH a.id AS a, b.id AS b, r\n"
    "FOREACH (_ IN CASE WHEN size(r.evidence) = 0 THEN [1] ELSE [] END | DELETE r)\n"
    "RETURN collect(a) + collect(b) AS touched"
)

# Non-document nodes the document touched that no MENTIONS edge points at any more.
REMOVE_UNMENTIONED = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
    "WHERE n.type <> $document AND NOT EXISTS {\n"
    f"  MATCH (:{label(NODE_LABEL)})-[m]->(n) WHERE type(m) = $mentions }}\n"
    "DETACH DELETE n"
)

DELETE_NODE = f"MATCH (n:{label(NODE_LABEL)} {{id: $id}}) DETACH DELETE n RETURN count(*) AS n"

# Batches keep each transaction's state small however big the database is.
CLEAR_BATCH = "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"


# ---- reads ----
NODE_COUNTS = f"MATCH (n:{label(NODE_LABEL)}) RETURN n.type AS type, count(*) AS count"
EDGE_COUNTS = (
    f"MATCH (:{label(NODE_LABEL)})-[r]->(:{label(NODE_LABEL)}) "
    "RETURN type(r) AS type, count(*) AS count"
)
FINGERPRINT = f"MATCH (n:{label(NODE_LABEL)} {{id: $id}}) RETURN n.sha256 AS sha256"
NODE_EXISTS = f"MATCH (n:{label(NODE_LABEL)} {{id: $id}}) RETURN n.id AS id"
GET_NODES = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}}) RETURN properties(n) AS props"
)
ALL_NODES = f"MATCH (n:{label(NODE_LABEL)}) RETURN properties(n) AS props"
ENTITY_NODES = (
    f"MATCH (n:{label(NODE_LABEL)}) WHERE n.type <> $document RETURN properties(n) AS props"
)


def list_documents(document_type: str) -> str:
    return (
        f"MATCH (n:{label(document_type)}) RETURN properties(n) AS props "
        "ORDER BY n.id SKIP $offset LIMIT $limit"
    )


_EDGE_ROW = (
    "RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, "
    "type(r) AS type, properties(r) AS props"
)
ALL_EDGES = f"MATCH (:{label(NODE_LABEL)})-[r]->(:{label(NODE_LABEL)}) {_EDGE_ROW}"
NODE_EDGES = f"MATCH (n:{label(NODE_LABEL)} {{id: $id}})-[r]-(:{label(NODE_LABEL)}) {_EDGE_ROW}"

# The neighbours of a frontier over the relation types and node types a filter can keep:
# a superset of what the breadth-first walk in graph/query.py will keep.
EXPAND = (
    f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r]-(b:{label(NODE_LABEL)})\n"
    "WHERE type(r) IN $relations AND b.type IN $types\n"
    "RETURN DISTINCT b.id AS id"
)
EDGES_AMONG = (
    f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r]->(b:{label(NODE_LABEL)})\n"
    f"WHERE type(r) IN $relations AND b.id IN $ids {_EDGE_ROW}"
)

SEARCH_CONTAINS = (
    f"MATCH (n:{label(NODE_LABEL)}) WHERE n.{FOLDED} CONTAINS $q\n"
    "AND (($types IS NULL AND n.type <> $document) OR n.type IN $types)\n"
    "RETURN properties(n) AS props"
)
# Every name of the kinds searched, for when fuzzy matches make the page (see search()).
SEARCH_NAMES = (
    f"MATCH (n:{label(NODE_LABEL)})\n"
    "WHERE ($types IS NULL AND n.type <> $document) OR n.type IN $types\n"
    "RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases"
)
DEGREES = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
    "CALL (n) { MATCH (n)-[r]-() WHERE type(r) <> $mentions RETURN count(DISTINCT r) AS degree }\n"
    "RETURN n.id AS id, degree"
)

# The relations table's candidates (graph/relations.py decides the rows): the edges of the
# types asked for, of one actor when one is given, with evidence from the documents asked for.
RELATION_CANDIDATES = (
    f"MATCH (a:{label(NODE_LABEL)})-[r]->(b:{label(NODE_LABEL)})\n"
    "WHERE type(r) IN $relations\n"
    "AND ($documents IS NULL OR any(d IN r.documents WHERE d IN $documents))\n"
    f"{_EDGE_ROW}"
)
ACTOR_RELATION_CANDIDATES = (
    "CALL () {\n"
    f"  MATCH (a:{label(NODE_LABEL)} {{id: $actor}})-[r]->(b:{label(NODE_LABEL)}) RETURN a, r, b\n"
    "  UNION\n"
    f"  MATCH (a:{label(NODE_LABEL)})-[r]->(b:{label(NODE_LABEL)} {{id: $actor}}) RETURN a, r, b\n"
    "}\n"
    "WITH a, r, b WHERE type(r) IN $relations\n"
    "AND ($documents IS NULL OR any(d IN r.documents WHERE d IN $documents))\n"
    f"{_EDGE_ROW}"
)

# The explorer's saved views (graph/views.py): nodes of their own label, outside `:Node`, so
# no graph read (stats, export, search, traversals) ever meets them; `clear()` removes them.
VIEW_LABEL = "`SavedView`"
LIST_VIEWS = f"MATCH (v:{VIEW_LABEL}) RETURN v.data AS data ORDER BY v.updated DESC, v.id"
GET_VIEW = f"MATCH (v:{VIEW_LABEL} {{id: $id}}) RETURN v.data AS data"
PUT_VIEW = f"MERGE (v:{VIEW_LABEL} {{id: $id}}) SET v.updated = $updated, v.data = $data"
DELETE_VIEW = f"MATCH (v:{VIEW_LABEL} {{id: $id}}) DELETE v RETURN count(*) AS n"
