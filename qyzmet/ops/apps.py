from typing import Any

from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "qyzmet.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        # The REST API answers every exception itself (qyzmet.api.errors: a JSON 500); a
        # database that is away is a 503 with Retry-After there too (ADR 0070). Ninja picks the
        # most specific handler, so these win over its catch-all without changing it.
        from django.db import InterfaceError, OperationalError
        from django.http import HttpRequest, HttpResponse

        from qyzmet.api.v1 import api
        from qyzmet.ops.views import database_unavailable

        def _away(request: HttpRequest, exc: Any) -> HttpResponse:
            return database_unavailable(request, exc)

        for exception in (OperationalError, InterfaceError):
            api.add_exception_handler(exception, _away)
