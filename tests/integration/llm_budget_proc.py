"""One review's LLM pass in a process of its own, for the shared-budget tests: settings from the
environment (the store is chosen as in production), the change built from ``FILES`` Python files,
the LLM usage printed as JSON on stdout. Run as ``python -m tests.integration.llm_budget_proc``."""

from __future__ import annotations

import json
import os
import sys

from bot.config.settings import Settings
from bot.jobs.llm_state import llm_store_for
from bot.llm.augment import augment
from bot.llm.types import ReviewContext
from tests.integration.llm_support import make_change

HANDLER = """from flask import request

from app.db import db


def handler_{n}():
    name = request.args["name"]
    return db.execute("SELECT * FROM users WHERE name = '%s'" % name)
"""


def main() -> None:
    count = int(os.environ.get("FILES", "4"))
    after = {f"app/h{n}.py": HANDLER.format(n=n) for n in range(count)}
    changeset, files = make_change({}, after)
    settings = Settings.from_env()
    store = llm_store_for(settings)
    outcome = augment([], files, changeset, settings, ReviewContext(repo="acme/shop"), store=store)
    json.dump(
        {"requests": outcome.usage.requests, "tokens": outcome.usage.tokens, "notes": outcome.notes},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
