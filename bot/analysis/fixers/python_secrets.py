"""Python fixers for secrets made weakly: ``random`` for tokens and fast hashes for passwords.

- ``random.choice/randrange/randint/getrandbits/randbytes`` -> the ``secrets`` equivalent with the
  same range (``randint(a, b)`` -> ``randbelow(b - a + 1) + a``), ``random.random()`` ->
  ``secrets.SystemRandom().random()`` (the same float, from the OS CSPRNG): on a flagged line, or on
  the line that assigns a name the flagged line uses (followed back through at most three single
  assignments in the same function, e.g. ``v = random.random(); key = str(v)[2:]; set_cookie(.., key)``);
- ``hashlib.<md5|sha1|sha256...>(password[.encode(...)]).hexdigest()`` -> the framework's password
  hasher (werkzeug ``generate_password_hash`` with Flask/werkzeug, Django ``make_password``); with no
  framework, a salted ``hashlib.scrypt`` written in werkzeug's stored format
  (``scrypt:32768:8:1$<salt>$<hex>``, so ``check_password_hash`` verifies it), the salt drawn on a line
  inserted above the statement. A step covers the check side. Hashes of tokens or signatures (where an
  HMAC is the fix) get advice only.
Pure: source text in, a finding with a replacement out.
"""

from __future__ import annotations

import ast
import re

from bot.analysis.fixers.rewrite import (
    Edit,
    PySource,
    calls_on_lines,
    enclosing_function,
    single_assignment,
    suggest_python,
)
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

