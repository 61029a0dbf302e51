"""Security headers on every response, not only the pages'.

The pages (`service/web/`) send their own Content-Security-Policy and
friends. Everything else went without: `/docs`, an HTML page of this origin
from which a key can be sent with "Try it out", could be framed by any site
(clickjacking), and the API's JSON, which echoes what a request gave (an
article id in a 404, a field name in a 422), had no `nosniff` to keep a
browser from reading it as something else. Each response now gets what it
lacks; headers a view or the pages set stay as they are.
"""
from __future__ import annotations

from flask import Flask, request

#: flask-smorest's Swagger UI page.
DOCS_ENDPOINT = "api-docs.openapi_swagger_ui"

#: For answers that are data (JSON, CSV, Prometheus text): nothing in them may load or run.
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"
#: For an HTML page of another part: no framing, no plugins, no base element.
PAGE_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'"
#: `/docs` (Swagger UI, started by a script of this origin, templates/swagger_ui.html): only this
#: origin's scripts run, so text an API answer echoes into the page can run nothing. Swagger UI
#: sets style attributes and draws its icons from data: URLs; "Try it out" calls this origin.
DOCS_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")

_ALWAYS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}


def _security_headers(response):
    headers = response.headers
    if "Content-Security-Policy" in headers:  # a page's: it sets the others with it
        return response
    for name, value in _ALWAYS.items():
        headers.setdefault(name, value)
    if response.mimetype != "text/html":
        headers["Content-Security-Policy"] = DATA_POLICY
    else:
        headers["Content-Security-Policy"] = DOCS_POLICY if request.endpoint == DOCS_ENDPOINT else PAGE_POLICY
    return response


def init_app(app: Flask) -> None:
    app.after_request(_security_headers)
