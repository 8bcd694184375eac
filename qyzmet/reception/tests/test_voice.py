"""CRC 14: «шақыру таңдалған тілде автоматты дауыс хабарламасымен сүйемелденеді» — every call is
announced by voice in the ticket's language. The server assembles the announcement from the
committed kk/ru clips in pure Python, so it needs no espeak-ng at run time (ADR 0030)."""

from __future__ import annotations

import array
import datetime as dt
import io
import math
import shutil
import wave
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from qyzmet.reception import voice
from qyzmet.reception.enums import TICKET_ZONES, ZoneKind
from qyzmet.reception.services import ticket_call_next, ticket_issue
from qyzmet.reception.tests.factories import VALID_IIN

ALMATY = ZoneInfo("Asia/Almaty")


def _facts(data: bytes) -> tuple[int, float, float]:
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        rate = w.getframerate()
        samples = array.array("h", w.readframes(w.getnframes()))
    rms = math.sqrt(sum(x * x for x in samples) / len(samples))
    return rate, len(samples) / rate, rms


@pytest.mark.parametrize(
    ("n", "kk", "ru"),
    [
        (0, "нөл", "ноль"),
        (1, "бір", "один"),
        (7, "жеті", "семь"),
        (10, "он", "десять"),
        (11, "он бір", "одиннадцать"),
        (19, "он тоғыз", "девятнадцать"),
        (20, "жиырма", "двадцать"),
        (42, "қырық екі", "сорок два"),
        (90, "тоқсан", "девяносто"),
        (100, "жүз", "сто"),
        (101, "жүз бір", "сто один"),
        (115, "жүз он бес", "сто пятнадцать"),
        (200, "екі жүз", "двести"),
        (340, "үш жүз қырық", "триста сорок"),
        (999, "тоғыз жүз тоқсан тоғыз", "девятьсот девяносто девять"),
        (1204, "бір екі нөл төрт", "один два ноль четыре"),  # above 999: digit by digit
    ],
)
def test_crc_14_numbers_are_read_as_kazakh_and_russian_number_words(n: int, kk: str, ru: str) -> None:
    assert voice.number_text(n, "kk") == kk
    assert voice.number_text(n, "ru") == ru


@given(st.integers(min_value=0, max_value=9999), st.sampled_from(voice.LANGUAGES))
def test_crc_14_every_number_is_spoken_with_clips_that_are_committed(n: int, lang: str) -> None:
    clips = voice.clip_texts(lang)
    for name in voice.number_clips(n, lang):
        assert name in clips
        assert (voice.CLIP_DIR / lang / f"{name}.wav").is_file()


def test_crc_14_the_committed_clips_are_the_whole_set_in_16_khz_mono() -> None:
    for lang in voice.LANGUAGES:
        expected = {f"{name}.wav" for name in voice.clip_texts(lang)}
        assert {p.name for p in (voice.CLIP_DIR / lang).glob("*.wav")} == expected
        for name in expected:
            rate, seconds, rms = _facts((voice.CLIP_DIR / lang / name).read_bytes())
            assert rate == voice.RATE and 0.1 < seconds < 3.0 and rms > 300, name


