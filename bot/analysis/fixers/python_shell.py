"""Shell commands in Python -> the same program run with an argument list and no shell.

Handles ``subprocess.run/call/check_call/check_output/Popen(<cmd>, shell=True, ...)`` (``shell=True``
removed, every other argument kept) and ``os.system(<cmd>)`` (-> ``subprocess.call([...])``, which
returns the exit code where ``os.system`` returned the wait status: both are 0 on success), where
``<cmd>`` is an f-string, a ``+`` concatenation, a ``%`` format or a ``.format`` call, written in the
call or assigned to a name on an earlier line of the same function (used only there). The command line
is split as ``sh`` would split it (``shellwords``), only when it is plain words: a pipeline, a
redirection or an expansion stays advice, except a trailing ``> /dev/null`` / ``2> /dev/null`` /
``> /dev/null 2>&1``, which becomes ``stdout=``/``stderr=subprocess.DEVNULL``. Values inside a word
keep their formatting (an f-string); a value that was a whole word is passed as ``str(value)`` where it
was formatted, as itself where it was concatenated. ``subprocess`` is imported by widening the
suggestion to the import block when that is close and added by the change; otherwise the steps name
the import. Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.edits import Edit, byte_to_char, import_edit, to_finding
from bot.analysis.fixers.python_sql import _assignment_of, _pieces, render_param
from bot.analysis.fixers.shellwords import Word, constant, single_value, split_command
from bot.analysis.fixers.sqltext import Param
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import parse_module

_SUBPROCESS_FUNCS = {"run", "call", "check_call", "check_output", "Popen"}
IMPORT_STEP = "Add `import subprocess` to the file's imports (the fix uses it)."
EXIT_STEP = (
    "`subprocess.call` returns the exit code where `os.system` returned the wait status (both 0 on success)."
)


def _bound(tree: ast.Module, module: str) -> tuple[set[str], dict[str, str]]:
    """(names bound to ``module``, local name -> function name for ``from module import f``)."""
    names: set[str] = set()
    funcs: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            names |= {a.asname or a.name for a in node.names if a.name == module}
        elif isinstance(node, ast.ImportFrom) and node.module == module and not node.level:
            funcs |= {a.asname or a.name: a.name for a in node.names}
    return names, funcs


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_word(word: Word, formatted: bool) -> str | None:
    fixed = constant(word)
    if fixed is not None:
        return _literal(fixed)
    value = single_value(word)
    if value is not None:
        return f"str({value})" if formatted else value
    return render_param(Param(word))


def _formatted(node: ast.expr) -> bool:
    """Whether values in the command were converted to text by formatting (not by ``+`` of strings)."""
    return any(
        isinstance(n, ast.JoinedStr)
        or (isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod))
        or (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "format")
        for n in ast.walk(node)
    )


def _unquoted(value: str) -> str:
    """``shlex.quote(x)`` (or ``quote(x)``, ``pipes.quote(x)``) quoted a value for the shell: without a
    shell, the value itself is the argument."""
    try:
        node = ast.parse(value, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return value
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        name = ast.unparse(node.func)
        if name in {"shlex.quote", "quote", "pipes.quote"}:
            return ast.get_source_segment(value, node.args[0]) or value
    return value


_DISCARD = {
    "> /dev/null 2>&1": ("stdout", "stderr"), ">/dev/null 2>&1": ("stdout", "stderr"),
    "&> /dev/null": ("stdout", "stderr"), "&>/dev/null": ("stdout", "stderr"),
    "> /dev/null": ("stdout",), ">/dev/null": ("stdout",), "1>/dev/null": ("stdout",),
    "2> /dev/null": ("stderr",), "2>/dev/null": ("stderr",),
}  # fmt: skip


def discarded(node: ast.expr, source: str) -> tuple[str, ...]:
    """The streams a trailing ``> /dev/null``-style redirection of the command line discards."""
    pieces = _pieces(node, source)
    if not pieces or pieces[-1][0]:
        return ()
    tail = pieces[-1][1].rstrip()
    out: list[str] = []
    for _ in range(2):
        match = next((k for k in sorted(_DISCARD, key=len, reverse=True) if tail.endswith(" " + k)), None)
        if match is None:
            break
        out += _DISCARD[match]
        tail = tail[: -len(match)].rstrip()
    return tuple(sorted(set(out), reverse=True))


def argv(node: ast.expr, source: str) -> str | None:
    """A Python list expression with the command's words, or None when it is not a plain command
    (a trailing redirection to /dev/null, reported by ``discarded``, is left out of the words)."""
    pieces = _pieces(node, source)
    if pieces and discarded(node, source) and not pieces[-1][0]:
        tail = pieces[-1][1].rstrip()
        for _ in range(2):
            match = next((k for k in sorted(_DISCARD, key=len, reverse=True) if tail.endswith(" " + k)), None)
            tail = tail[: -len(match)].rstrip() if match else tail
        pieces = [*pieces[:-1], (False, tail)]
    words = split_command([(v, _unquoted(t) if v else t) for v, t in pieces]) if pieces is not None else None
    if words is None:
        return None
    rendered = [render_word(w, _formatted(node)) for w in words]
    if any(r is None or "\n" in r for r in rendered):
        return None
    return "[" + ", ".join(rendered) + "]"  # type: ignore[arg-type]


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "command-injection" or finding.replacement is not None:
        return None
    tree = parse_module(sf.text)
    if tree is None:
        return None
    sub_names, sub_funcs = _bound(tree, "subprocess")
    os_names, os_funcs = _bound(tree, "os")
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call) or call.lineno not in finding.lines or not call.args:
            continue
        func = call.func
        target = (
            func.attr
            if isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in sub_names
            else sub_funcs.get(func.id)
            if isinstance(func, ast.Name)
            else None
        )
        if target in _SUBPROCESS_FUNCS:
            return _shell_true(finding, sf, tree, call)
        is_system = (
            isinstance(func, ast.Attribute)
            and func.attr == "system"
            and isinstance(func.value, ast.Name)
            and func.value.id in os_names
        ) or (isinstance(func, ast.Name) and os_funcs.get(func.id) == "system")
        if is_system and len(call.args) == 1 and not call.keywords:
            return _os_system(finding, sf, tree, call, sub_names)
    return None


def _command(sf: SourceFile, tree: ast.Module, call: ast.Call) -> tuple[ast.expr, str] | None:
    """(the node whose text becomes the list, the list) for the call's first argument."""
    arg = call.args[0]
    assign = _assignment_of(tree, arg, call) if isinstance(arg, ast.Name) else None
    built = assign.value if assign is not None else arg
    listed = argv(built, sf.text)
    return (built, listed) if listed is not None else None


