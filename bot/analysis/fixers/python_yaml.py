"""Python YAML loading that can build arbitrary objects -> ``yaml.safe_load`` (or ``safe_load_all``).

``yaml.load(x)``, ``yaml.load(x, Loader=yaml.Loader|UnsafeLoader|FullLoader)`` (positional loader too),
``yaml.unsafe_load(x)`` and ``yaml.full_load(x)``, and their ``_all`` forms, on a flagged line, with
``yaml`` imported as a module (any alias). The document still loads; only tags that construct Python
objects are refused, which is the fix. A ``SafeLoader``/``CSafeLoader`` already passed is left alone.
Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.edits import Edit, byte_to_char, to_finding
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import parse_module

_UNSAFE = {"load": "safe_load", "unsafe_load": "safe_load", "full_load": "safe_load"}
_UNSAFE_ALL = {
    "load_all": "safe_load_all",
    "unsafe_load_all": "safe_load_all",
    "full_load_all": "safe_load_all",
}
_SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "deserialization" or finding.replacement is not None:
        return None
    tree = parse_module(sf.text)
    if tree is None:
        return None
    modules = {
        a.asname or a.name
        for n in ast.walk(tree)  # module-level or local (inside the function) imports alike
        if isinstance(n, ast.Import)
        for a in n.names
        if a.name == "yaml"
    }
    lines = sf.text.splitlines()
    for call in ast.walk(tree):
        if not (
            isinstance(call, ast.Call) and call.lineno in finding.lines and call.lineno == call.end_lineno
        ):
            continue
        func = call.func
        if not (
            isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules
        ):
            continue
        safe = {**_UNSAFE, **_UNSAFE_ALL}.get(func.attr)
        loader = [k.value for k in call.keywords if k.arg == "Loader"] + call.args[1:2]
        if safe is None or len(call.args) < 1 or any(k.arg not in {"Loader", None} for k in call.keywords):
            continue
        if any(isinstance(v, ast.Attribute) and v.attr in _SAFE_LOADERS for v in loader):
            continue
        if len(loader) > 1 or any(k.arg is None for k in call.keywords):
            continue
        doc = ast.get_source_segment(sf.text, call.args[0])
        if doc is None:
            continue
        row = lines[call.lineno - 1]
        new = f"{func.value.id}.{safe}({doc})"
        edit = Edit(
            call.lineno, byte_to_char(row, call.col_offset), byte_to_char(row, call.end_col_offset or 0), new
        )
        return to_finding(finding, sf, [edit])
    return None
