"""A new route that lacks the authentication its sibling routes carry (broken access control, CWE-862).

The repository's own convention is the rule: in one module (a Flask/FastAPI file, a Django views
module, an Express router, a Spring controller, a Rails controller with its `before_action` filters and
their `only:` / `except:` lists), when the existing handlers carry an auth decorator,
dependency, annotation or middleware and a handler the change adds carries none, that handler is a
finding. Reads head contents only (lines in, findings out); imports bot.core only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.core.models import Confidence, FileChange, Finding, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
RULE_ID = "route-missing-auth"
MIN_PROTECTED_SIBLINGS = 2
SIBLING_SHARE = 0.75
MAX_LINE = 400
"""Lines are cut to this length before matching: every pattern below is then bounded."""

_AUTH_WORD = (
    r"(login_required|permission_required|user_passes_test|staff_member_required|jwt_required|"
    r"auth|requires?_|roles?_required|admin_required|authenticated|authori[sz]|ensure|current_user|"
    r"get_current|verify_\w{0,30}token|protect|PreAuthorize|PostAuthorize|Secured|RolesAllowed|isAdmin|"
    r"is_admin|checkPermission|passport)"
)
_AUTH = re.compile(_AUTH_WORD, re.IGNORECASE)
_PUBLIC = re.compile(
    r"(login|logout|signin|signup|sign_in|sign_up|register|health|healthz|ready|status|metrics|ping|"
    r"public|static|assets|callback|webhook|forgot|reset|verify|confirm|oauth|sso|robots|favicon|docs|"
    r"openapi|swagger|version|index|home|about|terms|privacy)",
    re.IGNORECASE,
)
_PY_ROUTE = re.compile(r"^\s*@\w+(\.\w+)*\.(route|get|post|put|patch|delete|api_route|websocket)\(")
_PY_DECORATOR = re.compile(r"^\s*@")
_PY_DEF = re.compile(r"^\s*(async\s+)?def\s+(\w+)\s*\(")
_DJANGO_VIEW = re.compile(r"^(async\s+)?def\s+(\w+)\s*\(\s*request\b")
_JS_ROUTE = re.compile(r"^\s*(\w+)\.(get|post|put|patch|delete|all)\(\s*['\"`]")
_JS_USE_AUTH = re.compile(r"^\s*\w+\.use\([^)]{0,200}" + _AUTH_WORD, re.IGNORECASE)
_JAVA_MAPPING = re.compile(r"^\s*@(Get|Post|Put|Patch|Delete|Request)Mapping\b")
_JAVA_ANNOTATION = re.compile(r"^\s*@\w+")
_IDENT = re.compile(r"[A-Za-z_]\w*")
_NOT_A_METHOD = {"return", "if", "for", "while", "switch", "new", "throw", "catch", "else"}


@dataclass(frozen=True, slots=True)
class Route:
    """One handler: the line that declares it, its name, and whether it carries an auth control."""

    line: int
    name: str
    protected: bool
    lines: tuple[int, ...]


def _clip(text: str) -> str:
    return text[:MAX_LINE]


def _python_routes(lines: Sequence[str], django: bool) -> list[Route]:
    routes: list[Route] = []
    i = 0
    while i < len(lines):
        text = _clip(lines[i])
        if _PY_ROUTE.match(text) or (django and _DJANGO_VIEW.match(text) and not _decorated(lines, i)):
            start = i
            j = i
            while j < len(lines) and not _PY_DEF.match(_clip(lines[j])):
                j += 1
            if j >= len(lines):
                break
            signature_end = min(len(lines), j + 6)
            header = [_clip(lines[k]) for k in range(start, signature_end)]
            decorators = [h for h in header[: j - start] if _PY_DECORATOR.match(h)]
            signature = " ".join(header[j - start :])
            signature = signature.split("):", 1)[0]
            protected = any(_AUTH.search(d.split("(", 1)[0]) for d in decorators if not _PY_ROUTE.match(d))
            protected = protected or bool(re.search(r"Depends\(\s*" + _AUTH_WORD, signature, re.IGNORECASE))
            match = _PY_DEF.match(_clip(lines[j]))
            name = match.group(2) if match else ""
            routes.append(Route(start + 1, name, protected, tuple(range(start + 1, j + 2))))
            i = j + 1
            continue
        if django and _PY_DECORATOR.match(text):
            # a decorated Django view: collect its decorators, then its def
            j = i
            while j < len(lines) and _PY_DECORATOR.match(_clip(lines[j])):
                j += 1
            if j < len(lines) and _DJANGO_VIEW.match(_clip(lines[j])):
                decorators = [_clip(lines[k]) for k in range(i, j)]
                protected = any(_AUTH.search(d.split("(", 1)[0]) for d in decorators)
                match = _DJANGO_VIEW.match(_clip(lines[j]))
                name = match.group(2) if match else ""
                routes.append(Route(i + 1, name, protected, tuple(range(i + 1, j + 2))))
            i = j + 1
            continue
        i += 1
    return routes


def _decorated(lines: Sequence[str], i: int) -> bool:
    return i > 0 and bool(_PY_DECORATOR.match(_clip(lines[i - 1])))


def _js_routes(lines: Sequence[str]) -> list[Route]:
    routes: list[Route] = []
    guarded = False
    for i, raw in enumerate(lines):
        text = _clip(raw)
        if _JS_USE_AUTH.match(text):
            guarded = True  # every route declared after a router-wide auth middleware is protected
            continue
        match = _JS_ROUTE.match(text)
        if not match:
            continue
        path_end = text.find(",", match.end())
        args = text[path_end + 1 :] if path_end != -1 else ""
        args = args.split("=>", 1)[0].split("function", 1)[0]
        protected = guarded or bool(_AUTH.search(args))
        path = text[match.end() : path_end if path_end != -1 else len(text)]
        routes.append(Route(i + 1, path, protected, (i + 1,)))
    return routes


def _java_routes(lines: Sequence[str]) -> list[Route]:
    routes: list[Route] = []
    for i, raw in enumerate(lines):
        if not _JAVA_MAPPING.match(_clip(raw)):
            continue
        start = i
        while start > 0 and _JAVA_ANNOTATION.match(_clip(lines[start - 1])):
            start -= 1
        end = i
        while end < len(lines) and end - i <= 10 and not _java_method_name(_clip(lines[end])):
            end += 1
        if end >= len(lines) or end - i > 10:
            continue
        annotations = [_clip(lines[k]) for k in range(start, end)]
        protected = any(_AUTH.search(a) for a in annotations if not _JAVA_MAPPING.match(a))
        name = _java_method_name(_clip(lines[end]))
        routes.append(Route(i + 1, name, protected, tuple(range(start + 1, end + 2))))
    return routes


def _java_method_name(text: str) -> str:
    """The method name when ``text`` declares a method (a type, then a name, then `(`), else ""."""
    stripped = text.strip()
    if not stripped or stripped.startswith("@"):
        return ""
    before = stripped.split("(", 1)[0].split()
    if "(" not in stripped or len(before) < 2 or before[0] in _NOT_A_METHOD:
        return ""
    name = before[-1]
    return name if _IDENT.fullmatch(name) and name not in _NOT_A_METHOD else ""


_RB_FILTER = re.compile(
    r"^\s*(skip_)?(before_action|before_filter|prepend_before_action|append_before_action)\s*\(?\s*(:[\w!?]+(?:\s*,\s*:[\w!?]+)*)"
)
_RB_LIMIT = re.compile(r"\b(only|except)\s*:\s*(%[iw]\[[^\]]*\]|\[[^\]]*\]|:[\w!?]+)")
_RB_SYMBOL = re.compile(r"[\w!?]+")
_RB_DEF = re.compile(r"^(\s*)def\s+(?!self\.)([\w!?]+)")
_RB_VISIBILITY = re.compile(r"^\s*(private|protected)\s*$")
_RB_CONTROLLER = re.compile(r"^\s*class\s+\w+(::\w+)*\s*<\s*[\w:]*Controller\b")


@dataclass(frozen=True, slots=True)
class _Filter:
    line: int
    names: tuple[str, ...]
    skip: bool
    only: frozenset[str] | None
    excluded: frozenset[str]

    def applies(self, action: str) -> bool:
        if self.only is not None:
            return action in self.only
        return action not in self.excluded


def _rb_filter(text: str, line: int) -> _Filter | None:
    match = _RB_FILTER.match(text)
    if not match:
        return None
    names = tuple(n for n in _RB_SYMBOL.findall(match.group(3)))
    only: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    for kind, value in _RB_LIMIT.findall(text[match.end() :]):
        symbols = frozenset(_RB_SYMBOL.findall(value.lstrip("%").lstrip("iw")))
        if kind == "only":
            only = symbols
        else:
            excluded = symbols
    return _Filter(line, names, bool(match.group(1)), only, excluded)


def _ruby_routes(lines: Sequence[str]) -> list[Route]:
    """Public actions of a Rails controller; an action is protected when an auth `before_action`
    applies to it (its `only:` / `except:` lists followed) and no `skip_before_action` removes it.
    A route's lines include the filter lines that decide it, so a change to `only:` counts as new."""
    clipped = [_clip(t) for t in lines]
    if not any(_RB_CONTROLLER.match(t) for t in clipped):
        return []
    filters = [f for i, t in enumerate(clipped) if (f := _rb_filter(t, i + 1)) is not None]
    auth = [f for f in filters if any(_AUTH.search(n) for n in f.names)]
    routes: list[Route] = []
    indent: str | None = None
    public = True
    for i, text in enumerate(clipped):
        if _RB_VISIBILITY.match(text):
            public = False
            continue
        match = _RB_DEF.match(text)
        if not match:
            continue
        if indent is None:
            indent = match.group(1)
        if match.group(1) != indent or not public:
            continue
        action = match.group(2)
        deciding = [f for f in auth if f.applies(action)]
        kept = [
            f
            for f in deciding
            if not f.skip
            and not any(s.skip and s.applies(action) and set(s.names) & set(f.names) for s in deciding)
        ]
        decided_by = tuple(f.line for f in auth if f.only is not None or f.excluded)
        routes.append(Route(i + 1, action, bool(kept), (i + 1, *decided_by)))
    return routes


