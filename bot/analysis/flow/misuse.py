"""API misuse the interpreter judges with its values: template source compiled outside a sandbox
(CWE-1336), a secret compared with ``==`` (CWE-208), a predictable path in a shared temporary
directory written or created (CWE-377).

Pure predicates over ``ast`` nodes, qualified names and ``Val``s; the interpreter (``interp``) calls
them and records the hits. Imports the flow package's values and the standard library only.
"""

from __future__ import annotations

import ast
import contextlib
import re
from dataclasses import dataclass

from bot.analysis.flow.values import Val
from bot.core.pyparse import dotted

# ------------------------------------------------------------------------------------ templates
TEMPLATE_ENVIRONMENTS = {"jinja2.Environment", "jinja2.environment.Environment"}
"""Constructors of a jinja2 environment that runs templates unsandboxed."""
SANDBOXED = re.compile(r"(^|\.)(Immutable)?SandboxedEnvironment$")
TEMPLATE_COMPILERS = {
    "jinja2.Template": "jinja2.Template()",
    "jinja2.environment.Template": "jinja2.Template()",
    "django.template.Template": "django Template()",
    "mako.template.Template": "mako Template()",
    "tornado.template.Template": "tornado Template()",
    "<unimported>.Template": "Template()",
    "flask.render_template_string": "render_template_string()",
    "render_template_string": "render_template_string()",
}
"""Calls that compile their first argument as a template in an unsandboxed environment."""
UNSANDBOXED_FROM_STRING = "template from_string() outside a sandbox"
UNSANDBOXED = {*TEMPLATE_COMPILERS.values(), UNSANDBOXED_FROM_STRING}
"""How the code sinks that compile outside a sandbox are named in summaries (a caller's argument
that reaches one through a helper is judged as a template too)."""
ENV_MARKER = "template-env"
SANDBOX_MARKER = "template-sandbox"


def environment_marker(qual: str) -> str:
    """The marker of the object a call constructs, when it is a template environment; else ''."""
    if SANDBOXED.search(qual):
        return SANDBOX_MARKER
    return ENV_MARKER if qual in TEMPLATE_ENVIRONMENTS else ""


def sandbox_in_module(ctx: object) -> bool:
    """Whether the module of ``ctx`` names a sandboxed environment anywhere (an import, an attribute,
    a setting's string): an environment it builds elsewhere (``self.env``) is then taken as
    sandboxed. Read once a module (cached on it)."""
    cached = getattr(ctx, "_sandbox_named", None)
    if isinstance(cached, bool):
        return cached
    tree = getattr(ctx, "tree", None)
    found = False
    for node in ast.walk(tree) if isinstance(tree, ast.AST) else ():
        text = (
            node.id if isinstance(node, ast.Name)
            else node.attr if isinstance(node, ast.Attribute)
            else node.name if isinstance(node, ast.alias)
            else node.value if isinstance(node, ast.Constant) and isinstance(node.value, str)
            else ""
        )  # fmt: skip
        if "SandboxedEnvironment" in text[:200]:
            found = True
            break
    with contextlib.suppress(AttributeError):  # a cache on the module object, not one of its fields
        setattr(ctx, "_sandbox_named", found)  # noqa: B010
    return found


BARE_TEMPLATE = "<unimported>.Template"
"""What a bare ``Template(...)`` is taken for where nothing in view binds the name (``unbound_template``)."""
_STRING_TEMPLATE_METHODS = {"substitute", "safe_substitute"}
_ENGINE_METHODS = {"render", "generate", "render_unicode", "stream"}


