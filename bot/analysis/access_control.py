"""Diff-level findings for Python access control: a change that drops or weakens an authorisation check.

Real access-control fixes (missing authorisation CWE-862, incorrect authorisation CWE-863, IDOR
CWE-639, authentication bypass CWE-287/306, CSRF CWE-352) mostly add a line the vulnerable version
lacked, so the change that introduces the flaw deletes one. Read from the hunks of a Python file (and,
for the module's convention, the file at the head), four shapes are reported:

- ``diff-removed-access-decorator``: a decorator that reads as an access check (``@auth.check_token``,
  ``@auth.has_access(...)``, ``@requires_access``, ``@require_POST``) is taken off a function while
  other functions of the module keep it: the repository's own convention is the rule, so a decorator
  gone from the whole module (moved to a middleware, a base class) is not a finding.
- ``diff-removed-access-check``: a line that denies access (``raise PermissionDenied``, ``abort(403)``,
  an error raised or a response returned with status 401/403, ``handle_no_permission()``, a CSRF token
  comparison) or an ``if`` that tests the requester's rights (``has_perm``, ``is_staff``,
  ``request.user ==``, ``check_permission``) is removed, and no added line of the file carries the same
  denial or test again (a check rewritten or moved within the file is not a finding); and a request-method
  test taken off a state change (``if request.method == "POST":`` removed while its body stands again one
  level out, or a refusing ``if request.method != "POST":`` removed: CSRF). A whole function
  deleted with its checks is not one either, unless it was an access hook (``dispatch``,
  ``has_permission``, ``get_queryset``, ``test_func``...), whose removal opens the class it belonged to.
- ``diff-removed-owner-filter``: a query (``filter``, ``filter_by``, ``get``, ``get_object_or_404``,
  ``where``) loses the keyword that scoped it to the requester (``owner=request.user``,
  ``user_id=current_user.id``, ``project=self.project``): objects are then found by the request's id
  alone (IDOR, CWE-639). Anchored on the added query.
- ``diff-fail-open``: a refusing test whose ``or`` became ``and`` or whose ``not`` was dropped, a
  permission lowered from edit to read in place, ``re.match`` of a configured pattern replacing an exact
  test of an identity, an account check whose result is no longer used; on the line that replaced it.

Findings anchor on the nearest added line of the hunk, or, when the hunk only deletes, on the line now
standing where the check was (the review lists those in its summary). Every pattern is linear and sees
lines cut to ``MAX_LINE`` characters. Imports bot.core (and the anchoring of ``removed_controls``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence

from bot.analysis.removed_controls import CONTROLS, _anchor
from bot.core.models import (
    Confidence,
    DiffLine,
    FileChange,
    Finding,
    Hunk,
    LineKind,
    Provenance,
    Severity,
)
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
MAX_LINE = 400
DECORATOR = "diff-removed-access-decorator"
CHECK = "diff-removed-access-check"
OWNER = "diff-removed-owner-filter"
FAIL_OPEN = "diff-fail-open"

_TEST_PATH = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*$|_tests?\.py$|(^|/)conftest\.py$")
_COMMENT = re.compile(r"^\s*#")
_DECORATOR_LINE = re.compile(r"^\s*@([A-Za-z_][\w.]{0,120})")
_ACCESS_NAME = re.compile(
    r"auth|login|logged_in|signed_in|token|perm|access|role|admin|staff|superuser|requires?_|protect|"
    r"csrf|xsrf|owner|member|scope|allowed|privilege|acl|guard|secure|session_required|verified",
    re.IGNORECASE,
)
"""A decorator whose name reads as an access control."""
_NOT_ACCESS = re.compile(
    r"cache|property|route|expose|retry|deprecat|log_|logging|timer|trace", re.IGNORECASE
)
"""Decorator names that mention a word above but do something else (``@cached_property``)."""
_OPT_OUT = re.compile(
    r"exempt|allow_?any|permit_?all|public|anonymous|unauthenticated|no_?auth|skip|disable|"
    r"login_not_required|IsAuthenticatedOrReadOnly|ReadOnly",
    re.IGNORECASE,
)
"""A decorator or permission that lets requests through (``@csrf_exempt``, ``AllowAny``): removing
it hardens the view."""
_CSRF_DECORATOR = re.compile(r"csrf|xsrf|require_(POST|http_methods)|require_safe", re.IGNORECASE)
_STRICT_METHODS = re.compile(r"@\s*require_(POST\b|http_methods\(\s*\[\s*['\"]POST['\"]\s*\])")
"""A view limited to POST (a state change a cross-site GET, link or image, can no longer make)."""

_DENIAL = re.compile(
    r"\braise\s+([\w.]{0,80}?(PermissionDenied|Forbidden|Unauthori[sz]ed|NotAuthori[sz]ed|AccessDenied|"
    r"AuthenticationFailed|NotAuthenticated|PermissionError|AuthError|AuthorizationError|"
    r"InsufficientPermissions?|NoPermission|CsrfError|CSRFError)\w{0,20})"
    r"|\babort\(\s*(40[13])\b|\b(HttpResponseForbidden|HTTPForbidden|HTTPUnauthorized|handle_no_permission|"
    r"permission_denied|raise_no_permission|access_denied|login_redirect|redirect_to_login)\b"
    r"|\bstatus(?:_code)?\s*=\s*(40[13])\b|\bHTTPStatus\.(FORBIDDEN|UNAUTHORIZED)\b"
    r"|\b(?:raise|return)\b[^#]{0,200}?[(,]\s*(40[13])\s*[,)]"
    r"|(['\"][^'\"]{0,40}\bCSRF\b)",
)
"""A line that refuses a request for want of rights or credentials."""
_ACCESS_TEST = re.compile(
    r"\b(has_perms?|has_permission|has_object_permission|check_permissions?|check_object_permissions|"
    r"check_access|has_access|is_allowed|user_allowed|is_authori[sz]ed|is_authenticated|is_staff|"
    r"is_superuser|is_admin|is_owner|is_member|can_(?:view|edit|change|delete|access|manage|read|write|"
    r"modify|update|see|admin)\w{0,30}|check_csrf\w{0,20}|verify_csrf\w{0,20}|get_csrf_token|csrf_token|"
    r"verify_password|check_password)\b"
    r"|\b(request\.user|current_user|g\.user|self\.request\.user)(\.\w+)?\s*[!=]=|[!=]=\s*(request\.user|"
    r"current_user|g\.user|self\.request\.user)\b|\b(owner|author|created_by|user)(_id)?\s*[!=]="
)
"""A condition that tests the requester's rights (what an ``if`` guarding a view checks)."""
_ENFORCE = re.compile(
    r"^\s*(?:await\s+)?(?:[\w.]{0,80}\.)?(enforce_call|enforce|authorize_action|check_policy|"
    r"check_permissions?|check_object_permissions|require_permissions?|require_access|check_access|"
    r"assert_can_\w{1,40}|ensure_can_\w{1,40}|raise_if_not_allowed|validate_access|check_is_admin|"
    r"require_admin\w{0,20}|check_csrf\w{0,20}|verify_csrf\w{0,20}|check_xsrf_cookie)\("
)
"""A statement that enforces a policy by raising when it is not met (``ENFORCER.enforce_call(...)``)."""
_AUTH_CALL = re.compile(
    r"(?<![\w.])(?:self\.|cls\.)?(_{0,2}(?:ensure|require|check|verify|assert)_(?:\w{1,20}_)?"
    r"(?:authed|authenticated|authori[sz]ed|auth|logged_in|login|permissions?|access|admin|owner|scopes?)"
    r"(?:_\w{1,20})?)\("
)
"""A call whose name says it checks the requester (``self._ensure_authed(ptype, m)``, ``check_access(...)``),
wherever it stands (an assignment keeps its verdict for the ``if`` after it)."""
_SCOPE_CALL = re.compile(
    r"\b(get_readable_\w{1,40}|get_accessible_\w{1,40}|get_editable_\w{1,40}|readable_\w{1,40}|"
    r"accessible_\w{1,40}|viewable_by|visible_to|filter_for_user|get_for_admin|objects_for_user|"
    r"get_objects_for_user|filter_by_permissions?|with_permissions?|restrict_to_\w{1,40})\("
)
"""A call that narrows a query to what the requester may see (``TI.dag_id.in_(get_readable_dags())``)."""
_ACCESS_ATTRIBUTE = re.compile(
    r"^\s*(permission_classes|permission_required|authentication_classes|required_scopes|"
    r"required_permissions|permissions_required|any_permission_required|permission_policy|"
    r"allowed_roles|required_roles)\s*=\s*(.{0,300})"
)
"""A class attribute that declares who may use a view (Django REST framework, Django's mixins)."""
_METHOD_GATE = re.compile(
    r"^\s*(?:if|elif)\b.{0,200}?(?:\.method\s*(?P<op>==|!=)\s*['\"](?P<m>POST|PUT|PATCH|DELETE)['\"]"
    r"|['\"](?P<m2>POST|PUT|PATCH|DELETE)['\"]\s*(?P<op2>==|!=)\s*[\w.]{0,80}\.method\b)"
)
"""An ``if`` on the request's method that lets a state change run for POST (or PUT, PATCH, DELETE)
only: ``if request.method == "POST":`` around it, or ``if request.method != "POST": return``."""
_NAME = re.compile(r"[A-Za-z_][\w.]{0,80}")
_WORD = re.compile(r"[A-Za-z_][\w.]{0,120}")
_ACCESS_HOOK = re.compile(
    r"^\s*(async\s+)?def\s+(dispatch|has_permission|has_object_permission|get_queryset|test_func|"
    r"check_permissions|check_object_permissions|get_permission_required|has_\w{0,30}_permission|"
    r"authorize\w{0,20}|check_access\w{0,20}|is_accessible|before_request)\s*\("
)
_DEF = re.compile(r"^\s*(async\s+)?def\s+\w+\s*\(")
_IF = re.compile(r"^\s*(if|elif)\b")
_DECLARED = re.compile(r"^\s*(?:async\s+)?(?:def|class)\s+(\w+)")
_CLASS = re.compile(r"^\s*class\s+\w+")
_REFUSES = re.compile(
    r"^(raise|abort\(|flask\.abort\(|return\s+(False|None|self\.response_40[13]|\w*Forbidden))\b"
)
"""The first statement of an ``if`` body that refuses (raises, aborts, returns nothing or 403)."""

