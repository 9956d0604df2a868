"""Parse Python source once: a small cache of ``ast`` trees shared by the analyzers of one process.

A review parses each changed Python file in several places (the flow analysis, every fixer asked about
a finding, the route inference of each finding's exposure, fix verification): the same text, parsed
again and again, was a tenth of a large review's CPU. ``parse_module`` keeps the trees of the texts
it parsed last, bounded by their total size (a tree takes tens of times its source's memory), and
never caches a text larger than ``MAX_CACHED_CHARS``. Trees are shared: callers only read them.
Standard library only.
"""

from __future__ import annotations

import ast
import threading
import warnings
from collections import OrderedDict

MAX_CACHED_CHARS = 256_000
"""A text longer than this is parsed every time it is asked for (its tree is not kept)."""
CACHE_CHARS = 2_000_000
"""Total source characters whose trees are kept (least recently used out first)."""

_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError)
_lock = threading.Lock()
_trees: OrderedDict[str, ast.Module | None] = OrderedDict()
_size = 0


def _parse(text: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except _PARSE_ERRORS:
        return None


def parse_module(text: str) -> ast.Module | None:
    """The module's tree, or None when it does not parse (any error, any depth). Do not modify it."""
    global _size  # noqa: PLW0603 - one cache per process
    if len(text) > MAX_CACHED_CHARS:
        return _parse(text)
    with _lock:
        if text in _trees:
            _trees.move_to_end(text)
            return _trees[text]
    tree = _parse(text)
    with _lock:
        if text not in _trees:
            _trees[text] = tree
            _size += len(text)
            while _size > CACHE_CHARS and _trees:
                old, _ = _trees.popitem(last=False)
                _size -= len(old)
    return tree


def clear() -> None:
    """Forget every kept tree (tests)."""
    global _size  # noqa: PLW0603
    with _lock:
        _trees.clear()
        _size = 0


def dotted(node: ast.AST) -> str:
    """``a.b.c`` for a Name/Attribute chain, "" for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""
