"""A password hashed with MD5/SHA-1 in Node -> a salted ``crypto.scryptSync`` (issue 12, weak crypto),
on the tree-sitter tree of JavaScript/TypeScript.

``const h = crypto.createHash('md5').update(password).digest('hex');`` (a declaration or an assignment
on one line; ``sha1`` too; ``'hex'`` or ``'base64'``), where the hashed value is named for a password
(``password``, ``body.newPassword``, ``pwd``, ``passphrase``) ->

    const salt = crypto.randomBytes(16).toString('hex');
    const h = `scrypt$${salt}$${crypto.scryptSync(password, salt, 64).toString('hex')}`;

Node's own password-based KDF (no dependency), a fresh salt per password, stored beside the hash. A
token or a signature hashed this way is another fix (an HMAC, SHA-256) and is left alone. The stored
format changes, so the step names the check side and the hashes already stored. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

_WEAK = {"md5", "sha1", "sha-1", "md4"}
_ENCODINGS = {"hex", "base64"}
_PASSWORD_WORDS = ("password", "passwd", "pwd", "passphrase")
_FUNCTIONS = {"function_declaration", "arrow_function", "function_expression", "method_definition", "program"}
STEP = (
    "The stored value is now `scrypt$<salt>$<hash>`: check a login by splitting it on `$` and comparing "
    "`crypto.scryptSync(password, salt, 64)` with `Buffer.from(hash, '{enc}')` through "
    "`crypto.timingSafeEqual`, in the same release. The old MD5/SHA-1 hashes cannot be converted: "
    "re-hash each at the user's next successful login. (scryptSync blocks for tens of milliseconds; "
    "`util.promisify(crypto.scrypt)` is the asynchronous form.)"
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "weak-crypto" or finding.replacement is not None:
        return None
    if sf.language not in {"javascript", "typescript"}:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    for call in walk(tree.root):
        if call.type != "call_expression" or call.start_point[0] + 1 not in finding.lines:
            continue
        found = _weak_password_digest(tree, call)
        if found is not None:
            return _rewrite(finding, sf, tree, call, found)
    return None


def _member_call(tree: Tree, node: Node | None, name: str) -> tuple[Node, list[Node]] | None:
    """(object, arguments) of ``object.name(arguments)``."""
    if node is None or node.type != "call_expression":
        return None
    func = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if func is None or func.type != "member_expression" or args is None:
        return None
    prop = func.child_by_field_name("property")
    if prop is None or tree.text(prop) != name:
        return None
    return func.child_by_field_name("object"), list(args.named_children)


def _weak_password_digest(tree: Tree, call: Node) -> tuple[str, str, str] | None:
    """(crypto module name, password expression, encoding) of
    ``crypto.createHash('md5').update(password).digest('hex')``."""
    digest = _member_call(tree, call, "digest")
    update = _member_call(tree, digest[0], "update") if digest else None
    create = _member_call(tree, update[0], "createHash") if update else None
    if digest is None or update is None or create is None:
        return None
    lead, algo = create
    if lead is None or lead.type != "identifier" or len(algo) != 1 or algo[0].type != "string":
        return None
    if tree.text(algo[0])[1:-1].lower() not in _WEAK or len(update[1]) != 1 or len(digest[1]) != 1:
        return None
    data, enc = update[1][0], digest[1][0]
    if enc.type != "string" or tree.text(enc)[1:-1] not in _ENCODINGS:
        return None
    if data.type not in {"identifier", "member_expression"}:
        return None
    last = tree.text(data).rsplit(".", 1)[-1].lower()
    if not any(w in last for w in _PASSWORD_WORDS):
        return None  # a token, a body, a file: not a password
    return tree.text(lead), tree.text(data), tree.text(enc)[1:-1]


def _rewrite(
    finding: Finding, sf: SourceFile, tree: Tree, call: Node, found: tuple[str, str, str]
) -> Finding | None:
    lead, password, enc = found
    statement = call.parent
    while statement is not None and statement.type not in {"lexical_declaration", "expression_statement"}:
        if statement.type not in {"variable_declarator", "assignment_expression"}:
            return None  # the digest inside a larger expression: by hand
        statement = statement.parent
    if statement is None or statement.start_point[0] != statement.end_point[0]:
        return None
    scope = enclosing(statement, _FUNCTIONS) or tree.root
    if any(n.type == "identifier" and tree.text(n) == "salt" for n in walk(scope)):
        return None
    row = statement.start_point[0]
    line = tree.lines[row]
    indent = line[: statement.start_point[1]]
    if indent.strip():
        return None
    value = f"`scrypt$${{salt}}$${{{lead}.scryptSync({password}, salt, 64).toString('{enc}')}}`"
    salt = f"{indent}const salt = {lead}.randomBytes(16).toString('hex');\n"
    digest = tree.edit(call, value)
    if digest is None:
        return None
    return to_finding(finding, sf, [Edit(row + 1, 0, 0, salt), digest], (STEP.format(enc=enc),))
