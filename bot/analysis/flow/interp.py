"""Abstract interpretation of one Python function (or a module's top level) over ``ast``.

Walks statements in order with an environment of names -> ``Val``: branches are analysed apart and
joined (constant tests fold, validation guards clean the names they check), loops twice. Calls are
matched against the catalogue (sinks, sanitisers, text builders) or resolved through a ``Resolver``
to a summary of the callee. Produces the function's summary and the sink hits. Bounded in steps.
Imports only the flow package and the standard library.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from bot.analysis.flow import catalog as cat
from bot.analysis.flow import limits, misuse, sqlexpr
from bot.analysis.flow.values import (
    ALL_KINDS,
    CONST,
    ESCAPED_URL,
    HTML_ESCAPED,
    KIND_BITS,
    LIT_CAP,
    UNKNOWN,
    Val,
    clear,
    concat,
    literal,
    mapping,
    merge,
    only_predictable,
    param,
    predictable,
    sequence,
    shapeless,
    source,
    substitute,
    with_marker,
    without_params,
)

MAX_DEPTH = 60


class Budget(Exception):
    """The step bound of one analysis was reached."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A value reaching a sink: where, what, and how sure."""

    kind: str
    what: str
    line: int
    end_line: int
    value: Val
    via: str = ""
    """For a hit through a callee: the function whose parameter reaches the sink."""
    whole: bool = False
    """A non-constant value passed whole (not assembled here) to a sink that always runs a shell."""
    reason: str = ""
    """Why a constant is a flaw on its own (a regular expression that backtracks exponentially)."""
    level: str = ""
    """The confidence when the sink decides it (``high``/``medium``/``low``), not the value's origin."""


@dataclass
class Summary:
    """What callers need to know about a function."""

    params: tuple[str, ...]
    ret: Val = CONST
    sinks: dict[int, tuple[str, str]] = field(default_factory=dict)
    """parameter index -> (sink kind, description) when the parameter reaches a sink."""
    is_method: bool = False
    validates: dict[int, int] = field(default_factory=dict)
    """parameter index -> the sink kinds (``KIND_BITS``) the argument is safe for once the function
    returned: every way out but an exception passed a check of it (``raise`` unless it matches)."""
    checks: dict[int, int] = field(default_factory=dict)
    """parameter index -> the sink kinds the argument is safe for when the function returns a true
    value (a check of the caller's: ``def is_inside(path): return realpath(path).startswith(ROOT)``)."""


Checked = dict[str, int]
"""Names a check proves safe, with the sink kinds (``KIND_BITS``) it proves them safe for."""
_NOTHING: tuple[Checked, Checked, Checked] = ({}, {}, {})
_TRUST = KIND_BITS["trust"]
_PATH_CHECK = KIND_BITS["path"] | _TRUST
_URL_CHECK = KIND_BITS["redirect"] | KIND_BITS["ssrf"] | _TRUST
_URL_PARTS = {"netloc", "scheme", "hostname", "host", "port"}
_NORMALISERS = {"realpath", "abspath", "normpath", "resolve", "safe_join", "canonicalize"}
"""Calls whose result has no ``..`` left in it: a prefix test on it is a containment check."""
_REGEX_CHECKS = {f"{m}.{f}" for m in ("re", "regex") for f in ("match", "fullmatch", "search")}
_TEXT_TIDY = {"lower", "upper", "strip", "lstrip", "rstrip", "casefold", "title"}


def _union(parts: list[Checked]) -> Checked:
    out: Checked = {}
    for part in parts:
        for name, bits in part.items():
            out[name] = out.get(name, 0) | bits
    return out


def _meet(old: dict[int, int] | None, new: dict[int, int]) -> dict[int, int]:
    """What holds on every way out seen so far (None: none seen yet)."""
    if old is None:
        return {i: b for i, b in new.items() if b}
    return {i: b & new.get(i, 0) for i, b in old.items() if b & new.get(i, 0)}


def _marks_bits(text: str) -> int:
    """The sink kinds a value is safe for once it is refused whenever it holds ``text`` (a mark)."""
    bits = 0
    if ".." in text or "/" in text or "\\" in text or "\0" in text:
        bits |= KIND_BITS["path"]
    if "/" in text or "\\" in text:
        bits |= KIND_BITS["redirect"]
    if "'" in text or '"' in text:
        bits |= KIND_BITS["sql"] | KIND_BITS["xpath"]
    if any(c in text for c in ";|&$`"):
        bits |= KIND_BITS["shell"]
    if "<" in text or ">" in text:
        bits |= KIND_BITS["html"]
    if any(c in text for c in "()*"):
        bits |= KIND_BITS["ldap"]
    if "\r" in text or "\n" in text:
        bits |= KIND_BITS["header"]
    if text.startswith("-"):
        bits |= KIND_BITS["argument"]
    return bits | _TRUST if bits else 0


class Context(Protocol):
    """The module a function lives in, and the way to other functions' summaries."""

    imports: dict[str, str]
    constants: dict[str, Val]
    class_attrs: dict[tuple[str, str], Val]
    enum_classes: set[str]
    literals: dict[str, object]
    """Module-level names bound once to a literal (``DEBUG = False``), for folding tests."""
    class_bases: dict[str, list[str]]
    """Classes defined in the module, with their bases."""
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]
    """Functions and methods (``Class.method``) defined in the module."""

    def summary(self, name: str, class_name: str | None, via_self: bool) -> Summary | None: ...

    def methods_named(self, name: str) -> list[Summary]:
        """Summaries of the methods called ``name`` in the classes the analysis has parsed (a few)."""
        ...


def dotted(node: ast.expr) -> str:
    """``a.b.c`` for a Name/Attribute chain, else ''."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    if isinstance(node, ast.Call):
        inner = dotted(node.func)
        return f"{inner}().{'.'.join(reversed(parts))}" if inner and parts else ""
    return ""


def _off_by_default(args: ast.arguments) -> set[str]:
    """Parameters whose default is a false constant (``False``, ``None``, ``0``)."""
    positional = [*args.posonlyargs, *args.args]
    pairs = list(zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True))
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
    return {a.arg for a, d in pairs if isinstance(d, ast.Constant) and not d.value}


def _hash_factory(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether ``fn`` stands in for a hashlib constructor: its one parameter defaults to empty data
    (``def sha1(string=b"")``, the constructors' own signature) and its body (after a docstring) only
    returns the hash object built on it, not a digest (Flask's ``_lazy_sha1``, an HMAC ``digest_method``
    looked up late). What the object hashes is decided where the stand-in is used."""
    params = [a for a in (*fn.args.posonlyargs, *fn.args.args) if a.arg not in {"self", "cls"}]
    defaults = fn.args.defaults
    if len(params) != 1 or len(defaults) != 1 or fn.args.kwonlyargs or fn.args.vararg or fn.args.kwarg:
        return False
    default = defaults[0]
    if not (isinstance(default, ast.Constant) and default.value in (b"", "")):
        return False
    body = fn.body[1:] if fn.body and _docstring(fn.body[0]) else fn.body
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
        return False
    call = body[0].value
    name = dotted(call.func).rsplit(".", 1)[-1].lower()
    data = call.args[-1] if call.args else None
    return (
        name in cat.WEAK_DIGESTS
        and len(call.args) == 1
        and not call.keywords
        and isinstance(data, ast.Name)
        and data.id == params[0].arg
    )


def route_decorated(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a decorator registers ``fn`` as a web route (``@app.get(...)``, ``@api_view``)."""
    for deco in fn.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if cat.ROUTE_DECORATORS.search(dotted(target)):
            return True
    return False


_TYPED_SEGMENT = re.compile(r"<(int|float|uuid)\s*:\s*([A-Za-z_][A-Za-z0-9_]{0,60})>")


def typed_route_params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Parameters a route's converter makes numbers or UUIDs (``@app.route("/u/<int:uid>")``)."""
    out: set[str] = set()
    for deco in fn.decorator_list:
        if isinstance(deco, ast.Call) and deco.args and isinstance(deco.args[0], ast.Constant):
            rule = deco.args[0].value
            if isinstance(rule, str) and cat.ROUTE_DECORATORS.search(dotted(deco.func)):
                out |= {m.group(2) for m in _TYPED_SEGMENT.finditer(rule[:2000])}
    return out


def abstract(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether ``fn`` only declares an interface (``raise NotImplementedError`` or ``...`` after its
    docstring): what it returns is whatever a subclass's override returns, not None."""
    body = fn.body[1:] if fn.body and _docstring(fn.body[0]) else fn.body
    if len(body) != 1:
        return False
    stmt = body[0]
    if isinstance(stmt, ast.Raise):
        exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        return exc is not None and dotted(exc).rsplit(".", 1)[-1] == "NotImplementedError"
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is ...


def _docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and type(stmt.value.value) is str
    )


def _vcs_argv(items: tuple[Val, ...]) -> bool:
    """Whether a list handed to an unresolved call reads as a version-control command line without
    its program: a subcommand first (``clone``, ``checkout``), then an option in constant text or a
    subcommand that takes a repository."""
    first = items[0]
    if not (first.lit_known and first.lit in cat.VCS_SUBCOMMANDS) or len(items) < 2:
        return False
    return first.lit in {"clone", "ls-remote", "archive"} or any(
        i.lit_known and isinstance(i.lit, str) and i.lit.startswith("-") for i in items[1:]
    )


def _tool_argv(items: tuple[Val, ...]) -> bool:
    """Whether a list handed to an unresolved call reads as a whole command line of a program whose
    option parser runs commands (``["git", "clone", url, path]``)."""
    first = items[0]
    if not (first.lit_known and isinstance(first.lit, str)) or len(items) < 2:
        return False
    return first.lit.rsplit("/", 1)[-1] in cat.OPTION_PARSING_TOOLS


def _command_helper(name: str) -> bool:
    """A function or method (lower case: not an exception class such as ``CommandError``) named as
    one that runs a command line (``run_command``, ``exec_shell``)."""
    return name[:1].islower() and bool(cat.COMMAND_HELPER.search(name))


def _command_text(value: Val) -> bool:
    """Text assembled from a constant program name and non-constant parts (``"git log " + rev``)."""
    return value.built and bool(cat.COMMAND_LEAD.match(value.lead))


def terminates(body: list[ast.stmt]) -> bool:
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ast.Return | ast.Raise | ast.Continue | ast.Break):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        name = dotted(last.value.func).rsplit(".", 1)[-1]
        return name in {"abort", "exit", "_exit", "fail", "deny", "HTTPException"}
    if isinstance(last, ast.If):
        return terminates(last.body) and terminates(last.orelse)
    return False


