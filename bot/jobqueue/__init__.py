"""Durable job queue: a job ledger (SQLite, Redis or memory) beside huey, and the worker that runs jobs.

Must not import openai, PyGithub, python-gitlab, semgrep or bandit: the web process imports it.
"""

from __future__ import annotations

from bot.core.clock import Clock, SystemClock
from bot.jobqueue.ledger_memory import MemoryLedger
from bot.jobqueue.ledger_sqlite import SqliteLedger
from bot.jobqueue.model import Job, JobContext, JobState, Ledger
from bot.jobqueue.service import JobQueue, make_huey, open_ledger, open_queue
from bot.jobqueue.worker import Handler, Resolver, Worker, backoff_delay, import_handler

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
