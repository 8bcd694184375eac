"""``qyzmet psc-cycle YEAR`` in a subprocess against the test database (the contract: seven
lines ``<step> YYYY-MM-DD`` in order, by the working calendar with its overrides; a year that
is not a number from 2015 to 2100: one line on stderr, exit 2)."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.workcalendar.enums import OverrideKind
from qyzmet.workcalendar.services import calendar_override_set
from qyzmet.workcalendar.tests.test_cli import qyzmet

pytestmark = pytest.mark.django_db(transaction=True)

CYCLE_2026 = """proposals 2026-02-20
list 2026-03-20
commission 2026-04-20
protocol-1 2026-05-12
register-draft-1 2026-07-01
protocol-2 2026-10-12
register-draft-2 2026-12-01
"""


def test_psc_5_to_10_the_seven_dates_of_a_cycle_in_order() -> None:
    done = qyzmet("psc-cycle", "2026")
    assert (done.returncode, done.stdout, done.stderr) == (0, CYCLE_2026, "")


def test_psc_5_to_10_a_decree_override_moves_a_date_and_years_after_the_calendar_work_too() -> None:
    calendar_override_set(
        actor=None,
        date=dt.date(2026, 7, 1),
        kind=OverrideKind.NON_WORKING,
        reason_kk="Демалыс",
        reason_ru="Выходной",
    )
    lines = qyzmet("psc-cycle", "2026").stdout.splitlines()
    assert lines[4] == "register-draft-1 2026-07-02"
    far = qyzmet("psc-cycle", "2100")
    assert (
        far.returncode == 0
        and far.stdout.splitlines()[0] == "proposals 2100-02-22"
        and len(far.stdout.splitlines()) == 7
    )


@pytest.mark.parametrize("year", ["2014", "2101", "abc", "", "20x6", "٢٠٢٦", "-2026"])
def test_psc_5_a_year_outside_2015_to_2100_prints_one_line_and_exits_2(year: str) -> None:
    done = qyzmet("psc-cycle", year)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("qyzmet psc-cycle: error:")
