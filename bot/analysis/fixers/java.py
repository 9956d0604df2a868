"""Java fixers, on the tree-sitter tree: JDBC SQL built from text and ``sh -c`` command lines.

SQL through a ``java.sql.Statement`` (``st.executeQuery/executeUpdate/execute(<sql>)`` where ``st`` is
declared from ``c.createStatement()``, or the chained ``c.createStatement().executeQuery(<sql>)``) becomes
a ``PreparedStatement`` from the same connection, declared on the lines before the statement, with ``?``
placeholders and ``setString``/``setInt``/``setLong``/``setDouble``/``setBoolean`` (from the value's
declared type) or ``setObject``; the query runs as ``ps.executeQuery()``. Spring's ``JdbcTemplate``
(``query``, ``queryForList``, ``queryForObject``, ``queryForMap``, ``update``, ``execute`` on a receiver
declared as one) keeps its call with ``?`` and the values appended as its varargs. ``<sql>`` is a ``+``
concatenation or ``String.format`` (``%s``, ``%d``), in the call or in a ``String`` local of the same
method used only there. ``PreparedStatement`` is written fully qualified unless the file imports it
(the steps say so: an import is outside the suggestion).

Shell (the command in the call, or in a ``String`` local used only there, whose declaration then goes):
``new ProcessBuilder("sh"|"bash", "-c", <cmd>)`` and ``Runtime.getRuntime().exec(new String[]
{"sh", "-c", <cmd>})`` -> the program and its arguments, split as ``sh`` would split a plain command line.
Pure: text in, text out.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.analysis.fixers.edits import Edit, byte_to_char, indent_of, to_finding
from bot.analysis.fixers.shellwords import Word, constant, single_value, split_command
from bot.analysis.fixers.sqltext import Piece, parameterise, printf_pieces
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

_STATEMENT_SINKS = {"executeQuery", "executeUpdate", "execute", "executeLargeUpdate"}
_TEMPLATE_SINKS = {
    "query",
    "queryForList",
    "queryForObject",
    "queryForMap",
    "queryForRowSet",
    "update",
    "execute",
}
_SETTERS = {
    "String": "setString", "int": "setInt", "Integer": "setInt", "long": "setLong", "Long": "setLong",
    "double": "setDouble", "Double": "setDouble", "boolean": "setBoolean", "Boolean": "setBoolean",
}  # fmt: skip
_SHELLS = {"sh", "bash", "/bin/sh", "/bin/bash"}
_BLOCK_PARENTS = {"block", "constructor_body", "switch_block_statement_group"}
QUALIFIED_STEP = (
    "The fix names `java.sql.PreparedStatement` in full; import it to shorten the name, and close it "
    "(try-with-resources) when you are done with the result."
)


def _string(tree: Tree, node: Node) -> str | None:
    if node.type != "string_literal":
        return None
    parts = [c for c in node.children if c.type != '"']
    if any(c.type != "string_fragment" for c in parts):
        return None  # escapes or text blocks: not reinterpreted
    return "".join(tree.text(c) for c in parts)


def _pieces(tree: Tree, node: Node) -> list[Piece] | None:
    if node.type == "binary_expression" and tree.text(node.child_by_field_name("operator") or node) == "+":
        left = _pieces(tree, node.child_by_field_name("left"))
        right = _pieces(tree, node.child_by_field_name("right"))
        return left + right if left is not None and right is not None else None
    if node.type == "string_literal":
        text = _string(tree, node)
        return [(False, text)] if text is not None else None
    if node.type == "method_invocation" and tree.text(node.child_by_field_name("object") or node) == "String":
        if tree.text(node.child_by_field_name("name") or node) != "format":
            return None
        args = _args(node)
        template = _string(tree, args[0]) if args else None
        if template is None:
            return None
        return printf_pieces(template, [tree.text(a) for a in args[1:]])
    if node.type in {"parenthesized_expression", "assignment_expression", "ternary_expression"}:
        return None
    return [(True, tree.text(node))]


def _args(node: Node) -> list[Node]:
    args = node.child_by_field_name("arguments")
    return list(args.named_children) if args is not None else []


def _literal(text: str) -> str | None:
    if "\\" in text or "\n" in text:
        return None
    return '"' + text.replace('"', '\\"') + '"'


def _declared_type(tree: Tree, method: Node, name: str) -> str | None:
    """The declared type of local or parameter ``name`` in ``method``."""
    for node in walk(method):
        if node.type == "formal_parameter" and tree.text(node.child_by_field_name("name") or node) == name:
            return tree.text(node.child_by_field_name("type") or node)
        if node.type in {"local_variable_declaration", "field_declaration"}:
            for decl in node.named_children:
                if (
                    decl.type == "variable_declarator"
                    and tree.text(decl.child_by_field_name("name") or decl) == name
                ):
                    return tree.text(node.child_by_field_name("type") or node)
    return None


def _local_string(tree: Tree, method: Node, ident: Node, use: Node) -> Node | None:
    """The value of a ``String`` local declared before ``use`` and used only there."""
    name = tree.text(ident)
    uses = [n for n in walk(method) if n.type == "identifier" and tree.text(n) == name]
    decls = [
        d
        for d in walk(method)
        if d.type == "variable_declarator" and tree.text(d.child_by_field_name("name") or d) == name
    ]
    if len(decls) != 1 or len(uses) != 2 or decls[0].parent is None:
        return None
    decl = decls[0]
    parent = decl.parent
    if (
        parent.type != "local_variable_declaration"
        or tree.text(parent.child_by_field_name("type") or parent) != "String"
    ):
        return None
    return decl.child_by_field_name("value") if decl.start_point[0] < use.start_point[0] else None


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "java" or finding.replacement is not None:
        return None
    if finding.category not in {"sql-injection", "command-injection"}:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    for node in walk(tree.root):
        if node.type not in {"method_invocation", "object_creation_expression"}:
            continue
        first = _args(node)[:1]
        if not (on_lines(node, finding.lines) or (first and on_lines(first[0], finding.lines))):
            continue
        if finding.category == "sql-injection" and node.type == "method_invocation":
            found = _sql(tree, node, sf)
        else:
            found = _shell(tree, node)
        if found is not None:
            return to_finding(finding, sf, found[0], found[1])
    return None


def _sql(tree: Tree, call: Node, sf: SourceFile) -> tuple[list[Edit], list[str]] | None:
    method = enclosing(call, {"method_declaration", "constructor_declaration", "lambda_expression"})
    name = tree.text(call.child_by_field_name("name") or call)
    receiver = call.child_by_field_name("object")
    args = _args(call)
    if method is None or receiver is None or not args:
        return None
    arg = args[0]
    value = _local_string(tree, method, arg, call) if arg.type == "identifier" else None
    pieces = _pieces(tree, value if value is not None else arg)
    result = parameterise(pieces, lambda _n: "?") if pieces else None
    if result is None or result[0].count("?") != len(result[1]):
        return None
    sql, params = result
    literal = _literal(sql)
    if literal is None or any(p.single is None for p in params):
        return None  # a pattern parameter would need string building: advice
    values = [p.single or "" for p in params]
    owner = enclosing(call, {"class_declaration", "enum_declaration", "record_declaration"}) or method
    if receiver.type == "identifier" and _declared_type(tree, owner, tree.text(receiver)) == "JdbcTemplate":
        if (
            name not in _TEMPLATE_SINKS
            or (name != "update" and len(args) > 2)
            or (name == "update" and len(args) > 1)
        ):
            return None
        edits = [tree.insert_after(args[-1], ", " + ", ".join(values))]
        if value is None:
            edits.append(tree.edit(arg, literal))
    elif name in _STATEMENT_SINKS and len(args) == 1:
        conn = _connection(tree, method, receiver)
        query = literal if value is None else tree.text(arg)
        edits = _prepared(tree, call, f"{conn}.prepareStatement({query})", values, method) if conn else [None]
    else:
        return None
    if value is not None:
        edits.append(tree.edit(value, literal))
    if not all(edits):
        return None
    imported = "import java.sql.PreparedStatement;" in sf.text or "import java.sql.*;" in sf.text
    steps = [] if imported else [QUALIFIED_STEP]
    return [e for e in edits if e], steps


def _connection(tree: Tree, method: Node, receiver: Node) -> str | None:
    """The connection a Statement came from: ``c`` of ``c.createStatement()``."""
    created = receiver
    if receiver.type == "identifier":
        name = tree.text(receiver)
        created = None
        for node in walk(method.parent or method):
            if (
                node.type in {"variable_declarator", "resource"}
                and tree.text(node.child_by_field_name("name") or node) == name
            ):
                created = node.child_by_field_name("value")
    if created is None or created.type != "method_invocation":
        return None
    if tree.text(created.child_by_field_name("name") or created) != "createStatement" or _args(created):
        return None
    obj = created.child_by_field_name("object")
    return tree.text(obj) if obj is not None and obj.type in {"identifier", "field_access"} else None


def _prepared(tree: Tree, call: Node, prepare: str, values: list[str], method: Node) -> list[Edit | None]:
    """The PreparedStatement declared and bound before the statement holding ``call``; the call runs it."""
    stmt = call
    while stmt.parent is not None and stmt.parent.type not in _BLOCK_PARENTS:
        stmt = stmt.parent
    if stmt.parent is None:
        return [None]
    taken = {tree.text(n) for n in walk(method) if n.type == "identifier"}
    ps = next(n for n in ("ps", "prepared", "ps2", "ps3", "preparedQuery") if n not in taken)
    imported = (
        "import java.sql.PreparedStatement;" in tree.data.decode()
        or "import java.sql.*;" in tree.data.decode()
    )
    kind = "PreparedStatement" if imported else "java.sql.PreparedStatement"
    pad = indent_of(tree.lines[stmt.start_point[0]])
    lines = [f"{pad}{kind} {ps} = {prepare};"]
    for n, v in enumerate(values, 1):
        setter = (
            _SETTERS.get(_declared_type(tree, method, v) or "", "setObject")
            if v.isidentifier()
            else "setObject"
        )
        lines.append(f"{pad}{ps}.{setter}({n}, {v});")
    row = stmt.start_point[0]
    insert = Edit(row + 1, 0, 0, "\n".join(lines) + "\n")
    name = call.child_by_field_name("name")
    run = tree.edit(call, f"{ps}.{tree.text(name) if name is not None else 'execute'}()")
    return [insert, run]


def _shell_elements(tree: Tree, node: Node) -> tuple[list[Node], Node | None] | None:
    """The argument nodes of ``new ProcessBuilder(...)`` or of ``exec(new String[] {...})``."""
    if node.type == "object_creation_expression":
        if tree.text(node.child_by_field_name("type") or node) != "ProcessBuilder":
            return None
        return _args(node), node.child_by_field_name("arguments")
    if tree.text(node.child_by_field_name("name") or node) != "exec" or len(_args(node)) != 1:
        return None
    array = _args(node)[0]
    init = next((c for c in array.named_children if c.type == "array_initializer"), None)
    if array.type != "array_creation_expression" or init is None:
        return None
    return list(init.named_children), init


def _shell(tree: Tree, node: Node) -> tuple[list[Edit], list[str]] | None:
    """``new ProcessBuilder("sh", "-c", cmd)`` or ``exec(new String[] {"sh", "-c", cmd})``."""
    found = _shell_elements(tree, node)
    if found is None:
        return None
    elements, container = found
    if len(elements) != 3 or _string(tree, elements[0]) not in _SHELLS or _string(tree, elements[1]) != "-c":
        return None
    method = enclosing(node, {"method_declaration", "constructor_declaration", "lambda_expression"})
    cmd = elements[2]
    value = (
        _local_string(tree, method, cmd, node) if cmd.type == "identifier" and method is not None else None
    )
    pieces = _pieces(tree, value if value is not None else cmd)
    words = split_command(pieces) if pieces else None

    def is_string(v: str) -> bool:
        return method is not None and _declared_type(tree, method, v) == "String"

    rendered = [_render(w, is_string) for w in words] if words else None
    if not rendered or any(r is None for r in rendered) or container is None:
        return None
    first, last = elements[0], elements[2]
    if first.start_point[0] != last.end_point[0]:
        return None
    line = tree.lines[first.start_point[0]]
    start, stop = byte_to_char(line, first.start_point[1]), byte_to_char(line, last.end_point[1])
    listed = ", ".join(r for r in rendered if r)
    edits = [Edit(first.start_point[0] + 1, start, stop, listed)]
    if value is not None:
        # a command kept in a String local used only here: its words go into the call and the local's
        # declaration goes (kept as a String[] it would still reach ProcessBuilder whole)
        declaration = value.parent.parent if value.parent is not None else None
        row = declaration.start_point[0] if declaration is not None else 0
        if (
            declaration is None
            or declaration.type != "local_variable_declaration"
            or row == 0
            or declaration.end_point[0] != row
            or tree.lines[row].strip() != tree.text(declaration)
        ):
            return None
        edits.append(Edit(row, len(tree.lines[row - 1]), len(tree.lines[row]), "", row + 1))
    return edits, []


def _render(word: Word, is_string: Callable[[str], bool]) -> str | None:
    """A Java String expression for the word (the command line converted every value with ``+``)."""
    fixed = constant(word)
    if fixed is not None:
        return _literal(fixed)
    value = single_value(word)
    if value is not None:
        return value if is_string(value) else f"String.valueOf({value})"
    parts = ['""'] if word[0][0] and len(word) > 1 and word[1][0] else []
    for is_value, text in word:
        parts.append(text if is_value else _literal(text) or "")
    return " + ".join(parts) if all(parts) else None
