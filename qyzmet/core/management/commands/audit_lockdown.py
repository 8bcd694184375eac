"""``qyzmet audit_lockdown --app-role ROLE``: after ``migrate``, give the audit table to a NOLOGIN
owner role and let the runtime role only SELECT and INSERT it (issue 12.3, ADR 0013).

Run it with the connection that migrates (the schema owner or a superuser:
``DATABASE_URL=postgres://owner@…/qyzmet qyzmet audit_lockdown --app-role qyzmet_app``), after
every ``migrate``; the application itself then connects as ``qyzmet_app``. ``--print`` only
prints the SQL, for a DBA to review and run. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from qyzmet.core.dbroles import DEFAULT_OWNER_ROLE, lockdown_sql


class Command(BaseCommand):
    help = "Give core_auditlog to a NOLOGIN owner role; the runtime role may only SELECT and INSERT it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--app-role", required=True, help="the role the application connects as")
        parser.add_argument(
            "--owner-role", default=DEFAULT_OWNER_ROLE, help="NOLOGIN owner of the audit table"
        )
        parser.add_argument("--print", action="store_true", dest="print_only", help="print the SQL only")

    def handle(self, *args: Any, app_role: str, owner_role: str, print_only: bool, **options: Any) -> None:
        statements = lockdown_sql(app_role=app_role, owner_role=owner_role)
        if print_only:
            for statement in statements:
                self.stdout.write(statement + ";")
            return
        if connection.vendor != "postgresql":
            raise CommandError("audit_lockdown needs PostgreSQL (SQLite has no roles).")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            (current,) = cursor.fetchone() or ("",)
            if current == app_role:
                raise CommandError("Run this as the role that migrates, not as the runtime role.")
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"core_auditlog is owned by {owner_role}; {app_role} may SELECT and INSERT it.")
