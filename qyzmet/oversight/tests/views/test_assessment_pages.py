"""The assessment pages (Law 28, 26): the form states the six principles of Law 26; the wrong
authority is refused on the form, with what was chosen kept; the assessor signs; the PDFs in
kk and ru; the assessed body sees the signed assessment, another body does not."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from qyzmet.oversight.enums import AssessmentStatus, Principle
from qyzmet.oversight.models import Assessment
from qyzmet.oversight.tests.factories import body_make, informatization_inspector, quality_inspector

pytestmark = pytest.mark.django_db


def _principles(lang: str) -> list[str]:
    with translation.override(lang):
        return [str(p.label) for p in Principle]


def test_law_26_the_assessment_form_states_the_six_principles_in_kk_and_ru(client: Client) -> None:
    client.force_login(quality_inspector())
    for lang in ("kk", "ru"):
        html = client.get(reverse("oversight:assessment-open"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert all(p in html for p in _principles(lang)), lang
    assert "Заңдылық" in _principles("kk") and "Законность" in _principles("ru")


def test_law_28_the_wrong_authority_is_refused_on_the_form_and_the_right_one_signs(client: Client) -> None:
    body = body_make()
    data = {"body": body.org.code, "service": body.service.code, "year": "2025", "form": "electronic"}
    client.force_login(quality_inspector())
    refused = client.post(reverse("oversight:assessment-open"), data)
    html = refused.content.decode()
    assert refused.status_code == 400 and "28" in html
    assert f'value="{body.org.code}" selected' in html  # what was chosen is kept
    assert Assessment.objects.count() == 0
    it = informatization_inspector()
    client.force_login(it)
    resp = client.post(reverse("oversight:assessment-open"), data)
    assessment = Assessment.objects.get()
    assert resp["Location"] == reverse("oversight:assessment", args=[assessment.number])
    page = client.get(reverse("oversight:assessment", args=[assessment.number])).content.decode()
    assert all(p in page for p in _principles("kk"))
    refused = client.post(
        reverse("oversight:assessment-sign", args=[assessment.number]),
        {"findings_kk": "Электрондық қызмет тұрақты.", "findings_ru": "", "rating": "high"},
    )
    assert refused.status_code == 400 and "Электрондық қызмет тұрақты." in refused.content.decode()
    client.force_login(body.head)
    assert client.get(reverse("oversight:assessment", args=[assessment.number])).status_code == 403  # a draft
    client.force_login(it)
    client.post(
        reverse("oversight:assessment-sign", args=[assessment.number]),
        {
            "findings_kk": "Электрондық қызмет тұрақты.",
            "findings_ru": "Электронная услуга устойчива.",
            "rating": "high",
        },
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SIGNED
    client.force_login(body.head)
    seen = client.get(reverse("oversight:assessment", args=[assessment.number]))
    assert seen.status_code == 200 and "Электрондық қызмет тұрақты." in seen.content.decode()
    for lang in ("kk", "ru"):
        pdf = client.get(reverse("oversight:assessment-pdf", args=[assessment.number, lang]))
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.force_login(body_make().head)
    assert client.get(reverse("oversight:assessment", args=[assessment.number])).status_code == 403
    verify = client.get(
        reverse("delivery:verify", kwargs={"kind": "oversight_assessment", "number": assessment.number})
    )
    assert verify.status_code == 200
