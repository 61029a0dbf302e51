"""Liveness and readiness for load balancers and orchestrators."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from ..errors import BackendUnavailable, EngineTimeout
from ..schemas.errors import ErrorSchema
from .blueprint import Blueprint
from .parsing import StrictParser, no_query_arguments
from .resources import backend

blp = Blueprint("health", __name__, description="Health checks")
#: Seconds /readyz waits for the article count: an engine that hangs is not ready, and a probe
#: waits a few seconds at most, where the count waited the whole ELASTICSEARCH_TIMEOUT_SECONDS.
READY_COUNT_TIMEOUT_SECONDS = 2.0
blp.ARGUMENTS_PARSER = StrictParser()


class HealthSchema(Schema):
    status = fields.String()
    backend = fields.String()
    articles = fields.Integer()


@blp.route("/healthz")
class Health(MethodView):
    @no_query_arguments(blp)
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up (does not touch the engine)"""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @no_query_arguments(blp)
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=ErrorSchema, description="Not ready: retry after Retry-After seconds")
    def get(self):
        """The engine answers searches"""
        engine = backend()
        if not engine.ready():  # backend_unavailable, as the README's table has it (was "unavailable")
            raise BackendUnavailable(f"The {engine.name} backend is not ready.", retry_after=5,
                                     backend=engine.name)
        try:
            articles = engine.count(timeout=READY_COUNT_TIMEOUT_SECONDS)
        except EngineTimeout as error:  # not ready either: a probe knows 503, and no search was made
            raise BackendUnavailable(f"The {engine.name} backend is not ready: {error.message}", retry_after=5,
                                     backend=engine.name) from error
        return {"status": "ready", "backend": engine.name, "articles": articles}
