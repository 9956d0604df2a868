"""Java web fixers, on the tree-sitter tree: servlet cookie flags and ``SecureRandom`` for secrets.

- ``response.addCookie(cookie)``: ``cookie.setSecure(true);`` (and ``cookie.setHttpOnly(true);`` for a
  session or auth cookie) inserted right before it when the method does not set them already;
- ``new Random()`` / ``new java.util.Random()`` whose numbers make a secret (used in a method named for
  a token, a session, a reset...) -> ``new java.security.SecureRandom()`` (``SecureRandom`` where the
  file imports it), and a variable declared ``Random`` for it declared ``SecureRandom``: a ``Random``
  subclass, so every call stays as it is.
- a ``Path p = Paths.get(BASE, name)`` (or ``Path.of``) declared in the method and read by the flagged
  line: normalised and checked to stay under ``BASE`` (``startsWith`` compares whole path names),
  refusing with a ``SecurityException``;
- the flagged statement itself makes the path from a name (``Paths.get(base, name)``, ``Path.of``,
  ``new File(path.toFile(), name)``): ``if (!baseDir.resolve(name).normalize().startsWith(baseDir))``
  refusing with a ``SecurityException`` goes right before it (``baseDir`` the base, absolute and
  normalised), the statement unchanged. The Java flow analysis reports such a path where it is made, so
  only a check before can be shown to cover it (it models exactly this containment check). An absolute
  name is refused too (``resolve`` keeps it absolute where ``Paths.get``/``new File`` would have joined
  it under the base).
Pure: text in, text out.
"""

from __future__ import annotations

import re

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

