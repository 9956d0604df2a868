"""Issue 14, item 2: every LLM request carries ``max_tokens`` from what the budgets have left, and the
monthly budget lives in the store every worker shares (PostgreSQL, Redis, or SQLite on one host),
spent atomically: concurrent reviews in separate processes cannot together overrun it.

Before: no ``max_tokens`` (a model answering 16,384 tokens spent 67,136 tokens against a 20,000
review budget) and each process read the month's usage once (four reviews spent 6,000 tokens
against a 2,500 budget).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy import create_engine, text

from bot.jobs.llm_state import llm_store_for
from bot.llm.budget import month_of
from bot.llm.store import LLMStore, MemoryLLMStore
from bot.llm.tokencount import token_counter
from bot.llm.types import ReviewContext
from bot.store import db
from tests.integration.llm_support import llm_settings, make_change
from tests.sim.openai_server import NO_FINDINGS, FakeOpenAI, Recorded, Reply, chat

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("REMEDIATOR_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
UNCAPPED = 16_384  # what a model answers when nothing caps it


def greedy(req: Recorded) -> Reply:
    """A model that uses every answer token it is allowed; its prompt count is the client's own."""
    prompt = token_counter().count_messages(req.body["messages"])
    return chat(
        NO_FINDINGS, prompt_tokens=prompt, completion_tokens=int(req.body.get("max_tokens") or UNCAPPED)
    )


def test_every_request_is_capped_by_what_the_review_budget_has_left(tmp_path: Path) -> None:
    from bot.llm.augment import augment
    from tests.integration.llm_budget_proc import HANDLER

    after = {f"app/h{n}.py": HANDLER.format(n=n) for n in range(8)}
    changeset, files = make_change({}, after)
    with FakeOpenAI(greedy) as server:
        settings = llm_settings(server.url, tmp_path, llm_review_tokens=6000, llm_monthly_tokens=0)
        out = augment([], files, changeset, settings, ReviewContext(repo="acme/shop"), store=MemoryLLMStore())
    assert out.usage.requests >= 2
    assert out.usage.tokens <= 6000 * 0.7  # the detection share of the review's budget
    assert all(0 < r.body["max_tokens"] <= 1200 for r in server.requests)
    assert any("review's token budget" in n for n in out.notes)


