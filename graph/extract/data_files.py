"""The extraction's data files: `graph/extract/data/<name>.toml`, one a rule or layer, each
parsed once per process and shared by every module that reads it."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"


@cache
def data_file(name: str) -> dict[str, Any]:
    """The parsed `data/<name>.toml` ("names_again" → data/names_again.toml). Shared between
    callers: read it, never change it."""
    return tomllib.loads((DATA_DIR / f"{name}.toml").read_text(encoding="utf-8"))
