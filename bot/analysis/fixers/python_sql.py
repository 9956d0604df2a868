"""SQL built from text in Python DB-API calls -> a constant query with bound parameters.

Handles ``cur.execute(<sql>)`` where ``<sql>`` is an f-string or a ``+`` concatenation, written in
the call or assigned to a name on an earlier line of the same function (used only there). Values
quoted as SQL strings (``'{name}'``) lose their quotes: the driver quotes parameters. The placeholder
is the driver's own: ``?`` for sqlite3, ``%s`` for psycopg, psycopg2, pymysql, MySQLdb and
mysql.connector (literal ``%`` doubled). Anything else (identifiers, ``LIKE`` patterns, format specs,
``.format`` or ``%`` templates, unknown drivers) is left as advice. Pure: source text in, text out.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from bot.core.models import Finding, SourceFile

SINK_METHODS = {"execute", "executemany"}
_QMARK = ("sqlite3", "aiosqlite")
_FORMAT = ("psycopg", "psycopg2", "pymysql", "MySQLdb", "mysql", "asyncmy", "aiomysql")


@dataclass(frozen=True, slots=True)
class _Edit:
    line: int  # 1-based
    start: int  # character columns on that line
    end: int
    text: str


def placeholder_style(tree: ast.Module) -> str | None:
    """``?`` or ``%s`` from the driver the module imports; None when unknown or ambiguous."""
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in _QMARK:
                found.add("?")
            elif top in _FORMAT:
                found.add("%s")
    return found.pop() if len(found) == 1 else None


def _parts(node: ast.expr) -> list[ast.expr] | None:
    """The pieces of an f-string or a ``+`` chain, or None when the SQL is built some other way."""
    if isinstance(node, ast.JoinedStr):
        out: list[ast.expr] = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                if value.format_spec is not None or value.conversion != -1:
                    return None
                out.append(value.value)
            else:
                out.append(value)
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _parts(node.left), _parts(node.right)
        if left is None or right is None:
            return None
        return left + right
    return [node]  # a constant, or a value


def _parameterised(parts: list[ast.expr], style: str, source: str) -> tuple[str, list[str]] | None:
    """(constant SQL with placeholders, the values' source) or None when a value is not a plain value."""
    texts: list[str] = [""]  # texts[i] is the SQL text before params[i]; one more text ends it
    params: list[str] = []
    for part in parts:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            texts[-1] += part.value
            continue
        text = ast.get_source_segment(source, part)
        if text is None or "\n" in text:
            return None
        params.append(text)
        texts.append("")
    if not params or not "".join(texts).strip():
        return None
    for i in range(len(params)):
        before, after = texts[i], texts[i + 1]
        opened, closed = before.endswith("'"), after.startswith("'")
        if opened != closed:
            return None  # half-quoted: the value is part of a pattern or a larger literal
        if opened:
            texts[i], texts[i + 1] = before[:-1], after[1:]
        elif not _value_position(before):
            return None  # an identifier, a keyword or a clause: only an allow-list fixes that
    if any(t.count("'") % 2 for t in texts) or any("like" in t.lower() or "%" in t for t in texts):
        return None  # quotes left open around a value, or a pattern: advice, not a mechanical fix
    return style.join(texts), params


def _value_position(before: str) -> bool:
    """Whether SQL text ending in ``before`` expects a value next (a comparison, a list, LIMIT)."""
    tail = before.rstrip()
    return tail.endswith(("=", "<", ">", "(", ",")) or tail.upper().endswith((" LIMIT", " OFFSET"))


def _literal(sql: str) -> str:
    return '"' + sql.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _columns(line: str, byte_col: int) -> int:
    """ast's column offsets count UTF-8 bytes; the line's characters are what we edit."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    """``finding`` with a replacement (and its span widened to the lines it rewrites), or None."""
    if sf.language != "python" or finding.category != "sql-injection" or finding.replacement is not None:
        return None
    try:
        tree = ast.parse(sf.text)
    except (SyntaxError, ValueError, RecursionError):
        return None
    edits = _edits(tree, finding, sf)
    if not edits:
        return None
    lines = sf.text.splitlines()
    first = min(e.line for e in edits)
    last = max(e.line for e in edits)
    if not all(n in sf.change.added_lines for n in range(first, last + 1)):
        return None  # a suggestion may only replace lines the change adds
    new = list(lines[first - 1 : last])
    for e in sorted(edits, key=lambda e: (e.line, e.start), reverse=True):
        row = new[e.line - first]
        new[e.line - first] = row[: e.start] + e.text + row[e.end :]
    return finding.with_(start_line=first, end_line=last, replacement="\n".join(new))


def _edits(tree: ast.Module, finding: Finding, sf: SourceFile) -> list[_Edit]:
    style = placeholder_style(tree)
    call = _sink_call(tree, finding)
    if style is None or call is None:
        return []
    arg = call.args[0]
    assign = _assignment_of(tree, arg, call) if isinstance(arg, ast.Name) else None
    built = assign.value if assign is not None else arg
    parts = _parts(built)
    result = _parameterised(parts, style, sf.text) if parts is not None else None
    if result is None:
        return []
    sql, params = result
    values = "(" + ", ".join(params) + ("," if len(params) == 1 else "") + ")"
    lines = sf.text.splitlines()
    if assign is None:
        edits = [_edit(lines, arg, f"{_literal(sql)}, {values}")]
    else:
        edits = [_edit(lines, built, _literal(sql)), _edit(lines, arg, f"{arg.id}, {values}")]  # type: ignore[attr-defined]
    return [e for e in edits if e is not None] if all(edits) else []


def _sink_call(tree: ast.Module, finding: Finding) -> ast.Call | None:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SINK_METHODS
            and len(node.args) == 1
            and not node.keywords
            and node.lineno in finding.lines
            and node.lineno == (node.end_lineno or node.lineno)
        ):
            return node
    return None


def _assignment_of(tree: ast.Module, name: ast.Name, call: ast.Call) -> ast.Assign | None:
    """The one earlier single-line assignment of ``name`` in the same function, used only by ``call``."""
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not func.lineno <= call.lineno <= (func.end_lineno or func.lineno):
            continue
        assigns = [
            n
            for n in ast.walk(func)
            if isinstance(n, ast.Assign | ast.AugAssign | ast.AnnAssign)
            and any(isinstance(t, ast.Name) and t.id == name.id for t in _targets(n))
        ]
        uses = [
            n
            for n in ast.walk(func)
            if isinstance(n, ast.Name) and n.id == name.id and isinstance(n.ctx, ast.Load)
        ]
        if len(assigns) != 1 or len(uses) != 1 or not isinstance(assigns[0], ast.Assign):
            return None
        assign = assigns[0]
        if assign.lineno >= call.lineno or assign.lineno != assign.end_lineno or len(assign.targets) != 1:
            return None
        return assign
    return None


def _targets(node: ast.Assign | ast.AugAssign | ast.AnnAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


def _edit(lines: list[str], node: ast.expr, text: str) -> _Edit | None:
    if node.end_lineno != node.lineno or node.end_col_offset is None:
        return None
    line = lines[node.lineno - 1]
    return _Edit(node.lineno, _columns(line, node.col_offset), _columns(line, node.end_col_offset), text)
