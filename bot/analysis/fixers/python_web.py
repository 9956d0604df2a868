"""Python web fixers: cookie flags, relative-only redirects and contained file paths.

- ``set_cookie``/``set_signed_cookie`` on a flagged line: ``secure=True, httponly=True,
  samesite="Lax"`` added where missing, ``False`` flags turned on (a ``**kwargs`` call is advice);
- ``redirect(url)`` (Flask, Django, Starlette) with ``url`` a plain name: a check before it that
  keeps only a same-site relative path (Django ``url_has_allowed_host_and_scheme``; elsewhere a
  leading ``/`` that is not ``//`` or ``/\\``: such a path has no scheme and no netloc, so no parse
  is needed, and the flow analysis reads a netloc test without a scheme test as a weak check), else
  ``"/"``;
- a file sink whose path is a name built once in the function from a base and request data
  (``os.path.join(BASE, ...)``, ``BASE / ...``): ``werkzeug.utils.safe_join`` where Flask or
  werkzeug is imported, else a ``realpath``/``resolve`` containment check; both stop with the
  framework's own 404 where one is imported, else a ``ValueError`` that says why.
Pure: source text in, a finding with a replacement out.
"""

from __future__ import annotations

import ast
import re

from bot.analysis.fixers.rewrite import (
    Edit,
    PySource,
    calls_on_lines,
    enclosing_function,
    mentions,
    single_assignment,
    suggest_python,
)
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

COOKIE_SETTERS = {"set_cookie", "set_signed_cookie"}
COOKIE_FLAGS = (("secure", "True"), ("httponly", "True"), ("samesite", '"Lax"'))
SENSITIVE = re.compile(r"sess|sid|auth|token|jwt|remember|login|access|refresh|credential|csrf|xsrf", re.I)
PREFERENCE = re.compile(
    r"theme|lang|locale|pref|consent|timezone|currency|dismiss|banner|layout|colou?r", re.I
)
REDIRECTS = {"redirect", "HttpResponseRedirect", "HttpResponsePermanentRedirect", "RedirectResponse"}
PATH_SINKS = {"open", "send_file", "FileResponse", "send_from_directory"}
PATH_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "open", "unlink", "touch"}
REDIRECT_CHECKS = (
    "urlparse",
    "urlsplit",
    "url_has_allowed_host_and_scheme",
    "is_safe_url",
    "netloc",
    "startswith(",
)
PATH_CHECKS = (
    "safe_join",
    "realpath",
    "abspath",
    "resolve(",
    "is_relative_to",
    "relative_to(",
    "commonpath",
    "secure_filename",
    "basename",
    "startswith(",
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.replacement is not None:
        return None
    handler = {
        "insecure-cookie": _cookie,
        "open-redirect": _redirect,
        "path-traversal": _path,
    }.get(finding.category)
    if handler is None:
        return None
    src = PySource.parse(sf)
    if src is None:
        return None
    return handler(finding, sf, src)


# -- cookies ---------------------------------------------------------------------------------------


def _cookie(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    calls = [
        c
        for c in calls_on_lines(src.tree, finding.lines)
        if isinstance(c.func, ast.Attribute) and c.func.attr in COOKIE_SETTERS
    ]
    if len(calls) != 1:
        return None
    call = calls[0]
    if any(k.arg is None for k in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args):
        return None  # **kwargs / *args: the flags may be set there
    if len(call.args) > 3:
        return None  # positional max_age/expires/path/domain/secure...: too easy to misplace
    name = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "key"), None)
    label = name.value if isinstance(name, ast.Constant) and isinstance(name.value, str) else ""
    if PREFERENCE.search(label):
        return None  # a preference a page script may read, sent over any scheme by design
    # a session or auth cookie gets all three flags; another one is at least sent only over HTTPS
    flags = COOKIE_FLAGS if not label or SENSITIVE.search(label) else COOKIE_FLAGS[:1]
    edits: list[Edit] = []
    given = {k.arg: k for k in call.keywords}
    for flag, value in flags:
        kw = given.get(flag)
        if kw is None:
            continue
        if isinstance(kw.value, ast.Constant) and kw.value.value in (False, None):
            edits.append(src.replace(kw.value, value))
    added = [f"{flag}={value}" for flag, value in flags if flag not in given]
    if not edits and not {"secure", "httponly"} & {f for f, _ in flags} - set(given):
        return None  # the flags are set (to something): samesite alone is not this finding's fix
    if added:
        last = (call.args + [k.value for k in call.keywords])[-1] if call.args or call.keywords else None
        if last is None:
            return None
        _, end = src.span(last)
        edits.append(Edit(end, end, ", " + ", ".join(added)))
    if not edits:
        return None
    steps = (
        "The cookie is now sent only over HTTPS (secure), hidden from page scripts (httponly) and "
        "not sent on cross-site requests (samesite=Lax): check that nothing relies on reading it in "
        "JavaScript or on plain HTTP.",
    )
    return suggest_python(finding, sf, src, edits, steps=steps)


# -- redirects -------------------------------------------------------------------------------------