_QUERY = re.compile(r"\.(filter|filter_by|get|get_object_or_404|get_or_404|first_or_404|where|exclude)\(")
_FREE_QUERY = re.compile(r"\b(get_object_or_404|get_list_or_404)\(")
_KWARG = re.compile(r"\b([A-Za-z_]\w{0,60})\s*=(?!=)\s*([^,()]{0,120})")
_OWNER_KEY = re.compile(
    r"^(owner|user|author|creator|created_by|account|tenant|organi[sz]ation|org|team|project|member|"
    r"group|workspace|customer|company|site)(_id|_pk|__\w{1,40})?$",
    re.IGNORECASE,
)
_COLUMN_TEST = re.compile(r"\b([A-Z]\w{0,60})\.(\w{1,60})\s*==\s*([\w.]{1,120})")
"""A column compared in a SQLAlchemy filter (``Person.project_id == project.id``)."""
_PARTIAL = re.compile(r"\bre\.(match|search)\(\s*(?![rbuRBU]{0,2}['\"])")
"""``re.match``/``re.search`` of a pattern that is not a literal (a configured allow-list)."""
_IDENTITY = re.compile(r"email|mail|user|login|host|origin|domain|referer|account|principal", re.IGNORECASE)
_ALLOWED_NAME = re.compile(
    r"^\s*\w{0,40}(allowed|permitted|authori[sz]ed|authenticated|whitelisted)\w{0,40}\s*="
)
_LEVEL_CONTEXT = re.compile(r"perm|access|role|scope|action|can_|policy", re.IGNORECASE)
_STRONG = re.compile(
    r"(?<![A-Za-z])(CAN_EDIT|CAN_WRITE|CAN_DELETE|CAN_CREATE|CAN_CHANGE|edit|write|delete|change|create|update|"
    r"admin|manage|modify)(?![a-z])",
    re.IGNORECASE,
)
_WEAK = re.compile(r"(?<![A-Za-z])(CAN_READ|CAN_VIEW|read|view|get|list|see)(?![a-z])", re.IGNORECASE)
_ASSIGNED_CALL = re.compile(r"^\s*([A-Za-z_]\w{0,60})\s*=\s*([\w.]{1,120}\(.{0,200}\))\s*$")
_BARE_CALL = re.compile(r"^\s*([\w.]{1,120}\(.{0,200}\))\s*$")
_CHECK_NAME = re.compile(r"acct|auth|verify|check|valid|permission|allowed|authori[sz]e", re.IGNORECASE)
"""A call whose name says it checks (``PAM_ACCT_MGMT``, ``verify_signature``, ``check_permission``)."""
_REQUESTER = re.compile(
    r"\b(request\.user|current_user|g\.user|self\.request\.user|user\.id|user\.pk|get_current_user)\b"
)

