"""Settings, read once from the environment at an entry point and passed down (never global).

Every setting is declared in ``SETTINGS`` with its default and help text; the README lists them
all (a test checks). Imports only the standard library.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.links import Links
from bot.core.models import Confidence, Severity
from bot.errors import ConfigError


@dataclass(frozen=True, slots=True)
class SettingSpec:
    name: str
    default: str
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "REMEDIATOR_DATA_DIR", "~/.local/share/remediator", "Directory for the queue, store and caches."
    ),
    SettingSpec(
        "REMEDIATOR_LOG_LEVEL",
        "",
        "Log level: DEBUG, INFO, WARNING or ERROR; empty is INFO for `serve` and `worker` (one line per "
        "delivery and per review), WARNING for other commands.",
    ),
    SettingSpec(
        "REMEDIATOR_LOG_FORMAT",
        "text",
        "Log lines as `text` (time, level, logger, [delivery/job/repository/pull request], message) or "
        "`json` (one object a line with the same fields); secrets are redacted in both.",
    ),
    SettingSpec(
        "REMEDIATOR_METRICS_TOKEN",
        "",
        "Bearer token for the web's Prometheus `/metrics` (`Authorization: Bearer ...`); empty: `/metrics` "
        "answers 404.",
    ),
    SettingSpec(
        "REMEDIATOR_METRICS_DIR",
        "",
        "Directory where web and worker processes write their Prometheus samples (multiprocess mode; "
        "shared by the processes of one host or volume); empty: `<data dir>/metrics`.",
    ),
    SettingSpec(
        "REMEDIATOR_WORKER_METRICS_PORT",
        "0",
        "Port on which `remediator worker` serves its own Prometheus `/metrics` (same bearer token), "
        "for workers whose samples the web cannot read (other hosts or pods); 0: none.",
    ),
    SettingSpec(
        "REMEDIATOR_WORKER_HEARTBEAT",
        "",
        "File a running `remediator worker` touches every few seconds (`remediator health` reads it); "
        "empty: `<data dir>/worker.heartbeat`.",
    ),
    SettingSpec(
        "REMEDIATOR_WORKER_HEARTBEAT_MAX_AGE",
        "120",
        "Seconds after which `remediator health` (role worker) calls the worker's heartbeat stale.",
    ),
    SettingSpec(
        "REMEDIATOR_ROLE",
        "web",
        "What `remediator health` checks: `web` probes `/healthz` on port 8000 (`REMEDIATOR_HEALTH_URL`), "
        "`worker` reads the heartbeat file.",
    ),
    SettingSpec(
        "REMEDIATOR_HEALTH_URL",
        "http://127.0.0.1:8000/healthz",
        "The URL `remediator health` probes for the web role.",
    ),
    SettingSpec(
        "REMEDIATOR_MIN_SEVERITY",
        "low",
        "Findings below this severity (low, medium, high, critical) go to the summary, not inline.",
    ),
    SettingSpec(
        "REMEDIATOR_MIN_CONFIDENCE",
        "medium",
        "Findings below this confidence (low, medium, high) go to the summary, not inline "
        "(the SARIF and JSON outputs carry every finding with its level).",
    ),
    SettingSpec(
        "REMEDIATOR_MAX_INLINE_COMMENTS", "25", "Cap on inline comments per review; the rest are summarised."
    ),
    SettingSpec(
        "REMEDIATOR_MAX_FILE_BYTES", "1000000", "Files larger than this are skipped (reported as too large)."
    ),
    SettingSpec(
        "REMEDIATOR_EXCLUDE_PATHS",
        "",
        "Comma-separated glob patterns of paths never analysed (reported as excluded).",
    ),
    SettingSpec(
        "REMEDIATOR_ANALYZER_TIMEOUT", "600", "Seconds one analyzer process may run before it is stopped."
    ),
    SettingSpec(
        "REMEDIATOR_ANALYZER_JOBS", "0", "Parallel jobs inside the static analyzer; 0 means one per CPU."
    ),
    SettingSpec(
        "REMEDIATOR_GITHUB_WEBHOOK_SECRET",
        "",
        "Secret GitHub signs webhook deliveries with (X-Hub-Signature-256); required to accept them.",
    ),
    SettingSpec("REMEDIATOR_GITHUB_APP_ID", "", "GitHub App id (App mode, with the private key)."),
    SettingSpec("REMEDIATOR_GITHUB_PRIVATE_KEY_PATH", "", "Path to the GitHub App's PEM private key."),
    SettingSpec(
        "REMEDIATOR_GITHUB_TOKEN",
        "",
        "Personal or fine-grained token (personal-token mode, instead of App id + private key).",
    ),
    SettingSpec(
        "REMEDIATOR_GITHUB_API_URL",
        "https://api.github.com",
        "GitHub REST API base URL; https://HOST/api/v3 for GitHub Enterprise Server.",
    ),
    SettingSpec(
        "REMEDIATOR_GITHUB_WRITE_INTERVAL",
        "1.0",
        "Seconds between content-creating GitHub requests (keeps under GitHub's secondary rate limits).",
    ),
    SettingSpec(
        "REMEDIATOR_GITLAB_URL",
        "https://gitlab.com",
        "GitLab base URL (GitLab.com or https://gitlab.example.com for self-managed; no /api/v4).",
    ),
    SettingSpec(
        "REMEDIATOR_GITLAB_TOKEN",
        "",
        "GitLab project/group access token or bot user token (api scope, Developer role).",
    ),
    SettingSpec(
        "REMEDIATOR_GITLAB_WEBHOOK_SECRET",
        "",
        "Secret token GitLab sends in X-Gitlab-Token, shared by every project not named in the secrets "
        "file; prefer REMEDIATOR_GITLAB_WEBHOOK_SECRETS_FILE.",
    ),
    SettingSpec(
        "REMEDIATOR_GITLAB_WEBHOOK_SECRETS_FILE",
        "",
        "File of per-project webhook secrets, one `group/project SECRET` per line (# comments); a "
        "delivery naming a listed project must carry that project's secret.",
    ),
    SettingSpec(
        "OPENAI_API_KEY",
        "",
        "API key for the LLM server; the LLM review runs when this or OPENAI_BASE_URL is set (a secret: "
        "never logged or echoed).",
    ),
    SettingSpec(
        "OPENAI_BASE_URL",
        "",
        "OpenAI-compatible server URL (Azure OpenAI, vLLM, Ollama: e.g. http://127.0.0.1:11434/v1); "
        "empty uses OpenAI's.",
    ),
    SettingSpec("REMEDIATOR_LLM_MODEL", "gpt-4o-mini", "Model name sent to the LLM server."),
    SettingSpec(
        "REMEDIATOR_LLM_REVIEW_TOKENS",
        "60000",
        "Token budget of one review's LLM pass (prompt + answer, estimated before sending).",
    ),
    SettingSpec(
        "REMEDIATOR_LLM_MONTHLY_TOKENS",
        "5000000",
        "Token budget per repository per calendar month (UTC); 0 means no limit.",
    ),
    SettingSpec(
        "REMEDIATOR_LLM_MONTHLY_COST",
        "50",
        "Estimated spend per repository per calendar month, in the price table's currency; 0 means no limit.",
    ),
    SettingSpec(
        "REMEDIATOR_LLM_OUTSIDE_SHARE",
        "0.1",
        "Share (0-1) of a repository's monthly LLM budget one outside author (a pull request from a "
        "fork) may use per month; past it their pull requests get the static review with a note. "
        "1 means no separate limit.",
    ),
    SettingSpec(
        "REMEDIATOR_LLM_PRICES",
        "gpt-4o-mini=0.15/0.60,gpt-4o=2.50/10.00,*=2.50/10.00",
        "Price table: MODEL=INPUT/OUTPUT per million tokens, comma-separated; * is any other model.",
    ),
    SettingSpec("REMEDIATOR_LLM_CONCURRENCY", "4", "LLM requests in flight at once for one review."),
    SettingSpec("REMEDIATOR_LLM_TIMEOUT", "60", "Seconds one LLM request may take before it is retried."),
    SettingSpec(
        "REMEDIATOR_VULNDB_DIR",
        "",
        "Directory of the offline OSV vulnerability database; empty uses `vulndb` in the data directory.",
    ),
    SettingSpec(
        "REMEDIATOR_VULNDB_URL",
        "https://osv-vulnerabilities.storage.googleapis.com",
        "Base URL `remediator vulndb sync` downloads `<base>/<ecosystem>/all.zip` from (or a mirror).",
    ),
    SettingSpec(
        "REMEDIATOR_VULNDB_MAX_AGE_DAYS",
        "7",
        "A vulnerability database older than this puts a warning in every review that uses it.",
    ),
    SettingSpec(
        "REMEDIATOR_REDIS_URL",
        "",
        "Redis URL (redis://host:6379/0) for the queue and job ledger; empty uses SQLite in the data dir.",
    ),
    SettingSpec("REMEDIATOR_MAX_BODY_BYTES", "26214400", "Largest webhook body accepted (413 above it)."),
    SettingSpec(
        "REMEDIATOR_JOB_ATTEMPTS",
        "6",
        "Attempts for a job that fails transiently before it is dead-lettered.",
    ),
    SettingSpec("REMEDIATOR_JOB_LEASE_SECONDS", "900", "A running job not finished by then is run again."),
    SettingSpec("REMEDIATOR_WORKER_THREADS", "2", "Jobs one `remediator worker` runs at once."),
    SettingSpec(
        "REMEDIATOR_RETENTION_DAYS",
        "30",
        "Days finished jobs, delivery ids and cached LLM answers are kept (an hourly task on the workers "
        "deletes older ones; Redis keys expire); dead letters stay until retried or purged; 0 keeps all.",
    ),
    SettingSpec(
        "REMEDIATOR_BASELINE_INTERVAL",
        "7",
        "Days between scheduled re-baselines of every repository the ledger knows (the workers enqueue "
        "them; installation and `remediator baseline` start one at once); 0 turns the schedule off.",
    ),
    SettingSpec(
        "REMEDIATOR_BASELINE_MAX_FILES",
        "20000",
        "Files a baseline reads from the host's API; a larger tree is scanned up to it and marked partial.",
    ),
    SettingSpec(
        "REMEDIATOR_QUEUE_SYNC",
        "full",
        "SQLite job ledger durability: full (fsync before every 202) or normal (survives a crash of the "
        "process, not of the machine; faster acknowledgements).",
    ),
    SettingSpec(
        "REMEDIATOR_READY_MIN_FREE_MB",
        "64",
        "GET /readyz answers 503 when the data directory's disk has less free space than this (MB); "
        "0 turns the check off.",
    ),
    SettingSpec(
        "REMEDIATOR_DATABASE_URL",
        "",
        "Advisory store: postgresql://user@host/db (psycopg 3); empty uses SQLite advisories.db in the "
        "data dir.",
    ),
    SettingSpec(
        "REMEDIATOR_DB_AUTO_UPGRADE",
        "true",
        "Apply the advisory store's migrations when a worker or the service first opens it (true/false); "
        "with false, run `remediator db upgrade`: the service and the workers refuse to start on an older "
        "schema, naming both revisions.",
    ),
    SettingSpec(
        "REMEDIATOR_ORG_CONFIG",
        "",
        "Path to the organisation file (YAML): security team logins, SLA days per severity, the "
        "profile (sector, size) and the asset map (exposure, data, tier per repository and path); "
        "empty uses defaults.",
    ),
    SettingSpec(
        "REMEDIATOR_PUBLIC_URL",
        "",
        "The URL people open the dashboard at (https://remediator.example.com); with https the session "
        "cookie is marked Secure.",
    ),
    SettingSpec(
        "REMEDIATOR_SECRET_KEY",
        "",
        "Key that signs dashboard session cookies (a secret: 32+ random characters); empty generates one "
        "into secret_key in the data dir (mode 0600).",
    ),
    SettingSpec(
        "REMEDIATOR_SESSION_HOURS",
        "12",
        "Absolute lifetime of a dashboard sign-in, in hours, however active the session is.",
    ),
    SettingSpec(
        "REMEDIATOR_SESSION_IDLE_MINUTES",
        "30",
        "A dashboard session unused for this many minutes ends (sign in again).",
    ),
    SettingSpec(
        "REMEDIATOR_RESCANS_PER_AUTHOR",
        "5",
        "`/remediator rescan` runs per person (host and login) per hour; more are refused.",
    ),
    SettingSpec(
        "REMEDIATOR_RESCANS_PER_PR",
        "10",
        "`/remediator rescan` runs per pull request per hour, whoever asks.",
    ),
    SettingSpec(
        "REMEDIATOR_COMMAND_REPLIES_PER_AUTHOR",
        "20",
        "Replies to one person's commands per hour; past it the bot stays silent. Someone who may not "
        "use a command gets one reply per pull request per hour at most.",
    ),
    SettingSpec(
        "REMEDIATOR_COMMAND_REPLIES_PER_PR",
        "60",
        "Replies to commands on one pull request per hour, whoever asks; past it the bot stays silent.",
    ),
)


def _env(environ: Mapping[str, str], name: str) -> str:
    spec = next(s for s in SETTINGS if s.name == name)
    return environ.get(name, spec.default)


def _optional_path(raw: str) -> Path | None:
    return Path(raw.strip()).expanduser() if raw.strip() else None


def _int(environ: Mapping[str, str], name: str, minimum: int) -> int:
    raw = _env(environ, name)
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
    return value


def _port(environ: Mapping[str, str], name: str) -> int:
    value = _int(environ, name, 0)
    if value > 65535:
        raise ConfigError(f"{name}={value} must be a TCP port (1-65535), or 0 for none")
    return value


def _float(environ: Mapping[str, str], name: str, minimum: float) -> float:
    raw = _env(environ, name)
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
    return value


def _share(environ: Mapping[str, str], name: str) -> float:
    value = _float(environ, name, 0.0)
    if value > 1:
        raise ConfigError(f"{name}={value} must be between 0 and 1")
    return value


def parse_prices(text: str) -> tuple[tuple[str, float, float], ...]:
    """``MODEL=IN/OUT,...`` (price per million input/output tokens) into (model, in, out) triples."""
    out: list[tuple[str, float, float]] = []
    for item in (p.strip() for p in text.split(",")):
        if not item:
            continue
        model, sep, prices = item.partition("=")
        unit_in, slash, unit_out = prices.partition("/")
        try:
            entry = (model.strip(), float(unit_in), float(unit_out))
        except ValueError:
            entry = ("", -1.0, -1.0)
        if not sep or not slash or not entry[0] or entry[1] < 0 or entry[2] < 0:
            raise ConfigError(
                f"REMEDIATOR_LLM_PRICES: {item!r} is not MODEL=INPUT/OUTPUT (prices per million tokens)"
            )
        out.append(entry)
    return tuple(out)


def _choice(environ: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = _env(environ, name).strip().lower()
    if value not in allowed:
        raise ConfigError(f"{name}={value!r} must be one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = Path.home() / ".local/share/remediator"
    log_level: str = ""
    log_format: str = "text"
    metrics_token: str = field(default="", repr=False)
    metrics_dir: Path | None = None
    worker_metrics_port: int = 0
    worker_heartbeat: Path | None = None
    worker_heartbeat_max_age: float = 120.0
    role: str = "web"
    health_url: str = "http://127.0.0.1:8000/healthz"
    min_severity: Severity = Severity.LOW
    min_confidence: Confidence = Confidence.MEDIUM
    max_inline_comments: int = 25
    max_file_bytes: int = 1_000_000
    exclude_paths: tuple[str, ...] = ()
    analyzer_timeout: int = 600
    analyzer_jobs: int = 0
    github_webhook_secret: str = field(default="", repr=False)
    github_app_id: str = ""
    github_private_key_path: str = ""
    github_token: str = field(default="", repr=False)
    github_api_url: str = "https://api.github.com"
    github_write_interval: float = 1.0
    gitlab_url: str = "https://gitlab.com"
    gitlab_token: str = field(default="", repr=False)
    gitlab_webhook_secret: str = field(default="", repr=False)
    gitlab_webhook_secrets_file: str = ""
    openai_api_key: str = field(default="", repr=False)
    openai_base_url: str = ""
    llm_model: str = "gpt-4o-mini"
    llm_enabled: bool = True
    """False with ``remediator review --no-llm``: no model is called even when one is configured."""
    llm_review_tokens: int = 60_000
    llm_monthly_tokens: int = 5_000_000
    llm_monthly_cost: float = 50.0
    llm_outside_share: float = 0.1
    llm_prices: tuple[tuple[str, float, float], ...] = (
        ("gpt-4o-mini", 0.15, 0.60),
        ("gpt-4o", 2.50, 10.00),
        ("*", 2.50, 10.00),
    )
    llm_concurrency: int = 4
    llm_timeout: float = 60.0
    vulndb_dir: Path | None = None
    """The OSV database directory; None: ``data_dir / "vulndb"``."""
    vulndb_url: str = "https://osv-vulnerabilities.storage.googleapis.com"
    vulndb_max_age_days: float = 7.0
    redis_url: str = field(default="", repr=False)
    max_body_bytes: int = 26_214_400
    job_attempts: int = 6
    job_lease_seconds: int = 900
    worker_threads: int = 2
    retention_days: int = 30
    baseline_interval_days: float = 7.0
    baseline_max_files: int = 20_000
    queue_sync: str = "full"
    ready_min_free_mb: int = 64
    database_url: str = field(default="", repr=False)
    db_auto_upgrade: bool = True
    org_config: str = ""
    public_url: str = ""
    secret_key: str = field(default="", repr=False)
    session_hours: int = 12
    session_idle_minutes: int = 30
    rescans_per_author: int = 5
    rescans_per_pr: int = 10
    command_replies_per_author: int = 20
    command_replies_per_pr: int = 60

    @property
    def vulndb_path(self) -> Path:
        """Where the OSV database lives (REMEDIATOR_VULNDB_DIR, else ``vulndb`` in the data dir)."""
        return self.vulndb_dir if self.vulndb_dir is not None else self.data_dir / "vulndb"

    @property
    def llm_configured(self) -> bool:
        """An LLM review runs: a key or base URL is set and ``--no-llm`` was not given."""
        return self.llm_enabled and bool(self.openai_api_key or self.openai_base_url)

    def links(self) -> Links:
        """Where advisories (the dashboard) and pull/merge requests (the hosts) are on the web."""
        return Links.from_urls(self.public_url, self.github_api_url, self.gitlab_url)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default ``os.environ``); raises ``ConfigError`` with the name."""
        env = os.environ if environ is None else environ
        try:
            min_severity = Severity.parse(_env(env, "REMEDIATOR_MIN_SEVERITY"))
        except ValueError as exc:
            raise ConfigError(f"REMEDIATOR_MIN_SEVERITY: {exc}") from None
        try:
            min_confidence = Confidence.parse(_env(env, "REMEDIATOR_MIN_CONFIDENCE"))
        except ValueError as exc:
            raise ConfigError(f"REMEDIATOR_MIN_CONFIDENCE: {exc}") from None
        level = _env(env, "REMEDIATOR_LOG_LEVEL").upper()
        if level not in {"", "DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ConfigError(f"REMEDIATOR_LOG_LEVEL={level!r} must be DEBUG, INFO, WARNING or ERROR")
        excludes = tuple(p.strip() for p in _env(env, "REMEDIATOR_EXCLUDE_PATHS").split(",") if p.strip())
        return cls(
            data_dir=Path(_env(env, "REMEDIATOR_DATA_DIR")).expanduser(),
            log_level=level,
            log_format=_choice(env, "REMEDIATOR_LOG_FORMAT", ("text", "json")),
            metrics_token=_env(env, "REMEDIATOR_METRICS_TOKEN").strip(),
            metrics_dir=_optional_path(_env(env, "REMEDIATOR_METRICS_DIR")),
            worker_metrics_port=_port(env, "REMEDIATOR_WORKER_METRICS_PORT"),
            worker_heartbeat=_optional_path(_env(env, "REMEDIATOR_WORKER_HEARTBEAT")),
            worker_heartbeat_max_age=_float(env, "REMEDIATOR_WORKER_HEARTBEAT_MAX_AGE", 1.0),
            role=_choice(env, "REMEDIATOR_ROLE", ("web", "worker")),
            health_url=_env(env, "REMEDIATOR_HEALTH_URL").strip(),
            min_severity=min_severity,
            min_confidence=min_confidence,
            max_inline_comments=_int(env, "REMEDIATOR_MAX_INLINE_COMMENTS", 0),
            max_file_bytes=_int(env, "REMEDIATOR_MAX_FILE_BYTES", 1),
            exclude_paths=excludes,
            analyzer_timeout=_int(env, "REMEDIATOR_ANALYZER_TIMEOUT", 1),
            analyzer_jobs=_int(env, "REMEDIATOR_ANALYZER_JOBS", 0),
            github_webhook_secret=_env(env, "REMEDIATOR_GITHUB_WEBHOOK_SECRET"),
            github_app_id=_env(env, "REMEDIATOR_GITHUB_APP_ID").strip(),
            github_private_key_path=_env(env, "REMEDIATOR_GITHUB_PRIVATE_KEY_PATH").strip(),
            github_token=_env(env, "REMEDIATOR_GITHUB_TOKEN").strip(),
            github_api_url=_env(env, "REMEDIATOR_GITHUB_API_URL").strip().rstrip("/"),
            github_write_interval=_float(env, "REMEDIATOR_GITHUB_WRITE_INTERVAL", 0.0),
            gitlab_url=_env(env, "REMEDIATOR_GITLAB_URL").strip().rstrip("/").removesuffix("/api/v4"),
            gitlab_token=_env(env, "REMEDIATOR_GITLAB_TOKEN").strip(),
            gitlab_webhook_secret=_env(env, "REMEDIATOR_GITLAB_WEBHOOK_SECRET"),
            gitlab_webhook_secrets_file=_env(env, "REMEDIATOR_GITLAB_WEBHOOK_SECRETS_FILE").strip(),
            openai_api_key=_env(env, "OPENAI_API_KEY").strip(),
            openai_base_url=_env(env, "OPENAI_BASE_URL").strip().rstrip("/"),
            llm_model=_env(env, "REMEDIATOR_LLM_MODEL").strip() or "gpt-4o-mini",
            llm_review_tokens=_int(env, "REMEDIATOR_LLM_REVIEW_TOKENS", 1000),
            llm_monthly_tokens=_int(env, "REMEDIATOR_LLM_MONTHLY_TOKENS", 0),
            llm_monthly_cost=_float(env, "REMEDIATOR_LLM_MONTHLY_COST", 0.0),
            llm_outside_share=_share(env, "REMEDIATOR_LLM_OUTSIDE_SHARE"),
            llm_prices=parse_prices(_env(env, "REMEDIATOR_LLM_PRICES")),
            llm_concurrency=_int(env, "REMEDIATOR_LLM_CONCURRENCY", 1),
            llm_timeout=_float(env, "REMEDIATOR_LLM_TIMEOUT", 1.0),
            vulndb_dir=_optional_path(_env(env, "REMEDIATOR_VULNDB_DIR")),
            vulndb_url=_env(env, "REMEDIATOR_VULNDB_URL").strip().rstrip("/"),
            vulndb_max_age_days=_float(env, "REMEDIATOR_VULNDB_MAX_AGE_DAYS", 0.0),
            redis_url=_env(env, "REMEDIATOR_REDIS_URL").strip(),
            max_body_bytes=_int(env, "REMEDIATOR_MAX_BODY_BYTES", 1),
            job_attempts=_int(env, "REMEDIATOR_JOB_ATTEMPTS", 1),
            job_lease_seconds=_int(env, "REMEDIATOR_JOB_LEASE_SECONDS", 10),
            worker_threads=_int(env, "REMEDIATOR_WORKER_THREADS", 1),
            retention_days=_int(env, "REMEDIATOR_RETENTION_DAYS", 0),
            baseline_interval_days=_float(env, "REMEDIATOR_BASELINE_INTERVAL", 0.0),
            baseline_max_files=_int(env, "REMEDIATOR_BASELINE_MAX_FILES", 1),
            queue_sync=_choice(env, "REMEDIATOR_QUEUE_SYNC", ("full", "normal")),
            ready_min_free_mb=_int(env, "REMEDIATOR_READY_MIN_FREE_MB", 0),
            database_url=_env(env, "REMEDIATOR_DATABASE_URL").strip(),
            db_auto_upgrade=_choice(env, "REMEDIATOR_DB_AUTO_UPGRADE", ("true", "false")) == "true",
            org_config=_env(env, "REMEDIATOR_ORG_CONFIG").strip(),
            public_url=_env(env, "REMEDIATOR_PUBLIC_URL").strip().rstrip("/"),
            secret_key=_env(env, "REMEDIATOR_SECRET_KEY").strip(),
            session_hours=_int(env, "REMEDIATOR_SESSION_HOURS", 1),
            session_idle_minutes=_int(env, "REMEDIATOR_SESSION_IDLE_MINUTES", 1),
            rescans_per_author=_int(env, "REMEDIATOR_RESCANS_PER_AUTHOR", 0),
            rescans_per_pr=_int(env, "REMEDIATOR_RESCANS_PER_PR", 0),
            command_replies_per_author=_int(env, "REMEDIATOR_COMMAND_REPLIES_PER_AUTHOR", 0),
            command_replies_per_pr=_int(env, "REMEDIATOR_COMMAND_REPLIES_PER_PR", 0),
        )
