"""The chat-completions adapter: the only module that imports openai.

Retries timeouts, connection errors, 429 and 5xx with exponential backoff, honouring Retry-After
(through an injected ``sleep`` so tests never wait); asks for JSON-schema structured output and,
until one format has worked, steps down when the server refuses it (OpenAI's ``json_schema``, then
``json_object`` with a ``schema`` as llama.cpp's servers take it, then plain ``json_object``);
translates openai errors into ``bot.errors`` here, at the edge. The API key never appears in a log
line or an error message.
"""

from __future__ import annotations

import email.utils
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from bot.errors import Permanent, Retryable

logger = logging.getLogger(__name__)

Sleep = Callable[[float], None]

# Structured-output formats, best first. Servers differ: OpenAI and vLLM take ``json_schema``;
# llama.cpp (and llama-cpp-python's server) answer it with HTTP 500 and take ``json_object`` with a
# ``schema``; others take only a bare ``json_object``. Every answer is validated by the LLM pass anyway.
FORMATS = ("json_schema", "json_object_schema", "json_object")
# Statuses with which servers refuse a response format they do not support.
_FORMAT_REFUSALS = (400, 422, 500, 501)


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int


class OutOfTime(Retryable):
    """The LLM pass's deadline (inside the job's lease) came first: the request was not sent, or was
    cut short by it. Not the server's failure: the review reports the hunks as out of time."""


class ChatModel(Protocol):
    """What the LLM pass needs from a model: one structured completion at a time (thread-safe)."""

    @property
    def model(self) -> str: ...

    def complete(
        self,
        messages: list[dict[str, str]],
        schema_name: str,
        schema: dict[str, Any],
        *,
        max_tokens: int,
        deadline: float | None = None,
    ) -> Completion:
        """At most ``max_tokens`` answer tokens; no request or retry wait runs past ``deadline``
        (epoch seconds); raises ``Retryable`` / ``Permanent``."""


def parse_retry_after(headers: Mapping[str, str] | None, now: float) -> float | None:
    """Seconds to wait from ``retry-after-ms`` / ``Retry-After`` (seconds or an HTTP date)."""
    if not headers:
        return None
    lowered = {k.lower(): v for k, v in headers.items()}
    raw_ms = lowered.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = lowered.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


