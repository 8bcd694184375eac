"""One order for people's names (issue 14.5): surname, name, patronymic, everywhere."""

from __future__ import annotations

from qyzmet.core.models import User
from qyzmet.core.people import full_name


def test_a_full_name_is_surname_name_patronymic() -> None:
    assert (
        full_name(surname="Сейтқали", name="Айгерім", patronymic="Маратқызы") == "Сейтқали Айгерім Маратқызы"
    )


def test_a_missing_part_leaves_no_double_space() -> None:
    assert full_name(surname="Иванов", name="Иван") == "Иванов Иван"
    assert full_name(surname=" ", name="Иван", patronymic="Иванович ") == "Иван Иванович"
    assert full_name() == ""


def test_an_accounts_full_name_and_label_use_the_same_order() -> None:
    user = User(username="citizen", last_name="Иванов", first_name="Иван", patronymic="Иванович")
    assert user.get_full_name() == "Иванов Иван Иванович"  # not Django's "name surname"
    assert str(user) == "Иванов Иван Иванович"
    assert str(User(username="operator.1414")) == "operator.1414"
