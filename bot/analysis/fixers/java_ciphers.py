"""Java ECB encryption (DES, 3DES or AES) in a method that is already handed an IV -> AES-GCM with that
IV (issue 12, weak crypto), on the tree-sitter tree.

The shape: ``Cipher c = Cipher.getInstance("DES/ECB/PKCS5Padding");`` (``"DES"``, ``"DESede/ECB/..."``,
``"AES/ECB/..."``) followed by ``c.init(Cipher.ENCRYPT_MODE, key);`` (or ``DECRYPT_MODE``), in a method
with one ``byte[]`` parameter named for an IV or nonce that the method never reads. The transformation
becomes ``"AES/GCM/NoPadding"``, the init gets ``new GCMParameterSpec(128, iv)``, and for DES/3DES the
key field's ``new SecretKeySpec(raw, "DES")`` (its one assignment in the class, the key used by no
other method) becomes ``"AES"``: AES refuses a key whose spec names another algorithm.

AES refuses an 8-byte DES key (a new key is needed, as it is for any fix of DES), and GCM is only safe
with a fresh IV per encryption: the steps say both. Anything else is left to a person. Pure: text in,
text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, java_call, java_imports, parse, walk
from bot.core.models import Finding, SourceFile

_MODES = {"Cipher.ENCRYPT_MODE", "Cipher.DECRYPT_MODE"}
_DES = {"DES", "DESEDE", "TRIPLEDES"}
_IV_WORDS = ("iv", "nonce")
STEP = (
    "The cipher is AES-GCM with the IV the method is given: every caller must pass a fresh random 12-byte "
    "IV for each encryption under a key (a repeated IV under GCM exposes the data and the authentication "
    "key) and store it beside the ciphertext, which now ends with a 16-byte tag. AES needs a 16-, 24- or "
    "32-byte key (an 8-byte DES key is refused: issue a new one); re-encrypt the data stored with ECB."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "weak-crypto" or finding.replacement is not None or sf.language != "java":
        return None
    tree = parse(sf.text, "java", sf.path)
    if tree is None:
        return None
    for decl in walk(tree.root):
        if decl.type != "local_variable_declaration" or decl.start_point[0] + 1 not in finding.lines:
            continue
        found = _ecb_cipher(tree, decl)
        if found is not None:
            return _rewrite(finding, sf, tree, decl, found)
    return None


def _ecb_cipher(tree: Tree, decl: Node) -> tuple[str, Node, str] | None:
    """(variable, transformation literal, algorithm) of ``Cipher v = Cipher.getInstance("X/ECB/...")``."""
    declarators = [c for c in decl.named_children if c.type == "variable_declarator"]
    if tree.text(decl.child_by_field_name("type")) != "Cipher" or len(declarators) != 1:
        return None
    call = declarators[0].child_by_field_name("value")
    if (
        call is None
        or call.type != "method_invocation"
        or tree.text(call.child_by_field_name("object")) != "Cipher"
    ):
        return None
    args = call.child_by_field_name("arguments")
    items = args.named_children if args is not None else []
    if tree.text(call.child_by_field_name("name")) != "getInstance" or len(items) != 1:
        return None
    if items[0].type != "string_literal":
        return None
    parts = [p.strip().upper() for p in tree.text(items[0])[1:-1].split("/")]
    alg = parts[0]
    ecb = (len(parts) == 1 and alg in _DES) or (len(parts) == 3 and parts[1] == "ECB")
    if not ecb or (alg not in _DES and alg != "AES"):
        return None
    return tree.text(declarators[0].child_by_field_name("name")), items[0], alg


def _rewrite(
    finding: Finding, sf: SourceFile, tree: Tree, decl: Node, found: tuple[str, Node, str]
) -> Finding | None:
    var, transformation, alg = found
    method = enclosing(decl, {"method_declaration"})
    block = decl.parent
    if method is None or block is None or block.type != "block":
        return None
    statements = list(block.named_children)
    at = statements.index(decl)
    init = statements[at + 1] if at + 1 < len(statements) else None
    key = _init_key(tree, init, var) if init is not None else None
    iv = _unused_iv(tree, method)
    if init is None or key is None or iv is None:
        return None
    gcm = "GCMParameterSpec" if java_imports(sf.text, "javax.crypto.spec", "GCMParameterSpec") else None
    gcm = gcm or "javax.crypto.spec.GCMParameterSpec"
    args = init.named_children[0].child_by_field_name("arguments")
    edits = [
        tree.edit(transformation, '"AES/GCM/NoPadding"'),
        tree.insert_after(args.named_children[1], f", new {gcm}(128, {iv})"),
    ]
    if alg in _DES:
        spec = _key_spec(tree, method, key)
        if spec is None:
            return None
        edits.append(tree.edit(spec, '"AES"'))
    if None in edits:
        return None
    return to_finding(finding, sf, [e for e in edits if isinstance(e, Edit)], (STEP,))


def _init_key(tree: Tree, statement: Node, var: str) -> str | None:
    """The key field of ``var.init(Cipher.ENCRYPT_MODE, key);`` (``key`` or ``this.key``)."""
    call = statement.named_children[0] if statement.type == "expression_statement" else None
    items = java_call(tree, call, "init", 2, on=var)
    if items is None:
        return None
    if tree.text(items[0]) not in _MODES or items[1].type not in {"identifier", "field_access"}:
        return None
    return tree.text(items[1]).removeprefix("this.")


def _unused_iv(tree: Tree, method: Node) -> str | None:
    """The method's one ``byte[]`` parameter named for an IV or nonce, when the body never reads it."""
    params = method.child_by_field_name("parameters")
    names = [
        tree.text(p.child_by_field_name("name"))
        for p in (params.named_children if params is not None else [])
        if p.type == "formal_parameter"
        and tree.text(p.child_by_field_name("type")).replace(" ", "") == "byte[]"
    ]
    named = [n for n in names if any(w in n.lower() for w in _IV_WORDS)]
    body = method.child_by_field_name("body")
    if len(named) != 1 or body is None:
        return None
    if any(n.type == "identifier" and tree.text(n) == named[0] for n in walk(body)):
        return None  # the method already uses it: not this shape
    return named[0]


