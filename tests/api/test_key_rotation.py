"""Rotating the write key: `NEWS_INDEX_API_KEY_PREVIOUS` is taken beside the new key until the
operator unsets it, each use logged so they know which clients still send it; short keys are
warned of at start."""
from __future__ import annotations

import logging

import pytest

from service.app import create_app
from service.config import Config, ConfigError

NEW_KEY = "n3w-key-0123456789abcdefghij"
OLD_KEY = "0ld-key-0123456789abcdefghij"
STORY = {"headline": "Ferry timetable changes", "body": ["The ferry leaves an hour earlier from Monday."]}


@pytest.fixture()
def rotating(loaded_data_dir):
    return create_app(Config(data_dir=loaded_data_dir, api_key=NEW_KEY, previous_api_key=OLD_KEY,
                             rate_limit=0.5, rate_limit_burst=2)).test_client()


def _bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def test_both_keys_write_while_keys_rotate_and_the_old_one_is_logged(rotating, caplog):
    created = rotating.post("/articles", json=STORY, headers=_bearer(NEW_KEY))
    assert created.status_code in (200, 201), created.get_json()
    article_id = created.get_json()["id"]
    before = _previous_key_writes(rotating)
    with caplog.at_level(logging.WARNING, logger="service.api.auth"):
        again = rotating.post("/articles", json=STORY, headers=_bearer(OLD_KEY))
    assert again.status_code == 200 and again.get_json()["status"] == "unchanged"
    assert any("NEWS_INDEX_API_KEY_PREVIOUS" in record.getMessage() for record in caplog.records)
    assert _previous_key_writes(rotating) == before + 1
    refused = rotating.post("/articles", json=STORY, headers=_bearer("0ld-key-0123456789abcdefghiJ"))
    assert refused.status_code == 401 and refused.get_json()["code"] == "unauthorized"
    assert rotating.delete(f"/articles/{article_id}", headers=_bearer(OLD_KEY)).status_code == 204


def _previous_key_writes(client) -> float:
    """The counter /metrics shows for writes with the previous key (0 before the first)."""
    for line in client.get("/metrics").get_data(as_text=True).splitlines():
        if line.startswith("news_index_previous_key_writes_total "):
            return float(line.split()[1])
    return 0.0


def test_once_the_rotation_ends_the_old_key_is_refused(loaded_data_dir):
    client = create_app(Config(data_dir=loaded_data_dir, api_key=NEW_KEY)).test_client()
    response = client.post("/articles", json=STORY, headers=_bearer(OLD_KEY))
    assert response.status_code == 401


def test_each_key_of_a_rotation_has_its_own_rate_limit_bucket(rotating):
    address = {"REMOTE_ADDR": "10.0.0.9"}
    for _ in range(2):
        rotating.get("/search?size=1", environ_base=address)
    assert rotating.get("/search?size=1", environ_base=address).status_code == 429
    for key in (NEW_KEY, OLD_KEY):
        assert rotating.get("/search?size=1", headers=_bearer(key), environ_base=address).status_code == 200


def test_the_previous_key_comes_from_the_environment_beside_a_new_one():
    config = Config.from_env({"NEWS_INDEX_API_KEY": NEW_KEY, "NEWS_INDEX_API_KEY_PREVIOUS": OLD_KEY})
    assert (config.api_key, config.previous_api_key) == (NEW_KEY, OLD_KEY)
    with pytest.raises(ConfigError, match="NEWS_INDEX_API_KEY_PREVIOUS is set without NEWS_INDEX_API_KEY"):
        Config.from_env({"NEWS_INDEX_API_KEY_PREVIOUS": OLD_KEY})
    with pytest.raises(ConfigError, match="NEWS_INDEX_API_KEY_PREVIOUS holds spaces"):
        Config.from_env({"NEWS_INDEX_API_KEY": NEW_KEY, "NEWS_INDEX_API_KEY_PREVIOUS": "old key"})


def test_a_short_key_is_warned_of_at_start(loaded_data_dir, caplog):
    with caplog.at_level(logging.WARNING, logger="service.app"):
        create_app(Config(data_dir=loaded_data_dir, api_key="change-me", metrics_token=NEW_KEY))
    warnings = [record.getMessage() for record in caplog.records if record.name == "service.app"]
    assert any(message.startswith("NEWS_INDEX_API_KEY is 9 characters") and "token_urlsafe" in message
               for message in warnings)
    assert not any("NEWS_INDEX_METRICS_TOKEN" in message for message in warnings)  # 28 characters: fine
