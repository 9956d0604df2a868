"""Information exposure visible in the shape of a function (CWE-209/532) and code loaded from the
current directory (CWE-427): no value flow needed.

- Exception text or a traceback caught in an ``except`` block and put into an HTTP response
  (``return jsonify(error=str(e))``, ``HttpResponse(traceback.format_exc())``, a route returning
  ``str(e)``): internals (paths, queries, library versions, secrets in messages) reach the client.
- A value named as a secret (password, API key, private key, credentials, Authorization header)
  passed to a logging call or ``print``.
- ``sys.path.insert``/``append`` of the current directory or of a path relative to it.
- A user-like object copied whole into a request handler's response (``jsonify(user.__dict__)``,
  ``vars(account)``, ``model_to_dict(user)`` without ``fields=``/``exclude=``): its password hash and
  tokens go with it (CWE-200).

One walk over a module's tree (linear in its size). Imports the interpreter's ``Hit`` and values and
the standard library only.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from bot.analysis.flow.interp import Hit, dotted, route_decorated
from bot.analysis.flow.values import UNKNOWN

TRACE_CALLS = {
    "traceback.format_exc", "traceback.format_exception", "traceback.format_tb", "traceback.format_stack",
    "traceback.print_exc", "sys.exc_info",
}  # fmt: skip
MESSAGE_ATTRS = {"args", "message", "msg", "strerror", "detail", "details", "__str__"}
RESPONSE_CALLS = re.compile(
    r"(^|\.)(jsonify|JsonResponse|HttpResponse\w{0,30}|Response|make_response|json_response|JSONResponse|"
    r"PlainTextResponse|HTMLResponse|ORJSONResponse|UJSONResponse|HTTPException|render_template|render|"
    r"abort|write|finish|send_error)$"
)
"""Calls whose arguments reach the client: response constructors, ``abort(code, message)``,
Tornado's ``self.write``/``finish``, a rendered page."""
HANDLER_CLASS = re.compile(r"(View|ViewSet|Handler|Resource|Endpoint|Controller|APIView)$")
HANDLER_METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "dispatch", "handle"}
EXPECTED_ERRORS = re.compile(
    r"(Validation|Invalid|BadRequest|ValueError|NotFound|DoesNotExist|Http|Forbidden|Permission|"
    r"Unauthori[sz]ed|Schema|Parse|Decode|KeyError|Conflict|UserError|ClientError|Marshmallow|"
    r"Integrity|NoResult|MultipleResults|Unprocessable|BadParameter|UsageError|SyntaxError)"
)
"""Exceptions whose message is written for the caller (a validation error, a missing object)."""
BROAD = {"Exception", "BaseException"}

LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
LOGGER = re.compile(r"(?i)(?:^|[._])(?:log|logging|\w{0,30}logger|log_?\w{0,20})$")
LOGGED_SECRET = re.compile(
    r"(?i)(passw(or)?d|(?<![a-z])pwd(?![a-z])|passphrase|secret|api_?key|apikey|private_?key|access_?key|"
    r"credentials?|authorization|auth_?header|bearer|(?<![a-z])token(?![a-z_]{0,12}(type|name|url|uri|endpoint|"
    r"expir|ttl|len|count|path|file|id\b|_id)))"
)
NOT_A_SECRET = re.compile(
    r"(?i)(_?(name|id|ids|type|file|path|url|uri|len|length|count|field|fields|key_?id|env|var|"
    r"hash|hashed|digest|mask(ed)?|redacted|required|enabled|set|present|provided|valid|exists|policy|"
    r"prompt|label|hint|source|location|manager|store|backend|provider|class|error|changed|reset_url|"
    r"expires?|expiry|ttl|timeout|header_name|param|params|scope|scopes)$|^(is|has|use|should|need|run|with|"
    r"enable|allow|show|include|check|require|validate|verify|no)_)"
)
MASKING = re.compile(r"(?i)(mask|redact|hash|sanitiz|sanitis|censor|obfuscat|hide|len|bool|type|repr_safe)")

SEARCH_PATH_CALLS = {"sys.path.insert": 1, "sys.path.append": 0}
CWD_CALLS = {"os.getcwd", "os.getcwdb", "pathlib.Path.cwd", "Path.cwd"}
_SKIP_FILE = re.compile(
    r"(^|/)(tests?|testing|docs?|examples?|benchmarks?|scripts?|tools?|ci)/|(^|/)(test_|conftest|setup\.py|"
    r"noxfile|fabfile|manage\.py)"
)
"""Test code, documentation, build and developer scripts: not what a deployment serves or runs."""


