"""Regular expressions in a Python file, each with a key naming where it is used (for bot.analysis.redos).

Read with the standard library's ``ast`` (never imported or run): calls of the ``re``/``regex``
functions (compile, match, search, fullmatch, findall, finditer, sub, subn, split) whose pattern is
constant text: a literal, an implicit concatenation, a module or class constant named in the call,
or text built from those with ``+``, ``%``, ``str.join`` and ``re.escape``. Each site records the
flags, how it matches (a compiled pattern by the methods the file calls on it), whether it is only
ever applied to constant text, and a key: the name it is bound to, the constant it names, or the
function and callee it sits in, so that a pattern can be compared with the one it replaces.
Imports the standard library and bot.core.pyparse only.
"""

from __future__ import annotations

import ast
import operator
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bot.core.pyparse import dotted, parse_module

MAX_TEXT = 4000
_FUNCTIONS = {
    "compile": 1, "match": 2, "search": 2, "fullmatch": 2, "findall": 2, "finditer": 2,
    "split": 3, "sub": 4, "subn": 4,
}  # fmt: skip
"""The functions taking a pattern first, with the position of their flags argument."""
_INPUT = {
    "match": 1, "search": 1, "fullmatch": 1, "findall": 1, "finditer": 1, "split": 1, "sub": 2, "subn": 2,
}  # fmt: skip
_SEARCHING = {"search", "findall", "finditer", "sub", "subn", "split", "scanner"}
_FLAG_NAMES = (
    "I",
    "IGNORECASE",
    "M",
    "MULTILINE",
    "S",
    "DOTALL",
    "X",
    "VERBOSE",
    "A",
    "ASCII",
    "U",
    "UNICODE",
)
_FLAGS = {name: int(getattr(re, name)) for name in _FLAG_NAMES}


@dataclass(frozen=True, slots=True)
class Site:
    key: tuple[str, ...]
    pattern: str | bytes
    flags: int
    mode: str  # "search" | "match" | "full"
    pattern_lines: frozenset[int]
    call_lines: frozenset[int]
    constant_input: bool
    callee: str


def sites(text: str, *, tables: bool = False) -> list[Site] | None:
    """The regular expressions of a Python file (None when it does not parse). ``tables``: read lexer
    tables even where the file gives no sign of compiling them (the other side of a change that does)."""
    tree = parse_module(text)  # shared with the flow analysis; warnings (`"\\d"`) silenced
    if tree is None:
        return None
    reader = _Reader(tree)
    reader.compiles_names = reader.compiles_names or tables
    try:
        return list(reader.read())
    except RecursionError:
        return None


def _lines(node: ast.AST) -> frozenset[int]:
    start = getattr(node, "lineno", 0)
    return frozenset(range(start, (getattr(node, "end_lineno", None) or start) + 1))


