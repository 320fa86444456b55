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
- Which edges a document has evidence on is kept where it can be looked up: one hidden
  `:DocumentEdges {document}` node per document (unique, so an index seek), whose `edges`
  lists "TYPE|edge id" for every edge the document first added evidence to. Removing a
  document reads that list and visits exactly those relationships through the per-type
  id constraints, instead of testing `$doc IN r.documents` on every relationship (a list
  element no index can serve). A list on a node rather than a relationship per evidence
  item: it costs one property write per document and batch, adds no relationship to the
  graph Cypher users and the count store see, and the export never reads it.
- Resolution's blocking keys (graph/blocking.py) of every entity are the node property
  `_keys`, one key per line with a line break before and after each, behind a text
  (trigram) index: `_keys CONTAINS '\n<key>\n'` is an index lookup, where a list
  property would not be (Neo4j's range indexes do not index list elements).
- The hidden `:ActorgraphMeta {id: 'store'}` node holds `version`, which every write
  transaction increments first: caches of whole-graph work compare it, and taking that
  one lock first also orders concurrent writers instead of letting them deadlock. An
  import's batches are the exception: it is bumped before the first and after the last,
  so that batches from several sessions run side by side (and retry their deadlocks).

Labels and relation types cannot be parameters: they are only interpolated through
`label()` / `rel_type()`, which accept the schema's names and nothing else. Every value
travels as a parameter; writes go in batches through UNWIND.
"""

from __future__ import annotations

import re
from functools import lru_cache
from json.encoder import encode_basestring

from graph.model import fold
from graph.schema import DOCUMENT, MENTIONS, load_schema
from graph.store.base import StoreError

NODE_LABEL = "Node"
DOCUMENT_EDGES = "DocumentEdges"  # hidden: the edges each document has evidence on
META = "ActorgraphMeta"  # hidden: the store's version counter
FOLDED = "_folded"  # internal node property; never part of the interchange node
KEYS = "_keys"  # internal node property: the blocking keys, one per line
EDGE_INTERNAL = ("evidence", "evidence_keys", "documents")
NODE_INTERNAL = (FOLDED, KEYS)
FULLTEXT_INDEX = "actorgraph_node_names"
SEARCH_INDEX = "actorgraph_node_search"  # full-text over the folded names, for search()
HIDDEN_LABELS = (DOCUMENT_EDGES, META)


# The text index on _folded takes values up to 32 kB (UTF-8): each folded form is cut to
# FOLDED_FORM_CHARS and the whole to FOLDED_MAX_CHARS (4 bytes a character at most), so
# search on Neo4j matches within the first 1,000 characters of a name or alias.
FOLDED_FORM_CHARS = 1_000
FOLDED_MAX_CHARS = 7_500


def folded_names(name: str, aliases: list[str]) -> str:
    """The `_folded` property: the folded name and aliases, one per line, bounded."""
    forms = dict.fromkeys(fold(x)[:FOLDED_FORM_CHARS] for x in [name, *aliases])
    return "\n".join(forms)[:FOLDED_MAX_CHARS]


# Neo4j caches a plan per statement text and parameter types, and the type of a string or a
# list parameter holds its size bucket (0, 1, 2-10, 11-100, 101-1,000, ...): a read sent
# with 3 ids and then with 30 is planned twice, at 0.5-1.5 s a plan of the walk's
# statements on a loaded machine. A map parameter's type holds nothing of its entries,
# so a read whose parameters all travel in the one map $p is planned once, whatever the
# sizes (bench/RESULTS.md, "Reads on Neo4j planned once"). The store's reads are written
# with plain parameters and sent through in_one_map.
ONE_MAP = "p"
_PARAMETER_OR_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|\$(\w+)")


@lru_cache(maxsize=4096)
def in_one_map(statement: str) -> str:
    """The statement with every parameter `$x` read as `$p.x` (quoted text left alone)."""
    return _PARAMETER_OR_QUOTED.sub(lambda m: f"${ONE_MAP}.{m[1]}" if m[1] else m[0], statement)


def label(name: str) -> str:
    """A node label from the schema, quoted for interpolation; anything else is refused."""
    if name not in (NODE_LABEL, *HIDDEN_LABELS) and name not in load_schema().nodes:
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
        # search(): the folded forms are already lower-case words, so split on white space
        # only; prefix (w*) and fuzzy (w~) terms find the candidates rank() then scores
        f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS "
        f"FOR (n:{node}) ON EACH [n.{FOLDED}] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
        f"CREATE TEXT INDEX {_index_name('node', 'keys')} IF NOT EXISTS "
        f"FOR (n:{node}) ON (n.{KEYS})",
        # list_documents pages in id order straight off this index
        f"CREATE INDEX {_index_name('document', 'id')} IF NOT EXISTS "
        f"FOR (n:{label(DOCUMENT)}) ON (n.id)",
        f"CREATE CONSTRAINT {_index_name('document_edges')} IF NOT EXISTS "
        f"FOR (n:{label(DOCUMENT_EDGES)}) REQUIRE n.document IS UNIQUE",
        f"CREATE CONSTRAINT {_index_name('meta')} IF NOT EXISTS "
        f"FOR (n:{label(META)}) REQUIRE n.id IS UNIQUE",
    ]
    # Names: a TEXT index per entity type, for Cypher users' `{name: ...}`, STARTS WITH and
    # CONTAINS lookups. A RANGE index refuses values over ~8 kB ("Property value is too
    # large to index" made a long document title a 500), a TEXT index takes up to 32 kB.
    # A document's name is its title, of any length, and nothing looks documents up by
    # name: no index. The RANGE indexes of earlier versions go.
    for t in schema.node_types:
        out.append(f"DROP INDEX {_index_name(t, 'name')} IF EXISTS")
        if t != DOCUMENT:
            out.append(
                f"CREATE TEXT INDEX {_index_name(t, 'name', 'text')} IF NOT EXISTS "
                f"FOR (n:{label(t)}) ON (n.name)"
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
        "RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.key AS key"
    )


SET_SEARCH_FORMS = (
    f"UNWIND $rows AS row MATCH (n:{label(NODE_LABEL)} {{id: row.id}})\n"
    f"SET n.{FOLDED} = row.folded, n.{KEYS} = row.keys"
)

# First in every write transaction (see the module's docstring).
BUMP_VERSION = (
    f"MERGE (m:{label(META)} {{id: 'store'}}) "
    "SET m.version = coalesce(m.version, 0) + 1 RETURN m.version AS version"
)
VERSION = (
    f"OPTIONAL MATCH (m:{label(META)} {{id: 'store'}}) RETURN coalesce(m.version, 0) AS version"
)


# The layout's own version: a graph written by an older store is brought up to date once
# (ensure_schema), from what the older layout holds (r.documents, names and aliases).
LAYOUT = 2
GET_LAYOUT = (
    f"OPTIONAL MATCH (m:{label(META)} {{id: 'store'}}) RETURN coalesce(m.layout, 0) AS layout"
)
SET_LAYOUT = (
    f"MERGE (m:{label(META)} {{id: 'store'}}) "
    "SET m.layout = $layout, m.version = coalesce(m.version, 0) + 1"
)
ALL_EDGE_DOCUMENTS = (
    f"MATCH (:{label(NODE_LABEL)})-[r]->(:{label(NODE_LABEL)}) "
    "RETURN type(r) AS type, r.id AS id, r.documents AS documents"
)
ENTITY_NAMES = (
    f"MATCH (n:{label(NODE_LABEL)}) WHERE n.type <> $document "
    "RETURN n.id AS id, n.type AS type, n.name AS name, n.aliases AS aliases, n.key AS key"
)
SET_KEYS = (
    f"UNWIND $rows AS row MATCH (n:{label(NODE_LABEL)} {{id: row.id}}) SET n.{KEYS} = row.keys"
)
SET_DOCUMENT_EDGES = (
    f"UNWIND $rows AS row MERGE (x:{label(DOCUMENT_EDGES)} {{document: row.document}}) "
    "SET x.edges = row.edges"
)


def evidence_key(document: str, start: int, end: int, text: str | None) -> str:
    """An evidence item's merge key as stored in `evidence_keys`: exactly
    `json.dumps([document, start, end, text], ensure_ascii=False)`, built from json's own C
    string encoder, 5x faster (the bulk CSV writes one per edge)."""
    shown = "null" if text is None else encode_basestring(text)
    return f"[{encode_basestring(document)}, {int(start)}, {int(end)}, {shown}]"


def key_lines(keys: set[str]) -> str:
    """The `_keys` property: every key between line breaks, so that CONTAINS of one whole
    key (key_probe) never matches a part of another."""
    return "\n" + "\n".join(sorted(keys)) + "\n" if keys else ""


def key_probe(key: str) -> str:
    return f"\n{key}\n"


def edge_ref(relation: str, edge_id: str) -> str:
    """An entry of a `:DocumentEdges` list: enough to find the relationship by index."""
    return f"{relation}|{edge_id}"


def merge_edges(relation: str) -> str:
    """Merge a batch of edges of one type: props overwrite, evidence is the old list plus the
    new items whose key it does not hold yet (the keys list is updated last, so the two
    expressions before it still see the old keys). The documents that are new on an edge
    add the edge to their `:DocumentEdges` list, so a retried batch adds nothing twice."""
    node = label(NODE_LABEL)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{node} {{id: row.source}})\n"
        f"MATCH (b:{node} {{id: row.target}})\n"
        f"MERGE (a)-[r:{rel_type(relation)} {{id: row.id}}]->(b)\n"
        "WITH row, r, [d IN row.documents WHERE r.documents IS NULL OR NOT d IN r.documents]"
        " AS new\n"
        "SET r += row.props,\n"
        "  r.evidence = coalesce(r.evidence, []) + [i IN range(0, size(row.keys) - 1)\n"
        "    WHERE r.evidence_keys IS NULL OR NOT row.keys[i] IN r.evidence_keys"
        " | row.evidence[i]],\n"
        "  r.documents = coalesce(r.documents, []) + [d IN row.documents\n"
        "    WHERE r.documents IS NULL OR NOT d IN r.documents],\n"
        "  r.evidence_keys = coalesce(r.evidence_keys, []) + [k IN row.keys\n"
        "    WHERE r.evidence_keys IS NULL OR NOT k IN r.evidence_keys]\n"
        "WITH collect({id: row.id, new: new}) AS merged\n"
        "CALL (merged) {\n"
        "  UNWIND merged AS m UNWIND m.new AS doc\n"
        # in one order in every batch: concurrent import batches that share documents
        # then wait for each other here instead of deadlocking
        "  WITH doc, collect($relation + '|' + m.id) AS refs ORDER BY doc\n"
        f"  MERGE (x:{label(DOCUMENT_EDGES)} {{document: doc}})\n"
        "  SET x.edges = coalesce(x.edges, []) + refs\n"
        "}\n"
        "RETURN size(merged) AS merged"
    )


MISSING_NODES = (
    f"UNWIND $ids AS id OPTIONAL MATCH (n:{label(NODE_LABEL)} {{id: id}}) "
    "WITH id, n WHERE n IS NULL RETURN id"
)

# Removing a document: its `:DocumentEdges` list names the edges it has evidence on ...
DOCUMENT_EDGE_REFS = f"MATCH (x:{label(DOCUMENT_EDGES)} {{document: $doc}}) RETURN x.edges AS edges"
DELETE_DOCUMENT_EDGES = f"MATCH (x:{label(DOCUMENT_EDGES)} {{document: $doc}}) DELETE x"


def remove_document_evidence(relation: str) -> str:
    """... and its evidence leaves those edges ($prefix is the start of the JSON key of any
    item read in the document), found by id through the type's constraint. Edges left with
    no evidence go. Returns the endpoints, whose fate (still mentioned or not) comes next."""
    node = label(NODE_LABEL)
    return (
        f"UNWIND $ids AS id MATCH (a:{node})-[r:{rel_type(relation)} {{id: id}}]->(b:{node})\n"
        # the hint: on a small or emptied database the planner has priced a scan of the
        # type's index (USING INDEX allows one) below a seek in it; the seek is what scales
        f"USING INDEX SEEK r:{rel_type(relation)}(id)\n"
        "SET r.evidence = [i IN range(0, size(r.evidence_keys) - 1)\n"
        "    WHERE NOT r.evidence_keys[i] STARTS WITH $prefix | r.evidence[i]],\n"
        "  r.evidence_keys = [k IN r.evidence_keys WHERE NOT k STARTS WITH $prefix],\n"
        "  r.documents = [d IN r.documents WHERE d <> $doc]\n"
        "WITH a.id AS a, b.id AS b, r\n"
        "FOREACH (_ IN CASE WHEN size(r.evidence) = 0 THEN [1] ELSE [] END | DELETE r)\n"
        "RETURN collect(a) + collect(b) AS touched"
    )


# Non-document nodes the document touched that no MENTIONS edge points at any more (the
# degree of one relationship type is read from the node, not by walking its edges).
REMOVE_UNMENTIONED = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
    f"WHERE n.type <> $document AND NOT EXISTS {{ (n)<-[:{rel_type(MENTIONS)}]-() }}\n"
    "DETACH DELETE n"
)

DELETE_NODE = f"MATCH (n:{label(NODE_LABEL)} {{id: $id}}) DETACH DELETE n RETURN count(*) AS n"

# Batches keep each transaction's state small however big the database is. The version
# counter stays: a cleared store must not repeat a version a cache has seen.
CLEAR_BATCH = (
    f"MATCH (n) WHERE NOT n:{label(META)} "
    "WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"
)


# ---- reads ----
def node_counts() -> str:
    """Per label, from the count store: one UNION branch per node type, no scan (the type
    is added after the count: as a grouping key beside it, it would make Neo4j scan)."""
    return "\nUNION ALL\n".join(
        f"MATCH (n:{label(t)}) WITH count(n) AS count RETURN '{t}' AS type, count"
        for t in load_schema().node_types
    )


def edge_counts() -> str:
    """Per relationship type, from the count store."""
    return "\nUNION ALL\n".join(
        f"MATCH ()-[r:{rel_type(t)}]->() WITH count(r) AS count RETURN '{t}' AS type, count"
        for t in load_schema().relation_types
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


# Entities with any of the blocking keys: one text-index lookup per key.
# The hints here and below pin the plans that scale: on a small or fresh database the
# planner may price a scan below the index lookup.
ENTITY_CANDIDATES = (
    f"UNWIND $probes AS probe MATCH (n:{label(NODE_LABEL)})\n"
    f"USING TEXT INDEX n:{label(NODE_LABEL)}({KEYS}) WHERE n.{KEYS} CONTAINS probe\n"
    "RETURN DISTINCT properties(n) AS props"
)

# In id order off the document id index: a page costs offset + limit rows.
LIST_DOCUMENTS = (
    f"MATCH (n:{label(DOCUMENT)}) USING INDEX n:{label(DOCUMENT)}(id)\n"
    "WHERE n.id IS NOT NULL RETURN properties(n) AS props "
    "ORDER BY n.id SKIP $offset LIMIT $limit"
)


_EDGE_ROW = (
    "RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, "
    "type(r) AS type, properties(r) AS props"
)
ALL_EDGES = f"MATCH (:{label(NODE_LABEL)})-[r]->(:{label(NODE_LABEL)}) {_EDGE_ROW}"
NODE_EDGES = f"MATCH (n:{label(NODE_LABEL)} {{id: $id}})-[r]-(:{label(NODE_LABEL)}) {_EDGE_ROW}"


def _types(relations: list[str]) -> str:
    return "|".join(rel_type(r) for r in relations)


# What analytics reads of the whole graph (GraphStore.actor_ties): ids, names and types, no
# evidence, no other property.
ACTOR_NODES = (
    f"MATCH (n:{label(NODE_LABEL)}) WHERE n.type <> $document "
    "RETURN n.id AS id, n.name AS name, n.type AS type"
)


def actor_ties(relations: list[str], with_props: bool) -> str:
    """The relations of the given types (with evidence in $documents, when not null) as
    their ends and type; with `with_props`, the relationship's properties too, for the
    filters only Python can apply (dates and confidence live in the evidence JSON)."""
    if not relations:
        return "UNWIND [] AS x RETURN x AS source"
    props = ", properties(r) AS props" if with_props else ""
    return (
        f"MATCH (a:{label(NODE_LABEL)})-[r:{_types(relations)}]->(b:{label(NODE_LABEL)})\n"
        "WHERE $documents IS NULL OR any(d IN r.documents WHERE d IN $documents)\n"
        f"RETURN a.id AS source, b.id AS target, type(r) AS type{props}"
    )


def expand(relations: list[str]) -> str:
    """The neighbours of a frontier over the given relation types (typed in the pattern, so
    a dense node reads only those relationship groups) and node types, with their element
    ids (for expand_into)."""
    if not relations:
        return "UNWIND [] AS x RETURN x AS id, x AS eid"
    return (
        f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r:{_types(relations)}]-"
        f"(b:{label(NODE_LABEL)})\n"
        "WHERE b.type IN $types\n"
        "RETURN DISTINCT b.id AS id, elementId(b) AS eid"
    )


def expand_into(relations: list[str]) -> str:
    """The neighbours of a frontier that are among the nodes of element ids $eids (paths():
    the last step of the search, which only needs where the two balls meet): the far end
    is checked by the element id its relationship record holds, so the thousands of far
    ends of a hub that are not wanted are never read, nor sent."""
    if not relations:
        return "RETURN [] AS ids"
    return (
        f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r:{_types(relations)}]-(b)\n"
        "WHERE elementId(b) IN $eids\n"
        "RETURN collect(DISTINCT b.id) AS ids"
    )


def incident(relations: list[str], with_props: bool) -> str:
    """A frontier's incident edges for the bounded walk of subgraph(): which node, which
    edge, the other end, and (when the filter reads evidence) the edge itself."""
    if not relations:
        return "RETURN [] AS rows"
    props = (
        ", source: startNode(r).id, target: endNode(r).id, type: type(r), props: properties(r)"
        if with_props
        else ""
    )
    # one record holding every row: the driver decodes it much faster than a record a row
    return (
        f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r:{_types(relations)}]-"
        f"(b:{label(NODE_LABEL)})\n"
        "WHERE b.type IN $types\n"
        f"RETURN collect({{node: a.id, edge: r.id, other: b.id{props}}}) AS rows"
    )


def edges_among(relations: list[str]) -> str:
    if not relations:
        return "UNWIND [] AS x RETURN x AS source, x AS target, x AS type, x AS props"
    return (
        f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r:{_types(relations)}]->"
        f"(b:{label(NODE_LABEL)})\n"
        f"WHERE b.id IN $ids {_EDGE_ROW}"
    )


# Summarised answers (graph/edge_summary.py): an edge's properties without its evidence
# lists, and of each evidence item only what a summary needs, picked out of the item's
# compact JSON (graph.model.Evidence, keys in declaration order, no spaces): the document
# (the first key), the sentence's date and the confidence (the last key). A quote inside
# a string value is escaped in that JSON, so the patterns below can only match the keys.
_SUMMARY_ROW = (
    "RETURN DISTINCT startNode(r).id AS source, endNode(r).id AS target, type(r) AS type,\n"
    "  r {.*, evidence: null, evidence_keys: null, documents: null} AS props,\n"
    "  [ev IN r.evidence | [split(split(ev, '{\"document\":\"')[1], '\"')[0],\n"
    '    CASE WHEN ev CONTAINS \',"date":"\''
    " THEN split(split(ev, ',\"date\":\"')[1], '\"')[0] END,\n"
    "    CASE WHEN ev CONTAINS ',\"confidence\":'"
    " THEN toFloat(split(split(ev, ',\"confidence\":')[1], '}')[0]) END]] AS items,\n"
    "  CASE WHEN $first THEN r.evidence[0] END AS first"
)


_SUMMARY_ITEMS = (
    "[ev IN r.evidence | [split(split(ev, '{\"document\":\"')[1], '\"')[0],\n"
    '    CASE WHEN ev CONTAINS \',"date":"\''
    " THEN split(split(ev, ',\"date\":\"')[1], '\"')[0] END,\n"
    "    CASE WHEN ev CONTAINS ',\"confidence\":'"
    " THEN toFloat(split(split(ev, ',\"confidence\":')[1], '}')[0]) END]]"
)


def _among(relations: list[str]) -> str:
    return (
        f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r:{_types(relations)}]->"
        f"(b:{label(NODE_LABEL)})\n"
        "WHERE b.id IN $ids\n"
    )


def edges_among_summarised(relations: list[str]) -> str:
    """edges_among, each edge with its summary's raw material instead of its evidence, as
    one list in one record: the driver decodes one record of thousands of rows much faster
    than thousands of records."""
    if not relations:
        return "RETURN [] AS rows"
    return (
        _among(relations) + "WITH DISTINCT r\n"
        "RETURN collect([startNode(r).id, endNode(r).id, type(r),\n"
        "  r {.*, evidence: null, evidence_keys: null, documents: null},\n"
        f"  {_SUMMARY_ITEMS},\n"
        "  CASE WHEN $first THEN r.evidence[0] END]) AS rows"
    )


def ties_among(relations: list[str]) -> str:
    """The edges among the nodes $ids as ties only, for choosing a capped answer before any
    edge is read whole: [edge id, source, target, evidence items, element id] each, one
    record. Every relationship of every node is expanded (the hubs have thousands): the far
    end is kept by its element id ($eids, the nodes' element ids, NODES_WITH_ELEMENT_IDS), which
    the relationship record holds, so the far ends left out are never read (a third fewer
    db hits than reading each one's id); `size(r.evidence)` counts the items without
    parsing one, and only for the edges kept."""
    return _ties_to_eids(relations, "->")


def ties_from(relations: list[str]) -> str:
    """ties_among for paths(): the edges between the nodes $ids and the nodes of element ids
    $eids, either direction, as [edge id, one end, the other, evidence items, element id]
    in one record (an edge between two of $ids comes twice). Only the inner nodes of the
    two balls are expanded: an edge with no inner end can lie on no walk short enough."""
    return _ties_to_eids(relations, "-")


def _ties_to_eids(relations: list[str], arrow: str) -> str:
    """The ties of ties_among ("->", each edge once, from its source) and ties_from ("-",
    either direction): [edge id, this end, the far end, evidence items, element id] for the
    far ends among the element ids $eids, in one record."""
    if not relations:
        return "RETURN [] AS rows"
    return (
        f"UNWIND $ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})-[r:{_types(relations)}]{arrow}(b)\n"
        "WHERE elementId(b) IN $eids\n"
        "RETURN collect([r.id, id, b.id, size(r.evidence), elementId(r)]) AS rows"
    )


def seeds_and_incident(relations: list[str], with_props: bool) -> str:
    """The walk's first read: which of the seeds $seeds exist (`found`, one list) and the
    incident edges of the seeds $ids (the first chunk of the first level, incident()'s
    `rows`), in one statement: one round trip fewer per answer."""
    return (
        f"CALL () {{\n  UNWIND $seeds AS id MATCH (s:{label(NODE_LABEL)} {{id: id}})\n"
        "  RETURN collect(s.id) AS found\n}\n"
        f"CALL () {{\n{incident(relations, with_props)}\n}}\n"
        "RETURN found, rows"
    )


# Ids Neo4j orders as Python does: Neo4j compares strings by UTF-16 code units, Python by
# code points, and the two orders differ only where a character at or above U+E000 meets
# a surrogate pair, so ids without such a character sort alike (capped_answer's $plain).
PLAIN_IDS = "[^\\x{E000}-\\x{10FFFF}]*"


def capped_answer(relations: list[str], whole: bool) -> str:
    """A capped answer in one statement: the nodes $ids, the ties among them, the choice of
    at most $max_edges of them (graph/edge_summary.py strongest_edges: the ties ranked by
    evidence count, then id; every node's first-ranked tie, which is what the rule's first
    pass keeps; then the first-ranked of the rest until $max_edges) and the chosen
    edges, summarised (or `whole`: their properties). One record: `nodes`, `edges`,
    `dropped` and `exact`. When an id sorts differently in Neo4j than in Python ($plain,
    PLAIN_IDS) nothing is chosen (`exact` false) and `ties` holds every tie, [edge id,
    source, target, evidence count, element id], for the client to choose from."""
    return "WITH $ids AS ids\n" + _capped_body(relations, whole)


def _capped_body(relations: list[str], whole: bool) -> str:
    """capped_answer on the ids of the variable `ids` (a list in scope)."""
    expand = (
        f"  UNWIND ids AS id MATCH (a:{label(NODE_LABEL)} {{id: id}})"
        f"-[r:{_types(relations)}]->(b)\n"
        "  WHERE elementId(b) IN eids\n"
        "  RETURN collect([r.id, id, b.id, size(r.evidence), r]) AS ties\n"
        if relations
        else "  RETURN [] AS ties\n"
    )
    edge = (
        "properties(r)]"
        if whole
        else "r {.*, evidence: null, evidence_keys: null, documents: null},\n"
        f"    {_SUMMARY_ITEMS}, CASE WHEN $first THEN r.evidence[0] END]"
    )
    return (
        f"CALL (ids) {{\n  UNWIND ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
        "  RETURN collect(n) AS ns\n}\n"
        "WITH ids, ns, [n IN ns | elementId(n)] AS eids\n"
        f"CALL (ids, eids) {{\n{expand}}}\n"
        "WITH ns, ties, all(t IN ties WHERE t[0] =~ $plain) AS exact\n"
        "CALL (ties, exact) {\n"
        "  UNWIND CASE WHEN exact THEN ties ELSE [] END AS t\n"
        "  WITH t ORDER BY t[3] DESC, t[0]\n"
        "  RETURN collect(t) AS ranked\n}\n"
        "CALL (ranked) {\n"
        "  UNWIND range(0, size(ranked) - 1) AS i\n"
        "  UNWIND [ranked[i][1], ranked[i][2]] AS v\n"
        "  WITH v, min(i) AS i\n"
        "  RETURN collect(DISTINCT i) AS firsts\n}\n"
        "WITH ns, ties, exact, ranked, firsts,\n"
        "  [i IN range(0, size(ranked) - 1) WHERE NOT i IN firsts] AS rest\n"
        "WITH ns, ties, exact, [i IN firsts + rest[0..CASE WHEN $max_edges > size(firsts)"
        " THEN $max_edges - size(firsts) ELSE 0 END] | ranked[i]] AS kept\n"
        "CALL (kept) {\n"
        "  UNWIND kept AS t WITH t[1] AS source, t[2] AS target, t[4] AS r\n"
        f"  RETURN collect([source, target, type(r), {edge}) AS edges\n}}\n"
        "RETURN [n IN ns | properties(n)] AS nodes, edges, size(ties) - size(kept) AS dropped,\n"
        "  exact, CASE WHEN exact THEN [] ELSE\n"
        "    [t IN ties | [t[0], t[1], t[2], t[3], elementId(t[4])]] END AS ties"
    )


# The bounded walk of subgraph() in Cypher, for capped answers whose filter reads no
# evidence (graph/query.py's neighbourhood(): a level's frontier in order, each node's
# edges in edge-id order, the first new nodes until the limit). One statement per level,
# the last one with the capped answer (walked_capped_answer): a level stops reading its
# frontier once it has $take new nodes (LIMIT, pulled lazily), so a hub further on is
# never expanded, and no incident edge travels to the client. Ids sort by UTF-16 units in
# Neo4j and by code points in Python, so every row a level takes in (its new nodes, and the
# rows before the last of them whose far end it had already) is checked against
# PLAIN_IDS: one that fails becomes a null, `odd` then, and the client walks as before.
# Two rows can only change places between the orders when both fail, so if none of those
# rows does, the rows after them are the only ones that could, and the level is the same.
_WALK_SEEDS = (
    f"CALL () {{\n  UNWIND $seeds AS id MATCH (s:{label(NODE_LABEL)} {{id: id}})\n"
    "  RETURN collect(s.id)[..$limit] AS seen\n}\n"
    "WITH seen, seen AS frontier, false AS stopped, false AS odd\n"
)
_WALK_STATE = "WITH $seen AS seen, $frontier AS frontier, $stopped AS stopped, false AS odd\n"


def _walk_level(relations: list[str]) -> str:
    """One level of the walk on `seen`, `frontier` (its order), `stopped` and `odd`."""
    if not relations:
        return ""
    return (
        "CALL (seen, frontier) {\n"
        "  UNWIND range(0, size(frontier) - 1) AS i\n"
        "  CALL (i, frontier) {\n"
        f"    MATCH (a:{label(NODE_LABEL)} {{id: frontier[i]}})-[r:{_types(relations)}]-"
        f"(b:{label(NODE_LABEL)})\n"
        "    WHERE b.type IN $types\n"
        "    RETURN r.id AS edge, b.id AS other ORDER BY edge\n  }\n"
        "  WITH edge, other WHERE NOT other IN seen\n"
        "  WITH CASE WHEN edge =~ $plain AND other =~ $plain THEN other END AS other\n"
        "  WITH DISTINCT other LIMIT $take\n"
        "  RETURN collect([other]) AS fresh\n}\n"
        "WITH seen, stopped, odd OR any(x IN fresh WHERE x[0] IS NULL) AS odd,\n"
        "  fresh, $limit - size(seen) AS room\n"
        "WITH seen + [x IN fresh[..room] | x[0]] AS seen, stopped OR size(fresh) > room AS stopped,\n"
        "  odd, [x IN fresh[..room] | x[0]] AS fresh\n"
        "CALL (fresh) {\n  UNWIND fresh AS x WITH x ORDER BY x RETURN collect(x) AS frontier\n}\n"
    )


def walk_level(relations: list[str], first: bool) -> str:
    """A level of the walk alone: `seen` (the walk's nodes, in order), `frontier` (the next
    level's, sorted), `stopped` (a new node was left out) and `odd`. `first`: from the
    seeds $seeds (the existing ones, in order, $limit at most), else from $seen,
    $frontier and $stopped."""
    return (
        (_WALK_SEEDS if first else _WALK_STATE)
        + _walk_level(relations)
        + "RETURN seen, frontier, stopped, odd"
    )


def walked_capped_answer(relations: list[str], whole: bool, first: bool, level: bool) -> str:
    """The walk's last level (`level`; none at depth 0) and capped_answer on its nodes, in
    one statement: capped_answer's record with `seen`, `stopped` and `odd` (when odd, no
    answer is read)."""
    return (
        (_WALK_SEEDS if first else _WALK_STATE)
        + (_walk_level(relations) if level else "")
        + "WITH CASE WHEN odd THEN [] ELSE seen END AS ids, seen, stopped, odd\n"
        + "CALL (ids) {\n"
        + _capped_body(relations, whole)
        + "\n}\nRETURN nodes, edges, dropped, exact, ties, seen, stopped, odd"
    )


# Ids and element ids of nodes, as one record of pairs (paths(): thousands of kept nodes,
# of which nothing else is needed).
ELEMENT_IDS = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
    "RETURN collect([id, elementId(n)]) AS rows"
)


# Nodes with their element ids (for ties_among: the ends of paths()), in one statement.
NODES_WITH_ELEMENT_IDS = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
    "RETURN properties(n) AS props, elementId(n) AS eid"
)


# The chosen edges, read again by element id (a relationship seek each, no expansion).
_BY_ELEMENT_ID = "UNWIND $eids AS eid MATCH (a)-[r]->(b) WHERE elementId(r) = eid\n"
EDGES_BY_ELEMENT_ID = (
    _BY_ELEMENT_ID
    + "RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props"
)
SUMMARISED_BY_ELEMENT_ID = (
    _BY_ELEMENT_ID + "RETURN collect([a.id, b.id, type(r),\n"
    "  r {.*, evidence: null, evidence_keys: null, documents: null},\n"
    f"  {_SUMMARY_ITEMS},\n"
    "  CASE WHEN $first THEN r.evidence[0] END]) AS rows"
)


def edge_by_id(relations: list[str]) -> str:
    """One edge by id, whatever its type (one seek of each type's id constraint), with its
    summary's raw material and a page of its evidence items ($offset, $limit)."""
    branches = "\nUNION\n".join(
        f"MATCH ()-[r:{rel_type(t)} {{id: $id}}]->() RETURN r" for t in relations
    )
    return (
        f"CALL {{\n{branches}\n}}\n"
        "WITH r, r.evidence[$offset..($offset + $limit)] AS page\n"
        f"{_SUMMARY_ROW}, page"
    )


# search(): the full-text index's candidates (prefix and fuzzy terms of the query's words,
# of the wanted types), which rank() then orders exactly as the embedded store does.
# A candidate carries only what rank() reads (id, type, name, aliases), and the candidates
# travel as one row holding a list: a thousand records cost the Python driver ≈ 11 ms of
# CPU to decode, one row of a thousand small lists ≈ 1 ms (bench/RESULTS.md, scale9). The
# hits are read whole afterwards (SEARCH_HITS).
_TYPE_WANTED = "(($types IS NULL AND n.type <> $document) OR n.type IN $types)"
_CANDIDATE_ROWS = "RETURN collect([n.id, n.type, n.name, n.aliases]) AS rows"
SEARCH_CANDIDATES = (
    "CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $candidates}) YIELD node AS n\n"
    f"WITH n WHERE {_TYPE_WANTED}\n"
    f"{_CANDIDATE_ROWS}"
)
# ... and, in the same statement, the names that hold the whole folded query (rank()'s
# partial ratios find those), from the text index.
SEARCH_CANDIDATES_CONTAINING = (
    "CALL {\n"
    "  CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $candidates})"
    " YIELD node AS n\n"
    f"  WITH n WHERE {_TYPE_WANTED} RETURN n\n"
    "  UNION\n"
    f"  MATCH (n:{label(NODE_LABEL)}) WHERE n.{FOLDED} CONTAINS $q AND {_TYPE_WANTED}\n"
    "  RETURN n LIMIT $candidates\n"
    "}\n"
    f"{_CANDIDATE_ROWS}"
)
# Degrees without MENTIONS, read off the nodes' degree counters (no walk over a hub's edges).
_DEGREE = (
    f"COUNT {{ (n)-->() }} + COUNT {{ (n)<--() }}"
    f" - COUNT {{ (n)-[:{rel_type(MENTIONS)}]-() }} - COUNT {{ (n)-[s]->(n) }}"
)
DEGREES = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
    f"RETURN n.id AS id, {_DEGREE} AS degree"
)
# search()'s hits, whole, with their degrees: one round trip.
SEARCH_HITS = (
    f"UNWIND $ids AS id MATCH (n:{label(NODE_LABEL)} {{id: id}})\n"
    f"RETURN properties(n) AS props, {_DEGREE} AS degree"
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


# Curation (graph/curation/). Its data never carries the `:Node` label, so the graph's
# reads, counts, search and exports (which all match `:Node`) never see it:
# - `(:CurationDecision {id, seq, record})`: one node per decision; `record` is its JSON.
# - `(:CurationRaw {doc, seq, data})`: a document's contribution before curation (JSON).
# - `(:CurationRef {node, doc})`: one per node id a raw contribution names; the index on
#   `node` finds the documents a decision touches without reading the others.
CURATION_SCHEMA = [
    "CREATE CONSTRAINT actorgraph_curation_decision_id IF NOT EXISTS "
    "FOR (d:CurationDecision) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT actorgraph_curation_raw_doc IF NOT EXISTS "
    "FOR (r:CurationRaw) REQUIRE r.doc IS UNIQUE",
    "CREATE INDEX actorgraph_curation_ref_node IF NOT EXISTS FOR (r:CurationRef) ON (r.node)",
    "CREATE INDEX actorgraph_curation_ref_doc IF NOT EXISTS FOR (r:CurationRef) ON (r.doc)",
]

CURATION_RECORDS = "MATCH (d:CurationDecision) RETURN d.record AS record ORDER BY d.seq"

CURATION_ADD_RECORDS = (
    "OPTIONAL MATCH (d:CurationDecision) WITH coalesce(max(d.seq), 0) AS top\n"
    "UNWIND range(0, size($rows) - 1) AS i\n"
    "CREATE (:CurationDecision {id: $rows[i].id, record: $rows[i].record, seq: top + i + 1})"
)

CURATION_DELETE_RECORD = "MATCH (d:CurationDecision {id: $id}) DELETE d RETURN count(*) AS deleted"

CURATION_CLEAR = (
    "MATCH (n) WHERE n:CurationDecision OR n:CurationRaw OR n:CurationRef "
    "WITH n LIMIT $batch DELETE n RETURN count(*) AS deleted"
)

CURATION_SAVE_RAW = (
    "OPTIONAL MATCH (x:CurationRaw) WITH coalesce(max(x.seq), 0) + 1 AS seq\n"
    "MERGE (r:CurationRaw {doc: $doc}) SET r.seq = seq, r.data = $data\n"
    "WITH r CALL (r) { MATCH (old:CurationRef {doc: r.doc}) DELETE old }\n"
    "WITH r UNWIND $ids AS id CREATE (:CurationRef {node: id, doc: $doc})"
)

CURATION_DOCUMENTS_WITH = (
    "UNWIND $ids AS id MATCH (ref:CurationRef {node: id})\n"
    "WITH DISTINCT ref.doc AS doc\n"
    "MATCH (r:CurationRaw {doc: doc}) MATCH (:Node {id: doc})\n"
    "RETURN doc ORDER BY r.seq"
)

CURATION_RAW = (
    "UNWIND $docs AS doc MATCH (r:CurationRaw {doc: doc}) "
    "RETURN r.doc AS doc, r.data AS data ORDER BY r.seq"
)

CURATION_EXISTING = "UNWIND $ids AS id MATCH (n:Node {id: id}) RETURN n.id AS id"


def explorer_reads(walk: list[str], path: list[str]) -> list[str]:
    """Every read statement the explorer's default requests can send (neighbourhoods at
    depth 1 and 2, subgraphs, paths, search, stats), built by the same functions the reads
    call: `walk` the relation types of an unfiltered walk, `path` those of paths without
    avoidances. The store plans them when it opens (Neo4jStore.warm_plans)."""
    flags = (False, True)
    built = [seeds_and_incident(walk, b) for b in flags] + [incident(walk, b) for b in flags]
    built += [edges_among(walk), edges_among_summarised(walk)]
    built += [capped_answer(walk, w) for w in flags] + [walk_level(walk, f) for f in flags]
    built += [walked_capped_answer(walk, w, f, d) for w in flags for f in flags for d in flags]
    built += [expand(path), expand_into(path), ties_among(path), ties_from(path)]
    built += [node_counts(), edge_counts()]
    reads = (GET_NODES, EDGES_BY_ELEMENT_ID, SUMMARISED_BY_ELEMENT_ID, NODES_WITH_ELEMENT_IDS)
    built += [*reads, ELEMENT_IDS, DEGREES, SEARCH_CANDIDATES, SEARCH_CANDIDATES_CONTAINING]
    return list(dict.fromkeys([*built, SEARCH_HITS, NODE_EDGES, VERSION]))
