"""An article indexed under the id an earlier release gave its http address, for tests of what a
story posted again from https resolves to."""

from __future__ import annotations

import hashlib
from datetime import datetime

from loaders.pipeline import prepare
from service.api.resources import backend


def index_under_http_id(app, story: dict) -> dict:
    """`story` (its url an http address) prepared and indexed under the id the code before gave such
    an address: the hash of it as written. Returns the article indexed."""
    earlier = prepare(story, reference=datetime(2025, 5, 1))
    earlier["id"] = hashlib.sha256(f"url\n{story['url']}".encode()).hexdigest()[:24]
    with app.app_context():
        backend().upsert([earlier])
    return earlier
