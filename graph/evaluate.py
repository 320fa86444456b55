"""Score a predicted graph against hand-made gold annotations (a folder of JSON files, the
caller's: `actorgraph evaluate --gold`, by default tests/data/gold).

A gold file describes one source document:
    {"document": "<file name>", "notes": ...,
     "entities": [{"type", "name", "aliases": [...], ...properties}],
     "relations": [{"type", "source": <entity name>, "target": <entity name>, "role"?}]}

For each gold document, the predicted entities are the nodes its Document node MENTIONS,
and the predicted relations are the non-MENTIONS edges with evidence from that document.
Counts are summed over documents (micro-average) before precision, recall and F1.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from graph.identity import document_id
from graph.model import Edge, GraphData, Node, fold
from graph.schema import DOCUMENT, MENTIONS, load_schema

if TYPE_CHECKING:
    from graph.ingestion import IngestionService

TOTAL = "all"


@dataclass(frozen=True)
class GoldEntity:
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=dict)

    def folded_names(self) -> frozenset[str]:
        return _folded_names(self.name, self.aliases)


@dataclass(frozen=True)
class GoldRelation:
    type: str
    source: str
    target: str
    role: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    document: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    notes: tuple[str, ...] = ()
    path: Path | None = None

    @property
    def stem(self) -> str:
        return Path(self.document).stem

    @property
    def default_doc_id(self) -> str:
        return document_id(self.document)

    def entity(self, name: str) -> GoldEntity:
        for entity in self.entities:
            if entity.name == name:
                return entity
        raise KeyError(name)


@dataclass(frozen=True)
class ScoreRow:
    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: ScoreRow) -> ScoreRow:
        return ScoreRow(self.label, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class EntityError:
    """A false positive (node_id set, from the prediction) or a false negative (from gold)."""

    document: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    node_id: str | None = None


@dataclass(frozen=True)
class RelationError:
    """Endpoints are given by name: gold names for false negatives, node names otherwise."""

    document: str
    type: str
    source: str
    target: str
    role: str | None = None
    edge_id: str | None = None


@dataclass(frozen=True)
class RoleMismatch:
    document: str
    source: str
    target: str
    gold_role: str | None
    predicted_role: str | None


@dataclass(frozen=True)
class RoleAccuracy:
    """Over matched relations whose gold side has a role (HOLDS_ROLE)."""

    total: int = 0
    exact: int = 0
    partial: int = 0

    @property
    def exact_accuracy(self) -> float:
        return self.exact / self.total if self.total else 0.0

    @property
    def partial_accuracy(self) -> float:
        return self.partial / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "exact": self.exact,
            "partial": self.partial,
            "exact_accuracy": self.exact_accuracy,
            "partial_accuracy": self.partial_accuracy,
        }


@dataclass(frozen=True)
class DuplicateActor:
    """One gold actor that the graph splits into several nodes of this document."""

    document: str
    name: str
    nodes: tuple[str, ...]


@dataclass
class DocumentScore:
    document: str
    doc_id: str
    entities: ScoreRow
    relations: ScoreRow
    found: bool
    duplicates: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "doc_id": self.doc_id,
            "found": self.found,
            "duplicates": self.duplicates,
            "entities": self.entities.to_dict(),
            "relations": self.relations.to_dict(),
        }


@dataclass
class EvaluationReport:
    entities: ScoreRow
    relations: ScoreRow
    entities_by_type: list[ScoreRow]
    relations_by_type: list[ScoreRow]
    roles: RoleAccuracy
    documents: list[DocumentScore]
    entity_false_positives: list[EntityError]
    entity_false_negatives: list[EntityError]
    relation_false_positives: list[RelationError]
    relation_false_negatives: list[RelationError]
    role_mismatches: list[RoleMismatch]
    duplicate_actors: list[DuplicateActor] = field(default_factory=list)

    @property
    def duplicates_per_10_documents(self) -> float:
        return 10 * len(self.duplicate_actors) / len(self.documents) if self.documents else 0.0

    def duplicate_lines(self, name_documents: bool = True) -> list[str]:
        """The duplicate-actor count, then one line per duplicate unless the documents must
        stay unnamed: a held-out half is scored without showing what is in it."""
        head = (
            f"duplicate actors: {len(self.duplicate_actors)} in {len(self.documents)} documents"
            f" ({self.duplicates_per_10_documents:.1f} per 10)"
        )
        if not name_documents:
            return [head]
        return [head] + [
            f"  {d.document}: {d.name} = {' | '.join(d.nodes)}" for d in self.duplicate_actors
        ]

    @property
    def entity_rows(self) -> list[ScoreRow]:
        """The overall row first, then one per type: what a table shows."""
        return [self.entities, *self.entities_by_type]

    @property
    def relation_rows(self) -> list[ScoreRow]:
        return [self.relations, *self.relations_by_type]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [row.to_dict() for row in self.entity_rows],
            "relations": [row.to_dict() for row in self.relation_rows],
            "roles": self.roles.to_dict(),
            "documents": [doc.to_dict() for doc in self.documents],
            "entity_false_positives": [asdict(e) for e in self.entity_false_positives],
            "entity_false_negatives": [asdict(e) for e in self.entity_false_negatives],
            "relation_false_positives": [asdict(e) for e in self.relation_false_positives],
            "relation_false_negatives": [asdict(e) for e in self.relation_false_negatives],
            "role_mismatches": [asdict(m) for m in self.role_mismatches],
            "duplicate_actors": [asdict(d) for d in self.duplicate_actors],
            "duplicates_per_10_documents": self.duplicates_per_10_documents,
        }


# --- gold files --------------------------------------------------------------------------


def load_gold(gold_dir: Path) -> list[GoldDocument]:
    """Every *.json in gold_dir, sorted by file name; malformed files raise ValueError."""
    paths = sorted(Path(gold_dir).glob("*.json"))
    return [parse_gold(json.loads(p.read_text(encoding="utf-8")), path=p) for p in paths]


def parse_gold(raw: Mapping[str, Any], path: Path | None = None) -> GoldDocument:
    where = str(path) if path else "gold document"
    try:
        document = str(raw["document"])
        entities = tuple(_parse_entity(e) for e in raw.get("entities", []))
        relations = tuple(
            GoldRelation(
                type=str(r["type"]),
                source=str(r["source"]),
                target=str(r["target"]),
                role=r.get("role"),
            )
            for r in raw.get("relations", [])
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{where}: malformed gold file ({exc!r})") from exc
    notes = raw.get("notes") or ()
    notes = (notes,) if isinstance(notes, str) else tuple(str(n) for n in notes)

    schema = load_schema()
    names = [e.name for e in entities]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"{where}: duplicate entity names {duplicates}")
    for entity in entities:
        if entity.type not in schema.entity_types:
            raise ValueError(f"{where}: entity {entity.name!r} has unknown type {entity.type!r}")
    for rel in relations:
        if rel.type not in schema.relations or rel.type == MENTIONS:
            raise ValueError(f"{where}: unknown relation type {rel.type!r}")
        for end in (rel.source, rel.target):
            if end not in names:
                raise ValueError(f"{where}: {rel.type} endpoint {end!r} is not an entity name")
    return GoldDocument(document, entities, relations, notes, path)


def _parse_entity(raw: Mapping[str, Any]) -> GoldEntity:
    properties = {k: v for k, v in raw.items() if k not in ("type", "name", "aliases")}
    return GoldEntity(
        type=str(raw["type"]),
        name=str(raw["name"]),
        aliases=tuple(str(a) for a in raw.get("aliases", [])),
        properties=properties,
    )


def select_split(gold: list[GoldDocument], split_file: Path, part: str) -> list[GoldDocument]:
    """The gold documents one part of a split file lists ("tune", "report").

    The file is TOML: `<part> = ["name.txt", ...]`, or `[<part>] files = [...]`, or `[[doc]]`
    tables with `file` and `split`. A part the file does not list is every document the
    other parts leave out. Names match with or without their extension."""
    raw = tomllib.loads(Path(split_file).read_text(encoding="utf-8"))
    parts: dict[str, set[str]] = {}
    for name, value in raw.items():
        if isinstance(value, dict):
            value = value.get("files") or value.get("documents") or []
        if name in ("doc", "docs", "documents"):
            for row in value:
                file = row.get("file") or row.get("document")
                parts.setdefault(str(row.get("split")), set()).add(Path(str(file)).stem)
        elif isinstance(value, list):
            parts[name] = {Path(str(x)).stem for x in value}
    if part in parts:
        chosen = [g for g in gold if g.stem in parts[part]]
    else:
        others = set().union(*parts.values()) if parts else set()
        chosen = [g for g in gold if g.stem not in others] if others else []
    if not chosen:
        raise ValueError(f"{split_file}: no documents in part {part!r}")
    return chosen


# --- scoring -----------------------------------------------------------------------------


@dataclass
class _DocResult:
    entity_rows: dict[str, ScoreRow]
    relation_rows: dict[str, ScoreRow]
    entity_fp: list[EntityError]
    entity_fn: list[EntityError]
    relation_fp: list[RelationError]
    relation_fn: list[RelationError]
    roles: RoleAccuracy
    role_mismatches: list[RoleMismatch]
    duplicates: list[DuplicateActor] = field(default_factory=list)


def score(
    predicted: GraphData | Mapping[str, Any],
    gold: Iterable[GoldDocument],
    doc_ids: Mapping[str, str] | None = None,
) -> EvaluationReport:
    """Compare a whole-store export with the gold documents.

    doc_ids maps a gold file name (or its stem) to the id of its Document node, for stores
    that did not use the default id of the file name (graph.identity.document_id).
    """
    graph = predicted if isinstance(predicted, GraphData) else GraphData.model_validate(predicted)
    nodes = {n.id: n for n in graph.nodes}
    doc_ids = doc_ids or {}

    entity_rows: dict[str, ScoreRow] = {}
    relation_rows: dict[str, ScoreRow] = {}
    documents: list[DocumentScore] = []
    entity_fp: list[EntityError] = []
    entity_fn: list[EntityError] = []
    relation_fp: list[RelationError] = []
    relation_fn: list[RelationError] = []
    mismatches: list[RoleMismatch] = []
    duplicates: list[DuplicateActor] = []
    roles = RoleAccuracy()

    for doc in gold:
        doc_id = doc_ids.get(doc.document) or doc_ids.get(doc.stem) or doc.default_doc_id
        result = _score_document(doc, doc_id, graph, nodes)
        _merge(entity_rows, result.entity_rows)
        _merge(relation_rows, result.relation_rows)
        entity_fp += result.entity_fp
        entity_fn += result.entity_fn
        relation_fp += result.relation_fp
        relation_fn += result.relation_fn
        mismatches += result.role_mismatches
        duplicates += result.duplicates
        roles = RoleAccuracy(
            roles.total + result.roles.total,
            roles.exact + result.roles.exact,
            roles.partial + result.roles.partial,
        )
        documents.append(
            DocumentScore(
                document=doc.document,
                doc_id=doc_id,
                entities=_total(result.entity_rows.values()),
                relations=_total(result.relation_rows.values()),
                found=doc_id in nodes,
                duplicates=len(result.duplicates),
            )
        )

    return EvaluationReport(
        entities=_total(entity_rows.values()),
        relations=_total(relation_rows.values()),
        entities_by_type=_ordered(entity_rows, load_schema().entity_types),
        relations_by_type=_ordered(relation_rows, load_schema().relation_types),
        roles=roles,
        documents=documents,
        entity_false_positives=entity_fp,
        entity_false_negatives=entity_fn,
        relation_false_positives=relation_fp,
        relation_false_negatives=relation_fn,
        role_mismatches=mismatches,
        duplicate_actors=duplicates,
    )


def _score_document(
    doc: GoldDocument, doc_id: str, graph: GraphData, nodes: Mapping[str, Node]
) -> _DocResult:
    mentioned: dict[str, Node] = {}
    for edge in graph.edges:
        if edge.type == MENTIONS and edge.source == doc_id and edge.target in nodes:
            target = nodes[edge.target]
            if target.type != DOCUMENT:
                mentioned[target.id] = target
    predicted_nodes = sorted(mentioned.values(), key=lambda n: n.id)
    alignment = align_entities(doc.entities, predicted_nodes)
    entity_rows, entity_fp, entity_fn = _score_entities(doc, predicted_nodes, alignment)

    node_to_gold = {node_id: name for name, node_id in alignment.items()}
    predicted_edges = sorted(
        (
            e
            for e in graph.edges
            if e.type != MENTIONS and any(ev.document == doc_id for ev in e.evidence)
        ),
        key=lambda e: e.id,
    )
    pairs = align_relations(doc.relations, predicted_edges, node_to_gold)
    relations = _score_relations(doc, predicted_edges, pairs, nodes)
    relation_rows, relation_fp, relation_fn, roles, mismatches = relations
    return _DocResult(
        entity_rows,
        relation_rows,
        entity_fp,
        entity_fn,
        relation_fp,
        relation_fn,
        roles,
        mismatches,
        find_duplicates(doc, predicted_nodes, alignment),
    )


def _score_entities(
    doc: GoldDocument, predicted_nodes: list[Node], alignment: Mapping[str, str]
) -> tuple[dict[str, ScoreRow], list[EntityError], list[EntityError]]:
    """Rows by type, false positives, false negatives of one document's entities."""
    entity_rows: dict[str, ScoreRow] = {}
    entity_fp: list[EntityError] = []
    entity_fn: list[EntityError] = []
    matched_nodes = set(alignment.values())
    for entity in doc.entities:
        if entity.name in alignment:
            _count(entity_rows, entity.type, tp=1)
        else:
            _count(entity_rows, entity.type, fn=1)
            entity_fn.append(EntityError(doc.document, entity.type, entity.name, entity.aliases))
    for node in predicted_nodes:
        if node.id not in matched_nodes:
            _count(entity_rows, node.type, fp=1)
            entity_fp.append(
                EntityError(doc.document, node.type, node.name, tuple(node.aliases), node.id)
            )
    return entity_rows, entity_fp, entity_fn


