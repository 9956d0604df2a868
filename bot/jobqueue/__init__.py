"""Durable job queue: a job ledger (SQLite, Redis or memory) beside huey, and the worker that runs jobs.

Must not import openai, PyGithub, python-gitlab, semgrep or bandit: the web process imports it.
"""

from __future__ import annotations

from bot.queue.ledger_memory import MemoryLedger
from bot.queue.ledger_sqlite import SqliteLedger
from bot.queue.model import Clock, Job, JobContext, JobState, Ledger, SystemClock
from bot.queue.service import JobQueue, make_huey, open_ledger, open_queue
from bot.queue.worker import Handler, Resolver, Worker, backoff_delay, import_handler

__all__ = [
    "Clock",
    "Handler",
    "Job",
    "JobContext",
    "JobQueue",
    "JobState",
    "Ledger",
    "MemoryLedger",
    "Resolver",
    "SqliteLedger",
    "SystemClock",
    "Worker",
    "backoff_delay",
    "import_handler",
    "make_huey",
    "open_ledger",
    "open_queue",
]