def _key_spec(tree: Tree, method: Node, key: str) -> Node | None:
    """The ``"DES"`` literal of the key field's one ``new SecretKeySpec(raw, "DES")`` in the class, when
    no other method uses the key."""
    cls = enclosing(method, {"class_declaration"})
    if cls is None:
        return None
    specs = []
    for node in walk(cls):
        if node.type == "identifier" and tree.text(node) == key:
            owner = enclosing(node, {"method_declaration", "constructor_declaration", "field_declaration"})
            if owner is not None and owner.type == "method_declaration" and owner != method:
                return None  # another method (a decrypt) uses the same key: both change together, by hand
        if (
            node.type == "object_creation_expression"
            and tree.text(node.child_by_field_name("type")) == "SecretKeySpec"
        ):
            specs.append(node)
    assigned = [s for s in specs if _assigned_to(tree, s) == key]
    if len(assigned) != 1:
        return None
    args = assigned[0].child_by_field_name("arguments")
    items = args.named_children if args is not None else []
    if len(items) != 2 or items[1].type != "string_literal":
        return None
    if tree.text(items[1])[1:-1].upper() not in _DES:
        return None
    return items[1]


def _assigned_to(tree: Tree, node: Node) -> str | None:
    parent = node.parent
    if parent is not None and parent.type == "assignment_expression":
        return tree.text(parent.child_by_field_name("left")).removeprefix("this.")
    if parent is not None and parent.type == "variable_declarator":
        return tree.text(parent.child_by_field_name("name"))
    return None
