r"""A Java servlet redirect to a caller-chosen target (open-redirect) -> only a path on this site is
followed, on the tree-sitter tree.

``response.sendRedirect(name);`` with ``name`` a plain variable, the last statement of a ``void``
method's body (so the ``return`` the check adds skips nothing the method would have done), in a method
that does not already test ``name`` in a condition: right before it,

    if (name == null || !name.startsWith("/") || name.startsWith("//")
            || name.contains("\\") || name.chars().anyMatch(Character::isISOControl)) {
        response.sendRedirect("/");
        return;
    }

A target with a scheme or a host (``https://...``, ``//host``), a backslash (browsers read ``/\host``
as ``//host``) or a control character (browsers drop a tab or a newline, so ``/<TAB>/host`` becomes
``//host``; servlet containers pass it on) goes to ``/``; every path on this site is followed as before.
Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

METHODS = {"method_declaration", "lambda_expression", "constructor_declaration"}
STEP = (
    "Only a path on this site is followed now (no scheme, no host, no '//', backslash or control "
    "character); anything else goes to /. Send users to another host only through an allow-list of "
    "hosts you trust."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "java" or finding.category != "open-redirect" or finding.replacement is not None:
        return None
    tree = parse(sf.text, "java", sf.path)
    if tree is None:
        return None
    calls = [
        n
        for n in walk(tree.root)
        if n.type == "method_invocation"
        and n.start_point[0] + 1 in finding.lines
        and tree.text(n.child_by_field_name("name")) == "sendRedirect"
    ]
    if len(calls) != 1:
        return None
    guard = _guard(tree, calls[0])
    if guard is None:
        return None
    statement, text = guard
    row = statement.start_point[0]
    at = len(indent_of(tree.lines[row]))
    edits = [
        Edit(row + 1, at, at, text),
        Edit(finding.start_line, 0, 0, ""),
        Edit(finding.end_line, 0, 0, ""),
    ]
    return to_finding(finding, sf, edits, (STEP,))


def _guard(tree: Tree, call: Node) -> tuple[Node, str] | None:
    """(the redirect statement, the check to put before it), or None when the shape does not hold."""
    receiver = call.child_by_field_name("object")
    args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
    statement = call.parent
    if receiver is None or receiver.type != "identifier" or len(args) != 1 or args[0].type != "identifier":
        return None
    if statement is None or statement.type != "expression_statement":
        return None
    if statement.start_point[0] != statement.end_point[0]:
        return None
    body = statement.parent
    method = body.parent if body is not None else None
    if body is None or method is None or body.type != "block" or method.type != "method_declaration":
        return None
    if enclosing(statement, METHODS) != method:
        return None
    last = [c for c in body.named_children if c.type not in {"line_comment", "block_comment"}][-1]
    kind = method.child_by_field_name("type")
    if last != statement or kind is None or kind.type != "void_type":
        return None  # statements after it, or a value to return: a person places the check
    name = tree.text(args[0])
    for node in walk(method):
        condition = node.child_by_field_name("condition") if node.type in _CONDITIONAL else None
        if condition is not None and any(
            n.type == "identifier" and tree.text(n) == name for n in walk(condition)
        ):
            return None  # the code already tests the target: a person decides
    indent = indent_of(tree.lines[statement.start_point[0]])
    unit = "\t" if indent.startswith("\t") else "    "
    more = f"{indent}{unit}{unit}|| "
    check = (
        f'if ({name} == null || !{name}.startsWith("/") || {name}.startsWith("//")\n'
        f'{more}{name}.contains("\\\\") || {name}.chars().anyMatch(Character::isISOControl)) {{\n'
        f'{indent}{unit}{tree.text(receiver)}.sendRedirect("/");\n{indent}{unit}return;\n{indent}}}\n{indent}'
    )
    return statement, check


_CONDITIONAL = {"if_statement", "while_statement", "ternary_expression", "do_statement", "for_statement"}
