"""A Python shell pipeline or output redirection -> the same programs connected by ``subprocess``
(issue 12), for the command lines ``python_shell`` leaves as advice because they are not one program.

``subprocess.run|call|check_call(<cmd>, shell=True[, check=...])`` as a statement of its own, where
``<cmd>`` is ``A | B [| C ...] [> target]`` or ``A > target`` built by an f-string, ``+``, ``%`` or
``.format`` (in the call, or assigned to a name on an earlier line of the same function and used only
there; that line is removed), becomes::

    with open(target, "wb") as out, subprocess.Popen([A...], stdout=subprocess.PIPE) as stage1:
        subprocess.run([B...], stdin=stage1.stdout, stdout=out, check=...)

(``Popen``'s context closes its pipe and waits for it, also when the last program fails).

Each program's words are split as ``sh`` would (``shellwords``), a value never splits; the exit status
that counts is the last program's, as without ``pipefail``. Only constant text without quotes,
backslashes or other shell syntax (``>>``, ``2>``, ``&``, ``;``, ``<``, ``$``...) is rewritten; the
target must be one word. Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.python_shell import _bound, _formatted, render_word
from bot.analysis.fixers.python_sql import _assignment_of, _pieces
from bot.analysis.fixers.rewrite import enclosing_function, single_assignment, suggest
from bot.analysis.fixers.shellwords import Word, split_command
from bot.analysis.fixers.sqltext import Piece
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted, parse_module

_FUNCS = {"run", "call", "check_call"}
_QUOTES = {"shlex.quote", "pipes.quote", "quote"}
_TARGET_META = set(";|&<>()$`\\*?[]{}~#!'\"\n\r")
_STAGE = "stage"
STEP = (
    "The programs are now connected by pipes without a shell; as before, only the last program's exit "
    "status is checked. The output file is opened by Python, so a missing directory raises "
    "FileNotFoundError instead of a failed command."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "command-injection" or finding.replacement is not None:
        return None
    tree = parse_module(sf.text)
    if tree is None:
        return None
    modules, _ = _bound(tree, "subprocess")
    for stmt in ast.walk(tree):
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            continue
        call = stmt.value
        func = call.func
        if not (
            call.lineno in finding.lines
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in modules
            and func.attr in _FUNCS
        ):
            continue
        return _rewrite(finding, sf, tree, stmt, call, func.value.id)
    return None


def _rewrite(  # noqa: PLR0911, PLR0917 - one return per refused shape
    finding: Finding, sf: SourceFile, tree: ast.Module, stmt: ast.Expr, call: ast.Call, module: str
) -> Finding | None:
    keywords = {k.arg: k for k in call.keywords}
    shell = keywords.get("shell")
    if shell is None or not (isinstance(shell.value, ast.Constant) and shell.value.value is True):
        return None
    if set(keywords) - {"shell", "check"} or len(call.args) != 1:
        return None
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    if "out" in names or any(n.startswith(_STAGE) for n in names):
        return None
    arg = call.args[0]
    assign = _assignment_of(tree, arg, call) if isinstance(arg, ast.Name) else None
    built = assign.value if assign is not None else arg
    pieces = _pieces(built, sf.text)
    split = _split(pieces) if pieces is not None else None
    if split is None:
        return None
    commands, target = split
    if _shell_quoted(tree, call, [t for v, t in pieces or [] if v]):
        return None  # already quoted for the shell: safe as it is, and the quotes would become data
    if len(commands) < 2 and target is None:
        return None  # one plain program: python_shell's case
    formatted = _formatted(built)
    maybe = [_argv(c, formatted) for c in commands]
    lists = [x for x in maybe if x is not None]
    target_text = render_word(target, formatted) if target is not None else None
    if len(lists) != len(maybe) or (target is not None and target_text is None):
        return None
    lines = sf.text.splitlines()
    row = lines[stmt.lineno - 1]
    indent = row[: len(row) - len(row.lstrip())]
    rest = lines[(stmt.end_lineno or 0) - 1][stmt.end_col_offset or 0 :].strip()
    if "\t" in indent or row[: stmt.col_offset].strip() or (rest and not rest.startswith("#")):
        return None
    comment = f"  {rest}" if rest else ""
    managers = [f'open({target_text}, "wb") as out'] if target is not None else []
    for n, argv in enumerate(lists[:-1], 1):
        stdin = f", stdin={_STAGE}{n - 1}.stdout" if n > 1 else ""
        managers.append(f"{module}.Popen({argv}{stdin}, stdout={module}.PIPE) as {_STAGE}{n}")
    last = [lists[-1]]
    if len(lists) > 1:
        last.append(f"stdin={_STAGE}{len(lists) - 1}.stdout")
    if target is not None:
        last.append("stdout=out")
    if "check" in keywords:
        last.append(ast.get_source_segment(sf.text, keywords["check"]) or "")
    block = [
        f"{indent}with {', '.join(managers)}:",
        f"{indent}    {ast.get_source_segment(sf.text, call.func)}({', '.join(last)}){comment}",
    ]
    start, end = stmt.lineno, stmt.end_lineno or stmt.lineno
    new = [*lines[: start - 1], *block, *lines[end:]]
    if assign is not None:
        del new[assign.lineno - 1]
    text = "\n".join(new) + ("\n" if sf.text.endswith("\n") else "")
    return suggest(finding, sf, text, (STEP,))


def _split(pieces: list[Piece]) -> tuple[list[list[Piece]], Word | None] | None:
    """(the programs' pieces, the redirection target's word) of ``A | B ... [> target]``."""
    commands: list[list[Piece]] = [[]]
    target: list[Piece] | None = None
    for is_value, text in pieces:
        current = target if target is not None else commands[-1]
        if is_value:
            current.append((True, text))
            continue
        if any(q in text for q in "'\"\\"):
            return None
        buf = ""
        for i, ch in enumerate(text):
            if ch not in "|>":
                buf += ch
                continue
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if (
                target is not None
                or after in {"|", ">", "&"}
                or before in {"|", ">", "&"}
                or before.isdigit()
            ):
                return None
            if buf:
                current.append((False, buf))
            buf = ""
            if ch == "|":
                commands.append([])
                current = commands[-1]
            else:
                target = []
                current = target
        if buf:
            current.append((False, buf))
    if target is None:
        return commands, None
    word = _one_word(target)
    return (commands, word) if word is not None else None


def _one_word(pieces: list[Piece]) -> Word | None:
    out = [p for p in pieces if p[0] or p[1]]
    if not out:
        return None
    if not out[0][0]:
        out[0] = (False, out[0][1].lstrip(" \t"))
    if not out[-1][0]:
        out[-1] = (False, out[-1][1].rstrip(" \t"))
    out = [p for p in out if p[0] or p[1]]
    for is_value, text in out:
        if not is_value and (any(ch in _TARGET_META for ch in text) or " " in text or "\t" in text):
            return None
    return tuple(out) if out else None


def _argv(pieces: list[Piece], formatted: bool) -> str | None:
    if not any(v for v, _ in pieces):  # a constant program line (``gzip``): plain words only
        text = "".join(t for _, t in pieces)
        plain = text.split()
        if not plain or any(ch in _TARGET_META for ch in text):
            return None
        return "[" + ", ".join(render_word(((False, w),), formatted) or "" for w in plain) + "]"
    words = split_command(pieces)
    if words is None:
        return None
    rendered = [render_word(w, formatted) for w in words]
    if any(r is None or "\n" in r for r in rendered):
        return None
    return "[" + ", ".join(r or "" for r in rendered) + "]"


def _shell_quoted(tree: ast.Module, call: ast.Call, values: list[str]) -> bool:
    """Whether a value is ``shlex.quote(...)``, or a name the function assigns once from it."""
    func = enclosing_function(tree, call.lineno)
    for text in values:
        try:
            node = ast.parse(text, mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return True
        if isinstance(node, ast.Name) and func is not None:
            assign = single_assignment(func, node.id, call.lineno)
            node = assign.value if assign is not None else node
        if isinstance(node, ast.Call) and dotted(node.func) in _QUOTES:
            return True
    return False
