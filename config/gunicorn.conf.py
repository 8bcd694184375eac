"""gunicorn's configuration for production (README "Production start", ADR 0070).

    gunicorn -c config/gunicorn.conf.py config.wsgi

Values come from the environment through config/env.py. The access log and gunicorn's own log
go through the same IIN mask and, by default, the same JSON lines as the application's."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

# The web processes' overload limits (ADR 0076), set before config.env reads them: a request
# stuck behind a lock or on a slow statement is cancelled by PostgreSQL and answered 503 with
# Retry-After, well before the worker timeout below kills the worker. Commands and the outbox
# worker keep no limit unless their environment sets one.
os.environ.setdefault("QYZMET_DB_STATEMENT_TIMEOUT_MS", "10000")
os.environ.setdefault("QYZMET_DB_LOCK_TIMEOUT_MS", "3000")

from config import env

bind = env.env_str("QYZMET_BIND", "127.0.0.1:8000")
workers = env.env_int("QYZMET_WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = env.env_int("QYZMET_WEB_THREADS", 1)
timeout = env.env_int("QYZMET_WEB_TIMEOUT", 30)
if timeout * 1000 <= env.DB_STATEMENT_TIMEOUT_MS:
    raise SystemExit("QYZMET_DB_STATEMENT_TIMEOUT_MS must be below QYZMET_WEB_TIMEOUT (ADR 0076)")
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (a slow leak cannot grow for ever).
max_requests = env.env_int("QYZMET_WEB_MAX_REQUESTS", 5000)
max_requests_jitter = 500
forwarded_allow_ips = env.env_str("QYZMET_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" rid=%({x-request-id}o)s'

_formatter = "json" if env.env_bool("QYZMET_LOG_JSON", True) else "text"
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_iin": {"()": "qyzmet.ops.logs.MaskIin"}},
    "formatters": {
        "json": {"()": "qyzmet.ops.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_iin"],
            "formatter": _formatter,
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def child_exit(server: Any, worker: Any) -> None:
    """With PROMETHEUS_MULTIPROC_DIR, a dead worker's live gauges leave the sums."""
    if env.PROMETHEUS_MULTIPROC:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def post_fork(server: Any, worker: Any) -> None:
    """Each worker's PostgreSQL sessions carry its pid (``application_name`` via libpq's
    PGAPPNAME, unless set already): pg_stat_activity tells which worker holds a transaction (the
    kill run of tools/load.py kills one inside a submission)."""
    os.environ.setdefault("PGAPPNAME", f"qyzmet-web-{os.getpid()}")
