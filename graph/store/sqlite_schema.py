"""The tables of the embedded store (graph/store/sqlite.py) and the indexes its reads use.

Nodes and edges keep their whole interchange JSON (`data`) beside the columns that queries
look at; evidence has a row per item so a document's contribution is found by index
(`evidence_by_document`) and removed without reading the rest of the graph. Triggers keep
the per-type counts (`counts`) and the name search index (`names_fts`) in step with every
write, so `stats()` and `search()` never scan.

A store made by an older version is brought up to `SCHEMA_VERSION` when it is opened, by the
steps of `MIGRATIONS` it has not had yet (each in one transaction); a new store is made by
`DDL` and then the same steps, so both end with the same tables.
"""

from __future__ import annotations

from graph.schema import DOCUMENT

SCHEMA_VERSION = 2

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('version', 0), ('schema', 1);

CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nodes_by_type ON nodes (type, id);

-- every written form of a node, folded (graph.model.fold): what search matches
CREATE TABLE IF NOT EXISTS names (
    rowid INTEGER PRIMARY KEY,
    node_id TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS names_by_node ON names (node_id);
CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5 (
    folded, content='names', content_rowid='rowid', tokenize='unicode61'
);
-- trigrams of the names: the bounded candidate set of fuzzy matching in big graphs
CREATE VIRTUAL TABLE IF NOT EXISTS names_tri USING fts5 (
    folded, content='names', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS names_ai AFTER INSERT ON names BEGIN
    INSERT INTO names_fts (rowid, folded) VALUES (NEW.rowid, NEW.folded);
    INSERT INTO names_tri (rowid, folded) VALUES (NEW.rowid, NEW.folded);
END;
CREATE TRIGGER IF NOT EXISTS names_ad AFTER DELETE ON names BEGIN
    INSERT INTO names_fts (names_fts, rowid, folded) VALUES ('delete', OLD.rowid, OLD.folded);
    INSERT INTO names_tri (names_tri, rowid, folded) VALUES ('delete', OLD.rowid, OLD.folded);
END;

-- blocking keys of entity nodes (graph/blocking.py): resolution's candidate lookup
CREATE TABLE IF NOT EXISTS node_keys (
    key TEXT NOT NULL,
    node_id TEXT NOT NULL,
    PRIMARY KEY (key, node_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_keys_by_node ON node_keys (node_id);

CREATE TABLE IF NOT EXISTS edges (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_by_source ON edges (source, type, target);
CREATE INDEX IF NOT EXISTS edges_by_target ON edges (target, type, source);
-- the relations table's type filter
CREATE INDEX IF NOT EXISTS edges_by_type ON edges (type, id);

-- one row per evidence item; seq keeps the order items arrived in
CREATE TABLE IF NOT EXISTS evidence (
    seq INTEGER PRIMARY KEY,
    edge_id TEXT NOT NULL,
    document TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text_key TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS evidence_key
    ON evidence (edge_id, document, start, "end", text_key);
CREATE INDEX IF NOT EXISTS evidence_by_document ON evidence (document, edge_id);

-- the explorer's saved views (graph/views.py): beside the graph, not in it
CREATE TABLE IF NOT EXISTS saved_views (
    id TEXT PRIMARY KEY,
    updated TEXT NOT NULL,
    data TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS counts (
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, type)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS nodes_count_ai AFTER INSERT ON nodes BEGIN
    INSERT INTO counts VALUES ('node', NEW.type, 1)
        ON CONFLICT (kind, type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS nodes_count_ad AFTER DELETE ON nodes BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'node' AND type = OLD.type;
END;
CREATE TRIGGER IF NOT EXISTS nodes_count_au AFTER UPDATE OF type ON nodes
WHEN OLD.type != NEW.type BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'node' AND type = OLD.type;
    INSERT INTO counts VALUES ('node', NEW.type, 1)
        ON CONFLICT (kind, type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS edges_count_ai AFTER INSERT ON edges BEGIN
    INSERT INTO counts VALUES ('edge', NEW.type, 1)
        ON CONFLICT (kind, type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS edges_count_ad AFTER DELETE ON edges BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'edge' AND type = OLD.type;
END;
CREATE TRIGGER IF NOT EXISTS edges_count_au AFTER UPDATE OF type ON edges
WHEN OLD.type != NEW.type BEGIN
    UPDATE counts SET n = n - 1 WHERE kind = 'edge' AND type = OLD.type;
    INSERT INTO counts VALUES ('edge', NEW.type, 1)
        ON CONFLICT (kind, type) DO UPDATE SET n = n + 1;
END;
"""

# The date rule (an evidence item's own date, else its document's) resolved once, when the
# item is written, into `evidence.date`: period filters then read a range of an index instead
# of parsing every item's JSON and its document's. A document whose date changes moves its
# items' dates with it (the triggers).
EVIDENCE_DATE = f"""
ALTER TABLE evidence ADD COLUMN date TEXT;
UPDATE evidence SET date = COALESCE(
    NULLIF(json_extract(data, '$.date'), ''),
    (SELECT NULLIF(json_extract(d.data, '$.date'), '') FROM nodes d WHERE d.id = evidence.document)
);
CREATE INDEX IF NOT EXISTS evidence_by_date ON evidence (date, edge_id);
CREATE TRIGGER IF NOT EXISTS document_date_ai AFTER INSERT ON nodes
WHEN NEW.type = {DOCUMENT!r} BEGIN
    UPDATE evidence SET date = COALESCE(
        NULLIF(json_extract(data, '$.date'), ''), NULLIF(json_extract(NEW.data, '$.date'), '')
    ) WHERE document = NEW.id;
END;
CREATE TRIGGER IF NOT EXISTS document_date_au AFTER UPDATE OF data ON nodes
WHEN NEW.type = {DOCUMENT!r}
    AND json_extract(OLD.data, '$.date') IS NOT json_extract(NEW.data, '$.date') BEGIN
    UPDATE evidence SET date = COALESCE(
        NULLIF(json_extract(data, '$.date'), ''), NULLIF(json_extract(NEW.data, '$.date'), '')
    ) WHERE document = NEW.id;
END;
"""

# schema number reached -> the step that reaches it from the one before
MIGRATIONS: dict[int, str] = {2: EVIDENCE_DATE}
