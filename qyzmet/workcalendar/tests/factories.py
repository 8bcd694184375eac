"""Factories of the working calendar."""

from __future__ import annotations

import datetime as dt

import factory

from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.models import CalendarOverride


class CalendarOverrideFactory(factory.django.DjangoModelFactory[CalendarOverride]):
    class Meta:
        model = CalendarOverride
        django_get_or_create = ("date",)

    date = factory.Sequence(lambda i: dt.date(2030, 1, 1) + dt.timedelta(days=i))
    kind = OverrideKind.NON_WORKING
    reason_kk = "Демалыс күні"
    reason_ru = "Выходной день"
    decree = "Тестовый приказ"
