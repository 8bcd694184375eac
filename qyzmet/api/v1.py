"""REST v1: one Ninja API, one router per bounded context; OpenAPI at /api/v1/openapi.json.
Errors always come in the API's error format, never with a traceback (:mod:`qyzmet.api.errors`)."""

from __future__ import annotations

from ninja import NinjaAPI

from qyzmet.api import (
    complaints,
    contactcentre,
    delivery,
    delivery_composite,
    errors,
    payments,
    pscselection,
    quality,
    reception,
    registry,
)

api = NinjaAPI(title="Qyzmet REST API", version="1", urls_namespace="api-v1")
api.add_router("/registry/", registry.router)
api.add_router("/delivery/", delivery.router)
api.add_router("/delivery/", delivery_composite.router)
api.add_router("/payments/", payments.router)
api.add_router("/complaints/", complaints.router)
api.add_router("/quality/", quality.router)
api.add_router("/reception/", reception.router)
api.add_router("/contactcentre/", contactcentre.router)
api.add_router("/psc-selection/", pscselection.router)


errors.install(api)
