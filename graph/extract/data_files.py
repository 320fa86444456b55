"""The extraction's data files: `graph/extract/data/<name>.toml`, one a rule or layer, and the
two tables several modules share (`graph/extract/rules.toml`, `actor_pairs.toml`), each parsed
once per process and shared by every module that reads it."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

EXTRACT_DIR = Path(__file__).parent
DATA_DIR = EXTRACT_DIR / "data"


@cache
def data_file(name: str) -> dict[str, Any]:
    """The parsed `data/<name>.toml` ("names_again" → data/names_again.toml). Shared between
    callers: read it, never change it."""
    return tomllib.loads((DATA_DIR / f"{name}.toml").read_text(encoding="utf-8"))


@cache
def rule_table(name: str) -> dict[str, Any]:
    """The parsed `graph/extract/<name>.toml` ("rules", "actor_pairs"): the tables many rules
    read. Shared between callers: read it, never change it."""
    return tomllib.loads((EXTRACT_DIR / f"{name}.toml").read_text(encoding="utf-8"))
