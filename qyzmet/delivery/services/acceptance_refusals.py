"""Refusal to accept documents at a State Corporation desk (Law 20.2, 20.3; ADR 0021).

Law 20.2 para 2: the State Corporation worker refuses to accept the application when the
applicant does not present the complete set of documents the standard lists, or presents a
document whose validity has run out. The visitor takes a signed receipt naming each missing
or expired document (``documents.acceptance_refusal_pdf``); the refusal is recorded and
audited. A complete, valid set must be accepted (Law 20.2 para 1): no refusal is issued then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from qyzmet.core.errors import AccessDenied, ApplicationError
from qyzmet.core.identity import mask_iin
from qyzmet.core.models import Language, User
from qyzmet.core.services import audit_record
from qyzmet.delivery import selectors as delivery_selectors
from qyzmet.delivery.enums import AcceptanceProblem, Channel
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import AcceptanceRefusal, AcceptanceRefusalCounter, AcceptanceRefusalItem
from qyzmet.delivery.services.applications import (
    SubmittedDocument,
    _check_recipient,
    application_check_documents,
)
from qyzmet.delivery.services.common import error, number_allocate
from qyzmet.orgs.enums import OrganisationKind
from qyzmet.orgs.models import Organisation
from qyzmet.orgs.selectors import can_act_for
from qyzmet.registry.models import RequiredDocument, Service

ACCEPTANCE_REFUSAL_PREFIX = "RA"
_DOCUMENT_CODES = frozenset(
    {
        DeliveryErrorCode.DOCUMENTS_INCOMPLETE,
        DeliveryErrorCode.DOCUMENTS_EXPIRED,
        DeliveryErrorCode.DOCUMENT_DATE_MISSING,
    }
)


def acceptance_refusal_possible(*, error: ApplicationError) -> bool:
    """Whether a failed acceptance check is one Law 20.2 lets the operator answer with a
    refusal to accept: a document of the standard's list missing or expired (an undated one
    alone is not: its date is to be entered)."""
    return error.code in _DOCUMENT_CODES and bool(error.extra.get("missing") or error.extra.get("expired"))


def _last_valid_day(doc: SubmittedDocument, required: RequiredDocument) -> dt.date | None:
    """The last day an expired document was valid: its valid-until date, or (the standard
    counting the validity in days from issue) the issue date plus those days."""
    if doc.valid_until is not None:
        return doc.valid_until
    if doc.issued_on is not None and required.validity_days:
        return doc.issued_on + dt.timedelta(days=required.validity_days)
    return None


@transaction.atomic
def acceptance_refusal_issue(
    *,
    actor: User,
    branch: Organisation,
    service: Service,
    recipient_iin: str,
    recipient_name: str,
    identity_confirmed: bool,
    documents: Sequence[SubmittedDocument],
    language: str = Language.KAZAKH,
    at: dt.datetime | None = None,
) -> AcceptanceRefusal:
    """Law 20.2: record a refusal to accept the application at ``branch`` listing every
    document of the standard in force that is missing or expired, and return it (its receipt is
    ``documents.acceptance_refusal_pdf``).

    WHO: a State Corporation operator staffed at ``branch`` (``AccessDenied`` for anyone else).
    WHEN: the visitor is identified (Law 20.3) and the service is delivered through the State
    Corporation; refused when the set is in fact complete and valid (it must be accepted,
    Law 20.2), and when a document only lacks the date proving its validity (the operator
    enters it: that is not a ground). Nothing is written when refused."""
    if branch.kind != OrganisationKind.STATE_CORPORATION_BRANCH or not can_act_for(
        user=actor, organisation=branch, roles=delivery_selectors.OPERATOR_ROLES
    ):
        raise AccessDenied()
    _check_recipient(
        recipient_kind="individual",
        recipient_iin=recipient_iin,
        recipient_bin="",
        recipient_name=recipient_name,
    )
    if not identity_confirmed:
        raise error(
            DeliveryErrorCode.IDENTITY_NOT_CONFIRMED,
            "Өтініш берушінің жеке басы сәйкестендірілмеген (Заңның 20-бабы 3-тармағы).",
            "Личность заявителя не установлена (пункт 3 статьи 20 Закона).",
            "The applicant has not been identified (Law 20.3).",
        )
    now = at or timezone.now()
    on = timezone.localtime(now).date()
    version = delivery_selectors.version_in_force(service=service, on=on)  # raises when none
    if delivery_selectors.channel_term(version=version, channel=Channel.STATE_CORPORATION) is None:
        raise error(
            DeliveryErrorCode.CHANNEL_NOT_OFFERED,
            "Қызмет Мемлекеттік корпорация арқылы көрсетілмейді (Заңның 18-бабы).",
            "Услуга не оказывается через Государственную корпорацию (статья 18 Закона).",
            "The service is not delivered through the State Corporation (Law 18).",
        )
    try:
        application_check_documents(version=version, documents=documents, on=on)
    except ApplicationError as exc:
        if not acceptance_refusal_possible(error=exc):
            raise  # only an undated document: enter the date, it is no ground (Law 20.2)
        missing_ids = list(exc.extra.get("missing", []))
        expired_ids = list(exc.extra.get("expired", []))
    else:
        raise error(
            DeliveryErrorCode.ACCEPTANCE_REFUSAL_DOCUMENTS_COMPLETE,
            "Құжаттар топтамасы толық әрі мерзімі өтпеген: өтініш қабылдануға тиіс (Заңның 20-бабы "
            "2-тармағы).",
            "Пакет документов полный и сроки действия не истекли: заявление должно быть принято "
            "(пункт 2 статьи 20 Закона).",
            "The set is complete and nothing has expired: the application must be accepted (Law 20.2).",
        )
    checklist = {rd.pk: rd for rd in delivery_selectors.required_document_checklist(version=version)}
    given = {d.required_document_id: d for d in documents}
    refusal = AcceptanceRefusal.objects.create(
        number=number_allocate(on=on, counter=AcceptanceRefusalCounter, prefix=ACCEPTANCE_REFUSAL_PREFIX),
        service=service,
        standard_version=version,
        branch=branch,
        operator=actor,
        recipient_name=recipient_name.strip(),
        recipient_iin_masked=mask_iin(recipient_iin),
        language=language if language in (Language.KAZAKH, Language.RUSSIAN) else Language.KAZAKH,
        refused_at=now,
    )
    items = [
        AcceptanceRefusalItem(
            refusal=refusal,
            required_document=checklist[pk],
            name_kk=checklist[pk].name_kk,
            name_ru=checklist[pk].name_ru,
            problem=AcceptanceProblem.MISSING,
        )
        for pk in missing_ids
    ]
    for pk in expired_ids:
        doc, rd = given[pk], checklist[pk]
        items.append(
            AcceptanceRefusalItem(
                refusal=refusal,
                required_document=rd,
                name_kk=rd.name_kk,
                name_ru=rd.name_ru,
                problem=AcceptanceProblem.EXPIRED,
                document_number=doc.document_number,
                valid_until=_last_valid_day(doc, rd),
            )
        )
    AcceptanceRefusalItem.objects.bulk_create(items)
    audit_record(
        actor=actor,
        action="delivery.acceptance_refusal_issue",
        obj=refusal,
        before={},
        after={
            "number": refusal.number,
            "service": service.code,
            "branch": branch.code,
            "recipient_iin": recipient_iin,  # masked by audit_record
            "missing": missing_ids,
            "expired": expired_ids,
        },
    )
    refusal_id = refusal.pk

    def issue() -> None:
        # Law 21.2-2: the receipt is signed and kept when the refusal is recorded (ADR 0017);
        # if it cannot be signed now, its first download signs it.
        from qyzmet.delivery import documents  # documents import these services

        issued = AcceptanceRefusal.objects.select_related("branch", "service", "operator").get(pk=refusal_id)
        documents.acceptance_refusal_pdf(refusal=issued)

    transaction.on_commit(issue, robust=True)
    return refusal
