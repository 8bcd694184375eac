"""Admin of complaints: read-only (every change goes through the services, which audit it)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qyzmet.complaints.models import Complaint, ComplaintExtension, Recommendation


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ExtensionInline(admin.StackedInline):
    model = ComplaintExtension
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RecommendationInline(ExtensionInline):
    model = Recommendation  # type: ignore[assignment]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "registered_on",
        "due_on",
        "status",
        "addressee",
        "subject",
        "provider",
        "review_term_breached",
    )
    list_filter = ("status", "addressee", "subject", "channel", "review_term_breached")
    search_fields = ("number", "application_number", "complainant_name")
    date_hierarchy = "registered_on"
    list_select_related = ("provider",)
    inlines = [ExtensionInline, RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "organisation", "due_on", "status")
    list_filter = ("status",)
    list_select_related = ("complaint", "organisation")
