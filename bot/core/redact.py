"""Secret redaction applied to every text that leaves the bot (comments, logs, reports, prompts).

Pure: standard library only. Patterns cover well-known token formats, private key blocks and
literal values assigned to secret-looking names.
"""

from __future__ import annotations

import re

PLACEHOLDER = "<redacted>"

_TOKEN_PATTERNS = (
    re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b"),
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,255}\b"),
    re.compile(r"\bgithub_pat_[A-Za-z0-9_]{40,255}\b"),
    re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}\b"),
    re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}\b"),
    re.compile(r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}\b"),
    re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b"),
    re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}\b"),
    re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\b"),
    re.compile(r"\brmd_[A-Za-z0-9_\-]{40,64}\b"),  # Remediator's own API tokens
)

_PRIVATE_KEY = re.compile(
    r"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \1PRIVATE KEY-----|\Z)",
    re.DOTALL,
)

_SECRET_NAME = (
    r"(?:password|passwd|pwd|secret|secret[_-]?key|api[_-]?key|apikey|access[_-]?key|"  # noqa: S105
    r"auth[_-]?token|access[_-]?token|token|private[_-]?key|client[_-]?secret|credentials?)"
)
# NAME = "value", NAME: 'value', "NAME": "value", NAME=value (env files), ENV NAME value
_ASSIGNED = re.compile(
    r"(?P<name>[\w.\-]*" + _SECRET_NAME + r"[\w\-]*)"
    r"(?P<sep>[\"']?\s*(?::=|=>|[:=])\s*|\s+)"
    r"(?P<quote>[\"'`])(?P<value>[^\"'`\r\n]{4,})(?P=quote)",
    re.IGNORECASE,
)
_ENV_ASSIGNED = re.compile(
    r"^(?P<lead>\s*(?:export\s+|ENV\s+|ARG\s+)?[\w.\-]*" + _SECRET_NAME + r"[\w\-]*\s*[=\s]\s*)"
    r"(?P<value>[^\s\"'`$<{][^\s\"'`]{3,})\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# basic-auth credentials in URLs: scheme://user:password@host
_URL_CREDENTIALS = re.compile(r"(?P<scheme>\b[a-z][a-z0-9+.\-]*://[^/\s:@]+:)(?P<pw>[^@\s/]+)@")


def redact(text: str) -> str:
    """``text`` with every secret-looking value replaced by ``<redacted>``."""
    if not text:
        return text
    out = _PRIVATE_KEY.sub(PLACEHOLDER, text)
    for pattern in _TOKEN_PATTERNS:
        out = pattern.sub(PLACEHOLDER, out)
    out = _ASSIGNED.sub(_keep_name, out)
    out = _ENV_ASSIGNED.sub(lambda m: m.group("lead") + PLACEHOLDER, out)
    out = _URL_CREDENTIALS.sub(lambda m: m.group("scheme") + PLACEHOLDER + "@", out)
    return out


def _keep_name(match: re.Match[str]) -> str:
    value = match.group("value")
    if value == PLACEHOLDER or _looks_like_reference(value):
        return match.group(0)
    q = match.group("quote")
    return f"{match.group('name')}{match.group('sep')}{q}{PLACEHOLDER}{q}"


def _looks_like_reference(value: str) -> bool:
    """Values that name a secret rather than hold one (``${VAR}``, ``{{ secrets.X }}``)."""
    v = value.strip()
    return v.startswith(("${", "{{", "$(", "%(", "<")) or (v.startswith("$") and v[1:].isidentifier())


def contains_secret(text: str) -> bool:
    """Whether ``redact`` would change ``text``."""
    return redact(text) != text


def redact_keep_lines(text: str) -> str:
    """``redact`` for LLM prompts: keeps the line count (a private key block becomes one placeholder
    line per line, so line numbers shown to the model still match the file) and also replaces
    passwords in prose ("password is hunter2!"), which is too eager for comments."""
    if not text:
        return text

    def block(match: re.Match[str]) -> str:
        return "\n".join(PLACEHOLDER for _ in match.group(0).split("\n"))

    out = redact(_PRIVATE_KEY.sub(block, text))
    return _PROSE_PASSWORD.sub(lambda m: m.group("lead") + PLACEHOLDER, out)


# "password Tr0ub4dor&3", "pwd: s3cret!" in free text: a value of 6+ characters with a digit or symbol
_PROSE_PASSWORD = re.compile(
    r"(?P<lead>\b(?:password|passwd|pwd|passphrase)\b(?:\s+(?:is|was))?\s*[:=]?\s*)"
    r"(?P<value>(?![$<{%])(?=[^\s\"'`]*(?:[\d_]|[^\s\w\"'`]))[^\s<\"'`]{6,})",
    re.IGNORECASE,
)
