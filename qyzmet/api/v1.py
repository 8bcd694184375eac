"""REST v1: one Ninja API, one router per bounded context; OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from qyzmet.api import complaints, contactcentre, delivery, quality, reception, registry
from qyzmet.core.errors import AccessDenied, ApplicationError

api = NinjaAPI(title="Qyzmet REST API", version="1", urls_namespace="api-v1")
api.add_router("/registry/", registry.router)
api.add_router("/delivery/", delivery.router)
api.add_router("/complaints/", complaints.router)
api.add_router("/quality/", quality.router)
api.add_router("/reception/", reception.router)
api.add_router("/contactcentre/", contactcentre.router)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    """Business-rule violations come back as 400 (403 for access) with kk/ru/en text."""
    status = 403 if isinstance(exc, AccessDenied) else 400
    return api.create_response(request, exc.as_dict(), status=status)
