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


# -- Configuration: the README's table and service/config.py agree ------------

CONFIG_SOURCE = (ROOT / "service" / "config.py").read_text(encoding="utf-8")
CONFIGURATION = README.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
#: `| \`NAME\` | default | meaning |` rows of the README's settings table.
SETTING_ROWS = re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \| ([^|]+) \|", CONFIGURATION, re.M)
_VARIABLE = re.compile(r'"((?:NEWS_INDEX|ELASTICSEARCH|GUNICORN)_[A-Z0-9_]+|WEB_CONCURRENCY|PORT)"')


def test_every_variable_config_reads_is_documented():
    read = set(_VARIABLE.findall(CONFIG_SOURCE))
    assert len(read) > 30
    missing = sorted(name for name in read if f"`{name}`" not in CONFIGURATION)
    assert not missing, f"read in service/config.py, not in the README's Configuration: {missing}"


def test_every_documented_variable_is_read():
    readers = CONFIG_SOURCE + (ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")
    assert len(SETTING_ROWS) > 30
    unread = [name for name, _ in SETTING_ROWS if f'"{name}"' not in readers]
    assert not unread, f"documented but read nowhere: {unread}"


@pytest.mark.parametrize("name, default", [
    (name, re.match(r"`([^`]+)`", cell.strip()).group(1))
    for name, cell in SETTING_ROWS if re.match(r"`[^`]+`", cell.strip())])
def test_each_documented_default_is_the_default(name, default):
    """Setting a variable to its documented default changes nothing."""
    from service.config import Config, ServerConfig

    for kind in (Config, ServerConfig):
        if f'"{name}"' in CONFIG_SOURCE.split(f"class {kind.__name__}", 1)[1]:
            assert kind.from_env({name: default}) == kind.from_env({}), (name, default)


# -- Errors: every code the service answers with is in the README's table -----

def _codes(base) -> set[str]:
    codes = set()
    for kind in base.__subclasses__():
        codes |= {kind.code} | _codes(kind)
    return codes


def test_every_error_code_is_in_the_status_table():
    import service.backends.elastic_client  # noqa: F401  (EngineError: backend_error)
    import service.quotes  # noqa: F401  (StatementNotFound: not_found)
    from service.api.errors import HTTP_CODES
    from service.errors import NewsIndexError
    from service.query import QueryError

    table = "\n".join(line for line in README.split("\n### Search", 1)[0].splitlines()
                      if re.match(r"\| \d{3}", line))
    answered = _codes(NewsIndexError) | _codes(QueryError) | {"invalid_json"}
    answered |= {code for status, code in HTTP_CODES.items()
                 if status in (401, 403, 404, 405, 406, 413, 414, 415, 422)}
    missing = sorted(code for code in answered if f"`{code}`" not in table)
    assert not missing, f"error codes missing from the README's status table: {missing}"


# -- Links: every internal anchor and relative link of the markdown resolves ----

MARKDOWN = [ROOT / "README.md", ROOT / "docs" / "engine-notes.md", ROOT / "benchmarks" / "README.md",
            ROOT / "samples" / "README.md"]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_and_anchors_resolve(path):
    text = path.read_text(encoding="utf-8")
    anchors = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith(("http://", "https://")):
            continue
        file, _, anchor = target.partition("#")
        if file:
            assert (path.parent / file).exists(), f"{path.name}: {target}"
        elif anchor:
            assert anchor in anchors, f"{path.name}: #{anchor}"


def test_the_spec_lists_every_write_refusal(client):
    """A client generated from /openapi.json learns that a write may be refused
    for want of a key (401), because writes are off (403) or the writer is busy (503)."""
    paths = client.get("/openapi.json").get_json()["paths"]
    for operation in (paths["/articles"]["post"], paths["/articles/{article_id}"]["delete"]):
        assert {"401", "403", "503"} <= set(operation["responses"]), operation["responses"].keys()


def test_the_spec_lists_engine_failures_on_every_route_that_asks_the_engine(client):
    """/search listed 503 and 504; /quotes, /export, /sources, an article's GET and
    the rest, which answer them the same way when the engine is down or slow
    (Elasticsearch), did not: a client generated from the spec knew of them
    on one route only."""
    paths = client.get("/openapi.json").get_json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            if method not in ("get", "post", "delete") or path == "/healthz":
                continue
            wanted = {"503"} if path == "/readyz" else {"503", "504"}
            assert wanted <= set(operation["responses"]), (method, path, sorted(operation["responses"]))


def test_the_spec_says_what_filters_ignore(client):
    """The README and the spec both say what the name filters fold, as they do:
    `place=krakow` finds the samples' KRAKÓW dateline; the spec once said only case."""
    assert client.get("/search?place=krakow").get_json()["total"] >= 1
    parameters = client.get("/openapi.json").get_json()["paths"]["/search"]["get"]["parameters"]
    place = next(p for p in parameters if p["name"] == "place")
    row = next(line for line in README.splitlines() if line.startswith("| `outlet`, `place`, `speaker`"))
    for folded in ("case", "accents", "hyphens", "periods", "apostrophes"):
        assert folded in place["description"] and folded in row, folded


def test_the_error_shown_is_the_one_the_api_gives(client):
    """The README's example error is what an unclosed phrase really answers."""
    import json
    from urllib.parse import quote

    shown = json.loads(re.search(r'```json\n(\{"code": "query_syntax".*\})\n```', README).group(1))
    response = client.get("/search?q=" + quote('red "line'))
    assert response.status_code == 400 and response.get_json() == shown


def test_the_limit_error_shown_is_the_one_the_api_gives(client):
    """The Operations section's example: 51 terms. It once showed `details` without `errors`."""
    import json

    shown = json.loads(re.search(r'\(`(\{"code":\s+"query_too_complex".*?\}\}\}\})`\)', README, re.S)
                       .group(1).replace("\n", " "))
    response = client.get("/search", query_string={"q": " ".join(f"w{i}" for i in range(51))})
    assert response.status_code == 400 and response.get_json() == shown


def test_the_body_error_shown_is_the_one_the_api_gives(client, auth):
    """The README's second example: an article's field error under the body's location."""
    import json

    shown = json.loads(re.search(r'```json\n(\{"code": "invalid_article".*\})\n```', README).group(1))
    article = {"headline": "Ferry timetable changes", "body": ["The ferry changes its timetable."],
               "dateline": {"published_at": "2024-02-30"}}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 422 and response.get_json() == shown


def test_the_spec_documents_the_shape_of_details_errors(client):
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    errors = schemas["ErrorDetails"]["properties"]["errors"]
    assert errors["type"] == "object" and errors["additionalProperties"]["type"] == "object"
    for word in ("400", "422", "query", "json", "path", "_schema"):
        assert word in errors["description"], word


def test_the_log_fields_named_are_the_ones_written():
    """The access line's fields are the README's; and with no client address among
    them, no setting may say it puts one in the logs (NEWS_INDEX_PROXY_HOPS did)."""
    from service.logs import REQUEST_FIELDS

    logs = README.split("**Logs**", 1)[1].split("\n\n", 1)[0]
    assert all(f"`{name}`" in logs for name in REQUEST_FIELDS), logs
    proxy_hops = next(line for line in README.splitlines() if line.startswith("| `NEWS_INDEX_PROXY_HOPS`"))
    assert "log" not in proxy_hops.replace("no log line records a client address", ""), proxy_hops
