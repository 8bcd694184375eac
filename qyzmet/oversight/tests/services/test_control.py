"""State control of the quality of public services (Law 27, 7.2): the quality authority opens a
case on an object of control (Law 27.2) on stated grounds, over a period and services; records
findings; orders the breaches removed by a due date; the object reports; the authority controls
with the rule of Law 25.3.3 (shared: core.followup) and repeats an order not fulfilled; the case
closes only when every breach is removed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

import pytest

from qyzmet.complaints.enums import ComplaintAddressee
from qyzmet.complaints.tests.factories import complaint_make
from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.followup import FollowUpStatus
from qyzmet.core.models import AuditLog, User
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind, StaffRole
from qyzmet.orgs.tests.factories import OrganisationFactory, RecipientFactory
from qyzmet.oversight import selectors, services
from qyzmet.oversight.enums import ControlGround, ControlStatus
from qyzmet.oversight.errors import OversightErrorCode as E
from qyzmet.oversight.models import ControlCase, ControlOrder
from qyzmet.oversight.tests.factories import (
    Body,
    D,
    body_make,
    case_make,
    informatization_inspector,
    quality_inspector,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kind",
    [
        OrganisationKind.CENTRAL_STATE_BODY,
        OrganisationKind.DISTRICT_AKIMAT,
        OrganisationKind.RURAL_DISTRICT_AKIM,
        OrganisationKind.OTHER_PROVIDER,
        OrganisationKind.STATE_CORPORATION,
        OrganisationKind.STATE_CORPORATION_BRANCH,
    ],
)
def test_law_27_2_every_object_of_control_may_be_checked(kind: str) -> None:
    body = body_make(kind)
    case = case_make(body)
    assert case.object == body.org
    assert case.number == f"SC-2026-{case.pk:05d}"
    assert case.status == ControlStatus.OPEN
    assert list(case.services.all()) == [body.service]
    assert AuditLog.objects.filter(action="oversight.control_open", object_id=str(case.pk)).exists()
    assert OutboxMessage.objects.filter(kind="oversight_control_open", to="body@example.kz").count() == 1


@pytest.mark.parametrize("kind", [OrganisationKind.CONTACT_CENTRE, OrganisationKind.RECEPTION_CENTRE])
def test_law_27_2_what_is_no_object_of_control_is_refused_and_nothing_written(kind: str) -> None:
    body = body_make()
    other = OrganisationFactory.create(kind=kind)
    with pytest.raises(ApplicationError) as exc:
        case_make(body, obj=other)
    assert "object" in exc.value.fields
    assert "27" in exc.value.fields["object"]["ru"]
    assert ControlCase.objects.count() == 0


@pytest.mark.parametrize(
    "who",
    ["informatization inspector", "provider head", "provider officer", "operator", "citizen"],
)
def test_law_7_2_only_the_quality_authority_opens_a_control_case(who: str) -> None:
    body = body_make()
    actors: dict[str, Callable[[], User]] = {
        "informatization inspector": informatization_inspector,
        "provider head": lambda: body.head,
        "provider officer": lambda: body.officer,
        "operator": lambda: staff(
            OrganisationFactory.create(kind=OrganisationKind.STATE_CORPORATION_BRANCH),
            StaffRole.STATE_CORPORATION_OPERATOR,
        ),
        "citizen": RecipientFactory.create,
    }
    actor = actors[who]()
    with pytest.raises(AccessDenied) as exc:
        case_make(body, actor=actor)
    assert "7" in exc.value.message_for("kk")
    assert ControlCase.objects.count() == 0


def test_law_27_grounds_a_complaint_pattern_names_complaints_about_the_object() -> None:
    body = body_make()
    c1 = complaint_make(provider=body.org, registered_on=D(2026, 3, 2))
    c2 = complaint_make(provider=body.org, registered_on=D(2026, 4, 6))
    elsewhere = complaint_make(provider=OrganisationFactory.create(), registered_on=D(2026, 4, 6))
    qa = quality_inspector()
    with pytest.raises(ApplicationError) as exc:  # none named
        case_make(body, actor=qa, ground=ControlGround.COMPLAINTS, ground_complaints=[])
    assert set(exc.value.fields) == {"ground_complaints"}
    with pytest.raises(ApplicationError) as exc:  # one about another body
        case_make(
            body, actor=qa, ground=ControlGround.COMPLAINTS, ground_complaints=[c1.number, elsewhere.number]
        )
    assert elsewhere.number in exc.value.fields["ground_complaints"]["kk"]
    case = case_make(
        body,
        actor=qa,
        ground=ControlGround.COMPLAINTS,
        ground_complaints=[c1.number.lower(), c2.number, c1.number],
    )
    assert case.ground_complaints == [c1.number, c2.number]


def test_law_27_every_problem_of_a_new_case_is_reported_at_once() -> None:
    body = body_make()
    with pytest.raises(ApplicationError) as exc:
        case_make(
            body,
            ground="",
            ground_text=" ",
            period_start=D(2026, 9, 1),
            period_end=D(2026, 3, 1),
            services=[],
        )
    assert set(exc.value.fields) == {"ground", "ground_text", "period_end", "services"}
    assert ControlCase.objects.count() == 0


def test_law_27_the_period_checked_is_behind_the_day_the_case_opens() -> None:
    body = body_make()
    with pytest.raises(ApplicationError) as exc:
        case_make(body, period_end=D(2026, 10, 2), opened_on=D(2026, 10, 1))
    assert set(exc.value.fields) == {"period_end"}


def test_law_27_and_28_an_assessment_as_ground_is_a_signed_one_of_the_object() -> None:
    body = body_make()
    with pytest.raises(ApplicationError) as exc:
        case_make(body, ground=ControlGround.ASSESSMENT, ground_assessment_number="QA-2025-99999")
    assert set(exc.value.fields) == {"ground_assessment"}


def _ordered(body: Body, qa: User) -> ControlCase:
    case = case_make(body, actor=qa)
    return services.control_findings_record(
        case=case,
        actor=qa,
        findings="12 өтініштің мерзімі бұзылған.",
        breaches_found=True,
        recorded_on=D(2026, 10, 20),
    )


def test_law_27_findings_orders_report_control_repeat_and_close() -> None:
    body = body_make()
    qa = quality_inspector()
    case = _ordered(body, qa)
    assert case.status == ControlStatus.ORDERED
    order = services.control_order_issue(
        case=case,
        actor=qa,
        text="Мерзімдерді сақтауды қамтамасыз ету.",
        due_on=D(2026, 11, 10),
        issued_on=D(2026, 10, 20),
    )
    assert OutboxMessage.objects.filter(kind="oversight_control_order").count() == 1
    with pytest.raises(ApplicationError) as exc:  # pending orders: not closed
        services.control_case_close(case=case, actor=qa)
    assert exc.value.code == E.CASE_OPEN_ORDERS
    services.control_order_report(
        order=order, actor=body.officer, text="Кесте бекітілді.", reported_on=D(2026, 11, 9)
    )
    order = services.control_order_control(order=order, actor=qa, fulfilled_on=D(2026, 11, 9), in_full=False)
    assert order.status == FollowUpStatus.NOT_FULFILLED
    with pytest.raises(ApplicationError):  # not fulfilled and not repeated: not closed
        services.control_case_close(case=case, actor=qa)
    again = services.control_order_issue(
        case=case,
        actor=qa,
        text="Толық орындау.",
        due_on=D(2026, 12, 1),
        issued_on=D(2026, 11, 12),
        repeats=order,
    )
    services.control_order_control(order=again, actor=qa, fulfilled_on=D(2026, 11, 30), in_full=True)
    case = services.control_case_close(case=case, actor=qa, closed_on=D(2026, 12, 2))
    assert case.status == ControlStatus.CLOSED
    outcome = selectors.control_outcome_list()[0]
    assert (outcome.orders, outcome.fulfilled_in_time, outcome.repeated, outcome.breaches_found) == (
        2,
        1,
        1,
        True,
    )
    actions = set(
        AuditLog.objects.filter(object_id=str(case.pk), object_type="oversight.controlcase").values_list(
            "action", flat=True
        )
    )
    assert {
        "oversight.control_open",
        "oversight.control_findings",
        "oversight.control_order_issue",
        "oversight.control_order_report",
        "oversight.control_order_control",
        "oversight.control_close",
    } <= actions


def test_law_27_a_check_without_breaches_closes_without_orders() -> None:
    body = body_make()
    qa = quality_inspector()
    case = case_make(body, actor=qa)
    case = services.control_findings_record(
        case=case, actor=qa, findings="Бұзушылық жоқ.", breaches_found=False
    )
    with pytest.raises(ApplicationError) as exc:
        services.control_order_issue(case=case, actor=qa, text="x", due_on=D(2099, 1, 1))
    assert exc.value.code == E.ORDER_NO_BREACH
    assert services.control_case_close(case=case, actor=qa).status == ControlStatus.CLOSED


def test_law_27_no_case_closes_before_its_findings() -> None:
    body = body_make()
    qa = quality_inspector()
    case = case_make(body, actor=qa)
    with pytest.raises(ApplicationError) as exc:
        services.control_case_close(case=case, actor=qa)
    assert exc.value.code == E.CASE_STATE


def test_law_27_and_25_3_3_an_order_is_due_after_it_is_issued_and_late_when_pending_after() -> None:
    body = body_make()
    qa = quality_inspector()
    case = _ordered(body, qa)
    with pytest.raises(ApplicationError) as exc:
        services.control_order_issue(
            case=case, actor=qa, text="", due_on=D(2026, 10, 20), issued_on=D(2026, 10, 20)
        )
    assert set(exc.value.fields) == {"text", "due_on"}
    assert ControlOrder.objects.count() == 0
    services.control_order_issue(
        case=case, actor=qa, text="Жою.", due_on=D(2026, 11, 10), issued_on=D(2026, 10, 20)
    )
    late = [cast(Any, o).late for o in selectors.control_orders(case=case, today=D(2026, 11, 11))]
    in_time = [cast(Any, o).late for o in selectors.control_orders(case=case, today=D(2026, 11, 10))]
    assert (late, in_time) == ([True], [False])
    assert selectors.control_order_list_late(today=D(2026, 11, 11)).count() == 1


def test_law_27_only_the_object_reports_and_only_the_quality_authority_controls() -> None:
    body = body_make()
    other = body_make()
    qa = quality_inspector()
    case = _ordered(body, qa)
    order = services.control_order_issue(
        case=case, actor=qa, text="Жою.", due_on=D(2026, 11, 10), issued_on=D(2026, 10, 20)
    )
    for intruder in (other.officer, informatization_inspector(), RecipientFactory.create()):
        with pytest.raises(AccessDenied):
            services.control_order_report(order=order, actor=intruder, text="Орындалды.")
    for intruder in (body.head, body.officer, informatization_inspector()):
        with pytest.raises(AccessDenied):
            services.control_order_control(
                order=order, actor=intruder, fulfilled_on=D(2026, 11, 1), in_full=True
            )
        with pytest.raises(AccessDenied):
            services.control_findings_record(case=case, actor=intruder, findings="x", breaches_found=False)
        with pytest.raises(AccessDenied):
            services.control_case_close(case=case, actor=intruder)
    order.refresh_from_db()
    assert (order.status, order.body_report) == (FollowUpStatus.PENDING, "")


def test_law_27_a_head_above_the_object_answers_for_it() -> None:
    body = body_make(OrganisationKind.DISTRICT_AKIMAT)  # under an oblast akimat
    assert body.org.parent is not None
    qa = quality_inspector()
    case = _ordered(body, qa)
    order = services.control_order_issue(
        case=case, actor=qa, text="Жою.", due_on=D(2026, 11, 10), issued_on=D(2026, 10, 20)
    )
    head_above = staff(body.org.parent, StaffRole.PROVIDER_HEAD)
    services.control_order_report(
        order=order, actor=head_above, text="Орындалды.", reported_on=D(2026, 11, 3)
    )
    assert ControlOrder.objects.get().reported_by == head_above


def test_law_27_the_object_sees_its_cases_and_others_do_not() -> None:
    body = body_make()
    other = body_make()
    case = case_make(body)
    assert list(selectors.control_case_list_for(user=body.officer)) == [case]
    assert list(selectors.control_case_list_for(user=other.officer)) == []
    assert list(selectors.control_case_list_for(user=informatization_inspector())) == [case]
    with pytest.raises(AccessDenied):
        selectors.access_control_case(user=other.head, case=case)
    with pytest.raises(AccessDenied):
        selectors.control_case_list_for(user=RecipientFactory.create())


def test_law_27_repeats_only_an_order_of_the_case_not_fulfilled() -> None:
    body = body_make()
    qa = quality_inspector()
    case = _ordered(body, qa)
    order = services.control_order_issue(
        case=case, actor=qa, text="Жою.", due_on=D(2026, 11, 10), issued_on=D(2026, 10, 20)
    )
    with pytest.raises(ApplicationError) as exc:  # still pending
        services.control_order_issue(
            case=case, actor=qa, text="Қайта.", due_on=D(2026, 12, 10), repeats=order
        )
    assert set(exc.value.fields) == {"repeats"}


def test_law_27_complaint_ground_reads_complaints_to_the_authority_too() -> None:
    body = body_make()
    to_authority = complaint_make(provider=body.org, addressee=ComplaintAddressee.QUALITY_AUTHORITY)
    case = case_make(body, ground=ControlGround.COMPLAINTS, ground_complaints=[to_authority.number])
    assert case.ground_complaints == [to_authority.number]


def test_law_27_dates_default_to_today() -> None:
    body = body_make()
    case = case_make(body, opened_on=None, period_end=dt.date(2026, 11, 1))
    assert case.opened_on == dt.date(2026, 11, 23)  # the suite's clock


def test_law_27_2_a_control_checks_only_services_in_the_object_s_activity() -> None:
    """The object of control is a body's activity in delivering public services (Law 27.2): a
    case checks the services it delivers or accepts, delivered below it, or that it is
    responsible for; another service is refused with its code and nothing is written."""
    from qyzmet.registry.tests.factories import ServiceFactory

    body = body_make(OrganisationKind.OTHER_PROVIDER)
    foreign = ServiceFactory.create()  # another body's service
    with pytest.raises(ApplicationError) as exc:
        case_make(body, services=[body.service, foreign])
    assert foreign.code in exc.value.fields["services"]["ru"] and "27" in exc.value.fields["services"]["kk"]
    assert ControlCase.objects.count() == 0
    assert case_make(body, services=[body.service]).services.get() == body.service
    # a ministry above a provider is checked on what its subordinate delivers
    ministry = OrganisationFactory.create(kind=OrganisationKind.CENTRAL_STATE_BODY)
    below = OrganisationFactory.create(kind=OrganisationKind.OTHER_PROVIDER, parent=ministry)
    delivered_below = ServiceFactory.create(responsible_body=below, provider_kinds=[below.kind])
    case = case_make(body, obj=ministry, services=[delivered_below])
    assert case.object == ministry