SERIALISER_BASES = re.compile(r"(Serializer|Schema)$")
USER_MODELS = re.compile(r"(?i)(user|account|member|customer|profile|person|employee|credential|admin)")
SERIALISING_METHODS = re.compile(
    r"(?i)^(to_dict|to_json|as_dict|asdict|__json__|serialize|serialise|to_api|to_public\w{0,20}|dict|json)$"
)
SERIALISED_SECRET = re.compile(
    r"(?i)(passw(or)?d|(?<![a-z])pwd(?![a-z])|secret|private_?key|api_?key|(?<![a-z])otp_?secret|totp|token)"
)

SERIALISED_NOT = re.compile(
    r"(?i)(_(set|present|required|enabled|type|changed|expires?|expiry|length|len|count|policy|hint|label|"
    r"reset\w{0,10}|updated\w{0,10}|at|date|url|uri|name|id)$|^(is|has|needs?)_)"
)
"""Keys about a secret rather than the secret (``password_set``, ``token_type``); a hash is a secret."""


def _serialiser_hits(cls: ast.ClassDef) -> Iterator[Hit]:
    """A model serialiser exposing every field of a user model (``fields = "__all__"``), and a
    serialising method returning a dict with a secret-named key (CWE-200)."""
    if any(SERIALISER_BASES.search(dotted(b)) for b in cls.bases):
        meta = next((n for n in cls.body if isinstance(n, ast.ClassDef) and n.name == "Meta"), None)
        assigned = {
            t.id: n.value
            for n in (meta.body if meta is not None else [])
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        fields, model = assigned.get("fields"), assigned.get("model")
        every = isinstance(fields, ast.Constant) and fields.value == "__all__"
        if every and model is not None and USER_MODELS.search(dotted(model)) and "exclude" not in assigned:
            line = fields.lineno if fields is not None else cls.lineno
            what = f'every field of `{dotted(model)}` (`fields = "__all__"`) serialised'
            yield Hit("serialised", what, line, line, UNKNOWN, level="low")
    for fn in cls.body:
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) or not SERIALISING_METHODS.match(
            fn.name
        ):
            continue
        for node in _own_nodes(fn):
            if not isinstance(node, ast.Dict):
                continue
            for key, value in zip(node.keys, node.values, strict=True):
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    continue
                if not SERIALISED_SECRET.search(key.value[:80]) or SERIALISED_NOT.search(key.value[:80]):
                    continue
                if isinstance(value, ast.Constant) or (
                    isinstance(value, ast.Call) and MASKING.search(dotted(value.func))
                ):
                    continue
                level = "low" if "token" in key.value.lower() else "medium"
                what = f"`{key.value[:60]}` returned by `{cls.name}.{fn.name}()`"
                yield Hit("serialised", what, key.lineno, key.lineno, UNKNOWN, level=level)


