"""Python regular expressions read with Python's own parser (``re._parser``, ``sre_parse`` before 3.11).

The parse tree becomes the ``redos_regex.Node`` tree the ambiguity analysis reads, with the flags
applied: IGNORECASE folds ASCII letters, DOTALL lets ``.`` match a newline, ASCII keeps ``\\w``,
``\\d`` and ``\\s`` to ASCII, MULTILINE makes ``^`` match inside the text (then it does not anchor
the search), VERBOSE and inline flags are the parser's. Nothing is compiled or run.
Imports the standard library and bot.analysis.redos_regex only.
"""

from __future__ import annotations

import importlib
import re
import warnings
from typing import Any

from bot.analysis.redos_ambiguity import WIDE, WIDE_OTHER, WIDE_SPACE, WIDE_WORD
from bot.analysis.redos_regex import _DIGIT, _SPACE, _WORD, ASCII, CharSet, Node, narrow, one_class


def _load_parser() -> Any:
    try:
        return importlib.import_module("re._parser")  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse")


_sre_parse = _load_parser()

MAX_PATTERN = 2000
MAX_DEPTH = 60
_LETTERS = sum(1 << c for c in range(65, 91)) | sum(1 << c for c in range(97, 123))
_SYMBOLS = ASCII | WIDE
# (the set, its part beyond ASCII when Unicode, what its complement keeps beyond ASCII)
_CATEGORIES = {
    "DIGIT": (_DIGIT.bits, WIDE_WORD, WIDE),
    "WORD": (_WORD.bits, WIDE_WORD, WIDE_SPACE | WIDE_OTHER),
    "SPACE": (_SPACE.bits, WIDE_SPACE, WIDE_WORD | WIDE_OTHER),
    "LINEBREAK": (1 << 10, 0, WIDE),
}


class _TooDeep(Exception):
    pass


def parse_python(pattern: str | bytes, flags: int = 0) -> Node | None:
    """The tree of a Python pattern under ``flags``, or None when Python would reject it (or it is
    too long or too deeply nested to judge)."""
    if isinstance(pattern, bytes):
        pattern = pattern.decode("latin-1")
        flags |= re.ASCII
    if len(pattern) > MAX_PATTERN:
        return None
    try:
        with warnings.catch_warnings():  # the parser's notes on odd syntax ("possible nested set")
            warnings.simplefilter("ignore")
            parsed = _sre_parse.parse(pattern, flags & ~re.DEBUG)
        return _Converter(parsed.state.flags | flags).seq(parsed, 0, parsed.state.flags | flags)
    except (re.error, RecursionError, OverflowError, ValueError, _TooDeep, TypeError, IndexError):
        return None


def _name(op: Any) -> str:
    return str(getattr(op, "name", op))


