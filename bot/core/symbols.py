"""Find the function or class that encloses a line, by looking upward for a declaration.

A light, language-aware heuristic for fingerprints and messages (pure, no parser): indentation
for Python, the nearest declaration above for brace languages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Linear patterns (possessive repeats, no two unbounded repeats over the same characters side by
# side); lines longer than MAX_DECL_CHARS are never declarations and are not matched at all.
MAX_DECL_CHARS = 1000
_PY_DECL = re.compile(r"^(?P<indent>[ \t]*+)(?:async\s++)?(?:def|class)\s++(?P<name>[A-Za-z_]\w*+)")
_BRACE_DECLS = (
    # JavaScript / TypeScript
    re.compile(
        r"^\s*+(?:export\s++)?(?:default\s++)?(?:async\s++)?function\s*+\*?\s*+(?P<name>[A-Za-z_$][\w$]*+)"
    ),
    re.compile(
        r"^\s*+(?:export\s++)?(?:const|let|var)\s++(?P<name>[A-Za-z_$][\w$]*+)\s*+=\s*+(?:async\s++)?"
        r"(?:function\b|\([^)]*+\)\s*+(?::[^=]*+)?=>|[A-Za-z_$][\w$]*+\s*+=>)"
    ),
    re.compile(r"^\s*+(?:export\s++)?(?:abstract\s++)?class\s++(?P<name>[A-Za-z_$][\w$]*+)"),
    # Go
    re.compile(r"^\s*+func\s++(?:\([^)]*+\)\s*+)?(?P<name>[A-Za-z_]\w*+)\s*+\("),
)
# Java, and JS/TS methods: the head up to the parameter list; the rest is checked by _method_tail.
_METHOD_HEAD = re.compile(
    r"^\s*+(?:(?:public|private|protected|static|final|synchronized|abstract|async|override)\s++)*+"
    r"(?:<[^>]++>\s++)?(?:[\w.<>\[\],?]++\s++)?(?P<name>[A-Za-z_]\w*+)\s*+\("
)
_METHOD_AFTER_PARAMS = re.compile(r"^\s*+(?:throws\s[\w.,\s]*+)?(?::[^{]*+)?")
_NOT_NAMES = {"if", "for", "while", "switch", "catch", "return", "else", "do", "try", "with", "function"}


def enclosing_symbol(lines: Sequence[str], line_no: int, language: str | None) -> str:
    """Dotted name of the declarations enclosing 1-based ``line_no`` (``""`` at module level)."""
    if not lines or line_no < 1:
        return ""
    index = min(line_no, len(lines)) - 1
    if language == "python":
        return _python_symbol(lines, index)
    if language in {"javascript", "typescript", "java", "go"}:
        return _brace_symbol(lines, index)
    return ""


def _indent_width(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _python_symbol(lines: Sequence[str], index: int) -> str:
    names: list[str] = []
    current = lines[index]
    limit = _indent_width(current) if current.strip() else 10**6
    for i in range(index, -1, -1):
        text = lines[i]
        if not text.strip():
            continue
        match = _PY_DECL.match(text) if len(text) <= MAX_DECL_CHARS else None
        width = _indent_width(text)
        if match and (width < limit or i == index):
            names.append(match.group("name"))
            limit = width
            if width == 0:
                break
        elif width < limit and not text.lstrip().startswith(("#", "@", ")", "]", "}")):
            limit = width
    return ".".join(reversed(names))


def _brace_symbol(lines: Sequence[str], index: int) -> str:
    for i in range(index, max(-1, index - 400), -1):
        line = lines[i]
        if len(line) > MAX_DECL_CHARS:
            continue
        name = _brace_declaration(line)
        if name and name not in _NOT_NAMES:
            return name
    return ""


def _brace_declaration(line: str) -> str:
    for pattern in _BRACE_DECLS:
        match = pattern.match(line)
        if match:
            return match.group("name")
    head = _METHOD_HEAD.match(line)
    if head is None:
        return ""
    rest = line[head.end() :].rstrip()
    close = rest.rfind(")")
    if not rest.endswith("{") or close < 0 or ";" in rest[:close]:
        return ""
    return head.group("name") if _METHOD_AFTER_PARAMS.fullmatch(rest[close + 1 : -1]) else ""
