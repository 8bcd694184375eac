"""Enumerations of the register of public services (Law 12-15, 18, 19-1, 24; STD)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy


class RecipientCategory(models.TextChoices):
    """Law 1.3, STD 6: who may receive the service."""

    INDIVIDUAL = "individual", _("Individual")
    LEGAL_ENTITY = "legal_entity", _("Legal entity")


class VersionStatus(models.TextChoices):
    """Life cycle of a standard version (Law 15); changed only by registry services."""

    DRAFT = "draft", _("Draft")
    IN_DISCUSSION = "in_discussion", _("In public discussion")
    AGREED = "agreed", _("Agreed with interested bodies")
    APPROVED = "approved", _("Approved")


class Channel(models.TextChoices):
    """Law 18: the channels through which a service is delivered."""

    PROVIDER = "provider", _("Directly at the provider")
    STATE_CORPORATION = "state_corporation", _("Through the State Corporation (Public Service Centre)")
    EGOV_PORTAL = "egov_portal", _("Through the e-government portal")
    LANDLINE = "landline", _("Through a landline subscriber device")
    MOBILE = "mobile", _("Through a mobile subscriber device")
    OTHER_ECHANNEL = "other_echannel", _("Through another electronic channel")


ELECTRONIC_CHANNELS: frozenset[str] = frozenset(
    {Channel.EGOV_PORTAL, Channel.LANDLINE, Channel.MOBILE, Channel.OTHER_ECHANNEL}
)


class TermUnit(models.TextChoices):
    """Unit of a delivery term (Law 14.3-1, STD 7)."""

    MINUTES = "minutes", _("minutes")
    HOURS = "hours", _("hours")
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")


def term_text(amount: int, unit: str) -> str:
    """A term as it is read, the unit in the plural form its number takes in the active
    language (``ngettext``): «1 рабочий день», «3 рабочих дня», «5 рабочих дней», «1 жұмыс
    күні», "1 working day". The unit's label alone (``get_term_unit_display``) is for lists."""
    if unit == TermUnit.MINUTES:
        text = ngettext("%(count)d minute", "%(count)d minutes", amount)
    elif unit == TermUnit.HOURS:
        text = ngettext("%(count)d hour", "%(count)d hours", amount)
    elif unit == TermUnit.CALENDAR_DAYS:
        text = ngettext("%(count)d calendar day", "%(count)d calendar days", amount)
    else:
        text = ngettext("%(count)d working day", "%(count)d working days", amount)
    return text % {"count": amount}


class AutomationForm(models.TextChoices):
    """STD 2: form of the service."""

    FULLY_AUTOMATED = "fully_automated", _("Fully automated")
    PARTIALLY_AUTOMATED = "partially_automated", _("Partially automated")
    NOT_AUTOMATED = "not_automated", _("Not automated")


class ResultForm(models.TextChoices):
    """STD 5, Law 21: form of the result."""

    PAPER = "paper", _("Paper document")
    ELECTRONIC = "electronic", _("Electronic document")
    STATE_SYSTEM_RECORD = "state_system_record", _("Record in a state information system")


class PaymentMethod(models.TextChoices):
    """Law 24, STD 8: how the fee is paid (empty for a free service)."""

    NONE = "", _("Not applicable (free)")
    PAYMENT_GATEWAY = "payment_gateway", _("Through the e-government payment gateway")
    BANK = "bank", _("Through a bank or a payment terminal")
    CASH_DESK = "cash_desk", _("At a cash desk of a second-tier bank or Kazpost")


class FeeExemption(models.TextChoices):
    """STD 8, 11: who the standard lets off the fee (the categories come from the law that sets
    the fee, e.g. the Tax Code for a state duty; a standard names the ones that apply). An
    applicant claiming one pays nothing and presents the standard's documents "for privileged
    persons" as proof (ADR 0019)."""

    WAR_VETERAN = "war_veteran", _("Veterans of the Great Patriotic War and persons equated to them")
    DISABILITY_GROUP_1_2 = "disability_group_1_2", _("Persons with disabilities of group 1 or 2")
    LARGE_FAMILY = "large_family", _("Mothers of large families awarded a pendant or order")
    ORPHAN = "orphan", _("Orphans and children left without parental care")
    LOW_INCOME = "low_income", _("Recipients of targeted social assistance")


class DocumentPresence(models.TextChoices):
    """Whether the applicant shows an original or hands in a copy (STD 11, Law 5.2)."""

    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    ORIGINAL_FOR_CHECK = "original_for_check", _("Original for identification (returned)")


class DeliveryMethod(models.TextChoices):
    """STD 16: how the result reaches the recipient."""

    EMAIL = "email", _("By e-mail")
    PORTAL = "portal", _("To the personal account on the portal")
    IN_PERSON = "in_person", _("In person")
    COURIER = "courier", _("By courier")


