"""Periodic jobs of the contact-centre app, run by ``qyzmet worker``."""

from __future__ import annotations

from collections.abc import Callable

from qyzmet.contactcentre.services import information_update_flag_late, registry_update_tasks_consume


def updates_sweep() -> int:
    """Law 23.2, UCC 6-7: take the register's approval tasks as due updates, then flag the late
    ones (idempotent)."""
    return registry_update_tasks_consume() + information_update_flag_late()


JOBS: list[tuple[str, int, Callable[[], object]]] = [
    ("contactcentre.updates_sweep", 3600, updates_sweep),
]
