"""Open311 GeoReport v2 endpoints, mounted at /open311/v2/."""

from django.urls import URLPattern, URLResolver, re_path

from qyzmet.api.open311 import requests, services

app_name = "open311"
urlpatterns: list[URLPattern | URLResolver] = [
    re_path(r"^services\.(?P<fmt>[a-z]+)$", services.service_list, name="service-list"),
    re_path(
        r"^services/(?P<service_code>[^/.]+)\.(?P<fmt>[a-z]+)$",
        services.service_definition_view,
        name="service-definition",
    ),
    # requests.py (delivery) adds its url lines here.
    re_path(r"^requests\.(?P<fmt>[a-z]+)$", requests.requests_view, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]+?)\.(?P<fmt>[a-z]+)$", requests.request_view, name="request"
    ),
]
