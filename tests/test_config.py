"""Every setting: a bad value stops the start with one line naming it; the
defaults the README shows are the code's; every variable read is documented."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from service import preflight
from service.config import CEILINGS, Config, ConfigError, ServerConfig
from service.preflight import EXIT_CONFIG, check_config, check_data_dir, check_settings

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, value, words", [
    ("PORT", "abc", "whole number from 1 to 65535"),
    ("PORT", "0", "at least 1"),
    ("PORT", "70000", "between 1 and 65535"),
    ("NEWS_INDEX_WRITE_WAIT_SECONDS", "soon", "not a number"),
    ("NEWS_INDEX_WRITE_WAIT_SECONDS", "-1", "from 0 to 3600"),
    ("NEWS_INDEX_WRITE_WAIT_SECONDS", "nan", "from 0 to 3600"),
    ("NEWS_INDEX_WRITE_WAIT_SECONDS", "inf", "from 0 to 3600"),
    ("ELASTICSEARCH_TIMEOUT_SECONDS", "0", "above 0"),
    ("ELASTICSEARCH_TIMEOUT_SECONDS", "ten", "not a number"),
    ("NEWS_INDEX_SEARCH_DEADLINE_MS", "-5", "at least 1"),
    ("NEWS_INDEX_SEARCH_DEADLINE_MS", "1.5", "not a whole number"),
    ("NEWS_INDEX_MAX_PAGE_SIZE", "99999999999999999999", "between 1 and 10000"),
    ("NEWS_INDEX_MAX_REQUEST_BYTES", "1e9", "not a whole number"),
    ("NEWS_INDEX_RATE_LIMIT", "1e12", "at most"),
    ("NEWS_INDEX_RATE_LIMIT", "inf", "at most"),
    ("NEWS_INDEX_PROXY_HOPS", "100", "between 0 and 10"),
    ("NEWS_INDEX_BACKEND", "solr", "embedded, elasticsearch"),
    ("NEWS_INDEX_BACKEND", "elasticsearch", "needs ELASTICSEARCH_URL"),
    ("ELASTICSEARCH_URL", "localhost:9200", "http:// or https://"),
    ("ELASTICSEARCH_URL", "http://search:port", "port"),
    ("ELASTICSEARCH_URL", "http://[::1:9200", "http:// or https://"),
    ("ELASTICSEARCH_PLAIN_JSON", "maybe", "true or false"),
    ("ELASTICSEARCH_INDEX", "News Articles", "not an index name"),
    ("ELASTICSEARCH_INDEX", "_private", "not an index name"),
    ("NEWS_INDEX_CORS_ORIGINS", "https://app.example/", "no path"),
    ("NEWS_INDEX_CORS_ORIGINS", "app.example", "scheme://host"),
    ("NEWS_INDEX_CORS_ORIGINS", "https://*.app.example", "wildcard"),
    ("NEWS_INDEX_CORS_ORIGINS", "https://app.example, https://news.(example|evil)", "scheme://host"),
    ("NEWS_INDEX_CORS_ORIGINS", "https://app.example:port", "scheme://host"),
    ("NEWS_INDEX_API_KEY", "secret\n", "trailing newline"),
    ("NEWS_INDEX_API_KEY", "   ", "visible ASCII"),
    ("NEWS_INDEX_METRICS_TOKEN", "token\n", "leave /metrics open"),
    ("NEWS_INDEX_LOG_LEVEL", "trace", "INFO, DEBUG, WARNING, ERROR"),
])
def test_a_bad_value_is_refused_naming_the_setting_and_what_it_accepts(name, value, words):
    with pytest.raises(ConfigError) as raised:
        Config.from_env({name: value})
    message = str(raised.value)
    assert name in message and words in message and "\n" not in message


@pytest.mark.parametrize("url", ["https://elastic:s3cret@es.internal:92O0", "ftp://elastic:s3cret@es.internal:9200",
                                 "https://:s3cret@@es.internal:port", "https://elastic:s3cret@[fd00::1:9200"])
def test_a_password_in_a_bad_elasticsearch_url_is_not_printed(url):
    """The one line goes to the container's log: it showed the password whole."""
    with pytest.raises(ConfigError) as raised:
        Config.from_env({"NEWS_INDEX_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": url})
    message = str(raised.value)
    assert "s3cret" not in message and "ELASTICSEARCH_URL=" in message and ":***@" in message


