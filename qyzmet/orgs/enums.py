"""Kinds of organisation (Law 1.4, 11, 11-1; UCC; CRC 4.3) and staff roles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    # Law 1.4: service providers
    CENTRAL_STATE_BODY = "central_state_body", _("Central state body")
    FOREIGN_INSTITUTION = "foreign_institution", _("Foreign institution of the RK")
    OBLAST_AKIMAT = "oblast_akimat", _("Local executive body of an oblast")
    CITY_REPUBLICAN_AKIMAT = (
        "city_republican_akimat",
        _("Local executive body of a city of republican significance"),
    )
    CAPITAL_AKIMAT = "capital_akimat", _("Local executive body of the capital")
    DISTRICT_AKIMAT = "district_akimat", _("Local executive body of a district")
    CITY_OBLAST_AKIMAT = "city_oblast_akimat", _("Local executive body of a city of oblast significance")
    CITY_DISTRICT_AKIM = "city_district_akim", _("Akim of a city district")
    TOWN_AKIM = "town_akim", _("Akim of a town")
    SETTLEMENT_AKIM = "settlement_akim", _("Akim of a settlement")
    VILLAGE_AKIM = "village_akim", _("Akim of a village")
    RURAL_DISTRICT_AKIM = "rural_district_akim", _("Akim of a rural district")
    OTHER_PROVIDER = "other_provider", _("Individual or legal entity delivering services")
    # Law 1.1, 11-1: the State Corporation and its branches (Public Service Centres)
    STATE_CORPORATION = "state_corporation", _("State Corporation")
    STATE_CORPORATION_BRANCH = (
        "state_corporation_branch",
        _("State Corporation branch (Public Service Centre)"),
    )
    # Law 1.9, 9.8: the Unified Contact Centre
    CONTACT_CENTRE = "contact_centre", _("Unified Contact Centre")
    # CRC 1: the Citizens' Reception Centre of the Government Apparatus
    RECEPTION_CENTRE = "reception_centre", _("Citizens' Reception Centre")
    # CRC 7, 20: the Government Apparatus (its Head approves the personal-reception schedules)
    # and its Department for work with citizens' appeals (agrees them, coordinates the centre)
    GOVERNMENT_APPARATUS = "government_apparatus", _("Government Apparatus")
    APPARATUS_DEPARTMENT = "apparatus_department", _("Department of the Government Apparatus")
    # CRC 4.3: any other body entitled to decide on an appeal
    OTHER_COMPETENT_BODY = "other_competent_body", _("Other competent body")


# Law 1.4: local executive bodies of oblasts, cities and districts, and akims.
LOCAL_BODY_KINDS: frozenset[str] = frozenset(
    {
        OrganisationKind.OBLAST_AKIMAT,
        OrganisationKind.CITY_REPUBLICAN_AKIMAT,
        OrganisationKind.CAPITAL_AKIMAT,
        OrganisationKind.DISTRICT_AKIMAT,
        OrganisationKind.CITY_OBLAST_AKIMAT,
        OrganisationKind.CITY_DISTRICT_AKIM,
        OrganisationKind.TOWN_AKIM,
        OrganisationKind.SETTLEMENT_AKIM,
        OrganisationKind.VILLAGE_AKIM,
        OrganisationKind.RURAL_DISTRICT_AKIM,
    }
)

PROVIDER_KINDS: frozenset[str] = frozenset(
    {
        OrganisationKind.CENTRAL_STATE_BODY,
        OrganisationKind.FOREIGN_INSTITUTION,
        *LOCAL_BODY_KINDS,
        OrganisationKind.OTHER_PROVIDER,
    }
)


class Authority(models.TextChoices):
    """The three authorities of Law 7, 8, 9 (an organisation may hold one or more)."""

    QUALITY = "quality", _("Authority for quality assessment and control of public services")
    PUBLIC_SERVICES = "public_services", _("Authority for public services")
    INFORMATIZATION = "informatization", _("Authority for informatization")


class RoleScope(models.TextChoices):
    OWN = "own", _("Own organisation")
    SUBTREE = "subtree", _("Own organisation and its subordinate bodies")
    NATIONAL = "national", _("All organisations")


class StaffRole(models.TextChoices):
    PROVIDER_OFFICER = "provider_officer", _("Provider officer")
    PROVIDER_HEAD = "provider_head", _("Provider head")
    STATE_CORPORATION_OPERATOR = "state_corporation_operator", _("State Corporation operator")
    CONTACT_CENTRE_OPERATOR = "contact_centre_operator", _("Contact-centre operator")
    RECEPTION_STAFF = "reception_staff", _("Reception staff")
    # CRC 21: the centre's head receives the final list of a personal reception
    RECEPTION_HEAD = "reception_head", _("Head of the Citizens' Reception Centre")
    # CRC 7, 20: the Department agrees the schedules; the Head of the Apparatus approves them
    APPEALS_DEPARTMENT_OFFICER = (
        "appeals_department_officer",
        _("Officer of the Department for citizens' appeals"),
    )
    HEAD_OF_APPARATUS = "head_of_apparatus", _("Head of the Government Apparatus")
    QUALITY_INSPECTOR = "quality_inspector", _("Quality inspector")
    REGISTRY_ADMINISTRATOR = "registry_administrator", _("Registry administrator")
    SYSTEM_ADMINISTRATOR = "system_administrator", _("System administrator")


# Where each role may act. A provider head oversees subordinate bodies; a quality inspector
# reads every body's complaint statistics (Law 7); the registry administrator keeps the
# national register (Law 8); everyone else acts for their own organisation only.
ROLE_SCOPE: dict[str, str] = {
    StaffRole.PROVIDER_OFFICER: RoleScope.OWN,
    StaffRole.PROVIDER_HEAD: RoleScope.SUBTREE,
    StaffRole.STATE_CORPORATION_OPERATOR: RoleScope.OWN,
    StaffRole.CONTACT_CENTRE_OPERATOR: RoleScope.OWN,
    StaffRole.RECEPTION_STAFF: RoleScope.OWN,
    StaffRole.RECEPTION_HEAD: RoleScope.OWN,
    StaffRole.APPEALS_DEPARTMENT_OFFICER: RoleScope.OWN,
    StaffRole.HEAD_OF_APPARATUS: RoleScope.OWN,
    StaffRole.QUALITY_INSPECTOR: RoleScope.NATIONAL,
    StaffRole.REGISTRY_ADMINISTRATOR: RoleScope.NATIONAL,
    StaffRole.SYSTEM_ADMINISTRATOR: RoleScope.NATIONAL,
}


class Region(models.TextChoices):
    """The first-level administrative units of Kazakhstan (17 oblasts and the three cities of
    republican significance), and "abroad" for foreign missions; named in the reader's
    language. Found by trying it: the region was a Kazakh-only text."""

    ABAI = "abai", _("Abai Region")
    AKMOLA = "akmola", _("Akmola Region")
    AKTOBE = "aktobe", _("Aktobe Region")
    ALMATY_REGION = "almaty_region", _("Almaty Region")
    ATYRAU = "atyrau", _("Atyrau Region")
    EAST_KAZAKHSTAN = "east_kazakhstan", _("East Kazakhstan Region")
    JAMBYL = "jambyl", _("Jambyl Region")
    JETISU = "jetisu", _("Jetisu Region")
    KARAGANDA = "karaganda", _("Karaganda Region")
    KOSTANAY = "kostanay", _("Kostanay Region")
    KYZYLORDA = "kyzylorda", _("Kyzylorda Region")
    MANGYSTAU = "mangystau", _("Mangystau Region")
    NORTH_KAZAKHSTAN = "north_kazakhstan", _("North Kazakhstan Region")
    PAVLODAR = "pavlodar", _("Pavlodar Region")
    TURKISTAN = "turkistan", _("Turkistan Region")
    ULYTAU = "ulytau", _("Ulytau Region")
    WEST_KAZAKHSTAN = "west_kazakhstan", _("West Kazakhstan Region")
    ASTANA = "astana", _("Astana")
    ALMATY = "almaty", _("Almaty")
    SHYMKENT = "shymkent", _("Shymkent")
    ABROAD = "abroad", _("Abroad")
