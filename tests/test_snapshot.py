"""Whole-graph work cached per store version: computed in the background, answered from the
previous version (flagged stale) right after a write, current again once recomputed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from httpx import Response

from app.main import create_app
from graph import igraph_measures
from graph.analytics import COMMUNITY_SEED, analyse, betweenness
from graph.config import Settings
from graph.model import Edge, Evidence, GraphData, Node
from graph.schema import DOCUMENT
from graph.snapshot import SnapshotCache
from graph.store.sqlite import SqliteStore


def fresh(cache: SnapshotCache, version: int, timeout: float = 120.0):
    """Poll until the cache answers for `version` (no fixed sleep)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snap, stale = cache.get()
        if snap.version == version and not stale:
            return snap
        time.sleep(0.05)
    raise AssertionError(f"no snapshot of version {version} within {timeout}s")


def answered(client: TestClient, url: str, what: str, timeout: float = 120.0) -> Response:
    """The first answer of `url` that is not a 503 (a measure still being computed)."""
    deadline = time.monotonic() + timeout
    while (answer := client.get(url)).status_code == 503:
        assert time.monotonic() < deadline, f"{what} never came"
        time.sleep(0.05)
    return answer


def meeting(doc: str, a: str, b: str) -> GraphData:
    ev = [Evidence(document=doc, sentence=f"{a} met {b}.", start=0, end=5)]
    people = [Node(id=f"person:{x}", type="Person", name=x.title()) for x in (a, b)]
    mentions = [
        Edge(id=f"rel:{doc}-{p.id}", source=doc, target=p.id, type="MENTIONS", evidence=ev)
        for p in people
    ]
    met = Edge(
        id=f"rel:{a}-{b}", source=people[0].id, target=people[1].id, type="MET_WITH", evidence=ev
    )
    return GraphData(nodes=[Node(id=doc, type=DOCUMENT, name=doc), *people], edges=[*mentions, met])


def test_a_write_is_answered_stale_then_recomputed(tmp_path: Path, seeds_graph: GraphData) -> None:
    store = SqliteStore(tmp_path)
    store.import_graph(seeds_graph)
    cache = SnapshotCache(store, poll_s=None)  # recomputes when asked: the steps are certain
    try:
        first, stale = cache.get()
        assert not stale and first.version == store.version()
        want = analyse(store.export(), "pagerank", limit=5)
        assert first.result("pagerank", 5, 0, stale).results == want.results

        store.replace_document("doc:new", meeting("doc:new", "ann", "bob"))
        snap, stale = cache.get()
        assert snap.version == first.version and stale  # the previous answer at once, flagged
        second = fresh(cache, store.version())
        assert "person:ann" in second.graph and "person:ann" not in first.graph
        assert second.result("degree", 500, 0, False).total == first.graph.number_of_nodes() + 2
    finally:
        cache.close()


def test_writes_of_another_process_are_noticed(tmp_path: Path) -> None:
    store, other = SqliteStore(tmp_path), SqliteStore(tmp_path)
    store.replace_document("doc:a", meeting("doc:a", "ann", "bob"))
    cache = SnapshotCache(store)
    try:
        cache.get()
        other.replace_document("doc:b", meeting("doc:b", "cat", "dan"))
        snap = fresh(cache, other.version())
        assert {"person:cat", "person:dan"} <= set(snap.graph)
    finally:
        cache.close()


def test_betweenness_is_sampled_above_a_size_and_says_so() -> None:
    g = nx.barbell_graph(30, 3)
    nx.set_node_attributes(g, 0, "degree")
    exact, approximate = betweenness(g)
    assert not approximate
    sampled, approximate = betweenness(g, exact_nodes=10, work=200)
    assert approximate
    broker = max(exact, key=exact.__getitem__)
    assert sampled[broker] == pytest.approx(exact[broker], rel=0.5)


def test_the_api_says_which_version_answered(tmp_path: Path, seeds_graph: GraphData) -> None:
    SqliteStore(tmp_path).import_graph(seeds_graph)
    app = create_app(Settings(store="embedded", data_dir=tmp_path))
    with TestClient(app) as client:
        version = SqliteStore(tmp_path).version()
        answer = client.get("/api/analytics", params={"metric": "betweenness"}).json()
        assert answer["version"] == version and answer["stale"] is False
        assert answer["approximate"] is False
        filtered = client.get("/api/analytics", params={"types": "Person"}).json()
        assert filtered["version"] == version
        assert {r["type"] for r in filtered["results"]} == {"Person"}


