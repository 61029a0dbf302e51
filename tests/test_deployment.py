"""The container files, checked without a Docker engine: the Dockerfile by
hadolint, the compose file against the compose specification."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_dockerfile_passes_hadolint():
    result = _run(str(BIN / "hadolint"), "--failure-threshold", "info", "Dockerfile")
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_matches_the_compose_specification():
    result = _run(str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
                  "docker-compose.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_as_non_root_with_a_healthcheck_and_gunicorn_config():
    text = (ROOT / "Dockerfile").read_text()
    assert "\nUSER 10001\n" in text and "HEALTHCHECK" in text
    # service.serve checks the settings, then execs gunicorn -c gunicorn.conf.py service.wsgi:app
    # (tests/test_config.py::test_the_launcher_becomes_gunicorn_with_its_config).
    assert 'CMD ["python", "-m", "service.serve"]' in text


def test_compose_runs_elasticsearch_with_security_the_service_and_a_loader():
    text = (ROOT / "docker-compose.yml").read_text()
    assert 'xpack.security.enabled: "true"' in text
    assert "elasticsearch:9" in text
    for service in ("elasticsearch:", "loader:", "service:"):
        assert f"\n  {service}" in text


def test_the_loader_and_the_service_share_the_data_volume():
    # /metrics reports the loader's runs from $NEWS_INDEX_DATA_DIR/load-stats.json: in separate
    # containers the two see the same file only through one volume.
    text = (ROOT / "docker-compose.yml").read_text()
    loader = text.split("\n  loader:", 1)[1].split("\n  service:", 1)[0]
    service = text.split("\n  service:", 1)[1].split("\nvolumes:", 1)[0]
    assert "- newsdata:/data" in loader and "- newsdata:/data" in service
    assert "\n  newsdata:" in text.split("\nvolumes:", 1)[1]


def test_compose_gives_the_service_its_graceful_timeout_before_killing_it():
    """On `docker compose stop` the engine sends SIGTERM, then SIGKILL after the
    service's stop_grace_period, 10 s unless set: the README's 30 s for
    in-flight requests (GUNICORN_GRACEFUL_TIMEOUT) was cut to 10."""
    import re

    from service.config import ServerConfig

    service = (ROOT / "docker-compose.yml").read_text().split("\n  service:", 1)[1].split("\nvolumes:", 1)[0]
    grace = re.search(r"\n    stop_grace_period: (\d+)s\n", service)
    assert grace and int(grace.group(1)) > ServerConfig.graceful_timeout, service