def _score_relations(
    doc: GoldDocument,
    predicted_edges: list[Edge],
    pairs: Mapping[int, Edge],
    nodes: Mapping[str, Node],
) -> tuple[
    dict[str, ScoreRow],
    list[RelationError],
    list[RelationError],
    RoleAccuracy,
    list[RoleMismatch],
]:
    """Rows by type, false positives, false negatives, role accuracy and role mismatches
    of one document's relations (`pairs`: gold relation index → the edge aligned to it)."""
    relation_rows: dict[str, ScoreRow] = {}
    relation_fp: list[RelationError] = []
    relation_fn: list[RelationError] = []
    mismatches: list[RoleMismatch] = []
    total = exact = partial = 0
    matched_edges = {id(matched) for matched in pairs.values()}
    for index, rel in enumerate(doc.relations):
        paired = pairs.get(index)
        if paired is None:
            _count(relation_rows, rel.type, fn=1)
            relation_fn.append(
                RelationError(doc.document, rel.type, rel.source, rel.target, rel.role)
            )
            continue
        _count(relation_rows, rel.type, tp=1)
        if rel.role is not None:
            predicted_role = _role(paired)
            total += 1
            if _same_role(rel.role, predicted_role):
                exact += 1
                partial += 1
            else:
                partial += int(_overlapping_role(rel.role, predicted_role))
                mismatches.append(
                    RoleMismatch(doc.document, rel.source, rel.target, rel.role, predicted_role)
                )
    for edge in predicted_edges:
        if id(edge) not in matched_edges:
            _count(relation_rows, edge.type, fp=1)
            relation_fp.append(
                RelationError(
                    doc.document,
                    edge.type,
                    _node_name(nodes, edge.source),
                    _node_name(nodes, edge.target),
                    _role(edge),
                    edge.id,
                )
            )
    return relation_rows, relation_fp, relation_fn, RoleAccuracy(total, exact, partial), mismatches


