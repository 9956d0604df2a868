"""Send one structured request within the budget: estimate, reserve, ask, validate, retry once.

Shared by the detection and verification passes. Malformed output (not JSON, or not matching the
schema) is asked for once more and then dropped and counted; server failures become a reason the
review's notes give. Must not import openai (the model arrives as a ``ChatModel``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.errors import Permanent, Retryable
from bot.llm.budget import Budget
from bot.llm.client import ChatModel, OutOfTime
from bot.llm.tokencount import TokenCounter
from bot.llm.types import Usage

logger = logging.getLogger(__name__)


@dataclass
class Asker:
    """Everything a request needs; counters are updated under a lock from worker threads."""

    model: ChatModel
    budget: Budget
    counter: TokenCounter
    usage: Usage
    deadline: float | None = None  # epoch seconds (``now``'s clock) after which nothing is sent
    now: Callable[[], float] = time.time
    failures: list[str] = field(default_factory=list)
    broken: str = ""
    out_of_time: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def ask(
        self,
        messages: list[dict[str, str]],
        schema_name: str,
        schema: dict[str, Any],
        *,
        reserve_output: int,
        cap: int | None = None,
    ) -> dict[str, Any] | str | None:
        """The answer, validated against ``schema`` with all its bounds; ``None`` when dropped as
        malformed or failed; the string "budget" when the budget refused the estimate, "deadline"
        when the pass is out of time (nothing was sent). The model is sent the schema without the
        length bounds strict structured output rejects, so an answer can break a bound: that answer
        is malformed like any other (asked once more, then dropped and counted). The answer is
        capped at what the reservation granted (``max_tokens``)."""
        from bot.llm.prompting import strict_schema, validate  # noqa: PLC0415 - import cycle at load

        if self.broken:
            return None
        if self.deadline is not None and self.now() >= self.deadline:
            with self._lock:
                self.out_of_time = True
            return "deadline"
        estimate = self.counter.count_messages(messages)
        sent = strict_schema(schema)
        for attempt in (1, 2):
            reservation = self.budget.reserve(estimate, reserve_output, cap=cap)
            if reservation is None:
                if attempt == 1:
                    return "budget"
                self._malformed()
                return None
            try:
                completion = self.model.complete(
                    messages, schema_name, sent, max_tokens=reservation.completion, deadline=self.deadline
                )
            except OutOfTime:
                self.budget.settle(reservation, 0, 0)
                with self._lock:
                    self.out_of_time = True
                return "deadline"
            except (Retryable, Permanent) as exc:
                self.budget.settle(reservation, 0, 0)
                with self._lock:
                    self.usage.failed_requests += 1
                    self.failures.append(str(exc))
                    # retries are spent or the server refused: stop sending for this review
                    self.broken = str(exc)
                logger.warning("LLM %s request failed: %s", schema_name, exc)
                return None
            prompt = completion.prompt_tokens or estimate
            answer = completion.completion_tokens or self.counter.count(completion.text)
            cost = self.budget.settle(reservation, prompt, answer)
            with self._lock:
                self.usage.requests += 1
                self.usage.prompt_tokens += prompt
                self.usage.completion_tokens += answer
                self.usage.cost += cost
            data = validate(schema, completion.text)
            if data is not None:
                return data
            logger.info("LLM %s answer did not match the schema (attempt %d)", schema_name, attempt)
        self._malformed()
        return None

    def _malformed(self) -> None:
        with self._lock:
            self.usage.dropped_malformed += 1
