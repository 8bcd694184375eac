"""Tester's findings 8 and 9 on the pages of a standard. STD 22: the higher instance is the body
of the STD 22 complaint address, one source (the version's field mirrors it, the editor has no
second input, the public page names it once). What a version changes and the act approving it
are typed in Kazakh and in Russian and each page shows its own language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.registry import services
from qyzmet.registry.enums import ComplaintAddressKind, VersionStatus
from qyzmet.registry.models import StandardVersion
from qyzmet.registry.tests.editor_pages import editor_staff as _staff
from qyzmet.registry.tests.factories import ServiceFactory
from qyzmet.registry.tests.views.editor_page import editor_data

pytestmark = pytest.mark.django_db

TEXTS = {
    "change_summary_kk": "Сенбі күнгі қабылдау қосылды",
    "change_summary_ru": "Добавлен приём по субботам",
    "approval_act_kk": "ҚР Оқу-ағарту министрінің 2026 жылғы 1 желтоқсандағы № 125 бұйрығы",
    "approval_act_ru": "Приказ Министра просвещения РК от 1 декабря 2026 года № 125",
}


def _draft() -> StandardVersion:
    service = ServiceFactory.create()
    return services.standard_version_copy(actor=None, version=service.versions.get())


def test_std_22_the_higher_instance_is_the_body_of_the_std_22_complaint_address() -> None:
    draft = _draft()
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY, name_kk="Министрлік А")
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    staff = _staff(draft)
    data = editor_data(staff, url)
    assert "higher_instance" not in data  # one input: the body of the STD 22 address
    row = next(
        i
        for i in range(int(data["complaints-TOTAL_FORMS"][0]))
        if data.get(f"complaints-{i}-kind") == [ComplaintAddressKind.HIGHER_INSTANCE]
    )
    data[f"complaints-{row}-body"] = [str(ministry.pk)]
    assert staff.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.higher_instance == ministry
    assert draft.complaint_address_entries.get(kind=ComplaintAddressKind.HIGHER_INSTANCE).body == ministry


def test_std_22_the_public_page_names_the_higher_instance_once_from_its_complaint_address() -> None:
    service = ServiceFactory.create()
    version = service.versions.get()
    other = OrganisationFactory.create(name_kk="Басқа орган", name_ru="Другой орган")
    StandardVersion.objects.filter(pk=version.pk).update(higher_instance=other)  # a stale mirror
    page = Client().get(reverse("registry:service-detail", args=[service.code]), HTTP_ACCEPT_LANGUAGE="kk")
    body = page.content.decode()
    assert "Басқа орган" not in body
    assert body.count("Жоғары тұрған инстанция") == 1


@pytest.mark.parametrize(("lang", "other"), [("kk", "ru"), ("ru", "kk")])
def test_std_what_changes_and_the_approving_act_are_shown_in_the_page_language(lang: str, other: str) -> None:
    draft = _draft()
    StandardVersion.objects.filter(pk=draft.pk).update(
        **TEXTS, status=VersionStatus.APPROVED, effective_from=dt.date(2026, 11, 1)
    )
    StandardVersion.objects.filter(service=draft.service, number=1).update(effective_to=dt.date(2026, 10, 31))
    page = Client().get(
        reverse("registry:service-detail", args=[draft.service.code]), HTTP_ACCEPT_LANGUAGE=lang
    )
    body = page.content.decode()
    for stem in ("change_summary", "approval_act"):
        assert TEXTS[f"{stem}_{lang}"] in body
        assert TEXTS[f"{stem}_{other}"] not in body


def test_std_the_editor_and_the_approval_form_take_both_languages() -> None:
    draft = _draft()
    url = reverse("registry:staff-version", args=[draft.service.code, draft.number])
    page = _staff(draft).get(url).content.decode()
    assert 'name="change_summary_kk"' in page and 'name="change_summary_ru"' in page
    StandardVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.AGREED)
    head_user = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_HEAD, organisation=draft.service.responsible_body
    ).user
    head = Client()
    head.force_login(head_user)
    page = head.get(url).content.decode()
    assert 'name="approval_act_kk"' in page and 'name="approval_act_ru"' in page
    services.standard_version_approve(
        actor=head_user,
        version=draft,
        effective_from=dt.date(2026, 12, 1),
        approval_act_kk=TEXTS["approval_act_kk"],
        approval_act_ru=TEXTS["approval_act_ru"],
        today=dt.date(2026, 11, 23),
    )
    draft.refresh_from_db()
    assert (draft.approval_act_kk, draft.approval_act_ru) == (
        TEXTS["approval_act_kk"],
        TEXTS["approval_act_ru"],
    )
