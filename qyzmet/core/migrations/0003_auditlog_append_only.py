"""Database triggers that make ``core_auditlog`` append-only: UPDATE and DELETE are refused by
the database itself, whatever the application does.

TRUNCATE is deliberately not trapped: it needs the table owner's privilege (the production
application role must not own the table) and the test runner's flush uses it."""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION core_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditlog is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditlog_no_update BEFORE UPDATE ON core_auditlog
    FOR EACH ROW EXECUTE FUNCTION core_auditlog_append_only();
CREATE TRIGGER core_auditlog_no_delete BEFORE DELETE ON core_auditlog
    FOR EACH ROW EXECUTE FUNCTION core_auditlog_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS core_auditlog_no_delete ON core_auditlog;
DROP TRIGGER IF EXISTS core_auditlog_no_update ON core_auditlog;
DROP FUNCTION IF EXISTS core_auditlog_append_only();
"""
SQLITE_FORWARD = [
    """CREATE TRIGGER core_auditlog_no_update BEFORE UPDATE ON core_auditlog
    BEGIN SELECT RAISE(ABORT, 'core_auditlog is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER core_auditlog_no_delete BEFORE DELETE ON core_auditlog
    BEGIN SELECT RAISE(ABORT, 'core_auditlog is append-only: DELETE refused'); END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditlog_no_update;",
    "DROP TRIGGER IF EXISTS core_auditlog_no_delete;",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)
    elif vendor == "sqlite":
        for sql in SQLITE_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_log")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
