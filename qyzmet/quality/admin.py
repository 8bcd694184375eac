"""Admin of the quality app: norms and targets are edited through services (pages/API/demo);
here they are read-only. Survey answers are shown without any link to the recipient."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qyzmet.quality.models import (
    IndicatorNorm,
    IndicatorNormRevision,
    IndicatorTarget,
    IndicatorTargetRevision,
    SurveyAnswer,
)


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IndicatorNorm)
class IndicatorNormAdmin(_ReadOnly):
    list_display = ["indicator", "service", "value", "legal_basis", "set_by", "set_at"]


@admin.register(IndicatorNormRevision)
class IndicatorNormRevisionAdmin(_ReadOnly):
    list_display = [
        "norm",
        "previous_value",
        "value",
        "previous_legal_basis",
        "legal_basis",
        "set_by",
        "set_at",
    ]


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(_ReadOnly):
    list_display = ["service", "indicator", "year", "value", "order_number", "order_date", "set_by"]
    list_filter = ["year", "indicator"]


@admin.register(IndicatorTargetRevision)
class IndicatorTargetRevisionAdmin(_ReadOnly):
    list_display = ["target", "previous_value", "value", "order_number", "order_date", "set_by", "set_at"]


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(_ReadOnly):
    list_display = [
        "case_kind",
        "case_date",
        "service",
        "provider",
        "process",
        "information",
        "complaint_procedure",
        "politeness",
    ]
    list_filter = ["case_kind"]
    exclude = ["invitation", "comment"]
