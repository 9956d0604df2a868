"""Logging set up once per process by its entry point: one handler on the root logger writing text
or JSON lines with time, level, logger, the context fields (``bot.obs.context``) and the message,
secrets redacted (``bot.core.redact``) in the message and in tracebacks alike."""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from bot.config.settings import Settings
from bot.core.redact import redact
from bot.obs.context import FIELDS, ContextFilter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s%(context)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
MARK = "_remediator_handler"
SERVICE_LEVEL, COMMAND_LEVEL = "INFO", "WARNING"
CHATTY = ("huey", "alembic.runtime.plugins")
"""Libraries whose INFO lines are routine (huey: every task run and the periodic sweeps, a few lines a
minute per worker, none about a review; alembic: its plugins at every schema check): shown from
WARNING, or everything at DEBUG."""


def level_for(settings: Settings, *, service: bool) -> str:
    """``REMEDIATOR_LOG_LEVEL``, or when empty INFO for the services and WARNING for commands."""
    return settings.log_level or (SERVICE_LEVEL if service else COMMAND_LEVEL)


class TextFormatter(logging.Formatter):
    """``2026-12-06 21:15:00,123 INFO bot.x [delivery=... job=...]: message``, redacted."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        pairs = [f"{name}={getattr(record, name, '')}" for name in FIELDS if getattr(record, name, "")]
        record.context = f" [{' '.join(pairs)}]" if pairs else ""
        return redact(super().format(record))


class JsonLineFormatter(JsonFormatter):
    """One JSON object a line: time, level, logger, message, the context fields that are set and
    ``exc_info`` for a traceback; the whole line redacted."""

    def __init__(self) -> None:
        super().__init__(
            JSON_FIELDS,
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "taskName", *FIELDS, "context"],
        )

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message)
        for name in FIELDS:
            value = getattr(record, name, "")
            if value:
                log_data[name] = value

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a line is emitted (a test's capture, a redirect)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(settings: Settings, *, service: bool, stream: TextIO | None = None) -> None:
    """Install (or replace) this project's handler on the root logger and set the level; handlers
    others installed (a test runner's) are left alone. Safe to call again."""
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, MARK, False):
            root.removeHandler(old)
    handler: logging.Handler = logging.StreamHandler(stream) if stream is not None else _Stderr()
    setattr(handler, MARK, True)
    handler.addFilter(ContextFilter())
    handler.setFormatter(JsonLineFormatter() if settings.log_format == "json" else TextFormatter())
    root.addHandler(handler)
    level = level_for(settings, service=service)
    root.setLevel(level)
    for name in CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET if level == "DEBUG" else logging.WARNING)
    logging.captureWarnings(True)
