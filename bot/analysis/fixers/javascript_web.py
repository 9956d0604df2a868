"""JavaScript and TypeScript web fixers, on the tree-sitter tree: DOM XSS, cookie options, redirects
and file paths.

- ``el.innerHTML = value`` -> ``el.textContent = value`` when the value is text (no HTML literal in
  it, not a name or call that says html/markup/render): the same text, never parsed as markup;
- ``res.cookie(name, value[, { ... }])``: ``secure: true`` (and for a session or auth cookie
  ``httpOnly: true``, ``sameSite: 'lax'``) added or turned on in a one-line options object;
- ``res.redirect(url)`` / ``location.href = url`` with ``url`` a plain name: only a same-site path is
  followed (a leading ``/`` that is not ``//`` or ``/\\``), anything else goes to ``'/'``;
- a file sink whose path is a ``const`` built by ``path.join(BASE, ...)`` or ``path.resolve(BASE, ...)``
  in the same function: ``path.resolve`` and a ``startsWith(path.resolve(BASE) + path.sep)`` check right
  after, answering 404 in an Express handler and throwing elsewhere.
A function that already checks the value is left alone. Pure: text in, text out.
"""

from __future__ import annotations

import re

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

SENSITIVE = re.compile(r"sess|sid|auth|token|jwt|remember|login|access|refresh|credential|csrf|xsrf", re.I)
PREFERENCE = re.compile(
    r"theme|lang|locale|pref|consent|timezone|currency|dismiss|banner|layout|colou?r", re.I
)
MARKUP = re.compile(r"html|markup|render|template|markdown|marked|sanitiz|purif|svg", re.I)
FUNCTIONS = {"function_declaration", "function_expression", "arrow_function", "method_definition"}
PATH_SINKS = {
    "readFile",
    "readFileSync",
    "createReadStream",
    "createWriteStream",
    "writeFile",
    "writeFileSync",
    "appendFile",
    "appendFileSync",
    "unlink",
    "unlinkSync",
    "sendFile",
    "download",
    "rm",
    "rmSync",
}
SECRET = re.compile(
    r"token|secret|passw|otp|nonce|salt|session|sid|csrf|xsrf|api_?key|reset|invite|verif|code|key|auth", re.I
)
CHECKS = (
    "startsWith(",
    "relative(",
    "basename(",
    "isAllowed",
    "isSafe",
    "allowlist",
    "allowList",
    "new URL(",
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language not in ("javascript", "typescript") or finding.replacement is not None:
        return None
    handler = {
        "xss": _xss,
        "insecure-cookie": _cookie,
        "open-redirect": _redirect,
        "path-traversal": _path,
        "insecure-randomness": _random,
    }.get(finding.category)
    if handler is None:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    return handler(finding, sf, tree)


def _property(node: Node) -> str:
    prop = node.child_by_field_name("property") if node.type == "member_expression" else None
    return "" if prop is None else str(prop.text.decode("utf-8", errors="replace"))


def _nodes(tree: Tree, finding: Finding, kind: str) -> list[Node]:
    return [n for n in walk(tree.root) if n.type == kind and on_lines(n, finding.lines)]


# -- DOM XSS ---------------------------------------------------------------------------------------


def _xss(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    edits: list[Edit | None] = []
    for node in _nodes(tree, finding, "assignment_expression"):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or _property(left) != "innerHTML":
            continue
        if not _is_text(tree, right):
            return None  # markup: only a sanitiser or a template keeps it, advice
        edits.append(tree.edit(left.child_by_field_name("property"), "textContent"))
    if not edits or None in edits:
        return None
    step = (
        "The value is now set as text (textContent): the browser shows it and never parses it as HTML. "
        "If it was meant to carry markup, build the elements with createElement instead."
    )
    return to_finding(finding, sf, [e for e in edits if e is not None], (step,))


def _is_text(tree: Tree, value: Node) -> bool:
    for n in walk(value):
        if n.type in ("string", "template_string", "string_fragment") and "<" in tree.text(n):
            return False
        if n.type in ("identifier", "property_identifier") and MARKUP.search(tree.text(n)):
            return False
    return True


# -- cookies ---------------------------------------------------------------------------------------


def _cookie(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:  # noqa: C901, PLR0911, PLR0912
    calls = [
        c
        for c in _nodes(tree, finding, "call_expression")
        if _property(c.child_by_field_name("function")) == "cookie"
    ]
    if len(calls) != 1:
        return None
    args = [a for a in calls[0].child_by_field_name("arguments").named_children if a.type != "comment"]
    if len(args) not in (2, 3) or args[0].type != "string":
        return None
    label = tree.text(args[0])
    if PREFERENCE.search(label):
        return None
    quote = label[0] if label[:1] in ("'", '"') else "'"
    flags = [("secure", "true"), ("httpOnly", "true"), ("sameSite", f"{quote}lax{quote}")]
    if not SENSITIVE.search(label):
        flags = flags[:1]
    if len(args) == 2:
        text = ", ".join(f"{k}: {v}" for k, v in flags)
        edit = tree.insert_after(args[1], f", {{ {text} }}")
        return to_finding(finding, sf, [edit], (_COOKIE_STEP,)) if edit else None
    options = args[2]
    if options.type != "object" or options.start_point[0] != options.end_point[0]:
        return None
    pairs = {}
    for pair in options.named_children:
        if pair.type == "spread_element":
            return None  # the flags may come from the spread
        if pair.type == "pair":
            key = tree.text(pair.child_by_field_name("key")).strip("'\"")
            pairs[key] = pair.child_by_field_name("value")
    edits: list[Edit | None] = []
    for key, value in flags:
        current = pairs.get(key)
        if current is not None and tree.text(current) in ("false", "undefined", "null"):
            edits.append(tree.edit(current, value))
    missing = [f"{k}: {v}" for k, v in flags if k not in pairs]
    if not edits and not ({"secure", "httpOnly"} & {k for k, _ in flags}) - set(pairs):
        return None
    if missing:
        last = [c for c in options.named_children if c.type != "comment"]
        if not last:
            edits.append(tree.edit(options, "{ " + ", ".join(missing) + " }"))
        else:
            edits.append(tree.insert_after(last[-1], ", " + ", ".join(missing)))
    if not edits or None in edits:
        return None
    return to_finding(finding, sf, [e for e in edits if e is not None], (_COOKIE_STEP,))


_COOKIE_STEP = (
    "The cookie is now sent only over HTTPS (secure), and a session cookie is hidden from page scripts "
    "(httpOnly) and not sent on cross-site requests (sameSite lax): check nothing reads it in the page."
)


# -- redirects -------------------------------------------------------------------------------------


def _redirect(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    targets: list[Node] = []
    for call in _nodes(tree, finding, "call_expression"):
        fn = call.child_by_field_name("function")
        if _property(fn) in ("redirect", "assign", "replace"):
            args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
            if args and args[-1].type == "identifier" and len(args) <= 2:
                targets.append(args[-1])
    for node in _nodes(tree, finding, "assignment_expression"):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or right.type != "identifier":
            continue
        if tree.text(left) in ("location", "window.location", "document.location") or (
            _property(left) == "href" and "location" in tree.text(left)
        ):
            targets.append(right)
    if len(targets) != 1:
        return None
    target = targets[0]
    func = enclosing(target, FUNCTIONS)
    statement = _statement(target)
    if func is None or statement is None or any(c in tree.text(func) for c in CHECKS):
        return None
    if (
        statement.start_point[0] != statement.end_point[0]
        or statement.start_point[0] + 1 not in finding.lines
    ):
        return None
    name = tree.text(target)
    for d in walk(func):
        condition = d.child_by_field_name("condition") if d.type == "if_statement" else None
        if condition is not None and name in tree.text(condition).replace("(", " ").replace(")", " ").split():
            return None  # the code checks the target itself (a helper, a pattern): leave it to a person
        value = d.child_by_field_name("value") if d.type == "variable_declarator" else None
        constant = value is not None and value.type in ("subscript_expression", "string", "template_string")
        if constant and tree.text(d.child_by_field_name("name")) == name:
            return None  # a lookup in the code's own table, or a constant: not attacker-chosen
    line = tree.lines[statement.start_point[0]]
    indent = indent_of(line)
    unit = "  " if "\t" not in indent else "\t"
    sink = tree.text(statement)
    start = target.start_byte - statement.start_byte
    home = sink[:start] + "'/'" + sink[start + (target.end_byte - target.start_byte) :]
    leave = "" if sink.startswith("return") else f"\n{indent}{unit}return;"
    guard = (
        f"if (!{name}.startsWith('/') || {name}.startsWith('//') || "
        f"{name}.startsWith('/\\\\')) {{\n{indent}{unit}{home}{leave}\n{indent}}}\n{indent}"
    )
    at = len(indent)
    step = (
        f"Only a path on this site is followed now; any other `{name}` goes to `/`. Send users to "
        "another host only through an allow-list of hosts you trust."
    )
    return to_finding(finding, sf, [Edit(statement.start_point[0] + 1, at, at, guard)], (step,))


def _statement(node: Node) -> Node | None:
    current = node
    while current is not None and not current.type.endswith("_statement"):
        current = current.parent
    return current


# -- paths -----------------------------------------------------------------------------------------


def _path(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:  # noqa: PLR0911
    names = set()
    for call in _nodes(tree, finding, "call_expression"):
        fn = call.child_by_field_name("function")
        called = _property(fn) if fn.type == "member_expression" else tree.text(fn)
        args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
        if called in PATH_SINKS and args and args[0].type == "identifier":
            names.add(tree.text(args[0]))
    if len(names) != 1:
        return None
    name = names.pop()
    func = enclosing(_nodes(tree, finding, "call_expression")[0], FUNCTIONS)
    if func is None or any(c in tree.text(func) for c in CHECKS):
        return None
    decls = [
        d
        for d in walk(func)
        if d.type == "variable_declarator" and tree.text(d.child_by_field_name("name")) == name
    ]
    if len(decls) != 1:
        return None
    decl = decls[0]
    statement = decl.parent
    value = decl.child_by_field_name("value")
    if statement is None or statement.type != "lexical_declaration" or value is None:
        return None
    if value.type != "call_expression" or statement.start_point[0] != statement.end_point[0]:
        return None
    fn = value.child_by_field_name("function")
    module = fn.child_by_field_name("object") if fn.type == "member_expression" else None
    if module is None or module.type != "identifier" or _property(fn) not in ("join", "resolve"):
        return None
    args = [a for a in value.child_by_field_name("arguments").named_children if a.type != "comment"]
    if len(args) < 2 or args[0].start_point[0] != args[0].end_point[0]:
        return None
    mod, base = tree.text(module), tree.text(args[0])
    params = func.child_by_field_name("parameters")
    names = (
        {tree.text(p).split(":")[0].strip().rstrip("?") for p in params.named_children} if params else set()
    )
    express = {"req", "res"} <= names
    refuse = (
        "return res.status(404).end();" if express else "throw new Error('path escapes its base directory');"
    )
    line = tree.lines[statement.start_point[0]]
    indent = indent_of(line)
    unit = "  " if "\t" not in indent else "\t"
    check = (
        f"\n{indent}if (!{name}.startsWith({mod}.resolve({base}) + {mod}.sep)) {{\n"
        f"{indent}{unit}{refuse}\n{indent}}}"
    )
    edits = [tree.edit(fn.child_by_field_name("property"), "resolve"), tree.insert_after(statement, check)]
    # the suggestion runs down to the flagged sink, so the comment stays where the flaw is
    edits.append(Edit(finding.end_line, 0, 0, ""))
    if None in edits:
        return None
    step = "A path that resolves outside its base directory (`..`, an absolute path) is refused now."
    return to_finding(finding, sf, [e for e in edits if e is not None], (step,))


# -- randomness ------------------------------------------------------------------------------------


def _random(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    """``Math.random()`` making a secret in Node code -> ``crypto``: ``Math.floor(Math.random() * n)``
    -> ``crypto.randomInt(n)``, ``Math.random().toString(36).slice(2)`` -> 16 random bytes in hex."""
    anchor = next(iter(_nodes(tree, finding, "identifier")), None)
    func = enclosing(anchor, FUNCTIONS) if anchor is not None else None
    if func is None:
        return None
    name = func.child_by_field_name("name")
    named_secret = name is not None and SECRET.search(tree.text(name)) is not None
    # in a function named for a secret every draw is part of it; elsewhere only a draw on a line that
    # makes a secret (a jitter or a sample next to a session id stays as it is)
    randoms = [
        n
        for n in walk(func)
        if n.type == "call_expression"
        and tree.text(n) == "Math.random()"
        and (named_secret or SECRET.search(tree.lines[n.start_point[0]]))
    ]
    if not randoms:
        return None
    node_code = "require(" in sf.text or "module.exports" in sf.text or "from 'crypto'" in sf.text
    if not node_code:
        return None  # browser code: crypto.getRandomValues, rewritten by hand
    quote = '"' if sf.text.count('"') > sf.text.count("'") else "'"
    edits: list[Edit | None] = [_secure_random(tree, call, quote) for call in randoms]
    if None in edits:
        return None
    steps = ["The value now comes from the operating system's CSPRNG (Node's crypto module)."]
    bound = any(
        marker in sf.text
        for marker in ("crypto = require('crypto')", 'crypto = require("crypto")', "crypto from 'crypto'")
    ) or any(marker in sf.text for marker in ("require('node:crypto')", "* as crypto from"))
    if not bound:
        if 1 in sf.change.added_lines and all(
            n in sf.change.added_lines for n in range(1, finding.end_line + 1)
        ):
            edits.append(Edit(1, 0, 0, f"const crypto = require({quote}crypto{quote});\n"))
        else:
            steps.append("Add `const crypto = require('crypto');` at the top of the file.")
    edits += [Edit(finding.start_line, 0, 0, ""), Edit(finding.end_line, 0, 0, "")]
    return to_finding(finding, sf, [e for e in edits if e is not None], steps)


def _secure_random(tree: Tree, call: Node, quote: str) -> Edit | None:
    """The edit replacing the expression around one ``Math.random()`` call, or None."""
    parent = call.parent
    # Math.floor(Math.random() * n)
    if (
        parent is not None
        and parent.type == "binary_expression"
        and tree.text(parent.child_by_field_name("left")) == tree.text(call)
    ):
        operator = parent.child_by_field_name("operator")
        right = parent.child_by_field_name("right")
        args = parent.parent
        floor = args.parent if args is not None and args.type == "arguments" else None
        if (
            operator is not None
            and tree.text(operator) == "*"
            and right is not None
            and floor is not None
            and tree.text(floor.child_by_field_name("function")) == "Math.floor"
            and len(args.named_children) == 1
        ):
            return tree.edit(floor, f"crypto.randomInt({tree.text(right)})")
        return None
    # Math.random().toString(36).slice(2) / .substring(2) / .substr(2)
    member = parent
    to_string = member.parent if member is not None and member.type == "member_expression" else None
    if to_string is None or to_string.type != "call_expression" or _property(member) != "toString":
        return None
    outer = to_string.parent
    sliced = outer.parent if outer is not None and outer.type == "member_expression" else None
    if (
        sliced is None
        or sliced.type != "call_expression"
        or _property(outer) not in ("slice", "substring", "substr")
    ):
        return None
    return tree.edit(sliced, f"crypto.randomBytes(16).toString({quote}hex{quote})")