PATTERNS = (
    _TEST_PATH,
    _COMMENT,
    _DECORATOR_LINE,
    _ACCESS_NAME,
    _NOT_ACCESS,
    _OPT_OUT,
    _CSRF_DECORATOR,
    _STRICT_METHODS,
    _DENIAL,
    _ACCESS_TEST,
    _ENFORCE,
    _AUTH_CALL,
    _SCOPE_CALL,
    _ACCESS_ATTRIBUTE,
    _METHOD_GATE,
    _NAME,
    _WORD,
    _ACCESS_HOOK,
    _DEF,
    _IF,
    _DECLARED,
    _CLASS,
    _REFUSES,
    _QUERY,
    _FREE_QUERY,
    _KWARG,
    _OWNER_KEY,
    _COLUMN_TEST,
    _ASSIGNED_CALL,
    _BARE_CALL,
    _CHECK_NAME,
    _LEVEL_CONTEXT,
    _STRONG,
    _WEAK,
    _PARTIAL,
    _IDENTITY,
    _ALLOWED_NAME,
    _REQUESTER,
)
"""Every pattern above, for the linear-time test (they see untrusted diff and file lines)."""

_KNOWN = next(c.pattern for c in CONTROLS if c.kind == "authorization")
"""Decorators ``removed_controls`` already reports (``@login_required``...): not reported twice."""


