"""How a person's full name is written: one order everywhere (issue 14.5).

Kazakh and Russian documents write surname, given name, patronymic ("Сейтқали Айгерім
Маратқызы", "Иванов Иван Иванович"); the parts a person does not have are left out.
"""

from __future__ import annotations


def full_name(*, surname: str = "", name: str = "", patronymic: str = "") -> str:
    """Surname, name, patronymic, separated by one space, without the empty parts."""
    return " ".join(part.strip() for part in (surname, name, patronymic) if part and part.strip())
