"""Go path-traversal fixers, on the tree-sitter tree: a name joined under a directory is refused unless
``filepath.IsLocal`` (Go 1.20+) says it stays there (not absolute, no ``..`` climbing out, not empty, no
reserved Windows name).

- in an HTTP handler ``func(w http.ResponseWriter, r *http.Request)`` without results: the statement
  that joins ``filepath.Join(dir, name)`` gets, right above it, ``if !filepath.IsLocal(name) {
  http.Error(w, "invalid path", http.StatusBadRequest); return }``;
- in a loop over an archive's entries (``for _, f := range r.File``) of a function whose only result is
  ``error``: ``if !filepath.IsLocal(f.Name) { return &os.PathError{...} }`` before the join (zip slip),
  when the file imports ``os``.
The check is inserted with the statement's own indentation, so the suggestion is that statement with
the guard above it. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

CHECKS = ("IsLocal(", "HasPrefix(", "filepath.Rel(", "SecureJoin(", "OpenRoot(")
FUNCS = {"function_declaration", "method_declaration", "func_literal"}
STEP = (
    "A name that is absolute or climbs out with `..` is now refused (filepath.IsLocal, Go 1.20 or later); "
    "add a test with `../` in the name."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "go" or finding.category != "path-traversal" or finding.replacement is not None:
        return None
    tree = parse(sf.text, "go", sf.path)
    if tree is None:
        return None
    joins = [
        c
        for c in walk(tree.root)
        if c.type == "call_expression"
        and tree.text(c.child_by_field_name("function")) == "filepath.Join"
        and _statement(c) is not None
    ]
    for join in joins:
        args = join.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        statement = _statement(join)
        func = enclosing(join, FUNCS)
        if len(items) != 2 or statement is None or func is None or not _reaches(tree, statement, finding):
            continue
        name = tree.text(items[1])
        if "\n" in name or "Base(" in name or any(check in tree.text(func) for check in CHECKS):
            return None  # a base name, or a function that checks its paths already
        body = _guard_body(tree, func, statement, name, sf.text)
        if body is None:
            return None
        row = tree.lines[statement.start_point[0]]
        indent = indent_of(row)
        unit = "\t" if indent.startswith("\t") else "    "
        guard = (
            f"{indent}if !filepath.IsLocal({name}) {{\n"
            + "".join(f"{indent}{unit}{b}\n" for b in body)
            + f"{indent}}}\n"
        )
        edits = [Edit(statement.start_point[0] + 1, 0, 0, guard), Edit(finding.end_line, 0, 0, "")]
        return to_finding(finding, sf, edits, (STEP,))
    return None


def _statement(node: Node) -> Node | None:
    """The statement holding ``node`` when it is one of a block's own statements (not an if's header)."""
    current = node
    while current.parent is not None and current.parent.type not in {"block", "statement_list"}:
        if current.parent.type in FUNCS or current.parent.type in {
            "if_statement",
            "for_clause",
            "func_literal",
        }:
            return None
        current = current.parent
    return current if current.parent is not None else None


def _reaches(tree: Tree, statement: Node, finding: Finding) -> bool:
    """The joined statement is on the flagged lines, or declares the name the flagged line uses."""
    first, last = statement.start_point[0] + 1, statement.end_point[0] + 1
    if first <= finding.end_line and last >= finding.start_line:
        return True
    if (
        statement.type != "short_var_declaration"
        or first > finding.start_line
        or finding.start_line - first > 6
    ):
        return False
    left = statement.child_by_field_name("left")
    names = [tree.text(n) for n in (left.named_children if left else [])]
    flagged = " ".join(tree.lines[finding.start_line - 1 : finding.end_line]).replace(" ", "")
    return len(names) == 1 and any(f"{a}{names[0]}{b}" in flagged for a in "(," for b in "),")


def _guard_body(tree: Tree, func: Node, statement: Node, name: str, text: str) -> list[str] | None:
    params = func.child_by_field_name("parameters")
    result = func.child_by_field_name("result")
    ptext = tree.text(params) if params is not None else ""
    if result is None and "http.ResponseWriter" in ptext and "*http.Request" in ptext:
        writer = ptext.strip("()").split(",")[0].split()[0]
        return [f'http.Error({writer}, "invalid path", http.StatusBadRequest)', "return"]
    loop = enclosing(statement, {"for_statement"})
    ranged = tree.text(loop.named_children[0]) if loop is not None and loop.named_children else ""
    entry = name.removesuffix(".Name")
    in_archive = (
        name.endswith(".Name") and ranged.startswith(f"_, {entry} := range ") and ranged.endswith(".File")
    )
    if result is not None and tree.text(result) == "error" and in_archive and '"os"' in text:
        return [f'return &os.PathError{{Op: "extract", Path: {name}, Err: os.ErrInvalid}}']
    return None
