"""flask-smorest's Blueprint, its `alt_response` documenting without wrapping.

flask-smorest's `alt_response` documents another response a view may give
(a 304, a 404, a 504) by wrapping the view in a function that only calls it,
looking the app up to do so: one more call and context lookup per
documented response on every request (three on every search). Here the
documentation it builds is kept on the view itself and the view is not
wrapped; the OpenAPI document is the same (tests/test_docs.py and the API
tests read it).
"""
from __future__ import annotations

import flask_smorest

from ..schemas.errors import ErrorSchema

ENGINE_UNAVAILABLE = ("backend_unavailable / backend_error: the search engine cannot answer now; "
                      "retry after Retry-After seconds")
ENGINE_TIMEOUT = "search_timeout: the engine did not answer within its deadline"


class Blueprint(flask_smorest.Blueprint):
    def alt_response(self, *args, **kwargs):
        document = super().alt_response(*args, **kwargs)

        def decorator(func):
            func._apidoc = document(func)._apidoc  # what the wrapper would have carried
            return func

        return decorator

    def engine_failures(self):
        """Documents the 503 and 504 of a read the engine answers (as on /search)."""
        unavailable = self.alt_response(503, schema=ErrorSchema, description=ENGINE_UNAVAILABLE)
        timeout = self.alt_response(504, schema=ErrorSchema, description=ENGINE_TIMEOUT)

        def decorator(func):
            return unavailable(timeout(func))

        return decorator
