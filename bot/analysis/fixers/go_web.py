"""Go web fixers, on the tree-sitter tree: cookie flags, HTML escaping and crypto/rand.

- an ``http.Cookie{...}`` literal on the flagged lines: ``Secure``/``HttpOnly`` ``false`` -> ``true``,
  missing ones added (gofmt's alignment kept), and ``SameSite: http.SameSiteLaxMode`` for a session
  or auth cookie;
- ``fmt.Fprintf(w, "<...%s...>", v)`` with an HTML format: each ``%s`` value wrapped in
  ``html.EscapeString``; ``template.HTML(v)`` -> ``template.HTML(template.HTMLEscapeString(v))``;
- ``import "math/rand"`` in a file whose only use of it is ``rand.Read`` -> ``"crypto/rand"`` (the same
  call, from the operating system's CSPRNG);
- ``http.Redirect(w, r, next, code)`` with ``next`` a variable of the function: right before it, ``next``
  is parsed with ``url.Parse`` and replaced by ``"/"`` unless it is a path on this site (no error, no
  scheme, no host, one leading ``/`` not followed by another, no backslash anywhere; ``url.Parse``
  refuses control characters, so a tab cannot smuggle ``//`` past the check).
An import is added only where the import block is inside the change (else named in the steps).
Pure: text in, text out.
"""

from __future__ import annotations

import re

from bot.analysis.fixers.edits import MAX_WIDEN, Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

SENSITIVE = re.compile(r"sess|sid|token|auth|jwt|remember|login|credential|csrf", re.I)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "go" or finding.replacement is not None:
        return None
    handler = {
        "insecure-cookie": _cookie,
        "xss": _xss,
        "insecure-randomness": _rand,
        "open-redirect": _redirect,
    }.get(finding.category)
    if handler is None:
        return None
    tree = parse(sf.text, "go", sf.path)
    return None if tree is None else handler(finding, sf, tree)


# -- cookies ---------------------------------------------------------------------------------------


