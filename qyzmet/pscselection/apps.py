from django.apps import AppConfig


class PscselectionConfig(AppConfig):
    name = "qyzmet.pscselection"
    label = "pscselection"