_PASSWORD = re.compile(r"passw|passwd|pwd|passphrase", re.IGNORECASE)
SECRET_CONTEXT = re.compile(
    r"token|secret|passw|pwd|otp|nonce|salt|session|sess_?id|csrf|xsrf|api_?key|reset|verif|invite|"
    r"activation|auth|one_time|pin|code|key|cookie|remember|sid",
    re.IGNORECASE,
)
_WEAK = {"md5", "sha1", "md4", "sha"}
_HASHES = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "md4", "sha"}
HMAC_STEP = (
    "If this hash signs or authenticates data rather than storing a password, use "
    "`hmac.new(key, message, hashlib.sha256).hexdigest()` with a secret key, and compare with "
    "`hmac.compare_digest`."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.replacement is not None:
        return None
    if finding.category not in ("insecure-randomness", "weak-password-hash", "weak-crypto"):
        return None
    src = PySource.parse(sf)
    if src is None:
        return None
    if finding.category == "insecure-randomness":
        return _randomness(finding, sf, src)
    return _password_hash(finding, sf, src)


def _randomness(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    func = enclosing_function(src.tree, finding.start_line)
    context = " ".join([func.name if func else "", *sf.lines[finding.start_line - 1 : finding.end_line]])
    if not SECRET_CONTEXT.search(context):
        return None  # a game, a sample, a jitter: a seeded generator may be what the code wants
    if src.binds("random") != "import random" or src.binds("secrets") not in (None, "import secrets"):
        return None
    edits = []
    drawn = _source_lines(src, func, finding)
    for call in (n for n in ast.walk(src.tree) if isinstance(n, ast.Call) and n.lineno in drawn):
        text = _secret_call(src, call)
        if text is not None:
            edits.append(src.replace(call, text))
    if not edits:
        return None
    return suggest_python(
        finding,
        sf,
        src,
        edits,
        ["import secrets"],
        ("`secrets` draws from the operating system's CSPRNG; the values keep their range.",),
    )


_HOPS = 3


def _source_lines(src: PySource, func: ast.AST | None, finding: Finding) -> set[int]:
    """The flagged lines, plus the lines of the single assignments (in the same function, before the
    flagged line) of the names they read, followed back ``_HOPS`` times: where the value was drawn."""
    lines = set(finding.lines)
    if func is None:
        return lines
    frontier = [
        n
        for n in ast.walk(func)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.lineno in finding.lines
    ]
    seen: set[str] = set()
    for _ in range(_HOPS):
        nxt: list[ast.Name] = []
        for name in frontier:
            if name.id in seen:
                continue
            seen.add(name.id)
            assign = single_assignment(func, name.id, name.lineno)
            if assign is None or not isinstance(assign.targets[0], ast.Name):
                continue
            lines.update(range(assign.lineno, (assign.end_lineno or assign.lineno) + 1))
            value = assign.value
            nxt += [n for n in ast.walk(value) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]
        frontier = nxt
    return lines


def _secret_call(src: PySource, call: ast.Call) -> str | None:  # noqa: PLR0911 - one return per call
    name = dotted(call.func)
    if not name.startswith("random.") or call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    fn = name.removeprefix("random.")
    args = [src.segment(a) for a in call.args]
    if any("\n" in a for a in args):
        return None
    if fn == "random" and not args:
        return "secrets.SystemRandom().random()"
    if fn == "choice" and len(args) == 1:
        return f"secrets.choice({args[0]})"
    if fn == "getrandbits" and len(args) == 1:
        return f"secrets.randbits({args[0]})"
    if fn == "randbytes" and len(args) == 1:
        return f"secrets.token_bytes({args[0]})"
    if fn == "randrange" and len(args) == 1:
        return f"secrets.randbelow({args[0]})"
    if fn == "randint" and len(args) == 2:
        low, high = call.args
        if isinstance(low, ast.Constant) and isinstance(high, ast.Constant):
            if type(low.value) is int and type(high.value) is int and high.value >= low.value:
                size = high.value - low.value + 1
                return (
                    f"secrets.randbelow({size})"
                    if low.value == 0
                    else f"(secrets.randbelow({size}) + {low.value})"
                )
            return None
        if isinstance(low, ast.Constant) and low.value == 0 and type(low.value) is int:
            return f"secrets.randbelow({args[1]} + 1)"
        return f"(secrets.randbelow({args[1]} - {args[0]} + 1) + {args[0]})"
    return None


def _password_hash(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    for call in calls_on_lines(src.tree, finding.lines):
        digest = _hashed(call)
        if digest is None:
            continue
        data = digest.func.value.args[0]  # type: ignore[attr-defined]
        value = data.func.value if _is_encode(data) else data
        text = src.segment(value)
        if not _PASSWORD.search(text) or "\n" in text:
            weak = dotted(digest.func.value.func).removeprefix("hashlib.") in _WEAK  # type: ignore[attr-defined]
            return finding.with_(remediation=(*finding.remediation, HMAC_STEP)) if weak else None
        frameworks = src.imports()
        if {"flask", "werkzeug"} & frameworks and src.binds("generate_password_hash") in (
            None,
            "from werkzeug.security import generate_password_hash",
        ):
            fn, stmt, check = (
                "generate_password_hash",
                "from werkzeug.security import generate_password_hash",
                "werkzeug.security.check_password_hash(stored, password)",
            )
        elif "django" in frameworks and src.binds("make_password") in (
            None,
            "from django.contrib.auth.hashers import make_password",
        ):
            fn, stmt, check = (
                "make_password",
                "from django.contrib.auth.hashers import make_password",
                "django.contrib.auth.hashers.check_password(password, stored)",
            )
        else:
            return _scrypt(finding, sf, src, digest)
        step = (
            f"Check passwords with `{check}` instead of comparing digests, and re-hash each stored "
            "digest at the user's next successful login (the old fast hashes cannot be converted)."
        )
        return suggest_python(finding, sf, src, [src.replace(digest, f"{fn}({text})")], [stmt], (step,))
    return None


SCRYPT_STEP = (
    "The stored value is `scrypt:32768:8:1$<salt>$<hex digest>`, werkzeug's format: check it with "
    "`werkzeug.security.check_password_hash(stored, password)`, or split it on `$` and compare "
    "`hashlib.scrypt(password, salt=salt.encode(), n=32768, r=8, p=1, maxmem=34603008).hex()` with "
    "`hmac.compare_digest`. Re-hash each stored digest at the user's next successful login (the old "
    "fast hashes cannot be converted)."
)


def _scrypt(finding: Finding, sf: SourceFile, src: PySource, digest: ast.Call) -> Finding | None:
    """No framework hasher: a salted scrypt in werkzeug's format, the salt drawn on a new line above the
    simple statement that holds the digest (which must start its line)."""
    func = enclosing_function(src.tree, digest.lineno)
    if func is None or src.binds("hashlib") != "import hashlib" or src.binds("salt") is not None:
        return None
    if src.binds("secrets") not in (None, "import secrets"):
        return None
    stmt = next(
        (
            s
            for s in ast.walk(func)
            if isinstance(s, ast.Return | ast.Assign | ast.AnnAssign | ast.Expr)
            and any(n is digest for n in ast.walk(s))
        ),
        None,
    )
    if stmt is None or src.lines[stmt.lineno - 1][: stmt.col_offset].strip():
        return None
    data = digest.func.value.args[0]  # type: ignore[attr-defined]
    text = src.segment(data)
    new = (
        f'"scrypt:32768:8:1$" + salt + "$" + hashlib.scrypt(password={text}, salt=salt.encode(), '
        "n=32768, r=8, p=1, maxmem=34603008).hex()"
    )
    at = src.line_start(stmt.lineno)
    salt = Edit(at, at, f"{src.indent_of(stmt.lineno)}salt = secrets.token_hex(16){src.newline()}")
    return suggest_python(
        finding, sf, src, [salt, src.replace(digest, new)], ["import secrets"], (SCRYPT_STEP,)
    )


def _hashed(call: ast.Call) -> ast.Call | None:
    """``hashlib.X(data).hexdigest()`` (the outer call), or None."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "hexdigest" and not call.args):
        return None
    inner = func.value
    if not (isinstance(inner, ast.Call) and len(inner.args) == 1 and not inner.keywords):
        return None
    name = dotted(inner.func)
    if not name.startswith("hashlib.") or name.removeprefix("hashlib.") not in _HASHES:
        return None
    return call


def _is_encode(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "encode"
        and len(node.args) <= 1
        and not node.keywords
    )
