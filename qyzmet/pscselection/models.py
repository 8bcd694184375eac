"""Models of the yearly selection of services for the Public Service Centres (PSC 1-11).

- ``ServiceCriteria``: the PSC 4 criteria of a service of the register (kept here, keyed to
  ``registry.Service``).
- ``Cycle``: the selection of one year; its dates are those of PSC 5-10 (``terms``).
- ``Proposal`` / ``ProposalItem``: a body's proposals (PSC 5, the appendix's form).
- ``SelectionList`` / ``ListEntry``: the list formed by the informatization authority with the
  volumes frozen, the quality indicators and the monitoring conclusions (PSC 6), put to the
  commission (PSC 7).
- ``CommissionMember``, ``Meeting``, ``Conclusion``: the interdepartmental commission, its
  meetings (PSC 7) and conclusions (PSC 8).
- ``Protocol``: the protocol of a meeting sent to the interested bodies (PSC 9).
- ``RegisterAmendment``: the draft amendment of the register and its application (PSC 10).
- ``OrganisationTask``: the three months to organise delivery (PSC 11).
- ``StepFlag``: a late step flagged by the sweep and its owner told (once).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qyzmet.core.models import BaseModel
from qyzmet.pscselection.enums import (
    CommissionFunction,
    ConclusionKind,
    Criterion,
    EntrySource,
    MeetingForm,
    ProposalStatus,
    TaskKind,
)

USER = settings.AUTH_USER_MODEL


class ServiceCriteria(BaseModel):
    """PSC 4: which criteria a service of the register meets (one or several)."""

    service = models.OneToOneField(
        "registry.Service", verbose_name=_("service"), on_delete=models.CASCADE, related_name="psc_criteria"
    )
    informational = models.BooleanField(_("informational (PSC 4.1)"), default=False)
    duplicate = models.BooleanField(_("issue of a duplicate (PSC 4.2)"), default=False)
    licence_or_permit = models.BooleanField(_("licence or other permit (PSC 4.3)"), default=False)
    set_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["service__code"]
        verbose_name = _("PSC criteria of a service")
        verbose_name_plural = _("PSC criteria of services")

    def __str__(self) -> str:
        return f"{self.service_id}: {', '.join(self.criteria)}"

    @property
    def criteria(self) -> list[str]:
        return [
            c
            for c, on in (
                (Criterion.INFORMATIONAL, self.informational),
                (Criterion.DUPLICATE, self.duplicate),
                (Criterion.LICENCE_OR_PERMIT, self.licence_or_permit),
            )
            if on
        ]


class Cycle(BaseModel):
    """The selection of one year (PSC 5-11). The volumes are those of the year before."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opened_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("selection cycle")
        verbose_name_plural = _("selection cycles")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def volume_year(self) -> int:
        return self.year - 1


class Proposal(BaseModel):
    """PSC 5, appendix: a body's proposals on increasing the number of services delivered
    through the Public Service Centres, signed by its head; after 20 February it is late (still
    accepted, marked)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="proposals")
    body = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    drafted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    signatory_name = models.CharField(_("signed by (head of the body)"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"))
    is_late = models.BooleanField(_("late"), default=False)

    class Meta:
        ordering = ["cycle", "body__path", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "body"], name="psc_one_proposal_per_body_and_cycle")
        ]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.number


class ProposalItem(BaseModel):
    """One row of the proposals: a service, the criterion, its yearly volume as the body counts
    it, the channels it is delivered through today, and the reasons."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="items")
    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    criterion = models.CharField(_("criterion (PSC 4)"), max_length=30, choices=Criterion.choices)
    yearly_volume = models.PositiveIntegerField(_("services rendered a year"))
    current_channels = models.JSONField(_("delivered today through"), default=list, blank=True)
    reasons = models.TextField(_("reasons"))

    class Meta:
        ordering = ["proposal", "service__code"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "service"], name="psc_one_item_per_service")
        ]
        verbose_name = _("proposed service")
        verbose_name_plural = _("proposed services")

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.service_id}"


class SelectionList(BaseModel):
    """PSC 6-7: the list of services to be delivered through the Public Service Centres, formed
    by the informatization authority and put to the commission."""

    cycle = models.OneToOneField(Cycle, on_delete=models.PROTECT, related_name="selection_list")
    formed_on = models.DateField(_("formed on"))
    formed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    # ADR 0040: whether reasoned refusals counted in the volumes, as it was when formed.
    refusals_counted = models.BooleanField(_("reasoned refusals counted"), default=False)
    sent_on = models.DateField(_("put to the commission on"), null=True, blank=True)
    sent_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-cycle__year"]
        verbose_name = _("list of services")
        verbose_name_plural = _("lists of services")

    def __str__(self) -> str:
        return f"{self.cycle_id}"


class ListEntry(BaseModel):
    """One service of the list with what was known when the list was formed: the volume of the
    year before (total, by channel, by provider), the criteria, the quality indicators of the
    year before and the public-monitoring conclusions; or excluded, with the reason."""

    selection_list = models.ForeignKey(SelectionList, on_delete=models.CASCADE, related_name="entries")
    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("source"), max_length=20, choices=EntrySource.choices)
    criteria = models.JSONField(_("criteria (PSC 4)"), default=list, blank=True)
    volume = models.PositiveIntegerField(_("services rendered in the year before"), default=0)
    by_channel = models.JSONField(_("by channel"), default=dict, blank=True)
    by_provider = models.JSONField(_("by provider"), default=dict, blank=True)
    meets_rules = models.BooleanField(_("meets PSC 4"), default=False)
    problems = models.JSONField(_("why it does not meet the rules"), default=list, blank=True)
    indicators = models.JSONField(_("quality indicators of the year before"), default=dict, blank=True)
    monitoring = models.JSONField(_("public-monitoring conclusions"), default=list, blank=True)
    proposal_items = models.ManyToManyField(ProposalItem, blank=True, related_name="entries")
    excluded = models.BooleanField(_("excluded"), default=False)
    exclusion_reason = models.TextField(_("reason for the exclusion"), blank=True)
    excluded_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    excluded_on = models.DateField(_("excluded on"), null=True, blank=True)

    class Meta:
        ordering = ["selection_list", "service__code"]
        constraints = [
            models.UniqueConstraint(fields=["selection_list", "service"], name="psc_one_entry_per_service")
        ]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")

    def __str__(self) -> str:
        return f"{self.selection_list_id}: {self.service_id}"


