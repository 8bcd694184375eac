from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.utils import translation

from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.web import selectors
from qyzmet.web.tests.factories import OrganisationFactory, StaffPositionFactory

pytestmark = pytest.mark.django_db


def test_sections_collect_links_and_figures_and_skip_apps_without_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_both = SimpleNamespace(
        __name__="fake.navigation",
        staff_links=lambda user: [("Open cases", "/delivery/")],
        staff_figures=lambda user: [("Overdue", 3)],
    )
    without = SimpleNamespace(__name__="empty.navigation")
    monkeypatch.setattr(
        selectors,
        "navigation_modules",
        lambda: [("delivery", "Delivery", with_both), ("quality", "Quality", without)],
    )
    sections = selectors.staff_sections(user=SimpleNamespace())  # type: ignore[arg-type]
    assert [(s.label, s.links, s.figures) for s in sections] == [
        ("delivery", [("Open cases", "/delivery/")], [("Overdue", 3)])
    ]


def test_a_failing_contribution_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom() -> list[tuple[str, str]]:
        raise RuntimeError("broken app")

    broken = SimpleNamespace(__name__="broken.navigation", public_links=boom)
    monkeypatch.setattr(selectors, "navigation_modules", lambda: [("broken", "Broken", broken)])
    assert selectors.public_sections() == []


def test_navigation_modules_are_discovered_among_installed_apps() -> None:
    for label, _title, module in selectors.navigation_modules():
        assert module.__name__ == f"qyzmet.{label}.navigation" or module.__name__.endswith(".navigation")


def test_organisation_figures_group_the_kinds_of_law_1_4() -> None:
    OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION)
    OrganisationFactory.create(kind=OrganisationKind.CONTACT_CENTRE, is_active=False)
    OrganisationFactory.create(kind=OrganisationKind.RURAL_DISTRICT_AKIM)
    OrganisationFactory.create(kind=OrganisationKind.CAPITAL_AKIMAT)
    assert dict(selectors.organisation_kind_counts()) == {
        OrganisationKind.CENTRAL_STATE_BODY: 2,
        OrganisationKind.CAPITAL_AKIMAT: 1,
        OrganisationKind.RURAL_DISTRICT_AKIM: 1,
        OrganisationKind.STATE_CORPORATION: 1,
    }
    with translation.override("ru"):
        assert selectors.organisation_figures() == [
            ("Центральные государственные органы", 2),
            ("Местные исполнительные органы и акимы", 2),
            ("Другие органы и организации", 1),
        ]


def test_user_positions_explain_the_role_scope() -> None:
    head = StaffPositionFactory.create(role=StaffRole.PROVIDER_HEAD)
    [view] = selectors.user_positions(user=head.user)
    assert view.scope_help == "subtree"
    assert view.organisation_name == head.organisation.name_kk
