"""JSON from untrusted senders (webhook bodies, API bodies, page cursors): standard JSON only, with a
bounded nesting depth and bounded numbers, or one ``JSONLimitError`` (a ``ValueError``) saying why.

Pure: standard library only. Python's own ``json.loads`` accepts ``NaN``/``Infinity``, converts
integers of any length (4,300+ digits raise a bare ``ValueError``) and recurses once per nesting
level (``RecursionError`` past about 1,000 levels): each of those became a 500 at the web edge.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 64
"""Deepest nesting of arrays and objects accepted (webhook payloads nest about ten levels)."""
MAX_NUMBER_CHARS = 40
"""Longest number literal accepted: 64-bit ids have 20 digits, floats' exact forms fewer than 40."""


class JSONLimitError(ValueError):
    """The text is not JSON, or is JSON beyond the limits above; the message says which."""


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONLimitError(f"a number has {len(text)} characters (at most {MAX_NUMBER_CHARS})")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONLimitError(f"a number has {len(text)} characters (at most {MAX_NUMBER_CHARS})")
    value = float(text)
    if not math.isfinite(value):
        raise JSONLimitError(f"a number is out of range ({text[:20]})")
    return value


def _constant(name: str) -> Any:
    raise JSONLimitError(f"{name} is not a JSON number")


def depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply ``value``'s arrays and objects nest (0 for a scalar), without recursion; the walk
    stops at the first level past ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if level > limit:
            return level
        stack.extend((child, level) for child in children)
    return deepest


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """``data`` (UTF-8 when bytes) parsed as standard JSON within the limits, else ``JSONLimitError``."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except JSONLimitError:
        raise
    except RecursionError:
        raise JSONLimitError(f"nested more than {max_depth} levels deep") from None
    except UnicodeDecodeError:
        raise JSONLimitError("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise JSONLimitError(f"not valid JSON ({exc.msg} at character {exc.pos})") from None
    if depth(value, max_depth) > max_depth:
        raise JSONLimitError(f"nested more than {max_depth} levels deep")
    return value
