"""PSC 5, appendix: a body's proposals, drafted by its staff, signed and submitted by its head."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.pscselection import documents, services
from qyzmet.pscselection.enums import Criterion, ProposalStatus
from qyzmet.pscselection.models import Proposal, ProposalItem

from ..factories import body, inspector, service
from ..world import YEAR, make_world, propose

pytestmark = pytest.mark.django_db
D = dt.date


def test_psc_5_a_body_drafts_its_proposals_and_its_head_signs_and_submits_them() -> None:
    w = make_world()
    proposal = propose(w, on=D(2026, 2, 20))
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.signed_by == w.health.head and proposal.signatory_name == "Сейітова Айгүл"
    assert proposal.due_on == D(2026, 2, 20) and not proposal.is_late
    mail = OutboxMessage.objects.get(kind="psc_proposal_submitted")
    assert mail.to == "kense@mindigital.example.kz"
    assert sorted(a.filename for a in mail.attachments.all()) == [
        f"{proposal.number}.pdf",
        f"{proposal.number}.xlsx",
    ]
    assert AuditLog.objects.filter(action="pscselection.proposal_submit", object_id=str(proposal.pk)).exists()


def test_psc_5_a_late_proposal_is_accepted_and_marked_late() -> None:
    w = make_world()
    proposal = propose(w, on=D(2026, 2, 23))
    assert proposal.status == ProposalStatus.SUBMITTED and proposal.is_late


def test_psc_5_only_the_head_of_the_body_itself_signs_and_submits() -> None:
    w = make_world()
    proposal = services.proposal_create(actor=w.health.officer, body=w.health.org, year=YEAR)
    services.proposal_item_add(
        actor=w.health.officer,
        proposal=proposal,
        service=w.certificate,
        criterion=Criterion.INFORMATIONAL,
        yearly_volume=1200,
        current_channels=["provider"],
        reasons="Анықтама",
    )
    other = body("minfin-test")
    for actor in (w.health.officer, other.head, w.officer, inspector()):
        with pytest.raises(AccessDenied) as refused:
            services.proposal_submit(actor=actor, proposal=proposal, submitted_on=D(2026, 2, 16))
    assert "(PSC 5)" in refused.value.message_for("en")
    assert "5-тармағы" in refused.value.message_for("kk")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


def test_psc_5_only_a_central_state_body_or_a_local_executive_body_proposes() -> None:
    w = make_world()
    akimat = body("astana-test", OrganisationKind.CAPITAL_AKIMAT)
    assert services.proposal_create(actor=akimat.officer, body=akimat.org, year=YEAR).body == akimat.org
    school = body("school-test", OrganisationKind.OTHER_PROVIDER)
    with pytest.raises(AccessDenied):
        services.proposal_create(actor=school.head, body=school.org, year=YEAR)
    with pytest.raises(AccessDenied):  # a body's staff propose for their own body only
        services.proposal_create(actor=akimat.head, body=w.health.org, year=YEAR)
    with pytest.raises(AccessDenied):
        services.proposal_create(actor=inspector(), body=w.health.org, year=YEAR)
    assert Proposal.objects.count() == 1


def test_psc_4_and_appendix_a_bad_row_is_refused_naming_every_point_and_nothing_is_written() -> None:
    w = make_world()
    proposal = services.proposal_create(actor=w.health.officer, body=w.health.org, year=YEAR)
    in_psc = service(via_state_corporation=True)
    with pytest.raises(ApplicationError) as refused:
        services.proposal_item_add(
            actor=w.health.officer,
            proposal=proposal,
            service=in_psc,
            criterion="",
            yearly_volume=999,
            current_channels=[],
            reasons=" ",
        )
    fields = refused.value.field_messages_for("en")
    assert set(fields) == {"service", "criterion", "yearly_volume", "current_channels", "reasons"}
    assert "(PSC 4)" in fields["yearly_volume"] and "1000" in fields["yearly_volume"]
    assert "(PSC 4)" in fields["criterion"]
    assert "(PSC appendix)" in fields["current_channels"]
    assert "(PSC 2)" in fields["service"]
    assert "4-тармағы" in refused.value.field_messages_for("kk")["yearly_volume"]
    assert "п. 4" in refused.value.field_messages_for("ru")["yearly_volume"]
    assert not ProposalItem.objects.exists()


def test_psc_5_a_submitted_proposal_does_not_change_and_an_empty_one_is_not_submitted() -> None:
    w = make_world()
    empty = services.proposal_create(actor=w.health.officer, body=w.health.org, year=YEAR)
    with pytest.raises(ApplicationError) as refused:
        services.proposal_submit(actor=w.health.head, proposal=empty, submitted_on=D(2026, 2, 16))
    assert "(PSC appendix)" in refused.value.message_for("en")
    empty.delete()
    proposal = propose(w)
    with pytest.raises(ApplicationError):
        services.proposal_item_add(
            actor=w.health.officer,
            proposal=proposal,
            service=w.certificate,
            criterion=Criterion.INFORMATIONAL,
            yearly_volume=1200,
            current_channels=["provider"],
            reasons="Анықтама",
        )
    assert proposal.items.count() == 1


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False)
def test_psc_5_a_date_in_the_future_is_refused() -> None:
    w = make_world()
    proposal = services.proposal_create(actor=w.health.officer, body=w.health.org, year=YEAR)
    services.proposal_item_add(
        actor=w.health.officer,
        proposal=proposal,
        service=w.certificate,
        criterion=Criterion.INFORMATIONAL,
        yearly_volume=1200,
        current_channels=["provider"],
        reasons="Анықтама",
    )
    with pytest.raises(ApplicationError) as refused:
        services.proposal_submit(actor=w.health.head, proposal=proposal, submitted_on=D(2026, 12, 1))
    assert refused.value.field_messages_for("en").keys() == {"submitted_on"}


def test_psc_5_and_appendix_the_proposals_as_pdf_and_xlsx() -> None:
    w = make_world()
    proposal = propose(w)
    pdf = documents.proposal_signed_pdf(proposal=proposal, language="ru")
    assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf  # signed (ADR 0017)
    assert documents.proposal_signed_pdf(proposal=proposal, language="ru") == pdf  # the same bytes
    book = load_workbook(io.BytesIO(documents.proposals_xlsx(proposals=[proposal], language="kk")))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c]  # type: ignore[union-attr]
    assert documents.TITLE[0] in cells
    assert any(str(c).startswith(w.licence.code) for c in cells) and 1050 in cells


def test_psc_5_the_proposals_xlsx_names_the_year_each_proposal_is_for() -> None:
    w = make_world()
    proposal = propose(w)
    for language, header in (("kk", "Іріктеу жылы"), ("ru", "Год отбора")):
        book = load_workbook(io.BytesIO(documents.proposals_xlsx(proposals=[proposal], language=language)))
        rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
        column = rows[1].index(header)
        assert rows[2][column] == 2026 and rows[2][rows[1].index("№")] == proposal.number


def test_psc_5_a_submission_before_the_year_before_says_from_when_proposals_are_submitted() -> None:
    w = make_world()
    proposal = services.proposal_create(actor=w.health.officer, body=w.health.org, year=YEAR)
    services.proposal_item_add(
        actor=w.health.officer,
        proposal=proposal,
        service=w.certificate,
        criterion=Criterion.INFORMATIONAL,
        yearly_volume=1200,
        current_channels=["provider"],
        reasons="Анықтама",
    )
    with pytest.raises(ApplicationError) as refused:
        services.proposal_submit(actor=w.health.head, proposal=proposal, submitted_on=D(2024, 12, 31))
    ru = refused.value.field_messages_for("ru")["submitted_on"]
    assert "не ранее 1 января 2025 года" in ru and "предыдущего шага" not in ru and "(п. 5" in ru
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT
