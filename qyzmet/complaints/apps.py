from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "qyzmet.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        # The complaint letters are signed documents the public verification page checks
        # (Law 21.2-2, ADR 0017): their kinds are known to it from here.
        from qyzmet.complaints import documents
        from qyzmet.delivery.documents import register_checked_kind

        register_checked_kind(
            documents.ANSWER, documents.checked_answer, lambda: str(_("Answer to a complaint"))
        )
        register_checked_kind(
            documents.EXTENSION,
            documents.checked_extension,
            lambda: str(_("Notice of extension of a complaint's review")),
        )
        # ADR 0062: answered complaints are anonymised at the end of their retention period.
        from qyzmet.complaints.retention import RECORD_KIND
        from qyzmet.retention.kinds import register_record_kind

        register_record_kind(RECORD_KIND)
