"""Python weak cryptography where the use is provably a security one (issue 12):

- an HMAC keyed with MD5/SHA-1 (``hmac.new|digest(key, msg, hashlib.md5 | "md5")``, positional or
  ``digestmod=``) -> SHA-256: a keyed digest is a signature, so the use is security by construction;
- a pycryptodome block cipher in ECB mode, ``c = AES.new(key, AES.MODE_ECB)`` followed in the same
  block by ``return c.encrypt(data)`` or ``out = c.encrypt(data)`` (the cipher used nowhere else) ->
  ``AES.MODE_GCM`` with the output ``c.nonce + tag + ciphertext`` (``encrypt_and_digest``);
- a legacy pycryptodome cipher (DES, 3DES, Blowfish, RC2, CAST) keyed with ``KEY`` or a slice of it,
  where the file uses ``KEY`` itself as an AES key, -> ``AES.new(KEY, AES.MODE_GCM)`` the same way
  (``return c.iv + c.encrypt(pad(v, DES.block_size))`` -> the GCM output, ``AES.block_size``).

A bare ``hashlib.md5(data)`` is left alone: a cache key or a checksum is not a security use, and the
fixer cannot tell them apart from the code (the rule's advice names ``usedforsecurity=False``).
Both fixes change what is produced (a signature, a ciphertext), so the steps name the other side.
Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.rewrite import Edit, PySource, enclosing_function, suggest
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

_WEAK_DIGESTS = {"md5", "sha1", "md4"}
HMAC_STEP = (
    "The signature is now HMAC-SHA256: the side that checks it (and any signature stored or "
    "compared elsewhere) must switch to `hashlib.sha256` in the same release, comparing with "
    "`hmac.compare_digest`."
)
GCM_STEP = (
    "The output is now nonce (16 bytes) + tag (16 bytes) + ciphertext: decrypt with "
    "`AES.new(key, AES.MODE_GCM, nonce=data[:16]).decrypt_and_verify(data[32:], data[16:32])`, and "
    "re-encrypt the values already stored with ECB."
)
_CIPHER_MODULES = {"Crypto.Cipher", "Cryptodome.Cipher"}
_BLOCK_CIPHERS = {"AES"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "weak-crypto" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None:
        return None
    return _hmac(finding, sf, src) or _ecb(finding, sf, src)


def _hmac(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    if src.binds("hmac") != "import hmac":
        return None
    edits: list[Edit] = []
    for call in ast.walk(src.tree):
        if not (isinstance(call, ast.Call) and call.lineno in finding.lines):
            continue
        if dotted(call.func) not in {"hmac.new", "hmac.digest"}:
            continue
        mod = [k.value for k in call.keywords if k.arg == "digestmod"] + call.args[2:3]
        if len(mod) != 1:
            continue
        node = mod[0]
        if isinstance(node, ast.Attribute) and dotted(node) in {f"hashlib.{d}" for d in _WEAK_DIGESTS}:
            if src.binds("hashlib") != "import hashlib":
                continue
            edits.append(src.replace(node, "hashlib.sha256"))
        elif isinstance(node, ast.Constant) and str(node.value).lower() in _WEAK_DIGESTS:
            edits.append(src.replace(node, '"sha256"'))
    if not edits:
        return None
    return suggest(finding, sf, _apply(src.text, edits), (HMAC_STEP,))


def _apply(text: str, edits: list[Edit]) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.text + text[e.end :]
    return text


def _cipher_names(src: PySource) -> set[str]:
    return {
        a.asname or a.name
        for n in src.tree.body
        if isinstance(n, ast.ImportFrom) and n.module in _CIPHER_MODULES
        for a in n.names
        if a.name in _BLOCK_CIPHERS
    }


def _ecb(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    names = _cipher_names(src)
    func = enclosing_function(src.tree, finding.start_line)
    if not names or func is None:
        return None
    block, assign = _ecb_assignment(func, finding, names)
    if assign is None or block is None:
        return _legacy(finding, sf, src, func, names)
    mode = assign.value.args[1]  # type: ignore[attr-defined]
    mode_text = src.segment(mode).rsplit(".", 1)[0] + ".MODE_GCM"
    return _to_gcm(finding, sf, src, (func, block, assign), src.replace(mode, mode_text), {})


def _to_gcm(  # noqa: PLR0917 - the two cipher paths share it
    finding: Finding,
    sf: SourceFile,
    src: PySource,
    where: tuple[ast.FunctionDef | ast.AsyncFunctionDef, list[ast.stmt], ast.Assign],
    new_cipher: Edit,
    renames: dict[str, str],
) -> Finding | None:
    """The cipher's one use (``return c.encrypt(p)``, ``out = c.iv + c.encrypt(p)``...) rewritten to
    ``encrypt_and_digest`` with the output ``c.nonce + tag + ciphertext``; ``renames`` maps text in the
    plaintext expression (``DES.block_size`` -> ``AES.block_size``)."""
    func, block, assign = where
    var = assign.targets[0].id  # type: ignore[attr-defined]
    uses = [n for n in ast.walk(func) if isinstance(n, ast.Name) and n.id == var]
    later = block[block.index(assign) + 1 :]
    use = next((s for s in later if any(n in uses for n in ast.walk(s))), None)
    encrypt = _encrypt_call(use, var) if use is not None else None
    if use is None or encrypt is None or src.binds("ciphertext") is not None or src.binds("tag") is not None:
        return None
    if len(uses) != 1 + sum(1 for n in ast.walk(use) if n in uses):  # used only in that statement
        return None
    if src.lines[use.lineno - 1][: use.col_offset].strip() or use.lineno != use.end_lineno:
        return None
    data = src.segment(encrypt.args[0])
    for old, new in renames.items():
        data = data.replace(old, new)
    indent, nl = src.indent_of(use.lineno), src.newline()
    first = f"{indent}ciphertext, tag = {var}.encrypt_and_digest({data}){nl}"
    tail = f"{var}.nonce + tag + ciphertext"
    if isinstance(use, ast.Return):
        second = f"{indent}return {tail}"
    else:
        second = f"{indent}{src.segment(use.targets[0])} = {tail}"  # type: ignore[attr-defined]
    start = src.line_start(use.lineno)
    end = start + len(src.lines[use.lineno - 1].rstrip("\r\n"))
    edits = [new_cipher, Edit(start, end, first + second)]
    return suggest(finding, sf, _apply(src.text, edits), (GCM_STEP,))


_LEGACY = {"DES", "DES3", "Blowfish", "ARC2", "CAST"}


def _legacy(
    finding: Finding,
    sf: SourceFile,
    src: PySource,
    func: ast.FunctionDef | ast.AsyncFunctionDef,
    aes: set[str],
) -> Finding | None:
    """``c = DES.new(KEY[:8], DES.MODE_CBC, iv=...)`` where the file uses ``KEY`` itself as an AES key
    (``AES.new(KEY, ...)``) -> ``c = AES.new(KEY, AES.MODE_GCM)``, its use rewritten by ``_to_gcm``."""
    legacy = {
        a.asname or a.name
        for n in src.tree.body
        if isinstance(n, ast.ImportFrom) and n.module in _CIPHER_MODULES
        for a in n.names
        if a.name in _LEGACY
    }
    aes_keys = {
        c.args[0].id
        for c in ast.walk(src.tree)
        if isinstance(c, ast.Call) and dotted(c.func) in {f"{a}.new" for a in aes} and c.args
        if isinstance(c.args[0], ast.Name)
    }
    for node in ast.walk(func):
        block = getattr(node, "body", None)
        if not isinstance(block, list):
            continue
        for stmt in block:
            if not (isinstance(stmt, ast.Assign) and stmt.lineno in finding.lines and len(stmt.targets) == 1):
                continue
            call = stmt.value
            if not (isinstance(stmt.targets[0], ast.Name) and isinstance(call, ast.Call) and call.args):
                continue
            name = dotted(call.func).removesuffix(".new")
            key = call.args[0]
            base = key.value if isinstance(key, ast.Subscript) and isinstance(key.slice, ast.Slice) else key
            if name not in legacy or not isinstance(base, ast.Name) or base.id not in aes_keys:
                continue
            cipher = sorted(aes)[0]
            edit = src.replace(call, f"{cipher}.new({base.id}, {cipher}.MODE_GCM)")
            renames = {f"{name}.block_size": f"{cipher}.block_size"}
            return _to_gcm(finding, sf, src, (func, block, stmt), edit, renames)
    return None


def _ecb_assignment(
    func: ast.FunctionDef | ast.AsyncFunctionDef, finding: Finding, names: set[str]
) -> tuple[list[ast.stmt] | None, ast.Assign | None]:
    """(the statement list holding it, ``var = AES.new(key, AES.MODE_ECB)`` on a flagged line)."""
    for node in ast.walk(func):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for stmt in block:
                if not (isinstance(stmt, ast.Assign) and stmt.lineno in finding.lines):
                    continue
                value = stmt.value
                if not (
                    len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name)
                    and isinstance(value, ast.Call)
                    and len(value.args) == 2
                    and not value.keywords
                    and dotted(value.func) in {f"{n}.new" for n in names}
                ):
                    continue
                mode = dotted(value.args[1])
                if mode.endswith(".MODE_ECB") and mode.split(".")[0] in names:
                    return block, stmt
    return None, None


def _encrypt_call(stmt: ast.stmt, var: str) -> ast.Call | None:
    """The ``var.encrypt(data)`` that is the whole value of ``return ...`` or ``name = ...`` (or of
    ``var.iv + var.encrypt(data)``, a CBC output that carries its IV)."""
    value = (
        stmt.value
        if isinstance(stmt, ast.Return)
        or (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name))
        else None
    )
    if (
        isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.Add)
        and isinstance(value.left, ast.Attribute)
        and value.left.attr == "iv"
        and dotted(value.left.value) == var
    ):
        value = value.right
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "encrypt"
        and dotted(value.func.value) == var
        and len(value.args) == 1
        and not value.keywords
        and not isinstance(value.args[0], ast.Starred)
    ):
        return value
    return None