class FunctionAnalyzer:
    def __init__(
        self,
        ctx: Context,
        class_name: str | None,
        steps: int,
        *,
        handler: bool = False,
        on_step: Callable[[], None] | None = None,
    ) -> None:
        self.ctx = ctx
        self.class_name = class_name
        self.steps_left = steps
        self.handler = handler
        self.hits: list[Hit] = []
        self.judged: list[tuple[str, int]] = []
        """(sink kind, line) of every sink a value reached, flaw or not: the analysis had a verdict."""
        self.returns: list[Val] = []
        self.sinks: dict[int, tuple[str, str]] = {}
        self.params: tuple[str, ...] = ()
        self.origins: dict[str, set[str]] = {}
        self._depth = 0
        self.fn_name = ""
        self._hash_factory = False
        self._target = ""
        """The names the statement being interpreted assigns to (a digest named as a checksum)."""
        self.final_env: dict[str, Val] = {}
        """The names at the end of the function (a constructor's ``self.x``), for objects made here."""
        self.object_depth = 0
        """How many constructors or methods of objects this analysis runs inside (bounded)."""
        self._xml_parsers: dict[int, ast.expr] = {}
        """Entity-resolving XML parsers built here and not yet seen parsing (line -> construction)."""
        self._lambdas: dict[str, ast.Lambda] = {}
        """Names bound to a lambda in this function: a call of one is its body with the arguments."""
        self._normalised: set[str] = set()
        """Names bound to a path with no ``..`` left (``realpath``, ``resolve()``)."""
        self._common: dict[str, ast.Call] = {}
        """Names bound to the common path of a root and a path (compared with the root next)."""
        self._held: dict[str, ast.Call] = {}
        """Names bound to a call's result (``ok = is_safe_url(url)``), while nothing it reads is rebound:
        testing the name later is testing the call (``return url if ok else ""``)."""
        self._rebound: set[str] = set()
        """Parameters assigned in the body: what a check proves of them is not the caller's argument."""
        self._validates: dict[int, int] | None = None
        self._checks: dict[int, int] | None = None
        self._macs: set[str] = set()
        """Names bound to an HMAC digest computed in this function (``misuse.mac_call``)."""
        self._unique: set[str] = set()
        """Names bound to something unguessable or private to the user (``misuse.unique_expr``)."""
        self._sized: set[str] = set()
        """Names whose size an ordering comparison has bounded so far (``len(data) > MAX``)."""
        self._off_by_default: set[str] = set()
        """Parameters whose default is a false constant (``shell=False``): the caller turns them on."""
        self._sql_method = False
        """The function returns the SQL of an ORM expression (``sqlexpr``): its result is the sink."""

    # ------------------------------------------------------------------ entry points
    def run_function(
        self, fn: ast.FunctionDef | ast.AsyncFunctionDef, outer: dict[str, Val] | None = None
    ) -> Summary:
        """Interpret ``fn``; ``outer`` holds the enclosing function's names (for a nested function)."""
        args = fn.args
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        names = [a.arg for a in every]
        if args.vararg:
            names.append(args.vararg.arg)
        if args.kwarg:
            names.append(args.kwarg.arg)
        self.params = tuple(names)
        self._off_by_default = _off_by_default(args)
        annotations = {a.arg: a.annotation for a in every}
        defaults = dict(
            zip(
                [a.arg for a in args.args][-len(args.defaults) :] if args.defaults else [],
                args.defaults,
                strict=False,
            )
        )
        defaults.update(
            {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=False) if d is not None}
        )
        env: dict[str, Val] = dict(outer or {})
        typed = typed_route_params(fn) if self.handler else set()
        self._sql_method = sqlexpr.returns_sql(fn)
        for i, name in enumerate(names):
            if name in typed:
                env[name] = CONST  # a number or UUID by the route's converter
            elif (
                self.handler
                and self._is_source_param(name, annotations.get(name), defaults.get(name))
                and not (fn.decorator_list and cat.VERIFIED_PARAM.match(name))
            ):
                env[name] = source(f"route parameter `{name}`", fn.lineno)
            elif name in cat.WSGI_ENVIRON and "start_response" in names:
                env[name] = source(f"the WSGI request `{name}`", fn.lineno)
            elif name == "scope" and (
                {"receive", "send"} <= set(names)
                or dotted(annotations.get(name) or ast.Constant(0)) in cat.ASGI_SCOPE_TYPES
            ):
                env[name] = source("the ASGI request `scope`", fn.lineno)
            elif self._sql_method and i:
                env[name] = sqlexpr.fragment(param(i))  # the compiler, the connection, a template
            else:
                env[name] = param(i)
        self.fn_name = fn.name
        self._hash_factory = _hash_factory(fn)
        self.block(fn.body, env)
        if not terminates(fn.body):
            self._way_out(env, None)
        self.final_env = env
        self._unused_parsers()
        made = [v for v in self.returns if v.rand and not v.sources]
        if made and cat.SECRET_NAME.search(fn.name):
            self._state_hit("random", f"the value {fn.name}() returns", merge(made), fn, "medium")
        is_method = self.class_name is not None and bool(names) and names[0] in {"self", "cls"}
        return Summary(
            self.params,
            UNKNOWN if abstract(fn) else merge(self.returns),
            dict(self.sinks),
            is_method,
            validates=self._validates or {},
            checks=self._checks or {},
        )

    def _way_out(self, env: dict[str, Val], returned: ast.expr | None) -> None:
        """A normal return: what its checks proved of the parameters holds for the callers' arguments
        (on every way out: ``validates``; on those that return a true value: ``checks``)."""
        if self._validates == {} and self._checks == {}:
            return  # an earlier way out proved nothing: nothing can be proven on every one
        proven: dict[int, int] = {}
        for i, name in enumerate(self.params):
            value = env.get(name)
            if name in self._rebound or value is None or name in {"self", "cls"}:
                continue
            if not value.tainted:
                proven[i] = ALL_KINDS  # a parameter never assigned here is a constant only after a check
            elif i in value.params:
                proven[i] = value.pmask(i)
        self._validates = _meet(self._validates, proven)
        truthy = dict(proven)
        if returned is None or self._checks == {}:
            return  # falling off the end returns None; or no way out so far proved anything
        if isinstance(returned, ast.Constant):
            if not returned.value:
                return
        elif isinstance(returned, ast.Compare | ast.BoolOp | ast.UnaryOp | ast.Call):
            inner: ast.expr = returned
            if isinstance(inner, ast.Call) and dotted(inner.func) == "bool" and len(inner.args) == 1:
                inner = inner.args[0]
            on_true = self._validated(inner, env)[0]
            for i, name in enumerate(self.params):
                if name in on_true and name not in self._rebound:
                    truthy[i] = truthy.get(i, 0) | on_true[name]
        self._checks = _meet(self._checks, truthy)

    def run_module(self, body: list[ast.stmt]) -> None:
        self.block(body, {})
        self._unused_parsers()

    def _is_source_param(self, name: str, annotation: ast.expr | None, default: ast.expr | None) -> bool:
        if name in cat.NOT_SOURCE_PARAMS:
            return False
        if annotation is not None and dotted(annotation) in cat.SAFE_PARAM_TYPES:
            return False
        injected = {"Depends", "Security", "Inject", "Provide"}
        return not (isinstance(default, ast.Call) and dotted(default.func).rsplit(".", 1)[-1] in injected)

    def _tick(self) -> None:
        self.steps_left -= 1
        if self.steps_left < 0:
            raise Budget

    # ------------------------------------------------------------------ statements
    def block(self, body: list[ast.stmt], env: dict[str, Val]) -> dict[str, Val]:
        for stmt in body:
            self.stmt(stmt, env)
        return env

    def stmt(self, node: ast.stmt, env: dict[str, Val]) -> None:
        self._tick()
        if isinstance(node, ast.For | ast.AsyncFor | ast.While | ast.Try | ast.TryStar | ast.Match):
            # a loop body, a handler or a case may not run: a lambda bound in one is not what the
            # name holds after the statement (as for the branches of an ``if``)
            lambdas = dict(self._lambdas)
            try:
                self._stmt(node, env)
            finally:
                self._lambdas = {k: v for k, v in self._lambdas.items() if lambdas.get(k) is v}
            return
        self._stmt(node, env)

    def _stmt(self, node: ast.stmt, env: dict[str, Val]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            self._lambdas.pop(node.name, None)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                self._lambdas.pop((alias.asname or alias.name).split(".")[0], None)
        if isinstance(node, ast.Assign):
            self._target = " ".join(dotted(t) for t in node.targets)
            try:
                value = self.expr(node.value, env)
            finally:
                self._target = ""
            if value.rand:
                named = [n for n in (dotted(t) for t in node.targets) if cat.SECRET_NAME.search(n)]
                if named:
                    self._state_hit("random", f"`{named[0]}`", value, node, "medium")
            self._note_origin(node.targets, node.value)
            if misuse.mac_call(node.value, self.ctx.imports, self._macs):
                self._macs.update(t.id for t in node.targets if isinstance(t, ast.Name))
            if misuse.unique_expr(node.value, self._unique):
                self._unique.update(t.id for t in node.targets if isinstance(t, ast.Name))
            if value.marker.startswith("obj:") and isinstance(node.value, ast.Name | ast.Attribute):
                self._object_changed(env, dotted(node.value))  # ``g = h``: a change through g is not seen
                value = env.get(dotted(node.value), value)
            for target in node.targets:
                self.assign(target, value, env, node.lineno)
                if isinstance(target, ast.Name):
                    if self._is_normalised(node.value):
                        self._normalised.add(target.id)
                    else:
                        self._normalised.discard(target.id)
                    if isinstance(node.value, ast.Call) and dotted(node.value.func).endswith(_COMMON):
                        self._common[target.id] = node.value  # ``prefix = os.path.commonprefix([...])``
                    else:
                        self._common.pop(target.id, None)
                    self._held = {
                        k: call for k, call in self._held.items() if target.id not in self._names_in(call)
                    }
                    if isinstance(node.value, ast.Call):
                        self._held[target.id] = node.value
                    else:
                        self._held.pop(target.id, None)
                    if isinstance(node.value, ast.Lambda):
                        self._lambdas[target.id] = node.value
                    else:
                        self._lambdas.pop(target.id, None)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                self.assign(node.target, self.expr(node.value, env), env, node.lineno)
        elif isinstance(node, ast.AugAssign):
            old = self.expr(node.target, env)
            new = self.expr(node.value, env)
            value = (
                concat([old, new], node.lineno)
                if isinstance(node.op, ast.Add | ast.Mod)
                else merge([old, new])
            )
            if new.rand and cat.SECRET_NAME.search(dotted(node.target)):
                self._state_hit("random", f"`{dotted(node.target)}`", new, node, "medium")
            self.assign(node.target, value, env, node.lineno)
        elif isinstance(node, ast.Expr):
            self.expr(node.value, env)
        elif isinstance(node, ast.Return):
            self._way_out(env, node.value)
            if node.value is not None:
                value = self.expr(node.value, env)
                self.returns.append(value)
                if self.handler and value.rand and not value.sources:
                    self._state_hit("random", "the response body", value, node, "low")
                if self.handler and value.tainted:
                    self._returned_body(node, value)
                if self._returns_markup(value):
                    sink = cat.Sink("html", (), (), f"the HTML {self.fn_name}() returns")
                    self._judge(sink, value, node.value)
                if self._sql_method:
                    self._returned_sql(node.value, value)
                elif not self.handler and value.params:
                    self._returned_html(node, value)
        elif isinstance(node, ast.If):
            self._if(node, env)
        elif isinstance(node, ast.For | ast.AsyncFor):
            items = self.expr(node.iter, env)
            before = dict(env)
            for _ in range(2):
                self.assign(node.target, items, env, node.lineno)
                self.block(node.body, env)
                self._join_into(env, before)
            self.block(node.orelse, env)
        elif isinstance(node, ast.While):
            read = limits.endless_read(node)
            if read is not None:
                value = Val(unknown=True, lines=(node.lineno, read.lineno))
                what = (
                    f"this loop reads with `{dotted(read.func)}()` but never tests for the end of the stream"
                )
                self.judged.append(("endless-read", node.lineno))
                self.hits.append(Hit("endless-read", what, node.lineno, read.lineno, value, level="low"))
            self.expr(node.test, env)
            before = dict(env)
            for _ in range(2):
                self.block(node.body, env)
                self._join_into(env, before)
            self.block(node.orelse, env)
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                value = self.expr(item.context_expr, env)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, value, env, node.lineno)
            self.block(node.body, env)
        elif isinstance(node, ast.Try | ast.TryStar):
            before = dict(env)
            self.block(node.body, env)
            if node.handlers and all(terminates(h.body) for h in node.handlers):
                # ``try: int(x) except ValueError: abort(400)``: x is a number from here on
                self._prove(env, _converted(node.body, self._is_normalised), node.lineno)
            for handler in node.handlers:
                if handler.name:
                    self._lambdas.pop(handler.name, None)
                branch = dict(before)
                self._join_into(branch, env)
                self.block(handler.body, branch)
                if not terminates(handler.body):  # a handler that raises or returns does not carry on
                    self._join_into(env, branch)
            self.block(node.orelse, env)
            self.block(node.finalbody, env)
        elif isinstance(node, ast.Assert):
            self.expr(node.test, env)
            self._prove(env, self._validated(node.test, env)[0], node.lineno)
        elif isinstance(node, ast.Raise):
            if node.exc is not None:
                self.expr(node.exc, env)
        elif isinstance(node, ast.Match):
            subject = self.expr(node.subject, env)
            live = self._live_case(node, subject, env) if subject.lit_known else None
            if live is not None:
                self.block(live.body, env)  # the case a constant subject takes (none: an empty body)
                return
            before = dict(env)
            for case in node.cases:
                branch = dict(before)
                self.block(case.body, branch)
                self._join_into(env, branch)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            self._nested(node, env)
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    env.pop(target.id, None)
                    self._rebound.add(target.id)
                elif isinstance(target, ast.Subscript) and (base := dotted(target.value)) in env:
                    env[base] = _delete(env[base], self.expr(target.slice, env))

    def _live_case(self, node: ast.Match, subject: Val, env: dict[str, Val]) -> ast.match_case | None:
        """The case a constant subject takes (``_NO_CASE`` when none does), or None when a pattern
        cannot be decided here (a guard, a class or sequence pattern)."""
        for case in node.cases:
            if case.guard is not None:
                return None
            matched = self._matches(case.pattern, subject, env)
            if matched is None:
                return None
            if matched:
                return case
        return _NO_CASE

    def _matches(self, pattern: ast.pattern, subject: Val, env: dict[str, Val]) -> bool | None:
        if isinstance(pattern, ast.MatchAs) and pattern.pattern is None:
            if pattern.name:
                env[pattern.name] = subject
                self._lambdas.pop(pattern.name, None)
            return True
        if isinstance(pattern, ast.MatchSingleton):
            return subject.lit is pattern.value  # None, True, False match by identity (1 is not True)
        if isinstance(pattern, ast.MatchValue):
            value = self.expr(pattern.value, env)
            if not value.lit_known:
                return None
            return _compare(subject.lit, [ast.Eq()], [value.lit])
        if isinstance(pattern, ast.MatchOr):
            found = [self._matches(p, subject, env) for p in pattern.patterns]
            return None if None in found else any(found)
        return None

    def _returned_body(self, node: ast.Return, value: Val) -> None:
        """A route handler returning text built from request data: HTML the framework sends as is."""
        expr = node.value
        if expr is None:
            return
        if isinstance(expr, ast.Tuple) and expr.elts and value.items:
            expr, value = expr.elts[0], value.items[0]
        value = value.exposed("html")
        if not value.tainted:
            return
        sent_as_html = any(q.split(".")[0] in cat.HTML_BY_DEFAULT for q in self.ctx.imports.values())
        markup = "<" in value.text and value.built
        if not value.sources:
            # markup built from values of no visible origin (a record, a helper's result) and sent
            # as the page: unsafe construction (medium); other text is only a flaw from attacker data
            if markup and sent_as_html and _text_expression(expr):
                self._hit(cat.Sink("html", (0,), (), "the response body"), value, node)
            return
        as_html = sent_as_html and _text_expression(expr)
        if markup or as_html:
            self._hit(cat.Sink("html", (0,), (), "the response body"), value, node)

    def _returned_sql(self, expr: ast.expr, value: Val) -> None:
        """The SQL an ORM expression method returns (the first of ``(sql, params)``) is a sink."""
        if isinstance(expr, ast.Tuple) and expr.elts:
            if value.items is None:
                return
            expr, value = expr.elts[0], value.items[0]
        self._judge(cat.Sink("sql", (), (), f"the SQL {self.fn_name}() returns"), value, expr)

    def _returned_html(self, node: ast.Return, value: Val) -> None:
        """Markup assembled from this function's arguments and returned without escaping them: the
        caller places it in a page as HTML (a link or message helper; Twisted's ``redirectTo``).
        Unsafe construction at low confidence: the caller may have escaped what it passed."""
        if self.fn_name in cat.MARKUP_RETURNING or isinstance(node.value, ast.Tuple):
            return
        exposed = value.exposed("html")
        if not value.built or exposed.sources or not exposed.params or value.marker == ESCAPED_URL:
            return
        if not cat.HTML_TAG.search(value.text):
            return
        end = node.end_lineno or node.lineno
        self.hits.append(Hit("html", "the HTML it returns", node.lineno, end, value, level="low"))

    def _returns_markup(self, value: Val) -> bool:
        """Whether what this function returns is taken as markup: ``__html__`` (markupsafe, Jinja),
        ``_repr_html_``; a renderer's or widget's method returning an HTML-escaped value in a URL
        attribute (a Markdown link renderer, a widget's ``render``)."""
        if self.fn_name in cat.MARKUP_RETURNING:
            return True
        if value.marker != ESCAPED_URL or not self.class_name:
            return False
        bases = [self.class_name, *self.ctx.class_bases.get(self.class_name, [])]
        return any(cat.RENDERING_CLASS.search(b) for b in bases)

    def _nested(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, env: dict[str, Val]) -> None:
        """A function defined inside this one (an app factory's routes, a closure): its own hits."""
        inner = FunctionAnalyzer(self.ctx, self.class_name, self.steps_left, handler=route_decorated(fn))
        try:
            inner.run_function(fn, outer=env)
        finally:
            self.steps_left = inner.steps_left
            self.hits += inner.hits
            self.judged += inner.judged

    def _note_origin(self, targets: list[ast.expr], value: ast.expr) -> None:
        if isinstance(value, ast.BoolOp | ast.IfExp):
            # ``host = urlparse(url).hostname or ""``: derived from each operand
            for part in value.values if isinstance(value, ast.BoolOp) else (value.body, value.orelse):
                self._note_origin(targets, part)
            return
        inner = value
        while isinstance(inner, ast.Call | ast.Attribute | ast.Subscript):
            if isinstance(inner, ast.Call):
                if len(inner.args) != 1:
                    return
                inner = inner.args[0]
            else:
                inner = inner.value
        if isinstance(inner, ast.Name) and inner is not value:
            for t in targets:
                if isinstance(t, ast.Name):
                    self.origins[t.id] = {inner.id, *self.origins.get(inner.id, set())}

    def _join_into(self, env: dict[str, Val], other: dict[str, Val]) -> None:
        for key, value in other.items():
            mine = env.get(key)
            env[key] = value if mine is None else (mine if mine == value else merge([mine, value]))

    def _if(self, node: ast.If, env: dict[str, Val]) -> None:
        folded = self._fold(node.test, env)
        if folded is not None:
            self.block(node.body if folded else node.orelse, env)
            return
        on_true, on_false, rejects = self._validated(node.test, env)
        body_env = dict(env)
        self._prove(body_env, on_true, node.lineno)
        else_env = dict(env)
        # a named check that finds something wrong (``if is_bad(x): abort()``) constrains what
        # continues only when its branch does not (it raises or returns)
        self._prove(else_env, _union([on_false, rejects]) if terminates(node.body) else on_false, node.lineno)
        lambdas = dict(self._lambdas)
        self.block(node.body, body_env)
        self.block(node.orelse, else_env)
        # a lambda bound in only one branch is not what the name holds after the join
        self._lambdas = {k: v for k, v in self._lambdas.items() if lambdas.get(k) is v}
        body_ends, else_ends = terminates(node.body), terminates(node.orelse)
        env.clear()
        if body_ends and not else_ends:
            env.update(else_env)
        elif else_ends and not body_ends:
            env.update(body_env)
        else:
            env.update(body_env)
            self._join_into(env, else_env)

    def _fold(self, test: ast.expr, env: dict[str, Val]) -> bool | None:
        """The truth of ``test`` when it is computed from constants only (the test is evaluated once)."""
        name = dotted(test)
        if name in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}:
            return True
        if isinstance(test, ast.Name) and test.id not in env and test.id in self.ctx.literals:
            return bool(self.ctx.literals[test.id])
        value = self.expr(test, env)
        if value.lit_known:
            try:
                return bool(value.lit)
            except Exception:  # noqa: BLE001 - a constant whose truth cannot be computed
                return None
        return None

    def _names_in(self, node: ast.AST) -> set[str]:
        out = set()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name):
                out.add(sub.id)
            elif isinstance(sub, ast.Attribute) and (chain := dotted(sub)):
                out.add(chain)
        return out

    def _validated(self, test: ast.expr, env: dict[str, Val]) -> tuple[Checked, Checked, Checked]:
        """Names proven safe when ``test`` is true, when it is false, and (a named check that finds
        something wrong) when it is false because its branch rejects; each with the sink kinds it
        proves them safe for: a URL check proves redirects and URLs, a containment check paths, an
        allow-list or ``isdigit()`` everything."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            on_true, on_false, _ = self._validated(test.operand, env)
            return on_false, on_true, {}
        if isinstance(test, ast.BoolOp):
            parts = [self._validated(v, env) for v in test.values]
            if isinstance(test.op, ast.And):
                return _union([p[0] for p in parts]), {}, {}
            return {}, _union([p[1] for p in parts]), _union([p[2] for p in parts])
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            return self._compared(test, env)
        if isinstance(test, ast.Attribute) and test.attr in {"netloc", "scheme", "hostname"}:
            # ``if urlparse(url).netloc: reject``: what continues is a local path
            inner = test.value
            parsed = isinstance(inner, ast.Call) and dotted(inner.func).rsplit(".", 1)[-1] in {
                "urlparse",
                "urlsplit",
            }
            if parsed or (isinstance(inner, ast.Name) and inner.id in self.origins):
                return {}, dict.fromkeys(self._with_origins(self._names_in(test)), _URL_CHECK), {}
        if isinstance(test, ast.Call):
            return self._check_call(test, env)
        if isinstance(test, ast.Name) and test.id in self._held:
            return self._check_call(self._held[test.id], env)  # ``ok = is_safe_url(url)`` ... ``if ok``
        return _NOTHING

    def _compared(self, test: ast.Compare, env: dict[str, Val]) -> tuple[Checked, Checked, Checked]:
        op, right = test.ops[0], test.comparators[0]
        if isinstance(op, ast.Is | ast.IsNot) and isinstance(right, ast.Constant) and right.value is None:
            if isinstance(test.left, ast.Call):  # ``re.fullmatch(...) is None``
                on_true, on_false, _ = self._check_call(test.left, env)
                return (on_true, on_false, {}) if isinstance(op, ast.IsNot) else (on_false, on_true, {})
            return _NOTHING
        if isinstance(op, ast.In | ast.NotIn) and _constant_text(test.left):
            # ``".." in name``: a value refused when it holds a mark is checked, for the sinks where
            # that mark matters, on the branch where it does not
            bits = _marks_bits(str(getattr(test.left, "value", "")))
            marked = dict.fromkeys(self._with_origins(self._names_in(right)), bits) if bits else {}
            return ({}, marked, {}) if isinstance(op, ast.In) else (marked, {}, {})
        positive = isinstance(op, ast.In | ast.Eq)
        if (
            isinstance(op, ast.In | ast.NotIn)
            and isinstance(right, ast.Attribute)
            and right.attr == "parents"
            and self._is_normalised(right.value)
        ):
            # ``root in target.resolve().parents``: the resolved target lies under the root
            inside = dict.fromkeys(self._with_origins(self._names_in(right.value)), _PATH_CHECK)
            return (inside, {}, {}) if positive else ({}, inside, {})
        if isinstance(op, ast.In | ast.NotIn) or (
            isinstance(op, ast.Eq | ast.NotEq) and isinstance(right, ast.Constant)
        ):
            member = self._member(test.left)
            return (member, {}, {}) if positive else ({}, member, {})
        if not isinstance(op, ast.Eq | ast.NotEq):
            return _NOTHING
        # ``os.path.commonpath([root, path]) == root``; ``commonprefix`` compares characters (``/srv/a``
        # is a prefix of ``/srv/ab``) but refuses ``..`` once the paths are absolute: taken as a check
        sides = [self._common.get(n.id, n) if isinstance(n, ast.Name) else n for n in (test.left, right)]
        calls = [c for c in sides if isinstance(c, ast.Call)]
        lasts = {dotted(c.func).rsplit(".", 1)[-1] for c in calls}
        if lasts & {"commonpath", "commonprefix"}:
            if "commonprefix" in lasts and "commonpath" not in lasts:
                # the check's lines run from the call (``prefix = commonprefix(...)``) to the comparison
                first = min([test.lineno, *(c.lineno for c in calls)])
                line, end = sorted((first, test.end_lineno or test.lineno))
                what = "a directory containment check made with `os.path.commonprefix()`"
                self.judged.append(("containment", test.lineno))
                self.hits.append(Hit("containment", what, line, end, Val(), level="medium"))
            names = dict.fromkeys(
                self._with_origins(self._names_in(sides[0]) | self._names_in(sides[1])), _PATH_CHECK
            )
            return (names, {}, {}) if positive else ({}, names, {})
        if lasts & {"basename", "secure_filename"} and len(calls) == 1 and len(calls[0].args) == 1:
            # ``os.path.basename(name) == name``: the name holds no directory part
            other = right if calls[0] is test.left else test.left
            if dotted(other) and dotted(other) == dotted(calls[0].args[0]):
                names = dict.fromkeys(self._with_origins({dotted(other)}), _PATH_CHECK)
                return (names, {}, {}) if positive else ({}, names, {})
        return _NOTHING

    def _member(self, left: ast.expr) -> Checked:
        """What ``left in ALLOWED`` (or ``left == "x"``) proves: everything of the value itself
        (tidied: ``x.lower()``), the URL kinds of what a tested host or scheme was parsed from, nothing
        of a value only part of which was tested (``name.rsplit(".")[1] in EXTENSIONS``)."""
        inner = left
        while (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr in _TEXT_TIDY
            and not inner.args
        ):
            inner = inner.func.value
        if isinstance(inner, ast.Attribute) and inner.attr in _URL_PARTS:
            return dict.fromkeys(self._with_origins(self._names_in(inner)), _URL_CHECK)
        name = dotted(inner) if isinstance(inner, ast.Name | ast.Attribute) else ""
        if not name:
            return {}
        out = dict.fromkeys(self.origins.get(name, set()), _URL_CHECK)
        out[name] = ALL_KINDS
        return out

    def _check_call(self, test: ast.Call, env: dict[str, Val]) -> tuple[Checked, Checked, Checked]:
        name = dotted(test.func)
        qual = self._qualify(name) if name else ""
        method = test.func.attr if isinstance(test.func, ast.Attribute) else ""
        receiver = test.func.value if isinstance(test.func, ast.Attribute) else None
        pattern, how, checked = None, "", None
        if qual in _REGEX_CHECKS and len(test.args) >= 2:
            found = self.expr(test.args[0], env)
            pattern = found.lit if found.lit_known and isinstance(found.lit, str) else None
            how, checked = qual.rsplit(".", 1)[-1], test.args[1]
        elif method in {"match", "fullmatch", "search"} and receiver is not None and test.args:
            compiled = self.expr(receiver, env)
            if compiled.marker.startswith("re:"):
                pattern, how, checked = compiled.marker[3:], method, test.args[0]
        if pattern is not None and checked is not None:
            when_true, when_false = cat.regex_check(pattern, how)
            names = self._with_origins(self._names_in(checked))
            return dict.fromkeys(names, when_true), dict.fromkeys(names, when_false), {}
        if method in {"startswith", "is_relative_to"} and receiver is not None and test.args:
            return self._prefix_check(method, receiver, test.args[0], env)
        if method in cat.CHARACTER_CHECKS and receiver is not None:
            return dict.fromkeys(self._with_origins(self._names_in(receiver)), ALL_KINDS), {}, {}
        if name == "isinstance" and len(test.args) == 2 and _numeric_types(test.args[1]):
            # ``isinstance(n, int)``: a number where it holds, safe for every sink
            return dict.fromkeys(self._with_origins(self._names_in(test.args[0])), ALL_KINDS), {}, {}
        if name and (not method or name.split(".")[0] in {"self", "cls", *self.ctx.imports}):
            summary = self._resolve(name, test)
            if summary is not None and summary.checks:
                offset = 1 if summary.is_method and (name.startswith(("self.", "cls.")) or "." in name) else 0
                proven: Checked = {}
                for index, bits in summary.checks.items():
                    arg = self._argument(test, index - offset, summary.params[index])
                    for found_name in self._with_origins(self._names_in(arg)) if arg is not None else ():
                        proven[found_name] = proven.get(found_name, 0) | bits
                return proven, {}, {}
        if (
            method
            and receiver is not None
            and not test.args
            and not test.keywords
            and self.expr(receiver, env).marker == cat.BOUND_FORM
        ):
            return _NOTHING  # ``form.is_valid()``: the declared field types, not what a sink needs
        if name and cat.is_validator(name):
            names = self._names_in(test)
            head = name.split(".", 1)[0]
            if head in self.ctx.imports or "." not in name:
                names.discard(head)
            names.discard(name)
            proven = dict.fromkeys(self._with_origins(names), cat.validator_bits(name))
            return proven, {}, proven
        return _NOTHING

    def _prefix_check(
        self, method: str, receiver: ast.expr, arg: ast.expr, env: dict[str, Val]
    ) -> tuple[Checked, Checked, Checked]:
        """``path.startswith(root)``: a containment check when ``path`` has no ``..`` left (realpath,
        resolve()); a check of a URL's scheme or of a local path for a constant ``http``/``/``;
        refusing ``-`` keeps an option out of an argument list."""
        names = self._with_origins(self._names_in(receiver))
        prefix = self.expr(arg, env)
        texts: list[str] | None = None
        if prefix.lit_known and isinstance(prefix.lit, str):
            texts = [prefix.lit]
        elif prefix.items is not None and all(i.lit_known and isinstance(i.lit, str) for i in prefix.items):
            texts = [str(i.lit) for i in prefix.items]
        if method == "startswith" and texts:
            if all(cat.fixed_host(t) for t in texts):
                return dict.fromkeys(names, _URL_CHECK), {}, {}  # ``https://example.com/``: its host
            if all("://" in t or t.lower().rstrip(":") in {"http", "https"} for t in texts):
                return _NOTHING  # a scheme check: any host is still possible
            if all(t.startswith("-") for t in texts):
                return {}, dict.fromkeys(names, KIND_BITS["argument"] | _TRUST), {}
            if all(t.startswith(("//", "/\\", "\\")) for t in texts):
                # refusing a protocol-relative target: what is left stays on this host
                return {}, dict.fromkeys(names, KIND_BITS["redirect"] | _TRUST), {}
            if all(t == "/" for t in texts):
                return dict.fromkeys(names, KIND_BITS["redirect"] | _TRUST), {}, {}
            if not all(t.startswith("/") and len(t) > 1 for t in texts):
                return _NOTHING
        if self._is_normalised(receiver):
            return dict.fromkeys(names, _PATH_CHECK), {}, {}
        return _NOTHING

    def _is_normalised(self, node: ast.expr) -> bool:
        """Whether ``node`` is a path with no ``..`` left (``realpath(p)``, ``(root / p).resolve()``)."""
        while (
            isinstance(node, ast.Call) and dotted(node.func) in {"str", "os.fspath"} and len(node.args) == 1
        ):
            node = node.args[0]
        if isinstance(node, ast.Call):
            return dotted(node.func).rsplit(".", 1)[-1] in _NORMALISERS or (
                isinstance(node.func, ast.Attribute) and node.func.attr in _NORMALISERS
            )
        return isinstance(node, ast.Name) and node.id in self._normalised

    @staticmethod
    def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
        if 0 <= position < len(call.args) and not isinstance(call.args[position], ast.Starred):
            return call.args[position]
        return next((k.value for k in call.keywords if k.arg == keyword), None)

    def _prove(self, env: dict[str, Val], checked: Checked, line: int) -> None:
        """The names ``checked`` made safe for the sink kinds it gives (all of them: a constant)."""
        for name, bits in checked.items():
            if bits & ALL_KINDS == ALL_KINDS:
                env[name] = CONST
            elif bits:
                current = env.get(name)
                if current is None:
                    current = self._named(name, env, line)
                if current.tainted:
                    env[name] = clear(current, bits)

    def _named(self, name: str, env: dict[str, Val], line: int) -> Val:
        """The value a dotted name holds (``request.args``, ``self.path``) when it is not in ``env``."""
        parts = name.split(".")
        if not all(p.isidentifier() for p in parts):
            return CONST  # ``urlparse().netloc``: not a name a later read can find
        node: ast.expr = ast.Name(id=parts[0], ctx=ast.Load(), lineno=line, col_offset=0)
        for part in parts[1:]:
            node = ast.Attribute(value=node, attr=part, ctx=ast.Load(), lineno=line, col_offset=0)
        return self.expr(node, env)

    def _with_origins(self, names: set[str]) -> set[str]:
        """``names`` and the names they were derived from (``parsed = urlparse(url)``: url too)."""
        out = set(names)
        for name in names:
            out |= self.origins.get(name, set())
        return out

    # ------------------------------------------------------------------ assignment
    def assign(self, target: ast.expr, value: Val, env: dict[str, Val], line: int) -> None:
        if isinstance(target, ast.Name):
            self._lambdas.pop(target.id, None)  # rebound (an assignment of a lambda binds it again)
            self._rebound.add(target.id)
            # the line is kept (to anchor a finding on the line a change added in the middle of a flow)
            env[target.id] = value.at(line)
        elif isinstance(target, ast.Tuple | ast.List):
            starred = any(isinstance(e, ast.Starred) for e in target.elts)
            if value.items is not None and len(value.items) == len(target.elts) and not starred:
                for element, item in zip(target.elts, value.items, strict=True):
                    self.assign(element, item, env, line)  # ``a, b = x, "c"``: element by element
                return
            for element in target.elts:
                self.assign(element, value, env, line)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, value, env, line)
        elif isinstance(target, ast.Attribute):
            key = dotted(target)
            base = dotted(target.value)
            held = env.get(base)
            if held is not None and held.marker.startswith("obj:") and held.keyed is not None:
                fields = {k: v for k, v in held.keyed if isinstance(k, str)}
                self._object_changed(env, base, {**fields, target.attr: value})  # ``h.value = x``
            else:
                self._object_changed(env, base)  # ``h.inner.value = x``
            if key:
                env[key] = value
            if isinstance(target.value, ast.Name) and target.value.id == "self" and self.class_name:
                slot = (self.class_name, target.attr)
                old = self.ctx.class_attrs.get(slot)
                seen = shapeless(without_params(value))
                self.ctx.class_attrs[slot] = seen if old is None else merge([old, seen])
        elif isinstance(target, ast.Subscript):
            base = dotted(target.value)
            self._object_changed(env, base)  # ``h.items[0] = x``, ``h.__dict__[k] = x``
            if base:
                old = env.get(base)
                index = self.expr(target.slice, env)
                env[base] = _store(old, index, value) if old is not None else shapeless(value)
                if self._is_session(base):
                    self._judge(cat.Sink("trust", (), (), "the session"), value, target)
                    self._judge(cat.Sink("trust", (), (), "the session"), index, target)
                    if value.rand:
                        self._state_hit("random", "the session", value, target, "medium")
                if base.endswith(".headers") and value.rand:
                    self._state_hit("random", "a response header", value, target, "medium")
                if base.endswith(".headers") and _is_location(index):
                    self._judge(cat.Sink("redirect", (), (), "the Location header"), value, target)
                if cat.response_headers(base) and not _is_location(index):  # a Location is a redirect
                    self._judge_header("a response header", value, target)
                elif cat.message_object(base) and _email_header(index):
                    self._judge_header("an email header", value, target)

    # ------------------------------------------------------------------ expressions
    def expr(self, node: ast.expr, env: dict[str, Val]) -> Val:
        self._tick()
        if self._depth > MAX_DEPTH:
            return UNKNOWN
        self._depth += 1
        try:
            return self._expr(node, env)
        finally:
            self._depth -= 1

    def _expr(self, node: ast.expr, env: dict[str, Val]) -> Val:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bytes):
                return literal(node.value.decode("latin-1"))
            if isinstance(node.value, str | int | float | bool) or node.value is None:
                return literal(node.value)
            return CONST
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.FormattedValue):
                    inner = self.expr(v.value, env)
                    spec = v.format_spec
                    numeric = (
                        isinstance(spec, ast.JoinedStr)
                        and len(spec.values) == 1
                        and isinstance(spec.values[0], ast.Constant)
                        and str(spec.values[0].value)[-1:] in set("dfeEgGxXob%n")
                    )
                    parts.append(CONST if numeric else inner)
                else:
                    parts.append(self.expr(v, env))
            return concat(parts, node.lineno)
        if isinstance(node, ast.Name):
            return self._name(node.id, env, node.lineno)
        if isinstance(node, ast.Attribute):
            return self._attribute(node, env)
        if isinstance(node, ast.Subscript):
            container = self.expr(node.value, env)
            if isinstance(node.slice, ast.Slice):
                bounds = [self.expr(b, env) if b is not None else literal(None) for b in
                          (node.slice.lower, node.slice.upper, node.slice.step)]  # fmt: skip
                return _slice(container, bounds)
            key = self.expr(node.slice, env)
            picked = _pick(container, key)
            return picked if picked is not None else shapeless(container)
        if isinstance(node, ast.BinOp):
            return self._binop(node, env)
        if isinstance(node, ast.Call):
            made = self._call(node, env)
            if self._sql_method and sqlexpr.extra_value(node):
                return UNKNOWN.at(node.lineno)  # a value the expression was made with
            return sqlexpr.fragment(made) if self._sql_method and sqlexpr.fragment_call(node) else made
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            elements = [self.expr(e, env) for e in node.elts]
            if isinstance(node, ast.Set) or any(isinstance(e, ast.Starred) for e in node.elts):
                return with_marker(merge(elements), "sequence")
            return sequence(elements)
        if isinstance(node, ast.Dict):
            keys = [self.expr(k, env) if k is not None else None for k in node.keys]
            values = [self.expr(v, env) for v in node.values]
            if all(k is not None and k.lit_known and _hashable(k.lit) for k in keys):
                return mapping(dict(zip([k.lit for k in keys if k], values, strict=True)).items())
            return shapeless(merge([*(k for k in keys if k is not None), *values]))
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            scope = dict(env)
            for gen in node.generators:
                self.assign(gen.target, self.expr(gen.iter, scope), scope, node.lineno)
                for cond in gen.ifs:
                    self.expr(cond, scope)
                    self._prove(scope, self._validated(cond, scope)[0], node.lineno)
            if isinstance(node, ast.DictComp):
                return merge([self.expr(node.key, scope), self.expr(node.value, scope)])
            return self.expr(node.elt, scope)
        if isinstance(node, ast.IfExp):
            folded = self._fold(node.test, env)
            if folded is not None:
                return self.expr(node.body if folded else node.orelse, env)
            on_true, on_false, _ = self._validated(node.test, env)
            body_env, else_env = dict(env), dict(env)
            self._prove(body_env, on_true, node.lineno)
            self._prove(else_env, on_false, node.lineno)
            return merge([self.expr(node.body, body_env), self.expr(node.orelse, else_env)])
        if isinstance(node, ast.BoolOp):
            values = [self.expr(v, env) for v in node.values]
            if all(v.lit_known for v in values):
                return literal(_fold_boolop(node.op, [v.lit for v in values]))
            if isinstance(node.op, ast.And):
                # ``rel and ' rel="%s"' % escape(rel)``: an operand before the last is the result only
                # when it is false (empty text, None, 0): no content of its own reaches a sink
                return values[-1]
            return merge(values)
        if isinstance(node, ast.Compare):
            left = self.expr(node.left, env)
            rights = [self.expr(c, env) for c in node.comparators]
            if left.lit_known and all(r.lit_known for r in rights):
                known = _compare(left.lit, node.ops, [r.lit for r in rights])
                if known is not None:
                    return literal(known)
            if len(rights) == 1:
                self._secret_compared(node, left, rights[0])
            self._sized |= limits.sized_names(node)
            return CONST
        if isinstance(node, ast.UnaryOp):
            operand = self.expr(node.operand, env)
            if operand.lit_known:
                folded_op = _unary(node.op, operand.lit)
                if folded_op is not _NO:
                    return literal(folded_op)
            return CONST if isinstance(node.op, ast.Not) else shapeless(operand)
        if isinstance(node, ast.Await | ast.Starred | ast.FormattedValue):
            return self.expr(node.value, env)
        if isinstance(node, ast.Yield | ast.YieldFrom):
            if node.value is not None:
                self.expr(node.value, env)  # ``yield from run(cmd)``: what is yielded runs here
            return UNKNOWN  # what the consumer sends back
        if isinstance(node, ast.NamedExpr):
            value = self.expr(node.value, env)
            self.assign(node.target, value, env, node.lineno)
            return value
        if isinstance(node, ast.Lambda):
            local = dict(env)
            for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                local[a.arg] = UNKNOWN
            self.expr(node.body, local)
            return CONST
        if isinstance(node, ast.Slice):
            for part in (node.lower, node.upper, node.step):
                if part is not None:
                    self.expr(part, env)
            return CONST
        return UNKNOWN

    def _name(self, name: str, env: dict[str, Val], line: int) -> Val:
        if name in env:
            return env[name]
        qual = self.ctx.imports.get(name, name)
        if qual in cat.SOURCE_NAMES:
            return source(qual, line)
        if name in self.ctx.constants:
            return self.ctx.constants[name]
        if name.isupper() or name in {"True", "False", "None"}:
            return CONST
        if qual in cat.REQUEST_NAMES:
            return UNKNOWN
        return UNKNOWN

    def _attribute(self, node: ast.Attribute, env: dict[str, Val]) -> Val:
        full = dotted(node)
        if (
            isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and cat.REQUEST_FIELD.search(node.attr)
        ):
            # the request a server or protocol object parsed, whatever this method stored there
            found = source(full, node.lineno)
            return merge([env[full], found]) if full in env else found
        if full and full in env:
            return env[full]
        if self._sql_method and sqlexpr.syntax_attr(node):
            return CONST  # the expression class's own SQL syntax
        base_name = dotted(node.value)
        qual_base = self._qualify(base_name) if base_name else ""
        from_request = qual_base in cat.REQUEST_NAMES or base_name in cat.REQUEST_NAMES
        if from_request and node.attr in cat.REQUEST_ATTRS:
            return source(f"{base_name}.{node.attr}", node.lineno)
        qual = self._qualify(full) if full else ""
        if qual in cat.SOURCE_NAMES:
            return source(qual, node.lineno)
        if isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"} and self.class_name:
            bases = self.ctx.class_bases.get(self.class_name, [])
            if node.attr in cat.HTTP_SERVER_ATTRS and any(cat.HTTP_SERVER_HANDLER.search(b) for b in bases):
                return source(f"self.{node.attr}", node.lineno)  # http.server: the request's path and headers
            known = self.ctx.class_attrs.get((self.class_name, node.attr))
            if known is not None:
                return known
            return CONST if node.attr.isupper() else UNKNOWN
        if node.attr.isupper():
            return CONST
        base = self.expr(node.value, env)
        if base.marker.startswith("obj:") and base.keyed:
            field = next((v for k, v in base.keyed if k == node.attr), None)
            if field is not None:
                return field
        if base.sources:
            return base
        if base.tainted or base_name.split(".")[0] in self.ctx.imports:
            return merge([base, UNKNOWN]) if not base.tainted else base
        return UNKNOWN

    def _qualify(self, name: str) -> str:
        head, _, rest = name.partition(".")
        if head in self.ctx.imports:
            base = self.ctx.imports[head]
            return f"{base}.{rest}" if rest else base
        return name

    def _binop(self, node: ast.BinOp, env: dict[str, Val]) -> Val:
        left = self.expr(node.left, env)
        right = self.expr(node.right, env)
        escaped = [right] if right.items is None else list(right.items)
        if isinstance(node.op, ast.Mod) and any(v.marker == HTML_ESCAPED for v in escaped):
            pieces = _percent_pieces(left, len(escaped))
            if pieces is not None:  # the text around each value, to see the attribute it lands in
                parts = [literal(pieces[0])]
                for value, piece in zip(escaped, pieces[1:], strict=True):
                    parts += [value, literal(piece)]
                return concat(parts, node.lineno)
        if left.lit_known and right.lit_known:
            folded = _arith(node.op, left.lit, right.lit)
            if folded is not _NO:
                return literal(folded)
        if isinstance(node.op, ast.Add) and left.items is not None and right.items is not None:
            return sequence((*left.items, *right.items))
        if isinstance(node.op, ast.Add) and "sequence" in {left.marker, right.marker}:
            return with_marker(merge([left, right]), "sequence")
        if isinstance(node.op, ast.Add):
            if left.text or right.text or left.built or right.built:
                return concat([left, right], node.lineno)
            return merge([left, right])
        if isinstance(node.op, ast.Mod) and left.text and not left.tainted:
            if _numeric_format(left.text):
                return Val(
                    text=left.text, lead=left.text, rand=right.rand, lines=right.lines if right.rand else ()
                )
            return concat([left, right], node.lineno)
        if isinstance(node.op, ast.Div) and right.tainted and not isinstance(left.lit, int | float):
            return _joined(merge([left, right]), left)  # ``Path(root) / name``
        if isinstance(node.op, ast.Mult) and (not left.tainted or not right.tainted):
            return left if left.text else right if right.text else merge([left, right])
        return merge([left, right])

    # ------------------------------------------------------------------ calls
    def _call(self, node: ast.Call, env: dict[str, Val]) -> Val:
        name = dotted(node.func)
        qual = self._qualify(name) if name else ""
        if qual == "Template" and misuse.unbound_template(self.ctx):
            qual = misuse.BARE_TEMPLATE  # jinja2's, mako's or tornado's, imported out of view
        receiver_node = node.func.value if isinstance(node.func, ast.Attribute) else None
        receiver = self.expr(receiver_node, env) if receiver_node is not None else CONST
        args = [self.expr(a, env) for a in node.args]
        kwargs = {k.arg: self.expr(k.value, env) for k in node.keywords if k.arg}
        spread = [self.expr(k.value, env) for k in node.keywords if k.arg is None]
        for passed in (*node.args, *(k.value for k in node.keywords)):
            self._object_changed(env, dotted(passed.value if isinstance(passed, ast.Starred) else passed))
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if (template := sqlexpr.template_keyword(node)) is not None:
            sink = cat.Sink("sql", (), ("template",), f"the template of {method}()")
            self._judge(sink, kwargs.get("template", CONST), template)
        self._check_sinks(
            node, qual=qual, method=method, receiver=receiver, args=args, kwargs=kwargs, spread=spread
        )
        folded = _fold_call(qual, method, receiver if receiver_node is not None else None, args, kwargs)
        if folded is not _NO:
            return literal(folded)
        lam = self._lambdas.get(name) if receiver_node is None else None
        if lam is not None and not lam.args.vararg and not lam.args.kwarg and not kwargs:
            local = dict(env)
            names = [a.arg for a in (*lam.args.posonlyargs, *lam.args.args)]
            for i, arg_name in enumerate(names):
                local[arg_name] = args[i] if i < len(args) else UNKNOWN
            return self.expr(lam.body, local)
        if marker := misuse.environment_marker(qual):
            return Val(unknown=True, marker=marker)
        if qual in cat.SERIALIZERS:
            # bytes this code made from its own objects: loading them back is a round trip, not
            # data from elsewhere (a branch or container merging them with such data still is)
            return CONST
        if qual in limits.STREAMING:
            return Val(unknown=True, marker=limits.DECOMPRESSOR)
        if qual in limits.FILE_READERS:
            held = kwargs.get("fileobj") or (args[2] if len(args) > 2 and qual.endswith("File") else None)
            named = args[0] if args else kwargs.get("filename")
            # data held in memory (a received body), or a file the request names: not the program's own
            if (held is not None and held.tainted) or (named is not None and named.sources):
                parts = [v for v in (held, named) if v is not None]
                return replace(merge(parts), marker=limits.COMPRESSED_FILE)
        if qual in misuse.TMPDIR_CALLS:
            return misuse.tmpdir_value()
        made = self._generated(
            node, qual=qual, method=method, receiver=receiver, args=args, kwargs=kwargs, env=env
        )
        if made is not None:
            return made
        if (
            qual in {"re.compile", "regex.compile"}
            and args
            and args[0].lit_known
            and isinstance(args[0].lit, str)
        ):
            flags = (
                node.args[1]
                if len(node.args) > 1
                else next((k.value for k in node.keywords if k.arg == "flags"), None)
            )
            pattern = _verbose_plain(args[0].lit) if _regex_flags(flags) else args[0].lit
            return Val(marker=f"re:{pattern[: cat.REGEX_CAP + 1]}")  # its checks are read by _check_call
        last = qual.rsplit(".", 1)[-1]
        if last in {"normpath", "abspath", "realpath"} and args and args[0].tainted and args[0].lead == "/":
            # ``normpath("/" + name)``: a path rooted before it is normalised keeps no ``..`` above the root
            # (not ``"/srv/files/" + name``: its ``..`` climbs out of the directory)
            return clear(merge(args), KIND_BITS["path"])
        escapes = cat.sanitiser_bits(qual) if qual else 0
        if not escapes and method:
            escapes = cat.sanitiser_bits(method)
            if (
                escapes
                and method.lower() in {"escape", "escape_string", "literal"}
                and receiver_node is not None
            ):
                escapes = KIND_BITS["sql"] if cat.sql_receiver(dotted(receiver_node)) else escapes
        if escapes and qual.rsplit(".", 1)[-1] == "quote" and escapes & KIND_BITS["path"] == 0:
            # ``quote(name, safe="")`` percent-encodes ``/`` too: one path component, no directory
            safe = args[1] if len(args) > 1 else kwargs.get("safe")
            if (
                safe is not None
                and safe.lit_known
                and isinstance(safe.lit, str)
                and not set(safe.lit) & set("/\\")
            ):
                escapes |= KIND_BITS["path"]
        if escapes:
            if qual.endswith("sql.SQL"):
                return Val(marker="composed-sql")
            given = merge(
                [*args[:1], *(v for k, v in kwargs.items() if k not in {"safe", "encoding", "errors"})]
            )
            html_text = escapes & KIND_BITS["html"] and qual.rsplit(".", 1)[-1] in cat.HTML_TEXT_ESCAPES
            if given.tainted and not given.rand and html_text:
                # safe text for HTML (and for nothing else), not a safe URL
                return with_marker(clear(given, escapes).at(node.lineno), HTML_ESCAPED)
            return only_predictable(given) if escapes == ALL_KINDS else clear(given, escapes)
        if qual in cat.SOURCE_CALLS:
            return source(f"{qual}()", node.lineno)
        if qual in {"open", "io.open", "codecs.open"} and args and not args[0].exposed("path").tainted:
            return CONST  # a file the code chose (or kept inside its root): not attacker text
        if method in cat.PATH_METHODS and receiver.safe_for("path"):
            return CONST
        if method in cat.ARCHIVE_MEMBER_METHODS and receiver_node is not None:
            return source(f"archive member names ({method}())", node.lineno)
        if qual in cat.TAR_OPENERS:
            return Val(unknown=True, marker="tarfile", sources=merge(args).sources)
        if (
            method in cat.HANDLER_SOURCE_METHODS
            and receiver_node is not None
            and dotted(receiver_node) == "self"
        ):
            return source(f"self.{method}()", node.lineno)
        if (
            receiver_node is not None
            and method in cat.REQUEST_ATTRS
            and cat.REQUEST_NAMES & {dotted(receiver_node), self._qualify(dotted(receiver_node))}
        ):
            return source(f"{dotted(receiver_node)}.{method}()", node.lineno)
        if qual in cat.CONFIG_PARSERS:
            return mapping((), marker="config")
        owner = receiver.marker[4:] if receiver.marker.startswith("obj:") else ""
        if owner and method and receiver.keyed:
            # before the containers' methods: an object's ``add``/``update``/``get`` are its class's
            state = {f"self.{k}": v for k, v in receiver.keyed if isinstance(k, str)}
            ran = self._run_method(owner, method, state=state, node=node, args=args, kwargs=kwargs)
            # the method may set fields: the object keeps those it leaves, or none when not followed
            held_by = dotted(receiver_node) if receiver_node is not None else ""
            self._object_changed(env, held_by, ran[1] if ran is not None else None)
            if ran is not None:
                return ran[0]
            receiver = Val(unknown=True, marker=receiver.marker, lines=receiver.lines)
        if receiver_node is not None and (receiver.items is not None or receiver.keyed is not None):
            noted = [_noted(a, node.lineno) for a in args]  # the line an element joined the container
            shaped = _shaped_method(method, receiver, noted, dotted(receiver_node), env)
            if shaped is not None:
                return shaped
        if qual in _EMPTY_CONTAINERS and not node.args:
            if qual in {"list", "tuple", "collections.deque", "deque"}:
                return sequence(())
            return mapping(kwargs.items())
        sequences = {"list", "tuple", "collections.deque", "deque"}
        constructor = not method or qual == "collections.deque"
        if constructor and qual in sequences and len(args) == 1 and args[0].items is not None:
            return sequence(args[0].items)
        if method in cat.CONTAINER_MUTATORS and receiver_node is not None:
            key = dotted(receiver_node)
            if key and args:
                env[key] = merge([env.get(key, receiver), *args])
            return CONST
        if method == "replace" and node.args and _line_break(node.args[0]):
            return with_marker(merge([receiver, *args[1:]]), cat.CRLF_MARKER)
        if qual in {"re.sub", "regex.sub"} and len(args) > 2 and _line_break(node.args[0]):
            return with_marker(merge([args[2], args[1]]), cat.CRLF_MARKER)
        if method == "replace" and node.args and _escapes(node.args[0]):
            return clear(receiver, _escapes(node.args[0]))
        if method == "format" and receiver.marker == "composed-sql":
            return CONST
        if method == "format" and (receiver.text or receiver.built):
            return concat([receiver, *args, *kwargs.values()], node.lineno)
        if method == "join" and receiver_node is not None and (receiver.text or not receiver.tainted):
            items = merge(args)
            return (
                concat([items, receiver], node.lineno)
                if items.tainted
                else Val(text=receiver.text + items.text, lead=receiver.text)
            )
        if name and (not method or name.split(".")[0] in {"self", "cls", *self.ctx.imports}):
            summary = self._resolve(name, node)
            if summary is not None:
                return self._apply(summary, name, node, args, kwargs, env=env)
            if receiver_node is None and name in self.ctx.enum_classes:
                return CONST
        if receiver_node is None and name in self.ctx.class_bases:
            # an object of a class defined here, with the attributes its constructor sets from these arguments
            built = self._run_method(name, "__init__", state={}, node=node, args=args, kwargs=kwargs)
            attrs = built[1] if built is not None else {}
            return Val(unknown=True, marker=f"obj:{name}", keyed=tuple(attrs.items()) or None)
        if not owner and isinstance(receiver_node, ast.Name) and receiver_node.id in self.ctx.class_bases:
            owner = receiver_node.id if receiver_node.id not in env else ""
        if owner and method:
            summary = self.ctx.summary(method, owner, True)
            if summary is not None:
                return self._apply(
                    summary, f"{owner}.{method}", node, args, kwargs, offset=int(summary.is_method), env=env
                )
        if method in cat.ACCESSORS:
            return merge([receiver, *args[1:]])
        if method == "joinpath" and receiver_node is not None and merge(args).tainted:
            return _joined(merge([receiver, *args]), receiver)
        if (receiver.sources and receiver_node is not None) or method in cat.STRING_METHODS:
            return merge([receiver, *args])
        if method and receiver_node is not None and method not in cat.NAME_RESOLVED_SKIP:
            candidates = self.ctx.methods_named(method)
            if candidates:
                results = [self._apply(s, name or method, node, args, kwargs, offset=1) for s in candidates]
                return merge(results)
        if qual in _PATH_JOINS and len(args) > 1 and merge(args[1:]).tainted:
            return _joined(merge([*args, *kwargs.values()]), args[0])  # a non-constant part under a root
        if qual in cat.PROPAGATING_CALLS or qual.rsplit(".", 1)[-1] in cat.PROPAGATING_LAST_NAMES:
            return merge([*args, *kwargs.values()])
        if any(a.rand for a in (*args, *kwargs.values())):
            return Val(unknown=True, rand=True, lines=merge(args).lines)  # a function of a guessable value
        if args and args[0].items and _vcs_argv(args[0].items):
            # ``self.run(["clone", "-q", url, path])``: a wrapper that puts the program in front
            self._argv((UNKNOWN, *args[0].items), node, method or name or "a wrapper")
        elif args and args[0].items and _tool_argv(args[0].items) and qual not in cat.SUBPROCESS:
            # ``execute_cmd(["git", "clone", url, path])``: a helper of the project running a command line
            self._argv(args[0].items, node, method or name or "a wrapper")
        elif (
            args
            and _command_helper((method or name).rsplit(".", 1)[-1])
            and qual not in cat.SHELL_FUNCTIONS
            and qual not in cat.SUBPROCESS
            and _command_text(args[0])
        ):
            # ``self.run_command("git log " + args)``: a command line assembled here and handed to a
            # helper named as one that runs it; whether it reaches a shell is not known (low)
            exposed = args[0].exposed("shell")
            if exposed.tainted and not exposed.sources:
                end = node.end_lineno or node.lineno
                what = f"{method or name}() command line"
                self.hits.append(Hit("shell", what, node.lineno, end, args[0], level="low"))
        if not method or receiver_node is None or name.split(".")[0] in self.ctx.imports:
            bound = cat.bound_form(last, [*args, *kwargs.values()])
            if bound is not None:
                return bound
        return UNKNOWN

    def _run_method(
        self,
        owner: str,
        method: str,
        *,
        state: dict[str, Val],
        node: ast.Call,
        args: list[Val],
        kwargs: dict[str, Val],
    ) -> tuple[Val, dict[str, Val]] | None:
        """``owner.method`` of this file interpreted for one object (its fields ``state``) with these
        arguments: what it returns and the fields it leaves. None when it cannot be (no such method
        here, nesting or step bound): the caller falls back to the method's summary."""
        fn = self.ctx.functions.get(f"{owner}.{method}")
        if fn is None or self.object_depth >= 3 or self.steps_left < 50:
            return None
        inner = FunctionAnalyzer(self.ctx, owner, min(self.steps_left, 4_000))
        inner.object_depth = self.object_depth + 1
        try:
            summary = inner.run_function(fn, outer=state)
        except (Budget, RecursionError):
            return None
        finally:
            self.steps_left -= min(self.steps_left, 4_000) - max(inner.steps_left, 0)
        offset = 1 if summary.params[:1] in {("self",), ("cls",)} else 0
        by_index: dict[int, Val] = {i + offset: a for i, a in enumerate(args)}
        for key, value in kwargs.items():
            if key in summary.params:
                by_index[summary.params.index(key)] = value
        # the arguments reach the method's sinks as they would through its summary
        self._judge_passed(summary, by_index, node, f"{owner}.{method}")
        attrs: dict[str, Val] = {}
        for key, value in inner.final_env.items():
            attr = key[5:]
            if key.startswith("self.") and attr.isidentifier():
                attrs[attr] = substitute(value, by_index, node.lineno)
        return substitute(summary.ret, by_index, node.lineno), attrs

    def _object_changed(self, env: dict[str, Val], key: str, fields: dict[str, Val] | None = None) -> None:
        """The object of a class defined here held by ``key`` (or one of its fields, ``h.items``) now
        has the ``fields`` given, or (None) fields this analysis does not know: it was passed to a call
        or aliased, a method not followed ran on it, or something was stored inside one of its fields.
        Its methods then resolve to their summaries, as for an object of unknown construction."""
        root = key
        while root:
            held = env.get(root)
            if held is not None and held.marker.startswith("obj:") and held.keyed is not None:
                keyed = (tuple(fields.items()) or None) if fields is not None and root == key else None
                env[root] = Val(unknown=True, marker=held.marker, keyed=keyed, lines=held.lines)
                return
            root = root.rpartition(".")[0]

    def _resolve(self, name: str, node: ast.Call) -> Summary | None:
        if name.startswith(("self.", "cls.")):
            return self.ctx.summary(name.split(".", 1)[1], self.class_name, True)
        return self.ctx.summary(name, None, False)

    def _apply(
        self,
        summary: Summary,
        name: str,
        node: ast.Call,
        args: list[Val],
        kwargs: dict[str, Val],
        *,
        offset: int | None = None,
        env: dict[str, Val] | None = None,
    ) -> Val:
        if offset is None:
            offset = 1 if summary.is_method and (name.startswith(("self.", "cls.")) or "." in name) else 0
        by_index: dict[int, Val] = {i + offset: a for i, a in enumerate(args)}
        for key, value in kwargs.items():
            if key in summary.params:
                by_index[summary.params.index(key)] = value
        self._judge_passed(summary, by_index, node, name)
        if summary.validates and env is not None:
            # ``check_path(p)`` raises unless p is inside the root: p is checked from here on
            proven: Checked = {}
            for index, bits in summary.validates.items():
                arg = self._argument(node, index - offset, summary.params[index])
                for found in self._with_origins(self._names_in(arg)) if arg is not None else ():
                    proven[found] = proven.get(found, 0) | bits
            self._prove(env, proven, node.lineno)
        return substitute(summary.ret, by_index, node.lineno)

    def _judge_passed(self, summary: Summary, by_index: dict[int, Val], node: ast.Call, name: str) -> None:
        """The arguments of a call judged at the sinks the callee passes its parameters to."""
        for index, (kind, what) in summary.sinks.items():
            passed = by_index.get(index)
            if passed is not None:
                self._judge(cat.Sink(kind, (index,), (), what), passed.at(node.lineno), node, via=name)

    def _check_sinks(
        self,
        node: ast.Call,
        *,
        qual: str,
        method: str,
        receiver: Val,
        args: list[Val],
        kwargs: dict[str, Val],
        spread: list[Val],
    ) -> None:
        sinks: list[cat.Sink] = []
        receiver_name = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else ""
        # a vendored library imported relatively (``from .bottle import redirect``) keeps its name
        tail = ".".join(qual.split(".")[-2:])
        for table in cat.SINK_TABLES:
            found = table.get(qual) or (table.get(tail) if "." in tail else None)
            if found is not None:
                sinks.append(found)
        first = args[0] if args else kwargs.get("sql") or kwargs.get("query") or kwargs.get("statement")
        looks_sql = first is not None and bool(cat.SQL_TEXT.match(first.text or first.lead))
        if method in cat.SQL_METHODS and first is not None and (cat.sql_receiver(receiver_name) or looks_sql):
            sinks.append(cat.Sink("sql", (0,), ("sql", "query", "statement", "operation"), f"{method}()"))
        elif (
            first is not None
            and looks_sql
            and first.built
            and cat.SQL_CALL_WORDS.search(callee := method or tail)
        ):
            sinks.append(
                cat.Sink("sql", (0,), ("sql", "query", "statement"), f"{callee.rsplit('.', 1)[-1]}()")
            )
        if (method == "raw" and "objects" in receiver_name) or (
            method == "extra" and "objects" in receiver_name
        ):
            sinks.append(cat.Sink("sql", (0,), ("where", "select", "tables", "raw_query"), f"{method}()"))
        # an environment known to be sandboxed (built here as a SandboxedEnvironment) is jinja2's own
        # answer to templates from users: what it compiles is not code injection
        if method == "from_string" and receiver.marker != misuse.SANDBOX_MARKER:
            sandboxed = misuse.sandbox_in_module(self.ctx)
            plain = misuse.template_compile(qual, method, receiver, receiver_name, sandboxed)
            what = misuse.UNSANDBOXED_FROM_STRING if plain else "template from_string()"
            sinks.append(cat.Sink("code", (0,), ("source",), what))
        self._misuse(node, qual=qual, method=method, receiver=receiver, args=args, kwargs=kwargs)
        self._inflated(node, qual=qual, method=method, receiver=receiver, args=args, kwargs=kwargs)
        if qual in cat.SUBPROCESS:
            shell = next((k.value for k in node.keywords if k.arg == "shell"), None)
            no_shell = isinstance(shell, ast.Constant) and not shell.value
            # a wrapper handing its own ``shell=False`` parameter on unchanged runs a shell only for a
            # caller that asks for one: what that caller passes is judged there
            caller_off = self._off_by_default - self._rebound
            if isinstance(shell, ast.Name) and shell.id in caller_off:
                no_shell = True
                self.judged.append(("shell", node.lineno))  # decided: bandit's shell=True stays quiet
            string_command = bool(args) and (args[0].text or args[0].built) and args[0].marker != "sequence"
            if shell is not None and not no_shell:
                sinks.append(cat.Sink("shell", (0,), ("args",), f"{qual.rsplit('.', 1)[-1]}(shell=True)"))
            elif shell is None and string_command:
                sinks.append(cat.Sink("shell", (0,), ("args",), f"{qual.rsplit('.', 1)[-1]}()"))
            elif args and args[0].items:
                self._argv(args[0].items, node, qual.rsplit(".", 1)[-1])
        if method == "exec_command" and receiver_name:
            sinks.append(cat.Sink("shell", (0,), ("command",), "exec_command()"))
        if qual in cat.YAML_LOADS:
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
            if loader is None and len(node.args) > 1:
                loader = node.args[1]
            if loader is None or not cat.SAFE_YAML_LOADERS.search(dotted(loader)):
                sinks.append(cat.Sink("deserialize", (0,), ("stream",), f"{qual}()"))
        chained = isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call)
        if method in cat.LDAP_METHODS and (receiver_name or chained):
            index = cat.LDAP_METHODS[method]
            filt = args[index] if len(args) > index else None
            if any(k in kwargs for k in cat.LDAP_KEYWORDS) or (
                filt is not None and "(" in filt.text and "=" in filt.text
            ):
                sinks.append(cat.Sink("ldap", (index,), cat.LDAP_KEYWORDS, f"LDAP {method}()"))
        if method == "xpath" or qual in cat.XPATH_FUNCTIONS:
            sinks.append(cat.Sink("xpath", (0,), ("_path", "path"), "xpath()"))
        if method in cat.ELEMENT_FIND and args and args[0].built and cat.element_path(args[0].text):
            sinks.append(cat.Sink("xpath", (0,), ("path",), f"{method}()"))
        if method in cat.PATH_METHODS and (receiver.sources or (receiver.params and receiver.built)):
            self._judge(cat.Sink("path", (), (), f"Path.{method}()"), receiver, node)
        if (
            method in {"get", "post", "put", "patch", "delete", "head", "request"}
            and cat.SSRF_CLIENT_RECEIVER.search(receiver_name)
            and not qual.startswith(("requests.", "httpx."))
            and receiver_name.split(".")[0] not in {"request", "self"}
        ):
            sinks.append(cat.Sink("ssrf", (1 if method == "request" else 0,), ("url",), f"{method}()"))
        if qual == "shutil.unpack_archive" and args and not _safe_filter(kwargs):
            # a tar's member names are not checked (before Python 3.12's filters): zip slip
            self._judge(
                cat.Sink("archive", (), (), "shutil.unpack_archive()"),
                merge([args[0], Val(built=True, unknown=True)]),
                node,
            )
        if method == "extractall" and receiver.marker == "tarfile" and _members_chosen(node):
            self.judged.append(("archive", node.lineno))  # the members were filtered by the code
        elif (
            method in {"extractall", "extract"} and receiver.marker == "tarfile" and not _safe_filter(kwargs)
        ):
            self._judge(
                cat.Sink("archive", (), (), f"tarfile {method}()"),
                merge([receiver, Val(built=True, unknown=True)]),
                node,
            )
        if (method == "redirect" and receiver_name == "self") or (
            method in cat.REDIRECT_METHODS and receiver_name
        ):
            sinks.append(cat.Sink("redirect", (0,), ("url", "location"), f"{method}()"))
        if method in cat.COOKIE_SETTERS and receiver_name:
            self._cookie(
                node, method=method, receiver_name=receiver_name, args=args, kwargs=kwargs, spread=spread
            )
        if method in {"update", "setdefault", "__setitem__"} and self._is_session(receiver_name):
            for value in (*args, *kwargs.values()):
                self._judge(cat.Sink("trust", (), (), f"session.{method}()"), value, node)
                if value.rand:
                    self._state_hit("random", "the session", value, node, "medium")
        header = method in {"add", "set", "add_header", "setdefault"} and receiver_name.endswith("headers")
        if header and len(args) > 1 and args[1].rand:
            self._state_hit("random", "a response header", args[1], node, "medium")
        for keyword, passed in kwargs.items():
            if passed.rand and cat.SECRET_NAME.search(keyword):
                self._state_hit("random", f"`{keyword}=`", passed, node, "medium")
        if qual in {"flask.url_for", "url_for"} and any(v.rand for v in kwargs.values()):
            self._state_hit("random", "a link", merge(list(kwargs.values())), node, "medium")
        if qual in cat.HTML_RESPONSES and args and args[0].rand and not args[0].sources and self.handler:
            self._state_hit("random", "the response body", args[0], node, "low")
        self._xml(
            node,
            qual=qual,
            method=method,
            receiver=receiver,
            receiver_name=receiver_name,
            args=args,
            kwargs=kwargs,
        )
        if method == "set_data" and receiver_name:
            sinks.append(cat.Sink("html", (0,), ("value",), "set_data()"))
        header_setter = method in {"add", "set", "add_header"} and receiver_name.endswith("headers")
        if header_setter and len(args) > 1 and _is_location(args[0]):
            self._judge(cat.Sink("redirect", (), (), "the Location header"), args[1], node)
        writes_header = (method in cat.HEADER_METHODS and bool(receiver_name)) or (
            method in cat.HEADER_MAP_METHODS and cat.response_headers(receiver_name)
        )
        if writes_header and len(args) > 1 and not _is_location(args[0]):  # a Location is a redirect
            for value in (args[1], *kwargs.values()):
                self._judge_header(f"{method}()", value, node)
        if (method or qual.rsplit(".", 1)[-1]) == "start_response" and len(args) > 1:
            self._judge_header("start_response() headers", args[1], node)
        if qual in cat.HTML_RESPONSES or qual in cat.REDIRECT_FUNCTIONS:
            headers = kwargs.get("headers") or (args[2] if len(args) > 2 else None)
            for key, value in (headers.keyed or ()) if headers is not None else ():
                if isinstance(key, str) and key.lower() == "location":
                    self._judge(cat.Sink("redirect", (), (), "the Location header"), value, node)
            kind = kwargs.get("mimetype") or kwargs.get("content_type")
            if kind is not None and kind.lit_known and "html" not in str(kind.lit):
                sinks = [s for s in sinks if s.kind != "html"]
        if qual == "Response" and receiver_name == "":
            # a bare Response (Flask's or werkzeug's, imported out of view) declared to be HTML
            kind = kwargs.get("mimetype") or kwargs.get("content_type")
            if kind is not None and kind.lit_known and "html" in str(kind.lit):
                sinks.append(cat.Sink("html", (0,), ("response",), "Response(mimetype='text/html')"))
        if method == "write" and receiver_name == "self" and self._in_request_handler():
            sinks.append(cat.Sink("html", (0,), (), "RequestHandler.write()"))
        if (qual in cat.DYNAMIC_LOOKUPS or (qual == "getattr" and len(args) > 1)) and args:
            self._dynamic_lookup(qual, args[1] if qual == "getattr" else args[0], node)
        if qual in cat.EXEC_ARGV:
            start = cat.EXEC_ARGV[qual]
            as_list = qual.startswith(("os.execv", "os.spawnv")) and len(args) > start
            argv = args[start].items if as_list else None
            argv = argv if argv is not None else tuple(args[start:])
            if len(argv) > 1:
                self._argv(argv, node, qual)
        for sink in sinks:
            values = [args[i] for i in sink.args if i < len(args)] + [
                kwargs[k] for k in sink.keywords if k in kwargs
            ]
            for value in values:
                self._judge(sink, value, node)

    def _in_request_handler(self) -> bool:
        """Whether this method belongs to a Tornado request handler (a base named ``*RequestHandler``)."""
        bases = getattr(self.ctx, "class_bases", {}).get(self.class_name or "", [])
        return any(str(b).endswith("RequestHandler") for b in bases)

    def _dynamic_lookup(self, qual: str, name: Val, node: ast.Call) -> None:
        """A module imported, or an attribute looked up, by a name that request data chose (CWE-470):
        the requester picks which code runs. Only a request source counts (a parameter is how plugin
        loaders work); an allow-list check or a table lookup first clears it."""
        chosen = name.exposed("code")
        if chosen.sources and chosen.marker != "sequence":
            if qual == "getattr":
                self._state_hit("code", "getattr() with a name from the request", chosen, node, "medium")
            else:
                self._state_hit("code", f"{qual}() of request data", chosen, node, "high")

    def _argv(self, argv: tuple[Val, ...], node: ast.Call, what: str) -> None:
        """An argument list run without a shell: ``sh -c TEXT``, a program chosen by attacker data,
        and values that can start with ``-`` placed where the program parses options (CWE-88)."""
        program = argv[0]
        name = program.lit.rsplit("/", 1)[-1] if program.lit_known and isinstance(program.lit, str) else ""
        flag = argv[1].lit if len(argv) > 1 and argv[1].lit_known else None
        if name in cat.SHELLS and flag in cat.SHELL_COMMAND_FLAGS and len(argv) > 2:
            self._judge(cat.Sink("shell", (), (), f"{what}() running {name} {flag}"), argv[2], node)
            return
        if program.sources:
            self._judge(cat.Sink("shell", (), (), f"{what}() program"), program, node)
            return
        subcommand = flag if isinstance(flag, str) else ""
        sourced_only = name in cat.OPTION_PARSING_TOOLS_WITH_SOURCE
        if (
            name not in cat.OPTION_PARSING_TOOLS
            and not sourced_only
            and not (not program.lit_known and subcommand in cat.VCS_SUBCOMMANDS)
        ):
            return
        previous: Val | None = None
        for item in argv[1:]:
            if item.lit_known and item.lit == "--":
                return
            takes_value = (
                previous is not None
                and previous.lit_known
                and isinstance(previous.lit, str)
                and previous.lit.startswith("-")
                and "=" not in previous.lit
                and previous.lit not in cat.FLAG_OPTIONS
            )
            if (item.sources if sourced_only else item.tainted) and not item.lead and not takes_value:
                sink = cat.Sink("argument", (), (), f"{what}() running {name or subcommand}")
                self._judge(sink, item, node)
            previous = item

    def _judge_header(self, what: str, value: Val, node: ast.expr) -> None:
        """A header sink: judged for visitors' data, not for the operator's environment or argv."""
        if value.sources and value.sources <= cat.LOCAL_SOURCES:
            return
        self._judge(cat.Sink("header", (), (), what), value, node)

    def _judge(self, sink: cat.Sink, value: Val, node: ast.expr, via: str = "") -> None:
        """Decide whether ``value`` arriving at ``sink`` is a hit, a summary entry, or safe."""
        kind = sink.kind
        safe_start = (
            (kind == "ssrf" and cat.fixed_host(value.lead))
            or (kind == "redirect" and cat.local_redirect(value.lead))
            or (kind == "header" and value.marker == cat.CRLF_MARKER)
        )
        if value.rand and kind == "redirect":
            self._state_hit("random", "a redirect", value, node, "medium")
        value = value.exposed(kind)  # the parts validated or escaped for this kind are safe here
        if safe_start or not value.tainted:
            self.judged.append((kind, node.lineno))  # decided: constant, escaped, fixed host or path
        if safe_start:
            return
        if kind == "code" and value.sources and "template" in sink.what.lower():
            # request data compiled as a template is also markup the page renders unescaped
            self.hits.append(Hit("html", sink.what, node.lineno, node.end_lineno or node.lineno, value, via))
        if (
            kind == "code"
            and via
            and sink.what in misuse.UNSANDBOXED
            and misuse.template_level(value) == "low"
        ):
            # a helper compiles what this call passes outside a sandbox: text of unknown origin (a
            # stored value, a secret, a file) becomes a template
            self._state_hit("template", f"{sink.what} in `{via}()`", value, node, "low")
        hits = len(self.hits)
        declared_safe = sink.what in cat.ANY_NONCONSTANT
        if kind == "html" and not value.sources and "<" not in value.text and not declared_safe:
            return
        for index in value.params:
            if index not in self.sinks:
                self.sinks[index] = (kind, sink.what)
        if (
            value.sources
            or (
                value.built
                and (value.unknown or value.params)
                and kind in cat.CONSTRUCTION_KINDS | {"archive"}
            )
            or ((kind in {"deserialize", "argument"} or declared_safe) and (value.unknown or value.params))
        ):
            self.hits.append(Hit(kind, sink.what, node.lineno, node.end_lineno or node.lineno, value, via))
        elif kind == "path" and not via and self._chosen_file(value):
            # a file name the caller chooses, joined under a root: nothing keeps it inside
            end = node.end_lineno or node.lineno
            self.hits.append(Hit(kind, sink.what, node.lineno, end, value, via, level="medium"))
        elif (
            kind == "shell"
            and not via
            and sink.what in cat.WHOLE_COMMAND_SINKS | {f"{n}(shell=True)" for n in cat.SUBPROCESS_NAMES}
            and (value.unknown or value.params)
            and value.marker != "sequence"
        ):
            # a command line handed over whole: whoever calls this chooses what the shell runs
            end = node.end_lineno or node.lineno
            self.hits.append(Hit(kind, sink.what, node.lineno, end, value, via, whole=True))
        if len(self.hits) > hits and value.tainted:
            self.judged.append((kind, node.lineno))
        # a non-constant value that is neither a flaw here nor proven safe is left undecided (not
        # judged): another engine's result of the class on that line may then stand alone

    def _chosen_file(self, value: Val) -> bool:
        """A path assembled (under a root, with other text) from a parameter named as a file name,
        relative path or key, outside tests: the caller chooses a file the code then opens, writes,
        serves or removes (CWE-22 without a visible source). A parameter passed on whole is its
        caller's to check, and is judged there through this function's summary."""
        if not value.params or value.sources:
            return False
        if not value.built or not (value.lead or value.unknown or len(value.params) > 1):
            return False  # the parameter is the whole path, or its start (``path + ".bak"``)
        if cat.TEST_FILE.search(str(getattr(self.ctx, "path", ""))):
            return False
        names = [self.params[i] for i in value.params if i < len(self.params)]
        return any(cat.FILE_PARAM.search(n) for n in names)

    # ------------------------------------------------------- templates, secrets compared, temp files
    def _misuse(
        self,
        node: ast.Call,
        *,
        qual: str,
        method: str,
        receiver: Val,
        args: list[Val],
        kwargs: dict[str, Val],
    ) -> None:
        """Template source compiled outside a sandbox, and a predictable path in a shared temporary
        directory created or written (``misuse``)."""
        # only from_string() asks whether the module names a sandbox (a walk of the module, cached)
        sandboxed = method == "from_string" and misuse.sandbox_in_module(self.ctx)
        held_by = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else ""
        what = misuse.template_compile(qual, method, receiver, held_by, sandboxed)
        source_text = (args[0] if args else None) or kwargs.get("source") or kwargs.get("text")
        if what and source_text is not None:
            level = misuse.template_level(source_text)
            if level:
                self._state_hit("template", what, source_text, node, level)
            elif not source_text.tainted:
                self.judged.append(("template", node.lineno))
                self._safe_filtered(node, what, source_text, kwargs)
        position = misuse.TEMP_WRITERS.get(qual)
        if position is not None and len(node.args) > position and len(args) > position:
            path, path_node = args[position], node.args[position]
            mode = (args[1] if len(args) > 1 else kwargs.get("mode")) if position == 0 else None
            if mode is None and qual.endswith("open"):
                return  # opened for reading
            self._temp_path(node, qual, path, path_node, mode)
        elif method in misuse.TEMP_WRITE_METHODS and isinstance(node.func, ast.Attribute):
            self._temp_path(node, f"Path.{method}", receiver, node.func.value, None)

    def _inflated(
        self,
        node: ast.Call,
        *,
        qual: str,
        method: str,
        receiver: Val,
        args: list[Val],
        kwargs: dict[str, Val],
    ) -> None:
        """Compressed data inflated with no bound on the output (``limits``): a one-shot call, a
        decompressor's ``decompress()`` without ``max_length``, a compressed file read whole."""
        if method == "read" and receiver.marker == limits.COMPRESSED_FILE:
            if limits.whole_read(node):
                level = "medium" if receiver.sources else "low"
                what = f"a compressed file read whole with `{dotted(node.func)}()`"
                self._state_hit("decompress", what, receiver, node, level)
            return
        one_shot = qual in limits.ONE_SHOT
        if not one_shot and not (method == "decompress" and receiver.marker == limits.DECOMPRESSOR):
            return
        data = limits.data_argument(node)
        if data is None or limits.bounded_call(node):
            return
        value = (
            args[0]
            if node.args and args
            else next((v for k, v in kwargs.items() if k in limits.DATA_KEYWORDS), None)
        )
        if value is None or not value.tainted:
            return
        if limits.input_names(data) & self._sized:
            return  # ``if len(data) > MAX: raise`` came first
        level = "medium" if value.sources else "low"
        what = (
            f"data passed to `{qual}()`"
            if one_shot
            else f"data passed to `{dotted(node.func)}()` without `max_length`"
        )
        self._state_hit("decompress", what, value, node, level)

    def _temp_path(self, node: ast.Call, what: str, path: Val, path_node: ast.expr, mode: Val | None) -> None:
        if not misuse.shared_tmp_path(path) or not misuse.writes_file(what, node, mode):
            return
        if misuse.predictable_tmp(path_node, getattr(self.ctx, "path", ""), self._unique):
            level = "medium" if not path.sources else "high"
            self._state_hit("tempfile", f"{what}() on a predictable shared path", path, node, level)

    def _secret_compared(self, node: ast.Compare, left: Val, right: Val) -> None:
        """A secret compared with ``==``/``!=``/``in`` against another non-constant value (CWE-208)."""
        imports = self.ctx.imports
        sides = [
            misuse.Operand(n, v, misuse.operand_name(n), misuse.mac_call(n, imports, self._macs))
            for n, v in ((node.left, left), (node.comparators[0], right))
        ]
        crypto = any(misuse.CRYPTO_MODULES.match(q) for q in imports.values())
        level, what = misuse.timing_level(
            node.ops[0], sides[0], sides[1], crypto_module=crypto, function=self.fn_name
        )
        if level:
            value = merge([left, right])
            self._state_hit(
                "timing", f"{what} compared with `{_OP_TEXT[type(node.ops[0])]}`", value, node, level
            )

    # ------------------------------------------------------------------ client state, digests, XML
    def _safe_filtered(self, node: ast.Call, what: str, template: Val, kwargs: dict[str, Val]) -> None:
        """A constant template rendered in the same call (``render_template_string``) that marks a
        value ``|safe`` while that value is not constant and not escaped for HTML: XSS."""
        if not (template.lit_known and isinstance(template.lit, str) and "render" in what):
            return
        for name in sorted(misuse.safe_filtered(template.lit)):
            value = kwargs.get(name)
            if value is None or not value.exposed("html").tainted:
                continue
            level = "high" if value.exposed("html").sources else "medium"
            self._state_hit("html", f"`{name}|safe` in {what}", value.exposed("html"), node, level)

    def _state_hit(self, kind: str, what: str, value: Val, node: ast.AST, level: str) -> None:
        line = getattr(node, "lineno", 1)
        self.judged.append((kind, line))
        end = getattr(node, "end_lineno", None) or line
        self.hits.append(Hit(kind, what, line, end, value, level=level))

    def _is_session(self, name: str) -> bool:
        """Whether ``name`` is the framework's session (Flask's ``session``, Django's ``request.session``)."""
        if not name:
            return False
        if self._qualify(name) in cat.SESSION_OBJECTS:
            return True
        owner, _, last = name.rpartition(".")
        return last == "session" and owner in cat.REQUEST_NAMES

    def _generated(
        self,
        node: ast.Call,
        *,
        qual: str,
        method: str,
        receiver: Val,
        args: list[Val],
        kwargs: dict[str, Val],
        env: dict[str, Val],
    ) -> Val | None:
        """Values from a predictable generator, and digests (a broken algorithm given non-constant data
        is judged here); None for any other call."""
        module, _, fn = qual.rpartition(".")
        if (module in cat.RANDOM_MODULES and fn in cat.RANDOM_FUNCTIONS) or (
            receiver.marker == "random-generator" and method in cat.RANDOM_FUNCTIONS
        ):
            self.judged.append(("random", node.lineno))  # decided where the value goes
            return predictable(node.lineno)
        if qual in cat.RANDOM_GENERATORS:
            return Val(unknown=True, marker="random-generator")
        if qual in cat.LXML_PARSERS:
            unsafe = _entity_resolving(node, qual, args, kwargs)
            # without resolve_entities, lxml before 5.0 resolves them: the default
            safe = "xml-default" if "resolve_entities" not in kwargs else "xml-parser"
            return Val(unknown=True, marker=f"xml-unsafe@{node.lineno}" if unsafe else safe)
        if method == "setFeature" and isinstance(node.func, ast.Attribute) and dotted(node.func.value):
            if _entity_resolving(node, qual, args, kwargs):
                env[dotted(node.func.value)] = Val(unknown=True, marker=f"xml-unsafe@{node.lineno}")
            return CONST
        if receiver.marker.startswith("hash:"):
            if method == "update" and args:
                key = dotted(node.func.value) if isinstance(node.func, ast.Attribute) else ""
                if receiver.marker != "hash:":
                    self._weak_hash(receiver.marker[5:], args[0], node, key)
                if key and args[0].rand:
                    env[key] = Val(marker=receiver.marker, rand=True, lines=args[0].lines)
                return CONST
            if method in {"hexdigest", "digest", "copy"}:
                return only_predictable(receiver) if method != "copy" else receiver
            return None
        if fn == "new" and cat.WEAK_DIGEST_MODULES.match(module):
            data = args[0] if args else kwargs.get("data")
            alg = module.rsplit(".", 1)[-1].lower()
            if data is not None:
                self._weak_hash(alg, data, node)
            return Val(marker=f"hash:{alg}", rand=data is not None and data.rand)
        if module == "hashlib" or qual in {"hmac.new", "hmac.HMAC"}:
            return self._digest(node, qual, fn, args, kwargs)
        return None

    def _digest(
        self, node: ast.Call, qual: str, fn: str, args: list[Val], kwargs: dict[str, Val]
    ) -> Val | None:
        safe_use = kwargs.get("usedforsecurity")
        quiet = safe_use is not None and safe_use.lit_known and not safe_use.lit
        if qual in {"hmac.new", "hmac.HMAC"}:
            mod = (
                node.args[2]
                if len(node.args) > 2
                else next((k.value for k in node.keywords if k.arg == "digestmod"), None)
            )
            alg = ""
            if mod is not None:
                alg = str(mod.value) if isinstance(mod, ast.Constant) else dotted(mod).rsplit(".", 1)[-1]
            data = args[1] if len(args) > 1 else kwargs.get("msg")
            if alg.lower() in cat.WEAK_DIGESTS and data is not None:
                self._weak_hash(alg.lower(), data, node)
            return only_predictable(data) if data is not None else CONST
        if fn == "new":
            name = args[0] if args else kwargs.get("name")
            alg = str(name.lit).lower() if name is not None and name.lit_known else ""
            data = args[1] if len(args) > 1 else kwargs.get("data") or kwargs.get("string")
        elif fn.lower() in cat.WEAK_DIGESTS or fn.startswith(("sha", "blake", "md5", "sha3")):
            alg = fn.lower()
            data = args[0] if args else kwargs.get("data") or kwargs.get("string")
        else:
            return None  # pbkdf2_hmac, scrypt, file_digest...: not modelled here
        weak = alg in cat.WEAK_DIGESTS and not quiet
        if weak and data is not None:
            self._weak_hash(alg, data, node)
        rand = data is not None and data.rand
        return Val(marker=f"hash:{alg if weak else ''}", rand=rand, lines=data.lines if data and rand else ())

    def _weak_hash(self, alg: str, data: Val, node: ast.Call, name: str = "") -> None:
        """MD5/SHA-1 given ``data``: a finding when the data is not a constant and the digest is not
        named as a checksum, ETag or cache key (high when request data is hashed)."""
        self.judged.append(("hash", node.lineno))
        if not data.tainted and not data.rand:
            return
        if self._hash_factory:
            return  # a stand-in for the hashlib constructor: judged where it is used (an HMAC's digestmod)
        if any(cat.CHECKSUM_NAME.search(n) for n in (self.fn_name, self._target, name)):
            return
        named = " ".join(self._names_in(node)) + " " + name
        secret = any(cat.SECRET_NAME.search(n) for n in (named, self.fn_name, self._target))
        level = "high" if data.sources else "medium" if secret else "low"
        self._state_hit("hash", f"{alg.upper()} digest", data, node, level)

    def _cookie(
        self,
        node: ast.Call,
        *,
        method: str,
        receiver_name: str,
        args: list[Val],
        kwargs: dict[str, Val],
        spread: list[Val],
    ) -> None:
        """A cookie set without Secure or HttpOnly (flags folded like any constant; a flag whose value
        is not a constant counts as set: configuration decides it)."""
        for options in spread:
            if options.keyed is None or not all(isinstance(key, str) for key, _ in options.keyed):
                return  # ``**options`` of a shape not known here: the flags are not visible
            kwargs = {**{str(key): value for key, value in options.keyed}, **kwargs}
        name = args[0] if args else kwargs.get("key") or kwargs.get("name") or CONST
        preference = (
            name.lit_known and isinstance(name.lit, str) and bool(cat.PREFERENCE_COOKIE.search(name.lit))
        )
        value = args[1] if len(args) > 1 else kwargs.get("value") or CONST
        self.judged.append(("cookie", node.lineno))
        if value.rand:
            self._state_hit("random", f"{method}()", value, node, "medium")
        positional = receiver_name.split(".", 1)[0] not in {"self", "handler"}
        flags = []
        for flag, position in zip(("secure", "httponly"), cat.COOKIE_SETTERS[method], strict=True):
            given = kwargs.get(flag)
            if given is None and positional and len(args) > position:
                given = args[position]
            if given is None or (given.lit_known and not given.lit):
                flags.append(flag)
        if not flags:
            return
        level = "high" if value.sources else "medium" if "secure" in flags and not preference else "low"
        missing = " and ".join(f"`{f}`" for f in flags)
        self._state_hit("cookie", f"{method}() without {missing}", value, node, level)

    def _xml(
        self,
        node: ast.Call,
        *,
        qual: str,
        method: str,
        receiver: Val,
        receiver_name: str,
        args: list[Val],
        kwargs: dict[str, Val],
    ) -> None:
        """XML parsers that resolve external entities, and documents parsed with them or with parsers
        that expand entities (the standard library's), from request data (defusedxml is the safe form)."""
        if qual in cat.LXML_PARSERS or method == "setFeature":
            if _entity_resolving(node, qual, args, kwargs) and (receiver_name or method != "setFeature"):
                self._xml_parsers[node.lineno] = node
            return
        doc: Val | None = None
        parser: Val | None = None
        if qual in cat.LXML_PARSE:
            doc = args[0] if args else kwargs.get("text") or kwargs.get("source")
            parser = args[1] if len(args) > 1 else kwargs.get("parser")
        elif method in {"parse", "feed", "parseString"} and receiver.marker.startswith("xml-unsafe@"):
            doc, parser = (args[0] if args else None), receiver
        elif qual in cat.STDLIB_XML_PARSE:
            doc = args[0] if args else kwargs.get("source") or kwargs.get("string")
            parser = kwargs.get("parser")
            if parser is None and qual.startswith("xml.dom.") and len(args) > 1:
                parser = args[1]
        if doc is None:
            return
        own_parser = qual in cat.STDLIB_XML_PARSE and parser is not None
        if not doc.tainted or (own_parser and doc.sources):
            self.judged.append(("xxe", node.lineno))  # a constant document, or the caller's parser: decided
        unsafe = parser is not None and parser.marker.startswith("xml-unsafe@")
        made = parser.marker.partition("@")[2] if unsafe and parser is not None else ""
        if made.isdigit():
            self._xml_parsers.pop(int(made), None)
        lxml_default = qual in cat.LXML_PARSE and (parser is None or parser.marker == "xml-default")
        # the standard library's parsers with a parser of the caller's (features left off) are its choice
        if doc.sources and (unsafe or (qual not in cat.LXML_PARSE and not own_parser)):
            why = "a parser that resolves external entities" if unsafe else "a parser that expands entities"
            self._state_hit("xxe", f"{qual or method}() with {why}", doc, node, "high")
        elif unsafe and doc.tainted:
            self._state_hit("xxe", f"{qual or method}() with an entity-resolving parser", doc, node, "medium")
        elif lxml_default and doc.tainted:
            # lxml before 5.0 resolves entities unless the parser says otherwise
            level = "medium" if doc.sources else "low"
            self._state_hit("xxe", f"{qual}() with lxml's default parser", doc, node, level)

    def _unused_parsers(self) -> None:
        """Entity-resolving parsers built here and handed elsewhere (stored, returned, set as default)."""
        for _, node in sorted(self._xml_parsers.items()):
            self._state_hit("xxe", "an XML parser that resolves external entities", UNKNOWN, node, "medium")
        self._xml_parsers.clear()

    def _hit(self, sink: cat.Sink, value: Val, node: ast.stmt) -> None:
        self.hits.append(Hit(sink.kind, sink.what, node.lineno, node.end_lineno or node.lineno, value))


