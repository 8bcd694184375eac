from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "qyzmet.complaints"
    label = "complaints"