@pytest.fixture(params=["sqlite", "postgresql", "redis"])
def shared_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for the review processes: one shared store of the given kind."""
    env = {"REMEDIATOR_DATA_DIR": str(tmp_path / "data")}
    if request.param == "sqlite":
        yield env
        return
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set: Redis budget test NOT RUN (.ci/run sets it)")
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter("remediator:llm:*"):
            client.delete(key)
        yield {**env, "REMEDIATOR_REDIS_URL": REDIS_URL}
        for key in client.scan_iter("remediator:llm:*"):
            client.delete(key)
        return
    if not PG_URL:
        pytest.skip(
            "REMEDIATOR_TEST_DATABASE_URL is not set: PostgreSQL budget test NOT RUN (.ci/run sets it)"
        )
    schema = f"remediator_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    engine = db.make_engine(url)
    db.upgrade(engine)  # the deploy step; the review processes only check the schema
    engine.dispose()
    try:
        yield {**env, "REMEDIATOR_DATABASE_URL": url, "REMEDIATOR_DB_AUTO_UPGRADE": "false"}
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))  # only the schema this test created
        admin.dispose()


def test_concurrent_reviews_in_separate_processes_share_one_monthly_budget(
    shared_env: dict[str, str], tmp_path: Path
) -> None:
    budget = 2500
    with FakeOpenAI(greedy) as server:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("REMEDIATOR_", "OPENAI_"))},
            **shared_env,
            "OPENAI_BASE_URL": server.url,
            "OPENAI_API_KEY": "sk-test-key-0123456789abcdefghij",
            "REMEDIATOR_LLM_MODEL": "test-model",
            "REMEDIATOR_LLM_MONTHLY_TOKENS": str(budget),
            "REMEDIATOR_LLM_REVIEW_TOKENS": "60000",
            "FILES": "4",
        }
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.integration.llm_budget_proc"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            results.append(json.loads(out))
    spent = sum(r["tokens"] for r in results)
    assert sum(r["requests"] for r in results) >= 1
    assert spent <= budget, results
    # the figures of the shared store are the sum of what the servers reported to each process
    store: LLMStore = llm_store_for(_settings(shared_env))
    assert store.month_usage("acme/shop", month_of(time.time()))[0] == spent
    refused = [n for r in results for n in r["notes"] if "monthly token budget" in n]
    assert refused, results


def _settings(env: dict[str, str]):  # type: ignore[no-untyped-def]
    from bot.config.settings import Settings

    return Settings.from_env(env)


def test_the_llm_pass_stops_at_its_deadline_inside_the_lease(tmp_path: Path) -> None:
    from bot.llm.augment import augment
    from tests.integration.llm_budget_proc import HANDLER

    clock = [1_750_000_000.0]

    def slow(req: Recorded) -> Reply:
        clock[0] += 40  # each answer takes 40 s of the injected clock
        return chat(NO_FINDINGS, prompt_tokens=100, completion_tokens=10)

    after = {f"app/h{n}.py": HANDLER.format(n=n) for n in range(6)}
    changeset, files = make_change({}, after)
    with FakeOpenAI(slow) as server:
        settings = llm_settings(server.url, tmp_path, llm_concurrency=1, llm_timeout=60.0)
        out = augment(
            [],
            files,
            changeset,
            settings,
            ReviewContext(repo="acme/shop", llm_seconds=100.0),
            store=MemoryLLMStore(),
            now=lambda: clock[0],
        )
    # 0 s, 40 s and 80 s are inside the 100 s; at 120 s nothing more is sent
    assert len(server.requests) == 3
    assert all(r.body["max_tokens"] > 0 for r in server.requests)
    # six files of two hunk contexts each (imports, handler): nine were never sent
    assert any("ran out of its time inside the job's lease: 9 of 12" in n for n in out.notes), out.notes
    late = [detail for _, detail in out.coverage.values() if "out of time" in detail]
    assert len(late) >= 4


def _llm_counts() -> tuple[float, float, float]:
    from bot.obs import metrics

    counted = metrics.get()
    return (
        counted.llm_tokens.labels("prompt")._value.get(),
        counted.llm_tokens.labels("completion")._value.get(),
        counted.llm_cost._value.get(),
    )


@pytest.mark.parametrize("outside_author", ["", "forker"])
def test_the_metrics_count_the_tokens_and_cost_the_server_reported(
    tmp_path: Path, outside_author: str
) -> None:
    # found by scraping /metrics after a review: remediator_llm_tokens_total and _cost_total moved
    # only for pull requests from forks (they were counted where an outside author is charged)
    from bot.llm.augment import augment
    from tests.integration.llm_budget_proc import HANDLER

    after = {f"app/h{n}.py": HANDLER.format(n=n) for n in range(3)}
    changeset, files = make_change({}, after)
    before = _llm_counts()
    with FakeOpenAI(lambda req: chat(NO_FINDINGS, prompt_tokens=1000, completion_tokens=100)) as server:
        settings = llm_settings(server.url, tmp_path, llm_prices=(("test-model", 2.0, 10.0),))
        context = ReviewContext(repo="acme/shop", outside_author=outside_author)
        out = augment([], files, changeset, settings, context, store=MemoryLLMStore())
    answered = len(server.requests)
    assert answered >= 2 and out.usage.prompt_tokens == 1000 * answered
    prompt, completion, cost = (now - then for now, then in zip(_llm_counts(), before, strict=True))
    assert (prompt, completion) == (1000 * answered, 100 * answered)  # counted once, fork or not
    assert cost == pytest.approx(answered * (1000 * 2.0 + 100 * 10.0) / 1_000_000)
