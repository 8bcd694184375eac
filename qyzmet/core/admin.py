"""Admin: the audit log is read-only (append-only in the database as well)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from qyzmet.core.models import AuditLog


class ReadOnlyAdmin:
    """Mixin for admins of records that change only through services (which audit them):
    the admin shows them, it never adds, changes or deletes one."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = [
        "occurred_at",
        "action",
        "object_type",
        "object_id",
        "actor_label",
        "api_client",
        "request_id",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "action", "actor_label", "api_client", "request_id"]
    date_hierarchy = "occurred_at"
    list_select_related = ["actor"]

    def get_readonly_fields(self, request: HttpRequest, obj: AuditLog | None = None) -> list[str]:
        return [f.name for f in AuditLog._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