class RefusalGround(models.TextChoices):
    """The six statutory grounds of Law 19-1.2. Each member has ``texts`` (kk/ru/en) and
    ``citation``. Other laws may add grounds: those are ``OtherRefusalGround`` rows."""

    UNRELIABLE_DOCUMENTS = (
        "unreliable_documents",
        _("The documents or the data in them submitted by the recipient are found unreliable"),
    )
    NONCOMPLIANT_WITH_REQUIREMENTS = (
        "noncompliant_with_requirements",
        _(
            "The recipient or the submitted materials, objects or data do not meet the requirements "
            "of normative legal acts"
        ),
    )
    NEGATIVE_APPROVAL_OR_EXPERTISE = (
        "negative_approval_or_expertise",
        _(
            "A negative answer of an authorised state body to a required approval, or a negative "
            "conclusion of an examination, study or inspection"
        ),
    )
    COURT_BAN_ON_ACTIVITY = (
        "court_ban_on_activity",
        _(
            "A court decision (verdict) in force banning the recipient's activity or the kinds of "
            "activity that need the service"
        ),
    )
    COURT_DEPRIVATION_OF_SPECIAL_RIGHT = (
        "court_deprivation_of_special_right",
        _("A court decision in force depriving the recipient of the special right linked to the service"),
    )
    NO_CONSENT_TO_RESTRICTED_DATA = (
        "no_consent_to_restricted_data",
        _("The recipient does not consent to access to restricted personal data required for the service"),
    )

    @property
    def citation(self) -> str:
        return f"Law 19-1.2({_GROUND_NUMBER[self.value]})"

    @property
    def texts(self) -> dict[str, str]:
        return dict(REFUSAL_GROUND_TEXTS[self.value])

    def citation_text(self, language: str) -> str:
        """The point it cites, written out in ``language`` (kk/ru; en otherwise)."""
        n = _GROUND_NUMBER[self.value]
        if language == "kk":
            return f"Заңның 19-1-бабы 2-тармағының {n}) тармақшасы"
        if language == "ru":
            return f"подпункт {n}) пункта 2 статьи 19-1 Закона"
        return self.citation

    def short_text(self, language: str) -> str:
        """A few words naming the ground, with the point it cites (an SMS has no room for more)."""
        lang = language if language in ("kk", "ru") else "en"
        return f"{REFUSAL_GROUND_SHORT_TEXTS[self.value][lang]} ({self.citation_text(lang)})"


_GROUND_NUMBER: dict[str, int] = {
    "unreliable_documents": 1,
    "noncompliant_with_requirements": 2,
    "negative_approval_or_expertise": 3,
    "court_ban_on_activity": 4,
    "court_deprivation_of_special_right": 5,
    "no_consent_to_restricted_data": 6,
}

# Law 19-1.2: each ground in a few words (an SMS names the ground, the letter gives it in full).
REFUSAL_GROUND_SHORT_TEXTS: dict[str, dict[str, str]] = {
    "unreliable_documents": {
        "kk": "құжаттардың (деректердің) анық еместігі",
        "ru": "недостоверность документов (сведений)",
        "en": "documents or data unreliable",
    },
    "noncompliant_with_requirements": {
        "kk": "нормативтік құқықтық актілердің талаптарына сәйкес келмеу",
        "ru": "несоответствие требованиям нормативных правовых актов",
        "en": "requirements of legal acts not met",
    },
    "negative_approval_or_expertise": {
        "kk": "уәкілетті органның теріс жауабы не сараптаманың теріс қорытындысы",
        "ru": "отрицательный ответ уполномоченного органа или заключение экспертизы",
        "en": "negative approval or examination",
    },
    "court_ban_on_activity": {
        "kk": "қызметке тыйым салу туралы сот шешімі",
        "ru": "решение суда о запрещении деятельности",
        "en": "court ban on the activity",
    },
    "court_deprivation_of_special_right": {
        "kk": "сот үкімімен арнаулы құқықтан айырылу",
        "ru": "лишение специального права приговором суда",
        "en": "special right removed by a court",
    },
    "no_consent_to_restricted_data": {
        "kk": "дербес деректерге қол жеткізуге келісімнің болмауы",
        "ru": "нет согласия на доступ к персональным данным",
        "en": "no consent to restricted personal data",
    },
}

