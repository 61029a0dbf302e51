"""Debian's Chromium (Playwright, never a downloaded browser) against the
service on a free loopback port with the sample articles, plus one hostile
article posted through the API."""
from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.live import API_KEY, ChromiumMissing, ensure_chromium, launch, load_samples, serve

HOSTILE = {
    "headline": "Harbour board <img src=x onerror=\"window.__pwned=1\"> meets",
    "body": ["OSKARVIK, May 2 (Reuters) - The agenda read <script>window.__pwned = 1</script> in full.",
             "Members asked why <b onmouseover=\"window.__pwned=1\">bold</b> text was pasted in."],
    "url": "https://example.org/harbour-board-agenda",
}


@pytest.fixture(scope="session")
def chromium():
    try:
        ensure_chromium()  # installs it when root; never skips
    except ChromiumMissing as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def live(chromium, tmp_path_factory):
    """(base URL, id of the hostile article)."""
    data_dir = tmp_path_factory.mktemp("browser-data")
    load_samples(data_dir)
    with serve(data_dir) as base:
        request = urllib.request.Request(
            base + "/articles", data=json.dumps(HOSTILE).encode(), method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            hostile_id = json.loads(response.read())["id"]
        yield base, hostile_id


@pytest.fixture(scope="session")
def base(live):
    return live[0]


@pytest.fixture(scope="session")
def arabic_id(base):
    """An Arabic article, posted through the API; its id."""
    from tests.web.test_bidi import ARABIC

    request = urllib.request.Request(
        base + "/articles", data=json.dumps(ARABIC).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["id"]


@pytest.fixture(scope="session")
def browser(chromium):
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture()
def nojs_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
