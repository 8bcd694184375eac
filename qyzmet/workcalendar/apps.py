from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "qyzmet.workcalendar"
    label = "workcalendar"