def _shell_true(finding: Finding, sf: SourceFile, tree: ast.Module, call: ast.Call) -> Finding | None:
    shell = [k for k in call.keywords if k.arg == "shell"]
    if len(shell) != 1 or not (isinstance(shell[0].value, ast.Constant) and shell[0].value.value is True):
        return None
    if any(k.arg in {"executable", None} for k in call.keywords) or len(call.args) != 1:
        return None
    found = _command(sf, tree, call)
    if found is None:
        return None
    built, listed = found
    lines = sf.text.splitlines()
    kw = shell[0]
    elements: list[ast.expr | ast.keyword] = [*call.args, *call.keywords]
    elements.sort(key=lambda n: (n.lineno, n.col_offset))
    prev = elements[elements.index(kw) - 1]
    if prev.end_lineno != kw.lineno or kw.end_lineno != kw.lineno or prev.end_col_offset is None:
        return None
    row = lines[kw.lineno - 1]
    removal = Edit(
        kw.lineno, byte_to_char(row, prev.end_col_offset), byte_to_char(row, kw.end_col_offset or 0), ""
    )
    streams = discarded(built, sf.text)
    module = (
        call.func.value.id
        if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name)
        else None
    )
    if streams and (module is None or any(k.arg in streams for k in call.keywords)):
        return None  # DEVNULL needs the module name; an explicit stream argument wins
    removal = Edit(
        removal.line, removal.start, removal.end, "".join(f", {s}={module}.DEVNULL" for s in streams)
    )
    edit = _node_edit(lines, built, listed)
    return to_finding(finding, sf, [edit, removal]) if edit else None


def _os_system(
    finding: Finding, sf: SourceFile, tree: ast.Module, call: ast.Call, sub_names: set[str]
) -> Finding | None:
    found = _command(sf, tree, call)
    if found is None:
        return None
    built, listed = found
    lines = sf.text.splitlines()
    steps = [EXIT_STEP]
    edits: list[Edit] = []
    name = next(iter(sorted(sub_names)), None)
    if name is None:
        name = "subprocess"
        last_import = max(
            (n.end_lineno or n.lineno for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)),
            default=0,
        )
        add = import_edit(sf, last_import, "import subprocess", call.lineno) if last_import else None
        if add is None:
            steps.append(IMPORT_STEP)
        else:
            edits.append(add)
    streams = "".join(f", {stream}={name}.DEVNULL" for stream in discarded(built, sf.text))
    if built is call.args[0]:
        rewrites = [_node_edit(lines, call, f"{name}.call({listed}{streams})")]
    elif streams:
        return None  # the redirection would have to follow the variable to the call
    else:
        rewrites = [_node_edit(lines, built, listed), _node_edit(lines, call.func, f"{name}.call")]
    if not all(rewrites):
        return None
    return to_finding(finding, sf, [*edits, *(e for e in rewrites if e)], steps)


def _node_edit(lines: list[str], node: ast.AST, text: str) -> Edit | None:
    lineno, end = getattr(node, "lineno", 0), getattr(node, "end_lineno", None)
    if end != lineno or getattr(node, "end_col_offset", None) is None:
        return None
    row = lines[lineno - 1]
    return Edit(lineno, byte_to_char(row, node.col_offset), byte_to_char(row, node.end_col_offset), text)  # type: ignore[attr-defined]
