"""Admin of delivery: read-mostly views for support staff. Statuses change only through services,
so the status and term fields are read-only here."""

from __future__ import annotations

from django.contrib import admin

from qyzmet.delivery.models import (
    Application,
    ApplicationDocument,
    CompositeService,
    NotificationPreference,
    ProactiveOffer,
    Stage,
    TermViolation,
)


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    can_delete = False
    readonly_fields = (
        "required_document",
        "name_kk",
        "name_ru",
        "document_number",
        "issued_on",
        "valid_until",
        "file",
    )


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "occurred_at", "officer", "organisation", "other_body", "note")


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("number", "service", "channel", "status", "provider", "due_on", "term_violated_on")
    list_filter = ("status", "channel", "language")
    search_fields = ("number", "recipient_name")
    date_hierarchy = "submitted_at"
    list_select_related = ("service", "provider")
    inlines = [ApplicationDocumentInline, StageInline]
    readonly_fields = (
        "number",
        "status",
        "service",
        "standard_version",
        "composite_service",
        "parent",
        "reapplication_of",
        "submitted_at",
        "registered_on",
        "due_on",
        "due_at",
        "handover_due_on",
        "term_violated_on",
        "refusal_grounds",
        "closed_at",
    )

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(CompositeService)
class CompositeServiceAdmin(admin.ModelAdmin):
    list_display = ("code", "name_kk", "name_ru", "is_active")
    filter_horizontal = ("services",)


@admin.register(TermViolation)
class TermViolationAdmin(admin.ModelAdmin):
    list_display = ("application", "provider", "service", "due_on", "detected_on")
    list_select_related = ("application", "provider", "service")


@admin.register(ProactiveOffer)
class ProactiveOfferAdmin(admin.ModelAdmin):
    list_display = ("service", "recipient", "status", "offered_at", "answered_at")
    list_filter = ("status",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "sms", "email", "proactive_consent")
