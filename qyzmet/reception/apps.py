from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "qyzmet.reception"
    label = "reception"
