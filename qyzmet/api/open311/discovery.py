"""Open311 Service Discovery (<https://wiki.open311.org/Service_Discovery>):
``/open311/v2/discovery.{json|xml}`` names the one GeoReport v2 endpoint of this deployment, its
formats and how to get an API key, so a third-party client can find its way without reading our
docs first."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from qyzmet.api.open311.services import FORMATS, MESSAGES, _lang, _sub, _xml_response, error_response

# When the endpoint last changed (the spec's ``changeset``): API 1.2, discovery added. A fixed
# moment, never today's date.
CHANGESET = "2026-12-06T00:00:00+05:00"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CONTACT = "Qyzmet: the system administrator of this deployment"
KEY_SERVICE = (
    "An API key is an API client's token: the system administrator issues it "
    "(qyzmet apiclient-create) with the scopes open311:read and open311:submit."
)


def discovery(request: HttpRequest) -> dict[str, Any]:
    root = request.build_absolute_uri(reverse("open311:service-list", kwargs={"fmt": "json"}))
    return {
        "changeset": CHANGESET,
        "contact": CONTACT,
        "key_service": KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": root.rsplit("/", 1)[0],
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }


@require_GET
def discovery_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET discovery.{json|xml}"""
    if fmt not in FORMATS:
        return error_response("json", 400, MESSAGES["format"][_lang(request)])
    data = discovery(request)
    if fmt == "xml":
        root = ET.Element("discovery")
        for key in ("changeset", "contact", "key_service"):
            _sub(root, key, data[key])
        endpoints = ET.SubElement(root, "endpoints")
        for endpoint in data["endpoints"]:
            node = ET.SubElement(endpoints, "endpoint")
            for key in ("specification", "url", "changeset", "type"):
                _sub(node, key, endpoint[key])
            formats = ET.SubElement(node, "formats")
            for value in endpoint["formats"]:
                _sub(formats, "format", value)
        return _xml_response(root)
    return JsonResponse(data)
