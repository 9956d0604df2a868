"""JavaScript and TypeScript fixers, on the tree-sitter tree: SQL built from text and shell commands.

SQL: ``x.query(<sql>, ...)``/``x.execute(<sql>, ...)`` and knex's ``x.raw(<sql>)`` where ``<sql>`` is a
template literal or a ``+`` concatenation (in the call, or a ``const``/``let`` of the same function
used only there) becomes a constant string plus a values array, in the driver's placeholder style:
``$1, $2`` for ``pg``, ``?`` for ``mysql``, ``mysql2``, ``sqlite3``, ``better-sqlite3`` and ``knex``
(decided from what the file requires or imports; unknown or several drivers: advice). The values array
goes right after the SQL, where these drivers take it; a call that already passes values is left alone.

Shell: ``exec``/``execSync`` of ``child_process`` (``node:child_process``) with a template literal or a
concatenation -> ``execFile``/``execFileSync`` with the program and an arguments array, split as ``sh``
would split the line (plain words only, ``shellwords``); options and callback are kept (an option
``shell`` refuses). ``execFile`` is taken from the same module binding (``cp.execFile``), added to the
destructuring or named import when that line is close and added by the change, else read inline with
``require('child_process')`` in CommonJS, else named in the steps. Values that were whole words are passed
as they are: ``execFile`` wants strings. Pure: text in, text out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.analysis.fixers.edits import MAX_WIDEN, Edit, to_finding
from bot.analysis.fixers.shellwords import constant, single_value, split_command
from bot.analysis.fixers.sqltext import Piece, parameterise
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

_QMARK = {"mysql", "mysql2", "mysql2/promise", "sqlite3", "better-sqlite3", "knex"}
_DOLLAR = {"pg", "pg-pool", "pg-promise"}
_CHILD = {"child_process", "node:child_process"}
_SQL_METHODS = {"query", "execute", "raw"}
_FUNCTIONS = {"function_declaration", "function_expression", "arrow_function", "method_definition", "program"}
STRING_STEP = (
    "`execFile` passes each value as one argument and wants strings: convert numbers with `String(...)`."
)


@dataclass
class _Bindings:
    modules: set[str] = field(default_factory=set)
    names: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # local -> (module, member)
    patterns: dict[str, Node] = field(default_factory=dict)  # module -> its object_pattern/named_imports
    commonjs: bool = False


def _string_value(tree: Tree, node: Node) -> str | None:
    if node.type != "string":
        return None
    frags = [c for c in node.children if c.type not in {"'", '"'}]
    if any(c.type != "string_fragment" for c in frags):
        return None
    return "".join(tree.text(c) for c in frags)


def _bindings(tree: Tree) -> _Bindings:
    out = _Bindings()
    for node in walk(tree.root):
        if (
            node.type == "call_expression"
            and tree.text(node.child_by_field_name("function") or node) == "require"
        ):
            args = [c for c in (node.child_by_field_name("arguments") or node).named_children]
            module = _string_value(tree, args[0]) if len(args) == 1 else None
            if module is None:
                continue
            out.modules.add(module)
            out.commonjs = True
            decl = node.parent
            if decl is not None and decl.type == "variable_declarator":
                _bind_pattern(tree, out, module, decl.child_by_field_name("name"))
        elif node.type == "import_statement":
            source = node.child_by_field_name("source")
            module = _string_value(tree, source) if source is not None else None
            if module is None:
                continue
            out.modules.add(module)
            for clause in node.named_children:
                if clause.type == "import_clause":
                    _bind_import(tree, out, module, clause)
    return out


def _bind_pattern(tree: Tree, out: _Bindings, module: str, name: Node | None) -> None:
    if name is None:
        return
    if name.type == "identifier":
        out.names[tree.text(name)] = (module, None)
    elif name.type == "object_pattern":
        out.patterns[module] = name
        for prop in name.named_children:
            if prop.type == "shorthand_property_identifier_pattern":
                out.names[tree.text(prop)] = (module, tree.text(prop))
            elif prop.type == "pair_pattern":
                key, value = prop.child_by_field_name("key"), prop.child_by_field_name("value")
                if key is not None and value is not None:
                    out.names[tree.text(value)] = (module, tree.text(key))


def _bind_import(tree: Tree, out: _Bindings, module: str, clause: Node) -> None:
    for part in clause.named_children:
        if part.type == "identifier":
            out.names[tree.text(part)] = (module, "default")
        elif part.type == "namespace_import":
            ids = [c for c in part.named_children if c.type == "identifier"]
            if ids:
                out.names[tree.text(ids[0])] = (module, None)
        elif part.type == "named_imports":
            out.patterns[module] = part
            for spec in part.named_children:
                name, alias = spec.child_by_field_name("name"), spec.child_by_field_name("alias")
                if name is not None:
                    out.names[tree.text(alias or name)] = (module, tree.text(name))


_SHELL_QUOTING = {"JSON.stringify", "shellescape", "shellQuote.quote", "quote"}
"""Calls a shell command line used to quote a value (often wrongly): without a shell, the value itself."""


def _unwrapped(tree: Tree, node: Node) -> str:
    if node.type == "call_expression":
        args = _args(node)
        if tree.text(node.child_by_field_name("function") or node) in _SHELL_QUOTING and len(args) == 1:
            return tree.text(args[0])
    return tree.text(node)


def _pieces(tree: Tree, node: Node, *, for_shell: bool = False) -> list[Piece] | None:
    """The pieces of a template literal or a ``+`` chain (None on escapes we would have to reinterpret);
    for a shell command (``for_shell``), a value quoted for the shell is the value itself."""
    if node.type == "template_string":
        out: list[Piece] = []
        for c in node.children:
            if c.type == "string_fragment":
                out.append((False, tree.text(c)))
            elif c.type == "template_substitution":
                inner = [n for n in c.named_children]
                if len(inner) != 1:
                    return None
                out.append((True, _unwrapped(tree, inner[0]) if for_shell else tree.text(inner[0])))
            elif c.type != "`":
                return None
        return out
    if node.type == "binary_expression" and tree.text(node.child_by_field_name("operator") or node) == "+":
        left = _pieces(tree, node.child_by_field_name("left"), for_shell=for_shell)
        right = _pieces(tree, node.child_by_field_name("right"), for_shell=for_shell)
        return left + right if left is not None and right is not None else None
    if node.type == "string":
        value = _string_value(tree, node)
        return [(False, value)] if value is not None else None
    if node.type in {"parenthesized_expression", "sequence_expression", "assignment_expression"}:
        return None
    return [(True, _unwrapped(tree, node) if for_shell else tree.text(node))]


def _quoted(text: str) -> str | None:
    """A JavaScript string literal for constant ``text``."""
    if "\\" in text or "\n" in text:
        return None
    for q in ("'", '"'):
        if q not in text:
            return q + text + q
    return "`" + text + "`" if "`" not in text and "${" not in text else None


def _template(pieces: tuple[Piece, ...]) -> str | None:
    out = []
    for is_value, text in pieces:
        if is_value:
            out.append("${" + text + "}")
        elif "`" in text or "${" in text or "\\" in text:
            return None
        else:
            out.append(text)
    return "`" + "".join(out) + "`"


def _render(pieces: tuple[Piece, ...]) -> str | None:
    fixed = constant(pieces)
    if fixed is not None:
        return _quoted(fixed)
    value = single_value(pieces)
    return value if value is not None else _template(pieces)


def _args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return list(args.named_children) if args is not None else []


def _declaration(tree: Tree, ident: Node, call: Node) -> Node | None:
    """The one ``const``/``let`` declarator of ``ident`` in the call's function, on an earlier line,
    with ``ident`` used nowhere else there."""
    func = enclosing(call, _FUNCTIONS) or tree.root
    name = tree.text(ident)
    uses = [n for n in walk(func) if n.type == "identifier" and tree.text(n) == name]
    decls = [
        n
        for n in walk(func)
        if n.type == "variable_declarator" and tree.text(n.child_by_field_name("name") or n) == name
    ]
    if len(decls) != 1 or len(uses) != 2 or decls[0].parent is None:
        return None
    decl = decls[0]
    if decl.parent.type != "lexical_declaration" or decl.start_point[0] >= call.start_point[0]:
        return None
    return decl.child_by_field_name("value")


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language not in {"javascript", "typescript"} or finding.replacement is not None:
        return None
    if finding.category not in {"sql-injection", "command-injection"}:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    binds = _bindings(tree)
    for call in walk(tree.root):
        if call.type != "call_expression":
            continue
        first = _args(call)[:1]
        if not (on_lines(call, finding.lines) or (first and on_lines(first[0], finding.lines))):
            continue
        if finding.category == "sql-injection":
            found = _sql(tree, binds, call)
        else:
            found = _exec(tree, binds, call, sf)
        if found is not None:
            edits, steps = found
            return to_finding(finding, sf, edits, steps)
    return None


def _style(binds: _Bindings) -> str | None:
    styles = {"?" for m in binds.modules if m in _QMARK} | {"$" for m in binds.modules if m in _DOLLAR}
    return styles.pop() if len(styles) == 1 else None


def _sql(tree: Tree, binds: _Bindings, call: Node) -> tuple[list[Edit], list[str]] | None:
    func = call.child_by_field_name("function")
    style = _style(binds)
    if func is None or func.type != "member_expression" or style is None:
        return None
    method = tree.text(func.child_by_field_name("property") or func)
    args = _args(call)
    if method not in _SQL_METHODS or not args or (method == "raw" and (style != "?" or len(args) != 1)):
        return None
    if len(args) > 1 and args[1].type in {"array", "object"}:
        return None  # values are already passed
    arg = args[0]
    value = _declaration(tree, arg, call) if arg.type == "identifier" else None
    built = value if value is not None else arg
    pieces = _pieces(tree, built)
    result = (
        parameterise(pieces, (lambda n: f"${n}") if style == "$" else (lambda _n: "?")) if pieces else None
    )
    if result is None:
        return None
    sql, params = result
    if style == "?" and sql.count("?") != len(params):
        return None
    literal = _quoted(sql)
    rendered = [_render(p.pieces) if p.single is None else p.single for p in params]
    if literal is None or any(r is None for r in rendered):
        return None
    values = "[" + ", ".join(r for r in rendered if r) + "]"
    if value is None:
        edit = tree.edit(arg, f"{literal}, {values}")
        return ([edit], []) if edit else None
    first, second = tree.edit(value, literal), tree.insert_after(arg, f", {values}")
    return ([first, second], []) if first and second else None


def _exec(tree: Tree, binds: _Bindings, call: Node, sf: SourceFile) -> tuple[list[Edit], list[str]] | None:
    func = call.child_by_field_name("function")
    if func is None:
        return None
    target = _exec_target(tree, binds, func)
    args = _args(call)
    if target is None or not args or any("shell" in tree.text(a) for a in args[1:] if a.type == "object"):
        return None
    member = target[1]
    arg = args[0]
    value = _declaration(tree, arg, call) if arg.type == "identifier" else None
    built = value if value is not None else arg
    pieces = _pieces(tree, built, for_shell=True)
    words = split_command(pieces) if pieces else None
    if words is None:
        return None
    rendered = [_render(w) for w in words]
    if any(r is None for r in rendered):
        return None
    program, rest = rendered[0], rendered[1:]
    wanted = "execFile" if member == "exec" else "execFileSync"
    edits: list[Edit] = []
    steps = [STRING_STEP]
    name = _exec_name(tree, binds, target, wanted, _Site(call, sf, edits, steps))
    argv = f"{program}, [{', '.join(r for r in rest if r)}]"
    if value is None:
        new = [tree.edit(func, name), tree.edit(arg, argv)]
    else:  # the variable now holds the arguments; the program is named in the call
        new = [
            tree.edit(func, name),
            tree.edit(value, "[" + ", ".join(r for r in rest if r) + "]"),
            tree.edit(arg, f"{program}, {tree.text(arg)}"),
        ]
    if not all(new):
        return None
    return [*edits, *(e for e in new if e)], steps


def _exec_target(tree: Tree, binds: _Bindings, func: Node) -> tuple[str, str, str] | None:
    """(module, exec or execSync, the object prefix or "") for a child_process exec call."""
    if func.type == "identifier":
        module, member = binds.names.get(tree.text(func), ("", None))
        if module in _CHILD and member in {"exec", "execSync"}:
            return module, member, ""
    elif func.type == "member_expression":
        obj, prop = func.child_by_field_name("object"), func.child_by_field_name("property")
        if obj is not None and prop is not None and obj.type == "identifier":
            module, member = binds.names.get(tree.text(obj), ("", "x"))
            if module in _CHILD and member is None and tree.text(prop) in {"exec", "execSync"}:
                return module, tree.text(prop), tree.text(obj) + "."
    return None


@dataclass
class _Site:
    call: Node
    sf: SourceFile
    edits: list[Edit]
    steps: list[str]


def _exec_name(tree: Tree, binds: _Bindings, target: tuple[str, str, str], wanted: str, site: _Site) -> str:
    """The expression naming ``execFile``/``execFileSync`` here, adding an import edit or a step."""
    module, _, prefix = target
    call, sf, edits, steps = site.call, site.sf, site.edits, site.steps
    if prefix:
        return prefix + wanted
    bound = next(
        (local for local, (m, member) in binds.names.items() if m in _CHILD and member == wanted), None
    )
    if bound is not None:
        return bound
    pattern = binds.patterns.get(module)
    if pattern is not None:
        row = pattern.end_point[0] + 1
        near = 0 <= call.start_point[0] + 1 - row <= MAX_WIDEN
        added = all(n in sf.change.added_lines for n in range(row, call.start_point[0] + 2))
        last = pattern.named_children[-1] if pattern.named_children else None
        if near and added and last is not None:
            edit = tree.insert_after(last, f", {wanted}")
            if edit is not None:
                edits.append(edit)
                return wanted
    if binds.commonjs:
        return f"require({_quoted(module)}).{wanted}"
    steps.append(f"Import `{wanted}` from `{module}` (the fix uses it).")
    return wanted
