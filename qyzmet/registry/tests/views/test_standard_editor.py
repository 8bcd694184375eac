"""Issue 15 item 2: a standard that a ministry lawyer can edit. Every field and row of a version
is its own labelled input (no pipe-delimited lines, no English codes), Kazakh next to Russian;
free, free by law (Law 24.2) and paid are one choice; the draft is compared with the version in
force and confirmed before it is posted (Law 15) or approved (Law 13.1); nothing is edited while
the discussion is open (Law 15). Walked with the Django client as the developing central state
body's drafter (ADR 0010); other roles are refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape

from qyzmet.core.errors import ApplicationError
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory, UserFactory
from qyzmet.registry import services
from qyzmet.registry.enums import (
    Channel,
    ComplaintAddressKind,
    DiscussionStatus,
    TermStart,
    TermUnit,
    VersionStatus,
    WorkPrinciple,
)
from qyzmet.registry.models import Discussion, StandardVersion
from qyzmet.registry.tests.editor_pages import editor_url as _url
from qyzmet.registry.tests.factories import (
    BareServiceFactory,
    ServiceFactory,
    StandardVersionFactory,
    fill_every_field,
    fill_version,
    paid_version_kwargs,
)
from qyzmet.registry.tests.views.editor_page import (
    add_rows,
    editor_data,
    fill_row,
    first_blank_row,
    read_editor,
)

pytestmark = pytest.mark.django_db


def _body() -> Any:
    return OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)


def _client(body: Any, role: str = StaffRole.PROVIDER_OFFICER, lang: str = "ru") -> Client:
    client = Client()
    client.force_login(StaffPositionFactory.create(role=role, organisation=body).user)
    client.cookies["qyzmet_language"] = lang
    return client


def _draft(**kwargs: Any) -> StandardVersion:
    """A full draft (every row kind) of a service of a central state body, nothing in force."""
    service = ServiceFactory.create(responsible_body=_body(), version__status=VersionStatus.DRAFT)
    version = service.versions.get()
    StandardVersion.objects.filter(pk=version.pk).update(effective_from=None, **kwargs)
    return StandardVersion.objects.get(pk=version.pk)


def _post(client: Client, url: str, data: dict[str, list[str]]) -> Any:
    return client.post(url, data)


# --- item 2.1: rows, labels ------------------------------------------------------------------


def test_std_1_to_26_every_field_filled_opened_and_saved_unchanged_stays_identical() -> None:
    """The done-when test: ``fill_every_field`` (every field, every kind of row, STD 4, 7.1,
    7.4, 13, 18, 21-26) through the page and back, payload and fingerprint unchanged."""
    service = BareServiceFactory.create(responsible_body=_body())
    version = fill_every_field(
        StandardVersionFactory.create(service=service, status=VersionStatus.DRAFT, effective_from=None)
    )
    client = _client(service.responsible_body, lang="kk")
    payload, before = services.version_payload(version), services.version_content_hash(version)
    data = editor_data(client, _url(version))
    for prefix in ("sources", "channels", "terms", "complaints", "documents", "grounds", "steps", "fields"):
        assert int(data[f"{prefix}-INITIAL_FORMS"][0]) > 0, prefix
    response = _post(client, _url(version), data)
    assert response.status_code == 302, response.context["version_form"].errors
    version = StandardVersion.objects.get(pk=version.pk)
    assert services.version_payload(version) == payload
    assert services.version_content_hash(version) == before


def test_std_editor_saving_an_unchanged_page_keeps_the_version_identical() -> None:
    version = _draft(**paid_version_kwargs())
    client = _client(version.service.responsible_body)
    before = services.version_content_hash(version)
    payload = services.version_payload(version)
    response = _post(client, _url(version), editor_data(client, _url(version)))
    assert response.status_code == 302, response.context["version_form"].errors
    version.refresh_from_db()
    assert services.version_payload(version) == payload
    assert services.version_content_hash(version) == before


@pytest.mark.parametrize(
    ("lang", "channel", "unit", "presence"),
    [
        ("ru", "Портал «электронного правительства»", "рабочих дней", "Оригинал"),
        ("kk", "«Электрондық үкімет» порталы", "жұмыс күні", "Түпнұсқа"),
    ],
)
def test_std_editor_rows_are_labelled_inputs_with_choices_named_in_the_language(
    lang: str, channel: str, unit: str, presence: str
) -> None:
    version = _draft()
    page = _client(version.service.responsible_body, lang=lang).get(_url(version)).content.decode()
    for name in ("channels-0-channel", "channels-0-term_unit", "documents-0-presence", "fields-0-datatype"):
        assert f'name="{name}"' in page and f'for="id_{name}"' in page
    assert "working_days" not in page.replace('value="working_days"', "")
    assert "|" not in read_editor(page).data.get("documents-0-name_ru", [""])[0]
    assert channel in page or channel.lower() in page.lower()
    assert presence in page
    assert 'name="documents-0-DELETE"' in page  # a row is removed with its box
    assert f'name="documents-{first_blank_row(read_editor(page).data, "documents")}-name_kk"' in page


def test_std_editor_kazakh_and_russian_inputs_stand_side_by_side() -> None:
    version = _draft()
    page = _client(version.service.responsible_body).get(_url(version)).content.decode()
    pair = page.index('<div class="bilingual">')
    assert page.index('name="legal_basis_kk"', pair) < page.index('name="legal_basis_ru"', pair)
    assert "registry/registry.css" in page


def test_std_11_a_row_added_in_a_blank_row_and_one_removed_are_saved() -> None:
    version = _draft()
    client = _client(version.service.responsible_body)
    data = editor_data(client, _url(version))
    index = first_blank_row(data, "documents")
    fill_row(data, "documents", index, name_kk="Төлқұжат", name_ru="Паспорт", presence="copy", order=9)
    fill_row(data, "documents", 0, DELETE=True)
    response = _post(client, _url(version), data)
    assert response.status_code == 302, response.context["version_form"].errors
    names = list(version.required_documents.values_list("name_ru", "presence"))
    assert ("Паспорт", "copy") in names and "Заявление" not in [n for n, _p in names]


@pytest.mark.parametrize(("lang", "said"), [("kk", "7-тармағы"), ("ru", "пункт 7")])
def test_std_7_a_bad_channel_row_is_refused_naming_the_point_keeping_what_was_typed(
    lang: str, said: str
) -> None:
    version = _draft()
    client = _client(version.service.responsible_body, lang=lang)
    before = services.version_content_hash(version)
    data = editor_data(client, _url(version))
    fill_row(data, "channels", 0, term_amount="пять")
    fill_row(data, "documents", 0, name_ru="Заявление (исправлено)")
    response = _post(client, _url(version), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert said in page and 'value="пять"' in page and "Заявление (исправлено)" in page
    assert services.version_content_hash(StandardVersion.objects.get(pk=version.pk)) == before


def test_std_editor_a_choice_of_a_form_field_is_its_own_row() -> None:
    version = _draft()
    client = _client(version.service.responsible_body)
    data = editor_data(client, _url(version))
    index = first_blank_row(data, "choices")
    fill_row(data, "choices", index, field_code="purpose", key="study", name_kk="Оқуға", name_ru="Для учёбы")
    assert _post(client, _url(version), data).status_code == 302
    purpose = version.form_fields.get(code="purpose")
    assert purpose.choices[-1] == {"key": "study", "name_kk": "Оқуға", "name_ru": "Для учёбы"}
    assert [c["key"] for c in purpose.choices] == ["work", "visa", "study"]


# --- item 2.3: free, free by law, paid ------------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("kk", "24-бабы 2-тармағы"), ("ru", "пункт 2 статьи 24")])
def test_law_24_2_free_by_law_and_paid_at_once_is_refused_on_the_page(lang: str, said: str) -> None:
    version = _draft()
    client = _client(version.service.responsible_body, lang=lang)
    before = services.version_content_hash(version)
    data = editor_data(client, _url(version))
    data["fee_mode"] = ["free_by_law", "paid"]
    data["fee_mci"] = ["2"]
    response = _post(client, _url(version), data)
    assert response.status_code == 400 and said in response.content.decode()
    assert 'value="2"' in response.content.decode()
    assert services.version_content_hash(StandardVersion.objects.get(pk=version.pk)) == before


def test_law_24_2_the_service_refuses_free_by_law_and_paid_and_writes_nothing() -> None:
    version = _draft()
    user = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=version.service.responsible_body
    ).user
    with pytest.raises(ApplicationError) as caught:
        services.standard_version_update(
            actor=user, version=version, fields={"is_free_by_law": True, "is_paid": True, "fee_mci": 1}
        )
    assert "пункт 2 статьи 24" in caught.value.message_for("ru")
    assert "24-бабы 2-тармағы" in caught.value.message_for("kk")
    version.refresh_from_db()
    assert not version.is_paid and not version.is_free_by_law


def test_law_24_a_fee_typed_for_a_free_service_is_refused_and_paid_saves_it() -> None:
    version = _draft()
    client = _client(version.service.responsible_body)
    data = editor_data(client, _url(version))
    data.update(fee_mode=["free"], fee_mci=["1.5"], payment_method=["payment_gateway"])
    assert _post(client, _url(version), data).status_code == 400
    assert not StandardVersion.objects.get(pk=version.pk).fee_mci
    data["fee_mode"] = ["paid"]
    assert _post(client, _url(version), data).status_code == 302
    version.refresh_from_db()
    assert (version.is_paid, version.is_free_by_law, str(version.fee_mci)) == (True, False, "1.50")


# --- item 2.4: comparison and confirmation ---------------------------------------------------------


def test_law_15_posting_shows_no_version_in_force_and_only_a_confirmed_comparison_posts() -> None:
    version = _draft()
    client = _client(version.service.responsible_body)
    first = client.post(_url(version), {"action": "open"})
    assert first.status_code == 200 and 'id="no-version-in-force"' in first.content.decode()
    assert not Discussion.objects.filter(version=version).exists()
    # The dialog's "confirmed" alone, without the comparison seen, posts nothing.
    again = client.post(_url(version), {"action": "open", "confirmed": "1"})
    assert again.status_code == 200 and not Discussion.objects.filter(version=version).exists()
    values = dict(read_hidden(first.content.decode()))
    assert values["compared"] == services.version_content_hash(version)
    assert client.post(_url(version), values).status_code == 302
    assert Discussion.objects.get(version=version).status == DiscussionStatus.OPEN


def read_hidden(page: str) -> list[tuple[str, str]]:
    import re

    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)


def test_law_13_1_approving_compares_with_the_version_in_force_field_by_field() -> None:
    body = _body()
    service = ServiceFactory.create(responsible_body=body)  # v1 in force
    draft = services.standard_version_copy(actor=None, version=service.versions.get())
    StandardVersion.objects.filter(pk=draft.pk).update(
        status=VersionStatus.AGREED, result_description_ru="Справка нового образца"
    )
    draft.channel_terms.filter(channel=Channel.EGOV_PORTAL).update(
        term_amount=1, term_unit=TermUnit.WORKING_DAYS
    )
    head = _client(body, role=StaffRole.PROVIDER_HEAD)
    day = timezone.localdate() + dt.timedelta(days=30)
    page = head.post(_url(draft), {"action": "approve", "effective_from": day.isoformat()})
    text = page.content.decode()
    assert page.status_code == 200 and "Справка нового образца" in text and "Справка" in text
    assert "Способы и сроки" in text  # the channels, old rows against new
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AGREED  # nothing written without the confirmation
    stale = dict(read_hidden(text)) | {"compared": "0" * 64}
    head.post(_url(draft), stale)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.AGREED
    assert head.post(_url(draft), dict(read_hidden(text))).status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.APPROVED


# --- item 2.5: no edits while the discussion is open -----------------------------------------------


def _in_discussion() -> tuple[StandardVersion, Client, Any]:
    version = _draft()
    client = _client(version.service.responsible_body)
    user = StaffPositionFactory.create(
        role=StaffRole.PROVIDER_OFFICER, organisation=version.service.responsible_body
    ).user
    services.discussion_open(actor=user, version=version)
    version.refresh_from_db()
    return version, client, user


def test_law_15_the_editor_shows_the_draft_in_discussion_read_only() -> None:
    version, client, _user = _in_discussion()
    page = client.get(_url(version)).content.decode()
    assert 'id="read-only"' in page and "обсужден" in page
    reader = read_editor(page)
    assert not reader.data and "Save the draft" not in page and "Сохранить проект" not in page
    assert 'name="legal_basis_ru"' in page and "disabled" in page


@pytest.mark.parametrize(("lang", "said"), [("kk", "15-бабы"), ("ru", "статья 15")])
def test_law_15_an_edit_posted_during_the_discussion_is_refused_and_nothing_is_written(
    lang: str, said: str
) -> None:
    version, _client_ru, user = _in_discussion()
    client = _client(version.service.responsible_body, lang=lang)
    before = services.version_content_hash(version)
    draft = _draft()  # the same page's inputs, taken from an editable draft of the same shape
    data = editor_data(_client(draft.service.responsible_body), _url(draft))
    data["result_description_ru"] = ["Изменено во время обсуждения"]
    response = client.post(_url(version), data)
    assert response.status_code == 400 and said in response.content.decode()
    assert services.version_content_hash(StandardVersion.objects.get(pk=version.pk)) == before
    with pytest.raises(ApplicationError) as caught:
        services.standard_version_update(actor=user, version=version, fields={"change_summary_kk": "x"})
    assert said in caught.value.message_for(lang)


def test_law_15_after_the_discussion_closes_the_revised_draft_is_editable_again() -> None:
    version, client, user = _in_discussion()
    discussion = Discussion.objects.get(version=version)
    Discussion.objects.filter(pk=discussion.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    discussion.refresh_from_db()
    services.discussion_close(
        actor=user, discussion=discussion, revised_draft_location="https://example.kz/d"
    )
    data = editor_data(client, _url(version))
    data["result_description_ru"] = ["Справка (доработано)"]
    assert client.post(_url(version), data).status_code == 302
    assert StandardVersion.objects.get(pk=version.pk).result_description_ru == "Справка (доработано)"


# --- ADR 0010: who edits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    ["registry_admin", "akimat_officer", "other_ministry", "citizen"],
)
def test_adr_0010_only_the_developing_central_body_edits_the_draft(who: str) -> None:
    version = _draft()
    owner = _client(version.service.responsible_body)
    data = editor_data(owner, _url(version))
    data["result_description_ru"] = ["Чужая правка"]
    client = Client()
    if who == "registry_admin":
        user = StaffPositionFactory.create(role=StaffRole.REGISTRY_ADMINISTRATOR).user
    elif who == "akimat_officer":
        akimat = OrganisationFactory.create(kind=OrganisationKind.OBLAST_AKIMAT)
        user = StaffPositionFactory.create(role=StaffRole.PROVIDER_OFFICER, organisation=akimat).user
    elif who == "other_ministry":
        user = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=_body()).user
    else:
        user = UserFactory.create()
    client.force_login(user)
    response = client.post(_url(version), data)
    assert response.status_code in (400, 403, 404)
    assert StandardVersion.objects.get(pk=version.pk).result_description_ru != "Чужая правка"
    if response.status_code != 404:
        assert read_editor(client.get(_url(version)).content.decode()).data.get("action") is None


def test_fill_version_rows_round_trip_through_the_editor() -> None:
    version = _draft()
    fill_version(StandardVersionFactory.create(service=version.service, status=VersionStatus.DRAFT))
    client = _client(version.service.responsible_body)
    other = version.service.versions.order_by("-number").first()
    assert other is not None
    before = services.version_payload(other)
    assert _post(client, _url(other), editor_data(client, _url(other))).status_code == 302
    other.refresh_from_db()
    assert services.version_payload(other) == before


# --- item 2.6: the data of STD 4, 7.1, 7.4, 13, 18, 21-26 in the editor --------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_std_7_1_and_18_the_count_start_and_principles_are_choices_named_in_the_language(lang: str) -> None:
    version = _draft()
    page = _client(version.service.responsible_body, lang=lang).get(_url(version)).content.decode()
    assert 'name="channels-0-counted_from"' in page
    for name in ("document_office_kk", "principles", "complaint_documents_ru", "complaint_receipt_kk"):
        assert f'name="{name}"' in page
    assert 'name="other_information_ru"' in page and 'name="terms-0-term_unit"' in page
    with translation.override(lang):
        for choice in (TermStart.SUBMISSION, WorkPrinciple.POLITENESS, ComplaintAddressKind.HIGHER_INSTANCE):
            assert escape(str(choice.label)) in page


def test_std_4_and_7_4_and_21_to_23_sources_other_terms_and_complaint_addresses_are_added_as_rows() -> None:
    version = _draft()
    client = _client(version.service.responsible_body)
    data = editor_data(client, _url(version))
    add_rows(data, "sources", {"kind": "egov_portal", "detail_kk": "egov.kz", "detail_ru": "egov.kz"})
    add_rows(
        data,
        "terms",
        {"name_kk": "Телнұсқа", "name_ru": "Дубликат", "term_amount": 2, "term_unit": "working_days"},
    )
    add_rows(
        data,
        "complaints",
        {
            "kind": "higher",
            "name_kk": "Министрлік",
            "name_ru": "Министерство",
            "email": "complaints@gov.kz",
            "sch_1_open": True,
            "sch_1_opens": "09:00",
            "sch_1_closes": "18:00",
            "sch_1_break_start": "13:00",
            "sch_1_break_end": "14:00",
        },
    )
    fill_row(data, "channels", 0, counted_from="submission")
    data["principles"] = ["politeness", "uncollected_storage"]
    data["document_office_ru"] = ["г. Астана, пр. Мәңгілік ел, 8, каб. 101"]
    response = _post(client, _url(version), data)
    assert response.status_code == 302, response.context["version_form"].errors
    version = StandardVersion.objects.get(pk=version.pk)
    assert version.principles == ["politeness", "uncollected_storage"]
    assert version.document_office_ru.endswith("каб. 101")
    assert version.information_source_entries.last().detail_ru == "egov.kz"  # type: ignore[union-attr]
    assert version.other_terms.get().term_amount == 2
    address = version.complaint_address_entries.last()
    assert address is not None and address.name_ru == "Министерство"
    assert address.schedule["days"] == [
        {"weekday": 1, "opens": "09:00", "closes": "18:00", "breaks": [{"start": "13:00", "end": "14:00"}]}
    ]
    assert version.channel_terms.first().counted_from == "submission"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("kk", "21–23-тармақтары), %s-жол"), ("ru", "пункты 21–23 Типового стандарта), строка %s")],
)
def test_std_21_to_23_a_complaint_address_with_a_bad_e_mail_is_refused_naming_the_row(
    lang: str, said: str
) -> None:
    version = _draft()
    client = _client(version.service.responsible_body, lang=lang)
    before = services.version_content_hash(version)
    data = editor_data(client, _url(version))
    add_rows(data, "complaints", {"kind": "provider", "name_ru": "Услугодатель", "email": "not-an-address"})
    response = _post(client, _url(version), data)
    row = first_blank_row(data, "complaints") + 1
    assert response.status_code == 400 and said % row in response.content.decode()
    assert 'value="not-an-address"' in response.content.decode()
    assert services.version_content_hash(StandardVersion.objects.get(pk=version.pk)) == before


@pytest.mark.parametrize(("lang", "said"), [("kk", "Дүйсенбі"), ("ru", "Понедельник")])
def test_std_21_to_23_a_complaint_schedule_closing_before_it_opens_is_refused_keeping_what_was_typed(
    lang: str, said: str
) -> None:
    version = _draft()
    client = _client(version.service.responsible_body, lang=lang)
    before = services.version_content_hash(version)
    data = editor_data(client, _url(version))
    bad = {"kind": "provider", "name_ru": "Услугодатель", "sch_0_open": True}
    add_rows(data, "complaints", {**bad, "sch_0_opens": "18:00", "sch_0_closes": "09:00"})
    response = _post(client, _url(version), data)
    page = response.content.decode()
    assert response.status_code == 400 and said in page and 'value="18:00"' in page
    assert services.version_content_hash(StandardVersion.objects.get(pk=version.pk)) == before


def test_std_1_to_26_a_demo_standard_copied_to_a_draft_round_trips_through_the_editor() -> None:
    import io

    from qyzmet.orgs import demo as orgs_demo
    from qyzmet.registry import demo

    orgs_demo.load(io.StringIO())
    demo.load(io.StringIO())
    in_force = (
        StandardVersion.objects.filter(status=VersionStatus.APPROVED, complaint_address_entries__isnull=False)
        .select_related("service__responsible_body")
        .first()
    )
    assert in_force is not None
    draft = services.standard_version_copy(actor=None, version=in_force)
    client = _client(draft.service.responsible_body)
    payload = services.version_payload(draft)
    response = _post(client, _url(draft), editor_data(client, _url(draft)))
    assert response.status_code == 302, response.context["version_form"].errors
    assert services.version_payload(StandardVersion.objects.get(pk=draft.pk)) == payload
