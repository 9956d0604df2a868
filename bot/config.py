"""Settings, read once from the environment at an entry point and passed down (never global).

Every setting is declared in ``SETTINGS`` with its default and help text; the README lists them
all (a test checks). Imports only the standard library.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

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
    SettingSpec("REMEDIATOR_LOG_LEVEL", "WARNING", "Log level: DEBUG, INFO, WARNING or ERROR."),
    SettingSpec(
        "REMEDIATOR_MIN_SEVERITY",
        "low",
        "Findings below this severity (low, medium, high, critical) go to the summary, not inline.",
    ),
    SettingSpec(
        "REMEDIATOR_MIN_CONFIDENCE",
        "low",
        "Findings below this confidence (low, medium, high) go to the summary, not inline.",
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
        "REMEDIATOR_QUEUE_SYNC",
        "full",
        "SQLite job ledger durability: full (fsync before every 202) or normal (survives a crash of the "
        "process, not of the machine; faster acknowledgements).",
    ),
)


def _env(environ: Mapping[str, str], name: str) -> str:
    spec = next(s for s in SETTINGS if s.name == name)
    return environ.get(name, spec.default)


def _int(environ: Mapping[str, str], name: str, minimum: int) -> int:
    raw = _env(environ, name)
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} must be at least {minimum}")
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


def _choice(environ: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = _env(environ, name).strip().lower()
    if value not in allowed:
        raise ConfigError(f"{name}={value!r} must be one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path = Path.home() / ".local/share/remediator"
    log_level: str = "WARNING"
    min_severity: Severity = Severity.LOW
    min_confidence: Confidence = Confidence.LOW
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
    redis_url: str = field(default="", repr=False)
    max_body_bytes: int = 26_214_400
    job_attempts: int = 6
    job_lease_seconds: int = 900
    worker_threads: int = 2
    queue_sync: str = "full"

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
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ConfigError(f"REMEDIATOR_LOG_LEVEL={level!r} must be DEBUG, INFO, WARNING or ERROR")
        excludes = tuple(p.strip() for p in _env(env, "REMEDIATOR_EXCLUDE_PATHS").split(",") if p.strip())
        return cls(
            data_dir=Path(_env(env, "REMEDIATOR_DATA_DIR")).expanduser(),
            log_level=level,
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
            redis_url=_env(env, "REMEDIATOR_REDIS_URL").strip(),
            max_body_bytes=_int(env, "REMEDIATOR_MAX_BODY_BYTES", 1),
            job_attempts=_int(env, "REMEDIATOR_JOB_ATTEMPTS", 1),
            job_lease_seconds=_int(env, "REMEDIATOR_JOB_LEASE_SECONDS", 10),
            worker_threads=_int(env, "REMEDIATOR_WORKER_THREADS", 1),
            queue_sync=_choice(env, "REMEDIATOR_QUEUE_SYNC", ("full", "normal")),
        )
