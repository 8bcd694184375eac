"""Admin of delivery: read-only. Applications, their consent and provider, term violations,
proactive offers and notification consents change only through the delivery services, which
audit every change (no silent edits)."""

from __future__ import annotations

from django.contrib import admin

from qyzmet.core.admin import ReadOnlyAdmin
from qyzmet.delivery.models import (
    AcceptanceRefusal,
    AcceptanceRefusalItem,
    Application,
    ApplicationDocument,
    CompositeService,
    NotificationPreference,
    ProactiveOffer,
    Stage,
    TermViolation,
)


class ApplicationDocumentInline(ReadOnlyAdmin, admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    fields = ("required_document", "name_kk", "name_ru", "document_number", "issued_on", "valid_until")


class StageInline(ReadOnlyAdmin, admin.TabularInline):
    model = Stage
    extra = 0
    fields = ("kind", "occurred_at", "officer", "organisation", "other_body", "note")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("number", "service", "channel", "status", "provider", "due_on", "term_violated_on")
    list_filter = ("status", "channel", "language")
    search_fields = ("number",)
    date_hierarchy = "submitted_at"
    list_select_related = ("service", "provider")
    inlines = [ApplicationDocumentInline, StageInline]
    exclude = ("recipient_iin",)


@admin.register(CompositeService)
class CompositeServiceAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("code", "name_kk", "name_ru", "is_active")


@admin.register(TermViolation)
class TermViolationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("application", "provider", "service", "due_on", "detected_on")
    list_select_related = ("application", "provider", "service")


@admin.register(ProactiveOffer)
class ProactiveOfferAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("service", "recipient", "status", "offered_at", "answered_at")
    list_filter = ("status",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("user", "sms", "email", "proactive_consent")


class AcceptanceRefusalItemInline(ReadOnlyAdmin, admin.TabularInline):
    model = AcceptanceRefusalItem
    extra = 0
    fields = ("required_document", "name_kk", "name_ru", "problem", "document_number", "valid_until")


@admin.register(AcceptanceRefusal)
class AcceptanceRefusalAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Law 20.2: refusals to accept documents, as issued at the desk (read-only)."""

    list_display = ("number", "service", "branch", "operator", "refused_at")
    list_select_related = ("service", "branch", "operator")
    search_fields = ("number",)
    inlines = [AcceptanceRefusalItemInline]
