"""The application factory (`create_app`), as in the Flask tutorial."""
from __future__ import annotations

import logging

from flask import Flask

from . import api
from .backends import create_backend
from .backends.base import SearchBackend
from .config import Config


def create_app(config: Config | None = None, backend: SearchBackend | None = None) -> Flask:
    config = config or Config.from_env()
    app = Flask(__name__)
    app.config["NEWS_INDEX"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.max_request_bytes
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["news_backend"] = backend or create_backend(config)
    api.init_app(app)
    logging.basicConfig(level=logging.INFO)
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # one line per request otherwise
    return app
