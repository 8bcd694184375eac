"""Every kk and ru catalogue of the project is complete, right in its plural forms and compiled
(issue 14.5: no English on a Kazakh or Russian page).

The catalogues are ``qyzmet/**/locale/{kk,ru}/LC_MESSAGES/django.po``. Django merges them into
one catalogue per language, the project's LOCALE_PATHS first, so the project also holds the
Kazakh of Django's own messages that Django's kk catalogue lacks (qyzmet/locale/kk).
"""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core import validators
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from django.utils import timesince, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

QYZMET = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p for p in QYZMET.glob("**/locale/*/LC_MESSAGES/django.po") if p.parts[-3] in ("kk", "ru")
)
DJANGO_LOCALE = Path(django.__file__).parent / "conf" / "locale"
NPLURALS = {"kk": 2, "ru": 4}  # as Django's own kk and ru catalogues (and gettext's ru)

# A msgstr may equal its English msgid when it is a code, an abbreviation or a name, not words.
SAME_IN_EVERY_LANGUAGE = {"REST API", "SMS", "SHA-256", "IIN", "BIN", "PDF", "XLSX", "Qyzmet", "1414"}
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")
_LETTERS = re.compile(r"[A-Za-z]{2,}")


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid

    def __str__(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def read_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """The header fields and the live entries of a .po file (obsolete ``#~`` ones left out)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    flags: set[str] = set()
    target: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if not line or line.startswith("#"):
            continue
        keyword, _space, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = "", line
        value = ast.literal_eval(rest)
        if keyword in ("msgctxt", "msgid") and (entry is None or entry.msgstr or keyword == "msgctxt"):
            entry = Entry(line=number, flags=flags)
            entries.append(entry)
            flags = set()
        assert entry is not None, f"{path}:{number}: {raw!r}"
        if keyword == "msgctxt":
            entry.msgctxt, target = value, ("msgctxt", 0)
        elif keyword == "msgid":
            entry.msgid, target = value, ("msgid", 0)
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = value, ("msgid_plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr[index], target = value, ("msgstr", index)
        elif keyword == "" and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, (getattr(entry, name) or "") + value)
    header = {}
    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        for row in entries.pop(0).msgstr.get(0, "").splitlines():
            name, _colon, value = row.partition(":")
            header[name.strip()] = value.strip()
    return header, entries


def _language(po: Path) -> str:
    return po.parts[-3]


def _ids(po: Path) -> str:
    return str(po.relative_to(QYZMET))


def test_every_app_with_pages_has_kk_and_ru_catalogues() -> None:
    assert len(CATALOGUES) >= 20
    for po in CATALOGUES:
        other = "ru" if _language(po) == "kk" else "kk"
        assert (po.parents[2] / other / "LC_MESSAGES" / "django.po").exists(), po


@pytest.mark.parametrize("po", CATALOGUES, ids=_ids)
def test_every_entry_is_translated_and_none_is_fuzzy(po: Path) -> None:
    _header, entries = read_po(po)
    untranslated = [str(e) for e in entries if not all(e.msgstr.values()) or not e.msgstr]
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert untranslated == [], f"{po}: untranslated entries"
    assert fuzzy == [], f"{po}: fuzzy entries"


@pytest.mark.parametrize("po", CATALOGUES, ids=_ids)
def test_plural_forms_are_the_languages_and_every_plural_entry_has_them_all(po: Path) -> None:
    """kk: two forms (as Django's kk catalogue); ru: four (1 день, 2 дня, 5 дней, and the
    fractional form gettext's ru rule has), the same expression as Django's ru catalogue."""
    language = _language(po)
    header, entries = read_po(po)
    django_header, _entries = read_po(DJANGO_LOCALE / language / "LC_MESSAGES" / "django.po")
    assert header.get("Plural-Forms") == django_header["Plural-Forms"]
    assert f"nplurals={NPLURALS[language]};" in header["Plural-Forms"]
    wrong = [
        str(e)
        for e in entries
        if e.msgid_plural is not None and sorted(e.msgstr) != list(range(NPLURALS[language]))
    ]
    assert wrong == [], f"{po}: plural entries without {NPLURALS[language]} forms"
    singular_with_forms = [str(e) for e in entries if e.msgid_plural is None and set(e.msgstr) != {0}]
    assert singular_with_forms == []


@pytest.mark.parametrize("po", CATALOGUES, ids=_ids)
def test_no_entry_is_left_in_english(po: Path) -> None:
    _header, entries = read_po(po)
    english = [
        str(e)
        for e in entries
        if e.msgid not in SAME_IN_EVERY_LANGUAGE
        and _LETTERS.search(_PLACEHOLDER.sub("", e.msgid))
        and any(text in (e.msgid, e.msgid_plural) for text in e.msgstr.values())
    ]
    assert english == [], f"{po}: msgstr equal to the English msgid"


@pytest.mark.parametrize("po", CATALOGUES, ids=_ids)
def test_every_translation_keeps_the_placeholders_of_its_msgid(po: Path) -> None:
    _header, entries = read_po(po)
    broken = []
    for e in entries:
        wanted = sorted(set(_PLACEHOLDER.findall(e.msgid + (e.msgid_plural or ""))))
        for index, text in e.msgstr.items():
            found = sorted(set(_PLACEHOLDER.findall(text)))
            # a singular form may leave the number out ("one day" for n=1) but not invent one
            if found != wanted and not (e.msgid_plural and set(found) < set(wanted) and index == 0):
                broken.append(f"{e} msgstr[{index}] has {found}, the msgid {wanted}")
    assert broken == []


@pytest.mark.parametrize("po", CATALOGUES, ids=_ids)
def test_the_committed_mo_is_the_po_compiled(po: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
    with fresh.open("rb") as compiled, po.with_suffix(".mo").open("rb") as committed:
        expected = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
        actual = gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
    stale = sorted(str(k) for k in set(expected) | set(actual) if expected.get(k) != actual.get(k))
    assert stale == [], f"{po.with_suffix('.mo')} is not {po.name} compiled: run msgfmt"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_msgid_in_two_catalogues_has_one_translation(language: str) -> None:
    """Django merges the catalogues and one of them wins: the same English must not read two ways."""
    seen: dict[tuple[str | None, str], tuple[Path, dict[int, str]]] = {}
    clashes = []
    for po in (p for p in CATALOGUES if _language(p) == language):
        for e in read_po(po)[1]:
            if e.key in seen and seen[e.key][1] != e.msgstr:
                first, msgstr = seen[e.key]
                clashes.append(f"{e.key}: {_ids(first)} {msgstr} / {_ids(po)} {e.msgstr}")
            seen.setdefault(e.key, (po, e.msgstr))
    assert clashes == []


# Django's own messages a user of the product can meet (the admin aside).
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def _form_errors(field: forms.Field, value: object) -> list[str]:
    try:
        field.clean(value)
    except ValidationError as error:
        return list(error.messages)
    raise AssertionError(f"{field!r} accepted {value!r}")


DJANGO_MESSAGES = {
    "required": lambda: _form_errors(forms.CharField(), ""),
    "max_length": lambda: _form_errors(forms.CharField(max_length=3), "abcd"),
    "min_length": lambda: _form_errors(forms.CharField(min_length=5), "ab"),
    "email": lambda: _form_errors(forms.EmailField(), "not-an-address"),
    "integer": lambda: _form_errors(forms.IntegerField(), "x"),
    "max_value": lambda: _form_errors(forms.IntegerField(max_value=5), "9"),
    "min_value": lambda: _form_errors(forms.IntegerField(min_value=5), "1"),
    "decimal_places": lambda: _form_errors(forms.DecimalField(decimal_places=1), "1.25"),
    "max_digits": lambda: _form_errors(forms.DecimalField(max_digits=2), "123"),
    "date": lambda: _form_errors(forms.DateField(), "2026-02-30"),
    "time": lambda: _form_errors(forms.TimeField(), "25:61"),
    "datetime": lambda: _form_errors(forms.DateTimeField(), "x"),
    "choice": lambda: _form_errors(forms.ChoiceField(choices=[("a", "A")]), "b"),
    "multiple_choice": lambda: _form_errors(forms.MultipleChoiceField(choices=[("a", "A")]), ["b"]),
    "url": lambda: _form_errors(forms.URLField(), "not a url"),
    "uuid": lambda: _form_errors(forms.UUIDField(), "x"),
    "file_missing": lambda: _form_errors(forms.FileField(), None),
    "file_extension": lambda: _form_errors(
        forms.FileField(validators=[validators.FileExtensionValidator(["pdf"])]),
        SimpleUploadedFile("statement.exe", b"MZ"),
    ),
    "slug": lambda: _form_errors(forms.SlugField(), "a b"),
    "password_too_short": lambda: [
        MinimumLengthValidator(min_length=8).get_help_text(),
        *_password_errors(MinimumLengthValidator(min_length=8), "short"),
    ],
    "sign_in": lambda: [
        str(AuthenticationForm.error_messages["invalid_login"]),
        str(AuthenticationForm.error_messages["inactive"]),
    ],
    "pagination": lambda: [str(m) for m in Paginator([], 10).default_error_messages.values()],
    "timesince": lambda: [
        timesince.timesince(NOW - dt.timedelta(days=400), NOW),
        timesince.timesince(NOW - dt.timedelta(days=3), NOW),
    ],
    "csrf": lambda: [_("CSRF verification failed. Request aborted."), _("Forbidden")],
}


def _password_errors(validator: MinimumLengthValidator, password: str) -> list[str]:
    try:
        validator.validate(password)
    except ValidationError as error:
        return list(error.messages)
    raise AssertionError("the password was accepted")


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("kind", sorted(DJANGO_MESSAGES))
def test_djangos_messages_a_user_sees_are_in_the_language(language: str, kind: str) -> None:
    with translation.override("en"):
        english = [str(m) for m in DJANGO_MESSAGES[kind]()]
    with translation.override(language):
        translated = [str(m) for m in DJANGO_MESSAGES[kind]()]
    assert english and translated
    for text_en, text in zip(english, translated, strict=True):
        assert text != text_en, f"{kind}: {text!r} is English in {language}"
        assert not re.search(r"\b(?:the|this|must|value|Enter|Ensure|least|most)\b", text), text


def test_the_projects_catalogue_comes_before_djangos_own() -> None:
    """LOCALE_PATHS first: where Django's kk catalogue words a message poorly, ours is shown."""
    _header, django_kk = read_po(DJANGO_LOCALE / "kk" / "LC_MESSAGES" / "django.po")
    djangos = next(e.msgstr[0] for e in django_kk if e.msgid == "Enter a valid value.")
    with translation.override("kk"):
        ours = _("Enter a valid value.")
    assert ours == "Дұрыс мән енгізіңіз." != djangos


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("ru", 1, "Убедитесь, что это значение содержит не более 1 символа (сейчас 2)."),
        ("ru", 2, "Убедитесь, что это значение содержит не более 2 символов (сейчас 3)."),
        ("ru", 5, "Убедитесь, что это значение содержит не более 5 символов (сейчас 6)."),
        ("ru", 21, "Убедитесь, что это значение содержит не более 21 символа (сейчас 22)."),
        ("kk", 1, "Мән 1 таңбадан аспауы керек (қазір 2)."),
        ("kk", 5, "Мән 5 таңбадан аспауы керек (қазір 6)."),
    ],
)
def test_a_length_error_takes_the_plural_form_of_its_number(language: str, count: int, expected: str) -> None:
    with translation.override(language):
        errors = _form_errors(forms.CharField(max_length=count), "x" * (count + 1))
    assert errors == [expected]


