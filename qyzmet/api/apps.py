from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "qyzmet.api"
    label = "api"
