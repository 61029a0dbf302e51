"""Checks at start, and the one line a bad setting gets instead of a traceback.

`Config.from_env` checks the form of each value; `check_settings` also checks
what a value points at (the data directory, the CA certificate), so a
mistake shows when the service or the loader starts, named, instead of as a
traceback from the first write. `exit_on_config_error` is how every entry
point (`service/serve.py`, `gunicorn.conf.py`, `python -m loaders`) reports
one: `error: <message>` on stderr and exit status 78 (`EX_CONFIG`).
"""
from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from .config import Config, ConfigError, ServerConfig

#: sysexits.h EX_CONFIG: "something was found in an unconfigured or misconfigured state".
EXIT_CONFIG = 78
DATA_DIR = "NEWS_INDEX_DATA_DIR"
RATE_LIMIT_FILE = "NEWS_INDEX_RATE_LIMIT_FILE"


def check_data_dir(path: Path) -> None:
    """The data directory exists (created if missing) and this user can read and write it.

    Writing is tried, not inferred from the mode bits: root passes every
    `os.access` check even on a read-only volume.
    """
    shown = f"{DATA_DIR}={str(path)!r}"
    try:
        if path.exists() and not path.is_dir():
            raise ConfigError(f"{shown} is a file; it must be a directory (created when missing)")
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(f"{shown} cannot be created: {error.strerror}; it must be a directory "
                          f"this user (uid {os.getuid()}) can create or write") from None
    if not os.access(path, os.R_OK | os.X_OK):
        raise ConfigError(f"{shown} cannot be read by this user (uid {os.getuid()})")
    try:
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        raise ConfigError(f"{shown} is not writable ({error.strerror}); it must be a directory "
                          f"this user (uid {os.getuid()}) can write") from None


def check_config(config: Config, data_dir: bool | None = None) -> None:
    """What `config` names is usable. `data_dir`: check it (default: on the embedded backend)."""
    if data_dir is None:
        data_dir = config.backend == "embedded"
    if data_dir:
        check_data_dir(config.data_dir)
    certs = config.elasticsearch_ca_certs
    if config.backend == "elasticsearch" and certs and not (os.path.isfile(certs) and os.access(certs, os.R_OK)):
        raise ConfigError(f"ELASTICSEARCH_CA_CERTS={certs!r} is not a readable file (a PEM CA certificate)")


def check_rate_limit_file(path: Path) -> None:
    """The rate limit's SQLite file opens and takes a write (each worker opens it as it boots).

    Tried, not inferred, as for the data directory: the file is created when
    missing, and SQLite also writes its `-wal` and `-shm` files beside it.
    """
    shown = f"{RATE_LIMIT_FILE}={str(path)!r}"
    if path.is_dir():
        raise ConfigError(f"{shown} is a directory; it must name a file (created when missing), "
                          f"or leave it unset")
    try:
        db = sqlite3.connect(path, timeout=1, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        finally:
            db.close()
    except (sqlite3.Error, OSError) as error:
        if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY:
            return  # another server sharing the file is writing: it opens
        raise ConfigError(f"{shown} cannot be opened and written as an SQLite file ({error}); it must be "
                          f"a file in a directory this user (uid {os.getuid()}) can write, or leave it "
                          f"unset") from None


def check_settings(env: Mapping[str, str] | None = None) -> tuple[Config, ServerConfig]:
    """Every setting of the service and of its gunicorn server, checked as they start."""
    config = Config.from_env(env)
    server = ServerConfig.from_env(env)
    check_config(config)
    if config.rate_limit and config.rate_limit_file:
        check_rate_limit_file(config.rate_limit_file)
    return config, server


@contextmanager
def exit_on_config_error() -> Iterator[None]:
    """A `ConfigError` inside becomes one line on stderr and exit status 78."""
    try:
        yield
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from None
