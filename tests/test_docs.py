"""The README's commands work as written: each curl URL is one curl accepts
(curl refuses a raw space: `curl 'localhost:8000/search?q="red line"'` is
"URL using bad/illegal format"), and the article ids it shows are the samples'."""
from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [line for line in README.splitlines() if line.startswith("curl ")]
#: What curl 7.x/8.x refuses or mangles in a URL given on the command line.
_NOT_IN_A_URL = re.compile(r'[\s"<>{}|\\^`]')


def _urls(command: str) -> list[str]:
    words = shlex.split(command.split("  #")[0].rstrip("\\ "))
    options_with_values = {"-o", "-H", "-X", "-d", "--data-urlencode"}
    urls, skip = [], False
    for word in words[1:]:
        if skip:
            skip = False
        elif word in options_with_values:
            skip = True
        elif not word.startswith("-"):
            urls.append(word)
    return urls


def test_the_readme_has_curl_examples():
    assert len(COMMANDS) > 15


@pytest.mark.parametrize("command", COMMANDS)
def test_each_curl_url_is_one_curl_accepts(command):
    for url in _urls(command):
        if "<" in url:  # a placeholder such as <id>, to be replaced
            continue
        assert url.startswith("localhost:8000/") and not _NOT_IN_A_URL.search(url), url


def test_the_article_ids_shown_are_the_samples(client):
    ids = set(re.findall(r"localhost:8000/articles/([0-9a-f]{24})\b", README))
    assert ids
    for article_id in ids:
        assert client.get(f"/articles/{article_id}").status_code == 200, article_id
