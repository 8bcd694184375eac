"""CRC 14: the voice announcement of a call, in the ticket's language (Kazakh or Russian).

«Көрсетілетін қызметті алушыны шақыру таңдалған тілде автоматты дауыс хабарламасымен
сүйемелденеді» — the call is accompanied by an automatic voice message in the chosen language.

The server produces the audio, so a board computer with no speech voices still speaks (ADR
0027). A sentence is assembled from short recorded clips — the phrases, the names of the
prefix letters and the number words — committed under ``voiceclips/<lang>/`` as 16 kHz mono
16-bit WAV files. They were synthesised once with Debian's espeak-ng by
``qyzmet reception_voice_clips`` (``make voice-clips``); at run time nothing but Python's
``wave`` module is needed. With ``QYZMET_RECEPTION_VOICE=espeak`` and espeak-ng installed, the
whole sentence is synthesised instead (better prosody); the clips remain the fallback.

Sentences (the desk is the board's "терезе" / "окно"):

- kk: «Талон нөмірі цэ үш. Консультация аймағындағы бес нөмірлі терезеге өтіңіз.»
- ru: «Талон номер цэ три. Пройдите в зону «Консультация», окно номер пять.»

Numbers 0-999 are read as words (Kazakh: units, tens and «жүз» composed, «екі жүз он бір»;
Russian: units, teens, tens and hundreds, «двести одиннадцать»); a number above 999 is read
digit by digit. A prefix letter is named as a Kazakh or Russian speaker names the Latin
letter («эр», «цэ»); a character without a clip is skipped (the board still shows it).
"""

from __future__ import annotations

import array
import functools
import io
import math
import re
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

from qyzmet.reception.enums import ZoneKind

CLIP_DIR = Path(__file__).resolve().parent / "voiceclips"
RATE = 16_000
LANGUAGES = ("kk", "ru")

# The Latin letters of ticket prefixes as they are spoken (both languages name them alike).
LETTERS: dict[str, str] = {
    "A": "а",
    "B": "бэ",
    "C": "цэ",
    "D": "дэ",
    "E": "е",
    "F": "эф",
    "G": "гэ",
    "H": "аш",
    "I": "и",
    "J": "жи",
    "K": "ка",
    "L": "эль",
    "M": "эм",
    "N": "эн",
    "O": "о",
    "P": "пэ",
    "Q": "ку",
    "R": "эр",
    "S": "эс",
    "T": "тэ",
    "U": "у",
    "V": "вэ",
    "W": "дубль вэ",
    "X": "икс",
    "Y": "игрек",
    "Z": "зэт",
}

# Where espeak-ng swallows a lone letter («и» as the conjunction, Kazakh «у» as a glide), the
# clip is made from espeak-ng's phonemes instead ([[…]]): a long, stressed vowel.
LETTER_PHONEMES: dict[str, dict[str, str]] = {"kk": {"U": "[['u:]]"}, "ru": {"I": "[['i:]]"}}

