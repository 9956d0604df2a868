"""A Go number parsed at full width and narrowed without a range check (integer-overflow) -> parsed at
the width it is narrowed to, on the tree-sitter tree.

``v, err := strconv.Atoi(s)`` (or ``strconv.ParseInt(s, base, 64|0)`` / ``ParseUint``) whose value is
used only as ``T(v)``, every time the same narrow type ``T`` (``int8``..``int32``, ``uint8``..``uint32``):
the call becomes ``strconv.ParseInt(s, 10, bits)`` for a signed ``T`` or ``strconv.ParseUint(s, 10,
bits)`` for an unsigned one (a ``ParseInt``/``ParseUint`` keeps its base). A value that does not fit
now comes back as the call's error, which the code already handles, instead of wrapping round
(4294967296 becoming uid 0). Only the parse call changes; ``v`` becomes ``int64``/``uint64``, which
``T(v)`` converts as before. A name used in any other way (compared, printed, passed on), declared
twice, or a call whose error is discarded (``_``) is left to a person: the range then matters there too.
Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

NARROW = {"int8": 8, "int16": 16, "int32": 32, "uint8": 8, "uint16": 16, "uint32": 32}
WIDE_BITS = {"64", "0"}
FUNCTIONS = {"function_declaration", "method_declaration", "func_literal"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "go" or finding.category != "integer-overflow" or finding.replacement is not None:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    for decl in walk(tree.root):
        if decl.type != "short_var_declaration" or decl.start_point[0] + 1 not in finding.lines:
            continue
        edit = _narrowed_parse(tree, decl)
        if edit is None:
            continue
        kind = "ParseUint" if "ParseUint" in edit.text else "ParseInt"
        step = (
            f"The number is now parsed at the width it is used with (strconv.{kind}): a value that does "
            "not fit is an error the code already handles, not a wrapped-round value. Add a test with "
            "the first value past the range."
        )
        keep = [Edit(finding.start_line, 0, 0, ""), Edit(finding.end_line, 0, 0, "")]
        return to_finding(finding, sf, [edit, *keep], (step,))
    return None


def _narrowed_parse(tree: Tree, decl: Node) -> Edit | None:
    """The edit of ``v, err := strconv.Atoi(s)`` when ``v`` is only ever converted to one narrow type."""
    left, right = decl.child_by_field_name("left"), decl.child_by_field_name("right")
    names = [n for n in left.named_children] if left is not None else []
    values = [n for n in right.named_children] if right is not None else []
    if len(names) != 2 or len(values) != 1 or values[0].type != "call_expression":
        return None
    if any(n.type != "identifier" for n in names) or tree.text(names[1]) == "_":
        return None
    call = values[0]
    func = call.child_by_field_name("function")
    args_node = call.child_by_field_name("arguments")
    args = list(args_node.named_children) if args_node is not None else []
    if any(a.type == "comment" for a in args):
        return None  # a comment inside the call would be lost
    callee = tree.text(func) if func is not None else ""
    if callee == "strconv.Atoi" and len(args) == 1:
        base = "10"
    elif callee in {"strconv.ParseInt", "strconv.ParseUint"} and len(args) == 3:
        if tree.text(args[2]) not in WIDE_BITS or args[1].type != "int_literal":
            return None
        base = tree.text(args[1])
    else:
        return None
    target = _only_conversion(tree, decl, tree.text(names[0]))
    if target is None:
        return None
    kind = "ParseUint" if target.startswith("u") else "ParseInt"
    return tree.edit(call, f"strconv.{kind}({tree.text(args[0])}, {base}, {NARROW[target]})")


def _only_conversion(tree: Tree, decl: Node, name: str) -> str | None:
    """The one narrow type every later use of ``name`` in the function converts it to, or None."""
    scope = enclosing(decl, FUNCTIONS)
    if scope is None:
        return None
    targets = set()
    for node in walk(scope):
        if node.type != "identifier" or tree.text(node) != name:
            continue
        if decl.start_byte <= node.start_byte < decl.end_byte:
            if node.parent is not None and node.parent.parent == decl:
                continue  # the declaration itself
            return None  # the name inside its own parse call
        call = node.parent.parent if node.parent is not None else None
        if (
            node.parent.type != "argument_list"
            or call is None
            or call.type != "call_expression"
            or len(node.parent.named_children) != 1
            or node.start_point < decl.end_point
        ):
            return None
        func = call.child_by_field_name("function")
        targets.add(tree.text(func) if func is not None else "")
    if len(targets) != 1:
        return None
    target = targets.pop()
    return target if target in NARROW else None
