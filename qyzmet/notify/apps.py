from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "qyzmet.notify"
    label = "notify"
