"""Admin: the outbox and job runs are read-only; "retry now" goes through the service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from qyzmet.core.errors import ApplicationError
from qyzmet.notify.models import JobRun, OutboxAttempt, OutboxMessage
from qyzmet.notify.services import outbox_retry_now


class ReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OutboxAttemptInline(admin.TabularInline):
    """Every try to deliver the message (issue 19.4): when, delivered or not, code, error."""

    model = OutboxAttempt
    fields = ["number", "attempted_at", "succeeded", "response_code", "error", "duration_ms"]
    readonly_fields = ["number", "attempted_at", "succeeded", "response_code", "error", "duration_ms"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    inlines = [OutboxAttemptInline]
    list_display = [
        "created_at",
        "channel",
        "to",
        "kind",
        "language",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "channel", "language", "kind"]
    search_fields = ["to", "dedup_key", "kind", "provider_message_id"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]

    @admin.action(description=_("Retry now"), permissions=["view"])
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        done = 0
        for message in queryset:
            try:
                outbox_retry_now(message=message, actor=request.user)  # type: ignore[arg-type]
            except ApplicationError as exc:
                self.message_user(request, f"#{message.pk}: {exc.message_for()}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, _("%(n)d message(s) will be retried.") % {"n": done}, messages.SUCCESS)


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "runs"]
    search_fields = ["name"]
