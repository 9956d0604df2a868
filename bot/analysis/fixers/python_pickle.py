"""Python ``pickle.loads``/``marshal.loads`` of data whose result is JSON-shaped -> ``json.loads``
(issue 12). Unpickling runs code chosen by whoever wrote the bytes; JSON only builds dicts, lists,
strings, numbers, booleans and None. The rewrite is offered only where the code shows the value is
JSON-shaped: it is assigned to a name that the same function initialises with a list or dict literal
or hands to ``jsonify``/``json.dumps``. The writer must then produce JSON too (a step says so).
``import json`` is added where the import block is in the change. Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.rewrite import PySource, enclosing_function, suggest_python
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

_LOADERS = {"pickle.loads", "marshal.loads", "cPickle.loads", "dill.loads"}
_JSON_SINKS = {"jsonify", "flask.jsonify", "json.dumps", "json.dump", "JsonResponse"}
STEP = (
    "The data is now read as JSON: the code that writes it must use `json.dumps` instead of "
    "`pickle.dumps` in the same release, and values written in the old format will no longer load "
    "(treat `ValueError` from `json.loads` as no data)."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "deserialization" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None or src.binds("json") not in (None, "import json"):
        return None
    func = enclosing_function(src.tree, finding.start_line)
    if func is None:
        return None
    for node in ast.walk(func):
        if not (isinstance(node, ast.Assign) and node.lineno in finding.lines and len(node.targets) == 1):
            continue
        call, target = node.value, node.targets[0]
        if not (isinstance(call, ast.Call) and isinstance(target, ast.Name)):
            continue
        name = dotted(call.func)
        module = name.split(".")[0]
        if name not in _LOADERS or src.binds(module) != f"import {module}" or len(call.args) != 1:
            continue
        if call.keywords or not _json_shaped(func, target.id, node):
            continue
        edit = src.replace(call.func, "json.loads")
        return suggest_python(finding, sf, src, [edit], ["import json"], (STEP,))
    return None


def _json_shaped(func: ast.AST, name: str, load: ast.Assign) -> bool:
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Assign)
            and node is not load
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            and isinstance(node.value, ast.List | ast.Dict)
        ):
            return True
        if isinstance(node, ast.Call) and dotted(node.func) in _JSON_SINKS:
            values = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(v, ast.Name) and v.id == name for v in values):
                return True
    return False
