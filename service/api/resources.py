"""The app's backend, built once per app by the factory."""
from __future__ import annotations

from flask import current_app

from ..backends.base import SearchBackend


def backend() -> SearchBackend:
    return current_app.extensions["news_backend"]


def config():
    """The app's Config (service/config.py)."""
    return current_app.config["NEWS_INDEX"]