def unbound_template(ctx: object) -> bool:
    """Whether a bare ``Template(...)`` in the module of ``ctx`` is a template engine's class whose
    import is out of view (a function analysed without its module): the module neither imports nor
    defines the name, calls a template's ``render``/``generate``, and never ``string.Template``'s
    ``substitute``. Read once a module (cached on it)."""
    cached = getattr(ctx, "_bare_template", None)
    if isinstance(cached, bool):
        return cached
    tree = getattr(ctx, "tree", None)
    imports = getattr(ctx, "imports", {})
    found = isinstance(tree, ast.AST) and "Template" not in imports
    engine = False
    for node in ast.walk(tree) if found and isinstance(tree, ast.AST) else ():
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and (
            node.name == "Template"
        ):
            found = False
            break
        if isinstance(node, ast.Attribute):
            if node.attr in _STRING_TEMPLATE_METHODS:
                found = False
                break
            engine = engine or node.attr in _ENGINE_METHODS
    found = found and engine
    with contextlib.suppress(AttributeError):  # a cache on the module object, not one of its fields
        setattr(ctx, "_bare_template", found)  # noqa: B010
    return found


SAFE_FILTER = re.compile(
    r"\{\{-?[ \t]{0,20}([A-Za-z_]\w{0,60})(?:[.\[][\w.\[\]'\"]{0,80})?[ \t]{0,20}\|[ \t]{0,20}safe\b"
)
"""``{{ name|safe }}`` (``{{ page.body | safe }}``) in jinja2 template text: the value is inserted
unescaped. Bounded repeats; each starts on a character the one before cannot read (the name's tail
is a word character, what follows it starts with ``.`` or ``[``): linear."""
TEMPLATE_TEXT_CAP = 20_000


def safe_filtered(text: str) -> set[str]:
    """The top-level names a constant jinja2 template marks ``|safe`` (inserted without escaping)."""
    return {m.group(1) for m in SAFE_FILTER.finditer(text[:TEMPLATE_TEXT_CAP])}


def template_compile(
    qual: str, method: str, receiver: Val, receiver_name: str, sandbox_imported: bool
) -> str:
    """What compiles a template here outside a sandbox (``jinja2.Template()``, ``from_string()`` on a
    plain environment), or '' (a sandboxed environment, or one not known here in a module that
    imports a sandbox)."""
    if qual in TEMPLATE_COMPILERS:
        return TEMPLATE_COMPILERS[qual]
    if method != "from_string":
        return ""
    if receiver.marker == ENV_MARKER:
        return "Environment.from_string()"
    if receiver.marker == SANDBOX_MARKER or sandbox_imported or not ENV_RECEIVER.search(receiver_name):
        return ""
    if receiver_name.startswith("self."):
        return ""  # an environment this object made elsewhere (a sandbox, as often as not): not known here
    return "from_string()"


def template_level(source: Val) -> str:
    """How sure a template compiled from ``source`` is attacker-authored: '' when it is a constant or
    when text building or a source already makes it a code-injection finding; medium for a parameter
    (the caller chooses it), low for a value of unknown origin (a file, an attribute)."""
    if not source.tainted or source.sources or source.built:
        return ""
    return "medium" if source.params else "low"


