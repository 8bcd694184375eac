"""Open311 GeoReport v2: service list and service definitions from the register.

Spec: https://wiki.open311.org/GeoReport_v2 . Deviations are documented in docs/open311.md.
Only services with a standard in force today are listed; a definition's attributes are the
standard's required documents (``variable: false``, informational) followed by the
application form fields (``variable: true``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from qyzmet.core.errors import ApplicationError
from qyzmet.registry import selectors
from qyzmet.registry.enums import FormFieldType
from qyzmet.registry.models import FormField, RequiredDocument, Service, StandardVersion

FORMATS = ("json", "xml")

# Our form datatypes → the spec's attribute datatypes.
DATATYPES: dict[str, str] = {
    FormFieldType.STRING: "string",
    FormFieldType.NUMBER: "number",
    FormFieldType.DATE: "datetime",
    FormFieldType.TEXT: "text",
    FormFieldType.CHOICE: "singlevaluelist",
    FormFieldType.BOOLEAN: "singlevaluelist",
    # ADR 0020: checked on the server by their own type; the spec knows them as text/number.
    FormFieldType.IIN: "string",
    FormFieldType.BIN: "string",
    FormFieldType.EMAIL: "string",
    FormFieldType.PHONE_KZ: "string",
    FormFieldType.IBAN_KZ: "string",
    FormFieldType.AMOUNT: "number",
}
DATATYPE_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "string": {"kk": "Мәтін (бір жол)", "ru": "Строка"},
    "number": {"kk": "Сан", "ru": "Число"},
    "datetime": {"kk": "Күні (ЖЖЖЖ-АА-КК)", "ru": "Дата (ГГГГ-ММ-ДД)"},
    "text": {"kk": "Ұзын мәтін", "ru": "Текст"},
    "singlevaluelist": {"kk": "Тізімнен бір мән", "ru": "Одно значение из списка"},
    "document": {"kk": "Ұсынылатын құжат", "ru": "Представляемый документ"},
}
YES_NO: dict[str, list[dict[str, str]]] = {
    "kk": [{"key": "true", "name": "Иә"}, {"key": "false", "name": "Жоқ"}],
    "ru": [{"key": "true", "name": "Да"}, {"key": "false", "name": "Нет"}],
}
MESSAGES: dict[str, dict[str, str]] = {
    "format": {
        "kk": "Пішім тек json немесе xml болуы мүмкін.",
        "ru": "Формат может быть только json или xml.",
    },
}


def _lang(request: HttpRequest) -> str:
    requested = (request.GET.get("locale") or request.GET.get("lang") or get_language() or "kk")[:2]
    return "ru" if requested in {"ru", "en"} else "kk"


def _pick(obj: object, field: str, lang: str) -> str:
    return str(getattr(obj, f"{field}_{lang}") or getattr(obj, f"{field}_ru") or "")


# --- rendering --------------------------------------------------------------------------------


def _xml_response(root: ET.Element, status: int = 200) -> HttpResponse:
    body = ET.tostring(root, encoding="unicode")
    return HttpResponse(
        f'<?xml version="1.0" encoding="utf-8"?>\n{body}',
        content_type="text/xml; charset=utf-8",
        status=status,
    )


def _sub(parent: ET.Element, tag: str, value: Any) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
    return element


def error_response(fmt: str, code: int, description: str) -> HttpResponse:
    """The spec's error list: ``[{"code": 404, "description": "…"}]`` or ``<errors>``."""
    if fmt == "xml":
        root = ET.Element("errors")
        error = ET.SubElement(root, "error")
        _sub(error, "code", code)
        _sub(error, "description", description)
        return _xml_response(root, status=code)
    return JsonResponse([{"code": code, "description": description}], status=code, safe=False)


# --- data -------------------------------------------------------------------------------------


def _service_rows(services: Iterable[Service], lang: str) -> list[dict[str, Any]]:
    rows = []
    for service in services:
        keywords = [service.sphere.name(lang)]
        if service.life_situation:
            keywords.append(service.life_situation.name(lang))
        rows.append(
            {
                "service_code": service.code,
                "service_name": service.name(lang),
                "description": service.description(lang) or service.name(lang),
                "metadata": True,
                "type": "batch",
                "keywords": ", ".join(keywords),
                "group": service.sphere.name(lang),
            }
        )
    return rows


def _document_attribute(document: RequiredDocument, order: int, lang: str) -> dict[str, Any]:
    return {
        "variable": False,
        "code": f"document_{document.order or order}",
        "datatype": "string",
        "required": not document.privileged_only,
        "datatype_description": DATATYPE_DESCRIPTIONS["document"][lang],
        "order": order,
        "description": document.name(lang),
        "values": [],
    }