REFUSAL_GROUND_TEXTS: dict[str, dict[str, str]] = {
    "unreliable_documents": {
        "kk": "Көрсетілетін қызметті алушы ұсынған құжаттардың және (немесе) олардағы "
        "деректердің (мәліметтердің) анық еместігін анықтау (Заңның 19-1-бабы 2-тармағының 1) тармақшасы)",
        "ru": "Установление недостоверности документов, представленных услугополучателем, и (или) "
        "данных (сведений), содержащихся в них (подпункт 1) пункта 2 статьи 19-1 Закона)",
        "en": "The documents submitted by the recipient or the data in them are found unreliable "
        "(Law 19-1.2(1))",
    },
    "noncompliant_with_requirements": {
        "kk": "Көрсетілетін қызметті алушының және (немесе) ұсынылған материалдардың, объектілердің, "
        "деректердің және мәліметтердің нормативтік құқықтық актілерде белгіленген талаптарға "
        "сәйкес келмеуі (Заңның 19-1-бабы 2-тармағының 2) тармақшасы)",
        "ru": "Несоответствие услугополучателя и (или) представленных материалов, объектов, данных и "
        "сведений требованиям, установленным нормативными правовыми актами (подпункт 2) пункта 2 "
        "статьи 19-1 Закона)",
        "en": "The recipient or the submitted materials, objects or data do not meet the "
        "requirements of normative legal acts (Law 19-1.2(2))",
    },
    "negative_approval_or_expertise": {
        "kk": "Уәкілетті мемлекеттік органның қажетті келісімі туралы сұрау салуға берілген теріс "
        "жауап, сондай-ақ сараптаманың, зерттеудің не тексерудің теріс қорытындысы (Заңның "
        "19-1-бабы 2-тармағының 3) тармақшасы)",
        "ru": "Отрицательный ответ уполномоченного государственного органа на запрос о "
        "согласовании, а также отрицательное заключение экспертизы, исследования либо проверки "
        "(подпункт 3) пункта 2 статьи 19-1 Закона)",
        "en": "A negative answer of an authorised state body to a required approval, or a "
        "negative conclusion of an examination, study or inspection (Law 19-1.2(3))",
    },
    "court_ban_on_activity": {
        "kk": "Көрсетілетін қызметті алушыға қатысты оның қызметіне немесе жекелеген қызмет "
        "түрлеріне тыйым салу туралы соттың заңды күшіне енген шешімінің (үкімінің) болуы "
        "(Заңның 19-1-бабы 2-тармағының 4) тармақшасы)",
        "ru": "Наличие в отношении услугополучателя вступившего в законную силу решения "
        "(приговора) суда о запрещении деятельности или отдельных видов деятельности (подпункт "
        "4) пункта 2 статьи 19-1 Закона)",
        "en": "A court decision (verdict) in force banning the recipient's activity or the kinds "
        "of activity that need the service (Law 19-1.2(4))",
    },
    "court_deprivation_of_special_right": {
        # Worded as amended by Law No. 96-VII of 30.12.2021 (in force 02.03.2022): a verdict.
        "kk": "Көрсетілетін қызметті алушыға қатысты соттың заңды күшіне енген үкімінің болуы, "
        "оның негізінде көрсетілетін қызметті алушының мемлекеттік көрсетілетін қызметті алумен "
        "байланысты арнаулы құқығынан айырылуы (Заңның 19-1-бабы 2-тармағының 5) тармақшасы)",
        "ru": "Наличие в отношении услугополучателя вступившего в законную силу приговора суда, на "
        "основании которого услугополучатель лишен специального права, связанного с получением "
        "государственной услуги (подпункт 5) пункта 2 статьи 19-1 Закона)",
        "en": "A court verdict in force depriving the recipient of the special right linked to "
        "the service (Law 19-1.2(5))",
    },
    "no_consent_to_restricted_data": {
        "kk": "Мемлекеттік қызмет көрсету үшін талап етілетін, қолжетімділігі шектеулі дербес "
        "деректерге қол жеткізуге көрсетілетін қызметті алушының келісім бермеуі (Заңның "
        "19-1-бабы 2-тармағының 6) тармақшасы)",
        "ru": "Отсутствие согласия услугополучателя на доступ к персональным данным "
        "ограниченного доступа, которые требуются для оказания государственной услуги "
        "(подпункт 6) пункта 2 статьи 19-1 Закона)",
        "en": "The recipient does not consent to access to restricted personal data required for "
        "the service (Law 19-1.2(6))",
    },
}