class CommissionMember(BaseModel):
    """PSC 3.2: a member of the interdepartmental commission under the informatization
    authority (its chair, its secretary, the members), representing a body."""

    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="psc_commission_memberships")
    function = models.CharField(_("function"), max_length=20, choices=CommissionFunction.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("represents"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)
    appointed_on = models.DateField(_("appointed on"))

    class Meta:
        ordering = ["function", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_active=True), name="psc_one_active_membership"
            )
        ]
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")

    def __str__(self) -> str:
        return f"{self.user} ({self.function})"


class Meeting(BaseModel):
    """PSC 7-8: a meeting of the commission on the list, in person or in absentia; its
    conclusions are adopted when the chair closes it."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="meetings")
    number = models.CharField(_("number"), max_length=32, unique=True)
    held_on = models.DateField(_("held on"))
    form = models.CharField(_("form"), max_length=20, choices=MeetingForm.choices)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    adopted_on = models.DateField(_("conclusions adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("commission meeting")
        verbose_name_plural = _("commission meetings")

    def __str__(self) -> str:
        return self.number


class Conclusion(BaseModel):
    """PSC 8: the commission's positive or negative conclusion on delivering a service through
    the Public Service Centres, with its reasons; a negative one holds one year from the
    meeting (``in_force_until``, inclusive) and keeps the service off the candidates."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="conclusions")
    entry = models.OneToOneField(ListEntry, on_delete=models.PROTECT, related_name="conclusion")
    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("conclusion"), max_length=20, choices=ConclusionKind.choices)
    reasons = models.TextField(_("reasons"))
    in_force_until = models.DateField(_("in force until"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "service__code"]
        indexes = [models.Index(fields=["service", "kind", "in_force_until"])]
        verbose_name = _("conclusion of the commission")
        verbose_name_plural = _("conclusions of the commission")

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.service_id} {self.kind}"


class Protocol(BaseModel):
    """PSC 9: the protocol of a meeting, sent by the informatization authority to the interested
    bodies by 10 May (a meeting by then) or by 10 October."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="protocol")
    number = models.CharField(_("number"), max_length=32, unique=True)
    half = models.PositiveSmallIntegerField(_("half of the year"))
    due_on = models.DateField(_("due on"))
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    addressees = models.ManyToManyField("orgs.Organisation", related_name="+")

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("protocol")
        verbose_name_plural = _("protocols")

    def __str__(self) -> str:
        return self.number

    @property
    def is_late(self) -> bool:
        return self.sent_on > self.due_on


class RegisterAmendment(BaseModel):
    """PSC 10: the draft decree amending the register on the basis of a protocol, prepared by
    the public-services authority by 1 July (first half) or 1 December; once adopted, applied to
    the register through the registry's services with its decree reference."""

    protocol = models.OneToOneField(Protocol, on_delete=models.PROTECT, related_name="amendment")
    number = models.CharField(_("number"), max_length=32, unique=True)
    due_on = models.DateField(_("due on"))
    draft_title = models.TextField(_("draft decree"))
    prepared_on = models.DateField(_("prepared on"))
    prepared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    adopted_on = models.DateField(_("decree adopted on"), null=True, blank=True)
    decree_reference = models.CharField(_("decree"), max_length=300, blank=True)
    applied_on = models.DateField(_("applied to the register on"), null=True, blank=True)
    applied_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-prepared_on", "-id"]
        verbose_name = _("register amendment")
        verbose_name_plural = _("register amendments")

    def __str__(self) -> str:
        return self.number

    @property
    def is_late(self) -> bool:
        return self.prepared_on > self.due_on


class OrganisationTask(BaseModel):
    """PSC 11: what a body (or the informatization authority) owes within three months of the
    register amendment to organise delivery of a service in the Public Service Centres."""

    amendment = models.ForeignKey(RegisterAmendment, on_delete=models.PROTECT, related_name="tasks")
    service = models.ForeignKey("registry.Service", on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("task"), max_length=20, choices=TaskKind.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("what was done"), blank=True)
    standard_version = models.ForeignKey(
        "registry.StandardVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    late_flagged_on = models.DateField(_("flagged late on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "service__code", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "service", "kind"], name="psc_one_task_per_service_and_kind"
            )
        ]
        verbose_name = _("organisation task")
        verbose_name_plural = _("organisation tasks")

    def __str__(self) -> str:
        return f"{self.service_id} {self.kind} {self.due_on}"

    def is_late_on(self, today: dt.date) -> bool:
        return (self.done_on or today) > self.due_on


class StepFlag(BaseModel):
    """A step of a cycle found late by the sweep: flagged once, its owner told once."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="flags")
    step = models.CharField(_("step"), max_length=30)
    due_on = models.DateField(_("due on"))
    flagged_on = models.DateField(_("flagged on"))

    class Meta:
        ordering = ["cycle", "due_on"]
        constraints = [models.UniqueConstraint(fields=["cycle", "step"], name="psc_one_flag_per_step")]
        verbose_name = _("late step")
        verbose_name_plural = _("late steps")

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.step}"
