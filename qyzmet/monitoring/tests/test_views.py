"""The monitoring pages: the walk of a monitoring from registration to the next standard draft
(Law 29.1-29.4, 13.3) through the browser's forms; refused forms keep what was typed; each page
refuses whoever does not own the step; the signed PDF of the conclusion in kk and ru."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.core import signing
from qyzmet.monitoring import documents, selectors
from qyzmet.monitoring.enums import RefusalGround, RequestStatus
from qyzmet.monitoring.models import InformationRequest, Measure, Monitoring
from qyzmet.monitoring.tests.factories import Scene, make_scene, register
from qyzmet.orgs.tests.factories import UserFactory
from qyzmet.quality.tests.factories import inspector
from qyzmet.registry.enums import VersionStatus

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _register_form(scene: Scene, **overrides: str | list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "monitor_kind": "non_profit",
        "organisation_name": "«Ашық қызмет» қоғамдық бірлестігі",
        "organisation_bin": "",
        "author_name": "",
        "basis": "social_order",
        "social_order_reference": "",
        "social_order_date": "",
        "subject": "Мекенжай анықтамасын беру",
        "period_start": "2026-09-01",
        "period_end": "2026-11-20",
        "bodies": [scene.body.code, scene.corporation.code],
        "services": [scene.service.code],
        "language": "kk",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signing_dir(settings: Any, tmp_path: Path) -> Path:
    settings.SIGNING_DIR = tmp_path / "signing"
    signing.signing_init(directory=settings.SIGNING_DIR)
    return Path(settings.SIGNING_DIR)


def test_law_29_1_to_29_4_and_13_3_a_monitoring_walks_to_the_next_standard_draft(signing_dir: Path) -> None:
    """Registration (a refused form keeps what was typed), a request refused as a state secret,
    an answered request, a conclusion published with its four parts, a body's measures, and
    the by-law proposal shown on the next draft of the service's standard."""
    scene = make_scene()
    monitor = _client(scene.monitor)
    # 29.1: a social order without its reference is refused; the form keeps the typed values
    resp = monitor.post(reverse("monitoring:register"), _register_form(scene, organisation_bin="1"))
    assert resp.status_code == 400
    page = resp.content.decode()
    assert "Мекенжай анықтамасын беру" in page and "govuk-error-summary" in page
    assert not Monitoring.objects.exists()
    from qyzmet.orgs.tests.factories import make_bin

    resp = monitor.post(
        reverse("monitoring:register"),
        _register_form(
            scene,
            organisation_bin=make_bin(dt.date(2014, 2, 1), serial=3),
            social_order_reference="№ 7-ӘТ",
            social_order_date="2026-08-15",
        ),
    )
    monitoring = Monitoring.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse(
        "monitoring:detail", args=[monitoring.number]
    )
    # 29.2: two requests
    detail = reverse("monitoring:request-send", args=[monitoring.number])
    monitor.post(detail, {"addressee": scene.corporation.code, "question": "Серверлердің орналасуы"})
    monitor.post(detail, {"addressee": scene.body.code, "question": "Қыркүйектегі өтінімдер саны"})
    secret, asked = InformationRequest.objects.order_by("pk")
    # the State Corporation refuses the first as a state secret, with the reason
    corporation = _client(scene.corporation_head)
    resp = corporation.post(
        reverse("monitoring:staff-request", args=[secret.number]),
        {"action": "refuse", "refusal_ground": RefusalGround.STATE_SECRET, "refusal_reason": ""},
    )
    assert resp.status_code == 400
    corporation.post(
        reverse("monitoring:staff-request", args=[secret.number]),
        {
            "action": "refuse",
            "refusal_ground": RefusalGround.STATE_SECRET,
            "refusal_reason": "Объектілердің орналасуы мемлекеттік құпияларға жатады.",
        },
    )
    # the body answers the second
    body = _client(scene.body_officer)
    assert body.get(reverse("monitoring:staff-requests")).status_code == 200
    body.post(
        reverse("monitoring:staff-request", args=[asked.number]),
        {"action": "answer", "answer_text": "1 204 өтінім."},
    )
    secret.refresh_from_db()
    asked.refresh_from_db()
    assert (secret.status, asked.status) == (RequestStatus.REFUSED, RequestStatus.ANSWERED)
    # 29.3: publishing without the parts is refused, keeping the text; then published whole
    save = reverse("monitoring:conclusion-save", args=[monitoring.number])
    resp = monitor.post(save, {"action": "publish", "compliance": "Мерзімдер сақталады."})
    assert resp.status_code == 400 and "Мерзімдер сақталады." in resp.content.decode()
    resp = monitor.post(
        save,
        {
            "action": "publish",
            "compliance": "Мерзімдер сақталады.",
            "recommendations": "Кезекті қысқарту.",
            "quality_proposals": "Электрондық кезек.",
            "bylaw_proposals_text": "",
            "proposal_service_0": scene.service.code,
            "proposal_text_0": "Стандартқа SMS-хабарламаны қосу.",
        },
    )
    monitoring.refresh_from_db()
    conclusion = monitoring.conclusion
    assert resp.status_code == 302 and conclusion.is_published
    public = Client().get(reverse("monitoring:public-conclusion", args=[conclusion.number])).content.decode()
    for text in (
        "Мерзімдер сақталады.",
        "Кезекті қысқарту.",
        "Электрондық кезек.",
        "SMS-хабарламаны",
        "1 204 өтінім.",
    ):
        assert text in public
    # 29.4: the body records a measure
    resp = body.post(
        reverse("monitoring:staff-measures", args=[conclusion.number]),
        {"body": scene.body.code, "text": "Қабылдау кестесі ұзартылды.", "taken_on": "2026-11-23"},
    )
    assert resp.status_code == 302
    assert Measure.objects.get().body == scene.body
    assert (
        "Қабылдау кестесі ұзартылды."
        in Client().get(reverse("monitoring:public-conclusion", args=[conclusion.number])).content.decode()
    )
    # 13.3: the next draft of the service's standard shows the proposal
    resp = body.post(reverse("registry:staff-version-draft", args=[scene.service.code]))
    draft = scene.service.versions.get(status=VersionStatus.DRAFT)
    page = body.get(
        reverse("registry:staff-version", args=[scene.service.code, draft.number])
    ).content.decode()
    assert "Стандартқа SMS-хабарламаны қосу." in page and conclusion.number in page
    # the signed PDF in both languages
    for lang in ("kk", "ru"):
        resp = Client().get(reverse("monitoring:public-conclusion-pdf", args=[conclusion.number, lang]))
        assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
        assert signing.document_verify(resp.content).valid


