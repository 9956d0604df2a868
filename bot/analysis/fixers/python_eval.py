"""Python ``eval`` of a value -> ``ast.literal_eval`` (issue 12): the value is still read as a Python
literal (numbers, strings, lists, dicts, tuples, sets, booleans, None), but names, calls and attribute
access are refused, which is the fix for code injection.

Only the builtin ``eval`` with one argument on a flagged line (not a local ``eval``, no globals/locals
passed); ``import ast`` is added where the import block is within the change, else named in the steps.
Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.rewrite import PySource, calls_on_lines, suggest_python
from bot.core.models import Finding, SourceFile

_STEP = (
    "`ast.literal_eval` accepts only literals; if the input is meant to be an expression (a formula), "
    "parse it with a small grammar of the operators you allow instead."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "code-injection" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None or src.binds("eval") is not None or src.binds("ast") not in {None, "import ast"}:
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
