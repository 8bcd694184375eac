from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "qyzmet.orgs"
    label = "orgs"