UNITS_KK = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
TENS_KK = ("", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
HUNDRED_KK = "жүз"

UNITS_RU = ("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
TEENS_RU = (
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
)
TENS_RU = (
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
)
HUNDREDS_RU = (
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
)

# The zones a ticket is called to (CRC 14), named where the sentence needs them.
ZONE_PHRASES: dict[str, dict[str, str]] = {
    "kk": {
        ZoneKind.RESULT: "Нәтиже аймағындағы",
        ZoneKind.CONSULTATION: "Консультация аймағындағы",
        ZoneKind.PERSONAL_RECEPTION: "Жеке қабылдау аймағындағы",
    },
    "ru": {
        ZoneKind.RESULT: "Пройдите в зону «Результат»,",
        ZoneKind.CONSULTATION: "Пройдите в зону «Консультация»,",
        ZoneKind.PERSONAL_RECEPTION: "Пройдите в зону «Личный приём»,",
    },
}
PHRASES: dict[str, dict[str, str]] = {
    "kk": {"ticket": "Талон нөмірі", "go": "нөмірлі терезеге өтіңіз."},
    "ru": {"ticket": "Талон номер", "desk": "окно номер"},
}

PAUSE = "|"  # a pause between the two halves of the sentence
WORD_GAP_MS = 70
PAUSE_MS = 350
LEAD_MS = 150
TAIL_MS = 250


def clip_texts(lang: str) -> dict[str, str]:
    """Every clip of a language: its file name (without .wav) and the text spoken in it."""
    texts: dict[str, str] = {}
    texts.update(PHRASES[lang])
    texts.update({f"zone-{kind}": text for kind, text in ZONE_PHRASES[lang].items()})
    texts.update({f"letter-{letter}": name for letter, name in LETTERS.items()})
    texts.update({f"letter-{letter}": spoken for letter, spoken in LETTER_PHONEMES[lang].items()})
    if lang == "kk":
        texts.update({f"n{i}": w for i, w in enumerate(UNITS_KK)})
        texts.update({f"n{10 * i}": w for i, w in enumerate(TENS_KK) if w})
        texts["hundred"] = HUNDRED_KK
    else:
        texts.update({f"n{i}": w for i, w in enumerate(UNITS_RU)})
        texts.update({f"n{10 + i}": w for i, w in enumerate(TEENS_RU)})
        texts.update({f"n{10 * i}": w for i, w in enumerate(TENS_RU) if w})
        texts.update({f"n{100 * i}": w for i, w in enumerate(HUNDREDS_RU) if w})
    return texts


def number_clips(n: int, lang: str) -> list[str]:
    """The clips that read ``n`` aloud: 0-999 as number words, above that digit by digit."""
    if n < 0:
        raise ValueError(n)
    if n > 999:
        return [f"n{d}" for d in str(n)]
    if n == 0:
        return ["n0"]
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out: list[str] = []
    if lang == "kk":
        if hundreds:
            if hundreds > 1:
                out.append(f"n{hundreds}")
            out.append("hundred")  # 100 «жүз», 200 «екі жүз»
        if tens:
            out.append(f"n{tens * 10}")
        if units:
            out.append(f"n{units}")
        return out
    if hundreds:
        out.append(f"n{hundreds * 100}")
    if 10 <= rest <= 19:
        out.append(f"n{rest}")
    else:
        if tens:
            out.append(f"n{tens * 10}")
        if units:
            out.append(f"n{units}")
    return out


def number_text(n: int, lang: str) -> str:
    texts = clip_texts(lang)
    return " ".join(texts[c] for c in number_clips(n, lang))


def _split_code(code: str) -> tuple[str, int | None]:
    """ "C-003" → ("C", 3); a code without a number → (code, None)."""
    m = re.match(r"^\s*([^\d-]*)-?\s*(\d+)\s*$", code)
    if not m:
        return code, None
    return m.group(1), int(m.group(2))


def announcement_clips(*, code: str, desk: int, zone: str, lang: str) -> list[str]:
    """The clips of one announcement, in order (``PAUSE`` marks the pause)."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    prefix, number = _split_code(code)
    letters = [f"letter-{ch}" for ch in prefix.upper() if ch in LETTERS]
    ticket = [*letters, *(number_clips(number, lang) if number is not None else [])]
    zone_clip = [f"zone-{zone}"] if zone in ZONE_PHRASES[lang] else []
    if lang == "kk":
        return ["ticket", *ticket, PAUSE, *zone_clip, *number_clips(desk, lang), "go"]
    return ["ticket", *ticket, PAUSE, *zone_clip, "desk", *number_clips(desk, lang)]


def announcement_text(*, code: str, desk: int, zone: str, lang: str) -> str:
    """The sentence the board shows and speaks, with the ticket number as printed."""
    prefix, number = _split_code(code)
    shown = f"{prefix} {number:03d}".strip() if number is not None else code
    desk_words = str(desk)
    if lang == "kk":
        zone_part = ZONE_PHRASES["kk"].get(zone, "")
        return f"Талон нөмірі {shown}. {zone_part} {desk_words} нөмірлі терезеге өтіңіз.".replace("  ", " ")
    zone_part = ZONE_PHRASES["ru"].get(zone, "Пройдите,")
    return f"Талон номер {shown}. {zone_part} окно номер {desk_words}."


def _spoken_text(*, code: str, desk: int, zone: str, lang: str) -> str:
    """The sentence for a speech engine: letters and numbers as words."""
    texts = clip_texts(lang)
    halves: list[list[str]] = [[]]
    for c in announcement_clips(code=code, desk=desk, zone=zone, lang=lang):
        if c == PAUSE:
            halves.append([])
        else:
            halves[-1].append(texts[c])
    return " ".join(" ".join(h).rstrip(".") + "." for h in halves if h)


# --- Assembly ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _clip_frames(lang: str, name: str) -> bytes:
    with wave.open(str(CLIP_DIR / lang / f"{name}.wav"), "rb") as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            raise ValueError(f"{lang}/{name}.wav is not 16 kHz mono 16-bit")
        return w.readframes(w.getnframes())


def _silence(ms: int, rate: int = RATE) -> bytes:
    return b"\x00\x00" * (rate * ms // 1000)


def chime(rate: int = RATE) -> bytes:
    """A soft two-tone chime (E5 then C5) that draws attention before the words."""
    out = array.array("h")
    for freq, ms in ((659.25, 260), (523.25, 420)):
        n = rate * ms // 1000
        for i in range(n):
            t = i / rate
            envelope = min(1.0, i / (0.01 * rate)) * math.exp(-4.0 * t)
            out.append(int(9000 * envelope * math.sin(2 * math.pi * freq * t)))
    return out.tobytes()


def _wav(frames: bytes, rate: int = RATE) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)
    return buf.getvalue()


def assemble(clips: list[str], lang: str) -> bytes:
    """One WAV from the clips (pure Python: ``wave``), a chime first, short gaps between."""
    parts = [_silence(LEAD_MS), chime(), _silence(PAUSE_MS)]
    previous_was_word = False
    for name in clips:
        if name == PAUSE:
            parts.append(_silence(PAUSE_MS))
            previous_was_word = False
            continue
        if previous_was_word:
            parts.append(_silence(WORD_GAP_MS))
        parts.append(_clip_frames(lang, name))
        previous_was_word = True
    parts.append(_silence(TAIL_MS))
    return _wav(b"".join(parts))


def _espeak(text: str, lang: str) -> bytes | None:
    """The whole sentence from espeak-ng when it is installed (``None`` otherwise)."""
    binary = shutil.which("espeak-ng")
    if binary is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        try:
            subprocess.run(
                [binary, "-v", lang, "-s", "140", "-w", tmp.name, text],
                check=True,
                capture_output=True,
                timeout=10,
            )
            with wave.open(tmp.name, "rb") as w:
                if (w.getnchannels(), w.getsampwidth()) != (1, 2):
                    return None
                rate = w.getframerate()
                frames = w.readframes(w.getnframes())
        except (OSError, subprocess.SubprocessError, wave.Error, EOFError):
            return None
    return _wav(
        _silence(LEAD_MS, rate) + chime(rate) + _silence(PAUSE_MS, rate) + frames + _silence(TAIL_MS, rate),
        rate,
    )


def announcement_wav(*, code: str, desk: int, zone: str, lang: str, engine: str = "clips") -> bytes:
    """The announcement of a call as a WAV file. ``engine="espeak"`` synthesises the sentence
    with espeak-ng when it is installed; the committed clips are used otherwise."""
    if engine == "espeak":
        audio = _espeak(_spoken_text(code=code, desk=desk, zone=zone, lang=lang), lang)
        if audio is not None:
            return audio
    return assemble(announcement_clips(code=code, desk=desk, zone=zone, lang=lang), lang)
