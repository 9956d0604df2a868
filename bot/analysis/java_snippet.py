"""Java methods reviewed without their class, read as a class so the engines can parse them.

A change can hold code cut out of its file: one method (or a few) with its annotations and
comments, and no ``package``, ``import`` or enclosing ``class``. tree-sitter reads such members at the
top level, but the flow analysis looks for methods inside a type, and semgrep's Java parser wants a
compilation unit, so a flaw in such a file went unseen. A file whose top level holds members of a
type (methods, constructors, fields, initialisers) and no package or import declaration is read as
the body of one class: the opening is put on the first line, before the code, and the closing brace on
a line of its own after it, so every line keeps its number and findings land where the file has them.
The rewrite is for analysis only (like ``py2compat`` for Python): comments, suggestions and
fingerprints use the file as it is. ``java_flow`` reads a file given to it directly the same way. This
module also holds the one tree-sitter Java parser both use. Imports tree-sitter only.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)

OPENING = "class RemediatorSnippet { "
MEMBERS = frozenset(
    {
        "method_declaration",
        "constructor_declaration",
        "field_declaration",
        "static_initializer",
        "block",
    }
)
UNIT_ONLY = frozenset({"package_declaration", "import_declaration", "module_declaration"})
MAX_BYTES = 2_000_000

_PARSER: list[Any] = []


def parse_java(text: str) -> Any | None:
    """The tree-sitter tree of ``text`` (its root node), or None without the Java grammar."""
    if not _PARSER:
        try:
            import tree_sitter_language_pack as tslp  # noqa: PLC0415 - heavy native import, on demand

            _PARSER.append(tslp.get_parser("java"))
        except (ImportError, LookupError, ValueError, RuntimeError, OSError) as exc:
            logger.info("no tree-sitter grammar for java: %s", exc)
            _PARSER.append(None)
    if _PARSER[0] is None:
        return None
    return _PARSER[0].parse(text.encode("utf-8")).root_node


def wrap(text: str) -> str | None:
    """``text`` as the body of a class, lines kept, when it is members without their class."""
    if not text.strip() or len(text) > MAX_BYTES:
        return None
    root = parse_java(text)
    if root is None:
        return None
    kinds = {child.type for child in root.children}
    if kinds & UNIT_ONLY or not kinds & MEMBERS:
        return None
    wrapped = OPENING + text + ("" if text.endswith("\n") else "\n") + "}\n"
    as_class = parse_java(wrapped)
    if as_class is not None and as_class.has_error and not root.has_error:
        return None  # the members read better alone: leave the file as it is
    return wrapped


def convert(texts: Mapping[str, str]) -> dict[str, str]:
    """Path -> the class-wrapped text, for the Java files of ``texts`` that are bare members."""
    out: dict[str, str] = {}
    for path, text in texts.items():
        wrapped = wrap(text)
        if wrapped is not None:
            out[path] = wrapped
    return out
