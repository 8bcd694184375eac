"""Open311 GeoReport v2 endpoints, mounted at /open311/v2/. Every response names the API's
version (``X-API-Version``, as REST v1 does): the api_key, the recipient attributes and the
discovery document are part of Qyzmet's API contract."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path

from qyzmet.api.open311 import discovery, requests, services
from qyzmet.api.v1 import API_VERSION


def versioned(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-API-Version"] = API_VERSION
        return response

    return wrapper


app_name = "open311"
urlpatterns: list[URLPattern | URLResolver] = [
    re_path(r"^discovery\.(?P<fmt>[a-z]+)$", versioned(discovery.discovery_view), name="discovery"),
    re_path(r"^services\.(?P<fmt>[a-z]+)$", versioned(services.service_list), name="service-list"),
    re_path(
        r"^services/(?P<service_code>[^/.]+)\.(?P<fmt>[a-z]+)$",
        versioned(services.service_definition_view),
        name="service-definition",
    ),
    # requests.py (delivery) adds its url lines here.
    re_path(r"^requests\.(?P<fmt>[a-z]+)$", versioned(requests.requests_view), name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]+?)\.(?P<fmt>[a-z]+)$",
        versioned(requests.request_view),
        name="request",
    ),
]
