"""Go fixers, on the tree-sitter tree: ``database/sql`` queries built from text and ``sh -c`` commands.

SQL: ``x.Query/QueryRow/Exec(<sql>)`` and their ``...Context(ctx, <sql>)`` forms, where ``<sql>`` is a
``+`` concatenation or ``fmt.Sprintf`` (``%s``, ``%d``, ``%v``), in the call or in a ``:=`` of the same
function used only there, get the driver's placeholders and the values as the call's trailing
arguments: ``$1, $2`` when the file imports a PostgreSQL driver (``lib/pq``, ``pgx``), ``?`` for
MySQL or SQLite drivers. No driver import in the file (it is usually registered elsewhere) or several:
advice, since the placeholder style cannot be known. A call that already passes values is left alone.

Shell: ``exec.Command("sh"|"bash", "-c", <cmd>)`` (and ``exec.CommandContext(ctx, ...)``) -> the program
and its arguments, split as ``sh`` would split a plain command line (``shellwords``); a command that
starts ``"cd " + dir + " && "`` in a ``cmd := ...`` declaration runs the rest with ``cmd.Dir = dir``.
Pure.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, byte_to_char, to_finding
from bot.analysis.fixers.shellwords import Word, constant, single_value, split_command
from bot.analysis.fixers.sqltext import Piece, parameterise, printf_pieces
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

_DOLLAR = ("github.com/lib/pq", "github.com/jackc/pgx")
_QMARK = ("github.com/go-sql-driver/mysql", "github.com/mattn/go-sqlite3", "modernc.org/sqlite")
_SQL = {"Query", "QueryRow", "Exec", "QueryContext", "QueryRowContext", "ExecContext"}
_SHELLS = {"sh", "bash", "/bin/sh", "/bin/bash"}


def _string(tree: Tree, node: Node) -> str | None:
    if node.type == "raw_string_literal":
        text = tree.text(node)
        return text[1:-1] if "\n" not in text else None
    if node.type != "interpreted_string_literal":
        return None
    parts = [c for c in node.children if c.type != '"']
    if any(c.type != "interpreted_string_literal_content" for c in parts):
        return None  # escapes are not reinterpreted
    return "".join(tree.text(c) for c in parts)


def _args(node: Node) -> list[Node]:
    args = node.child_by_field_name("arguments")
    return list(args.named_children) if args is not None else []


def _callee(tree: Tree, call: Node) -> tuple[str, str] | None:
    func = call.child_by_field_name("function")
    if func is None or func.type != "selector_expression":
        return None
    operand, field = func.child_by_field_name("operand"), func.child_by_field_name("field")
    return (tree.text(operand), tree.text(field)) if operand is not None and field is not None else None


def _pieces(tree: Tree, node: Node, verbs: str) -> list[Piece] | None:
    if node.type == "binary_expression" and tree.text(node.child_by_field_name("operator") or node) == "+":
        left = _pieces(tree, node.child_by_field_name("left"), verbs)
        right = _pieces(tree, node.child_by_field_name("right"), verbs)
        return left + right if left is not None and right is not None else None
    text = _string(tree, node)
    if text is not None:
        return [(False, text)]
    if node.type in {"interpreted_string_literal", "raw_string_literal", "parenthesized_expression"}:
        return None
    if node.type == "call_expression" and _callee(tree, node) == ("fmt", "Sprintf"):
        args = _args(node)
        template = _string(tree, args[0]) if args else None
        if template is None or any(a.type == "variadic_argument" for a in args):
            return None
        return printf_pieces(template, [tree.text(a) for a in args[1:]], verbs)
    return [(True, tree.text(node))]


def _quoted(text: str) -> str | None:
    if "\\" in text or "\n" in text:
        return None
    return '"' + text.replace('"', '\\"') + '"'


def _local(tree: Tree, ident: Node, use: Node) -> Node | None:
    """The value of a ``name := value`` in the same function before ``use``, the name used only there."""
    func = enclosing(use, {"function_declaration", "method_declaration", "func_literal"})
    if func is None:
        return None
    name = tree.text(ident)
    uses = [n for n in walk(func) if n.type == "identifier" and tree.text(n) == name]
    decls = [
        n
        for n in walk(func)
        if n.type == "short_var_declaration" and tree.text(n.child_by_field_name("left") or n) == name
    ]
    if len(decls) != 1 or len(uses) != 2 or decls[0].start_point[0] >= use.start_point[0]:
        return None
    right = decls[0].child_by_field_name("right")
    values = right.named_children if right is not None else []
    return values[0] if len(values) == 1 else None


def _style(tree: Tree) -> str | None:
    found = set()
    for spec in walk(tree.root):
        if spec.type != "import_spec":
            continue
        path = _string(tree, spec.child_by_field_name("path") or spec) or ""
        if path.startswith(_DOLLAR):
            found.add("$")
        elif path.startswith(_QMARK):
            found.add("?")
    return found.pop() if len(found) == 1 else None


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "go" or finding.replacement is not None:
        return None
    if finding.category not in {"sql-injection", "command-injection"}:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    for call in walk(tree.root):
        if call.type != "call_expression" or not any(
            on_lines(n, finding.lines) for n in [call, *_args(call)]
        ):
            continue
        callee = _callee(tree, call)
        if callee is None:
            continue
        if finding.category == "sql-injection" and callee[1] in _SQL:
            edits = _sql(tree, call, callee[1])
        elif finding.category == "command-injection" and callee in {
            ("exec", "Command"),
            ("exec", "CommandContext"),
        }:
            edits = _shell(tree, call, callee[1] == "CommandContext")
        else:
            continue
        if edits:
            return to_finding(finding, sf, edits)
    return None


def _sql(tree: Tree, call: Node, method: str) -> list[Edit]:
    style = _style(tree)
    args = _args(call)
    at = 1 if method.endswith("Context") else 0
    if style is None or len(args) != at + 1:
        return []  # unknown driver, or values already passed
    arg = args[at]
    value = _local(tree, arg, call) if arg.type == "identifier" else None
    pieces = _pieces(tree, value if value is not None else arg, "sdv")
    result = (
        parameterise(pieces, (lambda n: f"${n}") if style == "$" else (lambda _n: "?")) if pieces else None
    )
    if result is None or any(p.single is None for p in result[1]):
        return []
    sql, params = result
    literal = _quoted(sql)
    if literal is None or (style == "?" and sql.count("?") != len(params)):
        return []
    tail = ", " + ", ".join(p.single or "" for p in params)
    if value is None:
        edit = tree.edit(arg, literal + tail)
        return [edit] if edit else []
    first, second = tree.edit(value, literal), tree.insert_after(arg, tail)
    return [first, second] if first and second else []


def _shell(tree: Tree, call: Node, context: bool) -> list[Edit]:
    args = _args(call)[1:] if context else _args(call)
    if len(args) != 3 or _string(tree, args[0]) not in _SHELLS or _string(tree, args[1]) != "-c":
        return []
    value = _local(tree, args[2], call) if args[2].type == "identifier" else None
    if value is not None:
        return []  # a command kept in a variable: advice
    pieces = _pieces(tree, args[2], "s")
    directory, pieces = _cd_prefix(pieces) if pieces else (None, pieces)
    words = split_command(pieces) if pieces else None
    rendered = [_render(w) for w in words] if words else []
    if not rendered or any(r is None for r in rendered):
        return []
    first, last = args[0], args[2]
    if first.start_point[0] != last.end_point[0]:
        return []
    line = tree.lines[first.start_point[0]]
    start, stop = byte_to_char(line, first.start_point[1]), byte_to_char(line, last.end_point[1])
    edits = [Edit(first.start_point[0] + 1, start, stop, ", ".join(r for r in rendered if r))]
    if directory is not None:
        # `cd DIR && cmd` -> cmd run in DIR: set on the command the call's `x :=` declares
        statement = call.parent.parent if call.parent is not None else None
        left = statement.child_by_field_name("left") if statement is not None else None
        if statement is None or statement.type != "short_var_declaration" or left is None:
            return []
        names = [tree.text(n) for n in left.named_children]
        end_row = statement.end_point[0]
        if len(names) != 1 or end_row != first.start_point[0]:
            return []
        row = tree.lines[end_row]
        indent = row[: len(row) - len(row.lstrip())]
        edits.append(Edit(end_row + 1, len(row), len(row), f"\n{indent}{names[0]}.Dir = {directory}"))
    return edits


def _cd_prefix(pieces: list[Piece]) -> tuple[str | None, list[Piece]]:
    """(``dir``, the rest) for a command ``"cd " + dir + " && " + rest``; (None, pieces) otherwise."""
    if len(pieces) < 4 or pieces[0] != (False, "cd ") or not pieces[1][0]:
        return None, pieces
    text = pieces[2][1]
    if pieces[2][0] or not text.startswith(" && ") or "&" in text[4:]:
        return None, pieces
    rest = [(False, text[4:]), *pieces[3:]]
    return pieces[1][1], [p for p in rest if p != (False, "")]


def _render(word: Word) -> str | None:
    """A Go string expression (the values were strings: they were concatenated or formatted with %s)."""
    fixed = constant(word)
    if fixed is not None:
        return _quoted(fixed)
    value = single_value(word)
    if value is not None:
        return value
    parts = [text if is_value else _quoted(text) for is_value, text in word]
    return "+".join(p for p in parts if p) if all(parts) else None