_NUMERIC_TYPES = {
    "int", "float", "bool", "complex", "Decimal", "decimal.Decimal", "numbers.Number", "numbers.Integral",
    "numbers.Real", "Number", "Integral", "Real",
}  # fmt: skip


def _numeric_types(node: ast.expr) -> bool:
    """Whether an ``isinstance`` class argument names number types only (``int``, ``(int, float)``)."""
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and all(_numeric_types(e) for e in node.elts)
    return dotted(node) in _NUMERIC_TYPES


_COMMON = ("commonpath", "commonprefix")
_PATH_JOINS = {"os.path.join", "posixpath.join", "ntpath.join"}


def _joined(value: Val, root: Val | None = None) -> Val:
    """A path assembled from a root and a non-constant part (``os.path.join``, ``/``, ``joinpath``).
    A constant ``root`` first (``os.path.join(BASE, name)``) is kept as its lead: the non-constant part
    is placed under a directory, not the whole path or its start."""
    if not value.tainted:
        return value
    if root is not None and not root.tainted and root.text and not value.lead:
        return replace(value, built=True, lead=root.text.rstrip("/\\") + "/")
    return value if value.built else replace(value, built=True)


_CONVERSIONS = {"int", "float", "uuid.UUID", "UUID", "decimal.Decimal", "Decimal", "ipaddress.ip_address"}


