"""Admin of the register. Reference data (spheres, life situations, MCI) is edited here;
services, versions and discussions are read-only here: they change through the registry
services (staff pages under /registry/staff/ or `qyzmet registry import`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qyzmet.registry import models
from qyzmet.registry.services import search_index_rebuild


class ReindexOnSaveMixin:
    """A sphere's or a life situation's names are searched with its services (ADR 0024)."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        search_index_rebuild()


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.Sphere)
class SphereAdmin(ReindexOnSaveMixin, admin.ModelAdmin):
    list_display = ("code", "name_kk", "name_ru", "order")
    search_fields = ("code", "name_kk", "name_ru")


@admin.register(models.LifeSituation)
class LifeSituationAdmin(ReindexOnSaveMixin, admin.ModelAdmin):
    list_display = ("code", "sphere", "name_kk", "name_ru", "order")
    list_filter = ("sphere",)
    search_fields = ("code", "name_kk", "name_ru")


@admin.register(models.MciValue)
class MciValueAdmin(admin.ModelAdmin):
    list_display = ("year", "amount")


class ChannelTermInline(ReadOnlyMixin, admin.TabularInline):
    model = models.ChannelTerm
    extra = 0


class RequiredDocumentInline(ReadOnlyMixin, admin.TabularInline):
    model = models.RequiredDocument
    extra = 0


class FormFieldInline(ReadOnlyMixin, admin.TabularInline):
    model = models.FormField
    extra = 0


class OtherTermInline(ReadOnlyMixin, admin.TabularInline):
    model = models.OtherTerm
    extra = 0


class InformationSourceInline(ReadOnlyMixin, admin.TabularInline):
    model = models.InformationSource
    extra = 0


class ComplaintAddressInline(ReadOnlyMixin, admin.TabularInline):
    model = models.ComplaintAddress
    extra = 0


@admin.register(models.Service)
class ServiceAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "name_kk", "name_ru", "sphere", "responsible_body", "is_active")
    list_filter = ("sphere", "is_via_state_corporation", "is_electronic_capable", "is_socially_significant")
    search_fields = ("code", "name_kk", "name_ru")


@admin.register(models.StandardVersion)
class StandardVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("service", "number", "status", "effective_from", "effective_to")
    list_filter = ("status",)
    search_fields = ("service__code", "service__name_kk", "service__name_ru")
    inlines = (
        ChannelTermInline,
        OtherTermInline,
        RequiredDocumentInline,
        FormFieldInline,
        InformationSourceInline,
        ComplaintAddressInline,
    )


@admin.register(models.Discussion)
class DiscussionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("version", "posted_on", "ends_on", "status", "closed_on")
    list_filter = ("status",)


@admin.register(models.ContactCentreUpdateTask)
class ContactCentreUpdateTaskAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("service", "version", "due_on", "done_at")