@pytest.mark.parametrize("lang", voice.LANGUAGES)
@pytest.mark.parametrize("zone", sorted(TICKET_ZONES))
def test_crc_14_an_announcement_is_assembled_in_pure_python_without_espeak(
    lang: str, zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no espeak-ng, no sox on this board server
    audio = voice.announcement_wav(code="C-123", desk=13, zone=zone, lang=lang, engine="espeak")
    rate, seconds, rms = _facts(audio)
    assert rate == 16_000 and 4.0 < seconds < 12.0 and rms > 1000
    clips = voice.announcement_clips(code="C-123", desk=13, zone=zone, lang=lang)
    assert clips[0] == "ticket" and f"zone-{zone}" in clips and "letter-C" in clips


def test_crc_14_the_sentence_names_the_ticket_the_zone_and_the_window() -> None:
    kk = voice.announcement_text(code="C-003", desk=5, zone=ZoneKind.CONSULTATION, lang="kk")
    ru = voice.announcement_text(code="C-003", desk=5, zone=ZoneKind.CONSULTATION, lang="ru")
    assert kk == "Талон нөмірі C 003. Консультация аймағындағы 5 нөмірлі терезеге өтіңіз."
    assert ru == "Талон номер C 003. Пройдите в зону «Консультация», окно номер 5."
    assert voice.announcement_clips(code="R-042", desk=2, zone=ZoneKind.RESULT, lang="kk") == [
        "ticket",
        "letter-R",
        "n40",
        "n2",
        voice.PAUSE,
        "zone-result",
        "n2",
        "go",
    ]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_crc_14_with_espeak_installed_the_whole_sentence_may_be_synthesised() -> None:
    audio = voice.announcement_wav(
        code="P-007", desk=1, zone=ZoneKind.PERSONAL_RECEPTION, lang="kk", engine="espeak"
    )
    rate, seconds, rms = _facts(audio)
    assert rate == 22_050  # espeak-ng's own rate: synthesised, not assembled
    assert seconds > 3.0 and rms > 500


@pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("sox") is None, reason="espeak-ng or sox missing"
)
def test_crc_14_the_clip_command_makes_the_committed_set(tmp_path: Path) -> None:
    call_command("reception_voice_clips", out=str(tmp_path), stdout=io.StringIO())
    for lang in voice.LANGUAGES:
        made = {p.name for p in (tmp_path / lang).glob("*.wav")}
        assert made == {p.name for p in (voice.CLIP_DIR / lang).glob("*.wav")}
        assert _facts((tmp_path / lang / "ticket.wav").read_bytes())[0] == voice.RATE


@pytest.mark.django_db
def test_crc_14_the_board_fetches_a_calls_announcement_in_the_language_asked(
    client: Client, crc: Any
) -> None:
    result = crc.hall.zones.get(kind=ZoneKind.RESULT)
    at = dt.datetime(2026, 11, 23, 11, 0, tzinfo=ALMATY)
    waiting = ticket_issue(actor=None, zone=result, language="ru", visitor_iin=VALID_IIN, now=at)
    called = ticket_issue(actor=None, zone=result, language="kk", visitor_iin=VALID_IIN, now=at)
    assert ticket_call_next(actor=None, desk=result.desks.get(number=3), now=at) == waiting
    resp = client.get(f"/reception/board/main/announce/{waiting.pk}/ru.wav")
    assert resp.status_code == 200 and resp["Content-Type"] == "audio/wav"
    assert resp["Content-Language"] == "ru" and "max-age" in resp["Cache-Control"]
    _rate, seconds, rms = _facts(resp.content)
    assert seconds > 4.0 and rms > 1000
    # the board's state points at it, in the ticket's language
    state = client.get("/reception/board/main/state.json").json()
    assert state["calls"][0]["audio"] == f"/reception/board/main/announce/{waiting.pk}/ru.wav"
    # not yet called, another hall, or a language the centre does not announce in: nothing
    assert client.get(f"/reception/board/main/announce/{called.pk}/kk.wav").status_code == 404
    assert client.get(f"/reception/board/other/announce/{waiting.pk}/ru.wav").status_code == 404
    assert client.get(f"/reception/board/main/announce/{waiting.pk}/en.wav").status_code == 404


@pytest.mark.django_db
def test_crc_14_the_board_fills_the_screen_without_controls_and_says_a_label_once(
    client: Client, crc: Any
) -> None:
    html = client.get("/reception/board/main/").content.decode()
    assert "<button" not in html.replace('<button type="button" id="board-unmute-button">', "")
    assert 'id="board-unmute" hidden' in html and 'id="board-clock"' in html
    assert "qz-header" not in html and "govuk-footer" not in html  # the whole screen is the board's
    assert "Консультация / Консультация" not in html and "Талон / Талон" not in html
    assert '<span lang="kk">Терезе</span> / <span lang="ru">Окно</span>' in html
