"""One error tree for Remediator; ``Retryable`` vs ``Permanent`` decides retry or dead-letter.

    RemediatorError
    ├── InputError            bad CLI input, diff, revision or repository (exit 2)
    ├── ConfigError           a setting or repo config value is wrong
    ├── AnalyzerError         an analyzer could not run or its output was unusable
    │   └── AnalyzerTimeout   it did not finish within its time bound (a smaller input may)
    ├── ContentTooLarge       a host will not serve a file whole (the file is skipped as too large)
    ├── Retryable             transient: try again later (timeouts, 429, 5xx)
    └── Permanent             will fail the same way again: dead-letter with the reason

Imports only the standard library.
"""

from __future__ import annotations

import math


class RemediatorError(Exception):
    """Base of every error Remediator raises on purpose."""


class InputError(RemediatorError):
    """The user's input cannot be used; the message is one line saying why."""


class ConfigError(RemediatorError):
    """A setting or configuration value is missing or invalid."""


class AnalyzerError(RemediatorError):
    """An analyzer failed to run or produced output that could not be read."""


class AnalyzerTimeout(AnalyzerError):
    """An analyzer did not finish within its time bound; the same work split smaller may."""


class ContentTooLarge(RemediatorError):
    """A file the host will not serve whole; the review skips it as too large."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


class Retryable(RemediatorError):
    """A transient failure; ``retry_after`` (seconds) is honoured when the remote gave one."""

    MAX_RETRY_AFTER = 3600.0

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        if retry_after is not None and not math.isfinite(retry_after):
            retry_after = None  # an absurd Retry-After falls back to the worker's backoff
        if retry_after is not None:
            retry_after = min(max(retry_after, 0.0), self.MAX_RETRY_AFTER)
        self.retry_after = retry_after


class Permanent(RemediatorError):
    """A failure that will repeat; the job is dead-lettered with this reason."""
