"""Python ``tempfile.mktemp`` (a name another local user can create first) -> ``tempfile.mkstemp``
(issue 12): ``name = tempfile.mktemp(...)`` becomes ``fd, name = tempfile.mkstemp(...)`` followed by
``os.close(fd)`` on a new line of the same indentation, so the file is created atomically (O_EXCL,
mode 0600) and the code that opens ``name`` afterwards keeps working unchanged. A name the code then
makes into a directory, a FIFO, a socket or a link, or tests for existence, stays advice.
``mkstemp`` takes the same ``suffix``/``prefix``/``dir`` arguments in the same order. Only that
assignment shape, with ``tempfile`` imported as a module; ``import os`` is added where the import block
is in the change.
Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.rewrite import Edit, PySource, suggest_python
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

STEP = (
    "The file now exists (empty, mode 0600) as soon as the name is chosen; code that opens it with "
    "'w' keeps working. If it must be readable by others, `os.chmod` it after writing, as before. "
    "Where the code only writes it, `with os.fdopen(fd, 'w')` can use the descriptor directly."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "insecure-temp-file" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None or src.binds("tempfile") != "import tempfile" or src.binds("fd") is not None:
        return None
    if src.binds("os") not in (None, "import os"):
        return None
    for node in ast.walk(src.tree):
        if not (
            isinstance(node, ast.Assign) and node.lineno in finding.lines and node.lineno == node.end_lineno
        ):
            continue
        call = node.value
        if not (
            len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(call, ast.Call)
            and dotted(call.func) == "tempfile.mktemp"
            and len(call.args) <= 3
            and all(k.arg in {"suffix", "prefix", "dir"} for k in call.keywords)
        ):
            continue
        if _used_as_non_file(src, node.targets[0].id):
            continue
        start, end = src.span(node)
        eol = src.line_start(node.lineno) + len(src.lines[node.lineno - 1].rstrip("\r\n"))
        rest = src.text[end:eol].strip()
        if src.text[src.line_start(node.lineno) : start].strip() or not (rest == "" or rest.startswith("#")):
            continue  # the statement shares its line with another
        args = src.text[src.span(call)[0] + len(src.segment(call.func)) : src.span(call)[1]]
        name = node.targets[0].id
        indent, nl = src.indent_of(node.lineno), src.newline()
        edits = [
            Edit(start, end, f"fd, {name} = tempfile.mkstemp{args}"),
            Edit(eol, eol, f"{nl}{indent}os.close(fd)"),
        ]
        return suggest_python(finding, sf, src, edits, ["import os"], (STEP,))
    return None


_NOT_A_FILE = {
    "mkdir", "makedirs", "mkfifo", "mknod", "bind", "connect", "symlink", "link", "rename", "replace",
    "move", "copytree", "exists", "lexists", "isfile", "isdir", "mkdtemp",
}  # fmt: skip


def _used_as_non_file(src: PySource, name: str) -> bool:
    """Whether the name is handed to a call that needs it not to exist yet, or asks whether it does
    (mkstemp creates the file at once: a directory, a FIFO or a socket made there would fail)."""
    for node in ast.walk(src.tree):
        if not isinstance(node, ast.Call):
            continue
        last = dotted(node.func).rsplit(".", 1)[-1] or (
            node.func.attr if isinstance(node.func, ast.Attribute) else ""
        )
        if last in _NOT_A_FILE and any(isinstance(a, ast.Name) and a.id == name for a in node.args):
            return True
    return False
