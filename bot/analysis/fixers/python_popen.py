"""``os.popen(<cmd>).read()`` -> ``subprocess.run([...], stdout=subprocess.PIPE, text=True).stdout``
(issue 12): the same program's output as text, without a shell. ``<cmd>`` is an f-string, a ``+``
chain, a ``%`` format or a ``.format`` call, in the call or assigned once on an earlier line of the same
function (used only there); it is split into words as ``sh`` would (``python_shell.argv``), so a
pipeline, a redirection or an expansion stays advice. Like ``os.popen``, stderr still goes where it
went and a failing exit status raises nothing. ``subprocess`` is imported where the import block is
in the change, else named in the steps. Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.python_shell import _bound, argv
from bot.analysis.fixers.python_sql import _assignment_of
from bot.analysis.fixers.rewrite import PySource, suggest_python
from bot.core.models import Finding, SourceFile

STEP = (
    "`subprocess.run` returns once the program exits, where `os.popen(...).read()` also waited for "
    "the end of its output; pass `check=True` if a failing command should raise."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "command-injection" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None:
        return None
    os_names, os_funcs = _bound(src.tree, "os")
    sub_names, _ = _bound(src.tree, "subprocess")
    if not sub_names and src.binds("subprocess") is not None:
        return None
    module = sorted(sub_names)[0] if sub_names else "subprocess"
    for read in ast.walk(src.tree):
        if not (
            isinstance(read, ast.Call)
            and read.lineno in finding.lines
            and isinstance(read.func, ast.Attribute)
            and read.func.attr == "read"
            and not read.args
            and not read.keywords
            and isinstance(read.func.value, ast.Call)
        ):
            continue
        popen = read.func.value
        func = popen.func
        is_popen = (
            isinstance(func, ast.Attribute)
            and func.attr == "popen"
            and isinstance(func.value, ast.Name)
            and func.value.id in os_names
        ) or (isinstance(func, ast.Name) and os_funcs.get(func.id) == "popen")
        if not is_popen or len(popen.args) != 1 or popen.keywords:
            continue
        arg = popen.args[0]
        assign = _assignment_of(src.tree, arg, popen) if isinstance(arg, ast.Name) else None
        built = assign.value if assign is not None else arg
        listed = argv(built, sf.text)
        if listed is None:
            return None
        run = f"{module}.run({{}}, stdout={module}.PIPE, text=True).stdout"
        if assign is None:
            edits = [src.replace(read, run.format(listed))]
        else:
            edits = [src.replace(built, listed), src.replace(read, run.format(src.segment(arg)))]
        imports = [] if sub_names else ["import subprocess"]
        return suggest_python(finding, sf, src, edits, imports, (STEP,))
    return None
