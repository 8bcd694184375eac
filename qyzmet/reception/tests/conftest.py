"""Fixtures of the reception tests: a centre with a hall and its reception staff."""

from __future__ import annotations

from typing import Any

import pytest

from qyzmet.reception.tests.factories import centre_create, hall_make, reception_staff


@pytest.fixture
def crc(db: Any) -> Any:
    centre = centre_create()
    hall = hall_make(centre=centre, code="main")
    staff = reception_staff(centre, username="reception.test")
    return type("CRC", (), {"centre": centre, "hall": hall, "staff": staff})