_PARSERS: dict[str, Callable[[Sequence[str], str], list[Route]]] = {
    "python": lambda lines, path: _python_routes(lines, path.endswith("views.py") or "/views/" in path),
    "javascript": lambda lines, path: _js_routes(lines),
    "typescript": lambda lines, path: _js_routes(lines),
    "java": lambda lines, path: _java_routes(lines),
    "ruby": lambda lines, path: _ruby_routes(lines),
}


def routes_in(language: str | None, path: str, lines: Sequence[str]) -> list[Route]:
    parse = _PARSERS.get(language or "")
    return parse(lines, path) if parse else []


def find_unprotected_routes(
    changes: Sequence[FileChange], contents: Mapping[str, Sequence[str]]
) -> list[Finding]:
    """Routes the change adds without the auth control the module's other routes all carry."""
    out: list[Finding] = []
    for fc in changes:
        lines = contents.get(fc.path)
        if lines is None or not fc.added_lines:
            continue
        routes = routes_in(fc.language, fc.path, lines)
        new = [r for r in routes if r.line in fc.added_lines]
        old = [r for r in routes if r.line not in fc.added_lines]
        # a changed `only:` / `except:` list can leave an existing action out of its siblings' check
        new += [r for r in old if not r.protected and any(n in fc.added_lines for n in r.lines[1:])]
        protected = [r for r in old if r.protected]
        if len(protected) < MIN_PROTECTED_SIBLINGS or len(protected) < SIBLING_SHARE * len(old):
            continue
        for route in new:
            if route.protected or _PUBLIC.search(route.name):
                continue
            at = route
            if route.line not in fc.added_lines:
                # an existing action left out by a changed filter: anchor on the changed filter line
                anchor = min(n for n in route.lines[1:] if n in fc.added_lines)
                at = Route(anchor, route.name, route.protected, (anchor,))
            out.append(_finding(fc.path, at, len(protected), len(old)))
    return out


def _finding(path: str, route: Route, protected: int, siblings: int) -> Finding:
    cat = lookup_category("missing-authorization")
    return Finding(
        rule_id=RULE_ID,
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title="New route without the access check its siblings have",
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        path=path,
        start_line=route.line,
        end_line=max(route.lines),
        message=(
            f"{protected} of the {siblings} existing routes in this module require authentication or "
            "authorisation (decorator, dependency, annotation or middleware); this new one does not."
        ),
        explanation=(
            "Anyone who can reach the server can call a handler that skips the check the rest of the "
            "module relies on, and act on data they should not see or change."
        ),
        remediation=(
            "Add the same decorator, dependency or middleware the sibling routes use.",
            "If the route is meant to be public, say so where routes are declared and add a test that "
            "an anonymous request gets the intended answer.",
        ),
        provenance=Provenance(engine=ENGINE),
    )