def module_hits(tree: ast.Module, imports: dict[str, str], path: str) -> Iterator[Hit]:
    """Every hit of this module: its functions' ``except`` blocks, its logging calls, its search path."""
    if _SKIP_FILE.search(path):
        return
    owners: dict[ast.AST, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                owners[item] = node.name
            yield from _serialiser_hits(node)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            in_handler = _handler(node, owners.get(node, ""))
            for sub in _own_nodes(node):
                if isinstance(sub, ast.ExceptHandler):
                    yield from _except(sub, imports, in_handler=in_handler)
                elif in_handler:
                    yield from _dumped(sub, imports)
        elif isinstance(node, ast.Call):
            yield from _search_path(node, imports)
            yield from _logged(node)


def _qual(node: ast.expr, imports: dict[str, str]) -> str:
    name = dotted(node)
    head, _, rest = name.partition(".")
    if head in imports:
        return f"{imports[head]}.{rest}" if rest else imports[head]
    return name


def _handler(fn: ast.FunctionDef | ast.AsyncFunctionDef, owner: str) -> bool:
    """Whether ``fn`` answers HTTP requests: a route, a view class's method, a function of ``request``."""
    if route_decorated(fn):
        return True
    if owner and HANDLER_CLASS.search(owner) and fn.name in HANDLER_METHODS:
        return True
    first = [a.arg for a in fn.args.args[:2]]
    return "request" in first or "req" in first


def _own_nodes(root: ast.AST) -> Iterator[ast.AST]:
    """The nodes under ``root``, not those of functions, classes or lambdas defined inside it."""
    stack = list(ast.iter_child_nodes(root))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _caught(handler: ast.ExceptHandler) -> tuple[bool, bool]:
    """(broad, expected): catches everything, or only errors whose message is meant for the caller."""
    if handler.type is None:
        return True, False
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    last = [dotted(t).rsplit(".", 1)[-1] for t in types]
    broad = any(n in BROAD for n in last)
    expected = not broad and all(bool(EXPECTED_ERRORS.search(n)) for n in last if n)
    return broad, expected


def _exposing(expr: ast.AST, name: str | None, imports: dict[str, str]) -> str:
    """'trace' when ``expr`` holds a traceback, 'message' when it holds the caught exception's text."""
    found = ""
    for sub in ast.walk(expr):
        if isinstance(sub, ast.Call) and _qual(sub.func, imports) in TRACE_CALLS:
            return "trace"
        if name is None or found:
            continue
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == name:
            found = "message" if sub.attr in MESSAGE_ATTRS else ""
        elif isinstance(sub, ast.Name) and sub.id == name:
            found = "message"
    return found


WEB_PACKAGES = re.compile(
    r"^(flask|werkzeug|fastapi|starlette|django|aiohttp|quart|sanic|falcon|bottle|pyramid)\b"
)
"""Packages whose ``HTTPException``/``abort`` answer the client (not ``http.client.HTTPException``)."""


def _responds(call: ast.Call, imports: dict[str, str]) -> bool:
    name = dotted(call.func)
    if not RESPONSE_CALLS.search(name):
        return False
    last = name.rsplit(".", 1)[-1]
    if last in {"write", "finish", "send_error"}:
        return name == f"self.{last}"  # a handler's own answer (Tornado), not a file or a transport
    if last in {"HTTPException", "abort"}:
        return bool(WEB_PACKAGES.match(_qual(call.func, imports)))
    return True


def _except(handler: ast.ExceptHandler, imports: dict[str, str], *, in_handler: bool) -> Iterator[Hit]:
    """Exception text or a traceback from this ``except`` block put into a response."""
    broad, expected = _caught(handler)
    done: set[int] = set()
    for stmt in handler.body:
        for node in (stmt, *_own_nodes(stmt)):
            if isinstance(node, ast.Call) and _responds(node, imports):
                parts: list[ast.AST] = [*node.args, *(k.value for k in node.keywords)]
                where = f"{dotted(node.func).rsplit('.', 1)[-1]}()"
            elif isinstance(node, ast.Return) and node.value is not None and in_handler:
                parts, where = [node.value], "the response"
            else:
                continue
            # the message of an error written for the caller may go back; its traceback may not
            kinds = {_exposing(p, None if expected else handler.name, imports) for p in parts}
            kind = "trace" if "trace" in kinds else "message" if "message" in kinds else ""
            line = getattr(node, "lineno", handler.lineno)
            if not kind or line in done:
                continue
            done.add(line)
            text = "a traceback" if kind == "trace" else "the exception's text"
            level = "medium" if kind == "trace" or broad else "low"
            end = getattr(node, "end_lineno", None) or line
            yield Hit(
                "exposure", f"{text} sent to the client through {where}", line, end, UNKNOWN, level=level
            )


DUMPERS = {"vars", "model_to_dict", "django.forms.models.model_to_dict", "dataclasses.asdict", "asdict"}
"""Calls that copy every attribute or column of an object (no choice of fields)."""


def _whole_object(expr: ast.AST, imports: dict[str, str]) -> str:
    """The name of a user-like object ``expr`` copies whole (``user.__dict__``, ``vars(account)``,
    ``model_to_dict(user)`` without ``fields=``/``exclude=``), or ''."""
    for sub in ast.walk(expr):
        target: ast.AST | None = None
        if isinstance(sub, ast.Attribute) and sub.attr == "__dict__":
            target = sub.value
        elif (
            isinstance(sub, ast.Call)
            and _qual(sub.func, imports) in DUMPERS
            and len(sub.args) == 1
            and not any(k.arg in {"fields", "exclude"} for k in sub.keywords)
        ):
            target = sub.args[0]
        name = dotted(target) if isinstance(target, ast.expr) else ""
        last = name.rsplit(".", 1)[-1]
        if last and len(last) <= 60 and USER_MODELS.search(last) and not NOT_A_SECRET.search(last):
            return name
    return ""


def _dumped(node: ast.AST, imports: dict[str, str]) -> Iterator[Hit]:
    """A user-like object copied whole (every field: password hash, tokens, flags) into a response of
    a request handler (CWE-200)."""
    if isinstance(node, ast.Call) and _responds(node, imports):
        parts: list[ast.AST] = [*node.args, *(k.value for k in node.keywords)]
    elif isinstance(node, ast.Return) and node.value is not None:
        parts = [node.value]
    else:
        return
    for part in parts:
        name = _whole_object(part, imports)
        if name:
            line = getattr(node, "lineno", 1)
            end = getattr(node, "end_lineno", None) or line
            what = f"every attribute of `{name[:60]}` sent to the client"
            yield Hit("serialised", what, line, end, UNKNOWN, level="medium")
            return


def _secret_in(expr: ast.AST) -> str:
    """The name of a secret in ``expr`` (a variable, attribute, ``["password"]`` key or ``.get("token")``),
    not inside a masking call (``mask(x)``, ``len(x)``) or a slice; '' when there is none."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call):
            if MASKING.search(dotted(node.func) or ""):
                continue
            if isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
                key = node.args[0]
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and _secret_name(key.value):
                    return key.value
        if isinstance(node, ast.Subscript):
            key = node.slice
            if isinstance(key, ast.Slice):
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and _secret_name(key.value):
                return key.value
        name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
        if name and _secret_name(name):
            return name
        if isinstance(node, ast.Constant | ast.Compare):
            continue  # a literal, or a test of the value (``token is None``): not the secret itself
        if isinstance(node, ast.IfExp):
            stack += [node.body, node.orelse]
            continue
        stack.extend(ast.iter_child_nodes(node))
    return ""


def _secret_name(name: str) -> bool:
    return len(name) <= 80 and bool(LOGGED_SECRET.search(name)) and not NOT_A_SECRET.search(name)


def _logged(call: ast.Call) -> Iterator[Hit]:
    """A secret passed to a logging call or ``print`` (CWE-532)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        if func.attr not in LOG_METHODS or not LOGGER.search(dotted(func.value) or ""):
            return
    elif not (isinstance(func, ast.Name) and func.id == "print"):
        return
    for part in [*call.args, *(k.value for k in call.keywords if k.arg not in {"exc_info", "extra"})]:
        name = _secret_in(part)
        if name:
            level = "low" if "token" in name.lower() else "medium"
            end = call.end_lineno or call.lineno
            what = (
                f"`{name}` written to {'the log' if isinstance(func, ast.Attribute) else 'standard output'}"
            )
            yield Hit("logged", what, call.lineno, end, UNKNOWN, level=level)
            return


def _search_path(call: ast.Call, imports: dict[str, str]) -> Iterator[Hit]:
    """The current directory, or a path relative to it, put on ``sys.path`` (CWE-427)."""
    position = SEARCH_PATH_CALLS.get(_qual(call.func, imports))
    if position is None or len(call.args) <= position:
        return
    arg = call.args[position]
    if any(isinstance(n, ast.Name) and n.id == "__file__" for n in ast.walk(arg)):
        return  # the program's own directory
    level, what = "", ""
    first = position == 1  # insert(0, ...) wins over installed modules; append only fills gaps
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        if arg.value in {"", ".", "./"}:
            level, what = "medium", "the current directory"
        elif not arg.value.startswith(("/", "~")):
            level, what = "low", f"`{arg.value[:60]}`, a path relative to the current directory"
    elif (isinstance(arg, ast.Call) and _qual(arg.func, imports) in CWD_CALLS) or dotted(arg) == "os.curdir":
        level, what = "medium", "the current directory"
    if level and not first:
        level = "low"
    if level:
        end = call.end_lineno or call.lineno
        yield Hit("search-path", f"{what} put on `sys.path`", call.lineno, end, UNKNOWN, level=level)


PATTERNS = (
    RESPONSE_CALLS,
    HANDLER_CLASS,
    EXPECTED_ERRORS,
    LOGGER,
    LOGGED_SECRET,
    NOT_A_SECRET,
    MASKING,
    _SKIP_FILE,
)
"""The patterns above, for the linear-time test (they see names from untrusted code)."""