def _cookie(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    literals = [
        n
        for n in walk(tree.root)
        if n.type == "composite_literal"
        and tree.text(n.child_by_field_name("type")) == "http.Cookie"
        and n.start_point[0] + 1 <= finding.end_line
        and n.end_point[0] + 1 >= finding.start_line
    ]
    if len(literals) != 1:
        return None
    body = literals[0].child_by_field_name("body")
    if body is None or body.start_point[0] == body.end_point[0]:
        return None  # a one-line literal: rewrite by hand
    fields: dict[str, Node] = {}
    for element in body.named_children:
        if element.type != "keyed_element" or len(element.named_children) != 2:
            continue
        key, value = element.named_children
        fields[tree.text(key)] = value
    name = fields.get("Name")
    wanted = [("Secure", "true"), ("HttpOnly", "true")]
    if name is not None and SENSITIVE.search(tree.text(name)):
        wanted.append(("SameSite", "http.SameSiteLaxMode"))
    flawed = [k for k in ("Secure", "HttpOnly") if k not in fields or tree.text(fields[k]) == "false"]
    if not flawed:
        return None  # Secure and HttpOnly already set: SameSite alone is hardening, not this fix
    edits: list[Edit | None] = []
    for key, value in wanted:
        current = fields.get(key)
        if current is not None and tree.text(current) == "false":
            edits.append(tree.edit(current, value))
    missing = [(k, v) for k, v in wanted if k not in fields]
    if missing:
        closing = body.end_point[0]  # the line of the closing brace
        last = body.named_children[-1] if body.named_children else None
        if last is None or last.end_point[0] + 1 != closing:
            return None
        row = tree.lines[last.start_point[0]]
        indent = row[: len(row) - len(row.lstrip())]
        # the block's own value column (gofmt's alignment), one space past a longer key
        first = body.named_children[0]
        key_node, value_node = [*first.named_children, first, first][:2]
        width = value_node.start_point[1] - key_node.start_point[1] if first.type == "keyed_element" else 0
        text = "".join(
            f"\n{indent}{(k + ':').ljust(width) if len(k) + 2 <= width else k + ': '}{v}," for k, v in missing
        )
        end = len(tree.lines[last.end_point[0]])
        edits.append(Edit(last.end_point[0] + 1, end, end, text))
    if not edits or None in edits:
        return None
    edits += [Edit(finding.start_line, 0, 0, ""), Edit(finding.end_line, 0, 0, "")]  # keep the flagged lines
    step = (
        "The cookie is now sent only over HTTPS (Secure) and hidden from page scripts (HttpOnly); "
        "check that nothing reads it in the page or serves it over plain HTTP."
    )
    return to_finding(finding, sf, [e for e in edits if e is not None], (step,))


# -- XSS -------------------------------------------------------------------------------------------


def _verbs(fmt: str) -> list[str] | None:
    """The verbs of a Go format string in order (``s``, ``d``...), or None for ``*`` or ``[n]``."""
    out = []
    i = 0
    while i < len(fmt):
        if fmt[i] != "%":
            i += 1
            continue
        j = i + 1
        while j < len(fmt) and fmt[j] in "+-# 0123456789.":
            j += 1
        if j >= len(fmt) or fmt[j] in "*[":
            return None
        if fmt[j] != "%":
            out.append(fmt[j])
        i = j + 1
    return out


def _xss(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    edits: list[Edit | None] = []
    needs_html = False
    for call in (n for n in walk(tree.root) if n.type == "call_expression" and on_lines(n, finding.lines)):
        fn = tree.text(call.child_by_field_name("function"))
        args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
        if fn == "fmt.Fprintf" and len(args) >= 2 and args[1].type == "interpreted_string_literal":
            fmt = tree.text(args[1])
            verbs = _verbs(fmt)
            if "<" not in fmt or verbs is None or len(verbs) != len(args) - 2:
                return None
            for verb, arg in zip(verbs, args[2:], strict=True):
                if verb == "s" and "EscapeString" not in tree.text(arg):
                    edits.append(tree.edit(arg, f"html.EscapeString({tree.text(arg)})"))
                    needs_html = True
        elif (
            fn == "template.HTML"
            and len(args) == 1
            and "Escape" not in tree.text(args[0])
            # constant markup the program wrote itself (`template.HTML("<br>")`) is the point of the cast
            and args[0].type not in ("interpreted_string_literal", "raw_string_literal")
        ):
            edits.append(tree.edit(args[0], f"template.HTMLEscapeString({tree.text(args[0])})"))
    if not edits or None in edits:
        return None
    steps = [
        "Each value is escaped where it enters the HTML; better still, render it with html/template, "
        "which escapes by context."
    ]
    if needs_html:
        added = _add_import(tree, sf, "html", finding.start_line)
        if added is None:
            steps.append('Add "html" to the file\'s imports (the import block is outside this change).')
        elif isinstance(added, Edit):
            edits.append(added)
    return to_finding(finding, sf, [e for e in edits if e is not None], steps)


def _imports(tree: Tree) -> list[Node]:
    return [n for n in walk(tree.root) if n.type == "import_spec"]


def _add_import(tree: Tree, sf: SourceFile, path: str, fix_line: int) -> Edit | bool | None:
    """An edit adding ``path`` to the import block in sorted place; False when already imported,
    None when the block is outside the change or too far from the fix."""
    specs = _imports(tree)
    if any(tree.text(s.child_by_field_name("path")).strip('"') == path for s in specs):
        return False
    if not specs or specs[0].parent is None or specs[0].parent.type != "import_spec_list":
        return None
    after = None
    for spec in specs:
        if tree.text(spec.child_by_field_name("path")).strip('"') < path:
            after = spec
    anchor = after or specs[0]
    row = anchor.start_point[0] + 1
    if not 0 <= fix_line - row <= MAX_WIDEN or not all(
        n in sf.change.added_lines for n in range(row, fix_line + 1)
    ):
        return None
    line = tree.lines[row - 1]
    indent = line[: len(line) - len(line.lstrip())]
    if after is None:
        return Edit(row, 0, 0, f'{indent}"{path}"\n')
    return Edit(row, len(line), len(line), f'\n{indent}"{path}"')


# -- randomness ------------------------------------------------------------------------------------


def _rand(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    specs = [s for s in _imports(tree) if tree.text(s.child_by_field_name("path")) == '"math/rand"']
    if len(specs) != 1 or specs[0].child_by_field_name("name") is not None:
        return None
    uses = [
        n
        for n in walk(tree.root)
        if n.type == "selector_expression" and tree.text(n.child_by_field_name("operand")) == "rand"
    ]
    if not uses or any(tree.text(n.child_by_field_name("field")) != "Read" for n in uses):
        return None  # crypto/rand has no Intn, Shuffle...: that needs a rewrite by hand
    if not any(on_lines(n, finding.lines) for n in uses):
        return None
    edit = tree.edit(specs[0].child_by_field_name("path"), '"crypto/rand"')
    step = "rand.Read now fills the buffer from the operating system's CSPRNG (crypto/rand)."
    if edit is None:
        return None
    # the suggestion runs from the import down to the flagged call, so the comment stays on the call
    return to_finding(finding, sf, [edit, Edit(finding.end_line, 0, 0, "")], (step,))


# -- redirects -------------------------------------------------------------------------------------

REDIRECT_STEP = (
    "Only a path on this site is followed now (no scheme, no host, no '//' or backslash); anything "
    "else goes to /. Send users to another host only through an allow-list of hosts you trust."
)
FUNCTIONS = {"function_declaration", "method_declaration", "func_literal"}


def _redirect(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    calls = [
        n
        for n in walk(tree.root)
        if n.type == "call_expression"
        and on_lines(n, finding.lines)
        and tree.text(n.child_by_field_name("function")) == "http.Redirect"
    ]
    if len(calls) != 1:
        return None
    call = calls[0]
    args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
    statement = call.parent
    if len(args) != 4 or args[2].type != "identifier" or statement is None:
        return None
    if statement.type != "expression_statement" or statement.start_point[0] != statement.end_point[0]:
        return None
    func = statement.parent
    while func is not None and func.type not in FUNCTIONS:
        func = func.parent
    if func is None:
        return None
    target = tree.text(args[2])
    words = {tree.text(n) for n in walk(func) if n.type == "identifier"}
    if "url.Parse" in tree.text(func) or _checked_or_rewritten(tree, func, target):
        return None  # the code checks or rewrites the target itself: left to a person
    declared = [
        n
        for n in walk(func)
        if n.type == "short_var_declaration"
        and target in [tree.text(x) for x in n.child_by_field_name("left").named_children]
    ]
    if len(declared) != 1 or declared[0].start_point[0] >= statement.start_point[0]:
        return None  # a parameter or a name declared twice: by hand
    parsed = next((v for v in ("u", "parsed", "targetURL") if v not in words), None)
    failed = next((v for v in ("err", "parseErr", "urlErr") if v not in words), None)
    if parsed is None or failed is None:
        return None
    row = tree.lines[statement.start_point[0]]
    indent = row[: len(row) - len(row.lstrip())]
    unit = "\t" if indent.startswith("\t") or not indent else "    "
    check = local_path_check(target, parsed, failed)
    guard = (
        f"{parsed}, {failed} := url.Parse({target})\n{indent}if {check} {{\n"
        f'{indent}{unit}{target} = "/"\n{indent}}}\n{indent}'
    )
    at = len(indent)
    edits: list[Edit] = [Edit(statement.start_point[0] + 1, at, at, guard), Edit(finding.end_line, 0, 0, "")]
    steps = [REDIRECT_STEP]
    for path in ("net/url", "strings"):
        added = _add_import(tree, sf, path, finding.start_line)
        if added is None:
            steps.append(f'Add "{path}" to the file\'s imports (the import block is outside this change).')
        elif isinstance(added, Edit):
            edits.append(added)
    return to_finding(finding, sf, edits, steps)


def _checked_or_rewritten(tree: Tree, func: Node, name: str) -> bool:
    """Whether a condition in the function reads ``name`` or an assignment rewrites it."""
    for n in walk(func):
        if n.type == "if_statement":
            condition = n.child_by_field_name("condition")
            if condition is not None and any(
                x.type == "identifier" and tree.text(x) == name for x in walk(condition)
            ):
                return True
        if n.type == "assignment_statement":
            left = n.child_by_field_name("left")
            if left is not None and any(tree.text(x) == name for x in left.named_children):
                return True
    return False


def local_path_check(target: str, parsed: str, failed: str) -> str:
    """The Go condition under which ``target`` is not a path on this site (``parsed, failed :=
    url.Parse(target)`` before it): a parse error, a scheme, a host, no leading ``/``, ``//`` or a
    backslash. The redirect fixers' guards and what the Go rule pack accepts as a check."""
    return (
        f'{failed} != nil || {parsed}.Scheme != "" || {parsed}.Host != "" || '
        f'!strings.HasPrefix({target}, "/") || strings.HasPrefix({target}, "//") || '
        f'strings.Contains({target}, "\\\\")'
    )
