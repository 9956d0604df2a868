"""Context for each changed hunk: enclosing function or class, the file's imports and the
same-file definitions the hunk calls, found with tree-sitter (tree-sitter-language-pack).

Languages without a grammar get a window of lines around the hunk. Produces ``Chunk`` values
(line numbers only); rendering and redaction happen in ``bot.llm.prompting``. Must not import openai.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from bot.core.models import LineKind, SourceFile
from bot.core.symbols import enclosing_symbol

logger = logging.getLogger(__name__)

MAX_REGION_LINES = 80
WINDOW = 4
BIG_DEF_WINDOW = 15
MAX_IMPORT_LINES = 40
MAX_CALLED_DEFS = 5
MAX_CALLED_DEF_LINES = 40
MAX_CALLERS = 5
CALLER_WINDOW = 2

_TS_NAMES = {
    "python": "python",
    "javascript": "javascript",
    "typescript": "typescript",
    "java": "java",
    "go": "go",
    "ruby": "ruby",
    "php": "php",
    "csharp": "csharp",
    "kotlin": "kotlin",
    "scala": "scala",
    "rust": "rust",
    "c": "c",
    "cpp": "cpp",
    "shell": "bash",
    "terraform": "hcl",
    "hcl": "hcl",
}
_DEF_TYPES = {
    "function_definition",
    "function_declaration",
    "function_item",
    "function_expression",
    "generator_function_declaration",
    "arrow_function",
    "method_definition",
    "method_declaration",
    "constructor_declaration",
    "class_definition",
    "class_declaration",
    "interface_declaration",
    "impl_item",
    "method",
    "singleton_method",
    "class",
    "module",
    "object_declaration",
    "func_literal",
    "decorated_definition",
}
_IMPORT_TYPES = {
    "import_statement",
    "import_from_statement",
    "future_import_statement",
    "import_declaration",
    "package_declaration",
    "namespace_use_declaration",
    "using_directive",
    "use_declaration",
    "preproc_include",
    "import_list",
    "import_header",
}
_CALL_TYPES = {
    "call",
    "call_expression",
    "method_invocation",
    "invocation_expression",
    "function_call_expression",
    "member_call_expression",
    "method_call_expression",
}


@dataclass(frozen=True, slots=True)
class Chunk:
    """The context of one or more hunks of one file, as sets of 1-based new-file line numbers."""

    path: str
    language: str | None
    region: tuple[int, ...]
    """Lines of the enclosing function/class (or window) around the change."""
    added: frozenset[int]
    imports: tuple[int, ...] = ()
    called: tuple[int, ...] = ()
    parsed: bool = False
    removed: tuple[tuple[int, str], ...] = ()
    """Lines the change deletes, as (new-side line they followed, text): set for a hunk whose only
    added lines are blank (a deleted check), so the model sees what went away."""

    @property
    def lines(self) -> list[int]:
        return sorted({*self.imports, *self.region, *self.called})

    @property
    def anchor(self) -> int:
        """The first line of the region: cached findings are stored relative to it."""
        return min(self.region)


def _parser(language: str | None) -> Any:
    name = _TS_NAMES.get(language or "")
    if name is None:
        return None
    try:
        import tree_sitter_language_pack as tslp  # noqa: PLC0415 - heavy native import, on demand
    except ImportError:
        return None
    try:
        return tslp.get_parser(name)  # type: ignore[arg-type]
    except (LookupError, ValueError, RuntimeError, OSError) as exc:
        logger.info("no tree-sitter grammar for %s: %s", language, exc)
        return None


def _walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _innermost_def(root: Any, first: int, last: int) -> Any:
    """The innermost definition node covering 1-based lines first..last, or None."""
    found = None
    node = root
    while True:
        nxt = None
        for child in node.children:
            if child.start_point[0] + 1 <= first and child.end_point[0] + 1 >= last:
                nxt = child
                break
        if nxt is None:
            return found
        if nxt.type in _DEF_TYPES:
            found = nxt
            if nxt.parent is not None and nxt.parent.type == "decorated_definition":
                found = nxt.parent
        node = nxt


def _def_name(node: Any) -> str:
    name = node.child_by_field_name("name")
    if name is None and node.type == "arrow_function" and node.parent is not None:
        name = node.parent.child_by_field_name("name")
    return name.text.decode("utf-8", "replace") if name is not None and name.text else ""


def _callee(node: Any) -> str:
    target = node.child_by_field_name("function") or node.child_by_field_name("name")
    if target is None and node.children:
        target = node.children[0]
    if target is None or not target.text:
        return ""
    text: str = target.text.decode("utf-8", "replace")
    for sep in ("->", "::", "."):
        text = text.rsplit(sep, 1)[-1]
    return text.strip()


def _span(node: Any) -> tuple[int, int]:
    return node.start_point[0] + 1, node.end_point[0] + 1


def _window(first: int, last: int, total: int, pad: int) -> set[int]:
    return set(range(max(1, first - pad), min(total, last + pad) + 1))


def chunks_for(sf: SourceFile) -> list[Chunk]:
    """One chunk per enclosing definition (hunks in the same function share it)."""
    total = len(sf.lines)
    added = sorted(n for n in sf.change.added_lines if 1 <= n <= total)
    if not added:
        return []
    tree = _parse(sf)
    regions = _regions(sf, tree, added, total)
    facts = _FileFacts.of(tree)
    out: list[Chunk] = [
        replace(
            chunk, imports=tuple(n for n in facts.imports if n not in chunk.region), parsed=tree is not None
        )
        for chunk in _deletion_chunks(sf, total)
    ]
    for region in regions:
        run = {n for n in added if n in region}
        if not run:
            continue
        out.append(
            Chunk(
                path=sf.path,
                language=sf.language,
                region=tuple(sorted(region)),
                added=frozenset(run),
                imports=tuple(n for n in facts.imports if n not in region),
                called=tuple(sorted(facts.called_defs(run, region) - region)),
                parsed=tree is not None,
            )
        )
    return out


def _parse(sf: SourceFile) -> Any | None:
    """The tree-sitter tree of ``sf``, or None (no grammar, or it would not parse: line windows then)."""
    parser = _parser(sf.language)
    if parser is None:
        return None
    try:
        return parser.parse(sf.text.encode("utf-8", "replace"))
    except (ValueError, RuntimeError) as exc:
        logger.info("%s: tree-sitter could not parse (%s); using line windows", sf.path, exc)
        return None


def _regions(sf: SourceFile, tree: Any | None, added: list[int], total: int) -> list[set[int]]:
    """The lines sent around the added ones: their enclosing definition, else a window."""
    lines = sf.lines
    by_def: dict[tuple[int, int], set[int]] = {}
    loose: list[set[int]] = []
    for n in added:
        if not lines[n - 1].strip():
            continue
        node = _innermost_def(tree.root_node, n, n) if tree is not None else None
        if node is None:
            _merge_window(loose, _window(n, n, total, WINDOW))
            continue
        start, end = _span(node)
        region = by_def.setdefault((start, end), set())
        if end - start + 1 <= MAX_REGION_LINES:
            region.update(range(start, end + 1))
        else:
            region.update(range(start, min(start + 2, end) + 1))
            region.update(x for x in _window(n, n, total, BIG_DEF_WINDOW) if start <= x <= end)
    return [*by_def.values(), *loose]


def _merge_window(loose: list[set[int]], window: set[int]) -> None:
    for existing in loose:
        if existing & window:
            existing.update(window)
            return
    loose.append(window)


@dataclass
class _FileFacts:
    """What a chunk borrows from the rest of its file: import lines, definitions, calls per line."""

    imports: list[int] = field(default_factory=list)
    defs: dict[str, tuple[int, int]] = field(default_factory=dict)
    calls_by_line: dict[int, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, tree: Any | None) -> _FileFacts:
        facts = cls()
        if tree is None:
            return facts
        for child in tree.root_node.children:
            text = child.text.decode("utf-8", "replace") if child.text else ""
            if child.type in _IMPORT_TYPES or (
                child.type in {"lexical_declaration", "variable_declaration"} and "require(" in text
            ):
                start, end = _span(child)
                facts.imports.extend(range(start, end + 1))
        for node in _walk(tree.root_node):
            if node.type in _DEF_TYPES:
                name = _def_name(node)
                if name and name not in facts.defs:
                    facts.defs[name] = _span(node)
            elif node.type in _CALL_TYPES:
                callee = _callee(node)
                if callee:
                    facts.calls_by_line.setdefault(node.start_point[0] + 1, set()).add(callee)
        facts.imports = facts.imports[:MAX_IMPORT_LINES]
        return facts

    def called_defs(self, run: set[int], region: set[int]) -> set[int]:
        """Lines of the same-file definitions the added lines call (each capped), outside ``region``."""
        called: set[int] = set()
        names = sorted({c for n in run for c in self.calls_by_line.get(n, ())})
        for name in names[:MAX_CALLED_DEFS]:
            span = self.defs.get(name)
            if span is None:
                continue
            start, end = span
            body = set(range(start, min(end, start + MAX_CALLED_DEF_LINES - 1) + 1))
            if not body & region:
                called |= body
        return called


def _deletion_chunks(sf: SourceFile, total: int) -> list[Chunk]:
    """One chunk per hunk that deletes lines and adds only blank ones: nothing else would send it."""
    out: list[Chunk] = []
    for hunk in sf.change.hunks:
        added = [dl.new_no for dl in hunk.lines if dl.kind is LineKind.ADDED and dl.new_no is not None]
        if not added or any(sf.lines[n - 1].strip() for n in added if 1 <= n <= total):
            continue
        removed: list[tuple[int, str]] = []
        previous = max(hunk.new_start - 1, 0)
        for dl in hunk.lines:
            if dl.new_no is not None:
                previous = dl.new_no
            elif dl.kind is LineKind.REMOVED and dl.text.strip():
                removed.append((previous, dl.text))
        if not removed:
            continue
        first, last = min(added), max(added)
        region = _window(first, last, total, BIG_DEF_WINDOW)
        out.append(
            Chunk(sf.path, sf.language, tuple(sorted(region)), frozenset(added), removed=tuple(removed))
        )
    return out


def callers(lines: list[str], line_no: int, language: str | None) -> set[int]:
    """Lines around the calls, in the same file, of the function enclosing ``line_no``: what the
    verifier needs to judge whether a parameter can carry attacker data."""
    symbol = enclosing_symbol(lines, line_no, language)
    name = symbol.rsplit(".", 1)[-1] if symbol else ""
    if not name.isidentifier():
        return set()
    call = name + "("
    out: set[int] = set()
    found = 0
    for number, text in enumerate(lines, start=1):
        if found >= MAX_CALLERS:
            break
        at = text.find(call)
        if at == -1 or (at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")):
            continue
        head = text[:at].split()
        if head and head[-1] in {"def", "function", "func", "fn", "async"}:
            continue  # the definition itself
        found += 1
        out.update(range(max(1, number - CALLER_WINDOW), min(len(lines), number + CALLER_WINDOW) + 1))
    return out
