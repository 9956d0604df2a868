"""SQL built from text in Python DB-API calls -> a constant query with bound parameters.

Handles ``cur.execute(<sql>)`` (and ``executemany``) and SQLAlchemy's ``text(<sql>)``, where ``<sql>``
is an f-string, a ``+`` concatenation, a ``%`` format (``%s``/``%d`` only) or a ``.format`` call
(positional or keyword fields, no attribute access, conversion or format spec), written in the call
or assigned to a name on an earlier line of the same function (used only there). The core
(``sqltext``) decides what is a value: values quoted as SQL strings lose their quotes, a quoted
pattern (``'%{name}%'``) becomes one parameter built from the same text. The placeholder is the
driver's own: ``?`` for sqlite3, ``%s`` for psycopg, psycopg2, pymysql, MySQLdb, mysql.connector and
Django's ``connection`` (literal ``%`` doubled), ``:name`` with ``.bindparams(name=...)`` for SQLAlchemy
``text()``. Anything else (identifiers, unknown drivers, two drivers in one module) is left as advice.
Pure: source text in, text out.
"""

from __future__ import annotations

import ast
import dataclasses
import string
from dataclasses import dataclass

from bot.analysis.fixers import pep701
from bot.analysis.fixers.edits import Edit, byte_to_char, to_finding
from bot.analysis.fixers.sqltext import Param, Piece, parameterise
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import parse_module

SINK_METHODS = {"execute", "executemany"}
_QMARK = ("sqlite3", "aiosqlite")
_FORMAT = ("psycopg", "psycopg2", "pymysql", "MySQLdb", "mysql", "asyncmy", "aiomysql", "django")
_IDENT_OK = set(string.ascii_letters + string.digits + "_")


@dataclass(frozen=True, slots=True)
class _Sink:
    call: ast.Call
    style: str  # "?", "%s" or ":name"


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


def _text_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names bound to sqlalchemy's ``text``, names bound to the sqlalchemy module)."""
    funcs, modules = set(), set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module in {"sqlalchemy", "sqlalchemy.sql"}
            and not node.level
        ):
            funcs |= {a.asname or a.name for a in node.names if a.name == "text"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "sqlalchemy"}
    return funcs, modules


def _fstring_pieces(node: ast.JoinedStr, source: str) -> list[Piece] | None:
    out: list[Piece] = []
    for value in node.values:
        if isinstance(value, ast.FormattedValue):
            if value.format_spec is not None or value.conversion != -1:
                return None
            text = ast.get_source_segment(source, value.value)
            if text is None:
                return None
            out.append((True, text))
        elif isinstance(value, ast.Constant) and isinstance(value.value, str):
            out.append((False, value.value))
        else:
            return None
    return out


