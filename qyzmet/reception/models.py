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

from qyzmet.core.files import private_storage, private_upload_to
from qyzmet.core.models import BaseModel, Language
from qyzmet.core.people import full_name
from qyzmet.reception.enums import (
    AnswerMethod,
    AppealForm,
    AppealKind,
    AppealStatus,
    ApplicantType,
    AttachmentRole,
    LegalArea,
    PreRegistrationChannel,
    RepresentativeKind,
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
    # CRC 14 (ADR 0030): the board's announcement starts without a click. A board computer set
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
    # CRC 15: the representative is named at registration; a legal representative (parent,
    # guardian, trustee) is a kind of representative, with the document of that authority.
    representative_kind = models.CharField(
        _("kind of representative"), max_length=20, choices=RepresentativeKind.choices, blank=True
    )
    representative_name = models.CharField(_("representative"), max_length=300, blank=True)
    representative_iin = models.CharField(_("representative's IIN"), max_length=12, blank=True)
    power_of_attorney = models.CharField(
        _("power of attorney (or document of legal representation): number"), max_length=200, blank=True
    )
    power_of_attorney_date = models.DateField(
        _("power of attorney (or document of legal representation): date"), null=True, blank=True
    )
    appointment_order = models.CharField(_("appointment order: number"), max_length=200, blank=True)
    appointment_order_date = models.DateField(_("appointment order: date"), null=True, blank=True)
    original_language = models.CharField(_("language of the original"), max_length=20, blank=True)
    translation_notarised = models.BooleanField(_("notarised kk/ru translation"), default=False)
    legal_area = models.CharField(
        _("legal area"), max_length=30, choices=LegalArea.choices, default=LegalArea.GENERAL
    )
    data_consent = models.BooleanField(_("written consent to use protected data"), default=False)
    # CRC 17.7: a written appeal goes on paper (to the courier registry) only when its
    # attachments cannot be entered into the system; the reason is recorded.
    paper_only = models.BooleanField(_("attachments cannot be entered electronically"), default=False)
    paper_reason = models.CharField(_("why the attachments go on paper"), max_length=300, blank=True)
    originals_returned_at = models.DateTimeField(
        _("originals returned to the visitor at"), null=True, blank=True
    )
    originals_returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
    # Issue 20.4 on the web: the key of the form that filed this appeal (a complaint about an
    # answer, CRC 18: ``answer:<token>``); the same form sent again gets this appeal back.
    idempotency_key = models.CharField(_("idempotency key"), max_length=100, blank=True, default="")
    # A digest of what the keyed filing asked for: the same key with another request is refused.
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-registered_at", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="reception_appeal_idempotency",
            )
        ]
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
    """CRC 18: the competent body's answer and how it reached the visitor (CRC 17.4).

    ``issued_at`` is when it was delivered, by ``issued_method``: handed over at the Result
    desk; shown in the personal cabinet (``cabinet_published_at``); posted (the dispatch the
    staff recorded: ``posted_on``, ``post_tracking_number``); e-mailed (queued in the outbox
    under ``email_dedup_key``, delivered when the outbox reports it sent). Until then it waits."""

    appeal = models.OneToOneField(Appeal, on_delete=models.PROTECT, related_name="answer")
    text = models.TextField(_("answer"))
    answer_number = models.CharField(_("outgoing number"), max_length=60, blank=True)
    answered_on = models.DateField(_("answer date"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    issued_method = models.CharField(max_length=20, choices=AnswerMethod.choices, blank=True)
    issued_ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cabinet_published_at = models.DateTimeField(_("shown in the personal cabinet at"), null=True, blank=True)
    posted_on = models.DateField(_("sent by post on"), null=True, blank=True)
    post_tracking_number = models.CharField(_("postal tracking number"), max_length=13, blank=True)
    dispatch_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email_to = models.EmailField(_("e-mailed to"), blank=True)
    email_dedup_key = models.CharField(_("outbox message"), max_length=200, blank=True)

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
    # CRC 17.7: the forming time (12:00 or 18:00) it was formed for: it lists the paper
    # appeals registered by then.
    cutoff_at = models.DateTimeField(_("forming time"), null=True, blank=True, db_index=True)
    period_start = models.DateTimeField(_("appeals accepted since"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    received_by_name = models.CharField(_("received by"), max_length=200, blank=True)
    received_recorded_at = models.DateTimeField(_("receipt recorded at"), null=True, blank=True)
    received_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-formed_at", "number"]
        verbose_name = _("paper registry")
        verbose_name_plural = _("paper registries")

    def __str__(self) -> str:
        return self.number


class AppealAttachment(BaseModel):
    """A scan entered into the system with an appeal (CRC 17.5): an attachment the appeal
    lists, the representative's power of attorney or document of legal representation, or an
    entity's appointment order (CRC 15). Checked by ``core.files.upload_check``, kept private."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="scans")
    role = models.CharField(_("what it is"), max_length=30, choices=AttachmentRole.choices)
    name = models.CharField(_("name"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=private_upload_to, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size, bytes"))

    class Meta:
        ordering = ["appeal", "role", "pk"]
        verbose_name = _("appeal scan")
        verbose_name_plural = _("appeal scans")

    def __str__(self) -> str:
        return self.original_name


class AppealDraft(BaseModel):
    """An appeal being entered at the Result desk over several question pages (ADR 0025's
    pattern): what the worker typed (``values``) and the scans kept for it
    (``files``: field name → ``core.KeptUpload`` key), until it is registered. Only ``owner``
    uses it; of no use after ``expires_at``; ``appeal_numbers`` once registered."""

    key = models.UUIDField(_("key"), unique=True, editable=False, default=uuid.uuid4)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    centre = models.ForeignKey(ORG, on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(_("typed values"), default=dict, blank=True)
    files = models.JSONField(_("kept scans"), default=dict, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    appeal_numbers = models.JSONField(_("registered as"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("appeal draft")
        verbose_name_plural = _("appeal drafts")

    def __str__(self) -> str:
        return str(self.key)


class ReceptionSchedule(BaseModel):
    """CRC 20: a personal reception by a head (or deputy) of a central state body, on the
    schedule the body drafts, the Department agrees and the Head of the Government Apparatus
    approves; then published and given to reception, 1414 and consultation staff. A joint
    reception with a local executive body is arranged by the Department (CRC 23); bodies may
    join by video conference (CRC 21). Each step keeps who took it and when."""

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
    drafted_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent for agreement at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("why it was returned"), blank=True)
    # CRC 21: the final list, fixed two working days before, sent to the Department and the head
    list_sent_at = models.DateTimeField(_("final list sent at"), null=True, blank=True)
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
    """CRC 21: a visitor registered for a personal reception; one visitor (IIN) once a reception."""

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
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["schedule", "created_at", "pk"]
        verbose_name = _("pre-registration")
        verbose_name_plural = _("pre-registrations")
        constraints = [
            # CRC 21 (issue 16.5): the same visitor is pre-registered once for one reception
            models.UniqueConstraint(
                fields=["schedule", "visitor_iin"],
                condition=~models.Q(visitor_iin=""),
                name="reception_preregistration_one_iin_per_schedule",
            )
        ]


class FollowUpTask(BaseModel):
    """CRC 22: control of an issue raised at a personal reception: the responsible executive
    (owner) of the body, a due date, and the closing record (who closed it, when, what was done)."""

    registration = models.ForeignKey(PreRegistration, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(_("task"))
    due_date = models.DateField(_("due date"))
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.TextField(_("what was done"), blank=True)
    overdue_flagged_on = models.DateField(_("flagged overdue on"), null=True, blank=True)

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
