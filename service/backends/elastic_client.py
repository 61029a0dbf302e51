"""The Elasticsearch client, built from `Config` alone, and its error mapping.

Two jobs, both about talking to the engine rather than searching it:

* `build_client` makes an `Elasticsearch` client from the `ELASTICSEARCH_*`
  settings (URL, API key or basic auth, CA certificate, request timeout).
  With `ELASTICSEARCH_PLAIN_JSON` it swaps in `PlainJsonNode`, so the very
  same code talks to Elasticsearch 8/9, OpenSearch and osmem.
* `engine_errors` turns transport failures into the service's typed errors:
  engine down → `BackendUnavailable` (503 + Retry-After), timeout →
  `SearchTimeout` (504), or `WriteTimeout` inside `writing()`. Nothing from
  the transport escapes as a 500.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterator

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, HttpHeaders, TransportError
from elastic_transport import Urllib3HttpNode
from elastic_transport._node import NodeApiResponse
from elasticsearch import ApiError, Elasticsearch

from ..config import Config
from ..errors import BackendUnavailable, EngineTimeout, IndexBusy, SearchTimeout, WriteTimeout

#: Seconds a client is told to wait before retrying when the engine is down.
RETRY_AFTER_SECONDS = 5
_COMPAT_MIMETYPE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+)(\s*;\s*compatible-with=\d+)?")


class PlainJsonNode(Urllib3HttpNode):
    """Sends `application/json` instead of the versioned Elasticsearch media type.

    elasticsearch-py rewrites every `Accept`/`Content-Type` to
    `application/vnd.elasticsearch+json; compatible-with=9`, which OpenSearch
    and osmem refuse with 406. Undoing the rewrite at the node (the last hop
    before the socket) is the one place that catches every request, bulk
    (`x-ndjson`) included. OpenSearch also omits the `X-Elastic-Product`
    header the client insists on, so the node supplies it on successful
    answers: whoever turns this setting on has chosen a compatible engine.
    """

    def perform_request(self, method: str, target: str, body: bytes | None = None,
                        headers: HttpHeaders | None = None, **kwargs) -> NodeApiResponse:
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in headers:
                headers[name] = plain_media_type(headers[name])
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        if 200 <= response.meta.status < 300 and "x-elastic-product" not in response.meta.headers:
            response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response


def plain_media_type(value: str) -> str:
    """`application/vnd.elasticsearch+json; compatible-with=9` → `application/json`."""
    return _COMPAT_MIMETYPE.sub(lambda m: f"application/{m.group(1)}", value)


def build_client(config: Config) -> Elasticsearch:
    if not config.elasticsearch_url:
        raise BackendUnavailable(
            "NEWS_INDEX_BACKEND=elasticsearch needs ELASTICSEARCH_URL.",
            retry_after=RETRY_AFTER_SECONDS,
        )
    options: dict = {
        "request_timeout": config.elasticsearch_timeout_seconds,
        # Our callers decide about retries (bulk has its own backoff);
        # a search that fails should fail fast into a 503/504.
        "max_retries": 0,
        "retry_on_timeout": False,
    }
    if config.elasticsearch_api_key:
        options["api_key"] = config.elasticsearch_api_key
    elif config.elasticsearch_username:
        options["basic_auth"] = (config.elasticsearch_username, config.elasticsearch_password or "")
    if config.elasticsearch_ca_certs:
        options["ca_certs"] = config.elasticsearch_ca_certs
    if config.elasticsearch_plain_json:
        options["node_class"] = PlainJsonNode
    return Elasticsearch(config.elasticsearch_url, **options)


@contextmanager
def engine_errors(action: str, timeout: type[EngineTimeout] = SearchTimeout) -> Iterator[None]:
    """Translate what the transport raises while doing `action`; a timeout
    raises `timeout` (admin steps pass EngineTimeout: they are no search)."""
    try:
        yield
    except ConnectionTimeout as error:
        raise timeout(f"Elasticsearch did not answer in time while {action}.") from error
    except TransportConnectionError as error:
        raise BackendUnavailable(
            f"Elasticsearch cannot be reached while {action}; try again shortly.",
            retry_after=RETRY_AFTER_SECONDS,
        ) from error
    except ApiError as error:
        if error_type(error.body) == WRITE_BLOCKED:
            raise reindexing() from error
        if error.meta.status in (429, 502, 503, 504):
            raise BackendUnavailable(
                f"Elasticsearch is overloaded or unavailable ({error.meta.status}) while {action}.",
                retry_after=RETRY_AFTER_SECONDS,
            ) from error
        if error.meta.status == 408:
            raise timeout(f"Elasticsearch timed out while {action}.") from error
        hint = ""
        if error.meta.status == 406 and "compatible-with" in str(error):
            hint = (" The engine takes no versioned Elasticsearch media type (OpenSearch, osmem): "
                    "set ELASTICSEARCH_PLAIN_JSON=true.")
        raise EngineError(f"Elasticsearch refused a request while {action}: {error}{hint}") from error
    except TransportError as error:
        raise BackendUnavailable(
            f"Elasticsearch failed while {action}: {error}", retry_after=RETRY_AFTER_SECONDS
        ) from error


#: What a client does about a write the engine did not confirm (WriteTimeout's advice).
SEND_AGAIN = ("Some articles may have been written; send the same articles again: ids are stable, so "
              "nothing is duplicated and what was written comes back unchanged.")
DELETE_AGAIN = ("The article or its quotes may be left; send the same DELETE again: it takes out "
                "whatever is left (a 404 then says the article itself was already gone).")


@contextmanager
def writing(advice: str = SEND_AGAIN) -> Iterator[None]:
    """Any timeout during a write is the write's: some of it may have landed.

    Every step of a write (the alias and write block checks, content hashes,
    bulk, refresh) then answers 504 `write_timeout`, which tells the client to
    send the same request again (`advice`), not `search_timeout`, which it would not.
    """
    try:
        yield
    except WriteTimeout:
        raise
    except EngineTimeout as error:
        raise WriteTimeout(f"{error.message} {advice}") from error


#: The error type of a write refused by an index's `index.blocks.write`.
WRITE_BLOCKED = "cluster_block_exception"


def error_type(body) -> str | None:
    """`error.type` of an engine's error body (a request's or a bulk item's), if it has one."""
    error = body.get("error") if isinstance(body, dict) else None
    return error.get("type") if isinstance(error, dict) else None


def bulk_reason(outcome: dict) -> str:
    """Why the engine refused one item of a bulk or mget (its error's type and reason), as text."""
    error = outcome.get("error")
    if isinstance(error, dict):
        return f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
    return f"status {outcome.get('status')}: {error}"


def reindexing() -> IndexBusy:
    """The refusal of a write while a reindex copies the index (see IndexAdmin.writes_blocked)."""
    return IndexBusy(
        "The index is being reindexed and takes no writes until the copy is done; try again shortly. "
        "If no reindex is running, an interrupted one left the block: run `python -m loaders reindex` again.",
        retry_after=RETRY_AFTER_SECONDS,
    )


class EngineError(BackendUnavailable):
    """The engine answered but refused the request (a mapping or index problem).

    A 503 rather than a 500: the fix is on the engine's side (create the index,
    repair the alias), and retrying after that works.
    """

    code = "backend_error"
