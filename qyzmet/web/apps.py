from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "qyzmet.web"
    label = "web"
