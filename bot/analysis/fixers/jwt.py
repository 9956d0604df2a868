"""JWT fixers, on the tree-sitter tree: a token read without checking its signature gets checked, with
the key the file already holds; where no key is in sight the finding keeps its steps.

- JavaScript/TypeScript (``jsonwebtoken``): ``algorithms: [..., 'none', ...]`` in a ``jwt.verify``
  call's options -> the same list without ``'none'`` (another algorithm must remain);
- Java, jjwt: ``Jwts.parser().parseClaimsJwt(t)`` (``parsePlaintextJwt``) -> ``Jwts.parser()
  .setSigningKey(k).parseClaimsJws(t)`` where the class has exactly one field of type ``Key``,
  ``SecretKey`` or ``PublicKey``; auth0 java-jwt: ``JWT.decode(t)`` -> ``JWT.require(a).build().verify(t)``
  where the class has exactly one ``Algorithm`` field;
- Go, golang-jwt: a ``jwt.Parse``/``jwt.ParseWithClaims`` whose key function only returns a package-level
  ``[]byte`` key gets ``jwt.WithValidMethods([]string{"HS256", "HS384", "HS512"})`` (a byte key means
  HMAC: a token claiming RS256 or none is then refused); ``jwt.NewParser().ParseUnverified(t, c)`` ->
  ``ParseWithClaims`` with that key when the file has exactly one such key named for a secret.
Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

HMAC = 'jwt.WithValidMethods([]string{"HS256", "HS384", "HS512"})'
KEY_TYPES = {"Key", "SecretKey", "PublicKey", "java.security.Key", "javax.crypto.SecretKey"}
JJWT_UNSIGNED = {"parseClaimsJwt": "parseClaimsJws", "parsePlaintextJwt": "parsePlaintextJws"}
KEY_STEP = (
    "Check that `{key}` is the key the tokens are signed with (and add a test: a token signed with "
    "another key is refused)."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "jwt-verification" or finding.replacement is not None:
        return None
    handler = {"javascript": _javascript, "typescript": _javascript, "java": _java, "go": _go}.get(
        sf.language or ""
    )
    tree = parse(sf.text, sf.language, sf.path) if handler else None
    if handler is None or tree is None:
        return None
    return handler(finding, sf, tree)


def _keep(finding: Finding, edits: list[Edit | None]) -> list[Edit] | None:
    """The edits plus empty ones on the flagged lines, so the suggestion covers them (and the comment
    stays on the flaw); None when an edit could not be made."""
    if not edits or None in edits:
        return None
    return [
        *(e for e in edits if e is not None),
        Edit(finding.start_line, 0, 0, ""),
        Edit(finding.end_line, 0, 0, ""),
    ]


def _overlaps(node: Node, finding: Finding) -> bool:
    return bool(node.start_point[0] + 1 <= finding.end_line and node.end_point[0] + 1 >= finding.start_line)


def _calls(tree: Tree, finding: Finding, kind: str) -> list[Node]:
    return [n for n in walk(tree.root) if n.type == kind and _overlaps(n, finding)]


# -- JavaScript ------------------------------------------------------------------------------------


def _javascript(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    for call in _calls(tree, finding, "call_expression"):
        if tree.text(call.child_by_field_name("function")) != "jwt.verify":
            continue
        args = call.child_by_field_name("arguments")
        options = [a for a in (args.named_children if args else []) if a.type == "object"]
        for pair in (p for o in options for p in o.named_children if p.type == "pair"):
            if tree.text(pair.child_by_field_name("key")).strip("'\"") != "algorithms":
                continue
            array = pair.child_by_field_name("value")
            if array is None or array.type != "array" or array.start_point[0] != array.end_point[0]:
                return None
            items = array.named_children
            if any(i.type != "string" for i in items):
                return None
            kept = [i for i in items if tree.text(i)[1:-1].lower() != "none"]
            if not kept or len(kept) == len(items):
                return None
            edit = tree.edit(array, "[" + ", ".join(tree.text(i) for i in kept) + "]")
            step = "A token whose header says `alg: none` carries no signature; it is now refused."
            kept_edits = _keep(finding, [edit])
            return to_finding(finding, sf, kept_edits, (step,)) if kept_edits else None
    return None


# -- Java ------------------------------------------------------------------------------------------


def _field_of_type(tree: Tree, node: Node, types: set[str]) -> str | None:
    cls = enclosing(node, {"class_declaration"})
    body = cls.child_by_field_name("body") if cls is not None else None
    names = []
    for field in (f for f in (body.named_children if body else []) if f.type == "field_declaration"):
        if tree.text(field.child_by_field_name("type")) in types:
            names += [
                tree.text(d.child_by_field_name("name"))
                for d in field.named_children
                if d.type == "variable_declarator"
            ]
    return names[0] if len(names) == 1 else None


def _java(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    for call in _calls(tree, finding, "method_invocation"):
        name = tree.text(call.child_by_field_name("name"))
        obj = call.child_by_field_name("object")
        args = call.child_by_field_name("arguments")
        if obj is None or args is None or len(args.named_children) != 1:
            continue
        if name in JJWT_UNSIGNED and tree.text(obj).replace(" ", "") == "Jwts.parser()":
            key = _field_of_type(tree, call, KEY_TYPES)
            edit = tree.edit(call.child_by_field_name("name"), f"setSigningKey({key}).{JJWT_UNSIGNED[name]}")
        elif name == "decode" and tree.text(obj) == "JWT":
            key = _field_of_type(tree, call, {"Algorithm"})
            edit = tree.edit(call, f"JWT.require({key}).build().verify({tree.text(args.named_children[0])})")
        else:
            continue
        if key is None or edit is None:
            return None
        return to_finding(finding, sf, [edit], (KEY_STEP.format(key=key),))
    return None


# -- Go --------------------------------------------------------------------------------------------


def _byte_keys(tree: Tree) -> list[str]:
    """Package-level ``var name = []byte(...)`` declarations."""
    out = []
    for spec in walk(tree.root):
        if spec.type != "var_spec" or enclosing(spec, {"function_declaration", "method_declaration"}):
            continue
        value = spec.child_by_field_name("value")
        values = value.named_children if value is not None else []
        names = [c for c in spec.named_children if c.type == "identifier"]
        if len(values) == 1 and len(names) == 1 and tree.text(values[0]).startswith("[]byte("):
            out.append(tree.text(names[0]))
    return out


def _go(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    keys = _byte_keys(tree)
    for call in _calls(tree, finding, "call_expression"):
        func = tree.text(call.child_by_field_name("function"))
        args = call.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        if func in {"jwt.Parse", "jwt.ParseWithClaims"}:
            return _valid_methods(finding, sf, tree, call, items=items, keys=keys)
        if func == "jwt.NewParser().ParseUnverified" and len(items) == 2:
            return _unverified(finding, sf, tree, call, items=items, keys=keys)
    return None


def _valid_methods(
    finding: Finding, sf: SourceFile, tree: Tree, call: Node, *, items: list[Node], keys: list[str]
) -> Finding | None:
    at = 1 if tree.text(call.child_by_field_name("function")) == "jwt.Parse" else 2
    if len(items) != at + 1 or items[at].type != "func_literal":
        return None  # options already given, or a named key function: by hand
    body = items[at].child_by_field_name("body")
    statements = [s for s in (body.named_children if body else []) if s.type != "comment"]
    if len(statements) == 1 and statements[0].type == "statement_list":
        statements = [s for s in statements[0].named_children if s.type != "comment"]
    if len(statements) != 1 or statements[0].type != "return_statement":
        return None
    returned = tree.text(statements[0]).removeprefix("return").replace(" ", "")
    if returned not in {f"{k},nil" for k in keys}:
        return None  # the key is not a plain byte key of this file: the algorithm is not known
    edit = tree.insert_after(items[at], f", {HMAC}")
    step = "Only HMAC-signed tokens are accepted now (the key is a byte string); name the one you issue."
    edits = _keep(finding, [edit])
    return to_finding(finding, sf, edits, (step,)) if edits else None


def _unverified(
    finding: Finding, sf: SourceFile, tree: Tree, call: Node, *, items: list[Node], keys: list[str]
) -> Finding | None:
    named = [k for k in keys if "secret" in k.lower() or "key" in k.lower()]
    statement = call.parent.parent if call.parent is not None else None
    if (
        len(named) != 1
        or statement is None
        or statement.type not in {"short_var_declaration", "assignment_statement"}
    ):
        return None
    left = statement.child_by_field_name("left")
    targets = [tree.text(n) for n in (left.named_children if left else [])]
    if len(targets) != 3 or targets[:2] != ["_", "_"]:
        return None  # the token or its parts are used: by hand
    key = named[0]
    new = (
        f"jwt.NewParser({HMAC}).ParseWithClaims({tree.text(items[0])}, {tree.text(items[1])}, "
        f"func(*jwt.Token) (interface{{}}, error) {{ return {key}, nil }})"
    )
    edits = [tree.edit(left, f"_, {targets[2]}"), tree.edit(call, new)]
    if None in edits:
        return None
    return to_finding(finding, sf, [e for e in edits if e is not None], (KEY_STEP.format(key=key),))
