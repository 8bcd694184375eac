"""Citations that exist: every ``Law``, ``UCC``, ``PSC``, ``CRC`` and ``STD`` citation in the
repository (code, tests and their names, templates, catalogues, docs) names an article or point
of the original (docs/sources/); and the parser of the originals on points checked by hand, and
the reading of citations as the repository writes them (conventions: docs/sources/README.md).

Run alone: ``pytest qyzmet/core/tests/test_citations.py`` (no database needed)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from qyzmet.core.citations import (
    TAGS,
    check,
    check_test_name,
    exists,
    find_citations,
    name_citations,
    parse_law,
    problems,
    source,
)

ROOT = Path(__file__).resolve().parents[3]
# Not scanned: the originals themselves, and migrations (frozen copies of verbose names; a
# changed name comes with a new migration).
SKIPPED_DIRS = ("docs/sources/",)
SCANNED_WITHOUT_GIT = ("qyzmet", "config", "docs", "tools", "README.md")


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
    if not files:  # an unpacked copy without .git
        files = [
            str(p.relative_to(ROOT))
            for top in SCANNED_WITHOUT_GIT
            for p in ([ROOT / top] if (ROOT / top).is_file() else (ROOT / top).rglob("*"))
            if p.is_file()
        ]
    return sorted(f for f in files if not f.startswith(SKIPPED_DIRS) and "/migrations/" not in f)


def _texts() -> Iterator[tuple[str, str]]:
    for name in _tracked_files():
        path = ROOT / name
        if not path.is_file():  # deleted in the work tree, not yet in the index
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            yield name, data.decode("utf-8")
        except UnicodeDecodeError:
            continue


def test_every_citation_in_the_repository_exists_in_the_original() -> None:
    bad = [f"{name}:{line}: {problem}" for name, text in _texts() for line, problem in problems(text)]
    assert not bad, "citations of articles or points the originals do not have:\n" + "\n".join(bad)


def test_the_scan_sees_the_repository() -> None:
    names = _tracked_files()
    assert "README.md" in names and "qyzmet/complaints/services.py" in names
    assert not [n for n in names if n.startswith("docs/sources/")]
    cited = sum(1 for _name, text in _texts() for _c in find_citations(text))
    assert cited > 500  # the scan reads the code, not an empty list


# --- the originals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "identifier"),
    [
        ("Law", "1"),
        ("Law", "1.3"),  # recipients: individuals and legal entities
        ("Law", "1.4-1"),  # inserted sub-point of an article without points
        ("Law", "1.17-1"),  # proactive service
        ("Law", "4.1.4-1"),  # "one application"
        ("Law", "4.2"),  # foreigners on equal terms
        ("Law", "5.2.5"),
        ("Law", "5.2.12"),
        ("Law", "9-1"),
        ("Law", "11-1.4.6-3"),
        ("Law", "14.3-1"),
        ("Law", "18.6"),
        ("Law", "19-1.2.6"),
        ("Law", "19-1.5"),
        ("Law", "21.2-1"),
        ("Law", "25.4"),
        ("Law", "25.4.2"),
        ("Law", "29.3.4"),
        ("Law", "31"),
        ("UCC", "11.2"),
        ("UCC", "21"),
        ("UCC", "appendix"),
        ("PSC", "4.3"),
        ("PSC", "11"),
        ("CRC", "4.3"),
        ("CRC", "17.7"),
        ("CRC", "24"),
        ("STD", "7.4"),
        ("STD", "26"),
        ("STD", "appendix 3.2"),
        ("STD", "appendix 5.1"),
    ],
)
def test_points_that_exist(tag: str, identifier: str) -> None:
    assert exists(tag, identifier)


@pytest.mark.parametrize(
    ("tag", "identifier"),
    [
        ("Law", "99"),
        ("Law", "1.8-1"),  # article 1 has 8) and 9), nothing in between
        ("Law", "19.1"),  # article 19 has no numbered points
        ("Law", "25.5"),
        ("Law", "5.3"),
        ("Law", "19-1.2.7"),
        ("UCC", "22"),
        ("UCC", "5.1"),
        ("PSC", "12"),
        ("CRC", "25"),
        ("CRC", "appendix"),
        ("STD", "27"),
        ("STD", "4.1"),  # indicator 4.1 is of the appendix, not a point
        ("STD", "appendix 4.2"),
    ],
)
def test_points_that_do_not_exist(tag: str, identifier: str) -> None:
    assert not exists(tag, identifier)


@pytest.mark.parametrize(
    "identifier", ["1.6", "1.7", "1.16", "1.18", "6.5", "9.2", "14.1", "16", "17", "20.5"]
)
def test_law_repealed_points_are_not_citable(identifier: str) -> None:
    assert not exists("Law", identifier)
    assert identifier in source("Law").repealed


def test_law_articles_are_those_of_the_table_of_contents() -> None:
    articles = {i for i in source("Law").identifiers if "." not in i}
    assert articles == {str(n) for n in range(1, 32) if n not in (16, 17)} | {"9-1", "11-1", "19-1", "21-1"}


@pytest.mark.parametrize(("tag", "points"), [("UCC", 21), ("PSC", 11), ("CRC", 24), ("STD", 26)])
def test_rules_points_run_without_gaps(tag: str, points: int) -> None:
    numbered = {i for i in source(tag).identifiers if i.isdigit()}
    assert numbered == {str(n) for n in range(1, points + 1)}


def test_law_parser_reads_points_sub_points_and_notes() -> None:
    text = "\n".join(
        [
            "7-бап. Мысал",
            "1. Бірінші тармақ:",
            "2019.25.11. № 272-VІ ҚР Заңымен 1) тармақша жаңа редакцияда",
            "1) бірінші тармақшаның мәтіні;",
            "(бұр.ред.қара) 2) тармақша өзгертілді",
            "2) 2022.14.07. № 141-VІІ ҚР Заңымен алып тасталды (бұр.ред.қара)",
            "3) - 5) 2014.29.09. № 239-V ҚР Заңымен алып тасталды",
            "2-1. Енгізілген тармақ.",
            "1. мәтін жолы тармақ емес",
            "8-бап. 2019.25.11. № 272-VІ ҚР Заңымен алып тасталды",
        ]
    )
    found, repealed = parse_law(text)
    assert found == {"7", "7.1", "7.1.1", "7.2-1"}
    assert repealed == {"7.1.2", "7.1.3", "7.1.4", "7.1.5", "8"}


def test_every_tag_has_its_original() -> None:
    for tag in TAGS:
        assert source(tag).identifiers


# --- citations as the repository writes them -----------------------------------------------------


def _found(text: str) -> list[str]:
    return [str(c) for c in find_citations(text)]


def test_lists_inherit_the_tag_and_another_tag_starts_a_new_citation() -> None:
    assert _found("(Law 5.2.12, 20.6) and (Law 19, 20.2, STD 11)") == [
        "Law 5.2.12",
        "Law 20.6",
        "Law 19",
        "Law 20.2",
        "STD 11",
    ]
    assert _found("the hierarchy of Law 1.4 and 11; CRC 4.4/15/17") == [
        "Law 1.4",
        "Law 11",
        "CRC 4.4",
        "CRC 15",
        "CRC 17",
    ]


def test_a_list_wraps_over_a_comment_line() -> None:
    found = list(find_citations("x = 1  # (Law 5.2.12,\n    # 20.6) and more"))
    assert [(str(c), c.line) for c in found] == [("Law 5.2.12", 1), ("Law 20.6", 2)]


def test_appendix_items_and_sub_points_in_parentheses() -> None:
    assert _found("(STD 19, appendix 1.1) (STD appendix 2.1, 3.1) (UCC 5 and appendix)") == [
        "STD 19",
        "STD appendix 1.1",
        "STD appendix 2.1",
        "STD appendix 3.1",
        "UCC 5",
        "UCC appendix",
    ]
    assert _found('f"Law 19-1.2({n})" and Law 19-1.2(6).') == ["Law 19-1.2", "Law 19-1.2(6)"]


def test_catalogue_spellings() -> None:
    assert _found("(Заңның 19-1-бабы 2-тармағы) (Заң 25.4) (Закон 25.2) (ББО 12)") == [
        "Law 19-1",
        "Law 25.4",
        "Law 25.2",
        "UCC 12",
    ]


def test_words_that_are_not_citations() -> None:
    assert _found('the Law "On public services", the PSC Astana, UCC rules, Law of the RK') == []


@pytest.mark.parametrize(
    ("tag", "item"),
    [
        ("Law", "19-1"),  # an article, not the range 19..1
        ("Law", "14.3-1"),
        ("Law", "12-15"),
        ("Law", "23.2-4"),
        ("Law", "25.3.2-3"),
        ("Law", "19-1.1-2"),
        ("Law", "20.2-20.3"),
        ("Law", "23.5–23.6"),
        ("Law", "19-1.2(6)"),
        ("UCC", "1–21"),
        ("STD", "1-26"),
        ("STD", "appendix 2.1-5.1"),
    ],
)
def test_good_citations_and_ranges(tag: str, item: str) -> None:
    assert check(tag, item) is None


@pytest.mark.parametrize(
    ("tag", "item", "says"),
    [
        ("Law", "99", "no such"),
        ("Law", "1.8-1", "no such"),
        ("Law", "1.6", "repealed"),
        ("Law", "15-12", "no such"),  # a range runs upwards
        ("Law", "25.4-6", "no such"),  # both ends must exist
        ("UCC", "1-22", "no such"),
        ("STD", "appendix 2.1-6.1", "no such"),
    ],
)
def test_bad_citations_are_named(tag: str, item: str, says: str) -> None:
    problem = check(tag, item)
    assert problem is not None and says in problem and f"{tag} {item}" in problem


def _name_problems(name: str) -> list[str]:
    return [p for c in name_citations(f"def {name}():\n    pass\n") if (p := check_test_name(c))]


@pytest.mark.parametrize(
    "name",
    [
        "test_law_25_4_lawful_extension_by_ten_working_days",
        "test_law_19_1_2_6_without_consent_only_refusal_on_ground_6",  # Law 19-1.2(6)
        "test_law_4_1_4_1_composite_with_three_children",  # Law 4.1.4-1
        "test_law_21_2_1_e_result_lands_in_the_cabinet",  # Law 21.2-1
        "test_law_20_1_and_5_2_5_due_dates",
        "test_law_18_to_21_every_channel_from_acceptance_to_result",
        "test_crc_18_answer_and_crc_24_complaint",
        "test_std_appendix_job_invites_issued_applications_once_by_sms",
        "test_ucc_17_complaint_advice_names_the_law_25_terms",
        "test_language_choice_is_stored",  # no citation at all
    ],
)
def test_test_names_that_cite_existing_points(name: str) -> None:
    assert _name_problems(name) == []


@pytest.mark.parametrize(
    "name",
    [
        "test_law_1_8_1_operator_role_only_in_a_state_corporation_branch",
        "test_law_1_6_company_director_sees_only_own_companies",
        "test_law_19_20_2_complete_set",  # a list must say _and_
        "test_ucc_22_nothing",
        "test_law_21_to_19_backwards",
        "test_ok_first_and_crc_25_second",
    ],
)
def test_test_names_that_cite_what_does_not_exist(name: str) -> None:
    assert len(_name_problems(name)) == 1
