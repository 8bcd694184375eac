from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "qyzmet.quality"
    label = "quality"