class _Reader:
    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.modules: dict[str, str] = {}  # local name -> "re" / "regex"
        self.functions: dict[str, str] = {}  # local name -> function of re / regex
        self.constants: dict[str, tuple[ast.expr, frozenset[int]]] = {}
        self.uses: dict[str, list[tuple[str, ast.Call]]] = {}  # last name part -> (method, call)
        self.lexer = False  # a pygments lexer: its `tokens` tables are compiled with re.MULTILINE
        self.compiles_names = False  # re.compile(rx, ...) of a name: a table's patterns, one by one
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "pygments.lexer":
                self.lexer = True
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "compile"
                and node.args
                and isinstance(node.args[0], ast.Name)
            ):
                self.compiles_names = True
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in ("re", "regex"):
                        self.modules[alias.asname or alias.name] = alias.name
            elif isinstance(node, ast.ImportFrom) and node.module in ("re", "regex"):
                for alias in node.names:
                    if alias.name in _FUNCTIONS:
                        self.functions[alias.asname or alias.name] = alias.name
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = dotted(node.func.value)
                if owner:
                    self.uses.setdefault(owner.rsplit(".", 1)[-1], []).append((node.func.attr, node))
        bodies: list[list[ast.stmt]] = [
            tree.body,
            *(n.body for n in tree.body if isinstance(n, ast.ClassDef)),
        ]
        for body in bodies:
            for stmt in body:
                target, value = _assignment(stmt)
                if target is not None and value is not None and target not in self.constants:
                    self.constants[target] = (value, _lines(value))

    def function(self, call: ast.Call) -> str | None:
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in self.modules
            and func.attr in _FUNCTIONS
        ):
            return func.attr
        if isinstance(func, ast.Name):
            return self.functions.get(func.id)
        return None

    def read(self) -> Iterator[Site]:
        yield from self._walk(self.tree, "", None)

    def _walk(self, node: ast.AST, scope: str, bound: str | None) -> Iterator[Site]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                yield from self._walk(child, f"{scope}.{child.name}" if scope else child.name, None)
                continue
            name = None
            if isinstance(child, ast.Assign | ast.AnnAssign):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                name = (dotted(targets[0]) or None) if len(targets) == 1 else None
            if isinstance(child, ast.Call):
                site = self.site(child, scope, bound)
                if site is not None:
                    yield site
            if isinstance(child, ast.List) and (self.lexer or self.compiles_names):
                yield from self.table(child, scope)
            yield from self._walk(child, scope, name)

    def table(self, node: ast.List, scope: str) -> Iterator[Site]:
        """A lexer table's rows, `(r'pattern', Token.Kind[, state])`: each pattern keyed by the token it
        yields, so that a row rewritten in place is compared with the row it replaces. Only in a pygments
        lexer or a file that compiles patterns from a variable (sqlparse's `SQL_REGEX`), and only lists of
        two rows or more. A lexer tries each row where its last token ended (match mode): a row ambiguous
        within itself is what backtracks there."""
        rows = [
            row
            for row in node.elts
            if isinstance(row, ast.Tuple)
            and len(row.elts) >= 2
            and not isinstance(row.elts[1], ast.Constant)
            and isinstance(row.elts[0], ast.Constant | ast.BinOp | ast.Name | ast.Call)
        ]
        if len(rows) < 2:
            return
        flags = _FLAGS["MULTILINE"] if self.lexer else 0
        for row in rows:
            pattern = self.fold(row.elts[0], 0)
            if not isinstance(pattern, str) or not pattern:
                continue
            token = ast.unparse(row.elts[1])[:200]
            lines = _lines(row.elts[0])
            yield Site(("table", scope, token), pattern, flags, "match", lines, _lines(row), False, "table")

    def site(self, call: ast.Call, scope: str, bound: str | None) -> Site | None:
        func = self.function(call)
        if func is None:
            return None
        arg = next(
            (k.value for k in call.keywords if k.arg == "pattern"), call.args[0] if call.args else None
        )
        if arg is None:
            return None
        pattern = self.fold(arg, 0)
        if not isinstance(pattern, str | bytes):
            return None
        lines = _lines(arg)
        named = _constant_name(arg)
        if named in self.constants:
            key: tuple[str, ...] = ("constant", named)
            lines = lines | self.constants[named][1]
        elif bound is not None:
            key = ("bound", scope, bound)
        else:
            key = ("call", scope, func)
        position = _FUNCTIONS[func]
        flag_node = call.args[position] if len(call.args) > position else None
        flag_node = next((k.value for k in call.keywords if k.arg == "flags"), flag_node)
        flags = self.flags(flag_node) if flag_node is not None else 0
        if func == "compile":
            mode, constant = self.usage(bound)
        else:
            mode = "match" if func == "match" else "full" if func == "fullmatch" else "search"
            index = _INPUT[func]
            given = call.args[index] if len(call.args) > index else None
            given = next((k.value for k in call.keywords if k.arg == "string"), given)
            constant = isinstance(given, ast.Constant)
        return Site(key, pattern, flags, mode, lines, _lines(call), constant, func)

    def usage(self, bound: str | None) -> tuple[str, bool]:
        """How a compiled pattern is used in the file: its mode, and whether only on constants."""
        uses = self.uses.get(bound.rsplit(".", 1)[-1], []) if bound else []
        methods = {method for method, _ in uses}
        constant = bool(uses) and all(
            bool(call.args) and isinstance(call.args[0], ast.Constant) for _, call in uses
        )
        if methods & _SEARCHING or not methods & {"match", "fullmatch"}:
            return "search", constant
        return ("match" if "match" in methods else "full"), constant

    def flags(self, node: ast.expr) -> int:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr | ast.Add):
            return self.flags(node.left) | self.flags(node.right)
        if isinstance(node, ast.Attribute) and node.attr in _FLAGS:
            return _FLAGS[node.attr]
        if isinstance(node, ast.Attribute) and node.attr.startswith("RegexFlag"):
            return 0
        if isinstance(node, ast.Name) and node.id in _FLAGS:
            return _FLAGS[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        return 0

    def fold(self, node: ast.expr, depth: int) -> object:
        """The constant text ``node`` evaluates to, or None."""
        if depth > 20:
            return None
        value = self._fold(node, depth + 1)
        if isinstance(value, str | bytes) and len(value) > MAX_TEXT:
            return None
        return value

    def _fold(self, node: ast.expr, depth: int) -> object:
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str | bytes | int) else None
        named = _constant_name(node)
        if named in self.constants:
            return self.fold(self.constants[named][0], depth)
        if isinstance(node, ast.Tuple | ast.List):
            items = [self.fold(x, depth) for x in node.elts]
            return None if any(x is None for x in items) else tuple(items)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            left, right = self.fold(node.left, depth), self.fold(node.right, depth)
            if left is None or right is None:
                return None
            try:
                out = left + right if isinstance(node.op, ast.Add) else left % right  # type: ignore[operator]
            except (TypeError, ValueError, KeyError, OverflowError):
                return None
            return out if isinstance(out, str | bytes) and len(out) <= MAX_TEXT else None
        if isinstance(node, ast.Call):
            return self._fold_call(node, depth)
        return self._fold_branch(node, depth)

    def _fold_branch(self, node: ast.expr, depth: int) -> object:
        """`A if sys.version_info < (3, 11) else B`: the branch taken on this Python."""
        if not isinstance(node, ast.IfExp):
            return None
        test = _version_test(node.test)
        return None if test is None else self.fold(node.body if test else node.orelse, depth)

    def _fold_call(self, node: ast.Call, depth: int) -> object:
        func = node.func
        if not isinstance(func, ast.Attribute) or len(node.args) != 1 or node.keywords:
            return None
        arg = node.args[0]
        if func.attr == "escape" and dotted(func.value) in self.modules:
            text = self.fold(arg, depth)
            if isinstance(text, str):
                return re.escape(text)
            return re.escape(text) if isinstance(text, bytes) else None
        if func.attr == "join" and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str):
            items = self._items(arg, depth)
            if items is None or not all(isinstance(x, str) for x in items):
                return None
            return func.value.value.join(items)  # type: ignore[arg-type]
        return None

    def _items(self, node: ast.expr, depth: int) -> tuple[object, ...] | None:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "map":
            if len(node.args) == 2 and dotted(node.args[0]).rsplit(".", 1)[-1] == "escape":
                items = self._items(node.args[1], depth)
                if items is None or not all(isinstance(x, str) for x in items):
                    return None
                return tuple(re.escape(x) for x in items)  # type: ignore[type-var]
            return None
        value = self.fold(node, depth)
        return value if isinstance(value, tuple) else None


_COMPARE: dict[type[ast.cmpop], Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def _version_test(node: ast.expr) -> bool | None:
    """``sys.version_info <op> (3, N)`` evaluated for the Python this runs on (3.11 or later: the
    branch a current deployment takes), else None."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and dotted(node.left) == "sys.version_info"):
        return None
    bound = node.comparators[0]
    compare = _COMPARE.get(type(node.ops[0]))
    if compare is None or not isinstance(bound, ast.Tuple) or not 1 <= len(bound.elts) <= 3:
        return None
    parts = tuple(e.value for e in bound.elts if isinstance(e, ast.Constant) and type(e.value) is int)
    if len(parts) != len(bound.elts):
        return None
    return compare(
        (sys.version_info.major, sys.version_info.minor, sys.version_info.micro)[: len(parts)], parts
    )


def _constant_name(node: ast.expr) -> str:
    """The constant a name or a class attribute (``self.X``, ``cls.X``, ``Class.X``) refers to."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr
    return ""


def _assignment(stmt: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        return stmt.targets[0].id, stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
        return stmt.target.id, stmt.value
    return None, None
