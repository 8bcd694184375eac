"""Demo data of the PSC selection (idempotent; run after orgs, registry, delivery, quality and
contactcentre): a cycle in progress, walked through the services.

* Staff: the informatization authority's officer (``officer.mindigital``, who also serves the
  public-services authority: the demo ministry holds both), the commission's secretary
  (``secretary.psc``), the Ministry of Health's head and officer; the head of the authority
  chairs the commission, the heads of the Ministries of Justice and Internal Affairs sit on it.
* A year of delivery data before the cycle: several thousand decided applications of five
  services, bulk-written (a year of history, as the benchmarks write it: through the model, not
  application by application), with reasoned refusals the volumes leave out (ADR 0040).
* The PSC 4 criteria of the services; last year's cycle with a negative conclusion of early May
  that keeps the pension-savings information off this year's candidates (PSC 8).
* This year's cycle: proposals (the Ministry of Health's a few days late, the Akimat of
  Astana's in time), the list formed from them and the computed candidates (a proposed licence
  rendered 998 times left out with its reason), one meeting with a positive and a negative
  conclusion, the protocol sent (kk/ru), the register amendment prepared, adopted and applied
  (two services now delivered through the State Corporation), and the PSC 11 tasks running
  (one measure recorded).

The story is written in 2026 as it stands on 23 November 2026; loaded on another day it is told
in the last year whose 23 November has passed, each date moved to the next working day of that
year, so that nothing done lies after today. The decree alone is dated from the load day (60 days
before it, never before the story's 2 September; PSC 10 sets no term for the Government): the
three months of PSC 11 it starts are running on the load day, whatever the day, with one of the
tasks done and the others still ahead of their due date.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.delivery.enums import ApplicationStatus, Channel
from qyzmet.delivery.models import Application
from qyzmet.orgs.demo import DEMO_PASSWORD, demo_iin
from qyzmet.orgs.enums import StaffRole
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.services import staff_position_create
from qyzmet.pscselection import services
from qyzmet.pscselection.enums import CommissionFunction, ConclusionKind, Criterion, MeetingForm, TaskKind
from qyzmet.pscselection.models import (
    CommissionMember,
    Cycle,
    ListEntry,
    Meeting,
    OrganisationTask,
    Proposal,
    Protocol,
    RegisterAmendment,
    SelectionList,
    ServiceCriteria,
)
from qyzmet.registry.models import Service
from qyzmet.registry.selectors import standard_in_force
from qyzmet.workcalendar.calendar import next_working_day, previous_working_day

D = dt.date
STORY_YEAR = 2026
STORY_DAY = (11, 23)
NUMBER_PREFIX = "PSCD"  # the bulk history's application numbers

# username, surname, name, patronymic, birth, male, phone, language, role, organisation
USERS = [
    ("officer.mindigital", "Әбдірахманова", "Динара", "Серікқызы", D(1989, 7, 14), False, "+7 701 714 20 31", "kk",
     StaffRole.PROVIDER_OFFICER, "mindigital"),
    ("secretary.psc", "Ким", "Виктория", "Олеговна", D(1992, 2, 3), False, "+7 701 203 55 18", "ru",
     StaffRole.PROVIDER_OFFICER, "mindigital"),
    ("head.minhealth", "Байсеитов", "Ерлан", "Маратович", D(1975, 6, 11), True, "+7 701 611 40 27", "ru",
     StaffRole.PROVIDER_HEAD, "minhealth"),
    ("officer.minhealth", "Нұрланова", "Аружан", "Бақытқызы", D(1994, 9, 22), False, "+7 701 922 13 64", "kk",
     StaffRole.PROVIDER_OFFICER, "minhealth"),
]  # fmt: skip

# code -> (informational, duplicate, licence or permit): PSC 4.1-4.3
CRITERIA: dict[str, tuple[bool, bool, bool]] = {
    "08020001": (True, False, False),  # information on tax debt
    "06020001": (True, False, False),  # certificate of a psychiatric organisation
    "06030001": (False, False, True),  # licence for medical activity
    "07020001": (False, False, True),  # architectural and planning assignment (a permit)
    "11010001": (True, False, False),  # information on pension savings
    "08030001": (False, False, True),  # licence for architectural activity (too few: none)
    "01030001": (True, False, False),  # criminal-record certificate (already in the PSCs)
    "02020002": (True, False, False),  # address certificate (already in the PSCs)
    "04030001": (False, True, False),  # duplicates of education documents (already in the PSCs)
}

# The year before the cycle: code -> [(provider, channel, issued, refused)].
VOLUMES: dict[str, list[tuple[str, str, int, int]]] = {
    "08020001": [("minfin", Channel.EGOV_PORTAL, 900, 40), ("minfin", Channel.PROVIDER, 340, 20)],
    "06020001": [("psychiatry-astana", Channel.PROVIDER, 1012, 15)],
    "06030001": [("minhealth", Channel.EGOV_PORTAL, 998, 31)],
    "07020001": [
        ("shymkent-akimat", Channel.EGOV_PORTAL, 400, 12),
        ("akmola-oblast", Channel.PROVIDER, 330, 9),
        ("almaty-akimat", Channel.EGOV_PORTAL, 300, 6),
    ],
    "11010001": [("enpf", Channel.EGOV_PORTAL, 1000, 0), ("enpf", Channel.PROVIDER, 450, 0)],
}
# Two years before: what last year's list was formed from.
VOLUMES_BEFORE: dict[str, list[tuple[str, str, int, int]]] = {
    "11010001": [("enpf", Channel.EGOV_PORTAL, 980, 0), ("enpf", Channel.PROVIDER, 400, 0)],
}

# The free texts a person types (the decree's reference, the draft's title, a commission's reasons,
# a note) are in one language each, as a person types them: never Kazakh and Russian joined by " / "
# (a one-language page showed both). The language varies between the records.
DECREE = "постановление Правительства РК от {day:%d.%m.%Y} № 712 (демо)"
# PSC 11: the decree is adopted this many days before the load day (so that the three months of
# organising it started are running, not over, on that day), never before the story's 2 September;
# the register is amended two days after it, the measures in the Centres done 48 days after it.
DECREE_DAYS_AGO = 60
DRAFT = (
    "«Мемлекеттік көрсетілетін қызметтердің тізілімін бекіту туралы» қаулыға өзгерістер енгізу туралы "
    "қаулының жобасы"
)


def _story_year(today: D) -> int:
    return today.year if (today.month, today.day) >= STORY_DAY else today.year - 1


def _in(day: D, year: int) -> D:
    """A date of the story told in ``year`` (the next working day when it falls on a day off)."""
    return next_working_day(day.replace(year=day.year - STORY_YEAR + year))


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _org(code: str) -> Organisation | None:
    return Organisation.objects.filter(code=code).first()


def _service(code: str) -> Service | None:
    return Service.objects.filter(code=code).first()


def load_users() -> dict[str, User]:
    out: dict[str, User] = {}
    for serial, (username, last, first, patronymic, birth, male, phone, lang, role, org_code) in enumerate(
        USERS, start=701
    ):
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "patronymic": patronymic,
                "iin": demo_iin(birth, male=male, serial=serial),
                "phone": phone,
                "email": f"{username}@example.kz",
                "preferred_language": lang,
                "is_active": True,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        org = _org(org_code)
        if org is not None:
            staff_position_create(user=user, organisation=org, role=role)
        out[username] = user
    return out


def _history(year: int, volumes: dict[str, list[tuple[str, str, int, int]]]) -> int:
    """A year of decided applications (bulk): each submitted on a working morning, registered
    that day, decided two days later (refusals closed the same afternoon)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    rows: list[Application] = []
    for code, parts in volumes.items():
        service = _service(code)
        prefix = f"{NUMBER_PREFIX}{year}{code}-"
        if service is None or Application.objects.filter(number__startswith=prefix).exists():
            continue
        try:
            version = standard_in_force(service=service, on=D(year, 6, 1))
        except ApplicationError:  # the demo register's standards start later
            version = None
        n = 0
        for provider_code, channel, issued, refused in parts:
            provider = _org(provider_code)
            for i in range(issued + refused):
                n += 1
                submitted_on = next_working_day(D(year, 1, 5) + dt.timedelta(days=(i * 7) % 350))
                submitted = dt.datetime.combine(submitted_on, dt.time(9 + i % 7, 10 * (i % 6)), tz)
                decided = submitted + dt.timedelta(days=2, hours=4)
                refusal = i >= issued
                rows.append(
                    Application(
                        number=f"{prefix}{n:05d}",
                        service=service,
                        standard_version=version,
                        channel=channel,
                        status=ApplicationStatus.REFUSED if refusal else ApplicationStatus.ISSUED,
                        language="ru" if i % 3 == 0 else "kk",
                        recipient_name="Получатель (демо)",
                        provider=provider,
                        submitted_at=submitted,
                        registered_on=submitted_on,
                        due_on=submitted_on + dt.timedelta(days=5),
                        result_ready_at=None if refusal else decided,
                        closed_at=decided + dt.timedelta(hours=1),
                        refusal_reason="Құжаттар толық емес (демо)" if refusal else "",
                    )
                )
    Application.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _criteria(officer: User) -> None:
    for code, (informational, duplicate, licence) in CRITERIA.items():
        service = _service(code)
        if service is None or ServiceCriteria.objects.filter(service=service).exists():
            continue
        services.service_criteria_set(
            actor=officer,
            service=service,
            informational=informational,
            duplicate=duplicate,
            licence_or_permit=licence,
        )


