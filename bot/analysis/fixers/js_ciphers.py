"""Node's AES in ECB mode -> AES-GCM with a random 12-byte IV, carried with its tag (issue 12,
weak crypto), on the tree-sitter tree of JavaScript/TypeScript.

Only the two statements Node's own docs show, the cipher's one use in the function:

- ``const c = crypto.createCipheriv('aes-256-ecb', key, null);`` followed by ``return|const x =
  Buffer.concat([c.update(p[, enc]), c.final()])[.toString(enc)];`` -> a random IV, the GCM cipher, and
  the output ``iv (12 bytes) + tag (16 bytes) + ciphertext`` in the same encoding;
- ``const d = crypto.createDecipheriv('aes-256-ecb', key, null);`` followed by the same ``Buffer.concat``
  over ``d.update(data[, enc])`` -> the IV and the tag read back from that layout, ``setAuthTag``,
  and the rest decrypted (a tampered value now throws instead of decrypting).

The key and its size stay as they are (AES-128/192/256 alike). The stored format changes, so the steps
name the other side and the values already stored. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

_ECB = {"aes-128-ecb": "aes-128-gcm", "aes-192-ecb": "aes-192-gcm", "aes-256-ecb": "aes-256-gcm"}
_NO_IV = {"null", "''", '""', "Buffer.alloc(0)", "undefined"}
_FUNCTIONS = {"function_declaration", "arrow_function", "function_expression", "method_definition"}
ENCRYPT_STEP = (
    "The output is now IV (12 bytes) + auth tag (16 bytes) + ciphertext: the code that decrypts it must "
    "read it that way (createDecipheriv with the GCM mode, setAuthTag) in the same release, and values "
    "stored with ECB must be re-encrypted."
)
DECRYPT_STEP = (
    "Decryption now expects IV (12 bytes) + auth tag (16 bytes) + ciphertext, as the GCM encryption "
    "writes it, and throws on a tampered value; re-encrypt the values stored with ECB."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "weak-crypto" or finding.replacement is not None:
        return None
    if sf.language not in {"javascript", "typescript"}:
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    for decl in walk(tree.root):
        if decl.type != "lexical_declaration" or decl.start_point[0] + 1 not in finding.lines:
            continue
        found = _ecb_declaration(tree, decl)
        if found is None:
            continue
        var, call, mode = found
        return _rewrite(finding, sf, tree, (decl, var, call, mode))
    return None


def _ecb_declaration(tree: Tree, decl: Node) -> tuple[str, Node, str] | None:
    """(variable, call, GCM mode) of ``const v = X.createCipheriv|createDecipheriv('aes-N-ecb', k, null)``."""
    declarators = [c for c in decl.named_children if c.type == "variable_declarator"]
    if len(declarators) != 1 or decl.end_point[0] != decl.start_point[0]:
        return None
    name, call = declarators[0].child_by_field_name("name"), declarators[0].child_by_field_name("value")
    if name is None or call is None or name.type != "identifier" or call.type != "call_expression":
        return None
    func = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    prop = (
        func.child_by_field_name("property")
        if func is not None and func.type == "member_expression"
        else None
    )
    items = args.named_children if args is not None else []
    if prop is None or tree.text(prop) not in {"createCipheriv", "createDecipheriv"} or len(items) != 3:
        return None
    if items[0].type != "string" or tree.text(items[2]) not in _NO_IV:
        return None
    mode = _ECB.get(tree.text(items[0])[1:-1].lower())
    return (tree.text(name), call, mode) if mode else None


def _rewrite(
    finding: Finding, sf: SourceFile, tree: Tree, found: tuple[Node, str, Node, str]
) -> Finding | None:
    decl, var, call, mode = found
    func = enclosing(decl, _FUNCTIONS)
    block = decl.parent
    if func is None or block is None or block.type != "statement_block":
        return None
    siblings = [c for c in block.named_children if c.type != "comment"]
    at = siblings.index(decl)
    use = siblings[at + 1] if at + 1 < len(siblings) else None
    if use is None or use.start_point[0] != use.end_point[0]:
        return None
    uses = [n for n in walk(func) if n.type == "identifier" and tree.text(n) == var]
    in_use = [n for n in walk(use) if n.type == "identifier" and tree.text(n) == var]
    concat = _concat(tree, use, var)
    indent = tree.lines[decl.start_point[0]][: decl.start_point[1]]
    if len(uses) != 1 + len(in_use) or len(in_use) != 2 or concat is None:
        return None  # the cipher is used elsewhere too, or another shape: by hand
    if indent.strip() or tree.lines[use.start_point[0]][: use.start_point[1]] != indent:
        return None
    names = {tree.text(n) for n in walk(func) if n.type in {"identifier", "shorthand_property_identifier"}}
    parts = (tree.text(call.child_by_field_name("function")).rsplit(".", 1)[0], var, mode)
    key = tree.text(call.child_by_field_name("arguments").named_children[1])
    if tree.text(call.child_by_field_name("function")).endswith("createCipheriv"):
        lines = None if names & {"iv", "sealed"} else _encrypt(tree, use, concat, parts, key)
        step = ENCRYPT_STEP
    else:
        lines = None if "raw" in names else _decrypt(tree, use, concat, parts, key)
        step = DECRYPT_STEP
    if lines is None:
        return None
    first, last = decl.start_point[0], use.end_point[0]
    text = f"\n{indent}".join([indent + lines[0], *lines[1:]])
    return to_finding(finding, sf, [Edit(first + 1, 0, len(tree.lines[last]), text, last + 1)], (step,))


def _encrypt(
    tree: Tree, use: Node, concat: tuple[Node, list[Node]], parts: tuple[str, str, str], key: str
) -> list[str] | None:
    lead, var, mode = parts
    update, data_args = concat
    concat_node = update.parent.parent.parent  # update call -> array -> arguments -> concat call
    if len(data_args) not in {1, 2} or concat_node is None or concat_node.type != "call_expression":
        return None
    outer, suffix, whole = concat_node.parent, "", concat_node
    if outer is not None and outer.type == "member_expression":
        whole = outer.parent
        if whole is None or tree.text(outer.child_by_field_name("property")) != "toString":
            return None
        suffix = tree.text(whole)[len(tree.text(concat_node)) :]
    head = tree.text(use)[: whole.start_byte - use.start_byte]
    tail = tree.text(use)[whole.end_byte - use.start_byte :]
    return [
        f"const iv = {lead}.randomBytes(12);",
        f"const {var} = {lead}.createCipheriv('{mode}', {key}, iv);",
        f"const sealed = {tree.text(concat_node)};",
        f"{head}Buffer.concat([iv, {var}.getAuthTag(), sealed]){suffix}{tail}",
    ]


def _decrypt(
    tree: Tree, use: Node, concat: tuple[Node, list[Node]], parts: tuple[str, str, str], key: str
) -> list[str] | None:
    lead, var, mode = parts
    update, data_args = concat
    if len(data_args) not in {1, 2} or (len(data_args) == 2 and data_args[1].type != "string"):
        return None
    data = tree.text(data_args[0])
    if len(data_args) == 2:
        data = f"Buffer.from({data}, {tree.text(data_args[1])})"
    args = update.child_by_field_name("arguments")
    text = tree.text(use)
    new_use = (
        text[: args.start_byte - use.start_byte]
        + "(raw.subarray(28))"
        + text[args.end_byte - use.start_byte :]
    )
    return [
        f"const raw = {data};",
        f"const {var} = {lead}.createDecipheriv('{mode}', {key}, raw.subarray(0, 12));",
        f"{var}.setAuthTag(raw.subarray(12, 28));",
        new_use,
    ]


def _concat(tree: Tree, use: Node, var: str) -> tuple[Node, list[Node]] | None:
    """In ``use``: ``Buffer.concat([var.update(a...), var.final()])`` -> (the update call, its arguments)."""
    if use.type not in {"return_statement", "lexical_declaration"}:
        return None
    for node in walk(use):
        if (
            node.type != "call_expression"
            or tree.text(node.child_by_field_name("function")) != "Buffer.concat"
        ):
            continue
        args = node.child_by_field_name("arguments")
        items = args.named_children if args is not None else []
        if len(items) != 1 or items[0].type != "array" or len(items[0].named_children) != 2:
            return None
        update, final = items[0].named_children
        if tree.text(final).replace(" ", "") != f"{var}.final()":
            return None
        if (
            update.type != "call_expression"
            or tree.text(update.child_by_field_name("function")) != f"{var}.update"
        ):
            return None
        uargs = update.child_by_field_name("arguments")
        return update, list(uargs.named_children if uargs is not None else [])
    return None
