"""The application runs as a database role that does not own the audit table: it may SELECT and
INSERT audit rows, and the database refuses it UPDATE, DELETE, TRUNCATE (production grants),
dropping or disabling the triggers, replacing their function, dropping or taking the table.

``make test`` (tools/with-postgres.sh) sets both roles up as production would, and the suite runs
every test as the runtime role (conftest.py ``django_db_setup``), so these tests connect as it."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from config import env
from qyzmet.core.dbroles import DEFAULT_OWNER_ROLE, runtime_grants_sql
from qyzmet.core.models import AuditLog
from qyzmet.core.services import audit_record

RUNTIME = getattr(settings, "QYZMET_DATABASE_RUNTIME_USER", "")
needs_roles = pytest.mark.skipif(
    not RUNTIME or not env.DATABASE_URL.startswith("postgres"),
    reason="needs tools/with-postgres.sh (PostgreSQL with the runtime role)",
)

REFUSED = [
    "UPDATE core_auditlog SET action = 'forged'",
    "DELETE FROM core_auditlog",
    "DROP TRIGGER core_auditlog_no_update ON core_auditlog",
    "DROP TRIGGER core_auditlog_no_delete ON core_auditlog",
    "ALTER TABLE core_auditlog DISABLE TRIGGER ALL",
    "ALTER TABLE core_auditlog DISABLE TRIGGER core_auditlog_no_delete",
    "ALTER TABLE core_auditlog OWNER TO CURRENT_USER",
    "DROP TABLE core_auditlog",
    "CREATE OR REPLACE FUNCTION core_auditlog_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ "
    "LANGUAGE plpgsql",
    "DROP FUNCTION core_auditlog_append_only() CASCADE",
    "CREATE TRIGGER forged BEFORE INSERT ON core_auditlog FOR EACH ROW "
    "EXECUTE FUNCTION core_auditlog_append_only()",
    "SET session_replication_role = replica",
    f"SET ROLE {DEFAULT_OWNER_ROLE}",
]


def _refused(cursor: Any, statement: str) -> None:
    with pytest.raises(DatabaseError) as exc, transaction.atomic():
        cursor.execute(statement)
    assert exc.value.__cause__ is not None
    assert getattr(exc.value.__cause__, "sqlstate", "") == "42501", (
        statement,
        exc.value,
    )  # insufficient_privilege


@needs_roles
@pytest.mark.django_db
def test_the_suite_runs_as_the_runtime_role_which_owns_nothing_of_the_audit_log() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (RUNTIME, False)
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'core_auditlog'")
        assert cursor.fetchone() == (DEFAULT_OWNER_ROLE,)
        cursor.execute(
            "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'core_auditlog_append_only'"
        )
        assert cursor.fetchone() == (DEFAULT_OWNER_ROLE,)
        cursor.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", [DEFAULT_OWNER_ROLE])
        assert cursor.fetchone() == (False,)


@needs_roles
@pytest.mark.django_db
def test_the_runtime_role_inserts_and_reads_but_is_refused_every_change_to_the_audit_log() -> None:
    row = audit_record(actor=None, action="case.accepted", object_type="registry.case", object_id="1")
    with connection.cursor() as cursor:
        for statement in REFUSED:
            _refused(cursor, statement)
        cursor.execute(
            "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'core_auditlog'::regclass AND NOT tgisinternal"
        )
        assert sorted(cursor.fetchall()) == [
            ("core_auditlog_no_delete", "O"),
            ("core_auditlog_no_update", "O"),
        ]
    fresh = AuditLog.objects.get(pk=row.pk)
    assert fresh.action == "case.accepted"
    assert AuditLog.objects.count() == 1


@pytest.fixture
def probe() -> Iterator[Any]:
    """A production-like runtime role (no TRUNCATE: only the suite's own role has it, for the
    flush), given exactly the production grants by the setup (superuser) role."""
    import psycopg

    setup = env.database_from_url(env.DATABASE_URL)
    params = {
        "dbname": connection.settings_dict["NAME"],
        "host": setup["HOST"],
        "port": setup["PORT"] or None,
    }
    admin = psycopg.connect(user=setup["USER"], autocommit=True, **params)
    admin.execute("CREATE ROLE qyzmet_probe LOGIN NOSUPERUSER NOINHERIT")
    for statement in runtime_grants_sql(app_role="qyzmet_probe"):
        admin.execute(statement)
    probe = psycopg.connect(user="qyzmet_probe", autocommit=True, **params)
    try:
        yield probe
    finally:
        probe.close()
        admin.execute("DROP OWNED BY qyzmet_probe")
        admin.execute("DROP ROLE qyzmet_probe")
        admin.close()


@needs_roles
@pytest.mark.django_db(transaction=True)
def test_with_the_production_grants_truncate_is_refused_too(probe: Any) -> None:
    import psycopg

    probe.execute(
        "INSERT INTO core_auditlog (occurred_at, actor_label, action, object_type, object_id, request_id)"
        " VALUES (now(), 'probe', 'probe.insert', 'x', '1', '')"
    )
    assert probe.execute("SELECT count(*) FROM core_auditlog").fetchone() == (1,)
    for statement in ["TRUNCATE core_auditlog", "TRUNCATE core_auditlog CASCADE", *REFUSED[:8]]:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            probe.execute(statement)
    assert probe.execute("SELECT count(*) FROM core_auditlog").fetchone() == (1,)
    # everything else the application writes, it may write
    assert probe.execute("SELECT count(*) FROM core_user").fetchone() is not None
    probe.execute("UPDATE core_user SET first_name = first_name")


def test_the_dba_gets_the_sql_and_the_command_refuses_to_run_as_the_runtime_role() -> None:
    out = StringIO()
    call_command("audit_lockdown", "--app-role", "qyzmet_app", "--print", stdout=out)
    text = out.getvalue()
    assert f'ALTER TABLE core_auditlog OWNER TO "{DEFAULT_OWNER_ROLE}";' in text
    assert 'GRANT SELECT, INSERT ON core_auditlog TO "qyzmet_app";' in text
    assert "TRUNCATE ON core_auditlog" not in text


@needs_roles
@pytest.mark.django_db
def test_the_lockdown_command_refuses_the_runtime_role() -> None:
    with pytest.raises(CommandError):
        call_command("audit_lockdown", "--app-role", RUNTIME, stdout=StringIO())