def _commission(officer: User, users: dict[str, User], year: int) -> None:
    """PSC 3.2: the chair (the authority's head), the secretary, two members."""
    members = [
        ("head.mindigital", CommissionFunction.CHAIR, "mindigital"),
        ("secretary.psc", CommissionFunction.SECRETARY, "mindigital"),
        ("head.minjust", CommissionFunction.MEMBER, "minjust"),
        ("head.mvd", CommissionFunction.MEMBER, "mvd"),
    ]
    for username, function, org_code in members:
        user, org = users.get(username) or _user(username), _org(org_code)
        if user is None or org is None or CommissionMember.objects.filter(user=user).exists():
            continue
        services.commission_member_appoint(
            actor=officer,
            user=user,
            function=function,
            organisation=org,
            appointed_on=_in(D(2025, 1, 15), year),
        )


def _entry(cycle: Cycle, code: str) -> ListEntry | None:
    return ListEntry.objects.filter(selection_list__cycle=cycle, service__code=code).first()


def _last_year(officer: User, secretary: User, chair: User, year: int) -> None:
    """Last year's cycle: the list of one service, a meeting in absentia in early May with a
    negative conclusion (in force until early May of this year), the protocol sent."""
    cycle = services.cycle_for(year - 1)
    if Meeting.objects.filter(cycle=cycle).exists():
        return
    if not SelectionList.objects.filter(cycle=cycle).exists():
        services.selection_list_form(actor=officer, cycle=cycle, formed_on=_in(D(2025, 3, 17), year))
    the_list = SelectionList.objects.get(cycle=cycle)
    if not the_list.entries.filter(excluded=False).exists():
        return
    if the_list.sent_on is None:
        services.selection_list_send(
            actor=officer, selection_list=the_list, sent_on=_in(D(2025, 4, 16), year)
        )
    meeting = services.meeting_record(
        actor=secretary, cycle=cycle, held_on=_in(D(2025, 5, 6), year), form=MeetingForm.IN_ABSENTIA
    )
    for entry in the_list.entries.filter(excluded=False).select_related("service"):
        services.conclusion_record(
            actor=secretary,
            meeting=meeting,
            entry=entry,
            kind=ConclusionKind.NEGATIVE,
            reasons=(
                "Собственные отделения фонда и портал полностью покрывают услугу; передача в ЦОН удлинит очереди."
            ),
        )
    services.meeting_adopt(actor=chair, meeting=meeting, adopted_on=meeting.held_on)
    services.protocol_send(actor=officer, meeting=meeting, sent_on=_in(D(2025, 5, 8), year))