def _converted(body: list[ast.stmt], normalised: Callable[[ast.expr], bool]) -> Checked:
    """Names a ``try`` body converts to a number or an id (``int(x)``, ``n = int(x)``), or proves
    inside a root (``target.relative_to(root)`` on a resolved path raises otherwise): when every
    handler rejects, they hold such text after the statement."""
    out: Checked = {}
    for stmt in body:
        value = stmt.value if isinstance(stmt, ast.Expr | ast.Assign) else None
        if isinstance(value, ast.Call) and dotted(value.func) in _CONVERSIONS and len(value.args) == 1:
            name = dotted(value.args[0])
            if name:
                out[name] = ALL_KINDS
        elif (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "relative_to"
            and normalised(value.func.value)
            and dotted(value.func.value)
        ):
            out[dotted(value.func.value)] = _PATH_CHECK
    return out


_OP_TEXT = {ast.Eq: "==", ast.NotEq: "!=", ast.In: "in", ast.NotIn: "not in"}


def _constant_text(node: ast.expr) -> bool:
    """A non-empty string constant of separators, dots, quotes or other marks only (``".." in name``,
    ``"/" in name``, ``"'" in q``): refusing those checks the value's shape. A word (``"admin" in
    name``) does not; a tuple of constants is not read here."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(node.value) and not any(c.isalnum() for c in node.value)
    return False


def _safe_filter(kwargs: dict[str, Val]) -> bool:
    """Whether an extraction is given a filter that refuses members outside the destination: Python
    3.12's ``"data"``/``"tar"`` (or their functions, or one of the code's own), not ``"fully_trusted"``
    nor ``None``."""
    given = kwargs.get("filter")
    if given is None:
        return False
    if given.lit_known:
        return given.lit in {"data", "tar"}
    return True


def _members_chosen(node: ast.Call) -> bool:
    """Whether ``extractall`` is given members the code chose: a call of its own (a filtering
    generator) or a comprehension with a condition, not the archive's whole member list."""
    members = next((k.value for k in node.keywords if k.arg == "members"), None)
    if members is None and len(node.args) > 1:
        members = node.args[1]
    if isinstance(members, ast.ListComp | ast.GeneratorExp):
        return any(gen.ifs for gen in members.generators)
    if isinstance(members, ast.Call):
        name = members.func.attr if isinstance(members.func, ast.Attribute) else dotted(members.func)
        return name not in cat.ARCHIVE_MEMBER_METHODS
    return False


