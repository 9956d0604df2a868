"""A Go redirect built from the request's Host header (open-redirect) -> a redirect to the path alone,
checked to be a path on this site, on the tree-sitter tree.

``http.Redirect(w, r, fmt.Sprintf("//%s%s", r.Host, p), code)`` (what trailing-slash middlewares
write) sends the browser to whatever host the request named: a ``Host: evil.example`` header, or a
path starting ``//``, points it at another site. The browser already resolves a path against the
host it asked, so the host is dropped: ``target := p``, then the check ``go_web`` writes for a
redirect target (``url.Parse``: no scheme, no host, one leading ``/`` not followed by another, no
backslash; anything else goes to ``/``), then ``http.Redirect(w, r, target, code)``. Only as one
statement on one line; ``net/url`` and ``strings`` are added and ``fmt`` removed (when nothing else
uses it) where the import block is within the change, else the fix is left to a person (Go refuses an
unused import, so the steps could not make it compile alone). Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.go_web import REDIRECT_STEP, _add_import, _imports, local_path_check
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

FUNCTIONS = {"function_declaration", "method_declaration", "func_literal"}
HOST_FORMAT = '"//%s%s"'


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "go" or finding.category != "open-redirect" or finding.replacement is not None:
        return None
    tree = parse(sf.text, "go", sf.path)
    if tree is None:
        return None
    calls = [
        n
        for n in walk(tree.root)
        if n.type == "call_expression"
        and n.start_point[0] + 1 in finding.lines
        and tree.text(n.child_by_field_name("function")) == "http.Redirect"
    ]
    return _rewrite(finding, sf, tree, calls[0]) if len(calls) == 1 else None


def _args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


def _rewrite(finding: Finding, sf: SourceFile, tree: Tree, call: Node) -> Finding | None:
    args = _args(call)
    statement = call.parent
    if len(args) != 4 or statement is None or statement.type != "expression_statement":
        return None
    if statement.start_point[0] != statement.end_point[0]:
        return None
    built = args[2]
    function = built.child_by_field_name("function") if built.type == "call_expression" else None
    inner = _args(built) if function is not None else []
    if function is None or tree.text(function) != "fmt.Sprintf" or len(inner) != 3:
        return None
    if tree.text(inner[0]) != HOST_FORMAT or tree.text(inner[1]) != f"{tree.text(args[1])}.Host":
        return None
    func = enclosing(statement, FUNCTIONS)
    if func is None:
        return None
    words = {tree.text(n) for n in walk(tree.root) if n.type == "identifier"}
    names = [next((v for v in choices if v not in words), None) for choices in _NAMES]
    if None in names:
        return None
    target, parsed, failed = (str(n) for n in names)
    row = tree.lines[statement.start_point[0]]
    indent = row[: len(row) - len(row.lstrip())]
    unit = "\t" if indent.startswith("\t") or not indent else "    "
    check = local_path_check(target, parsed, failed)
    redirect = f"http.Redirect({tree.text(args[0])}, {tree.text(args[1])}, {target}, {tree.text(args[3])})"
    lines = [
        f"{target} := {tree.text(inner[2])}",
        f"{parsed}, {failed} := url.Parse({target})",
        f"if {check} {{",
        f'{unit}{target} = "/"',
        "}",
        redirect,
    ]
    first = statement.start_point[0] + 1
    edits = [Edit(first, len(indent), len(row), f"\n{indent}".join(lines))]
    imports = _import_edits(sf, tree, built, first)
    if imports is None:
        return None
    return to_finding(finding, sf, [*edits, *imports], (REDIRECT_STEP,))


_NAMES = (("target", "location"), ("u", "parsed", "targetURL"), ("err", "parseErr", "urlErr"))


def _import_edits(sf: SourceFile, tree: Tree, built: Node, fix_line: int) -> list[Edit] | None:
    """``net/url`` and ``strings`` added, ``fmt`` removed when ``built`` was its only use; None when
    the import block cannot be edited within the suggestion."""
    edits: list[Edit] = []
    for path in ("net/url", "strings"):
        added = _add_import(tree, sf, path, fix_line)
        if added is None:
            return None
        if isinstance(added, Edit):
            edits.append(added)
    uses = [
        n
        for n in walk(tree.root)
        if n.type == "selector_expression" and tree.text(n.child_by_field_name("operand")) == "fmt"
    ]
    if len(uses) == 1 and uses[0].start_byte >= built.start_byte and uses[0].end_byte <= built.end_byte:
        specs = [s for s in _imports(tree) if tree.text(s.child_by_field_name("path")) == '"fmt"']
        if len(specs) != 1 or specs[0].child_by_field_name("name") is not None:
            return None
        spec = specs[0]
        if spec.parent is None or spec.parent.type != "import_spec_list":
            return None  # a lone `import "fmt"`: the block would have to change shape
        row = spec.start_point[0] + 1
        if tree.lines[row - 1].strip() != '"fmt"' or row not in sf.change.added_lines:
            return None
        edits.append(Edit(row, 0, 0, "", row + 1))
    return edits
