"""Paper registries of the Citizens' Reception Centre (CRC 17.7, ADR 0028).

A written appeal whose attachments cannot be entered into the system (``Appeal.paper_only``)
goes to its competent body on paper, by courier, with a registry of document packages. The
Result-desk workers form the registries "at 12:00 and at 18:00" (Asia/Almaty, on the centre's
working days): a registry formed for a forming time lists every such appeal registered by then
and not yet in a registry. The worker job forms them on its own; the staff page's button forms
the registry of the forming time that has passed and is not formed yet, and outside that it is
refused with the next forming time (ADR 0028). Two copies go to the body; the copy that comes
back is marked received (who received it and when, who recorded it and when).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.orgs.models import Organisation
from qyzmet.reception import hours
from qyzmet.reception.enums import AppealForm, AppealStatus
from qyzmet.reception.errors import ReceptionErrorCode as E
from qyzmet.reception.models import Appeal, PaperRegistry
from qyzmet.reception.services import _appeal_snapshot, _is_centre_reception, _next_in_sequence

REGISTRY_HOURS = (dt.time(12, 0), dt.time(18, 0))


def registry_times(day: dt.date) -> list[dt.datetime]:
    """CRC 17.7: the forming times of ``day`` (none on a day the centre is closed, CRC 5)."""
    if not hours.is_working_day(day):
        return []
    return [timezone.make_aware(dt.datetime.combine(day, t)) for t in REGISTRY_HOURS]


def registry_cutoff(now: dt.datetime) -> dt.datetime | None:
    """The latest forming time of the local day of ``now`` that has come, or None."""
    local = timezone.localtime(now)
    passed = [t for t in registry_times(local.date()) if t <= local]
    return passed[-1] if passed else None


def registry_next_time(now: dt.datetime) -> dt.datetime:
    """The first forming time after ``now`` (the next working day's 12:00 after 18:00)."""
    local = timezone.localtime(now)
    day = local.date()
    for _ in range(400):
        later = [t for t in registry_times(day) if t > local]
        if later:
            return later[0]
        day += dt.timedelta(days=1)
    raise ValueError("no working day within a year")  # pragma: no cover - a calendar of holidays only


def _when(moment: dt.datetime, now: dt.datetime) -> dict[str, str]:
    local = timezone.localtime(moment)
    if local.date() == timezone.localtime(now).date():
        return {
            "kk": f"бүгін {local:%H:%M}",
            "ru": f"сегодня в {local:%H:%M}",
            "en": f"today at {local:%H:%M}",
        }
    return {
        "kk": f"{local:%d.%m.%Y} {local:%H:%M}",
        "ru": f"{local:%d.%m.%Y} в {local:%H:%M}",
        "en": f"on {local:%d.%m.%Y} at {local:%H:%M}",
    }


@transaction.atomic
def paper_registry_form(
    *,
    at: dt.datetime,
    centre: Organisation | None = None,
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> list[PaperRegistry]:
    """CRC 17.7: for the forming time ``at`` (12:00 or 18:00), a registry per centre and
    competent body listing the written appeals that go on paper (``paper_only``), registered
    by ``at`` and not yet in a registry (all centres unless ``centre``). Idempotent: forming
    again finds nothing new. ``formed_at`` is when it was formed (``now``)."""
    local = timezone.localtime(at)
    if local.time() not in REGISTRY_HOURS or not registry_times(local.date()):
        raise ValueError(f"{local:%d.%m.%Y %H:%M} is not a forming time of CRC 17.7")
    now = now or timezone.now()
    pending = Appeal.objects.select_for_update().filter(
        form=AppealForm.WRITTEN, paper_only=True, paper_registry__isnull=True, registered_at__lte=at
    )
    if centre is not None:
        pending = pending.filter(centre=centre)
    groups: dict[tuple[int, int], list[Appeal]] = {}
    for appeal in pending.select_related("competent_body").order_by("registered_at", "number"):
        groups.setdefault((appeal.centre_id, appeal.competent_body_id), []).append(appeal)
    registries = []
    for (centre_id, body_id), appeals in groups.items():
        previous = (
            PaperRegistry.objects.filter(centre_id=centre_id, competent_body_id=body_id)
            .order_by("-formed_at")
            .first()
        )
        seq = _next_in_sequence(f"registry-{local:%Y}")
        registry = PaperRegistry.objects.create(
            number=f"REG-{local:%Y%m%d-%H%M}-{seq:05d}",
            centre_id=centre_id,
            competent_body_id=body_id,
            formed_at=max(now, at),
            cutoff_at=at,
            period_start=(previous.cutoff_at or previous.formed_at) if previous else None,
        )
        for appeal in appeals:
            before = _appeal_snapshot(appeal)
            appeal.paper_registry = registry
            appeal.status = AppealStatus.SENT
            appeal.save(update_fields=["paper_registry", "status", "updated_at"])
            audit_record(
                actor=actor,
                action="reception.appeal_send",
                obj=appeal,
                before=before,
                after={**_appeal_snapshot(appeal), "registry": registry.number},
            )
        audit_record(
            actor=actor,
            action="reception.paper_registry_form",
            obj=registry,
            after={"number": registry.number, "appeals": len(appeals), "cutoff": at.isoformat()},
        )
        registries.append(registry)
    return registries


def paper_registries_due(*, now: dt.datetime | None = None) -> list[PaperRegistry]:
    """The worker job: form the registries of the latest forming time that has come today."""
    now = now or timezone.now()
    cutoff = registry_cutoff(now)
    return [] if cutoff is None else paper_registry_form(at=cutoff, now=now)


@transaction.atomic
def paper_registry_form_now(
    *, actor: User, centre: Organisation, now: dt.datetime | None = None
) -> list[PaperRegistry]:
    """The staff page's button (ADR 0028): the centre's reception staff form the registries of
    the forming time that has come today and is not formed yet (formed late, it still lists the
    appeals registered by that time). Before 12:00, on a day the centre is closed, or once
    that forming time's registries exist, it is refused with the next forming time."""
    if not _is_centre_reception(actor=actor, centre=centre):
        raise AccessDenied()
    now = now or timezone.now()
    cutoff = registry_cutoff(now)
    formed = (
        PaperRegistry.objects.filter(centre=centre, cutoff_at=cutoff).order_by("formed_at").first()
        if cutoff is not None
        else None
    )
    if cutoff is None or formed is not None:
        after = registry_next_time(now)
        nxt = _when(after, now)
        if formed is not None:
            done = _when(formed.formed_at, now)
            texts = {
                "kk": f"{timezone.localtime(cutoff):%H:%M} тізілімдері {done['kk']} қалыптастырылды; "
                f"келесісі {nxt['kk']} қалыптастырылады (Регламент, 17.7).",
                "ru": f"Реестры на {timezone.localtime(cutoff):%H:%M} уже сформированы {done['ru']}; "
                f"следующие формируются {nxt['ru']} (Регламент, 17.7).",
                "en": f"The {timezone.localtime(cutoff):%H:%M} registries were formed {done['en']}; "
                f"the next are formed {nxt['en']} (CRC 17.7).",
            }
        else:
            texts = {
                "kk": f"Тізілімдер сағат 12:00-де және 18:00-де қалыптастырылады; келесісі {nxt['kk']} "
                "(Регламент, 17.7).",
                "ru": f"Реестры формируются в 12:00 и в 18:00; следующие — {nxt['ru']} (Регламент, 17.7).",
                "en": f"Registries are formed at 12:00 and 18:00; the next {nxt['en']} (CRC 17.7).",
            }
        raise ApplicationError(E.REGISTRY_NOT_DUE, texts, extra={"next": after.isoformat()})
    return paper_registry_form(at=cutoff, centre=centre, actor=actor, now=now)


@transaction.atomic
def paper_registry_receive(
    *,
    actor: User | None,
    registry: PaperRegistry,
    received_on: dt.date,
    received_by_name: str,
    now: dt.datetime | None = None,
) -> PaperRegistry:
    """CRC 17.7: the copy the competent body returns, marked received: who received the
    packages and on what day (as the mark on the copy says), recorded once by the centre's
    reception staff (who, when)."""
    registry = PaperRegistry.objects.select_for_update().get(pk=registry.pk)
    if actor is not None and not _is_centre_reception(actor=actor, centre=registry.centre):
        raise AccessDenied()
    now = now or timezone.now()
    if registry.received_on is not None:
        raise ApplicationError(
            E.REGISTRY_RECEIVED,
            {
                "kk": f"Тізілім {registry.received_on:%d.%m.%Y} қабылданған деп белгіленген "
                f"({registry.received_by_name}); қайта белгілеуге болмайды (Регламент, 17.7).",
                "ru": f"Реестр уже отмечен полученным {registry.received_on:%d.%m.%Y} "
                f"({registry.received_by_name}); повторно отметить нельзя (Регламент, 17.7).",
                "en": f"The registry was already marked received on {registry.received_on:%d.%m.%Y} "
                f"({registry.received_by_name}); it cannot be marked again (CRC 17.7).",
            },
        )
    problems: dict[str, dict[str, str]] = {}
    if not received_by_name.strip():
        problems["received_by_name"] = {
            "kk": "Қайтарылған данадағы белгі бойынша органда кім қабылдағанын жазыңыз (Регламент, 17.7).",
            "ru": "Укажите, кто в органе принял документы, по отметке на вернувшемся экземпляре "
            "(Регламент, 17.7).",
            "en": "Enter who at the body received the packages, as the mark on the returned copy says (CRC 17.7).",
        }
    formed_on = timezone.localdate(registry.formed_at)
    if received_on > timezone.localdate(now) or received_on < formed_on:
        problems["received_on"] = {
            "kk": f"Қабылдау күні тізілім қалыптастырылған {formed_on:%d.%m.%Y} күннен бүгінге дейін "
            "болуы керек: қайтарылған данадағы күнді жазыңыз (Регламент, 17.7).",
            "ru": f"Дата получения — от дня формирования реестра {formed_on:%d.%m.%Y} до сегодняшнего: "
            "укажите дату с вернувшегося экземпляра (Регламент, 17.7).",
            "en": f"The day received lies between the registry's forming day {formed_on:%d.%m.%Y} and "
            "today: enter the date on the returned copy (CRC 17.7).",
        }
    if problems:
        raise ApplicationError(
            E.REGISTRY_RECEIVED,
            {
                "kk": " ".join(p["kk"] for p in problems.values()),
                "ru": " ".join(p["ru"] for p in problems.values()),
                "en": " ".join(p["en"] for p in problems.values()),
            },
            fields=problems,
        )
    registry.received_on = received_on
    registry.received_by_name = received_by_name.strip()[:200]
    registry.received_recorded_at = now
    registry.received_recorded_by = actor if actor and actor.pk else None
    registry.save(
        update_fields=[
            "received_on",
            "received_by_name",
            "received_recorded_at",
            "received_recorded_by",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="reception.paper_registry_receive",
        obj=registry,
        after={"received_on": received_on.isoformat(), "received_by": registry.received_by_name},
    )
    return registry
