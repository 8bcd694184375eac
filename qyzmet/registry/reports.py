"""The closing report of a public discussion (Law 15): every comment with its decision and
reason, and where to read the revised draft. Data in ``discussion_report_data``; PDF here,
HTML in the ``discussion_report`` template."""

from __future__ import annotations

from typing import Any

from qyzmet.core import pdf
from qyzmet.registry.enums import CommentDecision
from qyzmet.registry.field_names import field_label
from qyzmet.registry.models import Discussion
from qyzmet.registry.selectors import discussion_comments

LABELS: dict[str, dict[str, str]] = {
    "title": {
        "kk": "Жария талқылаудың қорытындысы туралы есеп",
        "ru": "Отчёт об итогах публичного обсуждения",
    },
    "service": {"kk": "Мемлекеттік қызмет", "ru": "Государственная услуга"},
    "version": {"kk": "Стандарт жобасы", "ru": "Проект стандарта"},
    "period": {"kk": "Талқылау кезеңі", "ru": "Период обсуждения"},
    "published": {"kk": "Есеп жарияланды", "ru": "Отчёт опубликован"},
    "revised": {"kk": "Қайта қаралған жобамен танысу", "ru": "Доработанный проект размещён"},
    "comments": {"kk": "Ескертулер мен шешімдер", "ru": "Замечания и решения"},
    "no": {"kk": "№", "ru": "№"},
    "date": {"kk": "Күні", "ru": "Дата"},
    "field": {"kk": "Өріс", "ru": "Поле"},
    "comment": {"kk": "Ескерту", "ru": "Замечание"},
    "decision": {"kk": "Шешім", "ru": "Решение"},
    "reason": {"kk": "Себебі", "ru": "Причина"},
    "whole": {"kk": "Жоба тұтастай", "ru": "Проект в целом"},
    "none": {"kk": "Ескертулер түскен жоқ.", "ru": "Замечаний не поступило."},
    "summary": {"kk": "Қорытынды", "ru": "Итоги"},
    "totals": {"kk": "Барлығы / қабылданды / қабылданбады", "ru": "Всего / принято / отклонено"},
}
DECISIONS: dict[str, dict[str, str]] = {
    CommentDecision.PENDING: {"kk": "Шешім жоқ", "ru": "Не рассмотрено"},
    CommentDecision.ACCEPTED: {"kk": "Қабылданды", "ru": "Принято"},
    CommentDecision.REJECTED: {"kk": "Қабылданбады", "ru": "Отклонено"},
}


def _lang(language: str) -> str:
    return "ru" if language[:2] in {"ru", "en"} else "kk"


def discussion_report_data(*, discussion: Discussion, language: str) -> dict[str, Any]:
    lang = _lang(language)
    comments = list(discussion_comments(discussion=discussion))
    rows = [
        {
            "number": index,
            "date": c.submitted_on,
            "field": field_label(c.field_name, lang) if c.field_name else LABELS["whole"][lang],
            "text": c.text,
            "decision": DECISIONS[c.decision][lang],
            "decision_value": c.decision,
            "reason": c.reason,
        }
        for index, c in enumerate(comments, start=1)
    ]
    version = discussion.version
    service = version.service
    return {
        "lang": lang,
        "labels": {k: v[lang] for k, v in LABELS.items()},
        "service": f"{service.code} {service.name(lang)}",
        "version_number": version.number,
        "posted_on": discussion.posted_on,
        "ends_on": discussion.ends_on,
        "closed_on": discussion.closed_on,
        "revised_draft_location": discussion.revised_draft_location,
        "summary": discussion.report_summary_ru if lang == "ru" else discussion.report_summary_kk,
        "rows": rows,
        "total": len(rows),
        "accepted": sum(1 for c in comments if c.decision == CommentDecision.ACCEPTED),
        "rejected": sum(1 for c in comments if c.decision == CommentDecision.REJECTED),
    }


def discussion_report_pdf(*, discussion: Discussion, language: str = "kk") -> bytes:
    """Law 15 closing report as PDF (kk or ru)."""
    data = discussion_report_data(discussion=discussion, language=language)
    labels = data["labels"]
    flow: list[Any] = [
        pdf.title(labels["title"]),
        pdf.key_values(
            [
                (labels["service"], data["service"]),
                (labels["version"], f"№ {data['version_number']}"),
                (labels["period"], f"{data['posted_on']:%d.%m.%Y} – {data['ends_on']:%d.%m.%Y}"),
                (labels["published"], f"{data['closed_on']:%d.%m.%Y}" if data["closed_on"] else "—"),
                (labels["revised"], data["revised_draft_location"] or "—"),
                (labels["totals"], f"{data['total']} / {data['accepted']} / {data['rejected']}"),
            ]
        ),
        pdf.spacer(),
    ]
    if data["summary"]:
        flow += [pdf.heading(labels["summary"]), pdf.para(data["summary"]), pdf.spacer()]
    flow.append(pdf.heading(labels["comments"]))
    if data["rows"]:
        flow.append(
            pdf.table(
                [
                    labels["no"],
                    labels["date"],
                    labels["field"],
                    labels["comment"],
                    labels["decision"],
                    labels["reason"],
                ],
                [
                    [r["number"], f"{r['date']:%d.%m.%Y}", r["field"], r["text"], r["decision"], r["reason"]]
                    for r in data["rows"]
                ],
                col_widths_mm=[8, 20, 28, 50, 22, 52],
            )
        )
    else:
        flow.append(pdf.para(labels["none"]))
    return pdf.build_pdf(flow, doc_title=labels["title"])
