"""What every fixer shares: text edits turned into one suggestion over the lines the change adds,
and the Python helpers (columns, the import block, name clashes) the Python fixers need.

A fixer rewrites the file's text; ``suggest`` finds the smallest run of whole lines that differs and
makes it the finding's replacement, only when every one of those lines is added by the change.
Pure: text in, text out. Must not import the hosts, the store, the LLM package or the web.
"""

from __future__ import annotations

import ast
import itertools
import sys
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.models import Finding, SourceFile
from bot.core.pyparse import parse_module

FRAMEWORKS = ("flask", "werkzeug", "markupsafe", "django", "fastapi", "starlette")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace characters ``start``..``end`` of the whole text by ``text``."""

    start: int
    end: int
    text: str


def apply_edits(text: str, edits: Iterable[Edit]) -> str | None:
    """``text`` with non-overlapping ``edits`` applied, or None when two overlap."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            return None
    out = text
    for e in reversed(ordered):
        out = out[: e.start] + e.text + out[e.end :]
    return out


def suggest(finding: Finding, sf: SourceFile, new_text: str, steps: Sequence[str] = ()) -> Finding | None:
    """``finding`` whose replacement turns ``sf`` into ``new_text`` (span widened to the changed
    lines), or None when nothing changes or a changed line is not one the change adds."""
    old = sf.text.splitlines()
    new = new_text.splitlines()
    if old == new:
        return None
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    first, last = head, len(old) - tail  # old[first:last] becomes new[head:len(new) - tail]
    replacement = new[head : len(new) - tail]
    if first == last:  # a pure insertion: carry the line above (or below) along
        if first > 0:
            first -= 1
            replacement = [old[first], *replacement]
        elif last < len(old):
            replacement = [*replacement, old[last]]
            last += 1
        else:
            return None
    # the suggestion also covers the flagged lines, so the comment stays where the flaw is
    if finding.start_line - 1 < first:
        replacement = [*old[finding.start_line - 1 : first], *replacement]
        first = finding.start_line - 1
    if finding.end_line > last:
        replacement = [*replacement, *old[last : finding.end_line]]
        last = finding.end_line
    added = sf.change.added_lines
    if not all(n in added for n in range(first + 1, last + 1)):
        return None
    return finding.with_(
        start_line=first + 1,
        end_line=last,
        replacement="\n".join(replacement),
        remediation=(*finding.remediation, *steps),
    )


# -- Python ----------------------------------------------------------------------------------------


