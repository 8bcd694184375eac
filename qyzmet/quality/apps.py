from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "qyzmet.quality"
    label = "quality"

    def ready(self) -> None:
        from qyzmet.quality import signals

        signals.connect()
