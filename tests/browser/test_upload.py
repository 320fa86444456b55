"""Adding documents from the documents page: pasted text and chosen files, the token asked
once per browser session, each document's result or refusal in words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser

TOKEN = "s3cret-token-for-the-browser-test"
STORY = (
    "Freedonia and Sylvania sign a trade pact\n\n"
    "PARIS, March 3, 2024 - Sylvanian Foreign Minister Anna Berg met with Freedonian "
    "President Rufus Firefly in Paris on Monday. The two countries signed an agreement on "
    "trade cooperation.\n"
)


@pytest.fixture
def upload_server(tmp_path: Path) -> Iterator[LiveServer]:
    with LiveServer(tmp_path / "store", api_token=TOKEN) as server:
        yield server


def test_pasted_text_is_added_and_the_token_is_asked_once(page, upload_server, tmp_path):
    page.goto(upload_server.url + "/documents")
    assert page.locator("#upload").get_attribute("open") is not None  # empty store: open
    page.fill("#upload-token", "wrong-token")
    page.fill("#upload-name", "pact.txt")
    page.fill("#upload-text", STORY)
    page.click("#upload-go")
    page.wait_for_selector("#upload-results tr.failed")
    assert "API token is wrong" in page.text_content("#upload-results tbody")

    page.fill("#upload-token", TOKEN)
    page.fill("#upload-name", "pact.txt")
    page.fill("#upload-text", STORY)
    page.click("#upload-go")
    page.wait_for_selector("#upload-results tr.ok", timeout=120_000)
    row = page.text_content("#upload-results tr.ok")
    assert "added" in row and "Person" in row
    assert TOKEN not in page.url
    assert page.evaluate("() => sessionStorage.getItem('actorgraph.token')") == TOKEN
    screenshot(page, "documents-upload")

    # a reload keeps the token for this session; a file upload of the same text is unchanged
    page.reload()
    assert page.locator("#upload").get_attribute("open") is None  # documents listed: folded
    page.click("#upload summary")
    assert page.input_value("#upload-token") == TOKEN
    story = tmp_path / "pact.txt"
    story.write_text(STORY, encoding="utf-8")
    page.set_input_files("#upload-files", str(story))
    page.click("#upload-go")
    page.wait_for_selector("#upload-results tr", timeout=120_000)
    text = page.text_content("#upload-results tbody")
    assert "unchanged" in text or "already" in text or "exists" in text, text
    stored = {n.name for n in upload_server.store.export().nodes}
    assert {"Anna Berg", "Rufus Firefly"} <= stored


def test_an_empty_form_says_what_to_do(page, upload_server):
    page.goto(upload_server.url + "/documents")
    page.click("#upload-go")
    assert "Choose files or paste a text" in page.text_content("#upload-progress")