# ------------------------------------------------------------------------------ timing (CWE-208)
STRONG_SECRET = re.compile(
    r"(?i)(signature|(?<![a-z])sig(?![a-z])|hmac|(?<![a-z])mac(?![a-z_]{0,12}addr)|secret|api[-_]?key|access[-_]?key|"
    r"(?<![a-z])otp(?![a-z])|passw\w{0,12}hash|hash\w{0,12}passw|pw_?hash|auth_?token|"
    r"access_?token|bearer)"
)
"""Names of values that prove who is asking: comparing one with ``==`` leaks how many leading
characters of a guess were right."""
WEAK_SECRET = re.compile(r"(?i)(token|digest|nonce|(?<![a-z])auth(?!or)|credential|passw)")
"""Names that often, not always, hold a secret (a lexer's token, a file's digest)."""
CSRF_NAME = re.compile(r"(?i)(csrf|xsrf)")
"""A CSRF token: per session and short-lived, its comparison is reported only in code that handles
cryptography (a CSRF implementation); an application's own ``!=`` check is the fix, not the flaw."""
NOT_SECRET = re.compile(
    r"(?i)(type|kind|len|count|name|(?<![a-z])id(?![a-z])|expir|time|ttl|prefix|scheme|format|version|"
    r"alg|method|url|path|index|pos|size|checksum|etag|cache|fingerprint|file_?hash|content_?hash|"
    r"md5sum|sha\d*sum|required|enabled|header_?name|field|label|hint|param|bytes$|^int$|^str$|^bool$|"
    r"^isinstance$|^hasattr$|^getattr$)"
)
CRYPTO_MODULES = re.compile(
    r"^(hmac|hashlib|secrets|jwt|itsdangerous|cryptography|Crypto|Cryptodome|nacl|bcrypt|passlib|pyotp|"
    r"oauthlib|authlib|django\.utils\.crypto|django\.core\.signing|werkzeug\.security)(\.|$)"
)
"""Modules whose import says the file handles signatures, tokens or password hashes."""
MAC_METHODS = {"hexdigest", "digest"}
MAC_CONSTRUCTORS = {"hmac.new", "hmac.HMAC"}


@dataclass(frozen=True, slots=True)
class Operand:
    """One side of a comparison as the timing check reads it."""

    node: ast.expr
    value: Val
    name: str
    """The name that says what it holds: the last part of a dotted name, a constant subscript key
    (``request.headers["X-Hub-Signature"]``), a ``.get("sig")`` key, a called function's name."""
    mac: bool
    """An HMAC digest computed here (``hmac.new(...).hexdigest()``, or a name bound to one)."""


def operand_name(node: ast.expr) -> str:
    """The name ``Operand.name`` describes, '' when there is none."""
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value[:80]
        return operand_name(node.value)
    if isinstance(node, ast.Call):
        return _call_name(node)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in {"get", "getlist", "get_header"} and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value[:80]
    # a transformation, or a digest, names what it was made from (``checksum.hexdigest()`` is a
    # checksum; an HMAC's digest is recognised by ``mac_call`` whatever its name)
    if isinstance(func, ast.Attribute) and func.attr in {
        "strip", "lower", "encode", "decode", "upper", "hexdigest", "digest"
    }:  # fmt: skip
        return operand_name(func.value)
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def mac_call(node: ast.expr, qualify: dict[str, str], macs: set[str]) -> bool:
    """Whether ``node`` is an HMAC digest: ``hmac.new(...).hexdigest()`` (the constructor qualified
    through the file's imports ``qualify``) or a name in ``macs`` (bound to one in this function)."""
    if isinstance(node, ast.Name):
        return node.id in macs
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr not in MAC_METHODS:
        return False
    inner = node.func.value
    if isinstance(inner, ast.Name):
        return inner.id in macs
    if isinstance(inner, ast.Call):
        head = dotted(inner.func)
        first, _, rest = head.partition(".")
        qual = f"{qualify.get(first, first)}{'.' + rest if rest else ''}"
        return qual in MAC_CONSTRUCTORS
    return False


def _named_constant(node: ast.expr) -> bool:
    """A name written as a constant or a class (``TOKEN_DATA``, ``signal.SIGHUP``, ``Keyword``)."""
    last = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return bool(last) and (last.isupper() or (last[:1].isupper() and "_" not in last))


def _constant(op: Operand) -> bool:
    """A literal written in the code (``""``, ``None``, ``64``); a setting (``settings.API_KEY``) is not."""
    return not op.mac and op.value.lit_known


EQUALITY_METHODS = {"__eq__", "__ne__", "__hash__", "__lt__", "__le__", "__gt__", "__ge__", "__cmp__"}
"""A value type's own comparison (a secret wrapper's ``__eq__``): the type's behaviour, not a check."""
ENV_RECEIVER = re.compile(
    r"(?i)(^|[._])(jinja\w{0,20}|env|environment|\w{0,30}_env|templates?|tmpl\w{0,20})$"
)
"""Receivers of ``from_string`` that name a template environment (``app.jinja_env``, ``self.env``)."""