@pytest.mark.parametrize("name, value, words", [
    ("WEB_CONCURRENCY", "two", "whole number from 1 to 256"),
    ("WEB_CONCURRENCY", "0", "at least 1"),
    ("GUNICORN_THREADS", "-4", "at least 1"),
    ("GUNICORN_TIMEOUT", "30s", "not a whole number"),
    ("GUNICORN_GRACEFUL_TIMEOUT", "-1", "at least 0"),
])
def test_a_bad_server_setting_is_refused_too(name, value, words):
    with pytest.raises(ConfigError) as raised:
        ServerConfig.from_env({name: value})
    assert name in str(raised.value) and words in str(raised.value)


def test_config_errors_are_value_errors():
    assert issubclass(ConfigError, ValueError)


def test_an_empty_value_is_the_default_not_the_current_directory():
    config = Config.from_env({"NEWS_INDEX_DATA_DIR": "", "PORT": " ", "ELASTICSEARCH_INDEX": "",
                              "NEWS_INDEX_WRITE_WAIT_SECONDS": "", "ELASTICSEARCH_PLAIN_JSON": ""})
    assert (config.data_dir, config.port, config.elasticsearch_index) == (Path("data"), 8000, "news-articles")
    assert (config.write_wait_seconds, config.elasticsearch_plain_json) == (5.0, False)


def test_good_values_are_read():
    config = Config.from_env({
        "PORT": "8080", "NEWS_INDEX_BACKEND": "Elasticsearch", "ELASTICSEARCH_URL": "https://es.internal:9200",
        "ELASTICSEARCH_PLAIN_JSON": "yes", "ELASTICSEARCH_TIMEOUT_SECONDS": "2.5",
        "NEWS_INDEX_WRITE_WAIT_SECONDS": "0", "ELASTICSEARCH_INDEX": "news.v2_x",
        "NEWS_INDEX_CORS_ORIGINS": "http://localhost:3000, https://app.example, http://[::1]:8080", "NEWS_INDEX_API_KEY": "k3y~+/=",
        "NEWS_INDEX_METRICS_TOKEN": "scrape",
    })
    assert (config.port, config.backend, config.elasticsearch_plain_json) == (8080, "elasticsearch", True)
    assert (config.elasticsearch_timeout_seconds, config.write_wait_seconds) == (2.5, 0.0)
    assert config.cors_origins == ("http://localhost:3000", "https://app.example", "http://[::1]:8080")
    assert (config.api_key, config.metrics_token) == ("k3y~+/=", "scrape")
    assert ServerConfig.from_env({"GUNICORN_TIMEOUT": "0", "WEB_CONCURRENCY": "8"}).timeout == 0


# -- what the settings point at ---------------------------------------------------------


def test_a_data_dir_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "data"
    target.write_text("not a directory")
    with pytest.raises(ConfigError, match="NEWS_INDEX_DATA_DIR=.* is a file; it must be a directory"):
        check_data_dir(target)


def test_a_data_dir_that_cannot_be_created_is_refused(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match="NEWS_INDEX_DATA_DIR=.* cannot be created"):
        check_data_dir(tmp_path / "file" / "data")


def test_an_unwritable_data_dir_is_refused(tmp_path, monkeypatch):
    # Writing is tried, not read from the mode bits (root passes those even on a
    # read-only volume), so the test makes the try fail as a read-only volume does.
    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(preflight.tempfile, "TemporaryFile", read_only)
    with pytest.raises(ConfigError, match="is not writable .Read-only file system.; it must be a directory"):
        check_data_dir(tmp_path)


