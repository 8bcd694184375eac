"""STD 19-20 and the appendix table: 3.2 from structured information sources (STD 4), the
normative value per service with a national default (column 2), next year's target approved by
order and changed only by a new order, with its history (column 3, STD 20)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, StaffPositionFactory
from qyzmet.quality import selectors, services
from qyzmet.quality.enums import Indicator
from qyzmet.quality.errors import QualityErrorCode as E
from qyzmet.quality.models import IndicatorNorm, IndicatorTarget, IndicatorTargetRevision
from qyzmet.quality.tests.factories import application_make, inspector, local, make_world, officer
from qyzmet.registry.enums import InformationSourceKind
from qyzmet.registry.models import InformationSource, StandardVersion
from qyzmet.registry.tests.factories import InformationSourceFactory, ServiceFactory, StandardVersionFactory

pytestmark = pytest.mark.django_db

NOV_START, NOV_END, TODAY = dt.date(2026, 11, 1), dt.date(2026, 11, 30), dt.date(2026, 11, 26)
ORDER_DATE = dt.date(2026, 11, 2)


def _sources(service, *kinds: str) -> None:
    """The version in force of ``service`` names exactly these information sources (STD 4)."""
    version = StandardVersion.objects.get(service=service, effective_to__isnull=True)
    InformationSource.objects.filter(version=version).delete()
    for i, kind in enumerate(kinds):
        InformationSourceFactory.create(version=version, order=i, kind=kind)


def _table(**kw):
    return selectors.indicator_table(user=inspector(), start=NOV_START, end=NOV_END, today=TODAY, **kw)


def _e32(table, service) -> tuple[int, int]:
    row = next(r for r in table.rows if r.service == service)
    fig = row.figure(Indicator.ELECTRONIC_INFORMATION)
    return fig.numerator, fig.denominator


# --- 3.2 ------------------------------------------------------------------------------------


def test_std_appendix_3_2_paper_or_premises_source_does_not_count_the_portal_does():
    w = make_world()
    paper = ServiceFactory.create(responsible_body=w.provider)
    contact_centre = ServiceFactory.create(responsible_body=w.provider)
    _sources(w.service, InformationSourceKind.EGOV_PORTAL, InformationSourceKind.PROVIDER_PREMISES)
    _sources(paper, InformationSourceKind.PROVIDER_PREMISES, InformationSourceKind.MASS_MEDIA)
    _sources(contact_centre, InformationSourceKind.CONTACT_CENTRE)
    # free text naming a site no longer counts: only the structured sources do
    StandardVersion.objects.filter(service=paper).update(
        information_sources_kk="www.egov.kz", information_sources_ru="www.egov.kz"
    )
    for service in (w.service, paper, contact_centre):
        application_make(w, service=service, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))
    table = _table()
    assert _e32(table, w.service) == (1, 1)
    assert _e32(table, paper) == (0, 1)
    assert _e32(table, contact_centre) == (1, 1)
    total = table.total.figure(Indicator.ELECTRONIC_INFORMATION)
    assert (total.numerator, total.denominator, total.value) == (2, 3, Decimal("66.67"))


def test_std_appendix_3_2_the_version_in_force_on_the_period_end_is_used():
    w = make_world()
    application_make(w, due_on=dt.date(2026, 10, 10), decided_at=local(2026, 10, 9))
    application_make(w, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))
    old = StandardVersion.objects.get(service=w.service)
    _sources(w.service, InformationSourceKind.PROVIDER_PREMISES)  # until 31 October: premises only
    StandardVersion.objects.filter(pk=old.pk).update(effective_to=dt.date(2026, 10, 31))
    new = StandardVersionFactory.create(service=w.service, number=2, effective_from=dt.date(2026, 11, 1))
    InformationSourceFactory.create(version=new, kind=InformationSourceKind.PROVIDER_WEBSITE)
    user = inspector()
    october = selectors.indicator_table(
        user=user, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), today=TODAY
    )
    assert _e32(october, w.service) == (0, 1)
    assert _e32(_table(), w.service) == (1, 1)


# --- normative values (column 2) ------------------------------------------------------------


def _head_of(body):
    return StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD, organisation=body).user


def test_std_appendix_norm_per_service_else_the_national_default_in_the_table():
    w = make_world()
    other = ServiceFactory.create(responsible_body=w.provider)
    for service in (w.service, other):
        application_make(w, service=service, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))
    quality = inspector()
    services.indicator_norm_set(
        actor=quality, indicator=Indicator.TIMELINESS, value=100, legal_basis="Әдістеме / Методика № 1"
    )
    services.indicator_norm_set(
        actor=quality, indicator=Indicator.POLITENESS, value=95, legal_basis="Әдістеме / Методика № 1"
    )
    own = services.indicator_norm_set(
        actor=w.officer,
        service=w.service,
        indicator=Indicator.TIMELINESS,
        value="97.5",
        legal_basis="Бұйрық / Приказ № 44, 01.11.2026",
    )
    assert (own.set_by, own.set_at is not None, own.legal_basis) == (
        w.officer,
        True,
        "Бұйрық / Приказ № 44, 01.11.2026",
    )
    table = _table()
    rows = {r.service: r for r in table.rows}
    assert rows[w.service].norms == {
        Indicator.TIMELINESS: Decimal("97.50"),
        Indicator.POLITENESS: Decimal("95"),
    }
    assert rows[other].norms == {Indicator.TIMELINESS: Decimal("100"), Indicator.POLITENESS: Decimal("95")}
    assert table.norms[Indicator.TIMELINESS] == Decimal("100")  # national, no service chosen
    chosen = _table(service=w.service)
    entry = chosen.norm_entries[Indicator.TIMELINESS]
    assert (entry.value, entry.is_national_default, entry.set_by) == (Decimal("97.50"), False, w.officer)
    assert chosen.norm_entries[Indicator.POLITENESS].is_national_default
    assert AuditLog.objects.filter(action="quality.norm_set").count() == 3


def test_std_appendix_norm_per_service_by_the_responsible_body_default_by_the_quality_authority():
    w = make_world()
    basis = "Бұйрық / Приказ № 5"
    stranger = officer(OrganisationFactory.create())
    sysadmin = StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR).user
    inspector_elsewhere = StaffPositionFactory.create(
        role=StaffRole.QUALITY_INSPECTOR, organisation=OrganisationFactory.create(is_quality_authority=False)
    ).user
    for actor in (stranger, inspector(), sysadmin):  # the service's own value: its body only
        with pytest.raises(ApplicationError) as exc:
            services.indicator_norm_set(
                actor=actor, service=w.service, indicator="1.1", value=90, legal_basis=basis
            )
        assert exc.value.code == E.NORM_NOT_ALLOWED and "10" in exc.value.messages["kk"]
    for actor in (w.officer, _head_of(w.provider), sysadmin, inspector_elsewhere):  # the default
        with pytest.raises(ApplicationError) as exc:
            services.indicator_norm_set(actor=actor, indicator="1.1", value=90, legal_basis=basis)
        assert exc.value.code == E.NORM_NOT_ALLOWED and "7" in exc.value.messages["ru"]
    assert not IndicatorNorm.objects.exists()
    services.indicator_norm_set(actor=inspector(), indicator="1.1", value=90, legal_basis=basis)
    services.indicator_norm_set(
        actor=_head_of(w.provider), service=w.service, indicator="1.1", value=95, legal_basis=basis
    )
    assert IndicatorNorm.objects.count() == 2


def test_std_appendix_norm_per_service_without_legal_basis_is_refused_and_writes_nothing():
    w = make_world()
    with pytest.raises(ApplicationError) as exc:
        services.indicator_norm_set(
            actor=w.officer, service=w.service, indicator="1.1", value=90, legal_basis=" "
        )
    assert exc.value.code == E.NORM_NO_BASIS and exc.value.messages["kk"] and exc.value.messages["ru"]
    assert not IndicatorNorm.objects.exists()


# --- next year's targets (column 3, STD 20) -------------------------------------------------


def _set(w, value="99", number="12-НМ", date=ORDER_DATE, actor=None, indicator="1.1"):
    return services.indicator_target_set(
        actor=actor or w.officer,
        service=w.service,
        indicator=indicator,
        year=2027,
        value=value,
        order_number=number,
        order_date=date,
    )


def _change(w, value, number, date):
    return services.indicator_target_change(
        actor=w.officer,
        service=w.service,
        indicator="1.1",
        year=2027,
        value=value,
        order_number=number,
        order_date=date,
    )


def test_std_20_target_keeps_its_order_number_and_date():
    w = make_world()
    target = _set(w)
    assert (target.order_number, target.order_date, target.set_by) == ("12-НМ", ORDER_DATE, w.officer)
    assert [(r.value, r.previous_value, r.order_number) for r in target.revisions.all()] == [
        (Decimal("99.00"), None, "12-НМ")
    ]


@pytest.mark.parametrize(
    ("number", "date", "field"),
    [
        ("", ORDER_DATE, "order_number"),
        ("12-НМ", None, "order_date"),
        ("12-НМ", dt.date(2026, 12, 1), "order_date"),
    ],
)
def test_std_20_target_without_its_order_is_refused(number, date, field):
    w = make_world()
    with pytest.raises(ApplicationError) as exc:
        _set(w, number=number, date=date)
    assert exc.value.code == E.TARGET_NO_ORDER and field in (exc.value.fields or {})
    assert "20" in exc.value.messages["kk"] and "20" in exc.value.messages["ru"]
    assert not IndicatorTarget.objects.exists()


def test_std_20_target_second_set_is_refused_not_silently_overwritten():
    w = make_world()
    _set(w)
    assert _set(w).value == Decimal("99.00")  # the same approval again: unchanged, no new history
    for value, number in (("95", "12-НМ"), ("95", "13-НМ"), ("99", "13-НМ")):
        with pytest.raises(ApplicationError) as exc:
            _set(w, value=value, number=number)
        assert exc.value.code == E.TARGET_ALREADY_SET
        assert "12-НМ" in exc.value.messages["ru"] and "20" in exc.value.messages["kk"]
    target = IndicatorTarget.objects.get()
    assert (target.value, target.order_number) == (Decimal("99.00"), "12-НМ")
    assert IndicatorTargetRevision.objects.count() == 1


def test_std_20_target_change_cites_a_new_order_and_keeps_the_previous_value():
    w = make_world()
    _set(w)
    changed = _change(w, "99.5", "20-НМ", dt.date(2026, 11, 20))
    assert (changed.value, changed.order_number, changed.order_date) == (
        Decimal("99.50"),
        "20-НМ",
        dt.date(2026, 11, 20),
    )
    history = [
        (r.previous_value, r.value, r.order_number)
        for r in selectors.target_history(service=w.service, year=2027)
    ]
    assert history == [(None, Decimal("99.00"), "12-НМ"), (Decimal("99.00"), Decimal("99.50"), "20-НМ")]
    audit = AuditLog.objects.get(action="quality.target_change")
    assert audit.before == {"value": "99.00"} and "20-НМ" in (audit.after or {})["order"]


@pytest.mark.parametrize(
    ("number", "date", "code"),
    [
        ("12-НМ", ORDER_DATE, E.TARGET_SAME_ORDER),  # the same order
        ("20-НМ", dt.date(2026, 11, 1), E.TARGET_SAME_ORDER),  # dated before the current one
    ],
)
def test_std_20_target_change_without_a_new_order_is_refused(number, date, code):
    w = make_world()
    _set(w)
    with pytest.raises(ApplicationError) as exc:
        _change(w, "90", number, date)
    assert exc.value.code == code
    assert IndicatorTarget.objects.get().value == Decimal("99.00")
    assert IndicatorTargetRevision.objects.count() == 1


def test_std_20_target_change_of_a_target_never_approved_is_refused():
    w = make_world()
    with pytest.raises(ApplicationError) as exc:
        _change(w, "90", "20-НМ", ORDER_DATE)
    assert exc.value.code == E.TARGET_NOT_SET
    assert not IndicatorTarget.objects.exists()


def test_std_20_target_only_by_the_body_responsible_for_developing_the_service():
    w = make_world()
    sysadmin = StaffPositionFactory.create(role=StaffRole.SYSTEM_ADMINISTRATOR).user
    for actor in (officer(OrganisationFactory.create()), inspector(), sysadmin):
        with pytest.raises(ApplicationError) as exc:
            _set(w, actor=actor)
        assert exc.value.code == E.TARGET_NOT_RESPONSIBLE
    with pytest.raises(ApplicationError) as exc:
        _set(w, value="101")
    assert exc.value.code == E.TARGET_BAD_VALUE
    assert not IndicatorTarget.objects.exists()
    assert _set(w, actor=_head_of(w.provider)).value == Decimal("99.00")


def test_std_20_targets_and_their_orders_appear_in_the_table():
    w = make_world()
    application_make(w, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))
    _set(w, value="98.5")
    table = _table(service=w.service)
    assert table.target_year == 2027
    assert table.rows[0].targets[Indicator.TIMELINESS] == Decimal("98.50")
    entry = table.target_entries[Indicator.TIMELINESS]
    assert (entry.order_number, entry.order_date) == ("12-НМ", ORDER_DATE)


def test_std_appendix_norm_same_value_and_basis_keeps_who_when_and_writes_no_history():
    w = make_world()
    first = services.indicator_norm_set(
        actor=w.officer, service=w.service, indicator="1.1", value=98, legal_basis="№ 001-2026"
    )
    other = officer(w.provider, role=StaffRole.PROVIDER_HEAD)
    again = services.indicator_norm_set(
        actor=other, service=w.service, indicator="1.1", value="98.00", legal_basis=" № 001-2026 "
    )
    assert (again.set_by, again.set_at, again.legal_basis) == (w.officer, first.set_at, "№ 001-2026")
    assert again.revisions.count() == 1
    assert AuditLog.objects.filter(action="quality.norm_set").count() == 1


def test_std_appendix_norm_change_of_value_or_basis_keeps_the_previous_in_the_history():
    w = make_world()
    kw: dict[str, Any] = {"actor": w.officer, "service": w.service, "indicator": "1.1"}
    services.indicator_norm_set(**kw, value=98, legal_basis="№ 001-2026")
    services.indicator_norm_set(**kw, value=98, legal_basis="№ 001-2026 (жаңа редакция)")
    norm = services.indicator_norm_set(**kw, value=97, legal_basis="№ 044-2026")
    assert [
        (r.previous_value, r.previous_legal_basis, r.value, r.legal_basis)
        for r in selectors.norm_history(service=w.service)
    ] == [
        (None, "", Decimal("98.00"), "№ 001-2026"),
        (Decimal("98.00"), "№ 001-2026", Decimal("98.00"), "№ 001-2026 (жаңа редакция)"),
        (Decimal("98.00"), "№ 001-2026 (жаңа редакция)", Decimal("97.00"), "№ 044-2026"),
    ]
    assert norm.revisions.count() == 3 and not selectors.norm_history(service=None).exists()
