"""STD appendix column 2 (normative values) and STD 20 (targets) on the pages, walked as the
browser tester did: a save changes only the norms whose value or basis changed, the norm form
opens with the current basis, a change keeps the previous value in a history shown on the page
and audited, and the target form never asks for (or re-stamps) a norm."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from qyzmet.core.models import AuditLog
from qyzmet.quality import services
from qyzmet.quality.enums import Indicator
from qyzmet.quality.models import IndicatorNorm, IndicatorNormRevision, IndicatorTarget
from qyzmet.quality.tests.factories import inspector, make_world

pytestmark = pytest.mark.django_db
BASIS = "№ 001-2026"


class _Forms(HTMLParser):
    """The POST forms of a page: the fields (name → value) each would send as rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method") == "post":
            self.forms.append({})
        elif tag == "input" and self.forms and a.get("name") and a.get("type") != "checkbox":
            self.forms[-1][a["name"]] = a.get("value", "")


def _forms(html: str) -> list[dict[str, str]]:
    parser = _Forms()
    parser.feed(html)
    return [{k: v for k, v in f.items() if k != "csrfmiddlewaretoken"} for f in parser.forms]


def _form_with(page: str, field: str) -> dict[str, str]:
    return next(f for f in _forms(page) if field in f)


def _stamp(norm: IndicatorNorm) -> tuple[object, ...]:
    norm.refresh_from_db()
    return (norm.value, norm.legal_basis, norm.set_by_id, norm.set_at)


@pytest.fixture
def world():
    w = make_world()
    services.indicator_norm_set(
        actor=w.officer, service=w.service, indicator=Indicator.TIMELINESS, value=98, legal_basis=BASIS
    )
    return w


def test_std_20_target_form_asks_no_norm_basis_and_leaves_the_norms_as_they_are(client, world):
    norm = IndicatorNorm.objects.get()
    before = _stamp(norm)
    client.force_login(world.officer)
    url = f"{reverse('quality:targets')}?service={world.service.code}"
    form = _form_with(client.get(url).content.decode(), "target_3.2")
    assert not any(k.startswith("norm_") for k in form)  # a separate form: no norm, no basis
    form |= {"target_3.2": "100", "order_number": "12-НМ", "order_date": "2026-11-02"}
    resp = client.post(reverse("quality:targets"), form)
    assert resp.status_code == 302
    assert IndicatorTarget.objects.get().indicator == "3.2"
    assert _stamp(norm) == before and norm.revisions.count() == 1


def test_std_appendix_norm_form_opens_with_the_current_basis_and_changes_only_the_changed_norm(client, world):
    norm = IndicatorNorm.objects.get()
    before = _stamp(norm)
    client.force_login(world.officer)
    url = f"{reverse('quality:targets')}?service={world.service.code}"
    form = _form_with(client.get(url).content.decode(), "norm_3.2")
    assert (form["norm_1.1"].replace(",", "."), form["norm_basis_1.1"]) == ("98.00", BASIS)  # opens as set
    form |= {"norm_3.2": "100", "norm_basis_3.2": "№ 002-2026"}
    assert client.post(reverse("quality:targets"), form).status_code == 302
    assert _stamp(norm) == before  # 1.1 keeps its who, when and basis
    assert set(IndicatorNorm.objects.values_list("indicator", "legal_basis")) == {
        ("1.1", BASIS),
        ("3.2", "№ 002-2026"),
    }
    assert not IndicatorTarget.objects.exists()


def test_std_appendix_norm_national_save_of_one_value_re_stamps_no_other(client):
    for code in Indicator.values:
        services.indicator_norm_set(actor=None, indicator=code, value=90, legal_basis="Әдістеме № 15-Қ")
    stamps = {n.indicator: _stamp(n) for n in IndicatorNorm.objects.all()}
    quality = inspector()
    client.force_login(quality)
    url = reverse("quality:norms")
    form = _form_with(client.get(url).content.decode(), "norm_3.2")
    assert form["norm_basis_3.2"] == "Әдістеме № 15-Қ"
    form |= {"norm_3.2": "100", "norm_basis_3.2": "Әдістеме № 16-Қ"}
    assert client.post(url, form).status_code == 302
    after = {n.indicator: _stamp(n) for n in IndicatorNorm.objects.all()}
    changed = {code for code in after if after[code] != stamps[code]}
    assert changed == {"3.2"}
    assert after["3.2"][:3] == (Decimal("100.00"), "Әдістеме № 16-Қ", quality.pk)


