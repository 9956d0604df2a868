"""Python 2 files (and code cut out of its file with its indentation) read as Python 3, line for
line, so bandit and the flow analysis can parse them.

Projects still ship Python 2 code (``print x``, ``except E, e:``, ``raise E, "msg"``, ``0777``,
backticks, ``<>``, ``10L``); ``ast`` and bandit refuse such a file whole and every flaw in it goes
unseen. A file that does not parse as Python 3 is rewritten with the standard library's lib2to3 and
only the fixers that change syntax on the same line, so every line keeps its number and findings
land where the original has them; a file indented as a whole (a method without its class) is
dedented first. The rewrite is used for analysis only: comments, suggestions and
fingerprints use the file as it is. Without lib2to3 (removed in Python 3.13) nothing is rewritten.
"""

from __future__ import annotations

import ast
import logging
import textwrap
import warnings
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)

# fixers whose rewrite stays on the line it rewrites (never fix_tuple_params, fix_metaclass...)
FIXERS = ("print", "except", "exec", "raise", "numliterals", "ne", "repr", "long")
MAX_BYTES = 1_000_000
"""Larger files are not rewritten (lib2to3's parser is pure Python)."""


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _tool() -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from lib2to3.refactor import RefactoringTool  # noqa: PLC0415
    except ImportError:
        return None
    return RefactoringTool([f"lib2to3.fixes.fix_{name}" for name in FIXERS])


def to_py3(text: str, tool: Any = None) -> str | None:
    """``text`` rewritten to Python 3 syntax with the same lines, or None when it already parses,
    cannot be rewritten, or the rewrite does not parse or changes the number of lines."""
    if len(text) > MAX_BYTES or _parses(text):
        return None
    tool = tool or _tool()
    return None if tool is None else _rewrite(text, tool)


def _rewrite(text: str, tool: Any) -> str | None:
    if len(text) > MAX_BYTES:
        return None
    # a method or block cut out of its file keeps its indentation: the same lines, dedented
    flush = textwrap.dedent(text)
    if flush != text:
        if _parses(flush):
            return flush
        text = flush
    source = text if text.endswith("\n") else text + "\n"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = str(tool.refactor_string(source, "<change>"))
    except Exception as exc:  # noqa: BLE001 - lib2to3 raises its own parse errors and more
        logger.debug("not rewritten as Python 3: %s", type(exc).__name__)
        return None
    if not text.endswith("\n"):
        out = out.removesuffix("\n")
    if out.count("\n") != text.count("\n") or not _parses(out):
        return None
    return out


def convert(texts: Mapping[str, str]) -> dict[str, str]:
    """path -> Python 3 rewrite, for the files of ``texts`` that need and allow one."""
    failing = [path for path, text in texts.items() if not _parses(text)]
    tool = _tool() if failing else None
    if tool is None:
        return {}
    out = {}
    for path in failing:
        rewritten = _rewrite(texts[path], tool)
        if rewritten is not None:
            out[path] = rewritten
    return out
