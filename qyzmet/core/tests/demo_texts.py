"""The demo's texts read back from the database, and the one check every demo test makes of
them: a text a person types holds one language, never a Kazakh and a Russian text joined by
" / " (tester's finding of 2026-12-08: both languages on one-language pages)."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.db import models

KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_RUSSIAN_START = re.compile(r"[«(]?[А-Яа-яЁё]")


def joined_pair(text: str) -> bool:
    """A Kazakh text and a Russian one joined by " / ": Kazakh-only letters in the text, and a
    part after a " / " in Cyrillic without them (a fraction or a path is not a pair)."""
    first, *rest = text.split(" / ")
    return bool(KAZAKH_ONLY.search(first)) and any(
        _RUSSIAN_START.match(part) and not KAZAKH_ONLY.search(part) for part in rest
    )


def demo_texts(*app_labels: str) -> list[str]:
    """Every non-empty char and text field of the apps' rows."""
    texts: list[str] = []
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            fields = [
                f.name for f in model._meta.fields if isinstance(f, (models.CharField, models.TextField))
            ]
            if fields:
                manager: Any = model._default_manager
                for row in manager.values_list(*fields):
                    texts += [t for t in row if t]
    return texts
