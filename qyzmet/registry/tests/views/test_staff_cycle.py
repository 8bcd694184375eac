"""The issue's "Done when" through the pages: a registry administrator creates a service,
drafts a version, runs the 10-working-day discussion (a late comment is refused), publishes
the closing report PDF and approves; the catalogue shows the new version from its effective
date while ``standard_in_force`` for an earlier date returns the old one."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.registry.enums import VersionStatus
from qyzmet.registry.models import Discussion, DiscussionComment, Service
from qyzmet.registry.selectors import standard_in_force
from qyzmet.registry.services import standard_version_register_approved
from qyzmet.registry.tests.factories import LifeSituationFactory
from qyzmet.registry.tests.views.editor_page import add_rows, confirm_from, editor_data, fill_row
from qyzmet.workcalendar.calendar import add_working_days

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=5))


def _at(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ), tick=False)


def test_done_when_full_cycle_through_the_pages() -> None:
    admin = StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user
    body = OrganisationFactory.create(code="minjust-test")
    interested = OrganisationFactory.create(code="interested-body")
    situation = LifeSituationFactory.create()
    registry, staff, head, agreer, citizen = Client(), Client(), Client(), Client(), Client()
    registry.force_login(admin)  # keeps the register (Law 8)
    staff.force_login(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=body).user)
    head.force_login(StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=body).user)
    agreer.force_login(
        StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=interested).user
    )
    citizen.force_login(UserFactory.create())

    with _at(dt.date(2026, 1, 5)):
        response = registry.post(
            reverse("registry:staff-service-create"),
            {
                "code": "01030099",
                "name_kk": "Апостиль қою",
                "name_ru": "Проставление апостиля",
                "life_situation": situation.pk,
                "responsible_body": body.code,
                "recipient_categories": ["individual"],
                "provider_kinds": ["central_state_body"],
                "is_electronic_capable": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        service = Service.objects.get(code="01030099")
        # version 1: drafted and saved on the page, then recorded as already approved
        staff.post(reverse("registry:staff-version-draft", args=[service.code]))
        v1 = reverse("registry:staff-version", args=[service.code, 1])
        data = editor_data(staff, v1)
        data.update(result_description_kk=["Апостиль"], result_description_ru=["Апостиль"])
        add_rows(data, "channels", *(_channel(c, 5) for c in ("provider", "egov_portal")))
        add_rows(data, "documents", {"name_kk": "Өтініш", "name_ru": "Заявление", "presence": "original"})
        # STD 1, 3, 4, 17, 21-23: what approval asks for, typed on the page too.
        data.update(provider_name_kk=["Әділет министрлігі"], provider_name_ru=["Министерство юстиции"])
        data.update(provider_address_kk=["Астана қ., Мәңгілік Ел даңғылы, 8"])
        data.update(provider_address_ru=["г. Астана, проспект Мәңгілік Ел, 8"])
        data.update(legal_basis_kk=["«Мемлекеттік көрсетілетін қызметтер туралы» Заң, 10-бап"])
        data.update(legal_basis_ru=["Закон «О государственных услугах», статья 10"])
        data["refusal_grounds"] = ["unreliable_documents"]
        add_rows(data, "sources", {"kind": "egov_portal", "detail_kk": "egov.kz", "detail_ru": "egov.kz"})
        add_rows(
            data,
            "complaints",
            {"kind": "provider", "name_kk": "Басшы", "name_ru": "Руководитель", "email": "info@example.kz"},
            {"kind": "higher", "name_kk": "Уәкілетті орган", "name_ru": "Уполномоченный орган"},
            {
                "order": 3,  # a third row: the page numbers only the two blank ones it shows
                "kind": "explains",
                "name_kk": "Бірыңғай байланыс орталығы",
                "name_ru": "Единый контакт-центр",
                "email": "1414@example.kz",
                "phone": "1414",
            },
        )
        assert staff.post(v1, data).status_code == 302
        standard_version_register_approved(
            actor=admin, version=service.versions.get(number=1), effective_from=dt.date(2026, 1, 1)
        )

    posted = dt.date(2026, 11, 2)
    with _at(posted):
        assert staff.post(reverse("registry:staff-version-draft", args=[service.code])).status_code == 302
        v2 = reverse("registry:staff-version", args=[service.code, 2])
        data = editor_data(staff, v2)
        data.update(change_summary_ru=["Срок сокращён"], delivery_methods=["portal"])
        data["refusal_grounds"] = ["unreliable_documents", "no_consent_to_restricted_data"]
        for index in (0, 1):
            fill_row(data, "channels", index, term_amount=3)
        add_rows(
            data, "fields", {"code": "country", "label_kk": "Ел", "label_ru": "Страна", "datatype": "choice"}
        )
        add_rows(
            data,
            "choices",
            {"field_code": "country", "key": "de", "name_kk": "Германия", "name_ru": "Германия"},
            {"field_code": "country", "key": "tr", "name_kk": "Түркия", "name_ru": "Турция"},
        )
        assert staff.post(v2, data).status_code == 302
        draft = service.versions.get(number=2)
        assert draft.refusal_grounds == ["unreliable_documents", "no_consent_to_restricted_data"]
        [country] = draft.form_fields.all()
        assert country.choices[1] == {"key": "tr", "name_kk": "Түркия", "name_ru": "Турция"}
        # Law 15: the drafter sees the draft against version 1 in force and confirms.
        asked = staff.post(v2, {"action": "open"}, HTTP_ACCEPT_LANGUAGE="ru")
        assert asked.status_code == 200 and "Способы и сроки" in asked.content.decode()
        assert staff.post(v2, confirm_from(asked.content.decode())).status_code == 302
    discussion = Discussion.objects.get(version__service=service)
    assert discussion.ends_on == add_working_days(posted, 10)

    page = reverse("registry:discussion-detail", args=[discussion.pk])
    with _at(discussion.ends_on):
        assert (
            citizen.post(page, {"field_name": "channel_terms", "text": "Мерзім тым ұзақ"}).status_code == 302
        )
    with _at(discussion.ends_on + dt.timedelta(days=1)):
        late = citizen.post(page, {"field_name": "", "text": "Кешіккен ескерту"}, HTTP_ACCEPT_LANGUAGE="ru")
        assert late.status_code == 400
        assert DiscussionComment.objects.filter(discussion=discussion).count() == 1
        comment = DiscussionComment.objects.get(discussion=discussion)
        version_page = reverse("registry:staff-version", args=[service.code, 2])
        staff.post(
            version_page,
            {"action": "decide", "comment": comment.pk, "decision": "accepted", "reason": "Ескерілді"},
        )
        staff.post(
            version_page,
            {
                "action": "close",
                "revised_draft_location": "https://legalacts.egov.kz/demo",
                "confirmed": "1",
            },
        )
        pdf = staff.get(reverse("registry:discussion-report-pdf", args=[discussion.pk]) + "?lang=ru")
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        html = Client().get(reverse("registry:discussion-report", args=[discussion.pk]) + "?lang=ru")
        assert "Ескерілді" in html.content.decode()
        agreer.post(version_page, {"action": "agreement", "organisation": "interested-body", "agreed": "on"})
        staff.post(version_page, {"action": "agreed"})
        assert 'value="approve"' not in staff.get(version_page).content.decode()
        # Law 13.1: neither the drafting officer nor the registry administrator approves
        for refused in (staff, registry):
            response = refused.post(version_page, {"action": "approve", "effective_from": "2027-01-01"})
            assert response.status_code == 403  # no right, not bad input
        assert service.versions.get(number=2).status == VersionStatus.AGREED
        assert 'value="approve"' in head.get(version_page).content.decode()
        # Issue 14.3: approval is final, so the head is asked first; nothing is written before.
        asked = head.post(
            version_page, {"action": "approve", "effective_from": "2027-01-01"}, HTTP_ACCEPT_LANGUAGE="ru"
        )
        assert asked.status_code == 200
        assert "Вы уверены?" in asked.content.decode() and "01.01.2027" in asked.content.decode()
        assert service.versions.get(number=2).status == VersionStatus.AGREED
        # The dialog's "confirmed" alone is not enough: the comparison is confirmed.
        head.post(version_page, {"action": "approve", "effective_from": "2027-01-01", "confirmed": "1"})
        assert service.versions.get(number=2).status == VersionStatus.AGREED
        response = head.post(version_page, confirm_from(asked.content.decode()))
        assert response.status_code == 302

    assert service.versions.get(number=2).status == VersionStatus.APPROVED
    assert standard_in_force(service=service, on=dt.date(2026, 12, 31)).number == 1
    assert standard_in_force(service=service, on=dt.date(2027, 1, 1)).number == 2
    detail = reverse("registry:service-detail", args=[service.code])
    with _at(dt.date(2026, 12, 31)):
        assert "3 " not in _terms(Client().get(detail).content.decode())
    with _at(dt.date(2027, 1, 4)):
        assert "3 " in _terms(Client().get(detail).content.decode())


def _channel(channel: str, days: int) -> dict[str, object]:
    return {"channel": channel, "term_amount": days, "term_unit": "working_days"}


def _terms(body: str) -> str:
    start = body.index('id="h-where"')
    return body[start : body.index("</table>", start)]


def test_staff_pages_need_a_registry_role() -> None:
    anonymous = Client()
    assert anonymous.get(reverse("registry:staff-services")).status_code == 302
    citizen = Client()
    citizen.force_login(UserFactory.create())
    assert citizen.get(reverse("registry:staff-services")).status_code == 404
    assert citizen.get(reverse("registry:staff-tasks")).status_code == 404
    officer = Client()  # an akimat's officer: akimats do not draft by-laws (Law 13.1)
    akimat = OrganisationFactory.create(kind=OrganisationKind.CAPITAL_AKIMAT)
    officer.force_login(
        StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=akimat).user
    )
    assert officer.get(reverse("registry:staff-services")).status_code == 404
    drafter = Client()  # a ministry's officer drafts its standards
    drafter.force_login(StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER).user)
    assert drafter.get(reverse("registry:staff-services")).status_code == 200
    admin = Client()
    admin.force_login(StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user)
    assert admin.get(reverse("registry:staff-services")).status_code == 200
    assert admin.get(reverse("registry:staff-tasks")).status_code == 200


def test_staff_version_page_of_an_unknown_version_is_not_found() -> None:
    """Found by the demo walk: ``/registry/staff/services/<code>/versions/999999/`` answered 500."""
    from qyzmet.registry.tests.factories import ServiceFactory

    service = ServiceFactory.create()
    admin = Client()
    admin.force_login(StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user)
    assert admin.get(reverse("registry:staff-version", args=[service.code, 1])).status_code == 200
    assert admin.get(reverse("registry:staff-version", args=[service.code, 999999])).status_code == 404
