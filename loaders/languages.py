"""Languages as articles store them: the primary subtag, lower case (`fr-FR` -> `fr`).

Beside the readers, not among them: `prepare` normalises every article's
language with it, and a preparing process must not import the readers
(see loaders/jobs.py).
"""
from __future__ import annotations

import re

_PRIMARY = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")


def primary_language(value) -> str | None:
    """`zh-Hant` -> `zh`, `fr_FR` -> `fr`, `EN` -> `en`; None for anything else."""
    if not isinstance(value, str) or not (match := _PRIMARY.match(value.strip())):
        return None
    return match.group(0).lower()