def align_entities(gold: Iterable[GoldEntity], predicted: Iterable[Node]) -> dict[str, str]:
    """One-to-one matching, gold entity name -> predicted node id.

    Greedy over all candidate pairs, strongest first (name = name, then name = alias, then
    alias = alias), so a loose alias match cannot take a node another entity names exactly.
    """
    candidates: list[tuple[int, int, str, str]] = []
    nodes = list(predicted)
    for g_index, entity in enumerate(gold):
        g_name, g_all = fold(entity.name), entity.folded_names()
        for node in nodes:
            if node.type != entity.type:
                continue
            p_name, p_all = fold(node.name), _folded_names(node.name, node.aliases)
            if not g_all & p_all:
                continue
            if g_name == p_name:
                strength = 3
            elif g_name in p_all or p_name in g_all:
                strength = 2
            else:
                strength = 1
            candidates.append((-strength, g_index, node.id, entity.name))
    candidates.sort()
    alignment: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, node_id, name in candidates:
        if name not in alignment and node_id not in taken:
            alignment[name] = node_id
            taken.add(node_id)
    return alignment


ACTOR_TYPES = ("Person", "Institution", "Country")


def find_duplicates(
    doc: GoldDocument, predicted: list[Node], alignment: Mapping[str, str]
) -> list[DuplicateActor]:
    """Gold actors that more than one node of the document stands for: the node aligned to
    it plus every node aligned to nothing that names it (a name or alias, a bare surname, an
    acronym, a near spelling: "Zelenskiy" for "Zelenskyy"). A node of another actor type
    counts too: one person typed once as Person and once as Institution is two nodes."""
    aligned = set(alignment.values())
    spare = [n for n in predicted if n.id not in aligned and n.type in ACTOR_TYPES]
    actors = [e for e in doc.entities if e.type in ACTOR_TYPES]
    claims: dict[str, list[str]] = {}
    for node in spare:
        owners = [e for e in actors if _names_same_actor(e, node)]
        if len(owners) == 1:  # an ambiguous short form ("Li") is no evidence of a split
            claims.setdefault(owners[0].name, []).append(node.name)
    out = []
    for entity in actors:
        extra = claims.get(entity.name, [])
        if not extra:
            continue
        names = ([n.name for n in predicted if n.id == alignment.get(entity.name)]) + extra
        if len(names) > 1:
            out.append(DuplicateActor(doc.document, entity.name, tuple(names)))
    return out


