from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "qyzmet.monitoring"
    label = "monitoring"
    verbose_name = _("Public monitoring")

    def ready(self) -> None:
        # The published conclusion is a signed document the public verification page checks
        # (ADR 0017): its kind is known to it from here.
        from qyzmet.delivery.documents import register_checked_kind
        from qyzmet.monitoring import documents, public_sections

        # The page's own sections (indicators, conclusions, measures); other apps add theirs.
        public_sections.register()

        register_checked_kind(
            documents.CONCLUSION,
            documents.checked_conclusion,
            lambda: str(_("Conclusion of a public monitoring")),
        )
