"""Law 25.2: review terms in working days from registration (registration day not counted)."""

from __future__ import annotations

import datetime as dt

import pytest

from qyzmet.complaints.enums import ComplaintAddressee
from qyzmet.complaints.tests.factories import complaint_make

D = dt.date

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("rule", "addressee", "registered_on", "due_on"),
    [
        # Law 25.2 para 1: body / provider / State Corporation: 5 working days.
        ("Law 25.2 provider, Monday", ComplaintAddressee.PROVIDER, D(2026, 11, 2), D(2026, 11, 9)),
        ("Law 25.2 provider, Friday", ComplaintAddressee.PROVIDER, D(2026, 11, 6), D(2026, 11, 13)),
        # Law 25.2 para 2: quality assessment and control authority: 15 working days.
        ("Law 25.2 quality authority", ComplaintAddressee.QUALITY_AUTHORITY, D(2026, 11, 2), D(2026, 11, 23)),
        # Eve of Independence Day (Wed 16.12.2026): the holiday is not a working day.
        (
            "Law 25.2 provider, eve of 16 December",
            ComplaintAddressee.PROVIDER,
            D(2026, 12, 15),
            D(2026, 12, 23),
        ),
        # Eve of Nauryz 2026 (21-25 March off): Fri 20.03 -> 26, 27, 30, 31 March, 1 April.
        ("Law 25.2 provider, eve of Nauryz", ComplaintAddressee.PROVIDER, D(2026, 3, 20), D(2026, 4, 1)),
    ],
)
def test_law_25_2_review_term(rule: str, addressee: str, registered_on: dt.date, due_on: dt.date) -> None:
    complaint = complaint_make(addressee=addressee, registered_on=registered_on)
    assert complaint.original_due_on == due_on, rule
    assert complaint.due_on == due_on, rule


def test_law_25_2_quality_authority_reviews_complaints_addressed_to_it() -> None:
    complaint = complaint_make(addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    assert complaint.reviewing_body.is_quality_authority
    assert complaint.reviewing_body != complaint.provider


def test_public_number_is_separate_from_the_primary_key() -> None:
    complaint = complaint_make(registered_on=D(2026, 11, 2))
    assert complaint.number == f"CMP-2026-{complaint.pk:06d}"
