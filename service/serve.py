"""`python -m service.serve [gunicorn options]`: check every setting, then become gunicorn.

What `make run` and the container start. gunicorn reads `WEB_CONCURRENCY`
as it is imported, before `gunicorn.conf.py` runs, so a bad value there is a
traceback from gunicorn itself; and a bad service setting found by a worker
is one traceback per worker while the master keeps restarting them. Here
every setting is checked first (`service/preflight.py`): a bad one is one
line naming it and exit status 78. Then this process *becomes* gunicorn
(`exec`, same pid), so signals such as SIGTERM go straight to its master.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .preflight import check_settings, exit_on_config_error

GUNICORN_CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"
APP = "service.wsgi:app"


def gunicorn_command(argv: list[str]) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), *argv, APP]


def main(argv: list[str] | None = None) -> None:
    with exit_on_config_error():
        check_settings()
    command = gunicorn_command(sys.argv[1:] if argv is None else argv)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
