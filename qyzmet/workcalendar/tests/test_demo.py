"""The demo data loads, is idempotent and gives the confirmed Kurban ait 2026 reason."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from qyzmet.workcalendar import demo
from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.selectors import get_calendar

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent() -> None:
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert CalendarOverride.objects.count() == len(demo.OVERRIDES)
    reason = get_calendar().reason(dt.date(2026, 5, 27))
    assert reason is not None and reason.en == "Eid al-Adha" and reason.ru.startswith("Курбан айт")