VERIFIED_NAME = re.compile(r"(?i)^(validated|verified)(_|[A-Z]|$)")
"""A value whose name says its signature was checked (``validated_token``): not a guess an attacker makes."""


def _verified(node: ast.expr) -> bool:
    """Whether ``node`` reads from a verified value (``validated_token.get(claim)``, ``verified["sub"]``)."""
    while isinstance(node, ast.Call | ast.Subscript | ast.Attribute):
        node = node.func if isinstance(node, ast.Call) else node.value
    return isinstance(node, ast.Name) and bool(VERIFIED_NAME.match(node.id))


def _not_a_secret_check(
    op: ast.cmpop, left: Operand, right: Operand, *, crypto_module: bool, function: str
) -> bool:
    """Comparisons that are not a secret checked against a guess: other operators, a literal on one
    side, a value type's own equality, a length/type/id compared, a CSRF token outside crypto code, a
    claim of a token whose signature was already verified (the attacker cannot choose it)."""
    return (
        not isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn)
        or _constant(left)
        or _constant(right)
        or function in EQUALITY_METHODS
        or any(o.name and NOT_SECRET.search(o.name) for o in (left, right))
        or (not crypto_module and any(o.name and CSRF_NAME.search(o.name) for o in (left, right)))
        or any(_verified(o.node) for o in (left, right))
    )


def timing_level(
    op: ast.cmpop, left: Operand, right: Operand, *, crypto_module: bool, function: str = ""
) -> tuple[str, str]:
    """(level, what) for a comparison of a secret in non-constant time; ('', '') when it is not one.
    Both sides must be non-constant (not ``== ""``, ``is None``, a length, a literal). Medium for an
    HMAC digest, or a name that says signature/secret/API key/OTP/password hash compared with
    ``==``/``!=`` where the file handles cryptography or one side is request data (a weaker name,
    token/digest/nonce, needs both); low for the rest and for membership (``in`` the allowed keys)."""
    if _not_a_secret_check(op, left, right, crypto_module=crypto_module, function=function):
        return "", ""
    names = [o.name for o in (left, right) if o.name]
    strong = next((n for n in names if STRONG_SECRET.search(n)), "")
    weak = next((n for n in names if WEAK_SECRET.search(n)), "")
    mac = left.mac or right.mac
    sourced = bool(left.value.sources or right.value.sources)
    named_constant = any(_named_constant(o.node) for o in (left, right))
    # ``token == TOKEN_DATA``, ``sig == signal.SIGHUP``: a kind, not a secret
    if not (mac or strong or weak) or (
        named_constant and not (sourced or mac or (strong and weak and crypto_module))
    ):
        return "", ""
    level = ""
    if isinstance(op, ast.In | ast.NotIn):
        # membership: a secret looked up among the allowed ones (``auth in self.basic_auth``), not a
        # value checked against a literal display of names
        container = right.name
        literal = isinstance(right.node, ast.Tuple | ast.List | ast.Set | ast.Dict)
        named = bool(container) and bool(STRONG_SECRET.search(container) or WEAK_SECRET.search(container))
        return ("low", f"`{left.name or container}`") if named and not literal else ("", "")
    if mac or (strong and (crypto_module or sourced)) or (weak and sourced and crypto_module):
        level = "medium"
    elif strong or (weak and (sourced or crypto_module)):
        level = "low"
    return (level, "an HMAC digest" if mac else f"`{strong or weak}`") if level else ("", "")


