"""What a log line is about: the delivery, job, repository and pull request in hand, held in
context variables (per thread and per task) and added to every record by ``ContextFilter``."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

FIELDS = ("delivery_id", "job_id", "repository", "pull_request")
_VARS: dict[str, contextvars.ContextVar[str]] = {
    name: contextvars.ContextVar(f"remediator_{name}", default="") for name in FIELDS
}


@contextmanager
def bound(**values: object) -> Iterator[None]:
    """Within the block, log lines carry these fields (unknown names are refused; None is skipped)."""
    tokens = []
    for name, value in values.items():
        if name not in _VARS:
            raise ValueError(f"unknown log context field {name!r}")
        if value is None or value == "":
            continue
        tokens.append((_VARS[name], _VARS[name].set(str(value)[:200])))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def current() -> dict[str, str]:
    """The fields set now (those with a value)."""
    return {name: var.get() for name, var in _VARS.items() if var.get()}


class ContextFilter(logging.Filter):
    """Adds each context field to the record (empty when unset), so formats can name them."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, var in _VARS.items():
            if not hasattr(record, name):
                setattr(record, name, var.get())
        return True
