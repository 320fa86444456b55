"""The Neo4j store's reads take their parameters in one map (q.in_one_map), so that Neo4j
plans each statement once, not once per size bucket of its lists and strings. The answers
themselves are checked on a real server by the store and contract tests."""

from __future__ import annotations

from graph.store import neo4j_cypher as q


def test_every_parameter_is_read_from_the_one_map() -> None:
    statement = "UNWIND $ids AS id MATCH (n {id: id}) WHERE n.type IN $types LIMIT $take"
    assert q.in_one_map(statement) == (
        "UNWIND $p.ids AS id MATCH (n {id: id}) WHERE n.type IN $p.types LIMIT $p.take"
    )


def test_quoted_text_and_names_are_left_alone() -> None:
    statement = "RETURN '$ids', \"a $b\", 'it\\'s $c', `$d` AS x, $e AS `$f`"
    assert q.in_one_map(statement) == (
        "RETURN '$ids', \"a $b\", 'it\\'s $c', `$d` AS x, $p.e AS `$f`"
    )


def test_the_walk_keeps_its_quoted_summary_patterns() -> None:
    statement = q.walked_capped_answer(["MET_WITH"], False, False, True)
    rewritten = q.in_one_map(statement)
    assert "$" not in rewritten.replace("$p.", "")
    assert rewritten.count('\'{"document":"\'') == statement.count('\'{"document":"\'') == 1
