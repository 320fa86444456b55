"""The pages' committed bundles (static/js/dist/) are what the ES modules in static/js/src/
build to with the pinned esbuild and packages (static/js/build.sh into a temporary
directory, compared byte for byte), so nobody edits a module and forgets the bundle, or
edits the bundle by hand. The modules stay small. Needs node and npm (here and in CI; npm's
cache is .cache/npm/)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

SRC = ROOT / "static" / "js" / "src"
DIST = ROOT / "static" / "js" / "dist"
MODULE_LINES = 250


def needs_npm() -> None:
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{' and '.join(missing)} missing: the bundles cannot be rebuilt here"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def test_the_committed_bundles_are_what_the_modules_build_to(tmp_path: Path) -> None:
    needs_npm()
    out = tmp_path / "dist"
    done = subprocess.run(
        ["bash", str(ROOT / "static" / "js" / "build.sh"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    built = sorted(p.name for p in out.iterdir())
    assert built == sorted(p.name for p in DIST.iterdir())
    stale = [name for name in built if (out / name).read_bytes() != (DIST / name).read_bytes()]
    assert not stale, f"static/js/dist/ is stale ({stale}): run bash static/js/build.sh"


def test_every_page_loads_one_bundle_that_exists() -> None:
    for template, bundle in [("explore.html", "explore.js"), ("entity.html", "entity.js")]:
        text = (ROOT / "templates" / template).read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', text)
        assert f"/static/js/dist/{bundle}" in scripts, template
        assert not [s for s in scripts if "/vendor/" in s or s.endswith("graphview.js")], template
        assert (DIST / bundle).stat().st_size > 10_000


def test_no_module_is_longer_than_the_limit() -> None:
    longer = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(SRC.rglob("*.js"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert not longer, f"split these modules: {longer}"
