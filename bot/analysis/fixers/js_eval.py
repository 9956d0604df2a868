"""JavaScript/TypeScript fixers for text that is run or revived as code (tree-sitter tree).

- ``setTimeout``/``setInterval`` given a string that only calls one function with one value,
  ``'show("' + v + '")'``, get that call as a function: ``() => show(v)`` (the value was a string
  and stays one: only its quotes are gone);
- ``x.unserialize(data)`` where ``x = require('node-serialize')`` -> ``JSON.parse(data)``: the format
  is JSON, and JSON.parse revives no functions (node-serialize's ``_$$ND_FUNC$$_`` is the flaw).
Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, parse, walk
from bot.core.models import Finding, SourceFile

TIMER_STEP = "The timer now runs a function; no text is ever compiled as code."
JSON_STEP = "Only plain JSON is read now; a serialised function is no longer revived and run."


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language not in {"javascript", "typescript"} or finding.replacement is not None:
        return None
    if finding.category not in {"code-injection", "deserialization"}:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    for call in (c for c in walk(tree.root) if c.type == "call_expression" and _on(c, finding)):
        func = tree.text(call.child_by_field_name("function"))
        args = call.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        if finding.category == "code-injection" and func in {
            "setTimeout",
            "setInterval",
            "window.setTimeout",
        }:
            new = _arrow(tree, items[0]) if items else None
            edit = tree.edit(items[0], new) if new else None
            step = TIMER_STEP
        elif finding.category == "deserialization" and func.endswith(".unserialize") and len(items) == 1:
            edit = (
                tree.edit(call, f"JSON.parse({tree.text(items[0])})") if _node_serialize(tree, func) else None
            )
            step = JSON_STEP
        else:
            continue
        if edit is None:
            return None
        edits = [edit, Edit(finding.start_line, 0, 0, ""), Edit(finding.end_line, 0, 0, "")]
        return to_finding(finding, sf, edits, (step,))
    return None


def _on(node: Node, finding: Finding) -> bool:
    return bool(node.start_point[0] + 1 <= finding.end_line and node.end_point[0] + 1 >= finding.start_line)


def _string(tree: Tree, node: Node) -> str | None:
    if node.type != "string":
        return None
    parts = [c for c in node.named_children]
    if any(c.type != "string_fragment" for c in parts):
        return None  # escapes are not reinterpreted
    return "".join(tree.text(c) for c in parts)


def _arrow(tree: Tree, node: Node) -> str | None:
    """``() => name(value)`` for ``'name("' + value + '")'``, else None."""
    if node.type != "binary_expression" or tree.text(node.child_by_field_name("operator")) != "+":
        return None
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None or left.type != "binary_expression":
        return None
    if tree.text(left.child_by_field_name("operator")) != "+":
        return None
    head, value = left.child_by_field_name("left"), left.child_by_field_name("right")
    opening = _string(tree, head) if head is not None else None
    closing = _string(tree, right)
    if (
        opening is None
        or closing is None
        or value is None
        or value.type not in {"identifier", "member_expression"}
    ):
        return None
    for quote in ('"', "'"):
        name = opening.removesuffix("(" + quote)
        matches = opening.endswith("(" + quote) and closing == quote + ")"
        if matches and name and all(part.isidentifier() for part in name.split(".")):
            return f"() => {name}({tree.text(value)})"
    return None


def _node_serialize(tree: Tree, func: str) -> bool:
    """Whether ``func``'s object is bound to ``require('node-serialize')`` in the file."""
    name = func.rsplit(".", 1)[0]
    for decl in (d for d in walk(tree.root) if d.type == "variable_declarator"):
        value = decl.child_by_field_name("value")
        if tree.text(decl.child_by_field_name("name")) == name and value is not None:
            return tree.text(value).replace('"', "'") == "require('node-serialize')"
    return False
