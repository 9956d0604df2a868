"""What a log line is about: the delivery, job, repository and pull request in hand, held in
context variables (per thread and per task) and added to every record by ``ContextFilter``.

A new thread starts with empty context variables: work handed to other threads goes through
``ContextThreadPool`` or ``carried`` so that their lines still say which review they belong to."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

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


def carried(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` to run in another thread with the caller's context (its log fields) as it is now."""
    context = contextvars.copy_context()

    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        return context.copy().run(fn, *args, **kwargs)

    return run


class ContextThreadPool(ThreadPoolExecutor):
    """A thread pool whose tasks run with the context of the thread that submitted them (``map``
    submits too), so an LLM request's or an analyzer's lines carry the review's fields."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        context = contextvars.copy_context()

        def run() -> T:
            return context.run(fn, *args, **kwargs)

        return super().submit(run)
