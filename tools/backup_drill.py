"""Backup-and-restore drill (issue 20.6, ADR 0070): dump the database, restore the dump into a
fresh throwaway PostgreSQL cluster, compare the row count of every table, print them, and exit
non-zero on any difference.

    DATABASE_URL=postgres://... python tools/backup_drill.py [--keep-dump PATH]

The counts of the source are taken in the very snapshot pg_dump dumps (``pg_export_snapshot``),
so the drill may run against a live database that is being written to. The throwaway cluster
is made with the PostgreSQL binaries on this machine (``initdb``/``pg_ctl``, as
tools/with-postgres.sh), listens on a Unix socket only and is removed afterwards. ``make
backup-drill`` runs it against a throwaway database loaded with the demo data.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

_TABLES = """
SELECT n.nspname, c.relname
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%%'
ORDER BY 1, 2
"""


def pg_bin(name: str) -> str:
    """The newest PostgreSQL binary of that name (Debian keeps them per major version)."""
    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"backup drill: {name} not found (apt-get install postgresql)")
    return found


def row_counts(conn: psycopg.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    with conn.cursor() as cursor:
        tables = cursor.execute(_TABLES).fetchall()
        for schema, table in tables:
            query = sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
            row = cursor.execute(query).fetchone()
            counts[f"{schema}.{table}"] = int(row[0]) if row else 0
    return counts


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A fresh cluster on a Unix socket in a temporary directory; yields its connection URL."""
    tmp = Path(tempfile.mkdtemp(prefix="qyzmet-drill."))
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if subprocess.run(["id", "postgres"], check=False, capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
        shutil.chown(tmp, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data = tmp / "data"
    try:
        subprocess.run(
            [*run_as, pg_bin("initdb"), "-D", str(data), "-U", "drill", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [*run_as, pg_bin("pg_ctl"), "-D", str(data), "-w", "-l", str(tmp / "server.log"),
             "-o", f"-k {tmp} -c listen_addresses=''", "start"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run([*run_as, pg_bin("createdb"), "-h", str(tmp), "-U", "drill", "restored"], check=True)
        yield f"postgresql://drill@/restored?host={tmp}"
    finally:
        subprocess.run(
            [*run_as, pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(tmp, ignore_errors=True)


def drill(*, source_url: str, keep_dump: Path | None = None, tamper: str = "") -> int:
    """Run the drill; returns the exit status (0: every table has its rows back)."""
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="qyzmet-dump."))
    dump = workdir / "qyzmet.dump"
    try:
        with psycopg.connect(source_url, autocommit=False) as source:
            source.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot_row = source.execute("SELECT pg_export_snapshot()").fetchone()
            assert snapshot_row is not None
            # pg_dump reads the snapshot this transaction holds open: same rows as the counts.
            subprocess.run(
                [pg_bin("pg_dump"), "--format=custom", "--no-owner", "--no-acl",
                 f"--snapshot={snapshot_row[0]}", "--file", str(dump), "--dbname", source_url],
                check=True,
            )  # fmt: skip
            expected = row_counts(source)
            source.rollback()
        dumped_at = time.monotonic()
        print(f"backup drill: dumped {len(expected)} tables, {dump.stat().st_size:,} bytes "
              f"in {dumped_at - started:.1f} s")  # fmt: skip
        with throwaway_cluster() as restore_url:
            subprocess.run(
                [pg_bin("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error", "--dbname", restore_url,
                 str(dump)],
                check=True,
            )  # fmt: skip
            with psycopg.connect(restore_url, autocommit=True) as restored:
                if tamper:  # only to prove the drill fails when a table lost rows
                    schema, _, table = tamper.partition(".")
                    restored.execute(
                        sql.SQL("DELETE FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table))
                    )
                actual = row_counts(restored)
        print(f"backup drill: restored into a fresh cluster in {time.monotonic() - dumped_at:.1f} s")
        if keep_dump:
            shutil.copy(dump, keep_dump)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    width = max((len(name) for name in expected | actual), default=5)
    print(f"{'table':<{width}}  {'source':>10}  {'restored':>10}")
    mismatches = 0
    for name in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(name), actual.get(name)
        mark = "" if want == got else "  MISMATCH"
        mismatches += bool(mark)
        print(
            f"{name:<{width}}  {'-' if want is None else want:>10}  {'-' if got is None else got:>10}{mark}"
        )
    total = sum(expected.values())
    if mismatches:
        print(f"backup drill: FAILED, {mismatches} of {len(expected)} tables differ")
        return 1
    print(
        f"backup drill: OK, {len(expected)} tables, {total:,} rows, all equal ({time.monotonic() - started:.1f} s)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--keep-dump", type=Path, help="copy the dump there")
    parser.add_argument("--tamper", default="", help=argparse.SUPPRESS)  # tests of the drill itself
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("backup drill: DATABASE_URL must name a PostgreSQL database", file=sys.stderr)
        return 2
    return drill(source_url=args.database_url, keep_dump=args.keep_dump, tamper=args.tamper)


if __name__ == "__main__":
    sys.exit(main())
