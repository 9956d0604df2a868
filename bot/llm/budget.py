"""Token and money budgets of the LLM pass: per review, and per repository per month.

Every request is estimated (tiktoken) and reserved before it is sent. The reservation decides the
request's ``max_tokens``: the answer may use what the review's and the month's budgets have left
(up to the answer size the pass asks for), and a request that could not get a useful answer
(``MIN_ANSWER_TOKENS``) is not sent. The month's share is taken from the shared store in one atomic
step (``LLMStore.spend``), so reviews in many processes cannot together overrun a budget; when the
server reports the real usage, the difference is given back or charged. Standard library only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.config.settings import Settings
from bot.llm.store import LLMStore
from bot.llm.types import ReviewContext, Usage
from bot.obs import metrics

PER_MILLION = 1_000_000
MIN_ANSWER_TOKENS = 128  # below this an answer (even an empty finding list with a reason) is cut short


def month_of(now: float) -> str:
    return time.strftime("%Y-%m", time.gmtime(now))


def unit_prices(prices: Sequence[tuple[str, float, float]], model: str) -> tuple[float, float]:
    """(input, output) price per million tokens for ``model`` (``*`` is the fallback; none: free)."""
    table = {name: (unit_in, unit_out) for name, unit_in, unit_out in prices}
    return table.get(model) or table.get("*") or (0.0, 0.0)


@dataclass(frozen=True, slots=True)
class Reservation:
    prompt: int
    completion: int  # the request's max_tokens
    cost: float
    monthly: bool  # taken from the shared month's usage (given back or corrected when settled)


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
        self.reserved_tokens = 0
        self.used_tokens = 0
        self.used_cost = 0.0
        self.estimated_tokens = 0
        self.refusals: dict[str, int] = {}

    def cost(self, prompt: int, completion: int) -> float:
        return (prompt * self._unit[0] + completion * self._unit[1]) / PER_MILLION

    def _refuse(self, reason: str) -> None:
        with self._lock:
            self.refusals[reason] = self.refusals.get(reason, 0) + 1

    def reserve(self, prompt: int, completion: int, *, cap: int | None = None) -> Reservation | None:
        """A reservation of ``prompt`` tokens and at most ``completion`` answer tokens (fewer when a
        budget has less left); None when not even ``MIN_ANSWER_TOKENS`` fit (the refusal is counted)."""
        review_limit = self.review_tokens if cap is None else min(cap, self.review_tokens)
        with self._lock:
            left = review_limit - self.used_tokens - self.reserved_tokens - prompt
            granted = min(completion, left)
            if granted >= min(completion, MIN_ANSWER_TOKENS):
                self.reserved_tokens += prompt + granted
        if granted < min(completion, MIN_ANSWER_TOKENS):
            self._refuse(f"the review's token budget ({self.review_tokens:,} tokens)")
            return None
        monthly = bool(self.monthly_tokens or self.monthly_cost)
        if monthly:
            refusal: list[str] = []
            taken = self._store.spend(
                self._repo,
                self._month,
                lambda tokens, cost: self._decide(tokens, cost, prompt, granted, refusal),
            )
            if taken is None:
                with self._lock:
                    self.reserved_tokens -= prompt + granted
                self._refuse(refusal[0])
                return None
            with self._lock:
                self.reserved_tokens -= granted - (taken[0] - prompt)
            granted = taken[0] - prompt
        with self._lock:
            self.estimated_tokens += prompt + granted
        return Reservation(prompt, granted, self.cost(prompt, granted), monthly)

    def _decide(
        self, tokens: int, cost: float, prompt: int, wanted: int, refusal: list[str]
    ) -> tuple[int, float] | None:
        """What of the month's budget a request may take, given the month's usage so far (pure)."""
        granted = wanted
        if self.monthly_tokens:
            granted = min(granted, self.monthly_tokens - tokens - prompt)
        if self.monthly_cost and self._unit[1] > 0:
            money_left = self.monthly_cost - cost - prompt * self._unit[0] / PER_MILLION
            granted = min(granted, int(money_left * PER_MILLION / self._unit[1]))
        elif self.monthly_cost and cost + self.cost(prompt, 0) > self.monthly_cost:
            granted = -1
        if granted < min(wanted, MIN_ANSWER_TOKENS):
            refusal[:] = [
                f"the repository's monthly token budget ({self.monthly_tokens:,} tokens)"
                if self.monthly_tokens
                and self.monthly_tokens - tokens - prompt < min(wanted, MIN_ANSWER_TOKENS)
                else f"the repository's monthly spending budget ({self.monthly_cost:.2f})"
            ]
            return None
        return prompt + granted, self.cost(prompt, granted)

    def settle(self, reservation: Reservation, prompt: int, completion: int) -> float:
        """Release ``reservation`` and charge what the server reported (to the budgets and to the
        metrics); returns the cost charged."""
        cost = self.cost(prompt, completion)
        counted = metrics.get()
        counted.llm_tokens.labels("prompt").inc(prompt)
        counted.llm_tokens.labels("completion").inc(completion)
        counted.llm_cost.inc(max(cost, 0.0))
        with self._lock:
            self.reserved_tokens -= reservation.prompt + reservation.completion
            self.used_tokens += prompt + completion
            self.used_cost += cost
        tokens = prompt + completion
        if reservation.monthly:
            tokens -= reservation.prompt + reservation.completion
            cost -= reservation.cost
        if tokens or cost:
            self._store.add_usage(self._repo, self._month, tokens, cost)
        return self.cost(prompt, completion)


@dataclass(frozen=True, slots=True)
class OutsideShare:
    """One outside author's share of a repository's monthly LLM budget (pull requests from forks),
    so outsiders cannot drain it: checked before each review, charged with what the review used."""

    key: str
    month: str
    author: str
    share: float
    tokens_limit: float
    cost_limit: float
    store: LLMStore

    @classmethod
    def of(
        cls, settings: Settings, context: ReviewContext, store: LLMStore, now: Callable[[], float]
    ) -> OutsideShare | None:
        if not context.outside_author or settings.llm_outside_share >= 1:
            return None
        share = settings.llm_outside_share
        return cls(
            key=f"{context.repo or '(local)'}#outside:{context.outside_author.lower()}",
            month=month_of(now()),
            author=context.outside_author,
            share=share,
            tokens_limit=share * settings.llm_monthly_tokens,
            cost_limit=share * settings.llm_monthly_cost,
            store=store,
        )

    def refusal(self) -> str | None:
        """The note for a review that gets no LLM pass, or None while the author has share left."""
        tokens, cost = self.store.month_usage(self.key, self.month)
        spent = (
            self.share == 0
            or (self.tokens_limit > 0 and tokens >= self.tokens_limit)
            or (self.cost_limit > 0 and cost >= self.cost_limit)
        )
        if not spent:
            return None
        return (
            f"Static analysis only: {self.author} (a pull request from a fork) has used this month's "
            f"share of the repository's LLM budget for outside authors ({self.share:.0%})."
        )

    def charge(self, usage: Usage) -> None:
        tokens = usage.prompt_tokens + usage.completion_tokens  # the metrics counted it (settle)
        if tokens or usage.cost:
            self.store.add_usage(self.key, self.month, tokens, usage.cost)
