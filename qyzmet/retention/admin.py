"""Admin of retention (system administrators only, like the whole admin): the rules are edited
here and saved through ``retention_rule_save`` (checked, audited); proposals are approved or
rejected (with a reason) through the services; deletion records are read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from qyzmet.core.admin import ReadOnlyAdmin
from qyzmet.core.errors import ApplicationError
from qyzmet.retention import services
from qyzmet.retention.kinds import record_kinds
from qyzmet.retention.models import DeletionRecord, DisposalProposal, RetentionRule


class RetentionRuleForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind of record"), choices=())

    class Meta:
        model = RetentionRule
        fields = ["kind", "service", "period", "unit", "action", "requires_approval", "basis", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.name, f"{k.label} ({k.name})") for k in record_kinds()]

    def clean(self) -> dict[str, Any]:
        """The service's checks, each on its field (what was typed stays in the form)."""
        data = super().clean() or {}
        if self.errors:
            return data
        candidate = RetentionRule(pk=self.instance.pk, **{k: v for k, v in data.items() if k != "service"})
        candidate.service = data.get("service")
        try:
            services.retention_rule_check(rule=candidate)
        except ApplicationError as exc:
            for name, text in exc.field_messages_for().items():
                self.add_error(name if name in self.fields else None, text)
        return data


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    form = RetentionRuleForm
    list_display = ["kind", "service", "period", "unit", "action", "requires_approval", "is_active"]
    list_filter = ["kind", "action", "is_active"]
    search_fields = ["kind", "service__code", "basis"]
    list_select_related = ["service"]

    def save_model(self, request: HttpRequest, obj: RetentionRule, form: Any, change: bool) -> None:
        services.retention_rule_save(actor=request.user, rule=obj)  # type: ignore[arg-type]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a rule that disposed of records stays; switch it off instead


@admin.register(DisposalProposal)
class DisposalProposalAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """What the job found due: approve (carried out at once) or reject with a reason."""

    list_display = ["proposed_at", "kind", "action", "record_count", "cutoff", "status", "decided_by"]
    list_filter = ["status", "kind"]
    readonly_fields = [
        "rule",
        "kind",
        "action",
        "cutoff",
        "identifiers",
        "status",
        "proposed_at",
        "decided_by",
        "decided_at",
        "reason",
    ]
    actions = ["approve", "reject"]

    @admin.display(description=_("records"))
    def record_count(self, obj: DisposalProposal) -> int:
        return len(obj.object_ids)

    @admin.action(description=_("Approve and carry out"), permissions=["view"])
    def approve(self, request: HttpRequest, queryset: QuerySet[DisposalProposal]) -> None:
        for proposal in queryset:
            try:
                record = services.retention_proposal_approve(actor=request.user, proposal=proposal)  # type: ignore[arg-type]
            except ApplicationError as exc:
                self.message_user(request, f"{proposal}: {exc.message_for()}", messages.ERROR)
            else:
                count = record.count if record is not None else 0
                self.message_user(
                    request,
                    ngettext(
                        "%(kind)s: %(n)d record disposed of.", "%(kind)s: %(n)d records disposed of.", count
                    )
                    % {"kind": proposal.kind, "n": count},
                )

    @admin.action(description=_("Reject (with a reason)"), permissions=["view"])
    def reject(self, request: HttpRequest, queryset: QuerySet[DisposalProposal]) -> HttpResponse | None:
        reason = request.POST.get("reason", "")
        error = ""
        if "confirm" in request.POST:
            try:
                for proposal in queryset:
                    services.retention_proposal_reject(actor=request.user, proposal=proposal, reason=reason)  # type: ignore[arg-type]
            except ApplicationError as exc:
                error = exc.message_for()
            else:
                self.message_user(request, _("Rejected."))
                return None
        return TemplateResponse(
            request,
            "admin/retention/reject.html",
            {
                **self.admin_site.each_context(request),
                "proposals": list(queryset),
                "reason": reason,
                "error": error,
            },
        )


@admin.register(DeletionRecord)
class DeletionRecordAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["carried_out_at", "kind", "action", "count", "files_removed", "approved_by", "rule"]
    list_filter = ["kind", "action"]
    search_fields = ["kind"]
    readonly_fields = [
        "kind",
        "action",
        "rule",
        "rule_period",
        "rule_basis",
        "proposal",
        "identifiers",
        "count",
        "files_removed",
        "approved_by",
        "carried_out_at",
    ]