def _entity_resolving(node: ast.Call, qual: str, args: list[Val], kwargs: dict[str, Val]) -> bool:
    """An lxml parser built with ``resolve_entities=True`` or ``no_network=False``, or a SAX parser's
    external-entity feature switched on."""
    if qual in cat.LXML_PARSERS:
        resolve, network = kwargs.get("resolve_entities"), kwargs.get("no_network")
        return (resolve is not None and resolve.lit_known and resolve.lit is True) or (
            network is not None and network.lit_known and network.lit is False
        )
    if len(node.args) < 2 or len(args) < 2:
        return False
    feature = dotted(node.args[0]).rsplit(".", 1)[-1]
    named = feature in cat.SAX_EXTERNAL_FEATURES or (
        args[0].lit_known and args[0].lit in cat.SAX_EXTERNAL_FEATURES
    )
    return named and args[1].lit_known and bool(args[1].lit)


def _regex_flags(node: ast.expr | None) -> int:
    """The flags of a regex call that change how its pattern parses (verbose mode), when visible."""
    if node is None:
        return 0
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value & re.VERBOSE
    names = {dotted(n).rsplit(".", 1)[-1] for n in ast.walk(node) if isinstance(n, ast.Name | ast.Attribute)}
    return re.VERBOSE if names & {"VERBOSE", "X"} else 0