def _proposals(users: dict[str, User], year: int) -> None:
    """PSC 5: the Ministry of Health (a few days late) and the Akimat of Astana (in time)."""
    rows = [
        (
            "minhealth",
            "officer.minhealth",
            "head.minhealth",
            D(2026, 2, 24),
            [
                ("06020001", Criterion.INFORMATIONAL, 1030, ["provider"],
                 "Анықтаманы азаматтар жұмысқа орналасу үшін жиі алады; ХҚО-да бір терезеден беру ыңғайлы."),
                ("06030001", Criterion.LICENCE_OR_PERMIT, 1040, ["egov_portal"],
                 "Часть лицензиатов не может "
                 "пользоваться порталом."),
            ],
        ),
        (
            "astana-akimat",
            "officer.astana",
            "head.astana",
            D(2026, 2, 18),
            [
                ("07020001", Criterion.LICENCE_OR_PERMIT, 1100, ["provider", "egov_portal"],
                 "Застройщики хотят получать АПЗ через ЦОН."),
            ],
        ),
    ]  # fmt: skip
    for body_code, officer_name, head_name, submitted, items in rows:
        body = _org(body_code)
        officer, head = (
            users.get(officer_name) or _user(officer_name),
            users.get(head_name) or _user(head_name),
        )
        if body is None or officer is None or head is None:
            continue
        proposal = Proposal.objects.filter(cycle__year=year, body=body).first()
        if proposal is None:
            proposal = services.proposal_create(actor=officer, body=body, year=year)
        if proposal.status != "draft":
            continue
        for code, criterion, volume, channels, reasons in items:
            service = _service(code)
            if service is None or proposal.items.filter(service=service).exists():
                continue
            services.proposal_item_add(
                actor=officer,
                proposal=proposal,
                service=service,
                criterion=criterion,
                yearly_volume=volume,
                current_channels=channels,
                reasons=reasons,
            )
        services.proposal_submit(actor=head, proposal=proposal, submitted_on=_in(submitted, year))