def _names_same_actor(entity: GoldEntity, node: Node) -> bool:
    gold_names = entity.folded_names()
    for name in _folded_names(node.name, node.aliases):
        if name in gold_names:
            return True
        words = name.split()
        for g in gold_names:
            g_words = g.split()
            if (
                len(words) < len(g_words)
                and words[-1:] == g_words[-1:]
                and set(words) <= set(g_words)
            ):
                return True  # "scholz" for "olaf scholz"
            if len(name) >= 2 and " " not in name and name == "".join(w[0] for w in g_words):
                return True  # "irgc" for "islamic revolutionary guard corps"
            if min(len(name), len(g)) >= 6 and fuzz.ratio(name, g) >= 88:
                return True  # transliterations
    return False


def align_relations(
    gold: Iterable[GoldRelation], predicted: Iterable[Edge], node_to_gold: Mapping[str, str]
) -> dict[int, Edge]:
    """One-to-one matching, gold relation index -> predicted edge.

    Endpoints go through the entity alignment; symmetric types match in either order.
    Pairs whose roles agree are taken first, so two roles held in the same body pair up right.
    """
    relations = load_schema().relations
    candidates: list[tuple[int, int, int, Edge]] = []
    for e_index, edge in enumerate(predicted):
        source, target = node_to_gold.get(edge.source), node_to_gold.get(edge.target)
        if source is None or target is None:
            continue
        symmetric = edge.type in relations and relations[edge.type].symmetric
        for g_index, rel in enumerate(gold):
            if rel.type != edge.type:
                continue
            forward = (rel.source, rel.target) == (source, target)
            backward = symmetric and (rel.source, rel.target) == (target, source)
            if forward or backward:
                role_agrees = rel.role is None or _same_role(rel.role, _role(edge))
                candidates.append((0 if role_agrees else 1, g_index, e_index, edge))
    candidates.sort(key=lambda c: c[:3])
    pairs: dict[int, Edge] = {}
    used: set[int] = set()
    for _, g_index, e_index, edge in candidates:
        if g_index not in pairs and e_index not in used:
            pairs[g_index] = edge
            used.add(e_index)
    return pairs


