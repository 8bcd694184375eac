from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "qyzmet.ops"
    label = "ops"
    verbose_name = "Operations"
