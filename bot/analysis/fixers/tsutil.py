"""Tree-sitter helpers for the JavaScript, TypeScript, Java and Go fixers: parse, walk, node text, and
a node turned into an ``Edit``, possibly over several lines (tree-sitter reports UTF-8 byte columns;
edits use characters).

Parsing is bounded by the analyzer's file size limit upstream; tree-sitter is linear and never raises
on bad input (it marks errors, and a fixer refuses a file whose tree has any).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from bot.analysis.fixers.edits import Edit, byte_to_char

logger = logging.getLogger(__name__)

Node = Any
_GRAMMAR = {"javascript": "javascript", "typescript": "typescript", "java": "java", "go": "go"}
_PARSERS: dict[str, Any] = {}


class Tree:
    """A parsed file: its bytes, its lines and the root node."""

    def __init__(self, text: str, root: Node) -> None:
        self.data = text.encode("utf-8")
        self.lines = text.splitlines()
        self.root = root

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def edit(self, node: Node, new: str) -> Edit | None:
        """Replace ``node`` (on one or more lines) by ``new``."""
        (row, col), (end_row, end_col) = node.start_point, node.end_point
        if end_row >= len(self.lines):
            return None
        start = byte_to_char(self.lines[row], col)
        end = byte_to_char(self.lines[end_row], end_col)
        return Edit(row + 1, start, end, new, end_row + 1 if end_row != row else 0)

    def insert_after(self, node: Node, new: str) -> Edit | None:
        row, col = node.end_point
        if row >= len(self.lines):
            return None
        at = byte_to_char(self.lines[row], col)
        return Edit(row + 1, at, at, new)


def parse(text: str, language: str | None, path: str = "") -> Tree | None:
    """The tree, or None when there is no grammar or the file has a syntax error."""
    name = _GRAMMAR.get(language or "")
    if name == "typescript" and path.endswith(".tsx"):
        name = "tsx"
    if name is None:
        return None
    if name not in _PARSERS:
        try:
            import tree_sitter_language_pack as tslp  # noqa: PLC0415 - heavy native import, on demand

            _PARSERS[name] = tslp.get_parser(name)  # type: ignore[arg-type]
        except (ImportError, LookupError, ValueError, RuntimeError, OSError) as exc:
            logger.info("no tree-sitter grammar for %s: %s", name, exc)
            _PARSERS[name] = None
    parser = _PARSERS[name]
    if parser is None:
        return None
    root = parser.parse(text.encode("utf-8")).root_node
    return None if root.has_error else Tree(text, root)


def walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def on_lines(node: Node, lines: range) -> bool:
    """Whether ``node`` starts on one of the 1-based ``lines``."""
    return node.start_point[0] + 1 in lines


def enclosing(node: Node, types: set[str]) -> Node | None:
    current = node.parent
    while current is not None and current.type not in types:
        current = current.parent
    return current


def java_call(
    tree: Tree, call: Node | None, name: str, arity: int, on: str | None = None
) -> list[Node] | None:
    """The arguments of a Java ``[on.]name(...)`` call of ``arity`` arguments (None when ``call`` is
    something else; ``on``: the receiver it must be called on, as written)."""
    if call is None or call.type != "method_invocation":
        return None
    if tree.text(call.child_by_field_name("name")) != name:
        return None
    if on is not None and tree.text(call.child_by_field_name("object")) != on:
        return None
    args = call.child_by_field_name("arguments")
    items = list(args.named_children) if args is not None else []
    return items if len(items) == arity else None


def java_imports(text: str, package: str, name: str) -> bool:
    """Whether a Java file's text imports ``package.name`` (by name or the package's ``*``)."""
    return f"import {package}.{name};" in text or f"import {package}.*;" in text


def js_required_name(node: Node, tree: Tree, modules: Iterable[str]) -> str | None:
    """The name ``node`` binds when it is ``name = require(m)`` for one of ``modules`` (each as quoted
    in the source, e.g. ``'ldapjs'``); None otherwise."""
    if node.type != "variable_declarator":
        return None
    value, name = node.child_by_field_name("value"), node.child_by_field_name("name")
    if value is None or name is None or name.type != "identifier":
        return None
    return str(tree.text(name)) if tree.text(value) in {f"require({m})" for m in modules} else None
