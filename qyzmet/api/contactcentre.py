"""REST v1 operations of the `contactcentre` app, for a telephony or chatbot front end of 1414.

Thin: each operation calls a selector. The front end signs in as a contact-centre operator
account (session auth); other users get 403 (contacts and lookups are personal data).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from ninja import Header, Router, Schema

from qyzmet.api.auth import scoped
from qyzmet.contactcentre import selectors
from qyzmet.contactcentre.errors import ContactCentreErrorCode
from qyzmet.core.errors import ApplicationError
from qyzmet.core.models import User
from qyzmet.core.throttling import by_target, refusal, throttle

router = Router(tags=["contactcentre"])


class ArticleOut(Schema):
    service_code: str
    state: str  # consultable | planned | not_planned (UCC 3, 9)
    planned_on: dt.date | None = None
    consultations_start_on: dt.date | None = None
    title_kk: str
    title_ru: str
    procedure_kk: str
    procedure_ru: str
    version: int


class CallerStageOut(Schema):
    kind: str
    label_kk: str
    label_ru: str
    occurred_at: dt.datetime


class ApplicationStageOut(Schema):
    number: str
    service_name_kk: str
    service_name_ru: str
    status: str
    status_kk: str
    status_ru: str
    due_on: dt.date
    stages: list[CallerStageOut]


class ComplaintAdviceOut(Schema):
    text: str


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@router.get(
    "/knowledge/search",
    response=list[ArticleOut],
    auth=scoped("contactcentre:read"),
    operation_id="knowledge_search",
)
def knowledge_search(request: HttpRequest, q: str) -> list[ArticleOut]:
    """Search the knowledge base by a caller's words (kk or ru, everyday words too)."""
    hits = selectors.knowledge_search(user=_user(request), query=q)
    return [
        ArticleOut(
            service_code=h.service.code,
            state=h.state,
            planned_on=h.planned_on,
            consultations_start_on=h.consultations_start_on,
            title_kk=h.article.title_kk if h.article else h.service.name_kk,
            title_ru=h.article.title_ru if h.article else h.service.name_ru,
            procedure_kk=h.article.procedure_kk if h.article else "",
            procedure_ru=h.article.procedure_ru if h.article else "",
            version=h.article.version if h.article else 0,
        )
        for h in hits
    ]


@router.get(
    "/applications/stage",
    response=ApplicationStageOut,
    auth=scoped("contactcentre:read"),
    operation_id="application_stage_for_caller",
)
def application_stage(
    request: HttpRequest, number: str, iin_last4: str = Header(..., alias="X-IIN-Last4")
) -> ApplicationStageOut | HttpResponse:
    """Law 23.4, UCC 15-16: the current stage of an application; the caller is identified by
    the last four digits of the IIN/BIN, sent in the ``X-IIN-Last4`` header (never in the URL,
    which request logs keep). Throttled with the console's counts (ADR 0011)."""
    wait = throttle(
        request,
        by_target("stage_operator", f"user:{_user(request).pk}"),
        by_target("stage_number", number),
    )
    if wait:
        return refusal(request, wait)
    found = selectors.application_stage_for_caller(user=_user(request), number=number, iin_last4=iin_last4)
    if found is None:
        raise ApplicationError(
            ContactCentreErrorCode.INVALID_IIN_DIGITS,
            {
                "kk": "Өтініш табылмады немесе ЖСН соңғы цифрлары сәйкес келмейді.",
                "ru": "Заявка не найдена или последние цифры ИИН не совпадают.",
                "en": "No application with this number and IIN digits.",
            },
        )
    return ApplicationStageOut(
        number=found.number,
        service_name_kk=found.service_name_kk,
        service_name_ru=found.service_name_ru,
        status=found.status,
        status_kk=found.status_kk,
        status_ru=found.status_ru,
        due_on=found.due_on,
        stages=[
            CallerStageOut(
                kind=k, label_kk=found.stage_labels[k][0], label_ru=found.stage_labels[k][1], occurred_at=t
            )
            for k, t in found.stages
        ],
    )


@router.get("/complaint-advice", response=ComplaintAdviceOut, operation_id="complaint_advice")
def complaint_advice(request: HttpRequest, language: str = "kk") -> ComplaintAdviceOut:
    """UCC 17, Law 25.2: how to complain and the review terms (public text)."""
    return ComplaintAdviceOut(text=selectors.complaint_advice(language=language))
