"""What ``/metrics`` exports (ADR 0070).

django-prometheus counts the requests and their latencies (its middleware, in every process);
this module adds gauges read from the database at scrape time: the outbox backlog, how late each
periodic sweep is, the worker's heartbeat age, and whether the database answers at all. Under
gunicorn with several workers, set ``PROMETHEUS_MULTIPROC_DIR`` (an empty directory, emptied at
each start) so the request counters of every worker are added up in one scrape."""

from __future__ import annotations

import math
from collections.abc import Iterator

import prometheus_client
from django.conf import settings
from django.db import DatabaseError, connections
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from qyzmet.ops import selectors


class DatabaseGauges(Collector):
    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("qyzmet_database_up", "1 when the database answered this scrape")
        try:
            backlog = selectors.outbox_backlog()
            lags = selectors.sweep_lags()
            heartbeat = selectors.heartbeat_age_seconds()
        except DatabaseError:
            connections["default"].close_if_unusable_or_obsolete()
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up

        waiting = GaugeMetricFamily(
            "qyzmet_outbox_backlog", "Outbox messages not yet delivered", labels=["channel", "status"]
        )
        for (channel, status), count in sorted(backlog.by_channel_status.items()):
            waiting.add_metric([channel, status], count)
        yield waiting
        yield GaugeMetricFamily(
            "qyzmet_outbox_oldest_due_age_seconds",
            "Seconds the oldest due outbox message has waited (0 when none is due)",
            value=backlog.oldest_due_age_seconds,
        )

        lag = GaugeMetricFamily(
            "qyzmet_sweep_lag_seconds", "Seconds a periodic job's next run is overdue", labels=["job"]
        )
        interval = GaugeMetricFamily(
            "qyzmet_sweep_interval_seconds", "A periodic job's interval", labels=["job"]
        )
        failed = GaugeMetricFamily(
            "qyzmet_sweep_last_run_failed", "1 when a periodic job's last run raised", labels=["job"]
        )
        for item in lags:
            lag.add_metric([item.job], item.lag_seconds)
            interval.add_metric([item.job], item.interval_seconds)
            failed.add_metric([item.job], 1 if item.failed else 0)
        yield lag
        yield interval
        yield failed
        yield GaugeMetricFamily(
            "qyzmet_worker_heartbeat_age_seconds",
            "Seconds since qyzmet worker's last pass began (+Inf: it never ran)",
            value=math.inf if heartbeat is None else heartbeat,
        )


def exposition() -> tuple[bytes, str]:
    """The text the scrape gets: the process's (or every worker's) metrics, then the gauges."""
    if settings.QYZMET_PROMETHEUS_MULTIPROC:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = prometheus_client.generate_latest(registry)
    else:
        body = prometheus_client.generate_latest(prometheus_client.REGISTRY)
    gauges = CollectorRegistry(auto_describe=False)
    gauges.register(DatabaseGauges())
    return body + prometheus_client.generate_latest(gauges), prometheus_client.CONTENT_TYPE_LATEST