def _clip(text: str) -> str:
    return text[:MAX_LINE]


def _squash(text: str) -> str:
    return "".join(_clip(text).split()).lower()


def find_weakened_access(
    changes: Sequence[FileChange],
    contents: Mapping[str, Sequence[str]],
    *,
    read: Callable[[str], bytes | None] | None = None,
    max_bytes: int = 1_000_000,
) -> list[Finding]:
    """Access checks the change takes out of Python files, one finding per hunk and shape.
    ``contents`` holds the head lines of the files analysed; a file the change only deletes from is
    read with ``read`` (at most ``max_bytes``), and only when a hunk removes an access decorator."""
    out: list[Finding] = []
    for fc in changes:
        if not fc.path.endswith(".py") or _TEST_PATH.search(fc.path) or fc.is_binary:
            continue
        removed = [dl for h in fc.hunks for dl in h.lines if dl.kind is LineKind.REMOVED]
        if not removed:
            continue
        # what the file's added lines name (words, dotted names, refusals), read once: a set
        # answers "does an added line carry this token" (a scan per token made a large change quadratic)
        added = _index(dl.text for h in fc.hunks for dl in h.lines if dl.kind is LineKind.ADDED)
        head = contents.get(fc.path)
        # a file whose change adds a refusal or an access test of its own rewrites the checks it
        # removes (a helper, another exception, a decorator's logic moved inline): not judged here
        adds_check = any(
            dl.kind is LineKind.ADDED and not _COMMENT.match(dl.text) and _adds_access_check(_clip(dl.text))
            for h in fc.hunks
            for dl in h.lines
        )
        kept: dict[str, int] | None = None
        lone = False
        for hunk in fc.hunks:
            found = (
                _method_gate(fc, hunk, added)
                or _owner_filter(fc, hunk, added)
                or _lowered_level(fc, hunk)
                or _fail_open(fc, hunk)
                or _partial_match(fc, hunk)
                or _discarded_result(fc, hunk)
            )
            decorators = _removed_decorators(hunk, added)
            if decorators and kept is None:
                lines = list(head) if head is not None else _read_lines(read, fc.path, max_bytes)
                kept = _decorator_counts(lines)
                lone = not adds_check and _lone_function(lines)
            found += _decorator_findings(fc, hunk, decorators, kept or {}, lone=lone)
            if not found and not adds_check:
                found = _check_findings(fc, hunk, added)
            out += found
    return out


def _adds_access_check(text: str) -> bool:
    return bool(
        _DENIAL.search(text)
        or _ENFORCE.match(text)
        or _AUTH_CALL.search(text)
        or _SCOPE_CALL.search(text)
        or (_IF.match(text) and _ACCESS_TEST.search(text))
    )


def _index(lines: Iterable[str]) -> frozenset[str]:
    """The lower-cased words and dotted names of ``lines``, and the refusals they make."""
    out: set[str] = set()
    for raw in lines:
        text = _clip(raw)
        if _COMMENT.match(text):
            continue
        for word in _WORD.findall(text):
            parts = word.lower().strip(".").split(".")
            # a dotted name and each of its endings: `request.user.has_perm` also names `has_perm`
            out.update(".".join(parts[i:]) for i in range(len(parts)))
        out |= _denials(text)
    return frozenset(out)


def _word_of(token: str) -> str:
    """The leading word or dotted name of a matched token (``request.user==`` -> ``request.user``)."""
    match = _WORD.match(token.lstrip("@"))
    return match.group(0) if match else token


def _removed_decorators(hunk: Hunk, added: frozenset[str]) -> list[tuple[int, str]]:
    """(index, name) of access-looking decorators the hunk removes and no added line of the file puts back."""
    out = []
    for i, dl in enumerate(hunk.lines):
        if dl.kind is not LineKind.REMOVED:
            continue
        text = _clip(dl.text)
        match = _DECORATOR_LINE.match(text)
        if not match:
            continue
        name = match.group(1)
        last = name.rsplit(".", 1)[-1]
        if (
            not _ACCESS_NAME.search(last)
            or _NOT_ACCESS.search(last)
            or _KNOWN.search(text)
            or _OPT_OUT.search(text)
        ):
            continue
        if name.lower() in added:
            continue
        out.append((i, name))
    return out


