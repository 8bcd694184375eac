"""Base model and the user account.

Staff roles and the organisation a staff member acts for live in ``orgs``; a user here is an
account: a recipient (citizen by IIN) or a staff member, or both.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from qyzmet.core.files import private_storage, private_upload_to
from qyzmet.core.people import full_name


class BaseModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Language(models.TextChoices):
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class User(AbstractUser):
    """An account. ``iin`` is set for citizens (recipients) and staff identified by IIN."""

    iin = models.CharField(_("IIN"), max_length=12, blank=True, db_index=True)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """Surname, name, patronymic (``qyzmet.core.people.full_name``), not Django's "name surname"."""
        return full_name(surname=self.last_name, name=self.first_name, patronymic=self.patronymic)


class AuditLog(models.Model):
    """Append-only audit trail: every state change of a citizen's case writes one row in the
    same transaction as the change. The application may only insert (database triggers refuse
    UPDATE and DELETE)."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    # The information system that made the change through the API (Law 18.6), beside its user.
    api_client = models.CharField(max_length=220, blank=True, default="", db_default="", db_index=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class SignedDocument(models.Model):
    """Law 21.2-2: a signed e-document as it was issued. The first time a document comes into
    being (or, for one issued before this table, the first time it is asked for) its PDF is
    signed and kept here; every later download and the verification page use these very bytes,
    so the signing time is the time of issue and two copies are byte-identical. One row per
    document and language (``kind``, ``number``, ``language``): a receipt or an e-result is
    offered in kk and ru, each its own signed file. ADR 0017."""

    kind = models.CharField(_("kind"), max_length=40)
    number = models.CharField(_("number"), max_length=64)
    language = models.CharField(_("language"), max_length=2, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    signed_at = models.DateTimeField(_("signed at"))
    signer_code = models.CharField(_("signer"), max_length=64)
    content = models.BinaryField(_("signed PDF"))

    class Meta:
        ordering = ["kind", "number", "language"]
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "number", "language"], name="core_signeddocument_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number} {self.language}".strip()


class KeptUpload(BaseModel):
    """A file a staff member uploaded with a form that was not written yet (a refusal on another
    field, or a final action waiting for confirmation): already checked
    (``qyzmet.core.files.upload_check``) and kept in private storage so that it is not uploaded
    twice. The form carries ``key``; only ``owner`` may use it; of no use after ``expires_at``
    (``kept_upload_sweep`` deletes it). The portal's applications keep theirs in
    ``delivery.ApplicationDraft`` (ADR 0020); this is the same idea for one staff file."""

    key = models.UUIDField(_("key"), unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), upload_to=private_upload_to, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size, bytes"))
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kept upload")
        verbose_name_plural = _("kept uploads")

    def __str__(self) -> str:
        return self.original_name


class ThrottleCounter(models.Model):
    """One throttle limit's count for one key in its current window (ADR 0075): written by a
    single upsert per attempt (``qyzmet.core.throttling``), shared by every worker and host.
    ``key`` is a digest of the limit's name and the counted value (an address, a number, a user
    name); a row past ``expires`` counts from 1 again at the next attempt."""

    key = models.CharField(_("key"), max_length=64, primary_key=True)
    count = models.PositiveIntegerField(_("count"))
    expires = models.DateTimeField(_("window ends"), db_index=True)

    class Meta:
        verbose_name = _("throttle counter")
        verbose_name_plural = _("throttle counters")

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.count}"
