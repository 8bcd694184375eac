"""REST v1: one Ninja API, one router per bounded context; OpenAPI at /api/v1/openapi.json.
Errors always come in the API's error format, never with a traceback (:mod:`qyzmet.api.errors`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, URLPattern, URLResolver, re_path, resolve
from ninja import NinjaAPI

from qyzmet.api import (
    auth,
    complaints,
    contactcentre,
    delivery,
    delivery_composite,
    errors,
    events,
    monitoring,
    oversight,
    payments,
    pscselection,
    quality,
    reception,
    registry,
)

API_VERSION = "1.2"


class VersionedAPI(NinjaAPI):
    """Every response names the API's version (``X-API-Version``; the OpenAPI ``info.version``)."""

    def create_response(self, request: HttpRequest, data: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, *args, **kwargs)
        response["X-API-Version"] = API_VERSION
        return response

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        """Every refusal in the API's format: a method an operation's path does not take (Ninja
        answers a plain-text 405) and an unknown path under /api/v1/ (Django's HTML 404; a path
        that exists with a trailing slash is redirected to it, as ``APPEND_SLASH`` did)."""
        urls = super()._get_urls()
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = self._refusals_in_api_format(pattern.callback)
        urls.append(re_path(r"^.*$", self._unknown_path, name="unknown-path"))
        return urls

    def _refusals_in_api_format(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if response.status_code == 405 and not response.get("Content-Type", "").startswith(
                "application/json"
            ):
                refusal = self.create_response(
                    request, errors.api_error(errors.ApiErrorCode.METHOD_NOT_ALLOWED).as_dict(), status=405
                )
                if response.has_header("Allow"):
                    refusal["Allow"] = response["Allow"]
                return refusal
            return response

        return wrapper

    def _unknown_path(self, request: HttpRequest) -> HttpResponse:
        if not request.path.endswith("/"):
            try:
                match = resolve(request.path + "/")
            except Resolver404:
                match = None
            if match is not None and match.url_name != "unknown-path":
                query = request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
        return self.create_response(
            request, errors.api_error(errors.ApiErrorCode.NOT_FOUND).as_dict(), status=404
        )

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The document, with the error format every operation refers to (``ApiError``)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = auth.API_ERROR_SCHEMA
        return schema


# What each version changed (the OpenAPI ``info.description``; ADR 0060 keeps the reasons).
CHANGES = """Qyzmet REST API v1. Every response carries `X-API-Version`. Changes:

* 1.2: the monitoring, oversight and PSC-selection operations need a client's scope
  (`monitoring:read`/`monitoring:write`, `oversight:read`/`oversight:write`,
  `psc-selection:read`/`psc-selection:write`; a session as before); `complaints:read` reads the
  complaints about or addressed to the client's organisation and those it filed, and a client
  files a complaint for the recipient it identified (`complainant_iin`/`complainant_bin`,
  `complainant_name`); a bad or
  expired token's 401 says so and every 401 carries `WWW-Authenticate: Bearer`; a standard's
  `required_documents[].id` (to send as `documents[].required_document`); POSTs with a live
  token are throttled per client (`client_post`), not per address; Open311 has
  `discovery.json|xml` and sends `X-API-Version` (a throttle's 429 too); the PSC selection's
  steps 6-11 are operations (`psc-selection:write`); a client that may not read an
  application is answered 404, as for a number that does not exist.
* 1.1: API clients with scoped bearer tokens (`x-scopes`), the `ApiError` format documented,
  `CallerStageOut`.
"""

api = VersionedAPI(title="Qyzmet REST API", version=API_VERSION, description=CHANGES, urls_namespace="api-v1")
api.add_router("/registry/", registry.router)
api.add_router("/delivery/", delivery.router)
api.add_router("/delivery/", delivery_composite.router)
api.add_router("/payments/", payments.router)
api.add_router("/complaints/", complaints.router)
api.add_router("/quality/", quality.router)
api.add_router("/reception/", reception.router)
api.add_router("/contactcentre/", contactcentre.router)
api.add_router("/monitoring/", monitoring.router)
api.add_router("/oversight/", oversight.router)
api.add_router("/psc-selection/", pscselection.router)
api.add_router("/events/", events.router)


errors.install(api)
auth.declare_scopes(api)
