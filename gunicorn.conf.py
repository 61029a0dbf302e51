"""gunicorn settings for `make run` and the container (override by env)."""
import os
import shutil
from pathlib import Path

from service.gunicorn_errors import install as _json_errors
from service.gunicorn_request_line import install as _bound_request_line, request_line_limit
from service.preflight import check_settings, exit_on_config_error
from service.runtime_dirs import held_directory, remove_abandoned

# Every setting, the service's too, is checked here in the master, before it
# binds: a bad one is one line and exit status 78, not a traceback from each
# worker while the master restarts them (service/preflight.py).
with exit_on_config_error():
    _config, _server = check_settings()

bind = f"0.0.0.0:{_server.port}"
workers = _server.workers
threads = _server.threads
worker_class = "gthread"
# No access line built for a logger without handlers (service/gunicorn_tuning.py).
logger_class = "service.gunicorn_tuning.Logger"
# Requests gunicorn itself refuses (a malformed header or request line) are
# answered with the API's JSON error, not gunicorn's HTML page.
_json_errors()
timeout = _server.timeout
# On SIGTERM a worker stops accepting and finishes the requests it holds,
# for up to this many seconds, before it is killed.
graceful_timeout = _server.graceful_timeout
keepalive = 5
# No limit on the request line here (gunicorn's largest is 8190 bytes, less than
# a 1,000-character query in Chinese or Arabic takes URL-encoded): the app
# refuses an over-long query string itself, with a JSON 414 (service/api/__init__.py).
limit_request_line = 0
# ... and no line without end: one is refused past what any URL the app takes needs
# (a megabyte by default; service/gunicorn_request_line.py).
_bound_request_line(request_line_limit(_config.max_query_length))
# Each worker touches a heartbeat file on every turn of its event loop (a few
# times per request): on tmpfs that is a memory write, on a disk-backed /tmp
# (containers' overlay) a metadata update costing ~0.1 ms of every request.
if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
    worker_tmp_dir = "/dev/shm"
# The app writes one JSON access line per request (service/observability.py);
# gunicorn's own messages go out as JSON too.
accesslog = None
errorlog = "-"
if _config.log_format == "json":
    _json_stderr = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "service.logs.JsonFormatter"}},
        "handlers": {"console": _json_stderr, "error_console": _json_stderr},
        # The root logger gets its handler from the app (service/logs.py).
        "root": {"level": _config.log_level, "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": _config.log_level, "handlers": ["error_console"], "propagate": False,
                               "qualname": "gunicorn.error"},
            "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False,
                                "qualname": "gunicorn.access"},
        },
    }
# No preload: each worker opens the index itself after the fork.
preload_app = False

# The directories below are this server's for its lifetime: it removes them
# as it exits, and removes those a killed server left (service/runtime_dirs.py).
# The descriptors holding their locks stay open until the server is gone.
_HOLDING = []


def _own_directory(prefix, parent=None):
    remove_abandoned(prefix, parent)
    path, descriptor = held_directory(prefix, parent)
    _HOLDING.append(descriptor)
    return path


# Prometheus: every worker writes its samples under PROMETHEUS_MULTIPROC_DIR
# and /metrics sums them. Set before any worker imports prometheus_client.
_OWN_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _own_directory("news-index-metrics-")

# The rate limit's buckets (when NEWS_INDEX_RATE_LIMIT is set) in one SQLite
# file all workers share, so a client gets the rate, not workers x the rate.
_OWN_RATE_LIMIT_DIR = None
if not os.environ.get("NEWS_INDEX_RATE_LIMIT_FILE"):
    _shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    _OWN_RATE_LIMIT_DIR = _own_directory("news-index-rate-limit-", _shm)
    os.environ["NEWS_INDEX_RATE_LIMIT_FILE"] = os.path.join(_OWN_RATE_LIMIT_DIR, "buckets.sqlite")


def on_starting(server):
    """Samples of an earlier run in a reused directory would be summed in: clear them."""
    for stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        stale.unlink()


def post_worker_init(worker):
    """The Date header formatted once a second, not per response, a response's
    head sent with its body, and the forwarding trust list checked once per
    peer address (service/gunicorn_tuning.py)."""
    from service.gunicorn_tuning import (install_date_once_a_second, install_one_send_responses,
                                         install_remembered_trust)

    install_date_once_a_second()
    install_one_send_responses()
    install_remembered_trust()


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _OWN_METRICS_DIR:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
    if _OWN_RATE_LIMIT_DIR:
        shutil.rmtree(_OWN_RATE_LIMIT_DIR, ignore_errors=True)
# gunicorn 27 opens one control socket per user (~/.gunicorn); several instances would share it.
control_socket_disable = True
