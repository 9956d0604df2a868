"""A Java password hashed with a fast digest -> the JDK's password-based KDF, PBKDF2-HMAC-SHA256 with a
random salt kept in front of the hash (issue 12, weak password hashes), on the tree-sitter tree.

The shape: ``MessageDigest md = MessageDigest.getInstance("MD5");`` (MD5, SHA-1, SHA-256, SHA-512...)
followed by ``byte[] out = md.digest(password.getBytes(...));`` where the hashed value is named for a
password and ``md`` is used nowhere else. The two statements become a 16-byte salt from
``SecureRandom``, ``SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")`` over a ``PBEKeySpec`` of
600,000 iterations and 256 bits, and ``out`` = salt + hash (48 bytes), so ``out`` keeps its type.
``generateSecret`` adds ``InvalidKeySpecException``: the fix is offered where the method already
throws ``Exception``/``GeneralSecurityException``, or inside a ``try`` whose ``catch
(NoSuchAlgorithmException e)`` can widen to its parent ``GeneralSecurityException`` within the
suggestion; in a method declaring only ``throws NoSuchAlgorithmException`` (outside a ``try``) the
``InvalidKeySpecException`` is caught around ``generateSecret`` and rethrown unchecked (the spec is the
fixer's own and valid), so the method's signature and its callers stay as they are. Classes the
file does not import are written qualified. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, java_call, java_imports, parse, walk
from bot.core.models import Finding, SourceFile

_FAST = {"MD2", "MD4", "MD5", "SHA", "SHA1", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"}
_PASSWORD_WORDS = ("password", "passwd", "pwd", "passphrase")
_BROAD = {"Exception", "GeneralSecurityException", "java.security.GeneralSecurityException", "Throwable"}
_NAMES = ("salt", "hash")
STEP = (
    "The stored value is now 16 bytes of salt followed by a 32-byte PBKDF2-HMAC-SHA256 hash (600,000 "
    "iterations): check a login by recomputing PBKDF2 with the stored salt and comparing with "
    "`MessageDigest.isEqual`, in the same release. Old digests cannot be converted: re-hash each at the "
    "user's next successful login (and widen the stored column to 48 bytes)."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category not in {"weak-crypto", "weak-password-hash"} or finding.replacement is not None:
        return None
    if sf.language != "java":
        return None
    tree = parse(sf.text, "java", sf.path)
    if tree is None:
        return None
    for decl in walk(tree.root):
        if decl.type == "local_variable_declaration" and decl.start_point[0] + 1 in finding.lines:
            var = _fast_digest(tree, decl)
            if var is not None:
                return _rewrite(finding, sf, tree, decl, var)
    return None


def _fast_digest(tree: Tree, decl: Node) -> str | None:
    """``md`` of ``MessageDigest md = MessageDigest.getInstance("MD5");``."""
    declarators = [c for c in decl.named_children if c.type == "variable_declarator"]
    if tree.text(decl.child_by_field_name("type")) != "MessageDigest" or len(declarators) != 1:
        return None
    call = declarators[0].child_by_field_name("value")
    if call is None or call.type != "method_invocation":
        return None
    if tree.text(call.child_by_field_name("object")) != "MessageDigest":
        return None
    args = call.child_by_field_name("arguments")
    items = args.named_children if args is not None else []
    if tree.text(call.child_by_field_name("name")) != "getInstance" or len(items) != 1:
        return None
    if items[0].type != "string_literal" or tree.text(items[0])[1:-1].upper() not in _FAST:
        return None
    return tree.text(declarators[0].child_by_field_name("name"))


def _digest_of_password(tree: Tree, statement: Node, var: str) -> tuple[str, str] | None:
    """(output name, password expression) of ``byte[] out = var.digest(password.getBytes(...));``."""
    declarators = [c for c in statement.named_children if c.type == "variable_declarator"]
    if statement.type != "local_variable_declaration" or len(declarators) != 1:
        return None
    if tree.text(statement.child_by_field_name("type")).replace(" ", "") != "byte[]":
        return None
    items = java_call(tree, declarators[0].child_by_field_name("value"), "digest", 1, on=var)
    if items is None:
        return None
    get_bytes = items[0]
    if (
        get_bytes.type != "method_invocation"
        or tree.text(get_bytes.child_by_field_name("name")) != "getBytes"
    ):
        return None
    password = get_bytes.child_by_field_name("object")
    if password is None or password.type not in {"identifier", "field_access"}:
        return None
    last = tree.text(password).rsplit(".", 1)[-1].lower()
    if not any(w in last for w in _PASSWORD_WORDS):
        return None
    return tree.text(declarators[0].child_by_field_name("name")), tree.text(password)


def _rewrite(finding: Finding, sf: SourceFile, tree: Tree, decl: Node, var: str) -> Finding | None:
    method = enclosing(decl, {"method_declaration", "constructor_declaration"})
    block = decl.parent
    if method is None or block is None or block.type != "block":
        return None
    statements = list(block.named_children)
    at = statements.index(decl)
    digest = statements[at + 1] if at + 1 < len(statements) else None
    found = _digest_of_password(tree, digest, var) if digest is not None else None
    uses = [n for n in walk(method) if n.type == "identifier" and tree.text(n) == var]
    taken = any(n.type == "identifier" and tree.text(n) in _NAMES for n in walk(method))
    if digest is None or found is None or len(uses) != 2 or taken:
        return None
    handled = _exception_edit(sf, tree, method, decl)
    if handled is None:
        return None
    exceptions, wrap = handled
    out, password = found
    indent = tree.lines[decl.start_point[0]][: decl.start_point[1]]
    if indent.strip():
        return None
    name = {c: (c if java_imports(sf.text, p, c) else f"{p}.{c}") for p, c in _CLASSES}
    derive = [
        f'{name["SecretKeyFactory"]}.getInstance("PBKDF2WithHmacSHA256")',
        f"        .generateSecret(new {name['PBEKeySpec']}({password}.toCharArray(), salt, 600_000, 256))"
        ".getEncoded();",
    ]
    if wrap:  # the method declares only NoSuchAlgorithmException: the key-spec exception stays inside
        unit = "\t" if indent.startswith("\t") else "    "
        derive = [
            "byte[] hash;",
            "try {",
            f"{unit}hash = {derive[0]}",
            f"{unit}{derive[1]}",
            f"}} catch ({_SPEC_EXCEPTION} e) {{",
            f'{unit}throw new IllegalStateException("PBKDF2 refused its own key spec", e);',
            "}",
        ]
    else:
        derive = [f"byte[] hash = {derive[0]}", derive[1]]
    lines = [
        "byte[] salt = new byte[16];",
        f"new {name['SecureRandom']}().nextBytes(salt);",
        *derive,
        f"byte[] {out} = {name['ByteBuffer']}.allocate(salt.length + hash.length)"
        ".put(salt).put(hash).array();",
    ]
    first, last = decl.start_point[0], digest.end_point[0]
    text = f"\n{indent}".join([indent + lines[0], *lines[1:]])
    edits = [Edit(first + 1, 0, len(tree.lines[last]), text, last + 1), *exceptions]
    return to_finding(finding, sf, edits, (STEP,))


_CLASSES = (
    ("java.security", "SecureRandom"),
    ("javax.crypto", "SecretKeyFactory"),
    ("javax.crypto.spec", "PBEKeySpec"),
    ("java.nio", "ByteBuffer"),
)


def _exception_edit(sf: SourceFile, tree: Tree, method: Node, decl: Node) -> tuple[list[Edit], bool] | None:
    """How the new checked exception is handled: no edit when the method already throws a broad type;
    the ``catch (NoSuchAlgorithmException e)`` of the enclosing ``try`` widened; or, in a method that
    declares ``NoSuchAlgorithmException`` outside any ``try``, the key-spec exception caught where it
    is thrown (``wrap``: a valid spec never raises it). None when none of these holds."""
    throws = next((c for c in method.named_children if c.type == "throws"), None)
    declared = {tree.text(t) for t in throws.named_children} if throws is not None else set()
    if declared & _BROAD:
        return [], False
    attempt = enclosing(decl, {"try_statement", "method_declaration", "constructor_declaration"})
    if attempt is not None and attempt.type != "try_statement" and declared & _NO_SUCH_ALGORITHM:
        return [], True
    if attempt is None or attempt.type != "try_statement":
        return None
    catches = [c for c in attempt.named_children if c.type == "catch_clause"]
    types = [n for c in catches for n in walk(c) if n.type == "catch_type"]
    if len(types) != 1 or tree.text(types[0]) not in _NO_SUCH_ALGORITHM:
        return None
    imported = java_imports(sf.text, "java.security", "GeneralSecurityException")
    general = "GeneralSecurityException" if imported else None
    edit = tree.edit(types[0], general or "java.security.GeneralSecurityException")
    return ([edit], False) if edit is not None else None


_NO_SUCH_ALGORITHM = {"NoSuchAlgorithmException", "java.security.NoSuchAlgorithmException"}
_SPEC_EXCEPTION = "java.security.spec.InvalidKeySpecException"
