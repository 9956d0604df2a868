"""Redirect-target checks that browsers walk around (CWE-601), read from one function's ``ast``.

A function that checks a URL before redirecting to it (named as such a check, ``is_safe_url``,
``_redirect_safe``, or one that calls a redirect) is weak when its accepting test is a prefix check
of the raw value (``next.startswith("/")``) that rejects neither ``//host`` nor ``/\\host``, when it
compares hosts as text (a suffix without its dot, a host anywhere in the URL, a ``scheme://host``
prefix), or when it accepts an empty netloc without handling backslashes (``/\\evil.com`` has no
netloc for ``urlparse``, browsers read ``//evil.com``). Pure syntax: no
values, no other functions. Imports the flow package and the standard library only.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.analysis.flow.interp import dotted

_CHECK_NAME = re.compile(
    r"(?i)(safe|valid|allowed|trusted|local|same_?(host|origin|site)|check|verify|sanitiz|clean)"
    r"[a-z_]*(url|redirect|next|target|location|return_?to|came_?from|referr?er)"
    r"|(url|redirect|next|target|location)[a-z_]*(safe|valid|allowed|trusted|local|ok)"
)
"""Names of functions that decide whether a URL may be redirected to."""
_REDIRECT_CALLS = {
    "redirect", "HttpResponseRedirect", "HttpResponsePermanentRedirect", "RedirectResponse", "HTTPFound",
    "HTTPSeeOther", "HTTPTemporaryRedirect", "HTTPMovedPermanently",
}  # fmt: skip
_PARSERS = {"urlparse", "urlsplit", "urljoin"}
_HOST_PREFIX = re.compile(r"(?i)host|origin|domain|^[a-z][a-z0-9+.-]*://")
"""A prefix naming a host (``request.host_url``, ``"https://example.com/"``): not a local-path check."""


@dataclass(frozen=True, slots=True)
class Weakness:
    line: int
    """The line of the check (the prefix test, the netloc test)."""
    what: str
    """What passes it, in a sentence fragment."""
    names: frozenset[str]
    """Names holding the target or values derived from it (to anchor on lines that touch them)."""


def _strings(fn: ast.AST) -> Iterator[str]:
    for node in ast.walk(fn):
        if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
            yield node.value if isinstance(node.value, str) else node.value.decode("latin-1")


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _last(node: ast.expr) -> str:
    return dotted(node).rsplit(".", 1)[-1]


def _targets(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The names the function checks: its first parameter when it is named as a check, the values
    it redirects to otherwise."""
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args) if a.arg not in {"self", "cls"}]
    if _CHECK_NAME.search(fn.name) and params:
        return {params[0]}
    out: set[str] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and _last(node.func) in _REDIRECT_CALLS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Name):
                out.add(first.id)
    return out


def _derived(fn: ast.AST, roots: set[str]) -> set[str]:
    """``roots`` and every name assigned from an expression that reads one of them (to a fixpoint)."""
    names = set(roots)
    assigns = [n for n in ast.walk(fn) if isinstance(n, ast.Assign | ast.AnnAssign | ast.AugAssign)]
    for _ in range(4):
        before = len(names)
        for node in assigns:
            if node.value is not None and _names(node.value) & names:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    names |= _names(target)
        if len(names) == before:
            break
    return names


def _tests(fn: ast.AST) -> Iterator[ast.expr]:
    """Expressions whose truth decides something: conditions, and boolean values returned."""
    for node in ast.walk(fn):
        if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert):
            yield node.test
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Compare | ast.BoolOp | ast.UnaryOp):
            yield node.value
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Compare):
            yield node.value  # ``ok = parsed.netloc == ""`` (``host = parsed.hostname or ""`` is a default)


def _is_host(node: ast.AST, names: set[str]) -> bool:
    """``x.netloc`` / ``x.hostname`` of a checked value, or a name made from one (``target_netloc``)."""
    if isinstance(node, ast.Attribute) and node.attr in {"netloc", "hostname"}:
        return bool(_names(node.value) & names)
    return isinstance(node, ast.Name) and node.id in names and ("netloc" in node.id or "hostname" in node.id)


