"""Browser tests: the real app served by uvicorn on 127.0.0.1, driven through Debian's
Chromium with Playwright. Chromium comes from `bash scripts/browser.sh install` (apt-get);
Playwright never downloads a browser of its own."""

from __future__ import annotations

import base64
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from app.main import create_app
from graph.config import Settings
from graph.model import GraphData
from graph.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # WebGL without a GPU: sigma draws through SwiftShader
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
VIEWPORT = {"width": 1440, "height": 900}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """The app on a free loopback port, in a thread, over an embedded store in `data_dir`."""

    def __init__(self, data_dir: Path, **settings: object) -> None:
        self.store = SqliteStore(data_dir)  # for the tests' own expectations
        app = create_app(Settings(store="embedded", data_dir=data_dir, **settings))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def seeds_server(
    seeds_graph: GraphData, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    data_dir = tmp_path_factory.mktemp("browser-store")
    SqliteStore(data_dir).import_graph(seeds_graph)
    with LiveServer(data_dir) as server:
        yield server


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: bash scripts/browser.sh install"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageErrors(list):
    """JavaScript errors and alert/confirm/prompt dialogs seen on a page."""


@pytest.fixture
def page(chromium) -> Iterator[object]:
    context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True)
    pg = context.new_page()
    errors = PageErrors()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", on_dialog)
    pg.js_errors = errors
    pg.dialogs = dialogs
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not dialogs, f"dialogs opened: {dialogs}"


def screenshot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path))
    return path


def wait_ready(pg, timeout: float = 20_000) -> None:
    """The explorer has loaded its data and drawn it."""
    pg.wait_for_selector("#graph[data-state=ready]", timeout=timeout)
    pg.wait_for_function(
        "() => Boolean(document.getElementById('graph').dataset.firstRender)", timeout=timeout
    )


def wait_layout_stopped(pg, timeout: float = 30_000) -> None:
    pg.wait_for_selector("#graph[data-layout=stopped]", state="attached", timeout=timeout)


def node_count(pg) -> int:
    return int(pg.get_attribute("#graph", "data-node-count"))


PIXELS_JS = """
async ([dataUrl, bg]) => {
  const img = new Image();
  img.src = dataUrl;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let differ = 0;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4) {
    const dist = Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]);
    if (dist > 24) differ++;
    colours.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
  }
  return { width: c.width, height: c.height, differ, colours: colours.size };
}
"""


def pixel_stats(pg, png: bytes, background: tuple[int, int, int]) -> dict:
    """Decode a PNG in the page and count pixels that differ from the background."""
    url = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return pg.evaluate(PIXELS_JS, [url, list(background)])
