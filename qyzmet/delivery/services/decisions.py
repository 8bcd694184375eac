"""Decisions (Law 19-1, 21): a result (uploaded file or generated e-document) or a refusal
naming at least one statutory ground plus a reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from qyzmet.core.files import upload_check
from qyzmet.core.models import User
from qyzmet.delivery import selectors as delivery_selectors
from qyzmet.delivery.enums import ELECTRONIC_CHANNELS, ApplicationStatus, DocumentKind, ResultKind, StageKind
from qyzmet.delivery.errors import DeliveryErrorCode
from qyzmet.delivery.models import Application
from qyzmet.delivery.services.common import error, transition_check
from qyzmet.delivery.services.stages import _lock, move, provider_check
from qyzmet.registry.enums import RefusalGround
from qyzmet.registry.models import OtherRefusalGround


def _consent_needed_and_missing(application: Application) -> bool:
    service = application.service
    return bool(service and service.needs_protected_data_consent and not application.consent_given)


def _issue_on_commit(application: Application, kind: str, languages: tuple[str, ...]) -> None:
    """Law 21.2-2: sign and keep the document once the event that makes it is committed, so
    that its signing time is the time of issue (ADR 0017). ``robust``: a document that cannot
    be signed now (no key yet) is signed on its first download, the event stands."""
    application_id = application.pk

    def issue() -> None:
        from qyzmet.delivery.documents import documents_issue  # documents import these services

        documents_issue(application_id=application_id, kinds=(kind,), languages=languages)

    transaction.on_commit(issue, robust=True)


@transaction.atomic
def application_result_ready(
    *,
    actor: User,
    application: Application,
    result_file: File[Any] | None = None,
    result_summary_kk: str = "",
    result_summary_ru: str = "",
) -> Application:
    """Law 19-1, 21.2: the result is ready: an uploaded document, or (no file) an e-document
    generated from the data (``documents.result_pdf``, signed and kept on commit, ADR 0017).
    Issued means the recipient has it (Law 4.1.4, 21.2, 21.2-1): on an electronic channel an
    electronic result lands in the recipient's cabinet and is issued at once; a paper result
    (the standard's result form, or the recipient's chosen delivery in person or by courier,
    ``delivery_selectors.result_is_paper``) waits for pickup and is issued only when handed
    over (``application_issue``)."""
    application = _lock(application)
    provider_check(user=actor, application=application)
    if _consent_needed_and_missing(application):
        # Law 19-1.2(6), 20.6: without consent the service can only be refused.
        raise error(
            DeliveryErrorCode.CONSENT_MISSING,
            "Қорғалатын деректерді пайдалануға келісім жоқ: тек бас тартуға болады (Заңның 19-1-бабы 2-тармағының 6) тармақшасы).",
            "Нет согласия на использование охраняемых данных: возможен только отказ (подпункт 6) пункта 2 статьи 19-1 Закона).",
            "No consent to use protected data: the service can only be refused (Law 19-1.2(6)).",
        )
    extension = upload_check(file=result_file, field="result_file") if result_file else ""
    if not result_file and not (result_summary_kk.strip() or result_summary_ru.strip()):
        raise error(
            DeliveryErrorCode.RESULT_MISSING,
            "Нәтиже құжатын жүктеңіз немесе нәтиже мәтінін жазыңыз.",
            "Загрузите документ-результат или заполните текст результата.",
            "Upload the result document or write the result text.",
        )
    fields = ["result_kind", "result_ready_at", "result_summary_kk", "result_summary_ru"]
    if result_file is not None:
        application.result_kind = ResultKind.UPLOADED_FILE
        application.result_file.save(f"result{extension}", result_file, save=False)
        fields.append("result_file")
    else:
        application.result_kind = ResultKind.E_DOCUMENT
    application.result_summary_kk = result_summary_kk
    application.result_summary_ru = result_summary_ru
    application.result_ready_at = timezone.now()
    application = move(
        actor=actor,
        application=application,
        to=ApplicationStatus.RESULT_READY,
        stage=StageKind.RESULT_READY,
        action="delivery.application_result_ready",
        update_fields=tuple(fields),
    )
    if application.channel in ELECTRONIC_CHANNELS and not delivery_selectors.result_is_paper(
        application=application
    ):
        move(
            actor=actor,
            application=application,
            to=ApplicationStatus.ISSUED,
            stage=StageKind.ISSUED,
            action="delivery.application_issue",
        )
    if result_file is None:
        # The e-result is offered in kk and ru: both are signed when it is issued.
        _issue_on_commit(application, DocumentKind.RESULT, ("kk", "ru"))
    return application


@transaction.atomic
def application_refuse(
    *,
    actor: User,
    application: Application,
    grounds: Sequence[str] = (),
    other_grounds: Sequence[OtherRefusalGround] = (),
    reason: str,
) -> Application:
    """Law 19-1.1-2: a reasoned refusal naming at least one statutory ground (``RefusalGround``)
    or a ground of another law configured on the pinned version, plus a reason. Without the
    recipient's consent where the service needs it, ground 6 must be among them. A licence or
    permit (``is_licence_or_permit`` on the version) is refused only on the permits-law grounds
    configured on the version, never on those of 19-1.2 (Law 19-1.4)."""
    application = _lock(application)
    provider_check(user=actor, application=application)
    transition_check(application=application, to=ApplicationStatus.REFUSED)
    grounds = list(dict.fromkeys(grounds))
    version = application.standard_version
    licence = bool(version and version.is_licence_or_permit)
    if licence and grounds:
        # Law 19-1.4: point 2 does not apply to licences; the permits law governs.
        raise error(
            DeliveryErrorCode.REFUSAL_LICENCE_STATUTORY_GROUND,
            "Лицензиядан (рұқсаттан) Заңның 19-1-бабы 2-тармағының негіздерімен бас тартуға болмайды "
            "(Заңның 19-1-бабы 4-тармағы): «Рұқсаттар және хабарламалар туралы» Заңның негізін көрсетіңіз.",
            "В лицензии (разрешении) нельзя отказать по основаниям пункта 2 статьи 19-1 Закона "
            "(пункт 4 статьи 19-1 Закона): укажите основание Закона «О разрешениях и уведомлениях».",
            "A licence or permit cannot be refused on the grounds of Law 19-1.2 (Law 19-1.4): "
            'cite a ground of the Law "On permits and notifications".',
        )
    # The grounds the pinned standard lists (all six when it lists none); ground 6 is always
    # open when the consent the service needs is missing (Law 19-1.2(6), 20.6). None of them
    # for a licence or permit (Law 19-1.4).
    allowed = set(version.refusal_grounds or RefusalGround.values) if version else set(RefusalGround.values)
    if _consent_needed_and_missing(application):
        allowed.add(RefusalGround.NO_CONSENT_TO_RESTRICTED_DATA)
    if licence:
        allowed = set()
    unknown = [g for g in grounds if g not in RefusalGround.values or g not in allowed]
    other_ids = {o.pk for o in other_grounds}
    allowed_other = set(
        OtherRefusalGround.objects.filter(version=application.standard_version).values_list("pk", flat=True)
    )
    if unknown or not other_ids <= allowed_other:
        raise error(
            DeliveryErrorCode.REFUSAL_UNKNOWN_GROUND,
            "Бас тарту негізі қызмет стандартында жоқ.",
            "Такого основания для отказа нет в стандарте услуги.",
            "This refusal ground is not in the service's standard.",
        )
    if not grounds and not other_ids:
        raise error(
            DeliveryErrorCode.REFUSAL_WITHOUT_GROUND,
            "Бас тартудың заңдағы негізін көрсетіңіз (Заңның 19-1-бабы 2-тармағы).",
            "Укажите основание для отказа из закона (пункт 2 статьи 19-1 Закона).",
            "Name a statutory refusal ground (Law 19-1.2).",
        )
    if not reason.strip():
        raise error(
            DeliveryErrorCode.REFUSAL_WITHOUT_REASON,
            "Бас тартудың себебін жазыңыз (Заңның 19-1-бабы 1-тармағы).",
            "Укажите причину отказа (пункт 1 статьи 19-1 Закона).",
            "Write the reason for the refusal (Law 19-1.1).",
        )
    if (
        not licence
        and _consent_needed_and_missing(application)
        and RefusalGround.NO_CONSENT_TO_RESTRICTED_DATA not in grounds
    ):
        raise error(
            DeliveryErrorCode.CONSENT_MISSING,
            "Келісім жоқ: бас тарту 19-1-баптың 2-тармағының 6) тармақшасы бойынша ғана.",
            "Согласия нет: отказ возможен только по подпункту 6) пункта 2 статьи 19-1.",
            "No consent: the refusal must cite Law 19-1.2(6).",
        )
    application.refusal_grounds = grounds
    application.refusal_reason = reason.strip()
    application.save(update_fields=["refusal_grounds", "refusal_reason", "updated_at"])
    application.refusal_other_grounds.set(list(other_grounds))
    application = move(
        actor=actor,
        application=application,
        to=ApplicationStatus.REFUSED,
        stage=StageKind.REFUSED,
        action="delivery.application_refuse",
        note=reason.strip(),
    )
    # The refusal letter is in the application's language (Law 19-1.1).
    _issue_on_commit(application, DocumentKind.REFUSAL, (application.language,))
    return application