def test_law_13_3_an_approved_version_keeps_only_the_proposals_before_its_approval() -> None:
    scene = make_scene()
    version = scene.service.versions.get()
    version.approved_on = dt.date(2026, 12, 1)
    version.save(update_fields=["approved_on"])
    monitoring = register(scene)
    from qyzmet.monitoring import services

    services.conclusion_save(
        actor=scene.monitor,
        monitoring=monitoring,
        compliance="a",
        recommendations="b",
        quality_proposals="c",
        bylaw_proposals=[(scene.service, "ұсыныс")],
    )
    services.conclusion_publish(actor=scene.monitor, conclusion=monitoring.conclusion)  # 23.11.2026
    assert [p.text for p in selectors.bylaw_proposals_for_version(version=version)] == ["ұсыныс"]
    version.approved_on = dt.date(2026, 11, 1)
    version.save(update_fields=["approved_on"])
    assert list(selectors.bylaw_proposals_for_version(version=version)) == []


def test_law_29_2_pages_refuse_whoever_does_not_own_the_step() -> None:
    scene = make_scene()
    monitoring = register(scene)
    from qyzmet.monitoring import services

    request = services.information_request_send(
        actor=scene.monitor, monitoring=monitoring, addressee=scene.body, question="?"
    )
    stranger = _client(UserFactory.create())
    assert stranger.get(reverse("monitoring:detail", args=[monitoring.number])).status_code == 403
    assert (
        stranger.post(
            reverse("monitoring:request-send", args=[monitoring.number]), {"question": "x"}
        ).status_code
        == 403
    )
    for user in (scene.monitor, scene.other_officer, inspector()):
        client = _client(user)
        assert client.get(reverse("monitoring:staff-request", args=[request.number])).status_code == 403
        resp = client.post(
            reverse("monitoring:staff-request", args=[request.number]),
            {"action": "answer", "answer_text": "x"},
        )
        assert resp.status_code == 403
    assert _client(scene.monitor).get(reverse("monitoring:staff-requests")).status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    assert Client().get(reverse("monitoring:detail", args=[monitoring.number])).status_code == 302  # sign in