SENSITIVE = re.compile(r"sess|sid|auth|token|jwt|remember|login|access|refresh|credential|csrf|xsrf", re.I)
SECRET = re.compile(
    r"token|secret|passw|otp|nonce|salt|session|sid|csrf|xsrf|apikey|api_key|reset|invite|verif|"
    r"remember|auth|cookie",
    re.I,
)
METHODS = {"method_declaration", "constructor_declaration", "lambda_expression"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "java" or finding.replacement is not None:
        return None
    handler = {"insecure-cookie": _cookie, "insecure-randomness": _random, "path-traversal": _path}.get(
        finding.category
    )
    if handler is None:
        return None
    tree = parse(sf.text, "java", sf.path)
    return None if tree is None else handler(finding, sf, tree)


def _method_at(tree: Tree, line: int) -> Node | None:
    nodes = [
        n for n in walk(tree.root) if n.type in METHODS and n.start_point[0] < line <= n.end_point[0] + 1
    ]
    return max(nodes, key=lambda n: n.start_point[0], default=None)


def _cookie(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    method = _method_at(tree, finding.start_line)
    if method is None:
        return None
    adds = [
        n
        for n in walk(method)
        if n.type == "method_invocation" and tree.text(n.child_by_field_name("name")) == "addCookie"
    ]
    if len(adds) != 1:
        return None
    args = adds[0].child_by_field_name("arguments").named_children
    if len(args) != 1 or args[0].type != "identifier":
        return None
    var = tree.text(args[0])
    body = tree.text(method)
    created = [
        n
        for n in walk(method)
        if n.type == "object_creation_expression" and tree.text(n.child_by_field_name("type")) == "Cookie"
    ]
    label = tree.text(created[0].child_by_field_name("arguments")) if len(created) == 1 else ""
    calls = [f"{var}.setSecure(true);"]
    if not label or SENSITIVE.search(label):
        calls.append(f"{var}.setHttpOnly(true);")
    missing = [c for c in calls if c.split("(")[0] + "(" not in body]
    if not missing:
        return None
    statement = adds[0].parent
    if statement is None or statement.type != "expression_statement":
        return None
    row = statement.start_point[0] + 1
    indent = indent_of(tree.lines[row - 1])
    text = "".join(f"{indent}{c}\n" for c in missing)
    edits = [Edit(row, 0, 0, text), Edit(finding.start_line, 0, 0, ""), Edit(finding.end_line, 0, 0, "")]
    step = (
        "The cookie is now sent only over HTTPS (setSecure) and a session cookie is hidden from page "
        "scripts (setHttpOnly); for SameSite, set it in the container's cookie config or a Set-Cookie header."
    )
    return to_finding(finding, sf, edits, (step,))


def _random(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    method = _method_at(tree, finding.start_line)
    name = method.child_by_field_name("name") if method is not None else None
    context = (tree.text(name) if name is not None else "") + " ".join(
        tree.lines[n - 1] for n in finding.lines if n <= len(tree.lines)
    )
    if not SECRET.search(context):
        return None  # a shuffle, a sample, a jitter: a seeded generator may be what the code wants
    creations = [
        n
        for n in walk(tree.root)
        if n.type == "object_creation_expression"
        and tree.text(n.child_by_field_name("type")) in ("Random", "java.util.Random")
        and not tree.text(n.child_by_field_name("arguments")).strip("() ")  # a seed is deliberate
    ]
    used = [n for n in creations if _reaches(tree, n, finding, method)]
    if len(used) != 1:
        return None
    creation = used[0]
    imported = "import java.security.SecureRandom;" in sf.text
    secure = "SecureRandom" if imported else "java.security.SecureRandom"
    edits = [
        tree.edit(creation.child_by_field_name("type"), secure),
        Edit(finding.start_line, 0, 0, ""),
        Edit(finding.end_line, 0, 0, ""),
    ]
    declarator = enclosing(creation, {"variable_declarator"})
    declaration = declarator.parent if declarator is not None else None
    declared = declaration.child_by_field_name("type") if declaration is not None else None
    if declared is not None and tree.text(declared) in ("Random", "java.util.Random"):
        edits.append(tree.edit(declared, secure))  # the variable says what it holds
    if None in edits:
        return None
    step = "SecureRandom is a Random: every call stays as it is, and the numbers are now unpredictable."
    return to_finding(finding, sf, [e for e in edits if e is not None], (step,))


def _reaches(tree: Tree, creation: Node, finding: Finding, method: Node | None) -> bool:
    """Whether the generator made by ``creation`` is the one the flagged lines (or their method) use."""
    if on_lines(creation, finding.lines) or (method is not None and enclosing(creation, METHODS) == method):
        return True
    declarator = enclosing(creation, {"variable_declarator"})
    if declarator is None:
        return False
    var = tree.text(declarator.child_by_field_name("name"))
    scope = method if method is not None else tree.root
    return any(n.type == "identifier" and tree.text(n) == var for n in walk(scope))


PATH_CHECKS = ("startsWith(", "getCanonicalPath", "toRealPath", "normalize()", "getFileName()", "getName()")


def _path(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    method = _method_at(tree, finding.start_line)
    if method is None or any(c in tree.text(method) for c in PATH_CHECKS):
        return None
    return _check_after(finding, sf, tree, method) or _guard_before(finding, sf, tree, method)


def _check_after(finding: Finding, sf: SourceFile, tree: Tree, method: Node) -> Finding | None:
    """A ``Path`` made from ``Paths.get(base, name)`` on an earlier line and read on the flagged one:
    normalised there and checked right after."""
    on_line = {tree.text(n) for n in walk(method) if n.type == "identifier" and on_lines(n, finding.lines)}
    candidates = []
    for decl in walk(method):
        if decl.type != "local_variable_declaration":
            continue
        declarator = decl.child_by_field_name("declarator")
        value = declarator.child_by_field_name("value") if declarator is not None else None
        if (
            value is None
            or decl.start_point[0] != decl.end_point[0]
            or decl.start_point[0] + 1 >= finding.start_line
        ):
            continue
        name = tree.text(declarator.child_by_field_name("name"))
        if name in on_line:
            candidates.append((decl, name, value))
    if len(candidates) != 1:
        return None
    decl, name, value = candidates[0]
    kind = tree.text(decl.child_by_field_name("type"))
    text = tree.text(value)
    args = value.child_by_field_name("arguments")
    parts = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if len(parts) != 2:
        return None
    base = tree.text(parts[0])
    indent = indent_of(tree.lines[decl.start_point[0]])
    refuse = 'throw new SecurityException("path escapes its base directory");'
    row = decl.start_point[0] + 1
    end = len(tree.lines[row - 1])
    if kind == "Path" and value.type == "method_invocation" and text.startswith(("Paths.get(", "Path.of(")):
        call = text.split("(")[0]
        root = f"{call}({base}).toAbsolutePath().normalize()"
        edits = [
            tree.edit(value, f"{text}.toAbsolutePath().normalize()"),
            Edit(
                row,
                end,
                end,
                f"\n{indent}if (!{name}.startsWith({root})) {{\n{indent}    {refuse}\n{indent}}}",
            ),
        ]
    else:
        return None
    if None in edits:
        return None
    edits.append(Edit(finding.end_line, 0, 0, ""))
    step = "A path that resolves outside its base directory (`..`, an absolute path) is refused now."
    return to_finding(finding, sf, [e for e in edits if e is not None], (step,))


PATH_IMPORT = re.compile(r"^import java\.nio\.file\.(?:Path|\*);", re.M)
GUARD_STEP = (
    "A name that resolves outside the base directory (`..`, an absolute path) is refused now, before "
    "the path is made: the check normalises base.resolve(name) and compares whole path names."
)


def _guard_before(finding: Finding, sf: SourceFile, tree: Tree, method: Node) -> Finding | None:
    """The flagged statement makes the path itself (``Paths.get(base, name)``, ``Path.of(base, name)``,
    ``new File(baseFile, name)`` with ``name`` a plain name): a containment check goes right before
    it, on the same base, and the statement stays as it was."""
    made = [n for n in walk(method) if on_lines(n, finding.lines) and _makes_path(tree, n)]
    if len(made) != 1:
        return None
    args = [a for a in made[0].child_by_field_name("arguments").named_children if a.type != "comment"]
    if len(args) != 2 or args[1].type != "identifier" or args[0].start_point[0] != args[0].end_point[0]:
        return None
    base, name = tree.text(args[0]), tree.text(args[1])
    if made[0].type == "object_creation_expression":
        if not base.endswith(".toFile()"):
            return None  # a File or a String base: by hand
        root = base.removesuffix(".toFile()")
    else:
        owner, called = made[0].child_by_field_name("object"), made[0].child_by_field_name("name")
        root = f"{tree.text(owner)}.{tree.text(called)}({base})"  # Paths.get(base) / Path.of(base)
    statement = made[0]
    while statement.parent is not None and statement.parent.type not in {"block", "constructor_body"}:
        statement = statement.parent
    if statement.parent is None or statement.start_point[0] + 1 not in finding.lines:
        return None
    words = {tree.text(n) for n in walk(method) if n.type == "identifier"}
    var = next((v for v in ("baseDir", "baseDirectory", "containingDir") if v not in words), None)
    if var is None:
        return None
    path_type = "Path" if PATH_IMPORT.search(sf.text) else "java.nio.file.Path"
    row = tree.lines[statement.start_point[0]]
    indent = indent_of(row)
    unit = "\t" if "\t" in indent else "    "
    guard = (
        f"{path_type} {var} = {root}.toAbsolutePath().normalize();\n"
        f"{indent}if (!{var}.resolve({name}).normalize().startsWith({var})) {{\n"
        f'{indent}{unit}throw new SecurityException("path escapes its base directory");\n'
        f"{indent}}}\n{indent}"
    )
    at = len(indent)
    edits = [Edit(statement.start_point[0] + 1, at, at, guard), Edit(finding.end_line, 0, 0, "")]
    return to_finding(finding, sf, edits, (GUARD_STEP,))


def _makes_path(tree: Tree, node: Node) -> bool:
    if node.type == "method_invocation":
        obj = node.child_by_field_name("object")
        called = tree.text(node.child_by_field_name("name"))
        return obj is not None and tree.text(obj) in {"Paths", "Path"} and called in {"get", "of"}
    return node.type == "object_creation_expression" and tree.text(node.child_by_field_name("type")) == "File"
