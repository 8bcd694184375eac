"""``{% load listing %}`` … ``{% sort_header listing "due_on" _("Due date") %}``: a column header
of a staff list (``qyzmet.core.listing.StaffList``) as a link that sorts by the column, the
second click the other way, with ``aria-sort`` on the column the list is sorted by."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from qyzmet.core.listing import StaffList

register = template.Library()


@register.simple_tag
def sort_header(listing: StaffList, key: str, label: str) -> SafeString:
    if listing.sort == key:
        aria, following = "ascending", f"-{key}"
    elif listing.sort == f"-{key}":
        aria, following = "descending", key
    else:
        aria, following = "", key
    return format_html(
        '<th scope="col" class="govuk-table__header"{}><a class="govuk-link" href="?{}">{}</a></th>',
        format_html(' aria-sort="{}"', aria) if aria else "",
        listing.query(sort=following),
        label,
    )
