"""Writes of the PSC selection (PSC 4-11). Every function is keyword-only, atomic, checks who
acts and what was typed before it writes (a refusal names the point and writes nothing), audits
the change and sends its mail through the outbox (after commit).

Who acts (``selectors``): the informatization authority keeps the criteria, forms the list,
puts it to the commission and sends the protocols (PSC 4, 6, 7, 9); the commission's secretary
records meetings and conclusions, its chair adopts them (PSC 7-8); a body's staff draft its
proposals and its head signs them (PSC 5); the public-services authority prepares the draft
amendment (PSC 10), a registry administrator applies the adopted one through the registry's
service; the bodies and the informatization authority organise delivery (PSC 11).
"""

from __future__ import annotations

from qyzmet.pscselection.services.amendment import (
    amendment_apply,
    amendment_prepare,
    task_complete,
)
from qyzmet.pscselection.services.commission import (
    commission_member_appoint,
    commission_member_release,
    conclusion_record,
    meeting_adopt,
    meeting_record,
)
from qyzmet.pscselection.services.common import cycle_for
from qyzmet.pscselection.services.proposals import (
    proposal_create,
    proposal_item_add,
    proposal_item_remove,
    proposal_submit,
    service_criteria_set,
)
from qyzmet.pscselection.services.protocol import (
    protocol_send,
)
from qyzmet.pscselection.services.selection import (
    list_entry_exclude,
    list_entry_include,
    selection_list_form,
    selection_list_send,
)
from qyzmet.pscselection.services.sweep import (
    cycle_sweep,
)

__all__ = [
    "amendment_apply",
    "amendment_prepare",
    "commission_member_appoint",
    "commission_member_release",
    "conclusion_record",
    "cycle_for",
    "cycle_sweep",
    "list_entry_exclude",
    "list_entry_include",
    "meeting_adopt",
    "meeting_record",
    "proposal_create",
    "proposal_item_add",
    "proposal_item_remove",
    "proposal_submit",
    "protocol_send",
    "selection_list_form",
    "selection_list_send",
    "service_criteria_set",
    "task_complete",
]
