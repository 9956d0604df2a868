"""Python code injection (issue 12):

- ``eval`` of a value -> ``ast.literal_eval``: the value is still read as a Python literal (numbers,
  strings, lists, dicts, tuples, sets, booleans, None), but names, calls and attribute access are
  refused. Only the builtin ``eval`` with one argument on a flagged line (not a local ``eval``, no
  globals/locals passed); ``import ast`` is added where the import block is within the change, else
  named in the steps;
- a Flask/Jinja template built from values (server-side template injection),
  ``render_template_string(PAGE % name)`` (``%s`` only), ``PAGE.format(name)`` (``{}`` fields only) or
  ``f"...{name}..."`` -> the same template with ``{{ name }}`` where each value was, the values passed
  as context variables (``render_template_string(PAGE % "{{ name }}", name=name)``): the template is
  constant, and Jinja renders the values as text, autoescaped. The same rewrite answers a cross-site
  scripting finding on that call (a value spliced into the markup of a rendered template): Flask
  autoescapes templates rendered from strings, so each value is now written as escaped text.
Pure: source text in, text out.
"""

from __future__ import annotations

import ast
import re

from bot.analysis.fixers.rewrite import PySource, calls_on_lines, suggest_python
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

_STEP = (
    "`ast.literal_eval` accepts only literals; if the input is meant to be an expression (a formula), "
    "parse it with a small grammar of the operators you allow instead."
)


_TEMPLATE_STEP = (
    "The template is now constant and each value is a context variable, rendered as text (autoescaped); "
    "a value that was meant to be template code must become a template file of its own."
)
_RENDERERS = {"render_template_string", "flask.render_template_string"}
_JINJA_WORDS = {
    "true", "false", "none", "and", "or", "not", "in", "is", "if", "else", "loop", "self", "config",
    "request", "session", "g", "url_for", "get_flashed_messages", "range", "dict", "lipsum", "cycler",
    "joiner", "namespace",
}  # fmt: skip
"""Jinja words and Flask's template globals: a context variable never shadows one the template may use."""
# "%" and what follows it; a "%" at the very end gives "" (an incomplete format: not %s)
_SPEC = re.compile(r"%(.?)", re.DOTALL)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category not in {"code-injection", "xss"} or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None:
        return None
    template = _template(finding, sf, src)
    if finding.category == "xss":
        return template  # only the template rewrite escapes; eval is not a markup flaw
    if template is not None:
        return template
    if src.binds("eval") is not None or src.binds("ast") not in {None, "import ast"}:
        return None
    lines = range(finding.start_line, finding.end_line + 1)
    for call in calls_on_lines(src.tree, lines):
        if not (isinstance(call.func, ast.Name) and call.func.id == "eval"):
            continue
        if len(call.args) != 1 or call.keywords or isinstance(call.args[0], ast.Starred):
            continue
        return suggest_python(
            finding, sf, src, [src.replace(call.func, "ast.literal_eval")], ["import ast"], [_STEP]
        )
    return None


def _template(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    names = (
        {"render_template_string"}
        if src.binds("render_template_string") == ("from flask import render_template_string")
        else set()
    )
    if src.binds("flask") == "import flask":
        names.add("flask.render_template_string")
    for call in calls_on_lines(src.tree, range(finding.start_line, finding.end_line + 1)):
        if dotted(call.func) not in names or len(call.args) != 1 or any(k.arg is None for k in call.keywords):
            continue
        built = call.args[0]
        taken = {k.arg for k in call.keywords if k.arg} | _JINJA_WORDS
        rewritten = _constant_template(src, built, taken)
        if rewritten is None:
            continue
        text, variables = rewritten
        extra = "".join(f", {name}={value}" for name, value in variables)
        new = (
            f"{src.segment(call.func)}({text}{''.join(', ' + src.segment(k) for k in call.keywords)}{extra})"
        )
        if "\n" in new:
            continue
        return suggest_python(finding, sf, src, [src.replace(call, new)], (), [_TEMPLATE_STEP])
    return None


def _constant_template(  # noqa: PLR0911 - one return per template shape
    src: PySource, built: ast.expr, taken: set[str]
) -> tuple[str, list[tuple[str, str]]] | None:
    """(the template expression with ``"{{ name }}"`` for each value, [(name, value source)])."""
    variables: list[tuple[str, str]] = []

    def slot(value: ast.expr) -> str:
        name = _variable(value, taken)
        taken.add(name)
        variables.append((name, src.segment(value)))
        return '"{{ ' + name + ' }}"'

    if isinstance(built, ast.BinOp) and isinstance(built.op, ast.Mod):
        template = _constant_text(src, built.left)
        values = built.right.elts if isinstance(built.right, ast.Tuple) else [built.right]
        specs = _SPEC.findall(template or "")
        if template is None or [c for c in specs if c != "%"] != ["s"] * len(values):
            return None
        if any(isinstance(v, ast.Starred | ast.Dict) for v in values):
            return None
        slots = [slot(v) for v in values]
        right = (
            slots[0]
            if len(slots) == 1 and not isinstance(built.right, ast.Tuple)
            else f"({', '.join(slots)},)"
        )
        return f"{src.segment(built.left)} % {right}", variables
    if (
        isinstance(built, ast.Call)
        and isinstance(built.func, ast.Attribute)
        and built.func.attr == "format"
        and not built.keywords
        and built.args
    ):
        template = _constant_text(src, built.func.value)
        if template is None or template.replace("{{", "").replace("}}", "").count("{}") != len(built.args):
            return None
        if "{" in template.replace("{{", "").replace("}}", "").replace("{}", ""):
            return None  # named or numbered fields: left as advice
        if any(isinstance(a, ast.Starred) for a in built.args):
            return None
        slots = [slot(a) for a in built.args]
        return f"{src.segment(built.func)}({', '.join(slots)})", variables
    if isinstance(built, ast.JoinedStr):
        parts = []
        for part in built.values:
            if isinstance(part, ast.FormattedValue):
                if part.format_spec is not None or part.conversion != -1:
                    return None
                parts.append(slot(part.value)[1:-1])
            elif isinstance(part, ast.Constant) and isinstance(part.value, str):
                if "{" in part.value or "}" in part.value:
                    return None  # literal braces would become template syntax
                parts.append(part.value)
            else:
                return None
        text = "".join(parts)
        return (
            f'"{text}"' if '"' not in text and "\\" not in text and text.isprintable() else repr(text)
        ), variables
    return None


def _constant_text(src: PySource, node: ast.expr) -> str | None:
    """The text of a string constant, or of a module-level name assigned one string constant once."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.Name):
        return None
    found = [
        n.value
        for n in src.tree.body
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets)
    ]
    if len(found) != 1 or src.binds(node.id) != "other":
        return None
    value = found[0]
    stores = [
        n
        for n in ast.walk(src.tree)
        if isinstance(n, ast.Name) and n.id == node.id and not isinstance(n.ctx, ast.Load)
    ]
    if len(stores) != 1:
        return None
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def _variable(value: ast.expr, taken: set[str]) -> str:
    base = (
        value.id
        if isinstance(value, ast.Name)
        else value.attr
        if isinstance(value, ast.Attribute)
        else "value"
    )
    base = base.lstrip("_") or "value"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name
