"""The forms of the PSC selection as the browser gets them."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from qyzmet.pscselection import forms

D = dt.date


def test_psc_5_to_11_every_step_date_opens_with_its_day_in_the_date_picker_format() -> None:
    """PSC 5-11: each step's date field (signed, formed, put to the commission, held, adopted,
    sent, prepared, decree adopted, measures done) offers its day as ``YYYY-MM-DD``, the only
    value ``<input type="date">`` shows, in kk and ru."""
    day = D(2026, 2, 16)
    shown = [
        forms.SubmitForm(initial={"submitted_on": day}),
        forms.DayForm(initial={"on": day}, prefix="form"),
        forms.MeetingRecordForm(initial={"held_on": day}),
        forms.AmendmentPrepareForm(initial={"prepared_on": day}),
        forms.AmendmentApplyForm(initial={"adopted_on": day}),
        forms.MeasuresForm(initial={"done_on": day}),
    ]
    for language in ("kk", "ru"):
        with translation.override(language):
            for form in shown:
                html = str(form)
                assert 'type="date"' in html and 'value="2026-02-16"' in html, (language, type(form))
                assert "16.02.2026" not in html
