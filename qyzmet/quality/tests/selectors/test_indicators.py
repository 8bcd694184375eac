"""STD 19-20 appendix: every indicator for November 2026 equals the figure computed by hand from
the data the test builds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qyzmet.delivery.enums import ApplicationStatus
from qyzmet.quality import selectors
from qyzmet.quality.enums import CaseKind, Indicator
from qyzmet.quality.tests.factories import (
    answer_make,
    application_make,
    inspector,
    local,
    make_world,
    officer,
)
from qyzmet.registry.enums import InformationSourceKind
from qyzmet.registry.models import InformationSource
from qyzmet.registry.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

NOV_START, NOV_END = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def month():
    """November 2026 for one service at one provider, plus a second service without
    electronic information."""
    w = make_world()  # its standard names the e-gov portal among its information sources
    other = ServiceFactory.create(responsible_body=w.provider)
    InformationSource.objects.filter(version__service=other).update(
        kind=InformationSourceKind.PROVIDER_PREMISES
    )
    issued, refused, open_ = ApplicationStatus.ISSUED, ApplicationStatus.REFUSED, ApplicationStatus.IN_WORK
    # 1.1: (due_on, status, decided_at) -> on time?
    application_make(w, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 9))  # on time
    application_make(w, due_on=dt.date(2026, 11, 12), decided_at=local(2026, 11, 12, 17))  # on time, same day
    application_make(w, due_on=dt.date(2026, 11, 15), decided_at=local(2026, 11, 16, 9))  # late
    application_make(
        w, due_on=dt.date(2026, 11, 20), status=refused, decided_at=local(2026, 11, 19)
    )  # on time
    application_make(w, due_on=dt.date(2026, 11, 25), status=open_)  # open, past due on 26th: late
    application_make(w, due_on=dt.date(2026, 11, 28), status=open_)  # open, not yet due: not counted
    application_make(w, due_on=dt.date(2026, 12, 5), decided_at=local(2026, 12, 1))  # outside the month
    # 23:30 in Almaty is 18:30 UTC on the same local date: on time
    application_make(w, due_on=dt.date(2026, 11, 5), decided_at=local(2026, 11, 5, 23, 30))
    application_make(w, service=other, due_on=dt.date(2026, 11, 10), decided_at=local(2026, 11, 11))  # late
    assert issued  # keeps the table readable
    # 2.1 / 3.1 / 5.1 from service surveys of November
    nov = dt.date(2026, 11, 14)
    answer_make(case_date=nov, service=w.service, provider=w.provider, process=5, information=4, politeness=3)
    answer_make(
        case_date=nov, service=w.service, provider=w.provider, process=2, information=None, politeness=5
    )
    answer_make(case_date=nov, service=w.service, provider=w.provider, process=4, information=1, politeness=4)
    answer_make(case_date=dt.date(2026, 10, 31), service=w.service, provider=w.provider, process=5)  # October
    # 4.1 (and 5.1) from complaint surveys of November
    kind = CaseKind.COMPLAINT
    answer_make(
        case_kind=kind,
        case_date=nov,
        service=w.service,
        provider=w.provider,
        complaint_procedure=5,
        politeness=4,
    )
    answer_make(case_kind=kind, case_date=nov, service=w.service, provider=w.provider, complaint_procedure=2)
    return w, other


def _value(fig: selectors.Figure) -> tuple[int, int, Decimal | None]:
    return fig.numerator, fig.denominator, fig.value


def test_std_appendix_every_indicator_for_a_month_equals_the_hand_computed_figure(
    month, django_assert_max_num_queries
):
    w, other = month
    user = inspector()
    with django_assert_max_num_queries(12):
        table = selectors.indicator_table(user=user, start=NOV_START, end=NOV_END, today=TODAY)
    rows = {(r.service.code, r.provider.code): r for r in table.rows if r.service and r.provider}
    main = rows[(w.service.code, w.provider.code)]
    # 1.1: on time 10th, 12th, refusal 19th/20th, 5th 23:30 = 4 of 6 (15th late, 25th open past due)
    assert _value(main.figure(Indicator.TIMELINESS)) == (4, 6, Decimal("66.67"))
    # 2.1: process 5, 2, 4 -> 2 of 3 satisfied (October answer excluded)
    assert _value(main.figure(Indicator.PROCESS)) == (2, 3, Decimal("66.67"))
    # 3.1: information 4, 1 (one blank) -> 1 of 2
    assert _value(main.figure(Indicator.INFORMATION)) == (1, 2, Decimal("50.00"))
    # 3.2: the service's standard names an electronic information source (the portal)
    assert _value(main.figure(Indicator.ELECTRONIC_INFORMATION)) == (1, 1, Decimal("100.00"))
    # 4.1: complaint procedure 5, 2 -> 1 of 2
    assert _value(main.figure(Indicator.COMPLAINT_PROCEDURE)) == (1, 2, Decimal("50.00"))
    # 5.1: politeness 3, 5, 4 (services) and 4 (complaint) -> 3 of 4
    assert _value(main.figure(Indicator.POLITENESS)) == (3, 4, Decimal("75.00"))

    second = rows[(other.code, w.provider.code)]
    assert _value(second.figure(Indicator.TIMELINESS)) == (0, 1, Decimal("0.00"))
    assert _value(second.figure(Indicator.ELECTRONIC_INFORMATION)) == (0, 1, Decimal("0.00"))
    assert second.figure(Indicator.PROCESS).value is None  # no answers: no value, not zero

    # totals: 1.1 4 of 7; 3.2 one of two services
    assert _value(table.total.figure(Indicator.TIMELINESS)) == (4, 7, Decimal("57.14"))
    assert _value(table.total.figure(Indicator.ELECTRONIC_INFORMATION)) == (1, 2, Decimal("50.00"))
    assert _value(table.total.figure(Indicator.POLITENESS)) == (3, 4, Decimal("75.00"))


def test_monthly_series_splits_the_figures_by_month(month):
    w, _ = month
    series = selectors.indicator_series(
        user=inspector(), start=dt.date(2026, 10, 1), end=NOV_END, service=w.service, today=TODAY
    )
    assert [p.month for p in series] == [dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
    assert _value(series[0].figures[Indicator.PROCESS]) == (1, 1, Decimal("100.00"))
    assert _value(series[1].figures[Indicator.TIMELINESS]) == (4, 6, Decimal("66.67"))


def test_drill_down_lists_the_late_applications_behind_1_1(month):
    w, _ = month
    late = selectors.timeliness_cases(
        user=inspector(), start=NOV_START, end=NOV_END, service=w.service, on_time=False, today=TODAY
    )
    assert [a.due_on for a in late] == [dt.date(2026, 11, 15), dt.date(2026, 11, 25)]


def test_provider_officer_sees_only_own_organisation(month):
    from qyzmet.core.errors import AccessDenied
    from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory

    w, _ = month
    stranger = officer(OrganisationFactory.create())
    table = selectors.indicator_table(user=stranger, start=NOV_START, end=NOV_END, today=TODAY)
    assert table.rows == []
    with pytest.raises(AccessDenied):
        selectors.indicator_table(user=stranger, start=NOV_START, end=NOV_END, provider=w.provider)
    with pytest.raises(AccessDenied):
        selectors.indicator_table(user=RecipientFactory.create(), start=NOV_START, end=NOV_END)
    own = selectors.indicator_table(user=w.officer, start=NOV_START, end=NOV_END, today=TODAY)
    assert {r.provider for r in own.rows} == {w.provider}
