"""The application factory (`create_app`), as in the Flask tutorial."""
from __future__ import annotations

import logging
from inspect import iscoroutinefunction

from flask import Flask

from . import api, observability, rate_limit, security_headers, web
from .backends import create_backend
from .backends.base import SearchBackend
from .config import Config
from .json_provider import OrjsonProvider
from .logs import configure_logging
from .write_keys import weak_keys


class NewsFlask(Flask):
    """Flask, remembering which of the functions it calls are coroutines.

    Flask asks `inspect.iscoroutinefunction` of every hook, view and
    flask-smorest wrapper before calling it (`ensure_sync`), a dozen times a
    request, for an answer that never changes for a function: about 20 µs of
    every request on our 2-core host. Bounded: functions made per request
    (`after_this_request`) would otherwise pile up.
    """

    COROUTINE_MEMORY = 4096

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._coroutines: dict = {}

    def ensure_sync(self, func):
        key = getattr(func, "__func__", func)  # a bound method is made anew on every call
        try:
            coroutine = self._coroutines.get(key)
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)
        if coroutine is None:
            if len(self._coroutines) >= self.COROUTINE_MEMORY:
                self._coroutines.clear()
            coroutine = self._coroutines[key] = iscoroutinefunction(func)
        return self.async_to_sync(func) if coroutine else func


def create_app(config: Config | None = None, backend: SearchBackend | None = None) -> Flask:
    config = config or Config.from_env()
    # No app-wide `/static/<path>` route: Flask adds one by default, serving
    # whatever a `service/static/` folder would hold. Nothing is meant to be
    # there (the pages' files are `/web-assets/`), and the route answered every
    # path under it with werkzeug's 404 instead of the API's "no route".
    app = NewsFlask(__name__, static_folder=None)
    # "/quote-search/" and "/search/?q=" are the pages and routes without the slash, not a
    # 404: links pasted from notes and clients that add a slash reach what they meant.
    app.url_map.strict_slashes = False
    # Nor is "//" merged by a redirect: werkzeug's 308 came with an HTML body, and it
    # changed what was asked for, since an encoded slash arrives as one
    # (`/articles/%2F..` was sent to `/articles/..`, `/speakers/AC%2F%2FDC/quotes` to
    # "AC/DC"). A path is taken as written: an article id never holds "/", so that
    # one is a JSON 404, and a speaker's name is searched as given.
    app.url_map.merge_slashes = False
    app.json = OrjsonProvider(app)
    app.config["NEWS_INDEX"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.max_request_bytes
    if config.proxy_hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.proxy_hops)
    app.extensions["news_backend"] = backend or create_backend(config, serving=True)
    observability.instrument_backend(app.extensions["news_backend"])
    observability.init_app(app, config)  # first: requests refused below are still logged and counted
    rate_limit.init_rate_limit(app, config)
    security_headers.init_app(app)
    with app.app_context():  # the OpenAPI document shows this app's configured limits
        api.init_app(app)
    app.register_blueprint(web.bp)  # the search page: HTML over the same domain functions
    web.register_error_pages(app)  # after the API: its JSON errors stay for API paths
    configure_logging(config.log_format, config.log_level)
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # one line per request otherwise
    notice = app.extensions["news_backend"].upgrade_notice()
    if notice:
        logging.getLogger(__name__).warning(notice)
    for weak in weak_keys(config):
        logging.getLogger(__name__).warning(weak)
    return app