def _redirect(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    calls = [
        c
        for c in calls_on_lines(src.tree, finding.lines)
        if dotted(c.func).split(".")[-1] in REDIRECTS and len(c.args) >= 1 and isinstance(c.args[0], ast.Name)
    ]
    if len(calls) != 1:
        return None
    call = calls[0]
    name = call.args[0].id  # type: ignore[attr-defined]
    func = enclosing_function(src.tree, call.lineno)
    if func is None or mentions(src, func, REDIRECT_CHECKS):
        return None  # a check is already there: a second one would change what it allows
    stmt = next(
        (
            s
            for s in ast.walk(func)
            if isinstance(s, ast.stmt) and s.lineno == call.lineno and not isinstance(s, ast.FunctionDef)
        ),
        None,
    )
    if stmt is None or stmt.lineno != call.lineno:
        return None
    indent = src.indent_of(stmt.lineno)
    nl = src.newline()
    inner = indent + " " * 4
    frameworks = src.imports()
    params = {a.arg for a in func.args.args}
    if "django" in frameworks and "request" in params:
        check = (
            f"{indent}if not url_has_allowed_host_and_scheme({name}, allowed_hosts={{request.get_host()}}, "
            f'require_https=request.is_secure()):{nl}{inner}{name} = "/"{nl}'
        )
        imports = ["from django.utils.http import url_has_allowed_host_and_scheme"]
    else:
        check = (
            f'{indent}if not {name}.startswith("/") or {name}.startswith(("//", "/\\\\")):{nl}'
            f'{inner}{name} = "/"{nl}'
        )
        imports = []
    at = src.line_start(stmt.lineno)
    steps = (
        f"Only a path on this site is followed now; any other `{name}` goes to `/`. Send users to "
        "another host only through an allow-list of hosts you trust.",
    )
    return suggest_python(finding, sf, src, [Edit(at, at, check)], imports, steps)


# -- paths -----------------------------------------------------------------------------------------


def _path(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    name = _sink_path_name(src.tree, finding)
    if name is None:
        return None
    func = enclosing_function(src.tree, finding.start_line)
    if func is None or mentions(src, func, PATH_CHECKS):
        return None  # a containment check is already there
    assign = single_assignment(func, name, finding.start_line)
    if assign is None:
        return None
    value = assign.value
    frameworks = src.imports()
    indent = src.indent_of(assign.lineno)
    inner = indent + " " * 4
    nl = src.newline()
    stop, stop_imports = _stop(src, func)
    end_line = assign.end_lineno or assign.lineno
    at = src.line_start(end_line + 1) if end_line < len(src.lines) else len(src.text)
    if _is_join(value):
        base = value.args[0]  # type: ignore[attr-defined]
        if {"flask", "werkzeug"} & frameworks and src.binds("safe_join") in (
            None,
            "from werkzeug.utils import safe_join",
        ):
            edits = [
                src.replace(value.func, "safe_join"),  # type: ignore[attr-defined]
                Edit(at, at, f"{indent}if {name} is None:{nl}{inner}{stop}{nl}"),
            ]
            imports = ["from werkzeug.utils import safe_join", *stop_imports]
            step = "`safe_join` returns None for a path that leaves the base directory; that is refused now."
            return suggest_python(finding, sf, src, edits, imports, (step,))
        if src.binds("os") not in (None, "import os"):
            return None
        root = src.segment(base)
        check = (
            f"{indent}{name} = os.path.realpath({name}){nl}"
            f"{indent}if not {name}.startswith(os.path.realpath({root}) + os.sep):{nl}"
        )
        imports = ["import os", *stop_imports]
    elif isinstance(value, ast.BinOp) and isinstance(value.op, ast.Div) and _leftmost(value) is not None:
        root = src.segment(_leftmost(value))  # type: ignore[arg-type]
        check = (
            f"{indent}{name} = {name}.resolve(){nl}"
            f"{indent}if not {name}.is_relative_to({root}.resolve()):{nl}"
        )
        imports = list(stop_imports)
    else:
        return None
    if "\n" in root:
        return None
    step = (
        "A path that resolves outside its base directory (`..`, an absolute path, a symlink) is refused now."
    )
    return suggest_python(finding, sf, src, [Edit(at, at, f"{check}{inner}{stop}{nl}")], imports, (step,))


def _sink_path_name(tree: ast.Module, finding: Finding) -> str | None:
    names = set()
    for call in calls_on_lines(tree, finding.lines):
        func = call.func
        last = dotted(func).split(".")[-1]
        if last in PATH_SINKS and call.args and isinstance(call.args[0], ast.Name):
            names.add(call.args[0].id)
        elif (
            isinstance(func, ast.Attribute) and func.attr in PATH_METHODS and isinstance(func.value, ast.Name)
        ):
            names.add(func.value.id)
    return names.pop() if len(names) == 1 else None


def _is_join(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Call)
        and dotted(value.func) == "os.path.join"
        and len(value.args) >= 2
        and not value.keywords
        and not any(isinstance(a, ast.Starred) for a in value.args)
    )


def _leftmost(value: ast.BinOp) -> ast.expr | None:
    node: ast.expr = value
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        node = node.left
    return node if isinstance(node, ast.Name | ast.Attribute) else None


def _stop(src: PySource, func: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, list[str]]:
    """The statement that refuses a bad path in this framework, and the imports it needs."""
    if src.binds("abort") == "from flask import abort":
        return "abort(404)", []
    if src.binds("HTTPException") == "from fastapi import HTTPException":
        return "raise HTTPException(status_code=404)", []
    if src.binds("Http404") == "from django.http import Http404":
        return "raise Http404()", []
    return 'raise ValueError("the requested path is outside its base directory")', []