def _verbose_plain(pattern: str) -> str:
    """A verbose-mode pattern without its layout: unescaped whitespace and ``#`` comments outside
    character classes dropped (one pass, linear)."""
    out: list[str] = []
    i, in_class, n = 0, False, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
        elif c == "#":
            end = pattern.find("\n", i)
            i = n if end < 0 else end
            continue
        elif not c.isspace():
            out.append(c)
        i += 1
    return "".join(out)


def _escapes(first: ast.expr) -> int:
    """The sink kinds ``x.replace("<", ...)``-style escaping of a markup or quote character is for."""
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
        return 0
    if first.value in {"<", ">", "&"}:
        return KIND_BITS["html"]
    if first.value in {"'", '"'}:
        return KIND_BITS["sql"] | KIND_BITS["xpath"] | KIND_BITS["html"]
    # a backslash made harmless (escaped for SQL, or ``%5C`` so that a browser does not read it as ``/``)
    return KIND_BITS["sql"] | KIND_BITS["redirect"] if first.value == "\\" else 0


def _numeric_format(text: str) -> bool:
    """Whether every %-placeholder in ``text`` formats a number (so the result holds no text)."""
    specs = []
    i = 0
    while i < len(text):
        if text[i] == "%":
            j = i + 1
            while j < len(text) and text[j] in "0123456789.-+ #(":
                if text[j] == "(":
                    close = text.find(")", j)
                    j = close if close != -1 else j
                j += 1
            if j < len(text):
                specs.append(text[j])
            i = j + 1
        else:
            i += 1
    real = [s for s in specs if s != "%"]
    return bool(real) and all(s in "dioufeEgGxX" for s in real)


