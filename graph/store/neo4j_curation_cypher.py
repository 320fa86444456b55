"""The Cypher of curation (graph/curation/) on the Neo4j store, in a module of its own
beside graph/store/neo4j_cypher.py so both can change without stepping on each other.

Curation data never carries the `:Node` label, so the graph's reads, counts, search and
exports (which all match `:Node`) never see it:

- `(:CurationDecision {id, seq, record})`: one node per decision; `record` is its JSON.
- `(:CurationRaw {doc, seq, data})`: a document's contribution before curation (JSON).
- `(:CurationRef {node, doc})`: one per node id a raw contribution names; the index on
  `node` finds the documents a decision touches without reading the others.
"""

from __future__ import annotations

SCHEMA = [
    "CREATE CONSTRAINT actorgraph_curation_decision_id IF NOT EXISTS "
    "FOR (d:CurationDecision) REQUIRE d.id IS UNIQUE",
    "CREATE CONSTRAINT actorgraph_curation_raw_doc IF NOT EXISTS "
    "FOR (r:CurationRaw) REQUIRE r.doc IS UNIQUE",
    "CREATE INDEX actorgraph_curation_ref_node IF NOT EXISTS FOR (r:CurationRef) ON (r.node)",
    "CREATE INDEX actorgraph_curation_ref_doc IF NOT EXISTS FOR (r:CurationRef) ON (r.doc)",
]

RECORDS = "MATCH (d:CurationDecision) RETURN d.record AS record ORDER BY d.seq"

ADD_RECORDS = (
    "OPTIONAL MATCH (d:CurationDecision) WITH coalesce(max(d.seq), 0) AS top\n"
    "UNWIND range(0, size($rows) - 1) AS i\n"
    "CREATE (:CurationDecision {id: $rows[i].id, record: $rows[i].record, seq: top + i + 1})"
)

DELETE_RECORD = "MATCH (d:CurationDecision {id: $id}) DELETE d RETURN count(*) AS deleted"

CLEAR = (
    "MATCH (n) WHERE n:CurationDecision OR n:CurationRaw OR n:CurationRef "
    "WITH n LIMIT $batch DELETE n RETURN count(*) AS deleted"
)

SAVE_RAW = (
    "OPTIONAL MATCH (x:CurationRaw) WITH coalesce(max(x.seq), 0) + 1 AS seq\n"
    "MERGE (r:CurationRaw {doc: $doc}) SET r.seq = seq, r.data = $data\n"
    "WITH r CALL (r) { MATCH (old:CurationRef {doc: r.doc}) DELETE old }\n"
    "WITH r UNWIND $ids AS id CREATE (:CurationRef {node: id, doc: $doc})"
)

DOCUMENTS_WITH = (
    "UNWIND $ids AS id MATCH (ref:CurationRef {node: id})\n"
    "WITH DISTINCT ref.doc AS doc\n"
    "MATCH (r:CurationRaw {doc: doc}) MATCH (:Node {id: doc})\n"
    "RETURN doc ORDER BY r.seq"
)

RAW = (
    "UNWIND $docs AS doc MATCH (r:CurationRaw {doc: doc}) "
    "RETURN r.doc AS doc, r.data AS data ORDER BY r.seq"
)

EXISTING = "UNWIND $ids AS id MATCH (n:Node {id: id}) RETURN n.id AS id"
