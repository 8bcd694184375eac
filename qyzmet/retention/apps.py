from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "qyzmet.retention"
    label = "retention"
    verbose_name = _("Retention")

    def ready(self) -> None:
        # The outbox is below every app: its kind of record is registered from here. The case
        # apps (delivery, complaints, reception) register theirs in their own ready().
        from qyzmet.retention import complements, outbox

        outbox.register()
        complements.register()
