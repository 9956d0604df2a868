"""Paths the default branch's ``.gitattributes`` marks ``linguist-generated`` or ``linguist-vendored``.

These, with ``.remediator.yml``'s ``paths.ignore`` and ``REMEDIATOR_EXCLUDE_PATHS``, are the only
paths a review skips: all are read from the default branch or the operator, never from the change.
Patterns become the glob patterns ``select_files`` matches (``*`` also crosses ``/``, so a pattern can
match a little more than git would, never less). Imports the standard library only.
"""

from __future__ import annotations

MAX_LINES = 5000
_ATTRIBUTES = ("linguist-generated", "linguist-vendored")


def linguist_excludes(data: bytes | None) -> tuple[str, ...]:
    """Glob patterns for the paths marked generated or vendored (a later line that unsets the
    attribute for the same pattern, ``-linguist-generated`` or ``=false``, cancels it)."""
    if not data:
        return ()
    last: dict[tuple[str, str], bool] = {}
    for raw in data.decode("utf-8", errors="replace").splitlines()[:MAX_LINES]:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, *attributes = line.split()
        for attribute in attributes:
            name, value = _attribute(attribute)
            if name in _ATTRIBUTES:
                last[(pattern, name)] = value
    out: list[str] = []
    for (pattern, _name), on in last.items():
        if on and not pattern.startswith("!"):
            out.extend(_globs(pattern))
    return tuple(dict.fromkeys(out))


def _attribute(text: str) -> tuple[str, bool]:
    if text.startswith(("-", "!")):
        return text[1:], False
    name, _, value = text.partition("=")
    return name, value.lower() not in {"false", "0", "no"} if value else True


def _globs(pattern: str) -> list[str]:
    """gitattributes pattern -> globs: no slash matches at any depth; a leading slash anchors."""
    body = pattern.rstrip("/")
    if "/" not in body:
        return [body, f"*/{body}"]
    return [body.lstrip("/")]