class _Converter:
    def __init__(self, flags: int) -> None:
        self.flags = flags

    def seq(self, items: Any, depth: int, flags: int) -> Node:
        if depth > MAX_DEPTH:
            raise _TooDeep
        return Node("seq", items=narrow([self.item(op, av, depth + 1, flags) for op, av in items]))

    def item(self, op: Any, av: Any, depth: int, flags: int) -> Node:
        name = _name(op)
        if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN"):
            return Node("char", chars=self.charset(name, av, flags))
        if name == "BRANCH":
            return Node("alt", items=[self.seq(branch, depth, flags) for branch in av[1]])
        if name == "SUBPATTERN":
            add, remove = av[1], av[2]
            return self.seq(av[3], depth, (flags | add) & ~remove)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            lo, hi, body = av
            bound = None if hi >= _sre_parse.MAXREPEAT else int(hi)
            inner = self.seq(body, depth, flags)
            return Node("repeat", items=[inner], lo=int(lo), hi=bound, possessive=name == "POSSESSIVE_REPEAT")
        if name in ("ATOMIC_GROUP", "AT"):
            if name == "AT":
                return self.anchor(_name(av), flags)
            return Node("repeat", items=[self.seq(av, depth, flags)], lo=1, hi=1, possessive=True)
        if name == "GROUPREF_EXISTS":
            no = self.seq(av[2], depth, flags) if av[2] is not None else Node("empty")
            return Node("alt", items=[self.seq(av[1], depth, flags), no])
        # a back reference: any text; a lookaround: an assertion, which can fail where it stands;
        # anything else: zero-width
        return self.other(name, av, depth, flags)

    def other(self, name: str, av: Any, depth: int, flags: int) -> Node:
        if name in ("ASSERT", "ASSERT_NOT") and av[0] == 1:  # a lookahead of one character class
            x = one_class(self.seq(av[1], depth, flags))
            if x is not None:
                return Node("anchor", chars=x, look=1 if name == "ASSERT" else -1)
        kinds = {"GROUPREF": "ref", "ASSERT": "anchor", "ASSERT_NOT": "anchor"}
        kind = kinds.get(name, "empty")
        return Node(kind, chars=_set(_SYMBOLS)) if kind == "ref" else Node(kind)

    def anchor(self, at: str, flags: int) -> Node:
        multiline = bool(flags & re.MULTILINE)
        if at == "AT_BEGINNING_STRING" or (at == "AT_BEGINNING" and not multiline):
            return Node("anchor", begin_anchor=True)
        if at in ("AT_END_STRING", "AT_END"):
            # (a multi-line `$` can fail too; what the pattern matches after it is not followed)
            return Node("anchor", end_anchor=True)
        return Node("anchor")  # `\b`, `\B`, a multi-line `^`: an assertion that can fail

    def charset(self, name: str, av: Any, flags: int) -> CharSet:
        wide = not flags & re.ASCII
        if name == "ANY":
            return _set(_SYMBOLS if flags & re.DOTALL else _SYMBOLS & ~(1 << 10))
        if name == "LITERAL":
            return _set(_fold(_one(av), flags))
        if name == "NOT_LITERAL":
            return _set(_SYMBOLS & ~(_fold(_one(av), flags) & ASCII))
        out = 0
        whole = 0  # the kinds beyond ASCII the class holds entirely (a complement drops them)
        negate = False
        for op, arg in av:
            kind = _name(op)
            if kind == "NEGATE":
                negate = True
            elif kind == "LITERAL":
                out |= _one(arg)
            elif kind == "RANGE":
                lo, hi = arg
                if lo < 128:
                    out |= ((1 << (min(hi, 127) + 1)) - 1) ^ ((1 << lo) - 1)
                if hi >= 128:
                    out |= WIDE
            elif kind == "CATEGORY":
                cat = _name(arg)
                for key, (ascii_bits, beyond, complement) in _CATEGORIES.items():
                    if cat.endswith(f"_NOT_{key}"):
                        out |= (ASCII & ~ascii_bits) | complement
                        whole |= complement
                        break
                    if cat.endswith(f"_{key}"):
                        out |= ascii_bits | (beyond if wide else 0)
                        whole |= beyond if wide else 0
                        break
        out = _fold(out, flags)
        if negate:
            out = (ASCII & ~out) | (WIDE & ~whole)
        return _set(out)


def _set(symbols: int) -> CharSet:
    return CharSet(symbols, bool(symbols & WIDE))


def _one(code: int) -> int:
    if code < 128:
        return 1 << code
    text = chr(code)
    return WIDE_WORD if text.isalnum() else WIDE_SPACE if text.isspace() else WIDE_OTHER


def _fold(symbols: int, flags: int) -> int:
    if not flags & re.IGNORECASE or not symbols & _LETTERS:
        return symbols
    upper = (symbols >> 32) & _LETTERS & ((1 << 91) - 1)  # a-z shifted onto A-Z
    lower = (symbols << 32) & _LETTERS & ~((1 << 91) - 1)  # A-Z shifted onto a-z
    return symbols | upper | lower
