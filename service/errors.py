"""Domain errors. Each carries a stable `code`; only `service/api/errors.py`
knows which HTTP status each becomes."""
from __future__ import annotations


class NewsIndexError(Exception):
    code = "error"

    def __init__(self, message: str, **details):
        super().__init__(message)
        self.message = message
        self.details = {k: v for k, v in details.items() if v is not None}


class InvalidRequest(NewsIndexError):
    """A request whose parts are each valid but do not fit together; the
    `parameter` detail, when given, names the query parameter at fault."""

    code = "invalid_request"


class InvalidCursor(InvalidRequest):
    code = "invalid_cursor"


class ArticleRejected(NewsIndexError):
    """An article that cannot be indexed; `message` is the reason a person reads.

    The `errors` detail, when given, names the fields at fault as marshmallow
    does (`{"dateline": {"published_at": ["..."]}}`): the API puts it under
    the body's location, as every other body field error is.
    """

    code = "invalid_article"


class PreconditionFailed(NewsIndexError):
    """A conditional write whose condition did not hold on the stored article.

    The backend checks the condition atomically with the write (under the
    embedded writer; by sequence number on Elasticsearch), so nothing was
    written. `current` is the article the index holds (None: none), from
    which the API tells the client the version to start again from; it is
    not in `details`, which a client reads whole.
    """

    code = "precondition_failed"

    def __init__(self, message: str, current: dict | None = None, **details):
        super().__init__(message, **details)
        self.current = current


class BackendUnavailable(NewsIndexError):
    """The search engine cannot answer now; retrying later may work."""

    code = "backend_unavailable"

    def __init__(self, message: str, retry_after: int = 5, **details):
        super().__init__(message, **details)
        self.retry_after = retry_after


class IndexBusy(BackendUnavailable):
    """Another process holds the embedded index's single writer."""

    code = "index_busy"


class IndexDamaged(Exception):
    """The embedded index's files cannot be read (a damaged `meta.json`, a segment gone).

    Not `BackendUnavailable`: running the same command again cannot help,
    restoring or rebuilding the index does. Raised while the backend opens
    the index, before any request, so no HTTP status is given to it: the
    loader says it in one line (status 74).
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class IndexWriteFailed(Exception):
    """The embedded index's files could not be written (a full disk, an I/O error).

    tantivy says so as a ValueError ("An IO error occurred: 'No space left on
    device (os error 28)'"), which a load printed as a traceback, unrecorded.
    The commit that failed is rolled back; what was committed before stays.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EngineTimeout(NewsIndexError):
    """The engine did not answer in time (504); the subclass says what was waited for."""

    code = "engine_timeout"


class SearchTimeout(EngineTimeout):
    code = "search_timeout"


class WriteTimeout(EngineTimeout):
    """A write the engine did not confirm in time: some of it may have landed.

    Not a `search_timeout`, which a client may retry at once with a narrower
    query: sending the same articles again is what fixes this, and it is safe
    (ids are stable; an article the engine already holds comes back unchanged).
    """

    code = "write_timeout"


class RateLimited(NewsIndexError):
    """A client over its request rate (`service/rate_limit.py`); it may send
    the next one in `retry_after` seconds."""

    code = "rate_limited"

    def __init__(self, message: str, retry_after: int, **details):
        super().__init__(message, **details, retry_after=retry_after)
        self.retry_after = retry_after
