"""Citizens' Reception Centre: electronic queue, appeals, paper registries, personal reception.

Rules: CRC 5 (zones, hours), CRC 14 (queue, board, voice), CRC 4.4/15/17 (appeals), CRC 17.7
(paper registries), CRC 18 (answers), CRC 20-23 (personal reception), CRC 8-9 (staffing).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qyzmet.core.models import BaseModel, Language
from qyzmet.core.people import full_name
from qyzmet.reception.enums import (
    AnswerMethod,
    AppealForm,
    AppealKind,
    AppealStatus,
    ApplicantType,
    LegalArea,
    PreRegistrationChannel,
    ScheduleStatus,
    TicketStatus,
    ZoneKind,
)

ORG = "orgs.Organisation"


class Hall(BaseModel):
    """A hall of a reception centre with its own display board."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    centre = models.ForeignKey(ORG, on_delete=models.PROTECT, related_name="reception_halls")
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    # CRC 14 (ADR 0027): the board's announcement starts without a click. A board computer set
    # up as a kiosk runs Chromium with ``--autoplay-policy=no-user-gesture-required``.
    board_autoplay = models.BooleanField(
        _("board plays sound without a click (kiosk)"),
        default=False,
        help_text=_(
            "Tick it for a board computer run as a kiosk: Chromium started with "
            "--kiosk --autoplay-policy=no-user-gesture-required plays every call without anyone "
            "touching the screen. Left unticked, a browser that blocks sound shows a one-time "
            "'Enable sound' overlay on the board."
        ),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("hall")
        verbose_name_plural = _("halls")

    def __str__(self) -> str:
        return self.name_ru

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


class Zone(BaseModel):
    """CRC 5: a zone of the hall; ``prefix`` starts its ticket numbers (CRC 14)."""

    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="zones")
    kind = models.CharField(_("kind"), max_length=30, choices=ZoneKind.choices)
    prefix = models.CharField(_("ticket prefix"), max_length=3)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)

    class Meta:
        ordering = ["hall", "kind"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.UniqueConstraint(fields=["hall", "kind"], name="reception_zone_hall_kind_uniq"),
            models.UniqueConstraint(fields=["hall", "prefix"], name="reception_zone_hall_prefix_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.hall.code}/{self.kind}"

    def name(self, lang: str) -> str:
        return self.name_kk if lang == "kk" else self.name_ru


class Desk(BaseModel):
    """A service desk of a zone; ``organisation`` is the body staffing it (CRC 8)."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="desks")
    number = models.PositiveSmallIntegerField(_("desk number"))
    organisation = models.ForeignKey(
        ORG, null=True, blank=True, on_delete=models.SET_NULL, related_name="reception_desks"
    )
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_reserve = models.BooleanField(_("reserve staff"), default=False)
    # CRC 9: when the body's worker took the desk (this shift); ``None`` while nobody of the
    # body is at it. ``unstaffed_since`` is when the desk was last left without its body's worker.
    staffed_since = models.DateTimeField(_("staffed since"), null=True, blank=True)
    unstaffed_since = models.DateTimeField(_("unstaffed since"), null=True, blank=True)

    class Meta:
        ordering = ["zone", "number"]
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        constraints = [
            models.UniqueConstraint(fields=["zone", "number"], name="reception_desk_zone_number_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.zone.prefix}{self.number}"


class TicketCounter(models.Model):
    """The last number issued in a zone on a day; locked with SELECT … FOR UPDATE (CRC 14)."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["day", "zone"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "day"], name="reception_counter_zone_day_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.zone_id}/{self.day}: {self.last_number}"


class Ticket(BaseModel):
    """An electronic queue ticket (CRC 14). ``queued_at`` orders the queue (FIFO); a transferred
    ticket's successor keeps the original ``queued_at`` (see ``ticket_transfer``).

    A Consultation ticket names the ``competent_body`` whose worker the visitor needs (CRC 14,
    19): each body has its own line in the zone and only that body's desk calls it. ``key`` is
    the unguessable address of the visitor's ticket page (the QR code on the printed ticket)."""

    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="tickets")
    competent_body = models.ForeignKey(
        ORG,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reception_tickets",
        verbose_name=_("competent body"),
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    code = models.CharField(_("ticket number"), max_length=12)
    status = models.CharField(
        _("status"), max_length=20, choices=TicketStatus.choices, default=TicketStatus.WAITING, db_index=True
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    purpose = models.CharField(_("purpose of the visit"), max_length=300, blank=True)
    visitor_name = models.CharField(_("visitor"), max_length=300, blank=True)
    visitor_iin = models.CharField(_("IIN"), max_length=12, blank=True)
    visitor_document = models.CharField(_("identity document number"), max_length=40, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    queued_at = models.DateTimeField(_("place in the queue since"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(default=0)
    desk = models.ForeignKey(Desk, null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets")
    transferred_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="transferred_to"
    )
    pre_registration = models.ForeignKey(
        "PreRegistration", null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["day", "zone", "number"]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "day", "number"], name="reception_ticket_zone_day_number_uniq"
            )
        ]
        indexes = [
            models.Index(fields=["zone", "day", "status", "queued_at"]),
            models.Index(
                fields=["zone", "day", "competent_body", "status", "queued_at"],
                name="reception_ticket_line_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Appeal(BaseModel):
    """An appeal accepted at the centre (CRC 4.4, 17). Split appeals share ``split_group``."""

    number = models.CharField(_("registration number"), max_length=30, unique=True)
    centre = models.ForeignKey(ORG, on_delete=models.PROTECT, related_name="+")
    competent_body = models.ForeignKey(ORG, on_delete=models.PROTECT, related_name="reception_appeals")
    kind = models.CharField(_("kind"), max_length=20, choices=AppealKind.choices)
    form = models.CharField(_("form"), max_length=20, choices=AppealForm.choices)
    applicant_type = models.CharField(
        _("applicant"), max_length=20, choices=ApplicantType.choices, default=ApplicantType.INDIVIDUAL
    )
    is_collective = models.BooleanField(_("collective appeal"), default=False)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppealStatus.choices,
        default=AppealStatus.REGISTERED,
        db_index=True,
    )
    surname = models.CharField(_("surname"), max_length=150, blank=True)
    first_name = models.CharField(pgettext_lazy("person", "name"), max_length=150, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    iin = models.CharField(_("IIN"), max_length=12, blank=True)
    entity_name = models.CharField(_("name of the legal entity"), max_length=300, blank=True)
    bin = models.CharField(_("BIN"), max_length=12, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=400, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    substance = models.TextField(_("substance of the appeal"), blank=True)
    appeal_date = models.DateField(_("date of the appeal"), null=True, blank=True)
    signed = models.BooleanField(_("signed by the applicant or representative"), default=False)
    attachments = models.JSONField(_("attachments listed"), default=list, blank=True)
    attachment_count = models.PositiveSmallIntegerField(_("attachments enclosed"), default=0)
    by_representative = models.BooleanField(_("filed by a representative"), default=False)
    representative_name = models.CharField(_("representative"), max_length=300, blank=True)
    power_of_attorney = models.CharField(_("power of attorney"), max_length=200, blank=True)
    appointment_order = models.CharField(_("appointment order"), max_length=200, blank=True)
    original_language = models.CharField(_("language of the original"), max_length=20, blank=True)
    translation_notarised = models.BooleanField(_("notarised kk/ru translation"), default=False)
    legal_area = models.CharField(
        _("legal area"), max_length=30, choices=LegalArea.choices, default=LegalArea.GENERAL
    )
    data_consent = models.BooleanField(_("written consent to use protected data"), default=False)
    answer_method = models.CharField(
        _("how to receive the answer"),
        max_length=20,
        choices=AnswerMethod.choices,
        default=AnswerMethod.IN_PERSON,
    )
    split_group = models.UUIDField(null=True, blank=True, db_index=True)
    complaint_of = models.ForeignKey(
        "AppealAnswer", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals"
    )
    paper_registry = models.ForeignKey(
        "PaperRegistry", null=True, blank=True, on_delete=models.SET_NULL, related_name="appeals"
    )
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reception_appeals",
    )

    class Meta:
        ordering = ["-registered_at", "number"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return self.number

    @property
    def applicant_label(self) -> str:
        if self.applicant_type == ApplicantType.ENTITY:
            return self.entity_name
        return full_name(surname=self.surname, name=self.first_name, patronymic=self.patronymic)


class AppealAnswer(BaseModel):
    """CRC 18: the competent body's answer and how it reached the visitor."""

    appeal = models.OneToOneField(Appeal, on_delete=models.PROTECT, related_name="answer")
    text = models.TextField(_("answer"))
    answer_number = models.CharField(_("outgoing number"), max_length=60, blank=True)
    answered_on = models.DateField(_("answer date"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_method = models.CharField(max_length=20, choices=AnswerMethod.choices, blank=True)
    issued_ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-answered_on", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")


class PaperRegistry(BaseModel):
    """CRC 17.7: a registry of paper appeal packages to one competent body, formed at 12:00 and
    18:00, two copies; the returned copy is marked received."""

    number = models.CharField(_("registry number"), max_length=40, unique=True)
    centre = models.ForeignKey(ORG, on_delete=models.PROTECT, related_name="+")
    competent_body = models.ForeignKey(ORG, on_delete=models.PROTECT, related_name="reception_registries")
    formed_at = models.DateTimeField(_("formed at"), db_index=True)
    period_start = models.DateTimeField(_("appeals accepted since"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    received_by_name = models.CharField(_("received by"), max_length=200, blank=True)

    class Meta:
        ordering = ["-formed_at", "number"]
        verbose_name = _("paper registry")
        verbose_name_plural = _("paper registries")

    def __str__(self) -> str:
        return self.number


class ReceptionSchedule(BaseModel):
    """CRC 20: a personal reception of a head (or deputy) of a central state body; a joint
    reception with a local body (CRC 23); bodies joining by video conference."""

    organisation = models.ForeignKey(ORG, on_delete=models.PROTECT, related_name="reception_schedules")
    official_name_kk = models.CharField(_("official (Kazakh)"), max_length=300)
    official_name_ru = models.CharField(_("official (Russian)"), max_length=300)
    position_kk = models.CharField(_("position (Kazakh)"), max_length=300)
    position_ru = models.CharField(_("position (Russian)"), max_length=300)
    day = models.DateField(_("reception day"), db_index=True)
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    status = models.CharField(
        _("status"), max_length=20, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    joint_local_body = models.ForeignKey(
        ORG, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    video_bodies: models.ManyToManyField[Any, Any] = models.ManyToManyField(ORG, blank=True, related_name="+")

    class Meta:
        ordering = ["day", "starts_at", "pk"]
        verbose_name = _("personal reception")
        verbose_name_plural = _("personal receptions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day", "starts_at", "official_name_ru"],
                name="reception_schedule_uniq",
            )
        ]

    def official_name(self, lang: str) -> str:
        return self.official_name_kk if lang == "kk" else self.official_name_ru

    def position(self, lang: str) -> str:
        return self.position_kk if lang == "kk" else self.position_ru


class PreRegistration(BaseModel):
    """CRC 21: a visitor registered for a personal reception."""

    schedule = models.ForeignKey(ReceptionSchedule, on_delete=models.CASCADE, related_name="registrations")
    visitor_name = models.CharField(_("visitor"), max_length=300)
    visitor_iin = models.CharField(_("IIN"), max_length=12, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    channel = models.CharField(_("channel"), max_length=20, choices=PreRegistrationChannel.choices)
    issue = models.TextField(_("issue"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appeal = models.ForeignKey(Appeal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["schedule", "created_at", "pk"]
        verbose_name = _("pre-registration")
        verbose_name_plural = _("pre-registrations")


class FollowUpTask(BaseModel):
    """CRC 22: control of an issue raised at a personal reception."""

    registration = models.ForeignKey(PreRegistration, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(_("task"))
    due_date = models.DateField(_("due date"))
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")


class StaffingAlert(BaseModel):
    """CRC 9: a desk unstaffed for more than three hours."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="alerts")
    organisation = models.ForeignKey(ORG, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unstaffed_since = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-unstaffed_since", "pk"]
        verbose_name = _("staffing alert")
        verbose_name_plural = _("staffing alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["desk", "unstaffed_since"], name="reception_alert_desk_since_uniq"
            )
        ]


class NumberSequence(models.Model):
    """A named counter for public numbers (appeals, registries), bumped atomically."""

    name = models.CharField(max_length=60, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.last}"
