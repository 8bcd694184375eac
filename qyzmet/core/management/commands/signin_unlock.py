"""``qyzmet signin_unlock USERNAME``: lift the sign-in lock an account got from wrong passwords
typed from many addresses (ADR 0011). Locks of single addresses lift by themselves and lock
out only the address that guessed. The unlock is audited."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from qyzmet.core.services import user_sign_in_unlock


class Command(BaseCommand):
    help = "Lift the sign-in lock of an account (wrong passwords from many addresses)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the user name as it is typed at sign-in")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user_sign_in_unlock(actor=None, username=username)
        self.stdout.write(f"The sign-in lock of {username} is lifted.")
