from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "qyzmet.delivery"
    label = "delivery"
