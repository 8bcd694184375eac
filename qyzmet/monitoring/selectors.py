"""Reads of the public monitoring (Law 29) and of the public indicators page.

``conclusion_list`` and ``measure_list`` are the interface other apps read (the quality
assessment, Law 28, and the yearly report, Law 23.5, in ``oversight``): published conclusions
and the measures the bodies took on them (Law 29.4). They carry no personal data of the
monitor beyond the name the conclusion is published under.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from qyzmet.monitoring.enums import ConclusionStatus
from qyzmet.monitoring.models import Measure, MonitoringConclusion
from qyzmet.orgs.models import Organisation
from qyzmet.registry.models import Service


def conclusion_list(
    *,
    body: Organisation | None = None,
    service: Service | None = None,
    year: int | None = None,
    published_only: bool = True,
) -> QuerySet[MonitoringConclusion]:
    """Law 29.3: the conclusions of public monitorings, newest first. ``body``: those of
    monitorings that covered the body; ``service``: those that covered the service or propose
    to change its by-law (29.3.4); ``year``: published in that year (a draft: created in it).
    ``published_only=False`` adds drafts: for internal reads only, never shown to the public."""
    qs = MonitoringConclusion.objects.select_related("monitoring")
    if published_only:
        qs = qs.filter(status=ConclusionStatus.PUBLISHED)
    if body is not None:
        qs = qs.filter(monitoring__bodies=body)
    if service is not None:
        qs = qs.filter(Q(monitoring__services=service) | Q(bylaw_proposals__service=service))
    if year is not None:
        qs = qs.filter(
            Q(status=ConclusionStatus.PUBLISHED, published_on__year=year)
            | (~Q(status=ConclusionStatus.PUBLISHED) & Q(created_at__year=year))
        )
    if body is not None or service is not None:
        qs = MonitoringConclusion.objects.select_related("monitoring").filter(pk__in=qs.values("pk"))
    return qs.order_by("-published_on", "-id")


def measure_list(
    *,
    conclusion: MonitoringConclusion | None = None,
    body: Organisation | None = None,
    year: int | None = None,
) -> QuerySet[Measure]:
    """Law 29.4: the measures the addressed bodies took on published conclusions, in the order
    they were taken. ``year``: taken in that year."""
    qs = Measure.objects.select_related("conclusion", "conclusion__monitoring", "body").filter(
        conclusion__status=ConclusionStatus.PUBLISHED
    )
    if conclusion is not None:
        qs = qs.filter(conclusion=conclusion)
    if body is not None:
        qs = qs.filter(body=body)
    if year is not None:
        qs = qs.filter(taken_on__year=year)
    return qs.order_by("taken_on", "id")
