"""PyJWT tokens read without checking their signature -> a verified decode (issue 12), only where the
file shows both the key and the algorithm; otherwise the finding keeps its steps.

``jwt.decode(token, options={"verify_signature": False})`` (the options holding nothing else) or
``jwt.decode(token, verify=False)`` becomes ``jwt.decode(token, KEY, algorithms=["ALG"])``. The key is
the one already passed in the call, or else the one module-level name the file assigns once and also
signs with (``jwt.encode(..., KEY, algorithm="ALG")``); the algorithm is the literal the file signs
with, or the ``algorithms=[...]`` literal another ``jwt.decode`` in the file passes. ``"none"`` is
never taken. Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.rewrite import PySource, suggest_python
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

STEP = (
    "The token is now verified: catch `jwt.InvalidTokenError` around the call and answer 401, and add a "
    "test where a token signed with another key (or with alg none) is refused."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "jwt-verification" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None or src.binds("jwt") != "import jwt":
        return None
    signing = _signing(src.tree)
    for call in ast.walk(src.tree):
        if not (
            isinstance(call, ast.Call) and call.lineno in finding.lines and dotted(call.func) == "jwt.decode"
        ):
            continue
        if not call.args or any(isinstance(a, ast.Starred) for a in call.args) or len(call.args) > 2:
            continue
        if any(k.arg is None for k in call.keywords):
            continue
        unverified = [k for k in call.keywords if _disables(k)]
        if len(unverified) != 1:
            continue
        key = (
            call.args[1]
            if len(call.args) == 2
            else next((k.value for k in call.keywords if k.arg == "key"), None)
        )
        key_text = src.segment(key) if key is not None else _file_key(src, signing)
        algorithm = _algorithm(src.tree, signing, key_text)
        if key_text is None or algorithm is None:
            return None
        kept = [
            src.segment(k)
            for k in call.keywords
            if k is not unverified[0] and k.arg not in {"key", "algorithms"}
        ]
        args = [src.segment(call.args[0]), key_text, f'algorithms=["{algorithm}"]', *kept]
        new = f"{src.segment(call.func)}({', '.join(args)})"
        if "\n" in new:
            return None
        return suggest_python(finding, sf, src, [src.replace(call, new)], (), (STEP,))
    return None


def _disables(k: ast.keyword) -> bool:
    """``verify=False`` or ``options={"verify_signature": False}`` with nothing else in the options."""
    if k.arg == "verify":
        return isinstance(k.value, ast.Constant) and k.value.value is False
    if k.arg != "options" or not isinstance(k.value, ast.Dict) or len(k.value.keys) != 1:
        return False
    key, value = k.value.keys[0], k.value.values[0]
    return (
        isinstance(key, ast.Constant)
        and key.value == "verify_signature"
        and isinstance(value, ast.Constant)
        and value.value is False
    )


def _signing(tree: ast.Module) -> list[tuple[ast.expr, str]]:
    """(key, algorithm literal) of every ``jwt.encode(payload, key, algorithm="...")`` in the file."""
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and dotted(node.func) == "jwt.encode" and len(node.args) >= 2):
            continue
        alg = next((k.value for k in node.keywords if k.arg == "algorithm"), None)
        if isinstance(alg, ast.Constant) and isinstance(alg.value, str) and alg.value.lower() != "none":
            out.append((node.args[1], alg.value))
    return out


def _file_key(src: PySource, signing: list[tuple[ast.expr, str]]) -> str | None:
    names = {k.id for k, _ in signing if isinstance(k, ast.Name)}
    if len(names) != 1:
        return None
    name = names.pop()
    assigned = [
        n
        for n in src.tree.body
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
    ]
    return name if len(assigned) == 1 and src.binds(name) == "other" else None


def _algorithm(tree: ast.Module, signing: list[tuple[ast.expr, str]], key: str | None) -> str | None:
    algs = {alg for k, alg in signing if key is None or ast.unparse(k) == key}
    if len(algs) == 1:
        return algs.pop()
    declared = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and dotted(node.func) == "jwt.decode":
            for k in node.keywords:
                if k.arg == "algorithms" and isinstance(k.value, ast.List) and len(k.value.elts) == 1:
                    elt = k.value.elts[0]
                    if (
                        isinstance(elt, ast.Constant)
                        and isinstance(elt.value, str)
                        and elt.value.lower() != "none"
                    ):
                        declared.add(elt.value)
    return declared.pop() if len(declared) == 1 else None