# ------------------------------------------------------------------ constants and containers
_NO = object()
"""No concrete value: the expression is not computed from constants only."""
_EMPTY_CONTAINERS = {
    "list",
    "tuple",
    "dict",
    "collections.OrderedDict",
    "OrderedDict",
    "collections.deque",
    "deque",
}
_NO_CASE = ast.match_case(pattern=ast.MatchAs(), body=[])
"""No case of a ``match`` on a constant subject is taken."""
_ARITH: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.Pow: operator.pow, ast.LShift: operator.lshift, ast.RShift: operator.rshift,
    ast.BitAnd: operator.and_, ast.BitOr: operator.or_, ast.BitXor: operator.xor,
}  # fmt: skip
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: operator.contains(b, a), ast.NotIn: lambda a, b: not operator.contains(b, a),
}  # fmt: skip
_LIT_TYPES = (int, float, str, bool, type(None), tuple)


def _small(value: object) -> bool:
    if isinstance(value, str | tuple):
        return len(value) <= LIT_CAP
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < 10**40
    return isinstance(value, _LIT_TYPES)


def _arith(op: ast.operator, left: object, right: object) -> object:
    """``left op right`` for constants, or ``_NO`` (unknown operator, error, result too large)."""
    fn = _ARITH.get(type(op))
    if fn is None or not isinstance(left, _LIT_TYPES) or not isinstance(right, _LIT_TYPES):
        return _NO
    if isinstance(op, ast.Mult) and (isinstance(left, str | tuple) or isinstance(right, str | tuple)):
        seq, times = (left, right) if isinstance(left, str | tuple) else (right, left)
        if not isinstance(times, int) or len(seq) * max(times, 0) > LIT_CAP:  # type: ignore[arg-type]
            return _NO
    if isinstance(op, ast.Pow | ast.LShift) and (not isinstance(right, int) or right > 64):
        return _NO
    try:
        out = fn(left, right)
    except Exception:  # noqa: BLE001 - an error at run time is not a constant
        return _NO
    return out if _small(out) else _NO