def test_a_missing_data_dir_is_created(tmp_path):
    check_data_dir(tmp_path / "new" / "data")
    assert (tmp_path / "new" / "data").is_dir()


def test_a_missing_ca_certificate_is_refused(tmp_path):
    config = Config(backend="elasticsearch", elasticsearch_url="https://es:9200",
                    elasticsearch_ca_certs=str(tmp_path / "ca.pem"), data_dir=tmp_path)
    with pytest.raises(ConfigError, match="ELASTICSEARCH_CA_CERTS=.* is not a readable file"):
        check_config(config)


def test_the_data_dir_is_not_checked_for_elasticsearch(tmp_path):
    (tmp_path / "file").write_text("")
    env = {"NEWS_INDEX_BACKEND": "elasticsearch", "ELASTICSEARCH_URL": "http://es:9200",
           "NEWS_INDEX_DATA_DIR": str(tmp_path / "file")}
    assert check_settings(env)[0].backend == "elasticsearch"


# -- at start: one line, status 78 --------------------------------------------------------


def _start(command: list[str], tmp_path: Path, **settings: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWS_INDEX_DATA_DIR": str(tmp_path / "data"), **settings}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


GUNICORN = [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "-b", "127.0.0.1:0",
            "service.wsgi:app"]
SERVE = [sys.executable, "-m", "service.serve", "-b", "127.0.0.1:0"]


@pytest.mark.parametrize("command", [SERVE, GUNICORN], ids=["service.serve", "gunicorn"])
@pytest.mark.parametrize("name, value", [
    ("NEWS_INDEX_BACKEND", "solr"),
    ("NEWS_INDEX_MAX_PAGE_SIZE", "lots"),
    ("GUNICORN_THREADS", "0"),
    ("NEWS_INDEX_DATA_DIR", "/dev/null"),
])
def test_the_server_stops_at_start_with_one_line(command, name, value, tmp_path):
    result = _start(command, tmp_path, **{name: value})
    assert result.returncode == EXIT_CONFIG, result.stderr
    assert result.stderr.startswith(f"error: {name}=") and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("command", [SERVE, GUNICORN], ids=["service.serve", "gunicorn"])
def test_a_rate_limit_file_that_cannot_be_opened_stops_the_server_at_start(command, tmp_path):
    """Each worker opens the file as it boots: a directory that does not exist
    was a traceback per worker ("unable to open database file") and gunicorn's
    "Worker failed to boot", exit status 3, instead of the one line and 78."""
    result = _start(command, tmp_path, NEWS_INDEX_RATE_LIMIT="5",
                    NEWS_INDEX_RATE_LIMIT_FILE=str(tmp_path / "missing" / "buckets.sqlite"))
    assert result.returncode == EXIT_CONFIG, result.stderr
    assert result.stderr.startswith("error: NEWS_INDEX_RATE_LIMIT_FILE=") and result.stderr.count("\n") == 1, \
        result.stderr


def test_a_rate_limit_file_is_checked_only_when_the_limit_is_on(tmp_path):
    env = {"NEWS_INDEX_DATA_DIR": str(tmp_path / "data"), "NEWS_INDEX_RATE_LIMIT_FILE": str(tmp_path)}
    assert check_settings(env)[0].rate_limit == 0  # off: the file is never opened
    with pytest.raises(ConfigError, match="NEWS_INDEX_RATE_LIMIT_FILE=.* is a directory"):
        check_settings({**env, "NEWS_INDEX_RATE_LIMIT": "5"})
    usable = {**env, "NEWS_INDEX_RATE_LIMIT": "5", "NEWS_INDEX_RATE_LIMIT_FILE": str(tmp_path / "b.sqlite")}
    assert check_settings(usable)[0].rate_limit == 5


def test_the_launcher_catches_what_gunicorn_reads_before_its_config(tmp_path):
    # gunicorn parses WEB_CONCURRENCY as it is imported: run directly, that is its traceback.
    result = _start(SERVE, tmp_path, WEB_CONCURRENCY="two")
    assert result.returncode == EXIT_CONFIG
    assert result.stderr == "error: WEB_CONCURRENCY='two' is not a whole number; it accepts a whole number " \
                            "from 1 to 256\n"


def test_the_launcher_becomes_gunicorn_with_its_config():
    from service.serve import gunicorn_command

    command = gunicorn_command(["-b", "127.0.0.1:1"])
    assert command[1:4] == ["-m", "gunicorn", "-c"] and command[4].endswith("gunicorn.conf.py")
    assert command[-3:] == ["-b", "127.0.0.1:1", "service.wsgi:app"]


# -- the README's table ---------------------------------------------------------------------

_ROW = re.compile(r"^\| `([A-Z_]+)` \| (.+?) \| ", re.M)


def _documented() -> dict[str, str]:
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return dict(_ROW.findall(section))


def _read_by_code() -> set[str]:
    names = set()
    for path in (ROOT / "service" / "config.py", ROOT / "gunicorn.conf.py"):
        names |= set(re.findall(r'"((?:NEWS_INDEX|ELASTICSEARCH|GUNICORN|WEB|PORT|PROMETHEUS)[A-Z_]*)"',
                                path.read_text()))
    return names


def test_every_setting_the_code_reads_is_in_the_readme_table():
    documented = set(_documented())
    mentioned = documented | {"ELASTICSEARCH_USERNAME", "ELASTICSEARCH_PASSWORD"} & set(README.split("`"))
    assert _read_by_code() - mentioned == set()


def test_the_readme_defaults_are_the_codes():
    documented = _documented()
    config, server = Config(), ServerConfig()
    numbers = {
        "PORT": server.port, "WEB_CONCURRENCY": server.workers, "GUNICORN_THREADS": server.threads,
        "GUNICORN_TIMEOUT": server.timeout, "GUNICORN_GRACEFUL_TIMEOUT": server.graceful_timeout,
        "NEWS_INDEX_WRITE_WAIT_SECONDS": config.write_wait_seconds,
        "NEWS_INDEX_SEARCH_DEADLINE_MS": config.search_deadline_ms,
        "NEWS_INDEX_FACET_CACHE_SIZE": config.facet_cache_size,
        "NEWS_INDEX_WRITER_HEAP_MB": config.writer_heap_mb,
        "ELASTICSEARCH_TIMEOUT_SECONDS": config.elasticsearch_timeout_seconds,
        "NEWS_INDEX_MAX_PAGE_SIZE": config.max_page_size, "NEWS_INDEX_MAX_FACET_SIZE": config.max_facet_size,
        "NEWS_INDEX_MAX_BATCH_IDS": config.max_batch_ids, "NEWS_INDEX_MAX_QUERY_LENGTH": config.max_query_length,
        "NEWS_INDEX_MAX_QUERY_TERMS": config.max_query_terms, "NEWS_INDEX_MAX_QUERY_DEPTH": config.max_query_depth,
        "NEWS_INDEX_MAX_REQUEST_BYTES": config.max_request_bytes, "NEWS_INDEX_PROXY_HOPS": config.proxy_hops,
    }
    for name, value in numbers.items():
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        assert documented[name].startswith(f"`{shown}`"), (name, documented[name])
    words = {"NEWS_INDEX_BACKEND": config.backend, "NEWS_INDEX_DATA_DIR": f"./{config.data_dir}",
             "ELASTICSEARCH_INDEX": config.elasticsearch_index, "NEWS_INDEX_LOG_FORMAT": config.log_format,
             "NEWS_INDEX_LOG_LEVEL": config.log_level, "ELASTICSEARCH_PLAIN_JSON": "false"}
    for name, value in words.items():
        assert documented[name] == f"`{value}`", (name, documented[name])


def test_the_readme_shows_each_ceiling():
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    for name, most in CEILINGS.items():
        row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` "))
        assert f"{most:,}" in row or str(most) in row, (name, row)
