from django.apps import AppConfig


class ContactcentreConfig(AppConfig):
    name = "qyzmet.contactcentre"
    label = "contactcentre"
