"""Our Blueprint's `alt_response` documents a view as flask-smorest's does, without wrapping it."""
from __future__ import annotations

import flask_smorest

from service.api.blueprint import Blueprint


def test_alt_response_documents_the_view_itself():
    ours, theirs = Blueprint("ours", __name__), flask_smorest.Blueprint("theirs", __name__)

    def view():
        return "answer"

    def reference():
        return "answer"

    for blueprint, function in ((ours, view), (theirs, reference)):
        function = blueprint.alt_response(404, description="No such thing")(function)
        function = blueprint.alt_response(304, description="Not modified", success=True)(function)
        if blueprint is ours:
            documented = function
        else:
            wrapped = function
    assert documented is view and documented() == "answer"
    assert wrapped is not reference and wrapped.__wrapped__.__wrapped__ is reference
    assert documented._apidoc == wrapped._apidoc
    assert set(documented._apidoc["response"]["responses"]) == {404, 304}
    assert documented._apidoc["success_status_codes"] == [304]
