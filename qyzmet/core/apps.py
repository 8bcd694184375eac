from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "qyzmet.core"
    label = "core"
    verbose_name = "Core"


class QyzmetAdminConfig(admin_apps.AdminConfig):
    """Django's admin app with the system-administrators-only site (issue 12.3)."""

    default = False  # "qyzmet.core" still means CoreConfig
    default_site = "qyzmet.core.admin_site.QyzmetAdminSite"
