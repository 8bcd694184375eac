"""Retention's labels are translated into Kazakh and Russian (issue 19.5)."""

from __future__ import annotations

import pytest
from django.utils import translation

from qyzmet.notify.events import EventKind
from qyzmet.retention.enums import DisposalAction
from qyzmet.retention.kinds import record_kind


@pytest.mark.parametrize(
    ("lang", "action", "kind", "event"),
    [
        ("kk", "Иесіздендіру", "Кезек талондары", "Шағымға жауап берілді"),
        ("ru", "Обезличить", "Талоны электронной очереди", "На жалобу дан ответ"),
    ],
)
def test_issue_19_5_labels_are_translated(lang: str, action: str, kind: str, event: str) -> None:
    ticket = record_kind("reception.ticket")
    assert ticket is not None
    with translation.override(lang):
        assert str(DisposalAction.ANONYMISE.label) == action
        assert str(ticket.label) == kind
        assert str(EventKind.COMPLAINT_ANSWERED.label) == event