def _this_year(officer: User, secretary: User, chair: User, keeper: User | None, year: int, today: D) -> None:
    cycle = services.cycle_for(year)
    the_list = SelectionList.objects.filter(cycle=cycle).first()
    if the_list is None:
        the_list = services.selection_list_form(
            actor=officer, cycle=cycle, formed_on=_in(D(2026, 3, 18), year)
        )
    if the_list.sent_on is None:
        for entry in the_list.entries.filter(meets_rules=False, excluded=False).select_related("service"):
            services.list_entry_exclude(
                actor=officer,
                entry=entry,
                reason=(f"В прошлом году оказана {entry.volume} раз: менее 1000 в год (п. 4)."),
            )
        the_list = services.selection_list_send(
            actor=officer, selection_list=the_list, sent_on=_in(D(2026, 4, 17), year)
        )
    meeting = Meeting.objects.filter(cycle=cycle).first()
    if meeting is None:
        meeting = services.meeting_record(
            actor=secretary, cycle=cycle, held_on=_in(D(2026, 4, 28), year), form=MeetingForm.IN_PERSON
        )
    verdicts = [
        ("08020001", ConclusionKind.POSITIVE,
         "Справка формируется электронно за день; в ЦОН её получат те, кто не пользуется порталом."),
        ("06020001", ConclusionKind.POSITIVE,
         "Спрос высокий, справка формируется из информационной системы."),
        ("07020001", ConclusionKind.NEGATIVE,
         "АЖТ беру жергілікті сәулет органының жерге шығуын талап етеді; ХҚО-да жеделдету мүмкін емес."),
    ]  # fmt: skip
    if meeting.adopted_on is None:
        for code, kind, reasons in verdicts:
            found = _entry(cycle, code)
            if found is None or found.excluded or hasattr(found, "conclusion"):
                continue
            services.conclusion_record(
                actor=secretary, meeting=meeting, entry=found, kind=kind, reasons=reasons
            )
        if not meeting.conclusions.exists():
            return
        meeting = services.meeting_adopt(actor=chair, meeting=meeting, adopted_on=meeting.held_on)
    protocol = Protocol.objects.filter(meeting=meeting).first()
    if protocol is None:
        protocol = services.protocol_send(actor=officer, meeting=meeting, sent_on=_in(D(2026, 5, 6), year))
    if not protocol.meeting.conclusions.filter(kind=ConclusionKind.POSITIVE).exists():
        return
    amendment = RegisterAmendment.objects.filter(protocol=protocol).first()
    if amendment is None:
        amendment = services.amendment_prepare(
            actor=officer, protocol=protocol, draft_title=DRAFT, prepared_on=_in(D(2026, 6, 24), year)
        )
    if amendment.applied_on is None and keeper is not None:
        adopted = max(
            _in(D(2026, 9, 2), year), previous_working_day(today - dt.timedelta(days=DECREE_DAYS_AGO))
        )
        amendment = services.amendment_apply(
            actor=keeper,
            amendment=amendment,
            decree_reference=DECREE.format(day=adopted),
            adopted_on=adopted,
            applied_on=min(today, next_working_day(adopted + dt.timedelta(days=2))),
        )
    measures = (
        OrganisationTask.objects.filter(amendment=amendment, kind=TaskKind.MEASURES, service__code="08020001")
        .filter(done_on__isnull=True)
        .first()
    )
    if measures is not None and amendment.adopted_on is not None:
        services.task_complete(
            actor=officer,
            task=measures,
            note=("Операторы ЦОН обучены, справка подключена к информационной системе ЦОН."),
            done_on=min(today, next_working_day(amendment.adopted_on + dt.timedelta(days=48))),
        )


def load(stdout: TextIO) -> None:
    officer_org = _org("mindigital")
    if officer_org is None or _service("08020001") is None:
        stdout.write(
            "pscselection: demo organisations or services missing (run orgs and registry demos first); skipped\n"
        )
        return
    today = timezone.localdate()
    year = _story_year(today)
    users = load_users()
    officer, secretary = users["officer.mindigital"], users["secretary.psc"]
    chair = _user("head.mindigital")
    if chair is None:
        stdout.write("pscselection: the head of the informatization authority is missing; skipped\n")
        return
    written = _history(year - 1, VOLUMES) + _history(year - 2, VOLUMES_BEFORE)
    _criteria(officer)
    _commission(officer, users, year)
    _last_year(officer, secretary, chair, year)
    _proposals(users, year)
    _this_year(officer, secretary, chair, _user("registry.admin"), year, today)
    stdout.write(
        f"pscselection: the cycle of {year} in progress ({written} applications of history written)\n"
    )