class FormFieldType(models.TextChoices):
    """Datatype of an application form field (mapped to Open311 datatypes in the API)."""

    STRING = "string", _("String")
    # A context of its own: "Number" alone is a column of document numbers elsewhere.
    NUMBER = "number", pgettext_lazy("form field type", "Number")
    DATE = "date", _("Date")
    BOOLEAN = "boolean", _("Yes / no")
    CHOICE = "choice", _("Choice from a list")
    TEXT = "text", _("Long text")
    # Issue 13.8 (ADR 0020): typed fields, each checked on the server by its type.
    IIN = "iin", _("IIN (12 digits, check digit)")
    BIN = "bin", _("BIN (12 digits, check digit)")
    EMAIL = "email", _("E-mail address")
    PHONE_KZ = "phone_kz", _("Kazakh mobile phone (+7 7XX XXX XX XX)")
    IBAN_KZ = "iban_kz", _("Kazakh bank account (IBAN: KZ and 18 characters)")
    AMOUNT = "amount", _("Amount in tenge")


class FormFieldPrefill(models.TextChoices):
    """What the portal already knows for a field (ADR 0020): shown from the applicant's profile,
    never asked again (Law 5.2: no information the state already holds is demanded)."""

    NONE = "", _("Asked on the form")
    APPLICANT_IIN = "applicant_iin", _("The applicant's IIN (profile)")
    APPLICANT_PHONE = "applicant_phone", _("The applicant's mobile phone (profile)")
    APPLICANT_EMAIL = "applicant_email", _("The applicant's e-mail (profile)")


class DocumentRole(models.TextChoices):
    """What a required document is, where the portal treats it differently (ADR 0020)."""

    OTHER = "", _("A document the applicant presents")
    # The portal's form itself is the application: never an upload there.
    APPLICATION_FORM = "application_form", _("The application itself")
    # Not asked when the applicant signed in with an e-signature (identified by it).
    IDENTITY_DOCUMENT = "identity_document", _("Identity document")
    # The proof that the fee was paid (STD 8). Never asked when the fee is paid through the
    # payment gateway, which holds that proof (Law 5.2, last paragraph, 1); ADR 0019).
    FEE_RECEIPT = "fee_receipt", _("Proof of payment of the fee")


class DiscussionStatus(models.TextChoices):
    """Law 15: a discussion is open for 10 working days, then closed with a report."""

    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed; report published")


class CommentDecision(models.TextChoices):
    """Law 15: the drafting body accepts or rejects each comment with a reason."""

    PENDING = "pending", _("Not yet decided")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", pgettext_lazy("comment decision", "Rejected")


class TermStart(models.TextChoices):
    """STD 7.1: from when a delivery term counts."""

    # 7.1 a): from handing in the documents of STD 11 to the provider or the State Corporation
    SUBMISSION = "submission", _("from the submission of the documents")
    # 7.1 b): from the registration of the application (the ticket, the queue number)
    REGISTRATION = "registration", _("from the registration of the application")
    # 7.1 c): from the e-request on the portal
    EREQUEST = "erequest", _("from the e-request")


class InformationSourceKind(models.TextChoices):
    """STD 4: where information on the procedure and the status of the service is published."""

    EGOV_PORTAL = "egov_portal", _("The e-government portal")
    PROVIDER_WEBSITE = "provider_website", _("The provider's internet resource")
    CONTACT_CENTRE = "contact_centre", _("The Unified Contact Centre")
    HOTLINE = "hotline", _("A help desk (hotline)")
    FREE_PHONE = "free_phone", _("A free telephone number")
    STATE_CORPORATION = "state_corporation", _("The State Corporation")
    PROVIDER_PREMISES = "provider_premises", _("Information stands at the provider's premises")
    MASS_MEDIA = "mass_media", _("Mass media")
    OTHER = "other", _("Other source")

    @property
    def is_electronic(self) -> bool:
        """Issue 15 item 3: the sources the recipient reaches electronically."""
        return self.value in ELECTRONIC_INFORMATION_SOURCES


ELECTRONIC_INFORMATION_SOURCES: frozenset[str] = frozenset(
    {"egov_portal", "provider_website", "contact_centre"}
)


class WorkPrinciple(models.TextChoices):
    """STD 18: the principles of the provider's and the State Corporation's work."""

    POLITENESS = "politeness", _("Politeness")
    FULL_INFORMATION = "full_information", _("Full information on the procedure of the service")
    DOCUMENT_CONFIDENTIALITY = (
        "document_confidentiality",
        _("Safekeeping, protection and confidentiality of the information on the contents of documents"),
    )
    UNCOLLECTED_STORAGE = "uncollected_storage", _("Storage of documents not collected in time")
    OTHER = "other", _("Other principle")


class ComplaintAddressKind(models.TextChoices):
    """STD 21-23: where a recipient turns about a decision, action or inaction."""

    # 21: the body that explains the procedure of appeal and helps to prepare a complaint
    EXPLAINS = "explains", _("Explains the appeal procedure and helps with a complaint")
    # 22: the higher instance
    HIGHER_INSTANCE = "higher", _("Higher instance")
    # 23: the body that delivers the service directly
    PROVIDER = "provider", _("The provider delivering the service")