def test_std_appendix_norm_change_keeps_the_previous_value_in_a_history_shown_and_audited(client, world):
    client.force_login(world.officer)
    url = f"{reverse('quality:targets')}?service={world.service.code}"
    form = _form_with(client.get(url).content.decode(), "norm_1.1")
    form |= {"norm_1.1": "97", "norm_basis_1.1": "№ 044-2026"}
    assert client.post(reverse("quality:targets"), form).status_code == 302
    history = [
        (r.previous_value, r.previous_legal_basis, r.value, r.legal_basis)
        for r in IndicatorNormRevision.objects.order_by("id")
    ]
    assert history == [
        (None, "", Decimal("98.00"), BASIS),
        (Decimal("98.00"), BASIS, Decimal("97.00"), "№ 044-2026"),
    ]
    page = client.get(url).content.decode()
    assert BASIS in page and "№ 044-2026" in page and "98" in page  # the old value and basis shown
    audit = AuditLog.objects.filter(action="quality.norm_set").order_by("id").last()
    assert audit is not None and audit.before == {"value": "98.00", "legal_basis": BASIS}


@pytest.mark.parametrize(
    ("lang", "point"),
    [("kk", "Үлгі стандартқа қосымша, 2-баған"), ("ru", "приложение к Типовому стандарту, графа 2")],
)
def test_std_appendix_norm_bad_value_is_refused_naming_the_column_keeps_the_typed_and_writes_nothing(
    client, world, lang, point
):
    client.cookies["qyzmet_language"] = lang
    client.force_login(world.officer)
    url = f"{reverse('quality:targets')}?service={world.service.code}"
    form = _form_with(client.get(url).content.decode(), "norm_1.1")
    form |= {"norm_1.1": "97", "norm_basis_1.1": "№ 044-2026", "norm_2.1": "150", "norm_basis_2.1": "№ 5"}
    resp = client.post(reverse("quality:targets"), form)
    body = resp.content.decode()
    assert resp.status_code == 400 and point in body
    assert 'value="150"' in body and 'value="№ 044-2026"' in body  # what was typed is kept
    assert IndicatorNorm.objects.get().value == 98 and IndicatorNormRevision.objects.count() == 1


@pytest.mark.parametrize(
    ("lang", "shown", "absent"),
    [
        ("kk", "Бұйрық № 0001-НМ, 30.10.2026", "Приказ"),
        ("ru", "Приказ № 0001-НМ от 30.10.2026", "Бұйрық"),
    ],
)
def test_std_20_target_order_is_worded_in_the_page_language(client, world, lang, shown, absent):
    services.indicator_target_set(
        actor=world.officer,
        service=world.service,
        indicator=Indicator.TIMELINESS,
        year=dt.date.today().year + 1,
        value=99,
        order_number="0001-НМ",
        order_date=dt.date(2026, 10, 30),
    )
    client.cookies["qyzmet_language"] = lang
    client.force_login(world.officer)
    page = client.get(f"{reverse('quality:targets')}?service={world.service.code}").content.decode()
    assert shown in page and absent not in page
    indicators = client.get(
        reverse("quality:indicators"), {"period": "2026-11", "service": world.service.code}
    )
    assert shown in indicators.content.decode()


@pytest.mark.parametrize(
    ("lang", "other_language_words"),
    [("kk", ("Методика", "Стандарт государственной услуги", "приказ")), ("ru", ("әдістемесі", "бұйрық"))],
)
def test_std_appendix_demo_norm_basis_is_one_citation_not_both_languages_joined(
    client, lang, other_language_words
):
    """Tester's finding: the demo's legal basis of the normative values was the act's name in
    Kazakh and Russian joined by " / " in the one text field, so the kk and the ru pages showed
    both. The demo cites the order by number and date, as the page asks the body to."""
    from qyzmet.quality import demo

    w = make_world()
    demo._load_norms([w.service], dt.date(2026, 11, 23))
    client.cookies["qyzmet_language"] = lang
    client.force_login(w.officer)
    for params in ({"period": "2026-11"}, {"period": "2026-11", "service": w.service.code}):
        page = client.get(reverse("quality:indicators"), params).content.decode()
        shown = "№ 15, 12.01.2026" if "service" not in params else f"№ {w.service.code[-3:]}-2026, 12.01.2026"
        assert [word for word in other_language_words if word in page] == []
        assert shown in page
