from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "qyzmet.registry"
    label = "registry"
