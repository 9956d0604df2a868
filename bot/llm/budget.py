"""Token and money budgets of the LLM pass: per review, and per repository per month.

Every request is estimated (tiktoken) and reserved before it is sent; the server's reported usage
is charged afterwards and added to the repository's month in the store. Standard library only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.llm.store import LLMStore

PER_MILLION = 1_000_000


def month_of(now: float) -> str:
    return time.strftime("%Y-%m", time.gmtime(now))


def unit_prices(prices: Sequence[tuple[str, float, float]], model: str) -> tuple[float, float]:
    """(input, output) price per million tokens for ``model`` (``*`` is the fallback; none: free)."""
    table = {name: (unit_in, unit_out) for name, unit_in, unit_out in prices}
    return table.get(model) or table.get("*") or (0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Reservation:
    prompt: int
    completion: int
    cost: float


class Budget:
    """Thread-safe reservations against the review's and the repository's remaining budget."""

    def __init__(
        self,
        *,
        review_tokens: int,
        monthly_tokens: int,
        monthly_cost: float,
        prices: Sequence[tuple[str, float, float]],
        model: str,
        store: LLMStore,
        repo: str,
        now: Callable[[], float],
    ) -> None:
        self.review_tokens = review_tokens
        self.monthly_tokens = monthly_tokens
        self.monthly_cost = monthly_cost
        self._unit = unit_prices(prices, model)
        self._store = store
        self._repo = repo or "(local)"
        self._month = month_of(now())
        self._lock = threading.Lock()
        self.month_tokens, self.month_cost = store.month_usage(self._repo, self._month)
        self.reserved_tokens = 0
        self.reserved_cost = 0.0
        self.used_tokens = 0
        self.used_cost = 0.0
        self.estimated_tokens = 0
        self.refusals: dict[str, int] = {}

    def cost(self, prompt: int, completion: int) -> float:
        return (prompt * self._unit[0] + completion * self._unit[1]) / PER_MILLION

    def reserve(self, prompt: int, completion: int, *, cap: int | None = None) -> Reservation | None:
        """A reservation when the estimate fits every budget; otherwise None (the refusal is counted)."""
        tokens = prompt + completion
        cost = self.cost(prompt, completion)
        with self._lock:
            reason = ""
            review_limit = self.review_tokens if cap is None else min(cap, self.review_tokens)
            if self.used_tokens + self.reserved_tokens + tokens > review_limit:
                reason = f"the review's token budget ({self.review_tokens:,} tokens)"
            elif self.monthly_tokens and (
                self.month_tokens + self.used_tokens + self.reserved_tokens + tokens > self.monthly_tokens
            ):
                reason = f"the repository's monthly token budget ({self.monthly_tokens:,} tokens)"
            elif self.monthly_cost and (
                self.month_cost + self.used_cost + self.reserved_cost + cost > self.monthly_cost
            ):
                reason = f"the repository's monthly spending budget ({self.monthly_cost:.2f})"
            if reason:
                self.refusals[reason] = self.refusals.get(reason, 0) + 1
                return None
            self.reserved_tokens += tokens
            self.reserved_cost += cost
            self.estimated_tokens += tokens
            return Reservation(prompt, completion, cost)

    def settle(self, reservation: Reservation, prompt: int, completion: int) -> float:
        """Release ``reservation`` and charge what the server reported; returns the cost charged."""
        cost = self.cost(prompt, completion)
        with self._lock:
            self.reserved_tokens -= reservation.prompt + reservation.completion
            self.reserved_cost -= reservation.cost
            self.used_tokens += prompt + completion
            self.used_cost += cost
        if prompt or completion:
            self._store.add_usage(self._repo, self._month, prompt + completion, cost)
        return cost
