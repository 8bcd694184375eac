"""Database roles for the audit table (issue 12.3; ADR 0013).

The application runs as a *runtime role* that does not own ``core_auditlog``: the table, its id
sequence and the trigger function ``core_auditlog_append_only()`` belong to a NOLOGIN role
(``qyzmet_audit_owner``) that nobody signs in as. The runtime role may only SELECT and INSERT
the audit table (and use its sequence), so it can neither UPDATE nor DELETE a row (no privilege,
and the triggers of migration core 0003 besides), nor TRUNCATE it, nor DROP or DISABLE the
triggers, nor replace the function, nor drop the table: all of those need the owner.

Everything else (the other tables and sequences of the schema) the runtime role may read and
write. The statements below are run after every ``migrate`` by the role that migrates (the
schema owner or a superuser), never by the runtime role: ``qyzmet audit_lockdown`` does it, or
prints them for the DBA (``--print``). The test suite runs them too (``conftest.py``), and then
runs every test as the runtime role; it grants TRUNCATE on the audit table in addition (and only
there) because a transactional test's flush empties every table with TRUNCATE.
"""

from __future__ import annotations

from psycopg import sql

AUDIT_TABLE = "core_auditlog"
AUDIT_FUNCTION = "core_auditlog_append_only()"
DEFAULT_OWNER_ROLE = "qyzmet_audit_owner"


def _ident(name: str) -> str:
    return sql.Identifier(name).as_string(None)


def owner_sql(*, owner_role: str = DEFAULT_OWNER_ROLE) -> list[str]:
    """Create the NOLOGIN owner role (once per cluster) and give it the audit table, its
    sequence and the trigger function. Needs a superuser or the current owner of them."""
    owner = _ident(owner_role)
    literal = sql.Literal(owner_role).as_string(None)
    return [
        "DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {literal}) THEN "
        f"CREATE ROLE {owner} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT; "
        "END IF; END $$",
        f"ALTER TABLE {AUDIT_TABLE} OWNER TO {owner}",  # its owned id sequence follows
        f"ALTER FUNCTION {AUDIT_FUNCTION} OWNER TO {owner}",
    ]


def runtime_grants_sql(*, app_role: str, allow_truncate: bool = False) -> list[str]:
    """What the runtime role may do: everything on the other tables and sequences of the
    schema, only SELECT and INSERT on the audit table (TRUNCATE too with ``allow_truncate``,
    for the test suite's flush only)."""
    app = _ident(app_role)
    audit = ["SELECT", "INSERT", *(["TRUNCATE"] if allow_truncate else [])]
    return [
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"REVOKE ALL ON {AUDIT_TABLE} FROM {app}",
        f"REVOKE ALL ON {AUDIT_TABLE} FROM PUBLIC",
        f"GRANT {', '.join(audit)} ON {AUDIT_TABLE} TO {app}",
        f"REVOKE ALL ON SEQUENCE {AUDIT_TABLE}_id_seq FROM {app}",
        f"GRANT USAGE ON SEQUENCE {AUDIT_TABLE}_id_seq TO {app}",
        f"REVOKE ALL ON FUNCTION {AUDIT_FUNCTION} FROM PUBLIC",
    ]


def lockdown_sql(
    *, app_role: str, owner_role: str = DEFAULT_OWNER_ROLE, allow_truncate: bool = False
) -> list[str]:
    """Every statement, in order: the owner step, then the runtime role's grants."""
    return [
        *owner_sql(owner_role=owner_role),
        *runtime_grants_sql(app_role=app_role, allow_truncate=allow_truncate),
    ]