class OpenAIChat:
    """``ChatModel`` over any OpenAI-compatible server (OpenAI, Azure OpenAI, vLLM, Ollama...)."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        model: str,
        timeout: float,
        sleep: Sleep = time.sleep,
        now: Callable[[], float] = time.time,
        attempts: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
    ) -> None:
        import openai  # noqa: PLC0415 - the one place openai is imported; only when a model is used

        self._openai = openai
        self._client = openai.OpenAI(
            api_key=api_key or "unused",
            base_url=base_url or None,
            timeout=timeout,
            max_retries=0,
        )
        self._model = model
        self._timeout = timeout
        self._sleep = sleep
        self._now = now
        self._attempts = max(1, attempts)
        self._backoff = backoff
        self._max_wait = max_wait
        self._mode = FORMATS[0]
        self._proven = False  # a request in the current format has succeeded: no more stepping down
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"OpenAIChat(model={self._model!r})"

    @property
    def model(self) -> str:
        return self._model

    @property
    def mode(self) -> str:
        return self._mode

    @staticmethod
    def _response_format(mode: str, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        if mode == "json_schema":
            return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}
        if mode == "json_object_schema":
            return {"type": "json_object", "schema": schema}
        return {"type": "json_object"}

    def _step_down(self, mode: str, status: int) -> bool:
        """After the server refused ``mode``: use the next format, unless a format already worked."""
        with self._lock:
            if self._proven or status not in _FORMAT_REFUSALS:
                return False
            if self._mode != mode:  # another thread stepped down already
                return True
            index = FORMATS.index(mode)
            if index + 1 >= len(FORMATS):
                return False
            self._mode = FORMATS[index + 1]
        logger.info("LLM server refused %s output (HTTP %d); using %s", mode, status, self._mode)
        return True

    def _proved(self, mode: str) -> None:
        with self._lock:
            if self._mode == mode:
                self._proven = True

    def complete(
        self,
        messages: list[dict[str, str]],
        schema_name: str,
        schema: dict[str, Any],
        *,
        max_tokens: int,
        deadline: float | None = None,
    ) -> Completion:
        """One completion; raises ``Retryable`` when retries ran out, ``Permanent`` when hopeless."""
        errors = self._openai
        attempt = 0
        while True:
            attempt += 1
            timeout = self._timeout
            if deadline is not None:
                timeout = min(timeout, deadline - self._now())
                if timeout <= 0:
                    raise OutOfTime("the LLM pass reached its deadline")
            mode = self._mode
            sent = messages
            if mode != "json_schema":
                sent = [
                    *messages,
                    {
                        "role": "system",
                        "content": "Answer with one JSON object matching this JSON schema:\n"
                        + json.dumps(schema, separators=(",", ":")),
                    },
                ]
            wait: float | None
            try:
                create: Any = self._client.chat.completions.create
                response = create(
                    model=self._model,
                    messages=sent,
                    response_format=self._response_format(mode, schema_name, schema),
                    temperature=0,
                    max_tokens=max(1, max_tokens),
                    timeout=timeout,
                )
            except errors.APIStatusError as exc:
                if self._step_down(mode, exc.status_code):
                    attempt -= 1
                    continue
                wait, reason = self._status_error(exc)
            except errors.APITimeoutError:
                if timeout < self._timeout:  # the deadline shortened this request's own timeout
                    raise OutOfTime("the LLM pass reached its deadline during a request") from None
                wait, reason = None, "timed out"
            except errors.APIConnectionError:
                wait, reason = None, "could not be reached"
            else:
                self._proved(mode)
                return _completion(response)
            if attempt >= self._attempts:
                raise Retryable(f"the LLM server {reason}, {attempt} attempt(s)", retry_after=wait)
            delay = wait if wait is not None else self._backoff * 2 ** (attempt - 1)
            if delay > self._max_wait:
                raise Retryable(f"the LLM server {reason}; asked to wait {delay:.0f} s", retry_after=delay)
            if deadline is not None and self._now() + delay >= deadline:
                raise Retryable(f"the LLM server {reason}; no time left before the LLM pass's deadline")
            logger.info("LLM request %s; retrying in %.1f s (attempt %d)", reason, delay, attempt + 1)
            self._sleep(delay)

    def _status_error(self, exc: Any) -> tuple[float | None, str]:
        """(wait, reason) for a retryable HTTP error; raises ``Permanent`` for a hopeless one."""
        errors = self._openai
        status = int(exc.status_code)
        if isinstance(exc, errors.BadRequestError):
            raise Permanent(f"the LLM server rejected the request (HTTP {status})") from None
        if isinstance(exc, errors.AuthenticationError | errors.PermissionDeniedError):
            raise Permanent(
                f"the LLM server refused the credentials (HTTP {status}); check OPENAI_API_KEY"
            ) from None
        if isinstance(exc, errors.NotFoundError):
            raise Permanent(
                f"the LLM server does not know model {self._model!r} or the endpoint (HTTP {status})"
            ) from None
        if isinstance(exc, errors.RateLimitError):
            return parse_retry_after(dict(exc.response.headers), self._now()), "rate limited (HTTP 429)"
        if status < 500 and status not in (408, 409):
            raise Permanent(f"the LLM server answered HTTP {status}") from None
        return parse_retry_after(dict(exc.response.headers), self._now()), f"failed (HTTP {status})"


def _completion(response: Any) -> Completion:
    choices = getattr(response, "choices", None) or []
    text = ""
    if choices:
        message = getattr(choices[0], "message", None)
        text = str(getattr(message, "content", "") or "")
    usage = getattr(response, "usage", None)
    prompt = int(getattr(usage, "prompt_tokens", 0) or 0) if usage is not None else 0
    completion = int(getattr(usage, "completion_tokens", 0) or 0) if usage is not None else 0
    return Completion(text, prompt, completion)