def test_law_29_3_a_draft_conclusion_is_not_public() -> None:
    scene = make_scene()
    monitoring = register(scene)
    from qyzmet.monitoring import services

    conclusion = services.conclusion_save(
        actor=scene.monitor, monitoring=monitoring, compliance="a", recommendations="b", quality_proposals="c"
    )
    assert Client().get(reverse("monitoring:public-conclusion", args=[conclusion.number])).status_code == 404
    assert (
        Client().get(reverse("monitoring:public-conclusion-pdf", args=[conclusion.number, "kk"])).status_code
        == 404
    )
    assert documents.checked_conclusion(conclusion.number) is None


def _conclusion_form(**overrides: str) -> dict[str, str]:
    data = {
        "compliance": "",
        "recommendations": "",
        "quality_proposals": "",
        "bylaw_proposals_text": "",
        "action": "publish",
    }
    data.update(overrides)
    return data


def test_law_29_3_a_refused_publication_writes_nothing_not_even_the_draft() -> None:
    from qyzmet.monitoring import services
    from qyzmet.monitoring.models import MonitoringConclusion

    scene = make_scene()
    monitoring = register(scene)
    client = _client(scene.monitor)
    url = reverse("monitoring:conclusion-save", args=[monitoring.number])

    # no draft yet: a refused publication creates none, and the page keeps what was typed
    resp = client.post(url, _conclusion_form(compliance="Мерзімдер сақталды."))
    assert resp.status_code == 400
    assert "Мерзімдер сақталды." in resp.content.decode()
    assert not MonitoringConclusion.objects.filter(monitoring=monitoring).exists()

    # a saved draft is not overwritten by a refused publication
    services.conclusion_save(
        actor=scene.monitor, monitoring=monitoring, compliance="a", recommendations="b", quality_proposals="c"
    )
    resp = client.post(
        url, _conclusion_form(compliance="жаңа мәтін", recommendations="", quality_proposals="c")
    )
    assert resp.status_code == 400
    draft = MonitoringConclusion.objects.get(monitoring=monitoring)
    assert (draft.compliance, draft.recommendations, draft.status) == ("a", "b", "draft")

    # saving the draft (no publication) still writes it
    resp = client.post(url, _conclusion_form(compliance="жаңа мәтін", action="save"))
    assert resp.status_code == 302
    draft.refresh_from_db()
    assert draft.compliance == "жаңа мәтін"


def test_law_7_6_the_quality_authority_follows_the_monitorings_of_its_social_order_and_no_one_else() -> None:
    import time_machine

    from qyzmet.monitoring import services
    from qyzmet.monitoring.enums import MonitoringBasis, MonitorKind
    from qyzmet.orgs.enums import StaffRole
    from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory

    scene = make_scene()
    with time_machine.travel(dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC), tick=False):
        ordered = register(
            scene,
            monitor_kind=MonitorKind.NON_PROFIT,
            organisation_name="«Ашық қызмет» ҚБ",
            organisation_bin="150340044110",
            basis=MonitoringBasis.SOCIAL_ORDER,
            social_order_reference="ӘТ-14/2026",
            social_order_date=dt.date(2026, 3, 1),
            subject="Тапсырыс бойынша мониторинг",
        )
        own = register(scene, subject="Өз бастамасы бойынша")
        services.information_request_send(
            actor=scene.monitor, monitoring=ordered, addressee=scene.body, question="Құпия сұрақ мәтіні"
        )
    url = reverse("monitoring:social-orders")
    with time_machine.travel(dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC), tick=False):
        resp = _client(inspector()).get(url)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert ordered.number in html and "ӘТ-14/2026" in html and "«Ашық қызмет» ҚБ" in html
    assert own.number not in html  # own initiative: not the authority's order
    assert "Құпия сұрақ мәтіні" not in html  # requests stay private until publication (ADR 0052)
    assert "1 / 0 / 0 / " in html and "govuk-tag--red" in html  # the request is overdue
    informatization = OrganisationFactory.create()
    others = [
        scene.monitor,
        scene.body_officer,
        scene.corporation_head,
        StaffPositionFactory.create(role=StaffRole.QUALITY_INSPECTOR, organisation=informatization).user,
    ]
    for user in others:
        assert _client(user).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # sign in