def _read_lines(read: Callable[[str], bytes | None] | None, path: str, max_bytes: int) -> list[str]:
    data = read(path) if read is not None else None
    if data is None or len(data) > max_bytes:
        return []
    return data.decode("utf-8", errors="replace").splitlines()


def _decorator_counts(lines: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for raw in lines:
        match = _DECORATOR_LINE.match(_clip(raw))
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return counts


def _lone_function(lines: Sequence[str]) -> bool:
    """Whether the file holds one function and nothing beside it (code cut out of its module, a
    function reviewed alone): no sibling can show the module's convention, so a removed access
    decorator is judged on its own."""
    indents = [_indent(line) for line in lines if _DEF.match(_clip(line)) or _CLASS.match(_clip(line))]
    if not indents:
        return False
    outer = min(indents)
    tops = [line for line in lines if _indent(line) == outer and _DECLARED.match(_clip(line))]
    return len(tops) == 1 and not _CLASS.match(_clip(tops[0]))


def _decorator_findings(
    fc: FileChange,
    hunk: Hunk,
    decorators: Sequence[tuple[int, str]],
    kept: Mapping[str, int],
    *,
    lone: bool = False,
) -> list[Finding]:
    for index, name in decorators:
        text = hunk.lines[index].text
        # the module's convention: other functions still carry it (a view limited to POST is a rule
        # on its own: nothing but a cross-site request gains from allowing GET again); a function
        # alone in its file has no siblings to ask, and the change adds no check of its own
        if kept.get(name, 0) < 1 and not _STRICT_METHODS.search(_clip(text)) and not lone:
            continue
        if _function_removed(hunk, index):
            continue
        csrf = bool(_CSRF_DECORATOR.search(name))
        line, _ = _anchor(hunk, index)
        siblings = kept.get(name, 0)
        return [
            _finding(
                fc,
                line,
                DECORATOR,
                category="csrf" if csrf else "missing-authorization",
                what=f"the `@{name}` check",
                code=text,
                why=f"{siblings} other function{'s' if siblings != 1 else ''} in this module keep it"
                if siblings
                else "the view now answers a cross-site GET"
                if _STRICT_METHODS.search(_clip(text))
                else "nothing in the change checks access in its place",
                conf=Confidence.MEDIUM,
            )
        ]
    return []


def _function_removed(hunk: Hunk, index: int) -> bool:
    """Whether the ``def`` (or ``class``) the line at ``index`` belongs to (a decorator's next def,
    or the nearest enclosing one above) is removed too, and not declared again by an added line:
    the function went away with its check."""
    lines = hunk.lines
    for dl in lines[index + 1 :]:
        if _DEF.match(_clip(dl.text)):
            return _gone(hunk, dl)
        if not _DECORATOR_LINE.match(_clip(dl.text)):
            break
    depth = _indent(lines[index].text)
    for dl in reversed(lines[:index]):
        text = _clip(dl.text)
        if (_DEF.match(text) or _CLASS.match(text)) and _indent(text) < depth:
            return _gone(hunk, dl)
    return False


def _gone(hunk: Hunk, declaration: DiffLine) -> bool:
    text = _clip(declaration.text)
    if declaration.kind is not LineKind.REMOVED or _ACCESS_HOOK.match(text):
        return False
    name = _DECLARED.match(text)
    return not name or not any(
        dl.kind is LineKind.ADDED and (m := _DECLARED.match(_clip(dl.text))) and m.group(1) == name.group(1)
        for dl in hunk.lines
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _tokens(pattern: re.Pattern[str], text: str) -> set[str]:
    return {"".join(m.group(0).split()).lower() for m in pattern.finditer(_clip(text))}


def _denials(text: str) -> set[str]:
    """What each refusal on the line rests on: the exception's or response's name, or the status."""
    out = set()
    for m in _DENIAL.finditer(_clip(text)):
        named = [g for g in m.groups()[1:] if g]
        out.add((named[0] if named else m.group(0)).lower())
    return out


def _check_findings(fc: FileChange, hunk: Hunk, added: frozenset[str]) -> list[Finding]:
    """A removed denial or access test that no added line of the file carries again."""
    for index, dl in enumerate(hunk.lines):
        if dl.kind is not LineKind.REMOVED or _COMMENT.match(dl.text):
            continue
        text = _clip(dl.text)
        tokens = _denials(text)
        if not tokens and _IF.match(text) and _exits_after(hunk, index):
            tokens = {_word_of(t) for t in _tokens(_ACCESS_TEST, text)}
        if not tokens:
            tokens = {m.group(1).lower() for m in _SCOPE_CALL.finditer(text)}
        if not tokens and (match := _ENFORCE.match(text)):
            tokens = {match.group(1).lower()}
        if not tokens and (match := _AUTH_CALL.search(text)):
            tokens = {match.group(1).lower()}
        if not tokens and (match := _ACCESS_ATTRIBUTE.match(text)):
            # each class it named, one no added line names again: dropped (the list made shorter)
            named = {n.lower() for n in _NAME.findall(match.group(2)) if not _OPT_OUT.search(n)}
            tokens = {t for t in named if t not in added}
        if not tokens or any(t in added for t in tokens):
            continue
        if _function_removed(hunk, index):
            continue
        csrf = "csrf" in text.lower()
        line, _ = _anchor(hunk, index)
        return [
            _finding(
                fc,
                line,
                CHECK,
                category="csrf" if csrf else "missing-authorization",
                what="a CSRF check" if csrf else "an access check",
                code=dl.text,
                why="no added line of the file makes the same check",
                conf=Confidence.MEDIUM,
            )
        ]
    return []


_EXITS = ("return", "raise", "abort(", "flask.abort(")


def _method_gate(fc: FileChange, hunk: Hunk, added: frozenset[str]) -> list[Finding]:
    """A removed test that kept a state change to POST requests (CSRF, CWE-352): ``if request.method
    == "POST":`` taken away while its body stays (the hunk adds its lines back, one level out), or a
    refusing ``if request.method != "POST":`` removed; quiet when an added line tests the method again."""
    if "method" in added:
        return []
    lines = hunk.lines
    for index, dl in enumerate(lines):
        if dl.kind is not LineKind.REMOVED:
            continue
        match = _METHOD_GATE.match(_clip(dl.text))
        if match is None:
            continue
        negated = (match.group("op") or match.group("op2")) == "!="
        if negated:
            if not _exits_after(hunk, index):
                continue
        else:
            depth = _indent(dl.text)
            body = []
            for nxt in lines[index + 1 :]:
                if nxt.kind is LineKind.ADDED or not nxt.text.strip():
                    continue
                if nxt.kind is not LineKind.REMOVED or _indent(nxt.text) <= depth:
                    break
                body.append(_squash(nxt.text))
            again = {_squash(a.text) for a in lines if a.kind is LineKind.ADDED}
            # the state change still runs: a body line stands again, now outside the test
            if not any(b in again for b in body if b):
                continue
        method = match.group("m") or match.group("m2")
        line, _ = _anchor(hunk, index)
        return [
            _finding(
                fc,
                line,
                CHECK,
                category="csrf",
                what=f"a request-method test (the state change ran for {method} only)",
                code=dl.text,
                why="a GET request, which a cross-site link or image can make, now reaches it",
                conf=Confidence.MEDIUM,
            )
        ]
    return []


def _exits_after(hunk: Hunk, index: int) -> bool:
    """Whether the body of the removed ``if`` at ``index`` (next removed lines, deeper) leaves early."""
    head = hunk.lines[index]
    depth = len(head.text) - len(head.text.lstrip())
    for nxt in hunk.lines[index + 1 : index + 5]:
        if nxt.kind is not LineKind.REMOVED or len(nxt.text) - len(nxt.text.lstrip()) <= depth:
            return False
        if _clip(nxt.text).strip().startswith(_EXITS):
            return True
    return False


def _query_kwargs(text: str) -> dict[str, str]:
    """The query's keywords (``owner=request.user``) and column tests (``Person.project_id == pid``,
    keyed by the column as written), each with its value squashed."""
    out = {k: "".join(v.split()) for k, v in _KWARG.findall(text)}
    out |= {f"{m}.{c}": "".join(v.split()) for m, c, v in _COLUMN_TEST.findall(text)}
    return out


def _owner_filter(fc: FileChange, hunk: Hunk, added: frozenset[str]) -> list[Finding]:
    """A query whose scoping keyword (owner, user, project...) the change drops, compared with the
    added queries near it in the hunk (within ``_NEAR`` lines: the same query rewritten)."""
    lines = hunk.lines
    queries = {i: _query_kwargs(_clip(dl.text)) for i, dl in enumerate(lines) if _is_query(dl.text)}
    new = [i for i in queries if lines[i].kind is LineKind.ADDED]
    if not new:
        return []
    for i, kwargs in queries.items():
        if lines[i].kind is not LineKind.REMOVED:
            continue
        scoping = {
            k: v for k, v in kwargs.items() if _OWNER_KEY.match(k.rsplit(".", 1)[-1]) or _REQUESTER.search(v)
        }
        if not scoping:
            continue
        old = lines[i]
        for j in new[bisect_left(new, i - _NEAR) : bisect_right(new, i + _NEAR)]:
            dl, now = lines[j], queries[j]
            dropped = [k for k in scoping if k not in now]
            # the same query (it keeps another keyword or its receiver) without the scoping one
            if not dropped or not (set(now) & set(kwargs) or _receiver(dl.text) == _receiver(old.text)):
                continue
            key = dropped[0]
            if _word_of(key.lower()) in added and _word_of(scoping[key].lower()) in added:
                continue
            return [
                _finding(
                    fc,
                    dl.new_no or hunk.new_start,
                    OWNER,
                    category="incorrect-authorization",
                    what=f"the `{key} ==` test that scoped this query"
                    if "." in key
                    else f"the `{key}=` filter that scoped this query",
                    code=old.text,
                    why="objects are now found by the request's identifier alone",
                    conf=Confidence.MEDIUM,
                )
            ]
    return []


_NEAR = 8


def _is_query(text: str) -> bool:
    line = _clip(text)
    return not _COMMENT.match(line) and bool(_QUERY.search(line) or _FREE_QUERY.search(line))


def _receiver(text: str) -> str:
    """The text before the query call (``Document.objects``), to match a rewritten query."""
    line = _clip(text)
    match = _QUERY.search(line) or _FREE_QUERY.search(line)
    head = line[: match.start()] if match else line
    return "".join(head.split("=")[-1].split())


def _fail_open(fc: FileChange, hunk: Hunk) -> list[Finding]:
    """An access test replaced by one that lets more through: a refusing ``if`` whose ``or`` became
    ``and`` (both failures now needed to refuse) or whose ``not`` was dropped (the refusal now
    follows success), or an allowing ``if`` whose ``and`` became ``or`` (one factor now enough)."""
    lines = hunk.lines
    for i, dl in enumerate(lines):
        if dl.kind is not LineKind.REMOVED or not _IF.match(_clip(dl.text)):
            continue
        old = _squash(dl.text)
        if not _ACCESS_TEST.search(_clip(dl.text)) and not _access_words(old):
            continue
        for j in range(i + 1, min(len(lines), i + 6)):
            nxt = lines[j]
            if nxt.kind is not LineKind.ADDED or not _IF.match(_clip(nxt.text)):
                continue
            new = _squash(nxt.text)
            refuses = _refuses(lines, j)
            swapped = old.replace("and", "or") == new.replace("and", "or") and old != new
            looser = (new.count("and") > old.count("and")) if refuses else (new.count("or") > old.count("or"))
            negation = refuses and old.startswith(("ifnot", "elifnot")) and old.replace("not", "", 1) == new
            if (swapped and looser) or negation:
                what = "`not`" if negation else ("`or` (now both must fail)" if refuses else "`and`")
                return [
                    _finding(
                        fc,
                        nxt.new_no or hunk.new_start,
                        FAIL_OPEN,
                        category="improper-authentication",
                        what=f"the access test's {what}",
                        code=dl.text,
                        why="the check now passes where it used to refuse",
                        conf=Confidence.MEDIUM,
                    )
                ]
    return []


def _refuses(lines: Sequence[DiffLine], index: int) -> bool:
    """Whether the body of the new ``if`` at ``index`` (added or kept lines, deeper) refuses."""
    depth = _indent(lines[index].text)
    body = [dl for dl in lines[index + 1 :] if dl.kind is not LineKind.REMOVED][:4]
    for dl in body:
        if _indent(dl.text) <= depth:
            return False
        code = _clip(dl.text).strip()
        if _REFUSES.match(code) or _DENIAL.search(code):
            return True
    return False


def _partial_match(fc: FileChange, hunk: Hunk) -> list[Finding]:
    """An identity (e-mail, user, host, origin) admitted by ``re.match``/``re.search`` of a configured
    pattern in a refusing check the change adds: the pattern need only match a prefix (or any part),
    so ``alice@corp.com.evil.net`` passes an allow-list of ``alice@corp.com``."""
    lines = hunk.lines
    for j, dl in enumerate(lines):
        if dl.kind is not LineKind.ADDED or _COMMENT.match(dl.text):
            continue
        text = _clip(dl.text)
        match = _PARTIAL.search(text)
        if not match or not _IDENTITY.search(text[match.end() :]):
            continue
        if not ((_IF.match(text) and _refuses(lines, j)) or _ALLOWED_NAME.match(text)):
            continue
        # the diff decides: a test of the same value the change removes near it, which did not
        # match partially (an exact comparison, a helper, fullmatch); a new check is not judged
        subject = text[match.end() :].rsplit(",", 1)[-1].strip(" ):")
        replaced = [
            near
            for near in lines[max(0, j - 3) : j + 4]
            if near.kind is LineKind.REMOVED
            and subject
            and subject in _clip(near.text)
            and not _PARTIAL.search(_clip(near.text))
        ]
        if not replaced:
            continue
        return [
            _finding(
                fc,
                dl.new_no or hunk.new_start,
                FAIL_OPEN,
                category="incorrect-authorization",
                what=f"an exact allow-list test (`re.{match.group(1)}` accepts a partial match)",
                code=text,
                why="an identity that only starts with (or contains) an allowed one is let in; "
                "use re.fullmatch with an escaped pattern, or compare exactly",
                conf=Confidence.MEDIUM,
            )
        ]
    return []


def _lowered_level(fc: FileChange, hunk: Hunk) -> list[Finding]:
    """A permission requirement rewritten in place to a weaker action (``ACTION_CAN_EDIT`` ->
    ``ACTION_CAN_READ``, ``"change"`` -> ``"view"``): the line is otherwise the same (each removed
    line is keyed by its text without the action word, so the pairing stays linear)."""
    strong_lines: dict[str, tuple[str, str]] = {}
    for dl in hunk.lines:
        before = _clip(dl.text)
        if dl.kind is not LineKind.REMOVED or not _LEVEL_CONTEXT.search(before) or _WEAK.search(before):
            continue
        if strong := _STRONG.search(before):
            strong_lines.setdefault(
                before[: strong.start()] + "\0" + before[strong.end() :], (strong.group(0), dl.text)
            )
    if not strong_lines:
        return []
    for dl in hunk.lines:
        new = _clip(dl.text)
        if dl.kind is not LineKind.ADDED or _STRONG.search(new) or not (weak := _WEAK.search(new)):
            continue
        found = strong_lines.get(new[: weak.start()] + "\0" + new[weak.end() :])
        if found is None:
            continue
        return [
            _finding(
                fc,
                dl.new_no or hunk.new_start,
                FAIL_OPEN,
                category="incorrect-authorization",
                what=f"the `{found[0]}` requirement (now `{weak.group(0)}`)",
                code=found[1],
                why="a user allowed only to read can now make this change",
                conf=Confidence.MEDIUM,
            )
        ]
    return []


def _discarded_result(fc: FileChange, hunk: Hunk) -> list[Finding]:
    """An access check whose result the change stops using: ``retval = PAM_ACCT_MGMT(h, 0)`` becomes
    the bare call ``PAM_ACCT_MGMT(h, 0)``, so a refusal it returns no longer counts."""
    kept: dict[str, str] = {}
    for dl in hunk.lines:
        if dl.kind is LineKind.REMOVED and (m := _ASSIGNED_CALL.match(_clip(dl.text))):
            call = "".join(m.group(2).split())
            if _CHECK_NAME.search(call.split("(", 1)[0]):
                kept[call] = m.group(1)
    if not kept:
        return []
    for dl in hunk.lines:
        if dl.kind is not LineKind.ADDED or not (m := _BARE_CALL.match(_clip(dl.text))):
            continue
        call = "".join(m.group(1).split())
        if call in kept:
            return [
                _finding(
                    fc,
                    dl.new_no or hunk.new_start,
                    FAIL_OPEN,
                    category="improper-authentication",
                    what=f"the use of `{call}`'s result (it was `{kept[call]}`)",
                    code=f"{kept[call]} = {call}",
                    why="the check still runs but its refusal is ignored",
                    conf=Confidence.MEDIUM,
                )
            ]
    return []


def _access_words(squashed: str) -> bool:
    return any(w in squashed for w in ("auth", "password", "token", "perm", "credential", "secret"))


def _finding(
    fc: FileChange,
    line: int,
    rule: str,
    *,
    category: str,
    what: str,
    code: str,
    why: str,
    conf: Confidence,
) -> Finding:
    cat = lookup_category(category)
    return Finding(
        rule_id=rule,
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title=f"Change removes {what}",
        severity=Severity.HIGH,
        confidence=conf,
        path=fc.path,
        start_line=line,
        end_line=line,
        message=f"This change deletes or weakens {what}: `{code.strip()[:160]}` is gone; {why}.",
        explanation=(
            "Access control that a change drops is rarely visible in the new revision: the code still runs "
            "and the tests that use an authorised user still pass, but anyone else can now act on the data."
        ),
        remediation=(
            "Restore the check, or show where the same check now applies (a decorator, a base class, a "
            "middleware).",
            "Add a test that a request without the right (another user, anonymous, cross-site) is refused.",
        ),
        provenance=Provenance(engine=ENGINE),
    )


def rule_ids() -> Iterable[str]:
    """Every rule id this analyzer can emit."""
    return (DECORATOR, CHECK, OWNER, FAIL_OPEN)