class PySource:
    """A parsed Python file with character offsets for ast positions (which count UTF-8 bytes)."""

    def __init__(self, text: str, tree: ast.Module) -> None:
        self.text = text
        self.tree = tree
        self.lines = text.splitlines(keepends=True)
        self._starts = [0]
        for line in self.lines:
            self._starts.append(self._starts[-1] + len(line))

    @classmethod
    def parse(cls, sf: SourceFile) -> PySource | None:
        if sf.language != "python":
            return None
        tree = parse_module(sf.text)
        return cls(sf.text, tree) if tree is not None else None

    def offset(self, lineno: int, byte_col: int) -> int:
        line = self.lines[lineno - 1]
        chars = len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))
        return self._starts[lineno - 1] + chars

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
        return start, end

    def segment(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def replace(self, node: ast.AST, text: str) -> Edit:
        start, end = self.span(node)
        return Edit(start, end, text)

    def line_start(self, lineno: int) -> int:
        return self._starts[lineno - 1]

    def indent_of(self, lineno: int) -> str:
        line = self.lines[lineno - 1]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def newline(self) -> str:
        return "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"

    def imports(self) -> set[str]:
        """Top-level package names the module imports."""
        found = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
        return found

    def binds(self, name: str) -> str | None:
        """How the module binds ``name`` at all: the import statement's text, "other" (bound more
        than once, or other than by one import), or None."""
        found = _bindings.get(self.tree)
        if found is None:
            found = _bindings[self.tree] = _all_bindings(self.tree)
        return found.get(name)


_bindings: weakref.WeakKeyDictionary[ast.Module, dict[str, str]] = weakref.WeakKeyDictionary()
"""A parsed module -> ``PySource.binds`` of every name it binds (fixers ask per finding)."""


def _all_bindings(tree: ast.Module) -> dict[str, str]:
    """Name -> the one import statement binding it, or "other" when it is bound more than once or
    other than by an import (one walk of the tree, whatever the order of the bindings)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                out[bound] = "other" if bound in out else import_text(node, alias)
        else:
            other = _binding_name(node)
            if other is not None:
                out[other] = "other"
    return out


def _binding_name(node: ast.AST) -> str | None:
    """The name a node binds other than by import (an assignment, a parameter, a def), if any."""
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return node.id
    if isinstance(node, ast.arg):
        return node.arg
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name
    return None


def import_text(node: ast.Import | ast.ImportFrom, alias: ast.alias) -> str:
    suffix = f" as {alias.asname}" if alias.asname else ""
    if isinstance(node, ast.Import):
        return f"import {alias.name}{suffix}"
    return f"from {'.' * node.level}{node.module or ''} import {alias.name}{suffix}"


def _import_key(stmt: str) -> tuple[int, str]:
    words = stmt.split()
    return (0 if words[0] == "import" else 1, words[1].lower())


def _stdlib(stmt: str) -> bool:
    return stmt.split()[1].split(".", maxsplit=1)[0] in sys.stdlib_module_names


def add_import(src: PySource, stmt: str) -> Edit | None:
    """An edit adding ``stmt`` (``import x`` or ``from x import y``) to the module's top-level imports,
    next to its kind (standard library or not), in sorted position; None when already there."""
    top = [n for n in src.tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    for node in top:
        if any(import_text(node, a) == stmt for a in node.names):
            return None
    nl = src.newline()
    body = src.tree.body
    if not top:
        first = body[0] if body else None
        after_doc = (
            first is not None
            and isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        )
        if after_doc and first is not None and first.end_lineno is not None:
            at = src.line_start(first.end_lineno + 1) if first.end_lineno < len(src.lines) else len(src.text)
            return Edit(at, at, nl + stmt + nl)
        return Edit(0, 0, stmt + nl + nl)
    groups: list[list[ast.Import | ast.ImportFrom]] = [[top[0]]]
    for node in top[1:]:
        prev = groups[-1][-1]
        if node.lineno == (prev.end_lineno or prev.lineno) + 1:
            groups[-1].append(node)
        else:
            groups.append([node])
    std = _stdlib(stmt)

    def kind(group: list[ast.Import | ast.ImportFrom]) -> bool:
        stmts = [import_text(n, n.names[0]) for n in group]
        return any(_stdlib(s) for s in stmts if not s.startswith("from __future__"))

    chosen = next((g for g in groups if kind(g) == std and not _future(g)), None)
    if chosen is None:
        if std:  # a new standard-library group before the others (after __future__)
            anchor = next((g for g in groups if not _future(g)), None)
            if anchor is None:
                end = groups[-1][-1].end_lineno or groups[-1][-1].lineno
                at = src.line_start(end + 1) if end < len(src.lines) else len(src.text)
                return Edit(at, at, nl + stmt + nl)
            at = src.line_start(anchor[0].lineno)
            return Edit(at, at, stmt + nl + nl)
        last = groups[-1][-1]
        end = last.end_lineno or last.lineno
        at = src.line_start(end + 1) if end < len(src.lines) else len(src.text)
        return Edit(at, at, nl + stmt + nl)
    key = _import_key(stmt)
    for node in chosen:
        if _import_key(import_text(node, node.names[0])) > key:
            at = src.line_start(node.lineno)
            return Edit(at, at, stmt + nl)
    end = chosen[-1].end_lineno or chosen[-1].lineno
    at = src.line_start(end + 1) if end < len(src.lines) else len(src.text)
    prefix = "" if src.text[:at].endswith(("\n", "\r")) else nl
    return Edit(at, at, prefix + stmt + nl)


def _future(group: Sequence[ast.Import | ast.ImportFrom]) -> bool:
    return all(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in group)


def suggest_python(  # noqa: PLR0917 - the fixers' one call shape
    finding: Finding,
    sf: SourceFile,
    src: PySource,
    edits: Sequence[Edit],
    imports: Sequence[str] = (),
    steps: Sequence[str] = (),
) -> Finding | None:
    """The suggestion for ``edits``, with ``imports`` added to the import block when that block is
    inside the change, else named in a step (the suggestion alone would not run without them)."""
    needed = [e for e in (add_import(src, stmt) for stmt in imports) if e is not None]
    missing = [stmt for stmt in imports if add_import(src, stmt) is not None]
    merged = _merge_inserts(needed)
    full = apply_edits(src.text, [*edits, *merged])
    if full is not None:
        out = suggest(finding, sf, full, steps)
        if out is not None:
            return out
    bare = apply_edits(src.text, edits)
    if bare is None:
        return None
    step = (
        "Add " + " and ".join(f"`{m}`" for m in missing) + " to the file's imports (the import block is "
        "outside this change, so the suggestion does not include it)."
    )
    return suggest(finding, sf, bare, [*steps, step] if missing else steps)


def _merge_inserts(edits: list[Edit]) -> list[Edit]:
    """Insertions at the same place become one (their texts in order)."""
    out: dict[int, Edit] = {}
    for e in edits:
        prev = out.get(e.start)
        out[e.start] = e if prev is None else Edit(e.start, e.end, prev.text + e.text)
    return list(out.values())


def enclosing_function(tree: ast.Module, lineno: int) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    funcs = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.lineno <= lineno <= (n.end_lineno or 0)
    ]
    return max(funcs, key=lambda n: n.lineno, default=None)


def single_assignment(func: ast.AST, name: str, before: int) -> ast.Assign | None:
    """The one assignment ``name = ...`` in ``func`` (before line ``before``), or None when the name
    is bound more than once, in another way, or not at all."""
    stores = [
        n
        for n in ast.walk(func)
        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
    ]
    if len(stores) != 1:
        return None
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and node.targets[0] is stores[0]:
            return node if (node.end_lineno or node.lineno) < before else None
    return None


def mentions(src: PySource, node: ast.AST, words: Iterable[str]) -> bool:
    """Whether the source of ``node`` (a function) contains any of ``words``: a check already there."""
    text = src.segment(node)
    return any(w in text for w in words)


def calls_on_lines(tree: ast.Module, lines: range) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno in lines]
