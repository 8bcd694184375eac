"""Core reads: the audit trail of an object, who may see a full IIN, the signed documents."""

from __future__ import annotations

from django.db.models import QuerySet

from qyzmet.core.models import AuditLog, SignedDocument, User

# Law 20.3: staff who identify the applicant in person or decide on the application see the
# full IIN; everyone else (contact-centre operators, inspectors, exports) sees the mask.
FULL_IIN_ROLES: tuple[str, ...] = (
    "provider_officer",
    "provider_head",
    "state_corporation_operator",
    "reception_staff",
)


def audit_trail(*, object_type: str, object_id: str | int) -> QuerySet[AuditLog]:
    """Every audit row of one object, oldest first."""
    return (
        AuditLog.objects.filter(object_type=object_type, object_id=str(object_id))
        .select_related("actor")
        .order_by("occurred_at", "id")
    )


def can_see_full_iin(*, user: User | None) -> bool:
    """True when the user's role needs the full IIN to identify an applicant (Law 20.3)."""
    if user is None or not user.is_authenticated:
        return False
    from qyzmet.orgs.selectors import has_role  # orgs depends on core, not the other way round

    return has_role(user=user, roles=FULL_IIN_ROLES)


def signed_document_list(*, kind: str, number: str) -> list[SignedDocument]:
    """Every stored language version of one issued document (ADR 0017)."""
    return list(SignedDocument.objects.filter(kind=kind, number=number))
