"""CRC 18 and issue 20.4 on the appeal's page: the "File a complaint" form carries one key per
form shown (a hidden ``submission``), passed to ``answer_complain`` as ``answer:<key>``: the
form sent twice (a double click, a resend) files one complaint and both requests land on its
page; sent again under its key after the substance was changed, it files nothing and says so
plainly in the user's language, keeping what was typed, with a new key to file it as another."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from qyzmet.core.models import AuditLog
from qyzmet.notify.models import OutboxMessage
from qyzmet.reception.models import Appeal
from qyzmet.reception.tests.factories import answered_appeal

pytestmark = pytest.mark.django_db
SAID = {
    "kk": "Бұл нысан бұрын жіберілген, шағым тіркелді. Содан кейін өзгерткеніңіз жіберілмеді",
    "ru": "Эта форма уже отправлена, жалоба зарегистрирована. Внесённые после этого изменения не отправлены",
    "en": "This form was already sent and the complaint is registered. What you changed since was not sent",
}


@pytest.fixture
def appeal(crc: Any) -> Any:
    return answered_appeal(centre=crc.centre, text="Ответ дан.").appeal


def _written() -> tuple[int, int, int]:
    return (
        Appeal.objects.count(),
        AuditLog.objects.filter(action="reception.appeal_register").count(),
        OutboxMessage.objects.count(),
    )


def _key_of(html: str) -> str:
    """The key the complaint form carries (the hidden field right after its action)."""
    found = re.search(
        r'name="action" value="complain"><input type="hidden" name="submission" value="(\w+)"', html
    )
    assert found is not None
    return found.group(1)


def test_crc_18_a_complaint_about_an_answer_sent_twice_from_its_page_is_filed_once(
    client: Client, crc: Any, appeal: Any
) -> None:
    client.force_login(crc.staff)
    url = f"/reception/appeals/{appeal.number}/"
    key = _key_of(client.get(url, follow=True).content.decode())
    posted = {"action": "complain", "substance": "Не согласен.", "submission": key}
    first = client.post(url, posted)
    written = _written()
    second = client.post(url, posted)  # the double click, the browser's resend
    complaint = appeal.answer.complaints.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/reception/appeals/{complaint.number}/"
    assert _written() == written
    assert complaint.idempotency_key == f"answer:{key}"
    # A new page (a new key) files another complaint.
    fresh = _key_of(client.get(url, follow=True).content.decode())
    assert fresh != key
    client.post(url, {**posted, "submission": fresh})
    assert appeal.answer.complaints.count() == 2


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_crc_18_a_changed_complaint_sent_again_is_refused_in_plain_words(
    client: Client, crc: Any, appeal: Any, lang: str
) -> None:
    client.force_login(crc.staff)
    url = f"/reception/appeals/{appeal.number}/"
    key = _key_of(client.get(url, follow=True).content.decode())
    client.post(url, {"action": "complain", "substance": "Не согласен.", "submission": key})
    written = _written()
    changed = {"action": "complain", "substance": "Ответ неполный, прошу пересмотреть.", "submission": key}
    resp = client.post(url, changed, HTTP_ACCEPT_LANGUAGE=lang)
    html = resp.content.decode()
    assert resp.status_code == 400
    assert _written() == written  # nothing filed
    assert SAID[lang] in html
    assert "Idempotency-Key" not in html
    assert "Ответ неполный, прошу пересмотреть.</textarea>" in html  # what was typed is kept
    renewed = _key_of(html)
    assert renewed != key
    # Sent again with the new key, it is another complaint.
    assert client.post(url, {**changed, "submission": renewed}).status_code == 302
    assert appeal.answer.complaints.count() == 2


def _opened(client: Client, url: str) -> str:
    """The appeal's page opened anew: the same address with the complaint form's new key, the
    address Back comes to again."""
    resp = client.get(url)
    assert resp.status_code == 302
    location = str(resp["Location"])
    assert location.startswith(f"{url}?submission=")
    return location


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_crc_18_back_and_resend_of_the_complaint_about_an_answer_files_once(
    client: Client, crc: Any, appeal: Any, lang: str
) -> None:
    """Tester's finding 21.2: filed, Back, sent again filed a second complaint (Back fetched the
    no-store page again with a new key). The key is in the appeal page's address now: Back
    shows the same key, says the complaint was filed with a link to it, and sending again
    lands on it; changed, it is refused as before."""
    client.force_login(crc.staff)
    url = f"/reception/appeals/{appeal.number}/"
    page_url = _opened(client, url)
    key = _key_of(client.get(page_url).content.decode())
    posted = {"action": "complain", "substance": "Не согласен.", "submission": key}
    first = client.post(page_url, posted)
    complaint = appeal.answer.complaints.get()
    assert first["Location"] == f"/reception/appeals/{complaint.number}/"
    written = _written()

    back = client.get(page_url, HTTP_ACCEPT_LANGUAGE=lang)
    html = back.content.decode()
    assert back.status_code == 200 and _key_of(html) == key
    filed = {
        "en": f"This form was already sent: complaint {complaint.number} is registered.",
        "ru": f"Эта форма уже отправлена: жалоба {complaint.number} зарегистрирована.",
        "kk": f"Бұл нысан бұрын жіберілген: {complaint.number} шағымы тіркелді.",
    }
    assert filed[lang] in html
    assert f'href="/reception/appeals/{complaint.number}/"' in html and f'href="{url}"' in html
    resent = client.post(page_url, posted, HTTP_ACCEPT_LANGUAGE=lang)
    assert resent["Location"] == first["Location"]
    assert _written() == written and appeal.answer.complaints.count() == 1

    changed = client.post(page_url, {**posted, "substance": "Басқа мәтін."}, HTTP_ACCEPT_LANGUAGE=lang)
    assert changed.status_code == 400 and _key_of(changed.content.decode()) != key
    assert _written() == written

    again = _opened(client, url)  # opened anew: a new key, another complaint
    assert again != page_url and "sent-already" not in client.get(again).content.decode()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("kk", "Жауапқа шағымды осы орталықтың Мемлекеттік корпорация жұмыскері қабылдайды"),
        ("ru", "Жалобу на ответ принимает работник Государственной корпорации в этом центре"),
    ],
)
def test_crc_18_the_answering_body_s_officer_is_told_who_takes_the_complaint(
    client: Client, appeal: Any, lang: str, said: str
) -> None:
    """Tester's finding 21.10b: the competent body's officer may read the appeal, but a
    complaint about its own answer is taken by the centre's reception staff (CRC 18): the page
    offers them no complaint form, and a POST is refused 403 with that said, nothing filed."""
    from qyzmet.reception.tests.factories import body_officer

    client.force_login(body_officer(appeal.competent_body, username="ministry.officer"))
    url = f"/reception/appeals/{appeal.number}/"
    assert client.get(url, follow=True).status_code == 200
    written = _written()
    resp = client.post(
        url,
        {"action": "complain", "substance": "Не согласен с ответом.", "submission": "k1"},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    html = resp.content.decode()
    assert resp.status_code == 403 and said in html
    assert 'value="complain"' not in html  # the form is not offered to them either
    assert _written() == written
