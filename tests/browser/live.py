"""The service with the sample articles on a free loopback port, and Debian's
Chromium driven by Playwright: shared by the browser tests and by
`python -m tests.browser.screenshots`. Never downloads a browser."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

from werkzeug.serving import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"
ENSURE_SCRIPT = ROOT / "scripts" / "ensure-chromium.sh"
LAUNCH_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
API_KEY = "browser-test-key"
REFERENCE_DATE = "2025-06-01"


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # the app's own access log is enough
        pass


class ChromiumMissing(RuntimeError):
    pass


def ensure_chromium() -> None:
    """Installs Debian's Chromium when missing and running as root; otherwise
    raises ChromiumMissing with the command to run."""
    if CHROMIUM.exists():
        return
    if os.geteuid() != 0:
        raise ChromiumMissing(f"{CHROMIUM} is missing; the browser tests need Debian's Chromium. "
                              f"Run as root: {INSTALL}")
    result = subprocess.run(["sh", str(ENSURE_SCRIPT)], capture_output=True, text=True, timeout=900)
    if result.returncode != 0 or not CHROMIUM.exists():
        raise ChromiumMissing(f"Installing Chromium failed ({INSTALL}):\n{result.stderr[-2000:]}")


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


def load_samples(data_dir: Path) -> None:
    env = {**os.environ, "NEWS_INDEX_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "load", "samples", "--no-progress",
         "--reference-date", REFERENCE_DATE],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError("loading samples failed: " + result.stderr[-2000:])


@contextlib.contextmanager
def serve(data_dir: Path) -> Iterator[str]:
    """The app on the loaded index, in a thread, on a free loopback port; yields its base URL."""
    from service.app import create_app
    from service.config import Config

    app = create_app(Config(data_dir=data_dir, api_key=API_KEY, log_level="WARNING"))
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="web-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        app.extensions["news_backend"].close()
