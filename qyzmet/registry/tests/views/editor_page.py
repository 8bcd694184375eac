"""Reading the standard editor as a browser does: every input of the edit form with the value
the page shows (ticked boxes and chosen options only), ready to post back, and filling a row."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.test import Client


class _EditorForm(HTMLParser):
    """The named inputs of the page's ``<form class="form editor">`` as a browser posts them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self.disabled: list[str] = []
        self._in_form = False
        self._select: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None
        self._text = ""
        self._multi_selected = False

    def _put(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "editor" in a.get("class", "").split():
            self._in_form = True
        if not self._in_form or ("name" not in a and tag not in {"option"}):
            return
        if "disabled" in a:
            self.disabled.append(a.get("name", ""))
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._put(a["name"], a.get("value", "on"))
            elif kind not in {"submit", "button"}:
                self._put(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
            self._first: str | None = None
            self._chosen = False
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first is None:
                self._first = value
            if "selected" in a:
                self._put(self._select, value)
                self._chosen = True
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select is not None:
            if not self._chosen and self._first is not None:
                self._put(self._select, self._first)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the first newline after <textarea> and posts CRLF.
            text = self._text[1:] if self._text.startswith("\n") else self._text
            self._put(self._textarea, text.replace("\n", "\r\n"))
            self._textarea = None


def read_editor(html: str) -> _EditorForm:
    reader = _EditorForm()
    reader.feed(html)
    return reader


def editor_data(client: Client, url: str) -> dict[str, list[str]]:
    """What the browser would post when the drafter presses "Save" without changing anything."""
    response = client.get(url)
    assert response.status_code == 200
    data = read_editor(response.content.decode()).data
    assert data.get("action") == ["save"], "the page has no editor form"
    return data


def fill_row(data: dict[str, list[str]], prefix: str, index: int, **values: Any) -> None:
    """Type ``values`` into row ``index`` of block ``prefix`` (True ticks a box, False clears it)."""
    for name, value in values.items():
        key = f"{prefix}-{index}-{name}"
        if value is False:
            data.pop(key, None)
        elif value is True:
            data[key] = ["on"]
        else:
            data[key] = [str(value)]


def first_blank_row(data: dict[str, list[str]], prefix: str) -> int:
    return int(data[f"{prefix}-INITIAL_FORMS"][0])


def add_rows(data: dict[str, list[str]], prefix: str, *rows: dict[str, Any]) -> None:
    """Type ``rows`` into the blank rows of block ``prefix`` after the kept ones (more blank rows
    appear as the drafter saves, so a long list takes a few saves; here the count is raised)."""
    start = first_blank_row(data, prefix)
    for offset, row in enumerate(rows):
        fill_row(data, prefix, start + offset, **row)
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(max(total, start + len(rows)))]


def confirm_from(page: str) -> dict[str, list[str]]:
    """The values the comparison page's "confirm" button posts."""
    import re

    values: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        if name != "csrfmiddlewaretoken":
            values.setdefault(name, []).append(value)
    return values
