"""Admin of the contact centre: read-only (every change goes through the audited services).
Contacts are personal data and are not in the admin at all."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qyzmet.contactcentre.models import (
    CentreReport,
    InformationRequest,
    InformationUpdate,
    KnowledgeArticle,
    Onboarding,
    PlanItem,
    PlanSchedule,
    QualityAuthorityReport,
    Training,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlanSchedule)
class PlanScheduleAdmin(ReadOnlyAdmin):
    list_display = ("year", "prepared_on", "prepared_by", "approved_on", "approved_by", "approving_authority")


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyAdmin):
    list_display = ("plan", "service", "body", "planned_on")
    list_select_related = ("plan", "service", "body")


@admin.register(Onboarding)
class OnboardingAdmin(ReadOnlyAdmin):
    list_display = (
        "item",
        "step",
        "responsible_due_on",
        "information_due_on",
        "training_due_on",
        "consultations_start_on",
    )
    list_filter = ("step",)
    list_select_related = ("item__plan", "item__service")


@admin.register(InformationUpdate)
class InformationUpdateAdmin(ReadOnlyAdmin):
    list_display = ("onboarding", "kind", "due_on", "done_on", "is_late")
    list_filter = ("kind", "is_late")


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = ("body", "sent_on", "status", "refusal_form", "answered_on", "report", "added_later")
    list_filter = ("status", "refusal_form", "added_later")


@admin.register(QualityAuthorityReport)
class QualityAuthorityReportAdmin(ReadOnlyAdmin):
    list_display = ("body", "month", "refusals", "sent_on", "authority")


@admin.register(KnowledgeArticle)
class KnowledgeArticleAdmin(ReadOnlyAdmin):
    list_display = ("service", "title_ru", "version")
    search_fields = ("title_kk", "title_ru", "keywords_kk", "keywords_ru")


@admin.register(CentreReport)
class CentreReportAdmin(ReadOnlyAdmin):
    list_display = ("kind", "period_start", "period_end", "due_on", "sent_on")


@admin.register(Training)
class TrainingAdmin(ReadOnlyAdmin):
    """UCC 19: read-only; the request, schedule and training go through the services."""

    list_display = ("letter_number", "letter_date", "status", "scheduled_on", "held_on")
    list_filter = ("status",)
    exclude = ("letter_file",)  # a private upload: served only through the page's access check
