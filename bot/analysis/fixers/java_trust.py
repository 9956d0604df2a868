"""A Java trust manager that trusts every certificate -> the platform's trust manager (issue 12, TLS).

The shape: a local ``X509TrustManager tm = new X509TrustManager() { ... }`` whose
``checkServerTrusted`` is empty, used only in ``ctx.init(km, new TrustManager[] {tm}, random)`` later
in the same block. The anonymous class goes; ``ctx.init`` gets the trust managers of a
``TrustManagerFactory`` initialised with the method's one ``KeyStore`` parameter (the CA the caller
already hands in, as in ``context(KeyStore partnerCa)``), or with ``null`` (the JVM's default trust
store) when the method has no ``KeyStore`` parameter. Statements between the two stay as they are.
A method with two ``KeyStore`` parameters, a trust manager used elsewhere or kept in a field, or a
method that does not declare ``throws Exception`` (or ``GeneralSecurityException``: the factory adds
``KeyStoreException``) is left to a person. Tree-sitter; pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, java_call, parse, walk
from bot.core.models import Finding, SourceFile

_TYPES = {"X509TrustManager", "TrustManager", "javax.net.ssl.X509TrustManager"}
_BROAD = {"Exception", "GeneralSecurityException", "java.security.GeneralSecurityException", "Throwable"}
STEP = (
    "Certificates are checked again, against {store}. Add a test: a server with a certificate from "
    "another CA is refused."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "tls-verification" or finding.replacement is not None or sf.language != "java":
        return None
    tree = parse(sf.text, "java", sf.path)
    if tree is None:
        return None
    for decl in walk(tree.root):
        if decl.type != "local_variable_declaration" or not _covers(decl, finding):
            continue
        name = _trust_all(tree, decl)
        if name is not None:
            return _rewrite(finding, sf, tree, decl, name)
    return None


def _covers(node: Node, finding: Finding) -> bool:
    return bool(node.start_point[0] + 1 <= finding.start_line and node.end_point[0] + 1 >= finding.end_line)


def _trust_all(tree: Tree, decl: Node) -> str | None:
    """The variable of ``X509TrustManager v = new X509TrustManager() {...}`` with an empty
    ``checkServerTrusted``."""
    declarators = [c for c in decl.named_children if c.type == "variable_declarator"]
    if tree.text(decl.child_by_field_name("type")) not in _TYPES or len(declarators) != 1:
        return None
    value = declarators[0].child_by_field_name("value")
    body = next((c for c in (value.named_children if value else []) if c.type == "class_body"), None)
    if value is None or value.type != "object_creation_expression" or body is None:
        return None
    checks = [
        m
        for m in body.named_children
        if m.type == "method_declaration" and tree.text(m.child_by_field_name("name")) == "checkServerTrusted"
    ]
    block = checks[0].child_by_field_name("body") if len(checks) == 1 else None
    if block is None or [c for c in block.named_children if c.type not in {"line_comment", "block_comment"}]:
        return None  # it checks something: not this fixer's shape
    return tree.text(declarators[0].child_by_field_name("name"))


def _rewrite(finding: Finding, sf: SourceFile, tree: Tree, decl: Node, name: str) -> Finding | None:
    block = decl.parent
    method = enclosing(decl, {"method_declaration", "constructor_declaration"})
    if block is None or block.type != "block" or method is None:
        return None
    uses = [n for n in walk(method) if n.type == "identifier" and tree.text(n) == name]
    statements = list(block.named_children)
    at = statements.index(decl)
    init = next((s for s in statements[at + 1 :] if _init_with(tree, s, name)), None)
    if init is None or len(uses) != 2:
        return None  # the trust manager is used elsewhere too: by hand
    stores = [
        tree.text(p.child_by_field_name("name"))
        for p in walk(method.child_by_field_name("parameters"))
        if p.type == "formal_parameter"
        and tree.text(p.child_by_field_name("type")) in {"KeyStore", "java.security.KeyStore"}
    ]
    if len(stores) > 1 or any(n.type == "identifier" and tree.text(n) == "tmf" for n in walk(method)):
        return None
    throws = next((c for c in method.named_children if c.type == "throws"), None)
    declared = {tree.text(t) for t in (throws.named_children if throws is not None else [])}
    if not declared & _BROAD:
        return None  # KeyStoreException would be a new checked exception: by hand
    imported = "import javax.net.ssl.TrustManagerFactory;" in sf.text or "import javax.net.ssl.*;" in sf.text
    factory = "TrustManagerFactory" if imported else "javax.net.ssl.TrustManagerFactory"
    indent = tree.lines[decl.start_point[0]][: decl.start_point[1]]
    if indent.strip():
        return None
    store = stores[0] if stores else "(java.security.KeyStore) null"
    new_decl = (
        f"{factory} tmf = {factory}.getInstance({factory}.getDefaultAlgorithm());\n{indent}tmf.init({store});"
    )
    array = next(n for n in walk(init) if n.type == "array_creation_expression")
    edits = [tree.edit(decl, new_decl), tree.edit(array, "tmf.getTrustManagers()")]
    if None in edits:
        return None
    where = f"the CA in `{stores[0]}`" if stores else "the JVM's default trust store"
    return to_finding(finding, sf, [e for e in edits if isinstance(e, Edit)], (STEP.format(store=where),))


def _init_with(tree: Tree, statement: Node, name: str) -> bool:
    """``x.init(a, new TrustManager[] {name}, b);``."""
    call = statement.named_children[0] if statement.type == "expression_statement" else None
    items = java_call(tree, call, "init", 3)
    if items is None or items[1].type != "array_creation_expression":
        return False
    return tree.text(items[1]).replace(" ", "") in {
        f"newTrustManager[]{{{name}}}",
        f"newX509TrustManager[]{{{name}}}",
    }