def test_a_first_snapshot_in_the_making_is_not_a_store_outage(
    tmp_path: Path, seeds_graph: GraphData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the first snapshot is computed, /api/overview answers 503 (retry) but the rest
    of the API goes on, and the computation under way is the only one: before, the 503
    marked the store unreachable, the store was reopened with a new cache, and the whole
    computation started again beside the first, every minute."""
    import graph.snapshot as snapshot

    SqliteStore(tmp_path).import_graph(seeds_graph)
    release, started = threading.Event(), []
    real = snapshot.first_tier

    def slow_compute(
        store: SqliteStore, version: int, previous: snapshot.Snapshot | None = None
    ) -> snapshot.Snapshot:
        started.append(version)
        assert release.wait(120), "the test never released the computation"
        return real(store, version, previous)

    monkeypatch.setattr(snapshot, "first_tier", slow_compute)
    monkeypatch.setattr(SnapshotCache.get, "__defaults__", (0.2,))  # wait 0.2 s, not 60
    app = create_app(Settings(store="embedded", data_dir=tmp_path, store_retry_seconds=30))
    with TestClient(app) as client:
        try:
            first = client.get("/api/overview")
            assert first.status_code == 503 and "Retry-After" in first.headers
            assert "still being computed" in first.json()["detail"]
            assert client.get("/api/stats").status_code == 200  # the store is not "down"
            assert client.get("/").status_code == 503  # the home page waits for it too
            assert client.get("/api/overview").status_code == 503
            assert len(started) == 1  # one computation, not one per 503
        finally:
            release.set()
        answer = answered(client, "/api/overview", "the first snapshot")
        assert answer.status_code == 200 and answer.json()["actors"] > 0
        assert len(started) == 1


def held_later_tiers(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[str]]:
    """The later measures wait for the returned event; the list records each started."""
    import graph.snapshot as snapshot

    release, started = threading.Event(), []
    real = snapshot.with_measure

    def slow(snap: snapshot.Snapshot, metric: str) -> snapshot.Snapshot:
        started.append(metric)
        assert release.wait(120), "the test never released the later measures"
        return real(snap, metric)

    monkeypatch.setattr(snapshot, "with_measure", slow)
    return release, started


def test_pages_and_pagerank_answer_while_the_later_measures_are_computed(
    tmp_path: Path, seeds_graph: GraphData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million ties Louvain takes many minutes: the home page, the overview and
    PageRank must not wait for it. They answer from the first tier and say what is still
    being computed; a measure never computed yet answers 503 and says so."""
    SqliteStore(tmp_path).import_graph(seeds_graph)
    release, started = held_later_tiers(monkeypatch)
    monkeypatch.setattr(SnapshotCache.measured, "__defaults__", (0.2,))  # wait 0.2 s, not 60
    app = create_app(Settings(store="embedded", data_dir=tmp_path, store_retry_seconds=30))
    with TestClient(app) as client:
        try:
            overview = client.get("/api/overview")
            assert overview.status_code == 200, overview.text
            assert overview.json()["pending"] == ["betweenness", "communities"]
            assert overview.json()["nodes"] and overview.json()["communities"] == []
            home = client.get("/")
            assert home.status_code == 200 and "Still being computed" in home.text
            pagerank = client.get("/api/analytics", params={"metric": "pagerank"})
            assert pagerank.status_code == 200, pagerank.text
            assert pagerank.json()["pending"] == ["betweenness", "communities"]
            assert pagerank.json()["results"] and not pagerank.json()["stale"]
            waiting = client.get("/api/analytics", params={"metric": "communities"})
            assert waiting.status_code == 503 and "Retry-After" in waiting.headers
            assert "communities measure is still being computed" in waiting.json()["detail"]
            assert waiting.json()["pending"] == ["betweenness", "communities"]
            assert client.get("/api/stats").status_code == 200  # the store is not "down"
        finally:
            release.set()
        answer = answered(client, "/api/analytics?metric=communities", "the communities")
        assert answer.json()["communities"] and answer.json()["pending"] == []
        assert started == ["betweenness", "communities"]  # each once, cheapest first
        assert client.get("/api/overview").json()["communities"]
        assert "Still being computed" not in client.get("/").text


def test_after_a_write_a_later_measure_is_the_previous_versions_until_recomputed(
    tmp_path: Path, seeds_graph: GraphData, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteStore(tmp_path)
    store.import_graph(seeds_graph)
    cache = SnapshotCache(store, poll_s=None)
    try:
        before = cache.measured("communities")[0]  # every tier of the first version
        assert before.pending == ()
        release, _ = held_later_tiers(monkeypatch)
        store.replace_document("doc:new", meeting("doc:new", "ann", "bob"))
        newest = fresh(cache, store.version())  # its first tier: ann and bob are in it
        assert "person:ann" in newest.graph and newest.pending == ("betweenness", "communities")
        snap, stale = cache.measured("communities")
        assert snap is before and stale  # the previous version's, flagged
        assert [c.label for c in newest.communities] == [c.label for c in before.communities]
        assert cache.measured("pagerank") == (newest, False)
        release.set()
        deadline = time.monotonic() + 120
        while (answer := cache.measured("communities"))[0].version != newest.version:
            assert time.monotonic() < deadline, "the communities were never recomputed"
            time.sleep(0.05)
        assert answer[1] is False and "person:ann" in answer[0].member_of
    finally:
        cache.close()


def test_betweenness_is_networkx_s_exact_and_sampled() -> None:
    # computed in igraph's C core, normalised and sampled as networkx does it: the same
    # numbers (networkx's own seeded sample of sources)
    g = nx.relabel_nodes(nx.gnm_random_graph(120, 300, seed=3), lambda i: f"a{i}")
    nx.set_node_attributes(g, 0, "degree")
    exact, approximate = betweenness(g)
    assert not approximate
    assert exact == pytest.approx(nx.betweenness_centrality(g, normalized=True), abs=1e-12)
    sampled, approximate = betweenness(g, exact_nodes=10, work=300 * 20)
    reference = nx.betweenness_centrality(g, k=20, normalized=True, seed=COMMUNITY_SEED)
    assert approximate and sampled == pytest.approx(reference, abs=1e-12)


def test_big_graphs_measured_in_a_child_answer_the_same() -> None:
    # above APART_TIES igraph runs in a child process (it holds the interpreter lock for
    # the whole call, which would stall the server's requests): same seed, same answer
    g = nx.relabel_nodes(nx.gnm_random_graph(300, 1200, seed=5), lambda i: f"a{i}")
    nx.set_edge_attributes(g, 1, "weight")
    assert igraph_measures.louvain(g, 7, apart_ties=0) == igraph_measures.louvain(g, 7)
    apart = igraph_measures.betweenness(g, 25, 7, apart_ties=0)
    assert apart == igraph_measures.betweenness(g, 25, 7)
