"""A reflected CORS origin checked against an explicit list from configuration (issue 12).

The shape: the request's Origin read into a variable, a guard that only asks whether it is there
(``if origin:`` / ``if (origin) {``), and inside it ``Access-Control-Allow-Origin`` set to that variable
(the flagged line). The guard then also asks whether the origin is in a list the operator configures:

- Python (Flask): ``if origin:`` -> ``if origin in app.config.get("CORS_ALLOWED_ORIGINS", ()):``, where
  the function is registered on ``app`` (``@app.after_request``, ``@app.route``...) and ``app`` is
  the module's ``Flask(...)``;
- JavaScript/TypeScript: ``if (origin) {`` -> ``if (origin && (process.env.CORS_ALLOWED_ORIGINS ||
  '').split(',').includes(origin)) {``.

Until the list is set no origin is allowed, which is the safe side of the flaw (the step says so). The
list is the operator's: the fixer invents no origin. The same rewrite answers a header-injection
(crlf-injection) finding on that ``Access-Control-Allow-Origin`` line: the header then only ever carries
an origin from the operator's list, never the request's text. Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.rewrite import PySource, enclosing_function, suggest
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

HEADER = "access-control-allow-origin"
PY_KEY = "CORS_ALLOWED_ORIGINS"
ENV = "CORS_ALLOWED_ORIGINS"
PY_STEP = (
    f"Set `{PY_KEY}` in the app's configuration to the origins trusted with credentials (for example "
    f'`app.config["{PY_KEY}"] = {{"https://app.example.com"}}`); until it is set, no origin is allowed.'
)
JS_STEP = (
    f"Set the `{ENV}` environment variable to the comma-separated origins trusted with credentials "
    "(for example `https://app.example.com`); until it is set, no origin is allowed."
)
_PY_ORIGIN_READS = {
    'request.headers.get("Origin")',
    "request.headers.get('Origin')",
    'request.headers["Origin"]',
    "request.headers['Origin']",
    'request.headers.get("origin")',
    "request.headers.get('origin')",
}
_JS_ORIGIN_READS = {
    "req.headers.origin",
    "req.headers['origin']",
    'req.headers["origin"]',
    "req.get('Origin')",
    'req.get("Origin")',
    "req.header('Origin')",
    'req.header("Origin")',
    "request.headers.origin",
}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category not in {"permissive-cors", "crlf-injection"} or finding.replacement is not None:
        return None
    if sf.language == "python":
        return _python(finding, sf)
    if sf.language in {"javascript", "typescript"}:
        return _javascript(finding, sf)
    return None


# -- Python ----------------------------------------------------------------------------------------


def _python(finding: Finding, sf: SourceFile) -> Finding | None:
    src = PySource.parse(sf)
    func = enclosing_function(src.tree, finding.start_line) if src is not None else None
    if src is None or func is None:
        return None
    app = _flask_app(src, func)
    if app is None:
        return None
    for guard in ast.walk(func):
        if not (isinstance(guard, ast.If) and isinstance(guard.test, ast.Name)):
            continue
        name = guard.test.id
        sink = next((s for s in guard.body if _py_sets_origin(s, name) and s.lineno in finding.lines), None)
        if sink is None or not _py_reads_origin(src, func, name, guard.lineno):
            continue
        start, end = src.span(guard.test)
        new = f'{name} in {app}.config.get("{PY_KEY}", ())'
        return suggest(finding, sf, src.text[:start] + new + src.text[end:], (PY_STEP,))
    return None


def _flask_app(src: PySource, func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name of the module's ``Flask(...)`` the function is registered on, if it is."""
    apps = {
        t.id
        for n in src.tree.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
        if dotted(n.value.func) in {"Flask", "flask.Flask"}
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    for deco in func.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id in apps
        ):
            return target.value.id
    return None


def _py_sets_origin(stmt: ast.stmt, name: str) -> bool:
    """``x.headers["Access-Control-Allow-Origin"] = name``."""
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
        return False
    target = stmt.targets[0]
    return (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and str(target.slice.value).lower() == HEADER
        and isinstance(stmt.value, ast.Name)
        and stmt.value.id == name
    )


def _py_reads_origin(src: PySource, func: ast.AST, name: str, before: int) -> bool:
    """``name`` is assigned once in the function, from the request's Origin header, before ``before``."""
    assigns = [
        n
        for n in ast.walk(func)
        if isinstance(n, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.NamedExpr)
        and any(isinstance(t, ast.Name) and t.id == name for t in _targets(n))
    ]
    if len(assigns) != 1 or not isinstance(assigns[0], ast.Assign) or assigns[0].lineno >= before:
        return False
    return src.segment(assigns[0].value).replace(" ", "") in {r.replace(" ", "") for r in _PY_ORIGIN_READS}


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return list(node.targets)
    if isinstance(node, ast.AugAssign | ast.AnnAssign | ast.NamedExpr):
        return [node.target]
    return []


# -- JavaScript / TypeScript -----------------------------------------------------------------------


def _javascript(finding: Finding, sf: SourceFile) -> Finding | None:
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    for call in walk(tree.root):
        if call.type != "call_expression" or call.start_point[0] + 1 not in finding.lines:
            continue
        name = _js_origin_arg(tree, call)
        guard = enclosing(call, {"if_statement"}) if name else None
        if guard is None or name is None:
            continue
        condition = guard.child_by_field_name("condition")
        inner = condition.named_children if condition is not None else []
        if len(inner) != 1 or inner[0].type != "identifier" or tree.text(inner[0]) != name:
            continue
        if not _js_reads_origin(tree, guard, name):
            continue
        check = f"{name} && (process.env.{ENV} || '').split(',').includes({name})"
        edit = tree.edit(inner[0], check)
        edits: list[Edit] = [e for e in (edit,) if e is not None]
        if not edits:
            return None
        if not finding.start_line <= edits[0].line <= finding.end_line:
            edits.append(Edit(finding.start_line, 0, 0, ""))  # the suggestion covers the flagged line
        return to_finding(finding, sf, edits, (JS_STEP,))
    return None


def _js_origin_arg(tree: Tree, call: Node) -> str | None:
    """``res.setHeader('Access-Control-Allow-Origin', name)`` (``set``, ``header``): ``name``."""
    func = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    if func is None or func.type != "member_expression" or args is None:
        return None
    prop = func.child_by_field_name("property")
    items = args.named_children
    if prop is None or tree.text(prop) not in {"setHeader", "set", "header"} or len(items) != 2:
        return None
    if items[0].type != "string" or tree.text(items[0])[1:-1].lower() != HEADER:
        return None
    return tree.text(items[1]) if items[1].type == "identifier" else None


def _js_reads_origin(tree: Tree, guard: Node, name: str) -> bool:
    """The function holding ``guard`` declares ``name`` once, from the request's Origin, and never
    assigns it again."""
    func = enclosing(
        guard,
        {"function_declaration", "arrow_function", "function_expression", "function", "method_definition"},
    )
    if func is None:
        return False
    declared = [
        d
        for d in walk(func)
        if d.type == "variable_declarator" and tree.text(d.child_by_field_name("name")) == name
    ]
    assigned = [
        a
        for a in walk(func)
        if a.type in {"assignment_expression", "augmented_assignment_expression"}
        and tree.text(a.child_by_field_name("left")) == name
    ]
    if len(declared) != 1 or assigned:
        return False
    value = declared[0].child_by_field_name("value")
    if value is None or value.start_byte > guard.start_byte:
        return False
    return tree.text(value).replace('"', "'") in {r.replace('"', "'") for r in _JS_ORIGIN_READS}
