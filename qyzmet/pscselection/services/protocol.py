"""PSC 9: the protocol sent to the interested bodies."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from qyzmet.core.links import public_url
from qyzmet.core.models import User
from qyzmet.core.services import audit_record
from qyzmet.notify.services import Attachment
from qyzmet.pscselection import selectors, terms
from qyzmet.pscselection.enums import (
    Step,
)
from qyzmet.pscselection.errors import PscErrorCode as E
from qyzmet.pscselection.errors import refusal
from qyzmet.pscselection.models import (
    Meeting,
    Protocol,
)
from qyzmet.pscselection.services.common import (
    _check_day,
    _email,
    _next_number,
    _require_informatization,
    _today,
)
from qyzmet.workcalendar.calendar import WorkCalendar

# --- PSC 9: the protocol ------------------------------------------------------------------


@transaction.atomic
def protocol_send(
    *, actor: User, meeting: Meeting, sent_on: dt.date | None = None, calendar: WorkCalendar | None = None
) -> Protocol:
    """PSC 9: after the conclusions, the authority sends the meeting's protocol (PDF kk/ru,
    signed) to the interested bodies: by 10 May for a meeting held by then, else by 10 October
    (late, it is still sent and shown late)."""
    _require_informatization(actor, "9")
    meeting = Meeting.objects.select_for_update().select_related("cycle").get(pk=meeting.pk)
    if meeting.adopted_on is None:
        raise refusal(
            E.MEETING_NOT_ADOPTED,
            "Комиссия қорытындыларын әлі қабылдаған жоқ: хаттама қорытындыдан кейін жіберіледі",
            "Комиссия ещё не приняла заключения: протокол направляется после заключения",
            "The commission has not adopted its conclusions yet: the protocol follows them",
            point="9",
        )
    if Protocol.objects.filter(meeting=meeting).exists():
        raise refusal(
            E.PROTOCOL_EXISTS,
            "Бұл отырыстың хаттамасы жіберілген",
            "Протокол этого заседания уже направлен",
            "This meeting's protocol is already sent",
            point="9",
        )
    sent_on = sent_on or _today()
    _check_day(sent_on, field="sent_on", point="9", not_before=meeting.adopted_on)
    half = terms.protocol_half(year=meeting.cycle.year, held_on=meeting.held_on, calendar=calendar)
    step = Step.PROTOCOL_1 if half == 1 else Step.PROTOCOL_2
    protocol = Protocol.objects.create(
        meeting=meeting,
        number=_next_number(f"PR-{meeting.cycle.year}-", Protocol),
        half=half,
        due_on=terms.step_due_on(meeting.cycle.year, step, calendar=calendar),
        sent_on=sent_on,
        sent_by=actor,
    )
    bodies = selectors.interested_bodies(meeting=meeting)
    protocol.addressees.set(bodies)
    audit_record(
        actor=actor,
        action="pscselection.protocol_send",
        obj=protocol,
        after={"sent_on": str(sent_on), "half": half, "addressees": [b.code for b in bodies]},
    )
    from qyzmet.pscselection import documents

    files = [
        Attachment(
            f"{protocol.number}-{lang}.pdf",
            "application/pdf",
            documents.protocol_signed_pdf(protocol=protocol, language=lang),
        )
        for lang in ("kk", "ru")
    ]
    link = public_url(reverse("pscselection:public"))
    for body in bodies:
        _email(
            body,
            subject=f"ХҚО / ЦОН: хаттама / протокол {protocol.number}",
            body=(
                f"Ведомствоаралық комиссия отырысының хаттамасы {protocol.number} (ХҚО іріктеу "
                f"қағидаларының 9-тармағы).\n\nПротокол заседания межведомственной комиссии "
                f"{protocol.number} (п. 9 Правил отбора услуг для ЦОН).\n\n{link}"
            ),
            key=f"psc-protocol-{protocol.pk}-{body.pk}",
            kind="psc_protocol_sent",
            attachments=files,
        )
    return protocol
