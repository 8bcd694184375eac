"""Admin of the PSC selection: read-only (every change goes through the audited services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qyzmet.pscselection.models import (
    CommissionMember,
    Conclusion,
    Cycle,
    ListEntry,
    Meeting,
    OrganisationTask,
    Proposal,
    Protocol,
    RegisterAmendment,
    SelectionList,
    ServiceCriteria,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ServiceCriteria)
class ServiceCriteriaAdmin(ReadOnlyAdmin):
    list_display = ("service", "informational", "duplicate", "licence_or_permit", "set_by")
    list_select_related = ("service", "set_by")


@admin.register(Cycle)
class CycleAdmin(ReadOnlyAdmin):
    list_display = ("year",)


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("number", "cycle", "body", "status", "submitted_on", "is_late", "signatory_name")
    list_filter = ("status", "is_late")
    list_select_related = ("cycle", "body")


@admin.register(SelectionList)
class SelectionListAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "formed_on", "formed_by", "sent_on", "refusals_counted")


@admin.register(ListEntry)
class ListEntryAdmin(ReadOnlyAdmin):
    list_display = ("selection_list", "service", "source", "volume", "meets_rules", "excluded")
    list_select_related = ("selection_list__cycle", "service")


@admin.register(CommissionMember)
class CommissionMemberAdmin(ReadOnlyAdmin):
    list_display = ("user", "function", "organisation", "appointed_on", "is_active")
    list_select_related = ("user", "organisation")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("number", "cycle", "held_on", "form", "adopted_on", "adopted_by")


@admin.register(Conclusion)
class ConclusionAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "service", "kind", "in_force_until")
    list_select_related = ("meeting", "service")


@admin.register(Protocol)
class ProtocolAdmin(ReadOnlyAdmin):
    list_display = ("number", "meeting", "half", "due_on", "sent_on")


@admin.register(RegisterAmendment)
class RegisterAmendmentAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "protocol",
        "due_on",
        "prepared_on",
        "adopted_on",
        "decree_reference",
        "applied_on",
    )


@admin.register(OrganisationTask)
class OrganisationTaskAdmin(ReadOnlyAdmin):
    list_display = ("service", "body", "kind", "due_on", "done_on", "late_flagged_on")
    list_select_related = ("service", "body")