# --- helpers -----------------------------------------------------------------------------


def _folded_names(name: str, aliases: Iterable[str]) -> frozenset[str]:
    return frozenset(f for f in (fold(n) for n in (name, *aliases)) if f)


def _role(edge: Edge) -> str | None:
    role = edge.properties.get("role")
    return str(role) if role is not None else None


def _same_role(gold: str, predicted: str | None) -> bool:
    return predicted is not None and fold(gold) == fold(predicted)


def _overlapping_role(gold: str, predicted: str | None) -> bool:
    """One role's words appear, in order, inside the other's ("President" in "President of…")."""
    if not predicted:
        return False
    a, b = f" {fold(gold)} ", f" {fold(predicted)} "
    return bool(a.strip() and b.strip()) and (a in b or b in a)


def _node_name(nodes: Mapping[str, Node], node_id: str) -> str:
    node = nodes.get(node_id)
    return node.name if node else node_id


def _count(rows: dict[str, ScoreRow], label: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
    rows[label] = rows.get(label, ScoreRow(label)) + ScoreRow(label, tp, fp, fn)


def _merge(into: dict[str, ScoreRow], rows: Mapping[str, ScoreRow]) -> None:
    for label, row in rows.items():
        into[label] = into.get(label, ScoreRow(label)) + row


def _total(rows: Iterable[ScoreRow]) -> ScoreRow:
    total = ScoreRow(TOTAL)
    for row in rows:
        total = ScoreRow(TOTAL, total.tp + row.tp, total.fp + row.fp, total.fn + row.fn)
    return total


def _ordered(rows: Mapping[str, ScoreRow], order: list[str]) -> list[ScoreRow]:
    """Schema order first; types the schema does not know (bad predictions) after, by name."""
    known = [rows[t] for t in order if t in rows]
    unknown = [rows[t] for t in sorted(rows) if t not in order]
    return known + unknown


def run(gold: list[GoldDocument], docs_dir: Path, service: IngestionService) -> EvaluationReport:
    """Ingest the documents the gold describes into a scratch embedded store through the
    ingestion service (its model loaded once for every run) and score it.

    Raises FileNotFoundError naming the documents that are missing from docs_dir."""
    import tempfile

    from graph.store.sqlite import SqliteStore

    paths = [Path(docs_dir) / g.document for g in gold]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"gold documents not found: {', '.join(missing)}")
    with tempfile.TemporaryDirectory() as scratch, SqliteStore(Path(scratch)) as store:
        service.ingest_paths(store, paths)
        return score(store.export(), gold)