def _compare(left: object, ops: list[ast.cmpop], rights: list[object]) -> bool | None:
    for op, right in zip(ops, rights, strict=True):
        fn = _COMPARE.get(type(op))
        if fn is None:
            return None
        try:
            if not fn(left, right):
                return False
        except Exception:  # noqa: BLE001 - incomparable constants: not folded
            return None
        left = right
    return True


def _unary(op: ast.unaryop, value: object) -> object:
    try:
        if isinstance(op, ast.Not):
            return not value
        if isinstance(op, ast.USub) and isinstance(value, int | float):
            return -value
        if isinstance(op, ast.UAdd) and isinstance(value, int | float):
            return +value
        if isinstance(op, ast.Invert) and isinstance(value, int):
            return ~value
    except Exception:  # noqa: BLE001
        return _NO
    return _NO


def _fold_boolop(op: ast.boolop, values: list[object]) -> object:
    out = values[0]
    for value in values:
        out = value
        if isinstance(op, ast.And) and not value:
            return value
        if isinstance(op, ast.Or) and value:
            return value
    return out


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _index(key: Val, length: int) -> int | None:
    if not key.lit_known or not isinstance(key.lit, int) or isinstance(key.lit, bool):
        return None
    i = key.lit
    return i + length if -length <= i < 0 else (i if 0 <= i < length else None)


def _pick(container: Val, key: Val) -> Val | None:
    """The element a constant index or key selects, when the container's structure is known."""
    if container.items is not None:
        i = _index(key, len(container.items))
        return container.items[i] if i is not None else None
    if container.keyed is not None and key.lit_known and _hashable(key.lit):
        for k, v in container.keyed:
            if k == key.lit and type(k) is type(key.lit):
                return v
        return None
    if container.lit_known and isinstance(container.lit, str | tuple):
        i = _index(key, len(container.lit))
        return literal(container.lit[i]) if i is not None else None
    return None


def _slice(container: Val, bounds: list[Val]) -> Val:
    parts: list[Any] = [b.lit for b in bounds]
    if all(b.lit_known for b in bounds) and all(p is None or isinstance(p, int) for p in parts):
        cut = slice(*parts)
        if container.items is not None:
            return sequence(container.items[cut])
        if container.lit_known and isinstance(container.lit, str | tuple):
            return literal(container.lit[cut])
    return shapeless(container)


def _delete(old: Val, key: Val) -> Val:
    """The container ``old`` after ``del old[key]``: one element fewer when shape and key are known."""
    if old.keyed is not None and key.lit_known and _hashable(key.lit):
        return mapping((k, v) for k, v in old.keyed if not (k == key.lit and type(k) is type(key.lit)))
    if old.items is not None:
        i = _index(key, len(old.items))
        if i is not None:
            return sequence((*old.items[:i], *old.items[i + 1 :]))
    return shapeless(old)


def _store(old: Val, key: Val, value: Val) -> Val:
    """The container ``old`` after ``old[key] = value``."""
    if old.keyed is not None and key.lit_known and _hashable(key.lit):
        entries = dict(old.keyed)
        entries[key.lit] = value
        return mapping(entries.items())
    if old.items is not None:
        i = _index(key, len(old.items))
        if i is not None:
            return sequence((*old.items[:i], value, *old.items[i + 1 :]))
    return shapeless(merge([old, value]))


def _noted(value: Val, line: int) -> Val:
    """``value`` (and each element of a list of known shape) marked as passing through ``line``."""
    if value.items is None:
        return value.at(line)
    return replace(value.at(line), items=tuple(item.at(line) for item in value.items))


def _shaped_method(method: str, receiver: Val, args: list[Val], key: str, env: dict[str, Val]) -> Val | None:
    """A list or dict method on a container of known structure: its result, updating ``env[key]``.

    None when the method is not one modelled here (the caller falls back to the general rules)."""

    def keep(new: Val) -> None:
        if key:
            env[key] = new

    if receiver.items is not None:
        items = receiver.items
        if method == "append" and len(args) == 1:
            keep(sequence((*items, args[0])))
            return CONST
        if method == "extend" and len(args) == 1:
            more = args[0].items
            keep(sequence((*items, *more)) if more is not None else shapeless(merge([receiver, args[0]])))
            return CONST
        if method == "insert" and len(args) == 2 and args[0].lit_known and isinstance(args[0].lit, int):
            at = list(items)
            at.insert(args[0].lit, args[1])
            keep(sequence(at))
            return CONST
        if method == "appendleft" and len(args) == 1:
            keep(sequence((args[0], *items)))
            return CONST
        if method == "popleft" and not args and items:
            keep(sequence(items[1:]))
            return items[0]
        if method == "pop" and len(args) <= 1 and items:
            i = _index(args[0], len(items)) if args else len(items) - 1
            if i is None:
                keep(shapeless(receiver))
                return shapeless(receiver)
            keep(sequence((*items[:i], *items[i + 1 :])))
            return items[i]
        if method == "remove" and len(args) == 1 and args[0].lit_known:
            for i, item in enumerate(items):
                if not item.lit_known:
                    break  # a value not known here might be the one removed
                if item.lit == args[0].lit:
                    keep(sequence((*items[:i], *items[i + 1 :])))
                    return CONST
            keep(shapeless(receiver))
            return CONST
        if method in {"remove", "sort"}:
            keep(shapeless(receiver))
            return CONST
        if method == "reverse" and not args:
            keep(sequence(tuple(reversed(items))))
            return CONST
        if method == "clear":
            keep(sequence(()))
            return CONST
        if method == "copy":
            return receiver
        if method in {"index", "count"}:
            return CONST
        return None
    entries = dict(receiver.keyed or ())
    if receiver.marker == "config":
        lits = [a.lit for a in args[:2]] if all(a.lit_known for a in args[:2]) else None
        if method == "set" and len(args) == 3 and lits is not None:
            entries[tuple(lits)] = args[2]
            keep(mapping(entries.items(), marker="config"))
            return CONST
        if method == "get" and len(args) >= 2 and lits is not None:
            found = entries.get(tuple(lits))
            return found if found is not None else shapeless(receiver)
        if method in {"add_section", "has_section", "has_option", "sections", "options"}:
            return CONST
        return None
    constant_key = bool(args) and args[0].lit_known and _hashable(args[0].lit)
    found = entries.get(args[0].lit) if constant_key else None
    if method == "get" and constant_key and len(args) <= 2:
        if found is not None:
            return found
        return args[1] if len(args) == 2 else CONST
    if method == "setdefault" and constant_key and len(args) <= 2:
        if found is not None:
            return found
        entries[args[0].lit] = args[1] if len(args) == 2 else CONST
        keep(mapping(entries.items()))
        return entries[args[0].lit]
    if method == "pop" and constant_key and len(args) <= 2:
        entries.pop(args[0].lit, None)
        keep(mapping(entries.items()))
        if found is not None:
            return found
        return args[1] if len(args) == 2 else CONST
    if method == "update" and len(args) == 1 and args[0].keyed is not None:
        entries.update(dict(args[0].keyed))
        keep(mapping(entries.items()))
        return CONST
    if method == "copy":
        return receiver
    if method == "clear":
        keep(mapping(()))
        return CONST
    return None


_PERCENT = re.compile(r"%[-#0 +]?[0-9]{0,3}(?:\.[0-9]{1,3})?[sr]")


def _percent_pieces(fmt: Val, count: int) -> list[str] | None:
    """The constant text of a ``%`` format around its ``count`` ``%s``/``%r`` values, or None."""
    if not (fmt.lit_known and isinstance(fmt.lit, str)) or "%%" in fmt.lit:
        return None
    pieces = _PERCENT.split(fmt.lit)
    return pieces if len(pieces) == count + 1 else None


def _line_break(first: ast.expr) -> bool:
    """A constant text or pattern holding CR or LF (``x.replace("\\r", "")``, ``re.sub(r"[\\r\\n]", ..)``)."""
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str | bytes):
        return False
    text = first.value if isinstance(first.value, str) else first.value.decode("latin-1")
    return any(mark in text for mark in ("\r", "\n", "\\r", "\\n", "\\s", "\\x00-", "\x00-"))


def _email_header(key: Val) -> bool:
    return key.lit_known and isinstance(key.lit, str) and key.lit.lower() in cat.EMAIL_HEADERS


def _is_location(key: Val) -> bool:
    return key.lit_known and isinstance(key.lit, str) and key.lit.lower() == "location"


_TEXT_METHODS = {"format", "join", "strip", "lower", "upper", "replace", "decode", "title", "capitalize"}


def _text_expression(expr: ast.expr) -> bool:
    """Whether a returned expression is text itself (a name, f-string, concatenation, string method),
    not a call that builds a response or JSON."""
    if isinstance(expr, ast.Name | ast.JoinedStr | ast.BinOp | ast.Subscript | ast.Attribute | ast.IfExp):
        return True
    if isinstance(expr, ast.Call):
        func = expr.func
        if isinstance(func, ast.Attribute):
            return func.attr in _TEXT_METHODS
        return isinstance(func, ast.Name) and func.id == "str"
    return False


_LIT_BUILTINS: dict[str, Callable[..., Any]] = {
    "len": len, "str": str, "int": int, "abs": abs, "min": min, "max": max, "ord": ord, "chr": chr,
    "bool": bool, "float": float,
}  # fmt: skip
_LIT_STR_METHODS = {
    "upper", "lower", "strip", "lstrip", "rstrip", "replace", "startswith", "endswith", "find",
    "count", "index", "isdigit", "isalpha", "isalnum", "title", "capitalize", "zfill", "center",
    "ljust", "rjust", "casefold", "swapcase", "removeprefix", "removesuffix",
}  # fmt: skip


def _fold_call(
    qual: str, method: str, receiver: Val | None, args: list[Val], kwargs: dict[str, Val]
) -> object:
    """A builtin or a string method applied to constants only: its result, or ``_NO``."""
    if kwargs or not all(a.lit_known for a in args):
        return _NO
    values = [a.lit for a in args]
    if receiver is None:
        fn = _LIT_BUILTINS.get(qual)
        if fn is None or not values:
            return _NO
    elif receiver.lit_known and isinstance(receiver.lit, str) and method in _LIT_STR_METHODS:
        fn = getattr(receiver.lit, method)
    else:
        return _NO
    if any(isinstance(v, int) and not isinstance(v, bool) and abs(v) > LIT_CAP for v in values):
        return _NO  # zfill(10**9) and the like: not folded
    try:
        out = fn(*values)
    except Exception:  # noqa: BLE001 - an error at run time is not a constant
        return _NO
    return out if _small(out) else _NO