def _percent_pieces(node: ast.BinOp, source: str) -> list[Piece] | None:
    """``"...%s..." % (a, b)`` or ``% a``: only %s, %d, %i and %%."""
    if not (isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
        return None
    values = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
    if isinstance(node.right, ast.Dict | ast.List | ast.Set | ast.Starred) or any(
        isinstance(v, ast.Starred) for v in values
    ):
        return None
    template, out, used = node.left.value, [], 0
    buf, i = [], 0
    while i < len(template):
        ch = template[i]
        if ch != "%":
            buf.append(ch)
            i += 1
            continue
        spec = template[i + 1 : i + 2]
        if spec == "%":
            buf.append("%")
        elif spec in {"s", "d", "i"} and used < len(values):
            text = ast.get_source_segment(source, values[used])
            if text is None:
                return None
            out += [(False, "".join(buf)), (True, text)]
            buf, used = [], used + 1
        else:
            return None
        i += 2
    if used != len(values):
        return None
    return [*out, (False, "".join(buf))]


def _format_pieces(node: ast.Call, source: str) -> list[Piece] | None:
    """``"...{}...{name}".format(a, name=b)``: plain fields only."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(func.value, ast.Constant)
    ):
        return None
    if not isinstance(func.value.value, str) or any(isinstance(a, ast.Starred) for a in node.args):
        return None
    kwargs = {k.arg: k.value for k in node.keywords if k.arg is not None}
    if len(kwargs) != len(node.keywords):
        return None
    out: list[Piece] = []
    auto = 0
    try:
        fields = list(string.Formatter().parse(func.value.value))
    except ValueError:
        return None
    for literal, field_name, spec, conversion in fields:
        out.append((False, literal))
        if field_name is None:
            continue
        value = _field(field_name, auto, node.args, kwargs) if not (spec or conversion) else None
        auto += field_name == ""
        text = ast.get_source_segment(source, value) if value is not None else None
        if text is None:
            return None
        out.append((True, text))
    return out


def _field(name: str, auto: int, args: list[ast.expr], kwargs: dict[str, ast.expr]) -> ast.expr | None:
    if name == "":
        return args[auto] if auto < len(args) else None
    if name.isdigit():
        return args[int(name)] if int(name) < len(args) else None
    return kwargs.get(name)


def _pieces(node: ast.expr, source: str) -> list[Piece] | None:
    """The pieces of an f-string, a ``+`` chain, a ``%`` format or a ``.format`` call."""
    if isinstance(node, ast.JoinedStr):
        return _fstring_pieces(node, source)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _percent_pieces(node, source)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _format_pieces(node, source)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pieces(node.left, source), _pieces(node.right, source)
        if left is None or right is None:
            return None
        return left + right
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(False, node.value)]
    text = ast.get_source_segment(source, node)
    return [(True, text)] if text is not None else None


def _literal(sql: str) -> str:
    return '"' + sql.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_param(param: Param) -> str | None:
    """A Python expression for the parameter: the value itself, or an f-string for a pattern."""
    single = param.single
    if single is not None:
        return single
    values = [t for v, t in param.pieces if v]
    quote = next((q for q in ('"', "'") if not any(q in t for t in values)), None)
    if quote is None or any(("\\" in t or "#" in t or "{" in t or "\n" in t) for t in values):
        return None
    out = []
    for is_value, text in param.pieces:
        if is_value:
            out.append("{" + text + "}")
        else:
            esc = (
                text.replace("\\", "\\\\").replace(quote, "\\" + quote).replace("{", "{{").replace("}", "}}")
            )
            out.append(esc)
    return "f" + quote + "".join(out) + quote


def _param_name(param: Param, taken: set[str]) -> str:
    single = param.single or ""
    tail = single.rstrip("]'\")").split(".")[-1].split("[")[-1].strip("'\"")
    name = tail if tail and set(tail) <= _IDENT_OK and not tail[0].isdigit() else "p"
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}{n}"
    taken.add(candidate)
    return candidate


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    """``finding`` with a replacement (and its span widened to the lines it rewrites), or None."""
    if sf.language != "python" or finding.category != "sql-injection" or finding.replacement is not None:
        return None
    tree = parse_module(sf.text)
    if tree is None:
        # a Python 3.12 f-string reusing its quote inside a field: read it as 3.11 can (pep701)
        readable = pep701.compat(sf.text)
        if readable is None:
            return None
        sf = dataclasses.replace(sf, text=readable)
        tree = parse_module(sf.text)
        if tree is None:
            return None
    edits = _edits(tree, finding, sf)
    out = to_finding(finding, sf, edits) if edits else None
    return _cover(out, finding, sf) if out is not None else None


def _cover(out: Finding, finding: Finding, sf: SourceFile) -> Finding | None:
    """The suggestion widened down to the flagged lines (a fix made on the line that builds the query
    for a flagged ``execute`` line below it), so the comment stays on the flaw."""
    if out.end_line >= finding.end_line or out.replacement is None:
        return out
    if not all(n in sf.change.added_lines for n in range(out.end_line + 1, finding.end_line + 1)):
        return None
    below = sf.text.splitlines()[out.end_line : finding.end_line]
    return out.with_(end_line=finding.end_line, replacement="\n".join([out.replacement, *below]))


def _edits(tree: ast.Module, finding: Finding, sf: SourceFile) -> list[Edit]:
    sink = _sink(tree, finding)
    if sink is None:
        return []
    call = sink.call
    arg = call.args[0]
    assign = _assignment_of(tree, arg, call) if isinstance(arg, ast.Name) else None
    built = assign.value if assign is not None else arg
    pieces = _pieces(built, sf.text)
    if pieces is None:
        return []
    if sink.style == ":name":
        return _text_edits(sf, call, built, pieces)
    result = parameterise(pieces, lambda _n: sink.style)
    if result is None:
        return []
    sql = _checked_sql(*result, sink.style)
    params = result[1]
    if sql is None:
        return []
    rendered = [render_param(p) for p in params]
    if any(r is None or "\n" in r for r in rendered):
        return []
    values = "(" + ", ".join(rendered) + ("," if len(rendered) == 1 else "") + ")"  # type: ignore[arg-type]
    lines = sf.text.splitlines()
    if assign is None:
        edit = _edit(lines, arg, f"{_literal(sql)}, {values}")
        return [edit] if edit else []
    first, second = _edit(lines, built, _literal(sql)), _edit(lines, arg, f"{arg.id}, {values}")  # type: ignore[attr-defined]
    return [first, second] if first and second else []


def _checked_sql(sql: str, params: list[Param], style: str) -> str | None:
    if style == "?":
        return sql if sql.count("?") == len(params) else None  # a literal ? would be a placeholder
    return _double_percents(sql, len(params))


def _double_percents(sql: str, params: int) -> str | None:
    """The ``%s`` placeholders kept, every other ``%`` doubled (pyformat drivers read ``%%`` as ``%``);
    None when a ``%s`` in the constant text cannot be told from a placeholder."""
    parts = sql.split("%s")
    if len(parts) != params + 1:
        return None
    return "%s".join(p.replace("%", "%%") for p in parts)


def _text_edits(sf: SourceFile, call: ast.Call, built: ast.expr, pieces: list[Piece]) -> list[Edit]:
    """SQLAlchemy ``text("... :name ...").bindparams(name=value)``, in the text() call itself."""
    taken: set[str] = set()
    names: list[str] = []

    def named(n: int) -> str:
        return ":\x00" + str(n) + "\x00"  # replaced once the parameters are known

    result = parameterise(pieces, named)
    if result is None or built is not call.args[0]:
        return []
    sql, params = result
    if ":" in sql.replace(":\x00", ""):
        return []  # a literal colon (a cast, a time) would be read as a bind parameter
    for n, p in enumerate(params, 1):
        names.append(_param_name(p, taken))
        sql = sql.replace(f":\x00{n}\x00", ":" + names[-1])
    rendered = [render_param(p) for p in params]
    if any(r is None or "\n" in r for r in rendered):
        return []
    binds = ", ".join(f"{n}={r}" for n, r in zip(names, rendered, strict=True))
    lines = sf.text.splitlines()
    edit = _edit(
        lines, call, f"{ast.get_source_segment(sf.text, call.func)}({_literal(sql)}).bindparams({binds})"
    )
    return [edit] if edit else []


def _sink(tree: ast.Module, finding: Finding) -> _Sink | None:
    style = placeholder_style(tree)
    funcs, modules = _text_names(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
            continue
        if node.lineno not in finding.lines or node.lineno != (node.end_lineno or node.lineno):
            continue
        func = node.func
        is_text = (isinstance(func, ast.Name) and func.id in funcs) or (
            isinstance(func, ast.Attribute)
            and func.attr == "text"
            and isinstance(func.value, ast.Name)
            and func.value.id in modules
        )
        if is_text:
            return _Sink(node, ":name")
        assigned = _assigned_text(tree, node, funcs, modules)
        if assigned is not None:
            return _Sink(assigned, ":name")  # execute(query) where query = text(...) just before
        if isinstance(func, ast.Attribute) and func.attr in SINK_METHODS and style is not None:
            if isinstance(node.args[0], ast.Call) and _is_text_call(node.args[0], funcs, modules):
                continue  # execute(text(...)): the text() call is the sink
            return _Sink(node, style)
    return None


def _assigned_text(tree: ast.Module, node: ast.Call, funcs: set[str], modules: set[str]) -> ast.Call | None:
    """The ``text(...)`` call assigned to the name that ``X.execute(name)`` runs (used only there)."""
    func, arg = node.func, node.args[0]
    if not (isinstance(func, ast.Attribute) and func.attr in SINK_METHODS and isinstance(arg, ast.Name)):
        return None
    assign = _assignment_of(tree, arg, node)
    value = assign.value if assign is not None else None
    if not (isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords):
        return None
    named = value.func
    if (isinstance(named, ast.Name) and named.id in funcs) or (
        isinstance(named, ast.Attribute)
        and named.attr == "text"
        and isinstance(named.value, ast.Name)
        and named.value.id in modules
    ):
        return value
    return None


def _is_text_call(node: ast.Call, funcs: set[str], modules: set[str]) -> bool:
    func = node.func
    return (isinstance(func, ast.Name) and func.id in funcs) or (
        isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules
    )


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


def _edit(lines: list[str], node: ast.expr, text: str) -> Edit | None:
    if node.end_lineno != node.lineno or node.end_col_offset is None:
        return None
    line = lines[node.lineno - 1]
    return Edit(
        node.lineno, byte_to_char(line, node.col_offset), byte_to_char(line, node.end_col_offset), text
    )
