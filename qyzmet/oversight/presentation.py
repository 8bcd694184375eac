"""The figures of an assessment (Law 28) and of a yearly report (Law 23.5) as labelled tables,
in the reader's language: one wording for the page and the signed PDF."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from qyzmet.delivery.enums import Channel
from qyzmet.oversight.enums import DeliveryForm, Principle, Rating
from qyzmet.quality.enums import Indicator

Table = tuple[str, list[str], list[list[Any]]]


def form_label(form: str) -> str:
    return str(DeliveryForm(form).label) if form in DeliveryForm.values else form


def rating_label(rating: str) -> str:
    return str(Rating(rating).label) if rating in Rating.values else "—"


def channel_label(channel: str) -> str:
    return str(Channel(channel).label) if channel in Channel.values else channel


def principles() -> list[str]:
    """Law 26: the six principles, in order."""
    return [str(p.label) for p in Principle]


def principles_sentence() -> str:
    return _(
        "Law 26: state control, the quality assessment and public monitoring rest on the principles of "
        "%(principles)s."
    ) % {"principles": ", ".join(p.lower() for p in principles())}


def _yes_no(value: object) -> str:
    if value is None:
        return "—"
    return _("yes") if value else _("no")


def _percent(row: dict[str, Any]) -> str:
    value = row.get("value")
    return f"{value} %" if value is not None else "—"


def _name(row: dict[str, Any], language: str) -> str:
    return str(row.get("name_ru") if language == "ru" else row.get("name_kk")) or str(row.get("name_kk", ""))


def indicator_table(rows: list[dict[str, Any]]) -> Table:
    header = [
        _("Indicator (STD 19)"),
        _("Value"),
        _("Cases"),
        _("Normative value"),
        _("Target (STD 20)"),
        _("Meets the norm"),
    ]
    body = [
        [
            str(Indicator(r["indicator"]).label) if r["indicator"] in Indicator.values else r["indicator"],
            _percent(r),
            f"{r['numerator']} / {r['denominator']}" if r.get("denominator") else "—",
            f"{r['norm']} %" if r.get("norm") is not None else "—",
            f"{r['target']} %" if r.get("target") is not None else "—",
            _yes_no(r.get("meets_norm")),
        ]
        for r in rows
    ]
    return _("Quality indicators against their normative values and targets"), header, body


def _violations_rows(violations: dict[str, int]) -> list[list[Any]]:
    return [
        [_("Results not issued by the due date"), violations.get("delivery", 0)],
        [
            _("Results not handed to the State Corporation by the handover date"),
            violations.get("handover", 0),
        ],
    ]


def _conclusions_table(conclusions: list[dict[str, Any]], language: str) -> Table:
    header = [_("Conclusion"), _("Published on"), _("Measures taken (Law 29.4)")]
    rows = [
        [
            f"{c.get('number', '')} {c.get('subject', '')}".strip(),
            c.get("published_on", ""),
            "\n".join(c.get("measures_text", [])) or "—",
        ]
        for c in conclusions
    ] or [[_("No published conclusion"), "", ""]]
    return _("Public monitoring conclusions (Law 29.3–29.4)"), header, rows


def evidence_tables(evidence: dict[str, Any], language: str) -> list[Table]:
    """Law 28: what the assessment rests on, as tables."""
    if not evidence:
        return []
    tables: list[Table] = []
    if evidence.get("indicators"):
        tables.append(indicator_table(evidence["indicators"]))
    applications = evidence.get("applications", {})
    tables.append(
        (
            _("Applications and missed terms on the channels of this form"),
            [_("What"), _("Number")],
            [[channel_label(c), n] for c, n in sorted(applications.items())]
            + [[_("Applications, all channels of this form"), sum(applications.values())]]
            + _violations_rows(evidence.get("term_violations", {})),
        )
    )
    complaints = evidence.get("complaints", {})
    refusals = evidence.get("contact_centre_refusals", {})
    tables.append(
        (
            _("Complaints and the contact centre"),
            [_("What"), _("Number")],
            [
                [_("Complaints about the service at this body"), complaints.get("total", 0)],
                [_("Of them reviewed past their term (Law 25.2)"), complaints.get("review_term_breaches", 0)],
                [
                    _("Information refused to the contact centre on this service (UCC 12)"),
                    refusals.get("refused", 0),
                ],
                [
                    _("Information refused to the contact centre, all services (UCC 12)"),
                    refusals.get("refused_all", 0),
                ],
                [
                    _("Months reported to the quality authority for refusals (UCC 12)"),
                    ", ".join(refusals.get("reported_months", [])) or "—",
                ],
            ],
        )
    )
    tables.append(_conclusions_table(evidence.get("monitoring_conclusions", []), language))
    return tables


def report_tables(figures: dict[str, Any], language: str) -> list[Table]:
    """Law 23.5: the figures of a yearly report, as tables."""
    if not figures:
        return []
    channels = sorted({c for row in figures.get("volumes", []) for c in row.get("channels", {})})
    volumes: Table = (
        _("Applications by service and channel"),
        [_("Service"), *[channel_label(c) for c in channels], _("Total")],
        [
            [
                f"{row['code']} {_name(row, language)}",
                *[row["channels"].get(c, 0) for c in channels],
                row["total"],
            ]
            for row in figures.get("volumes", [])
        ]
        or [[_("No applications"), *["" for _c in channels], 0]],
    )
    tables = [volumes]
    if figures.get("indicators"):
        tables.append(indicator_table(figures["indicators"]))
    complaints = figures.get("complaints", {})
    tables.append(
        (
            _("Complaints and missed terms"),
            [_("What"), _("Number")],
            [
                [_("Complaints"), complaints.get("total", 0)],
                [_("Answered"), complaints.get("answered", 0)],
                [_("Satisfied in full or in part"), complaints.get("satisfied", 0)],
                [_("Review term extended (Law 25.4)"), complaints.get("extended", 0)],
                [_("Reviewed past their term (Law 25.2)"), complaints.get("review_term_breaches", 0)],
                *_violations_rows(figures.get("term_violations", {})),
            ],
        )
    )
    assessments = figures.get("assessments", [])
    if assessments:
        tables.append(
            (
                _("Quality assessments of the year (Law 28)"),
                [_("Number"), _("Service"), _("Form of delivery"), _("Rating")],
                [
                    [a["number"], a["service"], form_label(a["form"]), rating_label(a["rating"])]
                    for a in assessments
                ],
            )
        )
    tables.append(_conclusions_table(figures.get("monitoring_conclusions", []), language))
    return tables
