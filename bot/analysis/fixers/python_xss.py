"""Python XSS fixer: values put into HTML built by hand are escaped with the framework's escape.

The HTML is the argument of ``Markup``/``mark_safe``/``HttpResponse``/``Response``/``make_response``/
``HTMLResponse`` or the value a view returns, written there or assigned once earlier in the function:
an f-string, a ``+`` chain, a ``.format(...)`` call or a ``%`` template. Each interpolated value
that is not a literal, a number conversion, already escaped, or HTML the function built itself is
wrapped in Django's ``escape`` (Django), ``markupsafe.escape`` (Flask, inside f-strings and
``.format``) or ``html.escape``; HTML the function built itself from an f-string is not escaped twice,
the values of that f-string are escaped where they enter it. Pure: source text in, a finding with a
replacement out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.rewrite import PySource, enclosing_function, single_assignment, suggest_python
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

SINKS = {"Markup", "mark_safe", "SafeString", "HttpResponse", "Response", "make_response", "HTMLResponse"}
SAFE_CALLS = {"int", "float", "len", "bool", "escape", "format_html", "quote", "urlencode", "json.dumps"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "xss" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None:
        return None
    func = enclosing_function(src.tree, finding.start_line)
    html = _html_expression(src.tree, finding, func)
    if html is None or func is None:
        return None
    values = _values(html)
    if values is None:
        return None
    kind = "concat" if isinstance(html, ast.BinOp) else "format"
    escaper = _escaper(src, kind)
    if escaper is None:
        return None
    call, stmt = escaper
    built = _html_names(func, src)
    values = [*values, *_inner_values(func, values, built)]
    edits = [src.replace(v, f"{call}({src.segment(v)})") for v in values if _needs_escape(v, built)]
    if not edits or any("\n" in e.text for e in edits):
        return None
    step = (
        "The values are escaped where they enter the HTML; if one of them is meant to be markup, "
        "render it with a template (autoescaped) or sanitise it with an HTML sanitiser instead."
    )
    return suggest_python(finding, sf, src, edits, [stmt], (step,))


def _html_expression(
    tree: ast.Module, finding: Finding, func: ast.FunctionDef | ast.AsyncFunctionDef | None
) -> ast.expr | None:
    """The HTML-building expression that reaches the flagged sink (following one assignment)."""
    candidates: list[ast.expr] = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) not in finding.lines:
            continue
        if isinstance(node, ast.Call) and dotted(node.func).split(".")[-1] in SINKS and len(node.args) >= 1:
            candidates.append(node.args[0])
        elif isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Tuple) and value.elts:
                value = value.elts[0]
            if not isinstance(value, ast.Call):  # a returned sink call is the candidate itself
                candidates.append(value)
    if len(candidates) != 1:
        return None
    expr = candidates[0]
    if isinstance(expr, ast.Name):
        if func is None:
            return None
        assign = single_assignment(func, expr.id, expr.lineno)
        if assign is None:
            return None
        expr = assign.value
    return expr if _values(expr) is not None else None


def _values(expr: ast.expr) -> list[ast.expr] | None:
    """The values interpolated into an f-string, ``+`` chain, ``.format`` or ``%`` template."""
    if isinstance(expr, ast.JoinedStr):
        out = []
        for part in expr.values:
            if isinstance(part, ast.FormattedValue):
                if part.conversion != -1 or part.format_spec is not None:
                    return None
                out.append(part.value)
        return out
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        parts: list[ast.expr] = []
        node: ast.expr = expr
        while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            parts.insert(0, node.right)
            node = node.left
        parts.insert(0, node)
        if not any(_html_literal(p) for p in parts):
            return None
        return [p for p in parts if not isinstance(p, ast.Constant)]
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "format"
        and _html_literal(expr.func.value)
        and not any(isinstance(a, ast.Starred) for a in expr.args)
        and all(k.arg is not None for k in expr.keywords)
    ):
        return [*expr.args, *(k.value for k in expr.keywords)]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod) and _html_literal(expr.left):
        right = expr.right
        return list(right.elts) if isinstance(right, ast.Tuple) else None
    return None


def _inner_values(
    func: ast.FunctionDef | ast.AsyncFunctionDef, values: list[ast.expr], built: set[str]
) -> list[ast.expr]:
    """The values interpolated into the HTML f-strings of markup the function built itself and puts
    into the flagged HTML (``items = "".join(f"<li>{p.title}</li>" for p in posts)``): they enter the
    HTML there, so they are escaped there."""
    out: list[ast.expr] = []
    for value in values:
        if not (isinstance(value, ast.Name) and value.id in built):
            continue
        assign = single_assignment(func, value.id, value.lineno)
        if assign is None:
            continue
        for node in ast.walk(assign.value):
            if isinstance(node, ast.JoinedStr) and any(_html_literal(p) for p in node.values):
                inner = _values(node)
                # a call may return markup of its own (a helper rendering an item): left as it is
                out += [v for v in inner or [] if isinstance(v, ast.Name | ast.Attribute | ast.Subscript)]
    return out


def _html_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and "<" in node.value


def _needs_escape(value: ast.expr, built: set[str]) -> bool:
    if isinstance(value, ast.Constant):
        return False
    if isinstance(value, ast.Call) and dotted(value.func).split(".")[-1] in SAFE_CALLS | {"escape"}:
        return False
    return not (isinstance(value, ast.Name) and value.id in built)


def _html_names(func: ast.AST, src: PySource) -> set[str]:
    """Names the function assigns from expressions holding an HTML literal (markup it built)."""
    out = set()
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and any(_html_literal(n) for n in ast.walk(node.value) if isinstance(n, ast.expr))
        ):
            out.add(node.targets[0].id)
    return out


def _escaper(src: PySource, kind: str) -> tuple[str, str] | None:
    """(the call, the import) of the escape function for this file, avoiding clashing names."""
    frameworks = src.imports()
    options = []
    if "django" in frameworks:
        options.append(("escape", "from django.utils.html import escape"))
    if {"flask", "markupsafe"} & frameworks and kind == "format":
        options.append(("escape", "from markupsafe import escape"))
    options += [("html.escape", "import html"), ("escape", "from html import escape")]
    for call, stmt in options:
        bound = call.split(".")[0]
        if src.binds(bound) in (None, stmt):
            return call, stmt
    return None
