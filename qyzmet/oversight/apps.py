from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "qyzmet.oversight"
    label = "oversight"
    verbose_name = _("Public accountability")

    def ready(self) -> None:
        # The signed assessments and yearly reports are documents the public verification page
        # checks (Law 21.2-2, ADR 0017): their kinds are known to it from here.
        from qyzmet.delivery.documents import register_checked_kind
        from qyzmet.oversight import documents, public_sections

        # The yearly reports and the control outcomes on the public indicators page (monitoring).
        public_sections.register()

        register_checked_kind(
            documents.ASSESSMENT,
            documents.checked_assessment,
            lambda: str(_("Assessment of the quality of a public service")),
        )
        register_checked_kind(
            documents.REPORT,
            documents.checked_report,
            lambda: str(_("Yearly report on public-service activity")),
        )