# ---------------------------------------------------------------------- temporary files (CWE-377)
SHARED_TMP = ("/tmp/", "/var/tmp/", "/dev/shm/")  # noqa: S108 (the directories this check looks for)
TMPDIR_MARKER = "tmpdir"
TMPDIR_CALLS = {"tempfile.gettempdir", "tempfile.gettempdirb"}
TEMP_WRITERS = {
    "open": 0, "io.open": 0, "codecs.open": 0, "os.makedirs": 0, "os.mkdir": 0, "os.mkfifo": 0,
    "shutil.copy": 1, "shutil.copyfile": 1, "shutil.copy2": 1, "shutil.move": 1, "os.symlink": 1,
    "os.chmod": 0, "os.rename": 1, "os.replace": 1,
}  # fmt: skip
"""Calls that create, write or change the file at the argument of this position."""
TEMP_WRITE_METHODS = {"write_text", "write_bytes", "mkdir", "touch"}
_UNIQUE_CALL = re.compile(
    r"(?i)(uuid|secrets|token_|urandom|random|mkdtemp|mkstemp|Temporary|getuid|geteuid)"
)
"""Calls whose result makes a name unguessable or private to the user (in the path's expression)."""
_TEST_FILE = re.compile(r"(^|/)(tests?|testing|fixtures?|examples?|docs?|benchmarks?)/|(^|/)(test_|conftest)")


def tmpdir_value() -> Val:
    """``tempfile.gettempdir()``: the shared temporary directory, a constant for this analysis."""
    return Val(text="/tmp", lead="/tmp", marker=TMPDIR_MARKER)  # noqa: S108 (a description, not a use)


def shared_tmp_path(value: Val) -> bool:
    """Whether ``value`` is a path in a directory every local user can write."""
    if value.marker == TMPDIR_MARKER:
        return True
    head = value.lead or (value.text if not value.tainted else "")
    return head.startswith(SHARED_TMP)


def writes_file(qual: str, node: ast.Call, mode: Val | None) -> bool:
    """Whether the call creates or changes the file (``open`` in a writing mode, mkdir, copy, chmod)."""
    if qual in {"open", "io.open", "codecs.open"}:
        if mode is None or not mode.lit_known or not isinstance(mode.lit, str):
            return False
        return any(c in mode.lit for c in "wax+")
    if qual in {"os.mkdir", "os.makedirs"}:
        # created for the owner alone (``os.mkdir(d, 0o700)``): creation fails if someone made it first
        bits = (
            node.args[1]
            if len(node.args) > 1
            else next((k.value for k in node.keywords if k.arg == "mode"), None)
        )
        return not (isinstance(bits, ast.Constant) and isinstance(bits.value, int) and not bits.value & 0o077)
    if qual == "os.chmod":
        bits = node.args[1] if len(node.args) > 1 else None
        return isinstance(bits, ast.Constant) and isinstance(bits.value, int) and bool(bits.value & 0o002)
    return True


def unique_expr(node: ast.expr, unique_names: set[str]) -> bool:
    """Whether the expression holds something unguessable or private to the user (uuid, secrets,
    mkdtemp, the user's id), directly or through a name bound to one (``unique_names``)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and _UNIQUE_CALL.search(dotted(sub.func) or ""):
            return True
        if isinstance(sub, ast.Name) and (sub.id in unique_names or _UNIQUE_CALL.search(sub.id)):
            return True
    return False


def predictable_tmp(path_node: ast.expr, module_path: str, unique_names: set[str] | None = None) -> bool:
    """Whether the path expression names its file without anything unguessable (no uuid, secrets,
    mkdtemp, no name bound to one in the function: ``unique_names``) outside test code."""
    if _TEST_FILE.search(module_path):
        return False
    return not unique_expr(path_node, unique_names or set())


PATTERNS = (
    STRONG_SECRET,
    WEAK_SECRET,
    CSRF_NAME,
    VERIFIED_NAME,
    NOT_SECRET,
    SANDBOXED,
    ENV_RECEIVER,
    _UNIQUE_CALL,
    _TEST_FILE,
)
"""The patterns above, for the linear-time test (they see names from untrusted code)."""
