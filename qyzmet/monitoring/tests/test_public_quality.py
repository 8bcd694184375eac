"""The indicators anyone can read (STD 19-20 appendix, Law 29): built from the monthly
aggregates the sweep keeps (ADR 0051), equal to the quality app's own computation, with the
normative values and targets, per body and per service, reachable from the landing page
without signing in, no personal data, the same figures as open data (JSON, CSV), and a
number of queries that does not grow with the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qyzmet.monitoring import jobs, selectors, services
from qyzmet.monitoring.models import IndicatorAggregate
from qyzmet.monitoring.public import PublicFilter, PublicSection, public_sections, register_public_section
from qyzmet.quality import services as quality_services
from qyzmet.quality.enums import Indicator
from qyzmet.quality.selectors import compute_indicator_table
from qyzmet.quality.tests.factories import answer_make, application_make, local, make_world

pytestmark = pytest.mark.django_db

D = dt.date


def _data() -> Any:
    w = make_world()
    application_make(w, due_on=D(2026, 10, 12), decided_at=local(2026, 10, 9))  # on time
    application_make(w, due_on=D(2026, 10, 14), decided_at=local(2026, 10, 20))  # late
    application_make(w, due_on=D(2026, 11, 10), decided_at=local(2026, 11, 9))  # on time
    answer_make(case_date=D(2026, 10, 3), service=w.service, provider=w.provider, process=5, politeness=2)
    quality_services.indicator_norm_set(
        actor=None, service=w.service, indicator=Indicator.TIMELINESS, value=90, legal_basis="бұйрық"
    )
    quality_services.indicator_target_set(
        actor=None,
        service=w.service,
        indicator=Indicator.TIMELINESS,
        year=2026,
        value=95,
        order_number="12",
        order_date=D(2025, 12, 1),
    )
    return w


def test_std_appendix_1_1_aggregates_equal_the_quality_computation() -> None:
    w = _data()
    written = services.indicator_aggregate_rebuild(start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert written == IndicatorAggregate.objects.count() > 0
    page = selectors.public_indicators(year=2026)
    table = compute_indicator_table(start=D(2026, 1, 1), end=D(2026, 12, 31))
    for code in (Indicator.TIMELINESS, Indicator.PROCESS, Indicator.POLITENESS):
        assert page.total.figures[code] == table.total.figures[code]
    assert page.total.figures[Indicator.TIMELINESS].numerator == 2
    assert page.total.figures[Indicator.TIMELINESS].denominator == 3
    [row] = page.rows
    assert row.service == w.service
    assert (row.norms[Indicator.TIMELINESS], row.targets[Indicator.TIMELINESS]) == (Decimal(90), Decimal(95))
    october = page.series[9]
    assert october.figures[Indicator.TIMELINESS].denominator == 2


def test_std_appendix_1_1_the_sweep_refreshes_the_current_and_previous_month() -> None:
    _data()
    [(name, interval, job)] = jobs.JOBS
    assert (name, interval) == ("monitoring.refresh_indicator_aggregates", 3600)
    job()  # 23.11.2026: November and October
    assert set(IndicatorAggregate.objects.values_list("month", flat=True)) == {10, 11}
    job()  # idempotent: the month's rows are replaced
    assert IndicatorAggregate.objects.filter(month=11, indicator=Indicator.TIMELINESS).count() == 1


def test_std_appendix_the_public_page_is_read_without_signing_in_from_the_landing_page() -> None:
    w = _data()
    services.indicator_aggregate_refresh_recent()
    client = Client()
    landing = client.get("/").content.decode()
    assert reverse("monitoring:public-quality") in landing
    resp = client.get(reverse("monitoring:public-quality"), {"year": "2026"})
    assert resp.status_code == 200
    page = resp.content.decode()
    assert w.service.code in page and "svg" in page
    assert "66,67%<small>2 / 3</small>" in page  # 2 of 3 on time (Kazakh decimal comma)
    # no personal data: neither the recipient's name nor the IIN
    assert w.recipient.iin not in page and w.recipient.last_name not in page
    by_service = client.get(reverse("monitoring:public-quality"), {"year": "2026", "service": w.service.code})
    assert w.provider.name_kk in by_service.content.decode()
    by_body = client.get(reverse("monitoring:public-quality"), {"year": "2026", "body": w.provider.code})
    assert w.service.code in by_body.content.decode()


def test_std_appendix_open_data_json_and_csv_carry_the_same_figures() -> None:
    w = _data()
    services.indicator_aggregate_refresh_recent()
    client = Client()
    data = json.loads(
        client.get(reverse("monitoring:public-quality-data", args=["json"]), {"year": "2026"}).content
    )
    rows = data["datasets"]["indicators"]
    year_row = next(
        r
        for r in rows
        if r["period"] == "2026" and r["indicator"] == "1.1" and r["service_code"] == w.service.code
    )
    assert (year_row["numerator"], year_row["denominator"], year_row["value_percent"]) == (2, 3, 66.67)
    assert (year_row["norm_percent"], year_row["target_percent"]) == (90.0, 95.0)
    assert any(r["period"] == "2026-10" for r in rows)
    assert {"indicators", "conclusions", "measures"} <= set(data["datasets"])
    text = client.get(
        reverse("monitoring:public-quality-data", args=["csv"]), {"year": "2026", "dataset": "indicators"}
    ).content.decode("utf-8-sig")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert any(r["indicator"] == "1.1" and r["numerator"] == "2" and r["period"] == "2026" for r in parsed)
    assert w.recipient.iin not in text and w.recipient.iin not in json.dumps(data, ensure_ascii=False)
    assert (
        client.get(reverse("monitoring:public-quality-data", args=["csv"]), {"dataset": "nope"}).status_code
        == 404
    )


def test_std_appendix_the_public_page_queries_do_not_grow_with_the_data(
    django_assert_max_num_queries: Any,
) -> None:
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert Client().get(reverse("monitoring:public-quality"), {"year": "2026"}).status_code == 200
        return len(ctx.captured_queries)

    _data()
    services.indicator_aggregate_refresh_recent()
    small = count()
    for _i in range(3):
        _data()
    services.indicator_aggregate_refresh_recent()
    assert count() == small
    with django_assert_max_num_queries(30):
        Client().get(reverse("monitoring:public-quality"), {"year": "2026"})


def test_std_appendix_another_app_adds_a_section_to_the_public_page() -> None:
    def rows(f: PublicFilter) -> list[dict[str, Any]]:
        return [{"year": f.year, "what": "есеп"}]

    section = PublicSection(
        key="test_reports",
        title=lambda: "Жылдық есептер",
        template="monitoring/public/_measures.html",
        context=lambda f: {"measures": []},
        rows=rows,
        order=30,
    )
    register_public_section(section)
    try:
        assert [s.key for s in public_sections()][:2] == ["indicators", "test_reports"]
        page = Client().get(reverse("monitoring:public-quality")).content.decode()
        assert "Жылдық есептер" in page
        data = json.loads(Client().get(reverse("monitoring:public-quality-data", args=["json"])).content)
        assert data["datasets"]["test_reports"][0]["what"] == "есеп"
    finally:
        from qyzmet.monitoring import public

        public._SECTIONS.pop("test_reports")