def _field_attribute(field: FormField, order: int, lang: str) -> dict[str, Any]:
    datatype = DATATYPES.get(field.datatype, "string")
    if field.datatype == FormFieldType.BOOLEAN:
        values = YES_NO[lang]
    elif field.datatype == FormFieldType.CHOICE:
        values = [
            {"key": str(c.get("key", "")), "name": str(c.get(f"name_{lang}") or c.get("name_ru", ""))}
            for c in field.choices
        ]
    else:
        values = []
    return {
        "variable": True,
        "code": field.code,
        "datatype": datatype,
        "required": field.required,
        "datatype_description": DATATYPE_DESCRIPTIONS[datatype][lang],
        "order": order,
        "description": field.label(lang),
        "values": values,
    }


# The request's own attributes beyond the standard's form (docs/open311.md, "POST requests"):
# the consent every application needs (Law 20.6) and the recipient a system identified
# (Law 18 subpoint 6; a person's session applies for themselves and sends neither).
EXTENSIONS: tuple[tuple[str, bool, dict[str, str]], ...] = (
    (
        "consent_method",
        True,
        {
            "kk": "Заңмен қорғалатын құпияны пайдалануға келісім қалай берілді",
            "ru": "Как дано согласие на использование охраняемой законом тайны",
        },
    ),
    (
        "provider",
        False,
        {
            "kk": "Қызметті көрсететін ұйымның коды (қызметті бірнеше ұйым көрсетсе)",
            "ru": "Код организации, оказывающей услугу (если её оказывают несколько организаций)",
        },
    ),
    (
        "recipient_iin",
        False,
        {
            "kk": "Қызмет алушының ЖСН (жеке тұлға; api_key бар жүйе үшін)",
            "ru": "ИИН услугополучателя (физическое лицо; для системы с api_key)",
        },
    ),
    (
        "recipient_bin",
        False,
        {
            "kk": "Қызмет алушының БСН (заңды тұлға; api_key бар жүйе үшін)",
            "ru": "БИН услугополучателя (юридическое лицо; для системы с api_key)",
        },
    ),
)


def _consent_values(lang: str) -> list[dict[str, str]]:
    from qyzmet.delivery.enums import ConsentMethod

    with translation.override(lang):
        return [{"key": str(value), "name": str(label)} for value, label in ConsentMethod.choices]


def _extension_attribute(
    code: str, required: bool, text: dict[str, str], order: int, lang: str
) -> dict[str, Any]:
    datatype = "singlevaluelist" if code == "consent_method" else "string"
    return {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": DATATYPE_DESCRIPTIONS[datatype][lang],
        "order": order,
        "description": text[lang],
        "values": _consent_values(lang) if code == "consent_method" else [],
    }


def service_definition(version: StandardVersion, lang: str) -> dict[str, Any]:
    """The standard's documents and form fields, then the request's extension attributes, so a
    client builds a whole request from the definition alone."""
    attributes: list[dict[str, Any]] = []
    for document in version.required_documents.all():
        attributes.append(_document_attribute(document, len(attributes) + 1, lang))
    codes = set()
    for field in version.form_fields.all():
        attributes.append(_field_attribute(field, len(attributes) + 1, lang))
        codes.add(field.code)
    for code, required, text in EXTENSIONS:
        if code not in codes:
            attributes.append(_extension_attribute(code, required, text, len(attributes) + 1, lang))
    return {"service_code": version.service.code, "attributes": attributes}


# --- views ------------------------------------------------------------------------------------


@require_GET
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET services.{json|xml}[?jurisdiction_id=…]"""
    lang = _lang(request)
    if fmt not in FORMATS:
        return error_response("json", 400, MESSAGES["format"][lang])
    rows = _service_rows(selectors.catalogue_search(on=timezone.localdate()).order_by("code"), lang)
    if fmt == "xml":
        root = ET.Element("services")
        for row in rows:
            node = ET.SubElement(root, "service")
            for key, value in row.items():
                _sub(node, key, value)
        return _xml_response(root)
    return JsonResponse(rows, safe=False)


@require_GET
def service_definition_view(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    """GET services/{service_code}.{json|xml}[?jurisdiction_id=…]"""
    lang = _lang(request)
    if fmt not in FORMATS:
        return error_response("json", 400, MESSAGES["format"][lang])
    try:
        service = selectors.service_get(code=service_code)
        version = selectors.standard_in_force(service=service, on=timezone.localdate())
    except ApplicationError as exc:
        return error_response(fmt, 404, exc.message_for(lang))
    definition = service_definition(version, lang)
    if fmt == "xml":
        root = ET.Element("service_definition")
        _sub(root, "service_code", definition["service_code"])
        attributes = ET.SubElement(root, "attributes")
        for attribute in definition["attributes"]:
            node = ET.SubElement(attributes, "attribute")
            for key in (
                "variable",
                "code",
                "datatype",
                "required",
                "datatype_description",
                "order",
                "description",
            ):
                _sub(node, key, attribute[key])
            values = ET.SubElement(node, "values")
            for value in attribute["values"]:
                value_node = ET.SubElement(values, "value")
                _sub(value_node, "key", value["key"])
                _sub(value_node, "name", value["name"])
        return _xml_response(root)
    return JsonResponse(definition)
