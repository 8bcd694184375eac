"""The survey questions and the indicator names are worded as the STD appendix words them
(column 1 of the table; the Kazakh original, a faithful Russian translation, and English)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from qyzmet.quality.enums import CaseKind, Indicator
from qyzmet.quality.tests.factories import invitation_make

pytestmark = pytest.mark.django_db

# The appendix table, point by point (kk: the original's words).
APPENDIX = {
    "kk": {
        "1.1": "Құжаттарды тапсырған сәттен бастап белгіленген мерзімде қызметті ұсыну оқиғаларының",
        "2.1": "Қызметті ұсыну үдерісінің сапасына қанағаттанған тұтынушылардың",
        "3.1": "Қызметті ұсынудың сапасына және оны ұсыну тәртібі туралы ақпаратқа қанағаттанған",
        "3.2": "Ақпаратқа электронды форматта қол жеткізуге болатын қызметтер",
        "4.1": "Шағымданудың қолданыстағы тәртібіне қанағаттанған тұтынушылардың",
        "5.1": "Персоналдың сыпайылығына қанағаттанған тұтынушылардың",
    },
    "ru": {
        "1.1": "в установленный срок с момента сдачи документов",
        "2.1": "удовлетворённых качеством процесса предоставления услуги",
        "3.1": "удовлетворённых качеством предоставления услуги и информацией о порядке её предоставления",
        "3.2": "информация о которых доступна в электронном формате",
        "4.1": "удовлетворённых существующим порядком обжалования",
        "5.1": "удовлетворённых вежливостью персонала",
    },
    "en": {
        "1.1": "within the set term from the moment the documents are handed in",
        "2.1": "satisfied with the quality of the delivery process",
        "3.1": "satisfied with the quality of delivery and the information on the procedure of its delivery",
        "3.2": "whose information is accessible in electronic format",
        "4.1": "satisfied with the existing complaint procedure",
        "5.1": "satisfied with the politeness of the staff",
    },
}
QUESTIONS = {
    "kk": {
        "2.1": "Қызметті ұсыну үдерісінің сапасына",
        "3.1": "Қызметті ұсынудың сапасына және оны ұсыну тәртібі туралы ақпаратқа",
        "4.1": "Шағымданудың қолданыстағы тәртібіне",
        "5.1": "Персоналдың сыпайылығына",
    },
    "ru": {
        "2.1": "качеством процесса предоставления услуги",
        "3.1": "качеством предоставления услуги и информацией о порядке её предоставления",
        "4.1": "существующим порядком обжалования",
        "5.1": "вежливостью персонала",
    },
    "en": {
        "2.1": "the quality of the process of delivering the service",
        "3.1": "the quality of delivery of the service and the information on the procedure of its delivery",
        "4.1": "the existing complaint procedure",
        "5.1": "the politeness of the staff",
    },
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_std_appendix_3_1_wording_and_every_indicator_name_follow_the_appendix(lang):
    with translation.override(lang):
        labels = {code: str(label) for code, label in Indicator.choices}
    for code, words in APPENDIX[lang].items():
        assert words in labels[code], (code, labels[code])


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_std_appendix_3_1_wording_of_the_survey_questions_on_the_page(client, lang):
    client.cookies["qyzmet_language"] = lang
    service_survey = client.get(reverse("quality:survey", args=[invitation_make().token])).content.decode()
    complaint = invitation_make(case_kind=CaseKind.COMPLAINT)
    complaint_survey = client.get(reverse("quality:survey", args=[complaint.token])).content.decode()
    for code in ("2.1", "3.1", "5.1"):
        assert QUESTIONS[lang][code] in service_survey, code
    for code in ("4.1", "5.1"):
        assert QUESTIONS[lang][code] in complaint_survey, code
