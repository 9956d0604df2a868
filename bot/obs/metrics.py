"""Prometheus metrics (``prometheus_client``) in multiprocess mode: every web and worker process of
a host writes its samples to one directory (``REMEDIATOR_METRICS_DIR``, default
``<data dir>/metrics``), and the web's ``/metrics`` reads them all (``render``).

``enable(settings)`` is called by each entry point before the first sample; without it (tests,
one-off commands) the metrics count in-process only. Label values are bounded sets (hosts, known
event names, outcomes, phases, severities): never a repository, a delivery id or PR text.
"""

from __future__ import annotations

import hmac
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess, values
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from bot.config.settings import Settings

ENV = "PROMETHEUS_MULTIPROC_DIR"
PHASES = ("fetch", "analyse", "llm", "publish")
HOSTS = ("github", "gitlab")
SEVERITIES = ("low", "medium", "high", "critical")
JOB_OUTCOMES = ("done", "retry", "dead", "other", "lost_lease")
_lock = threading.Lock()


def metrics_dir(settings: Settings) -> Path:
    return settings.metrics_dir or settings.data_dir / "metrics"


def process_identifier(host: str) -> Callable[[], str]:
    """Names this process's sample files (``counter_<id>.db``): the host name and the pid. The pid
    alone is not unique in a directory that containers share: every container's main process is
    pid 1, and two of them writing ``counter_1.db`` overwrite each other's counts. Called on every
    sample, so a forked child (a gunicorn worker) gets files of its own."""
    name = re.sub(r"[^A-Za-z0-9.-]", "-", host)[:64] or "host"  # no '_': it splits file names

    def identifier() -> str:
        return f"{name}-{os.getpid()}"

    return identifier


def enable(settings: Settings) -> Path:
    """Multiprocess mode for this process: samples go to the metrics directory (created). Call it
    before the first metric is touched; the metrics below are built on first use."""
    folder = metrics_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    with _lock:
        os.environ[ENV] = str(folder)
        values.ValueClass = values.MultiProcessValue(process_identifier(socket.gethostname()))  # type: ignore[no-untyped-call]
        _Metrics.instance = None  # built again on first use, now writing to files
    announce()
    return folder


def announce() -> None:
    """Zero samples for the fixed label sets, so that a fresh service's ``/metrics`` names every
    metric: in multiprocess mode a metric is listed only once some process holds a sample of it."""
    m = get()
    for phase in PHASES:
        m.phase.labels(phase)
    for kind in ("prompt", "completion"):
        m.llm_tokens.labels(kind)
    m.llm_cost.inc(0)
    for outcome in JOB_OUTCOMES:
        m.jobs.labels("review_pull_request", outcome)
    for severity in SEVERITIES:
        m.findings.labels(severity)
    m.deliveries.labels("github", "pull_request", "queued")
    m.deliveries.labels("gitlab", "Merge Request Hook", "queued")
    for host in HOSTS:
        m.reviews.labels(host)
        m.rate_waits.labels(host)
        for kind in ("read", "write"):
            m.api_calls.labels(host, kind, "error")
            m.api_sent.labels(host, kind)
        for cause in ("pacing", "rate_limit"):
            m.waits.labels(host, cause)
            m.wait_seconds.labels(host, cause)


class _Metrics:
    instance: _Metrics | None = None

    def __init__(self) -> None:
        # in-process (no metrics directory): a private registry, so test processes never collide
        reg = None if os.environ.get(ENV) else CollectorRegistry()
        self.registry = reg
        self.deliveries = Counter(
            "remediator_deliveries",
            "Webhook deliveries by host, event and outcome.",
            ["host", "event", "outcome"],
            registry=reg,
        )
        self.jobs = Counter(
            "remediator_jobs", "Job runs by handler and outcome.", ["handler", "outcome"], registry=reg
        )
        self.phase = Histogram(
            "remediator_review_phase_seconds",
            "Review duration by phase.",
            ["phase"],
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900),
            registry=reg,
        )
        self.findings = Counter(
            "remediator_findings_posted", "Inline findings posted.", ["severity"], registry=reg
        )
        self.reviews = Counter("remediator_reviews_published", "Reviews published.", ["host"], registry=reg)
        self.llm_tokens = Counter("remediator_llm_tokens", "LLM tokens used.", ["kind"], registry=reg)
        self.llm_cost = Counter(
            "remediator_llm_cost", "LLM cost in REMEDIATOR_LLM_PRICES units.", registry=reg
        )
        self.rate_waits = Counter(
            "remediator_host_rate_limit_waits", "Rate-limit answers from the forge.", ["host"], registry=reg
        )
        self.api_calls = Counter(
            "remediator_host_api_calls",
            "Requests sent to the forge by host, kind (read or write) and HTTP status ('error': no answer).",
            ["host", "kind", "status"],
            registry=reg,
        )
        self.api_sent = Counter(
            "remediator_host_api_requests_sent",
            "Requests handed to the network by host and kind, counted before each is sent: a process "
            "killed while its request is in flight has counted it, which remediator_host_api_calls "
            "(counted on the answer) cannot.",
            ["host", "kind"],
            registry=reg,
        )
        self.waits = Counter(
            "remediator_host_waits",
            "Waits before forge requests: 'pacing' (a write waited for its slot) or 'rate_limit' "
            "(the forge asked to wait).",
            ["host", "cause"],
            registry=reg,
        )
        self.wait_seconds = Counter(
            "remediator_host_wait_seconds",
            "Seconds of those waits (for 'rate_limit': the wait the forge asked for).",
            ["host", "cause"],
            registry=reg,
        )


def get() -> _Metrics:
    with _lock:
        if _Metrics.instance is None:
            _Metrics.instance = _Metrics()
        return _Metrics.instance


@contextmanager
def timed(phase: str, clock: Callable[[], float] = time.perf_counter) -> Iterator[None]:
    """Observe the block's duration as one review phase (``PHASES``)."""
    started = clock()
    try:
        yield
    finally:
        get().phase.labels(phase).observe(max(clock() - started, 0.0))


QueueStats = Callable[[], tuple[int, float | None]]
"""(jobs queued, age in seconds of the oldest queued job or None)."""


class _QueueCollector(Collector):
    def __init__(self, stats: QueueStats) -> None:
        self._stats = stats

    def collect(self) -> Iterable[GaugeMetricFamily]:
        depth, oldest = self._stats()
        yield GaugeMetricFamily("remediator_queue_depth", "Jobs queued and not yet running.", value=depth)
        yield GaugeMetricFamily(
            "remediator_queue_oldest_age_seconds",
            "Age of the oldest queued job (0: none).",
            value=oldest or 0.0,
        )


def scrape_allowed(authorization: str, token: str) -> bool:
    """Whether an ``Authorization`` header carries the scrape ``token`` as a bearer credential. The
    scheme is matched without regard to case (RFC 9110, 11.1), the credential in constant time."""
    scheme, _, credential = authorization.strip().partition(" ")
    if not token or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(credential.strip().encode(), token.encode())


def render(queue_stats: QueueStats) -> bytes:
    """The exposition text: every process's samples (multiprocess mode) or this one's, plus the
    queue's depth and oldest age read now."""
    queue = CollectorRegistry()
    queue.register(_QueueCollector(queue_stats))
    folder = os.environ.get(ENV)
    if folder:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=folder)  # type: ignore[no-untyped-call]
        return generate_latest(registry) + generate_latest(queue)
    own = get().registry
    return (generate_latest(own) if own is not None else b"") + generate_latest(queue)
