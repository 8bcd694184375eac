from django.apps import AppConfig


class ApiClientsConfig(AppConfig):
    name = "qyzmet.apiclients"
    label = "apiclients"
    verbose_name = "API clients"