def _accepts_empty_host(test: ast.expr, names: set[str]) -> bool:
    """Whether ``test`` decides on a host in a way an empty one passes: its truth (``if
    parsed.netloc: refuse``), a comparison with ``""``/None, or with another parsed host (after
    ``urljoin`` a target with no host of its own gets the page's). Membership in an allow-list, a
    suffix or an equality with a fixed host refuse an empty host."""
    parents = {id(child): node for node in ast.walk(test) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(test):
        if not _is_host(node, names):
            continue
        parent = parents.get(id(node))
        if parent is None or isinstance(parent, ast.BoolOp | ast.UnaryOp):
            return True  # the test itself, an operand of and/or/not
        if isinstance(parent, ast.Compare) and all(isinstance(op, ast.Eq | ast.NotEq) for op in parent.ops):
            others = [n for n in (parent.left, *parent.comparators) if n is not node]
            if any(
                _is_host(o, names)
                or (isinstance(o, ast.Attribute) and o.attr in {"netloc", "hostname"})
                or (isinstance(o, ast.Constant) and o.value in {"", None})
                for o in others
            ):
                return True
    return False


def weaknesses(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[Weakness]:
    """The ways a redirect check in ``fn`` lets an off-site target through (none when it is no check)."""
    roots = _targets(fn)
    if not roots:
        return []
    names = _derived(fn, roots)
    strings = list(_strings(fn))
    backslash = any("\\" in s for s in strings)
    double_slash = any(s.startswith(("//", "^//", "^/+", "^/{2", "^[/")) for s in strings)
    tests = list(_tests(fn))
    netloc_tests = [t for t in tests if _accepts_empty_host(t, names)]
    out: list[Weakness] = []
    frozen = frozenset(names)
    loose = _loose_host_test(tests, names)
    if loose is not None:
        return [Weakness(loose[0], loose[1], frozen)]
    if netloc_tests:
        # a netloc test without a scheme test lets `https:/evil.com` through too, but real fixes stop
        # there as often as not (jupyter_server's first fix did): that weakening is read from the
        # diff instead (removed_controls' redirect-scheme control)
        if not backslash:
            what = "`/\\evil.com` has no netloc for `urlparse`, but browsers read it as `//evil.com`"
            out.append(Weakness(netloc_tests[0].lineno, what, frozen))
        return out
    if double_slash and backslash:
        return out
    for test in tests:
        for node in ast.walk(test):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "startswith"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in names
                and node.args
            ):
                continue
            prefix = node.args[0]
            shown = ast.unparse(prefix)
            if _HOST_PREFIX.search(shown):
                continue
            constant = prefix.value if isinstance(prefix, ast.Constant) else "/"
            if not (isinstance(constant, str) and constant.startswith("/")):
                continue
            what = f"a prefix check (`startswith({shown[:40]})`) also accepts `//evil.com` and `/\\evil.com`"
            return [Weakness(node.lineno, what, frozen)]
    return out


_HOST = re.compile(r"^[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,8}$")
_URL_WITHOUT_PATH = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{0,20}://[^/?#]{1,253}$")


def _constants(node: ast.expr) -> list[str]:
    """The string constants of ``node`` (a constant, or a tuple or list of them)."""
    items = node.elts if isinstance(node, ast.Tuple | ast.List) else [node]
    return [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]


def _loose_host_test(tests: list[ast.expr], names: set[str]) -> tuple[int, str] | None:
    """A host compared as text: a suffix without its dot (``netloc.endswith("example.com")`` takes
    ``evilexample.com``), a host looked for anywhere in the URL (``"example.com" in url``), or a
    prefix naming a host with no path after it (``url.startswith("https://example.com")`` takes
    ``https://example.com.evil.com`` and ``https://example.com@evil.com``)."""
    for test in tests:
        for node in ast.walk(test):
            if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.In):
                hosts = [c for c in _constants(node.left) if _HOST.match(c)]
                if hosts and isinstance(node.comparators[0], ast.Name) and node.comparators[0].id in names:
                    return node.lineno, f"a host looked for anywhere in the URL (`{hosts[0]!r} in ...`)"
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
                continue
            reads = _names(node.func.value) & names
            if node.func.attr == "endswith" and reads:
                bare = [c for c in _constants(node.args[0]) if _HOST.match(c)]
                if bare:
                    return (
                        node.lineno,
                        f"a host suffix without its dot (`endswith({bare[0]!r})`) takes `evil{bare[0]}`",
                    )
            if node.func.attr == "startswith" and isinstance(node.func.value, ast.Name) and reads:
                bare = [c for c in _constants(node.args[0]) if _URL_WITHOUT_PATH.match(c)]
                if bare:
                    shown = f"startswith({bare[0]!r})"
                    return (
                        node.lineno,
                        f"a host prefix with no `/` after it (`{shown}`) takes `{bare[0]}.evil.com`",
                    )
    return None


def anchor(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, weakness: Weakness, added: frozenset[int]
) -> int | None:
    """The line to report ``weakness`` on: the check's own line when the change adds it, else the
    latest added line of ``fn`` that reads or sets the checked value; None when the change leaves
    the check and the value alone."""
    if weakness.line in added:
        return weakness.line
    touched = {
        node.lineno
        for node in ast.walk(fn)
        if isinstance(node, ast.Name) and node.id in weakness.names and node.lineno in added
    }
    return max(touched) if touched else None
