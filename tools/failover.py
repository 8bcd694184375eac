"""Issue 20.5 (ADR 0077): a PostgreSQL primary lost under load, and no acknowledged application lost.

1. A pg_auto_failover formation on loopback: a monitor and two PostgreSQL 15 nodes, each run by
   its keeper (``pg_autoctl create ... --run``, Debian's postgresql-15-auto-failover); the
   standby is in the replication quorum, so the primary's ``synchronous_standby_names`` is
   ``ANY 1 (pgautofailover_standby_2)`` and a commit (``synchronous_commit=on``) returns only once
   the standby has flushed it. The run checks that before it kills anything.
2. The app connects with the formation's multi-host URL
   (``postgres://postgres@127.0.0.1:P1,127.0.0.1:P2/qyzmet?target_session_attrs=read-write``,
   read by config/env.py); it is migrated, a provider, a service and a recipient are made, and
   gunicorn serves it on 127.0.0.1.
3. A load of ``POST /api/v1/delivery/applications`` (the full acceptance) from CONCURRENCY
   keep-alive clients, each submission with its own ``Idempotency-Key`` and retried with it
   until it is acknowledged (HTTP 200 with the application's number); every acknowledged number
   is recorded.
4. After KILL_AFTER acknowledgements the node that is primary is lost: ``kill -9`` of its
   postgres and of its keeper (a keeper left alive would restart postgres in place, which is a
   crash, not a failover). The monitor sees the node fail and promotes the standby; the app's
   next connection finds the new primary by itself (libpq tries the hosts in turn and keeps the
   read-write one). The recovery is the seconds from the kill to the first acknowledged
   submission sent after it.
5. Afterwards the new primary is asked for the applications: acknowledged, stored, lost
   (acknowledged but not stored), duplicated (a number or a key stored twice).
6. Then (not in ``--short``) the lost node's keeper is started again: it rewinds its data
   directory and follows the new primary as its synchronous standby.

The figures are printed and written to ``var/bench/failover.json`` (or ``--out``); the exit
status is 1 if any acknowledged application is lost or duplicated, 2 if the drill could not run.

``make failover`` runs the long version; ``--short`` (the test
``test_ops_20_5_a_killed_primary_loses_no_acknowledged_application``) fewer submissions.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The monitor's health checks, tightened from the defaults (a check every 5 s, a node unhealthy
# after 20 s, 30 s for a lost primary to demote itself) so that a lost node is replaced within
# seconds on loopback; a network with real latency wants the defaults back.
MONITOR_SETTINGS = {
    "pgautofailover.health_check_period": "1000",
    "pgautofailover.health_check_timeout": "1000",
    "pgautofailover.health_check_max_retries": "1",
    "pgautofailover.health_check_retry_delay": "500",
    "pgautofailover.node_considered_unhealthy_timeout": "2000",
    "pgautofailover.primary_demote_timeout": "3000",
}
DBNAME = "qyzmet"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin(name: str) -> str:
    for path in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return path
    raise FileNotFoundError(name)


def pg_autoctl_path() -> str | None:
    for candidate in ["/usr/bin/pg_autoctl", *glob.glob("/usr/lib/postgresql/*/bin/pg_autoctl")]:
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def log(message: str) -> None:
    print(f"[failover {time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")"
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


class Formation:
    """A monitor and two nodes under pg_autoctl, in a temporary directory, removed afterwards."""

    def __init__(self) -> None:
        autoctl = pg_autoctl_path()
        if autoctl is None:
            raise RuntimeError("pg_autoctl missing (run tools/ensure-failover-tools.sh)")
        self.autoctl = autoctl
        self.pg_ctl = _pg_bin("pg_ctl")
        self.dir = Path(tempfile.mkdtemp(prefix="qyzmet-failover-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:  # PostgreSQL refuses root: run it as the 'postgres' system user.
            if subprocess.run(["id", "postgres"], capture_output=True).returncode:
                subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
            subprocess.run(["chown", "postgres", str(self.dir)], check=True)
        self.monitor_port = _free_port()
        self.node_ports = {"node1": _free_port(), "node2": _free_port()}
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.monitor_uri = (
            f"postgres://autoctl_node@127.0.0.1:{self.monitor_port}/pg_auto_failover?sslmode=disable"
        )

    # -- processes ---------------------------------------------------------------------------
    def _command(self, *args: str) -> list[str]:
        env = [
            f"HOME={self.dir}",
            f"XDG_CONFIG_HOME={self.dir}/config",
            f"XDG_DATA_HOME={self.dir}/data",
            f"XDG_RUNTIME_DIR={self.dir}/run",
            f"PATH={Path(self.pg_ctl).parent}:/usr/bin:/bin",
        ]
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        return [*prefix, "env", *env, self.autoctl, *args]

    def _spawn(self, name: str, *args: str) -> None:
        logfile = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the process)
        self.procs[name] = subprocess.Popen(
            self._command(*args),
            cwd=self.dir,
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the keeper and its postgres
        )

    def start(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        self._spawn(
            "monitor",
            *("create", "monitor", "--pgdata", str(self.dir / "monitor"), "--pgctl", self.pg_ctl),
            *("--pgport", str(self.monitor_port), "--hostname", "127.0.0.1"),
            *("--auth", "trust", "--no-ssl", "--run"),
        )
        self._wait(lambda: self._monitor_sql("SELECT 1") == [(1,)], deadline, "the monitor")
        for key, value in MONITOR_SETTINGS.items():
            self._monitor_sql(f"ALTER SYSTEM SET {key} = {value}")
        self._monitor_sql("SELECT pg_reload_conf()")
        for name, port in self.node_ports.items():
            self._spawn(
                name,
                *("create", "postgres", "--pgdata", str(self.dir / name), "--pgctl", self.pg_ctl),
                *("--pgport", str(port), "--listen", "127.0.0.1", "--hostname", "127.0.0.1"),
                *("--name", name, "--dbname", DBNAME, "--monitor", self.monitor_uri),
                *("--auth", "trust", "--no-ssl", "--run"),
            )
            if name == "node1":
                self._wait(lambda: self.states().get("node1") == ("single", "single"), deadline, "node1")

        def settled() -> bool:
            # The standby's base backup begins with a checkpoint: ask for it now, not spread.
            with contextlib.suppress(Exception):
                self._node_sql(self.node_ports["node1"], "CHECKPOINT")
            states = sorted(self.states().values())
            return states == [("primary", "primary"), ("secondary", "secondary")]

        self._wait(settled, deadline, "a primary and a secondary")

    def _wait(self, ready: Any, deadline: float, what: str) -> None:
        while time.monotonic() < deadline:
            try:
                if ready():
                    return
            except Exception:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"timed out waiting for {what}; logs in {self.dir}")

    def stop(self) -> None:
        # every postmaster and its children, noted before anything is stopped: once a postmaster
        # is gone its pid file is too, and its logger and the monitor's health-check worker
        # (reparented to init) would outlive the run
        noted = [pid for name in ("monitor", *self.node_ports) for pid in self._postmaster_and_children(name)]
        for proc in self.procs.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        # Postgres gives each child its own process group: stop each postmaster that is left
        # with pg_ctl (SIGQUIT reaches its children), then kill whatever did not stop.
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        for name in ("monitor", *self.node_ports):
            if (self.dir / name / "postmaster.pid").exists():
                stop = [self.pg_ctl, "-D", str(self.dir / name), "-m", "immediate", "-t", "20", "stop"]
                subprocess.run([*prefix, *stop], capture_output=True, check=False, timeout=60)
            self._kill_postmaster(name)
        for pid in noted:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        subprocess.run(["rm", "-rf", str(self.dir)], check=False)

    def _postmaster_and_children(self, name: str) -> list[int]:
        try:
            pid = int((self.dir / name / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return []
        return [pid, *_children(pid)]

    def _kill_postmaster(self, name: str) -> int | None:
        """``kill -9`` of the node's postmaster and of its children: a child whose postmaster was
        killed (the monitor's logger and health-check worker) would otherwise outlive the run."""
        victims = self._postmaster_and_children(name)
        for victim in victims:
            with contextlib.suppress(OSError):
                os.kill(victim, signal.SIGKILL)
        return victims[0] if victims else None

    def kill_node(self, name: str) -> None:
        """``kill -9`` of the node's postgres and of its keeper (the whole node is lost)."""
        self._kill_postmaster(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.procs[name].pid, signal.SIGKILL)

    def rejoin(self, name: str, timeout: float) -> float | None:
        """Start the lost node's keeper again; the seconds until it is a secondary of the new
        primary (it rewinds its data directory), or None if it is not by the timeout."""
        started = time.monotonic()
        self._spawn(name, "run", "--pgdata", str(self.dir / name))
        try:
            self._wait(
                lambda: (
                    sorted(self.states().values()) == [("primary", "primary"), ("secondary", "secondary")]
                ),
                started + timeout,
                f"{name} to rejoin",
            )
        except TimeoutError:
            return None
        return round(time.monotonic() - started, 1)

    # -- SQL ---------------------------------------------------------------------------------
    def _monitor_sql(self, sql: str) -> list[tuple[Any, ...]]:
        return self._sql(f"host=127.0.0.1 port={self.monitor_port} dbname=pg_auto_failover", sql)

    def _node_sql(self, port: int, sql: str) -> list[tuple[Any, ...]]:
        return self._sql(f"host=127.0.0.1 port={port} dbname={DBNAME}", sql)

    @staticmethod
    def _sql(dsn: str, sql: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(f"{dsn} user=postgres connect_timeout=2", autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []

    def states(self) -> dict[str, tuple[str, str]]:
        rows = self._monitor_sql(
            "SELECT nodename, reportedstate::text, goalstate::text FROM pgautofailover.node"
        )
        return {name: (reported, goal) for name, reported, goal in rows}

    @property
    def hosts(self) -> str:
        return ",".join(f"127.0.0.1:{port}" for port in self.node_ports.values())

    def database_url(self) -> str:
        return f"postgres://postgres@{self.hosts}/{DBNAME}?target_session_attrs=read-write&connect_timeout=2"

    def dsn(self) -> str:
        ports = ",".join(str(p) for p in self.node_ports.values())
        return (
            f"host=127.0.0.1,127.0.0.1 port={ports} dbname={DBNAME} user=postgres "
            "target_session_attrs=read-write connect_timeout=2"
        )

    def primary(self) -> str:
        (port,) = self._sql(self.dsn(), "SELECT inet_server_port()")[0]
        return next(name for name, p in self.node_ports.items() if p == port)

    def replication(self, name: str) -> dict[str, Any]:
        port = self.node_ports[name]
        (names,) = self._node_sql(port, "SHOW synchronous_standby_names")[0]
        (commit,) = self._node_sql(port, "SHOW synchronous_commit")[0]
        standbys = self._node_sql(port, "SELECT application_name, sync_state FROM pg_stat_replication")
        return {
            "synchronous_standby_names": names,
            "synchronous_commit": commit,
            "standbys": {app: state for app, state in standbys},
        }


class Load:
    """CONCURRENCY clients submitting ``total`` applications, each retried with its key until acknowledged."""

    def __init__(self, port: int, session: str, body: bytes, total: int, concurrency: int, deadline: float):
        self.port = port
        self.body = body
        self.total = total
        self.concurrency = concurrency
        self.deadline = deadline
        self.run_id = uuid.uuid4().hex[:8]
        csrf = uuid.uuid4().hex  # 32 characters: Django accepts the unmasked secret
        self.headers = {
            "Content-Type": "application/json",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        }
        self.lock = threading.Lock()
        self.next_index = 0
        self.acknowledged: dict[str, str] = {}  # idempotency key -> application number
        self.ack_times: list[tuple[float, float, str]] = []  # (sent, answered, key)
        self.failures = 0
        self.statuses: dict[str, int] = {}
        self.given_up: list[str] = []

    def key(self, i: int) -> str:
        return f"failover-{self.run_id}-{i:06d}"

    def _submit(self, conn: http.client.HTTPConnection, key: str) -> tuple[int, dict[str, Any] | None]:
        conn.request(
            "POST",
            "/api/v1/delivery/applications",
            body=self.body,
            headers={**self.headers, "Idempotency-Key": key},
        )
        resp = conn.getresponse()
        raw = resp.read()
        return resp.status, json.loads(raw) if resp.status == 200 else None

    def worker(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while True:
            with self.lock:
                i = self.next_index
                self.next_index += 1
            if i >= self.total:
                break
            key = self.key(i)
            while True:
                if time.monotonic() > self.deadline:
                    with self.lock:
                        self.given_up.append(key)
                    break
                sent = time.monotonic()
                try:
                    status, answer = self._submit(conn, key)
                except (OSError, http.client.HTTPException):
                    status, answer = 0, None
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if status == 200 and answer is not None:
                    with self.lock:
                        self.acknowledged[key] = answer["number"]
                        self.ack_times.append((sent, time.monotonic(), key))
                    break
                with self.lock:
                    self.failures += 1
                    self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
                time.sleep(0.2)  # the client backs off a little and retries with the same key
        conn.close()

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged)


def _setup_app(database_url: str) -> dict[str, Any]:
    """Migrate through the multi-host URL and make a provider, a service and a recipient."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    from bench_delivery import _setup

    setup = _setup()
    connections.close_all()
    return setup


def _start_gunicorn(port: int, database_url: str, replica_url: str, logfile: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "QYZMET_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "QYZMET_THROTTLE_ENABLED": "0",
        "QYZMET_DATABASE_RUNTIME_USER": "",
        "QYZMET_REPLICA_DATABASE_URL": replica_url,
    }
    out = open(logfile, "ab")  # noqa: SIM115 (kept open for the process)
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/delivery/status/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"gunicorn did not start: see {logfile}")


def _replica_notice(port: int) -> bool:
    """Whether the public status page says it was read from the replica (ADR 0077)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/delivery/status/", headers={"Accept-Language": "en"})
    body = conn.getresponse().read().decode()
    conn.close()
    return 'id="replica-notice"' in body


def run(*, total: int, kill_after: int, concurrency: int, timeout: float, rejoin: bool) -> dict[str, Any]:
    started = time.monotonic()
    formation = Formation()
    gunicorn = None
    try:
        log(f"formation in {formation.dir}: monitor :{formation.monitor_port}, nodes {formation.node_ports}")
        formation.start(timeout=timeout)
        setup_s = time.monotonic() - started
        old_primary = formation.primary()
        replication = formation.replication(old_primary)
        log(f"primary {old_primary}, replication {replication} ({setup_s:.1f} s)")
        if not any(state in ("sync", "quorum") for state in replication["standbys"].values()):
            raise RuntimeError(f"the standby is not synchronous: {replication}")
        database_url = formation.database_url()
        setup = _setup_app(database_url)
        port = _free_port()
        # The public pages read from the standby while it is one (ADR 0077).
        standby = next(name for name in formation.node_ports if name != old_primary)
        replica_url = (
            f"postgres://postgres@127.0.0.1:{formation.node_ports[standby]}/{DBNAME}?connect_timeout=2"
        )
        gunicorn = _start_gunicorn(port, database_url, replica_url, formation.dir / "gunicorn.log")
        notice_before = _replica_notice(port)
        load = Load(port, setup["session"], setup["body"], total, concurrency, time.monotonic() + timeout)
        threads = [threading.Thread(target=load.worker, daemon=True) for _ in range(concurrency)]
        load_started = time.monotonic()
        for t in threads:
            t.start()
        while load.count() < kill_after and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        killed_at = time.monotonic()
        formation.kill_node(old_primary)
        acknowledged_before_kill = load.count()
        log(
            f"kill -9 of {old_primary} (postgres and keeper) after {acknowledged_before_kill} acknowledgements"
        )
        for t in threads:
            t.join(timeout=max(1.0, load.deadline - time.monotonic() + 5))
        load_s = time.monotonic() - load_started
        after = sorted(answered for sent, answered, _key in load.ack_times if sent > killed_at)
        recovery_s = round(after[0] - killed_at, 2) if after else None
        new_primary = formation.primary()
        notice_after = _replica_notice(port)
        rows = formation._sql(
            formation.dsn(),
            f"SELECT number, idempotency_key FROM delivery_application WHERE idempotency_key LIKE 'failover-{load.run_id}-%'",
        )
        stored_numbers = [number for number, _key in rows]
        stored_keys = [key for _number, key in rows]
        acknowledged = load.acknowledged
        lost = sorted(number for number in acknowledged.values() if number not in set(stored_numbers))
        duplicated = (len(stored_numbers) - len(set(stored_numbers))) + (
            len(stored_keys) - len(set(stored_keys))
        )
        states = formation.states()
        rejoin_s = formation.rejoin(old_primary, timeout=timeout) if rejoin else None
        replication_after = formation.replication(new_primary) if rejoin_s is not None else None
        if rejoin:
            log(f"{old_primary} rejoined as a standby in {rejoin_s} s: {replication_after}")
        return {
            "failover_manager": "pg_auto_failover 2.0 (Debian postgresql-15-auto-failover)",
            "cpu_count": os.cpu_count(),
            "submissions": total,
            "client_concurrency": concurrency,
            "gunicorn_workers": 2,
            "replication_before_kill": replication,
            "old_primary": old_primary,
            "new_primary": new_primary,
            "states_after": {name: list(state) for name, state in states.items()},
            "old_primary_rejoined_as_standby_s": rejoin_s,
            "replication_after_rejoin": replication_after,
            "replica": standby,
            "status_page_read_from_the_replica_before_kill": notice_before,
            "status_page_read_from_the_replica_after_failover": notice_after,
            "acknowledged_before_kill": acknowledged_before_kill,
            "acknowledged": len(acknowledged),
            "stored": len(rows),
            "lost": len(lost),
            "lost_numbers": lost[:20],
            "duplicated": duplicated,
            "stored_not_acknowledged": len(set(stored_keys) - set(acknowledged)),
            "given_up": len(load.given_up),
            "failed_attempts_retried": load.failures,
            "failed_attempts_by_status": load.statuses,
            "recovery_s": recovery_s,
            "load_s": round(load_s, 2),
            "acknowledged_per_s": round(len(acknowledged) / load_s, 1) if load_s else None,
            "formation_setup_s": round(setup_s, 1),
            "monitor_settings": MONITOR_SETTINGS,
        }
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        formation.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true", help="the short version run by make test")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "failover.json")
    args = parser.parse_args()
    total = int(os.environ.get("FAILOVER_SUBMISSIONS", "60" if args.short else "1500"))
    kill_after = int(os.environ.get("FAILOVER_KILL_AFTER", "20" if args.short else "500"))
    concurrency = int(os.environ.get("FAILOVER_CONCURRENCY", "4" if args.short else "8"))
    timeout = float(os.environ.get("FAILOVER_TIMEOUT_S", "300"))
    try:
        figures = run(
            total=total,
            kill_after=kill_after,
            concurrency=concurrency,
            timeout=timeout,
            rejoin=not args.short,
        )
    except (RuntimeError, TimeoutError, FileNotFoundError) as exc:
        print(f"failover drill could not run: {exc}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    for key in ("acknowledged_before_kill", "acknowledged", "stored", "lost", "duplicated", "recovery_s"):
        print(f"  {key}: {figures[key]}")
    print(
        f"  (old primary {figures['old_primary']}, new primary {figures['new_primary']}; written to {args.out})"
    )
    return 1 if figures["lost"] or figures["duplicated"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