@pytest.mark.parametrize(
    ("count", "ru", "kk"),
    [
        (1, "1 рабочий день", "1 жұмыс күні"),
        (2, "2 рабочих дня", "2 жұмыс күні"),
        (5, "5 рабочих дней", "5 жұмыс күні"),
        (11, "11 рабочих дней", "11 жұмыс күні"),
        (21, "21 рабочий день", "21 жұмыс күні"),
        (22, "22 рабочих дня", "22 жұмыс күні"),
    ],
)
def test_a_term_in_working_days_takes_the_plural_form_of_its_number(count: int, ru: str, kk: str) -> None:
    for language, expected in (("ru", ru), ("kk", kk)):
        with translation.override(language):
            text = ngettext("%(count)d working day", "%(count)d working days", count) % {"count": count}
        assert text == expected


def _django_msgids(language: str) -> set[tuple[str | None, str]]:
    keys: set[tuple[str | None, str]] = set()
    for po in (Path(django.__file__).parent).glob(f"**/locale/{language}/LC_MESSAGES/django.po"):
        keys |= {e.key for e in read_po(po)[1] if all(e.msgstr.values())}
    return keys


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_string_marked_for_translation_is_in_a_catalogue(language: str, tmp_path: Path) -> None:
    """makemessages over a copy of each app (code and templates): every msgid it finds is
    translated by a catalogue of the project (or by Django's own), so none is shown in English."""
    known = {e.key for po in CATALOGUES if _language(po) == language for e in read_po(po)[1]}
    known |= _django_msgids(language)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    missing = []
    for app in sorted(p for p in QYZMET.iterdir() if p.is_dir() and (p / "apps.py").exists()):
        copy = tmp_path / app.name
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("locale", "tests", "migrations", "static"))
        (copy / "locale").mkdir()
        subprocess.run(
            # -P: the copy's own modules (selectors.py) must not shadow the standard library's
            [sys.executable, "-P", "-m", "django", "makemessages", "-l", language, "--no-location"],
            cwd=copy,
            env=env,
            check=True,
            capture_output=True,
        )
        po = copy / "locale" / language / "LC_MESSAGES" / "django.po"
        if po.exists():
            missing += [f"{app.name}: {e}" for e in read_po(po)[1] if e.key not in known]
    assert missing == [], "marked for translation but in no kk/ru catalogue"
