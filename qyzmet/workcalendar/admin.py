"""Admin of calendar overrides: every save and delete goes through the services (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from qyzmet.workcalendar.models import CalendarOverride
from qyzmet.workcalendar.services import calendar_override_delete, calendar_override_set


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "reason_kk", "reason_ru", "decree", "updated_at")
    list_filter = ("kind",)
    search_fields = ("reason_kk", "reason_ru", "decree")
    date_hierarchy = "date"
    ordering = ("-date",)

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: ModelForm[Any], change: bool
    ) -> None:
        if change and "date" in form.changed_data:
            old = CalendarOverride.objects.get(pk=obj.pk)
            calendar_override_delete(actor=request.user, override=old)  # type: ignore[arg-type]
        saved = calendar_override_set(
            actor=request.user,  # type: ignore[arg-type]
            date=obj.date,
            kind=obj.kind,
            reason_kk=obj.reason_kk,
            reason_ru=obj.reason_ru,
            decree=obj.decree,
        )
        obj.pk = saved.pk
        obj.created_at = saved.created_at
        obj.updated_at = saved.updated_at

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        calendar_override_delete(actor=request.user, override=obj)  # type: ignore[arg-type]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for obj in queryset:
            calendar_override_delete(actor=request.user, override=obj)  # type: ignore[arg-type]
