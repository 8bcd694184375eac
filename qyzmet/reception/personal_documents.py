"""PDF of personal reception: the final list of visitors (CRC 21), in Kazakh and Russian."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from qyzmet.core import pdf
from qyzmet.core.identity import mask_iin
from qyzmet.reception.models import PreRegistration, ReceptionSchedule


def final_list_pdf(
    schedule: ReceptionSchedule, visitors: Sequence[PreRegistration], *, fixed_on: dt.date
) -> bytes:
    """CRC 21: the list of persons to be received, fixed two working days before the day, for
    the Department and the centre's head (who tell the State Corporation's and bodies' staff)."""
    body = schedule.organisation
    rows = [
        [
            i,
            r.visitor_name,
            mask_iin(r.visitor_iin) if r.visitor_iin else "—",
            "қаз." if r.language == "kk" else "рус.",
            r.issue,
        ]
        for i, r in enumerate(visitors, 1)
    ]
    flow = [
        pdf.title("Қабылданатын адамдардың түпкілікті тізімі / Окончательный список принимаемых лиц"),
        pdf.key_values(
            [
                ("Орган / Орган", f"{body.name_kk} / {body.name_ru}"),
                (
                    "Лауазымды тұлға / Должностное лицо",
                    f"{schedule.official_name_kk}, {schedule.position_kk} / "
                    f"{schedule.official_name_ru}, {schedule.position_ru}",
                ),
                (
                    "Қабылдау күні / День приёма",
                    f"{schedule.day:%d.%m.%Y}, {schedule.starts_at:%H:%M}–{schedule.ends_at:%H:%M}",
                ),
                (
                    "Тізім бекітілді / Список сформирован",
                    f"{fixed_on:%d.%m.%Y} (Регламенттің 21-тармағы / п. 21 Регламента)",
                ),
            ]
        ),
        pdf.spacer(),
        pdf.table(
            ["№", "Аты-жөні / ФИО", "ЖСН / ИИН", "Тілі / Язык", "Мәселе / Вопрос"],
            rows,
            col_widths_mm=[10, 50, 30, 18, 72],
        )
        if rows
        else pdf.para("Жазылғандар жоқ / Записавшихся нет"),
        pdf.spacer(),
        pdf.para(f"Барлығы / Всего: {len(rows)}"),
    ]
    return pdf.build_pdf(flow, doc_title=f"{schedule.day:%Y-%m-%d} {body.code}")
