"""Delivery pages: public status page, portal application form, cabinet, worklist, actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.delivery.enums import ApplicationStatus, Channel
from qyzmet.delivery.models import Application, NotificationPreference
from qyzmet.delivery.services import application_take_in_work
from qyzmet.delivery.tests.factories import World, make_world, submit
from qyzmet.registry.tests.factories import RequiredDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _kk(client: Client) -> None:
    client.cookies["qyzmet_language"] = "kk"


# --- Status page (Law 5.2.8, 23.4) -------------------------------------------------------


def test_law_5_2_8_status_page_shows_stage_history_and_no_personal_data(client: Client, world: World) -> None:
    application = submit(world)
    application_take_in_work(actor=world.officer, application=application)
    resp = client.post(
        reverse("delivery:status"), {"number": application.number, "iin_last4": world.recipient.iin[-4:]}
    )
    html = resp.content.decode()
    assert resp.status_code == 200
    assert application.number in html
    assert world.service.code in html
    assert html.count('class="govuk-task-list__item"') == 2  # received, taken in work
    assert world.recipient.iin not in html
    assert world.recipient.last_name not in html
    assert str(world.recipient) not in html


def test_law_5_2_8_status_page_wrong_digits_reveal_nothing(client: Client, world: World) -> None:
    application = submit(world)
    wrong = "0000" if world.recipient.iin[-4:] != "0000" else "1111"
    resp = client.post(reverse("delivery:status"), {"number": application.number, "iin_last4": wrong})
    assert resp.status_code == 200
    assert world.service.code not in resp.content.decode()


def test_status_page_opened_from_the_receipt_qr_prefills_the_number(client: Client) -> None:
    resp = client.get(reverse("delivery:status"), {"number": "KZ-2026-11-000001"})
    assert resp.status_code == 200
    assert 'value="KZ-2026-11-000001"' in resp.content.decode()


# --- Portal application form (Law 19, 20.2, 5.2, 20.6) -----------------------------------


def _apply_post(world: World, **overrides: Any) -> dict[str, Any]:
    version = world.service.versions.get()
    data: dict[str, Any] = {
        "data.full_name": "Әлия Серікқызы",
        "data.birth_date": "1985-01-01",
        "consent_method": "e_signature",
        "notify_sms": "on",
    }
    today = dt.date.today()
    for rd in version.required_documents.filter(privileged_only=False, obtainable_from_state_system=False):
        data[f"doc{rd.pk}_number"] = f"N-{rd.pk}"
        data[f"doc{rd.pk}_issued_on"] = (today - dt.timedelta(days=5)).isoformat()
        if rd.expires:
            data[f"doc{rd.pk}_valid_until"] = (today + dt.timedelta(days=100)).isoformat()
    data.update(overrides)
    return data


def test_law_5_2_form_never_asks_for_documents_state_systems_provide(client: Client, world: World) -> None:
    version = world.service.versions.get()
    state_doc = RequiredDocumentFactory.create(
        version=version,
        order=9,
        name_kk="Мекенжай анықтамасы",
        name_ru="Адресная справка",
        obtainable_from_state_system=True,
    )
    client.force_login(world.recipient)
    resp = client.get(reverse("delivery:apply-one-page", args=[world.service.code]), follow=True)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f'name="doc{state_doc.pk}_number"' not in html
    assert 'name="data.full_name"' in html
    assert 'name="consent_method"' in html


def test_law_19_incomplete_documents_shown_per_field_with_values_kept(client: Client, world: World) -> None:
    version = world.service.versions.get()
    # The medical certificate ("the application" is the portal form itself, ADR 0020).
    first = version.required_documents.get(order=2)
    client.force_login(world.recipient)
    _kk(client)
    post = _apply_post(
        world, **{f"doc{first.pk}_{part}": "" for part in ("number", "issued_on", "valid_until")}
    )
    resp = client.post(reverse("delivery:apply-one-page", args=[world.service.code]), post)
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Құжаттар жетіспейді" in html  # Kazakh, the user's language
    assert resp.context["form"].errors[f"doc{first.pk}_number"]  # on the missing document's row
    assert 'value="Әлия Серікқызы"' in html  # nothing lost
    assert not Application.objects.exists()


def test_law_19_expired_document_is_marked_on_its_row(client: Client, world: World) -> None:
    version = world.service.versions.get()
    expiring = version.required_documents.get(expires=True)
    client.force_login(world.recipient)
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    post = _apply_post(world, **{f"doc{expiring.pk}_valid_until": yesterday})
    resp = client.post(reverse("delivery:apply-one-page", args=[world.service.code]), post)
    assert resp.status_code == 400
    assert resp.context["form"].errors[f"doc{expiring.pk}_valid_until"]
    assert resp.context["form"][f"doc{expiring.pk}_valid_until"].value() == yesterday


def test_law_19_missing_data_field_error_is_on_that_field_in_russian(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "ru"
    resp = client.post(
        reverse("delivery:apply-one-page", args=[world.service.code]),
        _apply_post(world, **{"data.full_name": ""}),
    )
    assert resp.status_code == 400
    form = resp.context["form"]
    assert form.errors["data.full_name"] == ["Заполните."]
    assert form["data.birth_date"].value() == "1985-01-01"


def test_law_20_2_complete_application_is_accepted_with_a_receipt(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    resp = client.post(reverse("delivery:apply-one-page", args=[world.service.code]), _apply_post(world))
    assert resp.status_code == 302, resp.content.decode()[:2000]
    application = Application.objects.get()
    assert application.channel == Channel.EGOV_PORTAL
    assert application.consent_method == "e_signature"
    assert application.recipient_user == world.recipient
    receipt = client.get(reverse("delivery:receipt", args=[application.number]))
    assert receipt.status_code == 200
    assert receipt.content.startswith(b"%PDF")


# --- Cabinet -------------------------------------------------------------------------------


def test_law_21_2_1_cabinet_lists_own_applications_only_in_bounded_queries(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    mine = [submit(world) for _ in range(3)]
    other = make_world()
    theirs = submit(other)
    client.force_login(world.recipient)
    with django_assert_max_num_queries(12):
        resp = client.get(reverse("delivery:mine"))
    html = resp.content.decode()
    assert all(a.number in html for a in mine)
    assert theirs.number not in html
    submit(world)
    with django_assert_max_num_queries(12):
        client.get(reverse("delivery:mine"))


def test_someone_elses_case_is_not_found_like_a_number_that_does_not_exist(
    client: Client, world: World
) -> None:
    """Tester's finding 19.4, for signed-in users: case numbers are sequential, so a 403 for
    another's case would tell which numbers exist; it is a 404, as for a number never issued.
    One who may read the case but not act on it still gets the 403 with the reason."""
    application = submit(world)
    client.force_login(make_world().recipient)
    for name in ("delivery:receipt", "delivery:detail"):
        assert client.get(reverse(name, args=[application.number])).status_code == 404
        assert client.get(reverse(name, args=["KZ-2099-01-999999"])).status_code == 404
    client.force_login(world.recipient)  # reads it, may not act on it
    assert (
        client.post(reverse("delivery:detail", args=[application.number]), {"action": "take"}).status_code
        == 403
    )


def test_notification_channels_are_saved(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    resp = client.post(reverse("delivery:notifications"), {"email": "on"})
    assert resp.status_code == 302
    pref = NotificationPreference.objects.get(user=world.recipient)
    assert (pref.sms, pref.email) == (False, True)


# --- Staff ---------------------------------------------------------------------------------


def test_law_5_2_11_worklist_by_due_date_with_overdue_flag_in_bounded_queries(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    old = submit(world, received_at=submit(world).submitted_at - dt.timedelta(days=60))
    client.force_login(world.officer)
    with django_assert_max_num_queries(15) as ctx:
        resp = client.get(reverse("delivery:worklist"))
    assert resp.status_code == 200
    rows = resp.context["applications"]
    assert rows[0].number == old.number and rows[0].is_overdue
    for _ in range(3):
        submit(world)
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        client.get(reverse("delivery:worklist"))


@pytest.mark.parametrize("field", ["period_from", "period_to"])
def test_law_5_2_11_worklist_ignores_a_filter_date_that_does_not_exist(
    client: Client, world: World, field: str
) -> None:
    """Found by the demo walk: 2026-02-30 in a due-date filter answered 500."""
    application = submit(world)
    client.force_login(world.officer)
    resp = client.get(reverse("delivery:worklist"), {field: "2026-02-30"})
    assert resp.status_code == 200
    assert [a.number for a in resp.context["applications"]] == [application.number]


def test_worklist_is_for_provider_staff_only(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    assert client.get(reverse("delivery:worklist")).status_code == 403


def test_law_19_1_refusal_cannot_be_submitted_without_a_ground(client: Client, world: World) -> None:
    application = submit(world)
    client.force_login(world.officer)
    resp = client.post(
        reverse("delivery:detail", args=[application.number]), {"action": "refuse", "reason": "Жалған құжат."}
    )
    assert resp.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED
    assert "Жалған құжат." in resp.content.decode()


def test_law_19_1_refusal_with_a_statutory_ground(client: Client, world: World) -> None:
    application = submit(world)
    client.force_login(world.officer)
    resp = client.post(
        reverse("delivery:detail", args=[application.number]),
        {
            "action": "refuse",
            "grounds": ["unreliable_documents"],
            "reason": "Жалған құжат.",
            "confirmed": "1",
        },
    )
    assert resp.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED
    assert application.refusal_grounds == ["unreliable_documents"]


def test_stage_actions_take_in_work_then_result_then_issue(client: Client, world: World) -> None:
    application = submit(world)
    client.force_login(world.officer)
    url = reverse("delivery:detail", args=[application.number])
    assert client.post(url, {"action": "take"}).status_code == 302
    assert (
        client.post(
            url, {"action": "result", "result_summary_kk": "Анықтама берілді.", "confirmed": "1"}
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RESULT_READY
    assert client.post(url, {"action": "issue", "confirmed": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ISSUED
    client.force_login(world.recipient)
    assert client.get(reverse("delivery:result", args=[application.number])).content.startswith(b"%PDF")


def test_recipient_cannot_act_on_own_application(client: Client, world: World) -> None:
    application = submit(world)
    client.force_login(world.recipient)
    assert (
        client.post(reverse("delivery:detail", args=[application.number]), {"action": "take"}).status_code
        == 403
    )


def test_law_20_3_desk_accepts_for_an_identified_visitor_and_lists_pickup(
    client: Client, world: World
) -> None:
    post = _desk_post(world, consent_method="written")
    del post["identity_confirmed"]
    client.force_login(world.operator)
    resp = client.post(reverse("delivery:desk"), post)
    assert resp.status_code == 400  # identity not confirmed: the form says so
    assert not Application.objects.exists()
    resp = client.post(reverse("delivery:desk"), {**post, "identity_confirmed": "on"})
    assert resp.status_code == 302, resp.content.decode()[:3000]
    application = Application.objects.get()
    assert application.channel == Channel.STATE_CORPORATION
    assert application.accepting_organisation == world.branch
    assert client.get(reverse("delivery:desk")).status_code == 200


def test_law_19_desk_checklist_lists_the_standards_documents_and_fields(client: Client, world: World) -> None:
    version = world.service.versions.get()
    client.force_login(world.operator)
    html = client.get(reverse("delivery:desk"), {"service": world.service.code}).content.decode()
    for rd in version.required_documents.filter(obtainable_from_state_system=False):
        assert f'name="doc{rd.pk}_number"' in html
    assert 'name="data.full_name"' in html


def test_navigation_links_on_the_cabinet_and_the_staff_home(client: Client, world: World) -> None:
    client.force_login(world.recipient)
    assert reverse("delivery:mine") in client.get(reverse("web:cabinet")).content.decode()
    client.force_login(world.officer)
    html = client.get(reverse("web:staff-home")).content.decode()
    assert reverse("delivery:worklist") in html
    client.force_login(world.operator)
    assert reverse("delivery:desk") in client.get(reverse("web:staff-home")).content.decode()
    assert reverse("delivery:status") in client.get(reverse("web:landing")).content.decode()


def test_law_5_2_11_worklist_filters_overdue_only(client: Client, world: World) -> None:
    fresh = submit(world)
    old = submit(world, received_at=fresh.submitted_at - dt.timedelta(days=60))
    client.force_login(world.officer)
    rows = client.get(reverse("delivery:worklist"), {"flag": "overdue"}).context["applications"]
    assert [a.number for a in rows] == [old.number]
    rows = client.get(reverse("delivery:worklist"), {"period_from": fresh.due_on.isoformat()}).context[
        "applications"
    ]
    assert [a.number for a in rows] == [fresh.number]


# --- Who (Law 1.3, 1.4, 20.6) on the pages -------------------------------------------------


def _desk_post(world: World, **overrides: Any) -> dict[str, Any]:
    version = world.service.versions.get()
    post: dict[str, Any] = {
        "service_code": world.service.code,
        "recipient_iin": world.recipient.iin,
        "recipient_name": "Visitor",
        "identity_confirmed": "on",
        "data.full_name": "Visitor",
        "data.birth_date": "1985-01-01",
    }
    for rd in version.required_documents.filter(privileged_only=False):
        post[f"doc{rd.pk}_number"] = "X1"
        if rd.expires:
            post[f"doc{rd.pk}_valid_until"] = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    post.update(overrides)
    return post


def test_law_20_6_the_desk_records_the_visitors_consent_only_as_given(client: Client, world: World) -> None:
    client.force_login(world.operator)
    page = client.get(reverse("delivery:desk"), {"service": world.service.code}).content.decode()
    assert 'name="consent_method"' in page
    assert client.post(reverse("delivery:desk"), _desk_post(world)).status_code == 400  # not asked
    assert not Application.objects.exists()
    assert client.post(reverse("delivery:desk"), _desk_post(world, consent_method="none")).status_code == 302
    silent = Application.objects.get()
    assert not silent.consent_given and silent.consent_method == ""
    assert (
        client.post(reverse("delivery:desk"), _desk_post(world, consent_method="written")).status_code == 302
    )
    given = Application.objects.exclude(pk=silent.pk).get()
    assert given.consent_given and given.consent_method == "written"


def test_law_1_4_portal_asks_for_the_provider_when_several_deliver_and_keeps_what_was_typed(
    client: Client, world: World
) -> None:
    from qyzmet.orgs.enums import OrganisationKind
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.registry.services import service_providers_set

    world.service.provider_kinds = [OrganisationKind.DISTRICT_AKIMAT]
    world.service.save(update_fields=["provider_kinds"])
    other = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region="turkistan")
    service_providers_set(actor=None, service=world.service, organisations=[world.provider, other])
    client.force_login(world.recipient)
    client.cookies["qyzmet_language"] = "ru"
    url = reverse("delivery:apply-one-page", args=[world.service.code])
    resp = client.post(url, _apply_post(world, **{"data.full_name": "Әлия Тестова"}))
    assert resp.status_code == 400
    assert resp.context["form"].errors["provider"]
    assert 'value="Әлия Тестова"' in resp.content.decode()
    assert not Application.objects.exists()
    resp = client.post(url, _apply_post(world, provider=str(other.pk)))
    assert resp.status_code == 302
    assert Application.objects.get().provider == other


def test_law_1_3_a_director_applies_for_the_company_on_the_portal(client: Client, world: World) -> None:
    from qyzmet.orgs.services import recipient_company_create
    from qyzmet.orgs.tests.factories import make_bin

    world.service.recipient_categories = ["individual", "legal_entity"]
    world.service.save(update_fields=["recipient_categories"])
    company = recipient_company_create(
        bin=make_bin(dt.date(2012, 2, 1), serial=3),
        name_kk="«Дала» ЖШС",
        name_ru="ТОО «Дала»",
        director=world.recipient,
    )
    client.force_login(world.recipient)
    url = reverse("delivery:apply-one-page", args=[world.service.code])
    assert company.bin in client.get(url, follow=True).content.decode()
    assert client.post(url, _apply_post(world, applicant_for=company.bin)).status_code == 302
    application = Application.objects.get()
    assert application.recipient_bin == company.bin
    assert application.recipient_iin == ""
    # a BIN the user does not direct is not offered, and typed in, is refused
    resp = client.post(url, _apply_post(world, applicant_for=make_bin(dt.date(2013, 2, 1), serial=4)))
    assert resp.status_code == 400
    assert Application.objects.count() == 1


def test_law_1_4_the_recipient_keeps_their_territory_in_the_cabinet_and_it_routes_local_services(
    client: Client, world: World
) -> None:
    from qyzmet.core.models import AuditLog
    from qyzmet.orgs.enums import OrganisationKind
    from qyzmet.orgs.tests.factories import OrganisationFactory
    from qyzmet.registry.services import service_providers_set

    world.service.provider_kinds = [OrganisationKind.DISTRICT_AKIMAT]
    world.service.save(update_fields=["provider_kinds"])
    other = OrganisationFactory.create(kind=OrganisationKind.DISTRICT_AKIMAT, region="turkistan")
    service_providers_set(actor=None, service=world.service, organisations=[world.provider, other])
    client.force_login(world.recipient)
    resp = client.post(reverse("delivery:notifications"), {"action": "territory", "territory": "999999"})
    assert resp.status_code == 400  # not in the list: nothing saved
    assert not NotificationPreference.objects.filter(user=world.recipient, territory__isnull=False).exists()
    resp = client.post(reverse("delivery:notifications"), {"action": "territory", "territory": str(other.pk)})
    assert resp.status_code == 302
    assert AuditLog.objects.filter(action="delivery.recipient_territory_set", actor=world.recipient).exists()
    page = client.get(
        reverse("delivery:apply-one-page", args=[world.service.code]), follow=True
    ).content.decode()
    assert f'<option value="{other.pk}" selected>' in page
    url = reverse("delivery:apply-one-page", args=[world.service.code])
    assert client.post(url, _apply_post(world, provider=str(other.pk))).status_code == 302
    assert Application.objects.get().provider == other


def test_the_worklist_tells_an_unknown_sort_and_a_bad_date_and_shows_the_list_unfiltered(
    client: Client, world: World
) -> None:
    application = submit(world)
    client.force_login(world.officer)
    resp = client.get(
        reverse("delivery:worklist"),
        {"sort": "password", "period_to": "2026-13-01", "flag": "overdue"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Список нельзя упорядочить по этому столбцу" in html
    assert "govuk-error-summary" in html
    assert [a.number for a in resp.context["applications"]] == [application.number]


def test_the_worklist_headers_sort_and_pages_keep_the_filters(client: Client, world: World) -> None:
    for _ in range(26):
        submit(world)
    client.force_login(world.officer)
    resp = client.get(reverse("delivery:worklist"), {"sort": "-number", "channel": "provider"})
    html = resp.content.decode()
    assert 'aria-sort="descending"' in html
    assert 'href="?sort=number&amp;channel=provider"' in html  # the header flips the order
    assert 'href="?sort=-number&amp;channel=provider&amp;page=2"' in html  # the pages keep the query
    assert 'class="govuk-pagination"' in html
    assert "data-picker" in html  # the service is chosen from a searchable list
