"""Data-flow analysis of Java files (servlets, Spring and JAX-RS handlers) on the tree-sitter tree.

How it works: each changed Java file is parsed (tree-sitter, linear, never run). Every method that no
other code of the file calls is interpreted abstractly from its first statement; a method the file calls
itself (a helper, a method of an inner class) is interpreted at each call with the caller's argument
values (context-sensitive, depth-bounded), so a helper given a constant stays quiet and one given
request data reports at its own sink. Classes declared in the other changed Java files resolve the same
way (an object of that class, a static call, a receiver declared with that type). A value (``Val``)
records its level (0 constant, 1 safe non-constant such as a number or an escaped string, 2 non-constant
of unknown origin, 3 request data), its constant when known (strings, numbers, booleans, characters),
whether it was *built* here from a non-constant part (concatenation, ``String.format``,
``StringBuilder.append``), the shape of arrays, lists and maps (a constant index or key picks one
element, ``add``/``remove``/``put`` update it), and object facts (a cookie's Secure flag, a predictable
random value, a configured default).
Branches are joined; constant conditions, ternaries and ``switch`` selectors are folded, so a dead
branch does not count and a live one that replaces data with a literal makes it safe. Loops run twice.

Sources: ``HttpServletRequest`` getters (parameters, headers, cookies, query string, body), parameters
annotated ``@RequestParam``/``@PathVariable``/``@QueryParam``... and anything read from them. Sinks:
SQL (``Statement``, ``JdbcTemplate``, ``prepareStatement``, JPA queries), command lines
(``Runtime.exec``, ``ProcessBuilder``), LDAP and XPath filters, file paths, response writers (XSS),
redirects, outgoing URLs, ``ObjectInputStream``, session attributes (trust boundary); and, without a
flow, weak ciphers and digests (constants, also a ``Properties`` default), predictable random values in
request handlers or secret-named code, and cookies added without ``setSecure(true)``.
High confidence when request data reaches a sink; medium for SQL, commands, LDAP and XPath text built
from non-constant values of unknown origin. A file is analysed within a step bound; a file cut short
keeps the rule pack's matches (``superseded``). Methods without their class are read as the body of
one class (``java_snippet``). Imports bot.core, java_snippet and tree-sitter only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.analysis import java_snippet
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

logger = logging.getLogger(__name__)

ENGINE = "flow"
VERSION = "1"
Node = Any

SUPERSEDED_RULES = frozenset(
    {
        "java-sqli-request-data", "java-sqli-construction", "java-command-injection-request-data",
        "java-command-injection-construction", "java-path-traversal-request-data",
        "java-ldap-injection-request-data", "java-ldap-injection-construction",
        "java-xpath-injection-request-data", "java-xpath-injection-construction", "java-xss-servlet-writer",
        "java-trust-boundary-session", "java-weak-cipher", "java-cookie-missing-secure",
        "java-xss-construction",
    }
)  # fmt: skip
"""Rule-pack rules whose classes this analysis decides in a Java file it analysed whole: it folds
constants and dead branches and picks constant elements out of containers, which the rules cannot."""

STEP_BOUND = 200_000
"""Interpretation steps per file (about a second of CPU)."""
REVIEW_STEP_BOUND = 2_000_000
"""Steps per review, all Java files together."""
DEPTH_BOUND = 5
MAX_ELEMS = 64


@dataclass(frozen=True, slots=True)
class Val:
    level: int = 0
    const: object = None
    built: bool = False
    sources: frozenset[str] = frozenset()
    lines: tuple[int, ...] = ()
    elems: tuple[Val, ...] | None = None
    keys: tuple[tuple[object, Val], ...] | None = None
    kind: str = ""
    head: str | None = None
    """Known constant start of the text (a redirect or URL whose start is fixed)."""
    rand: bool = False
    secure: object = False
    default: object = None
    """A ``Properties.getProperty`` default (what the algorithm is unless configured otherwise), or a
    cookie's constant name."""


CONST = Val()
SAFE = Val(level=1)
UNKNOWN = Val(level=2)


def _head(v: Val) -> str | None:
    if v.level == 0 and isinstance(v.const, str):
        return v.const
    return v.head


def join(a: Val | None, b: Val | None) -> Val:
    if a is None:
        return b or CONST
    if b is None or a == b:
        return a
    elems = None
    if a.elems is not None and b.elems is not None and len(a.elems) == len(b.elems):
        elems = tuple(join(x, y) for x, y in zip(a.elems, b.elems, strict=True))
    keys = None
    if a.keys is not None and b.keys is not None:
        ka, kb = dict(a.keys), dict(b.keys)
        keys = tuple((k, join(ka.get(k), kb.get(k))) for k in dict.fromkeys([*ka, *kb]))
    ha, hb = _head(a), _head(b)
    head = None
    if ha is not None and hb is not None:
        n = 0
        while n < min(len(ha), len(hb)) and ha[n] == hb[n]:
            n += 1
        head = ha[:n]
    return Val(
        level=max(a.level, b.level),
        const=a.const if a.const == b.const else None,
        built=a.built or b.built,
        sources=a.sources | b.sources,
        lines=tuple(dict.fromkeys(a.lines + b.lines))[-6:],
        elems=elems,
        keys=keys,
        kind=a.kind if a.kind == b.kind else "",
        head=head,
        rand=a.rand or b.rand,
        secure=a.secure if a.secure == b.secure else None,
        default=a.default if a.default == b.default else None,
    )


def join_all(vals: Iterable[Val]) -> Val:
    out: Val | None = None
    for v in vals:
        out = join(out, v)
    return out or CONST


def content(v: Val) -> Val:
    """What reading any element of ``v`` gives."""
    parts = list(v.elems or ()) + [kv[1] for kv in v.keys or ()]
    if v.elems is None and v.keys is None:
        return replace(v, elems=None, keys=None, kind="", const=None if v.level else v.const)
    return join_all(parts) if parts else CONST


def level_of(v: Val) -> int:
    return max([v.level, *(level_of(e) for e in v.elems or ()), *(level_of(kv[1]) for kv in v.keys or ())])


def text_val(parts: list[Val], line: int) -> Val:
    """Text assembled from ``parts`` (concatenation, format, append)."""
    parts = [content(p) if (p.elems is not None or p.keys is not None) else p for p in parts]
    if parts and all(p.level == 0 and p.const is not None and not isinstance(p.const, bool) for p in parts):
        return Val(const="".join(_str(p.const) for p in parts))
    level = max((p.level for p in parts), default=0)
    head = ""
    for p in parts:
        h = _head(p)
        if p.level == 0 and isinstance(p.const, str | int | float):
            head += _str(p.const)
            continue
        if h is not None:
            head += h
        break
    return Val(
        level=level,
        built=level >= 2 or any(p.built for p in parts),
        sources=frozenset().union(*(p.sources for p in parts)) if parts else frozenset(),
        lines=(*tuple(dict.fromkeys(n for p in parts for n in p.lines))[-5:], line),
        head=head,
        rand=any(p.rand for p in parts),
    )


def _str(c: object) -> str:
    if isinstance(c, bool):
        return "true" if c else "false"
    if isinstance(c, float) and c == int(c):
        return f"{c:.1f}"
    return str(c)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    line: int
    end_line: int
    value: Val
    what: str
    detail: str = ""
    quiet: bool = False
    """A digest the code names as a checksum, ETag or cache key: reported at low confidence."""


@dataclass
class JavaFlowResult:
    findings: list[Finding] = field(default_factory=list)
    analysed: set[str] = field(default_factory=set)
    cuts: dict[str, str] = field(default_factory=dict)


class _Cut(Exception):
    pass


# ---------------------------------------------------------------------------------------------------
# vocabulary

REQUEST_TYPES = {
    "HttpServletRequest",
    "ServletRequest",
    "HttpServletRequestWrapper",
    "MultipartHttpServletRequest",
}
RESPONSE_TYPES = {"HttpServletResponse", "ServletResponse", "HttpServletResponseWrapper"}
SOURCE_GETTERS = {
    "getParameter", "getParameterValues", "getParameterMap", "getParameterNames", "getHeader", "getHeaders",
    "getHeaderNames", "getCookies", "getQueryString", "getInputStream", "getReader", "getPathInfo",
    "getRequestURI", "getRequestURL", "getPart", "getParts", "getPathTranslated",
}  # fmt: skip
SOURCE_ANNOTATIONS = {
    "RequestParam", "PathVariable", "RequestHeader", "CookieValue", "RequestBody", "ModelAttribute",
    "QueryParam", "PathParam", "FormParam", "HeaderParam", "CookieParam", "MatrixParam",
}  # fmt: skip
SANITISERS = re.compile(
    r"^(encodeFor\w+|escape(Html\w*|Xml\w*|EcmaScript|JavaScript|Json|Sql|Ldap\w*|XPath|Csv)?|htmlEscape\w*"
    r"|javaScriptEscape|for(Html|HtmlContent|HtmlAttribute|HtmlUnquotedAttribute|JavaScript\w*|Xml\w*"
    r"|CssString|UriComponent|Uri)|getName|getValidInput|getValidSafeHTML|getValidFileName|quote\w*"
    r"|sanitize\w*|clean\w*Html\w*)$"
)
NUMERIC = {
    "parseInt", "parseLong", "parseDouble", "parseFloat", "parseShort", "parseByte", "parseBoolean", "length",
    "size", "hashCode", "indexOf", "lastIndexOf", "compareTo", "compareToIgnoreCase", "equals",
    "equalsIgnoreCase", "startsWith", "endsWith", "contains", "containsKey", "containsValue", "isEmpty",
    "isBlank", "matches", "hasMoreElements", "hasNext", "intValue", "longValue", "doubleValue", "getTime",
    "currentTimeMillis", "nanoTime", "getId", "getStatus", "randomUUID", "getLength", "count", "signum",
}  # fmt: skip
NUMERIC_CLASSES = {"Integer", "Long", "Double", "Float", "Short", "Byte", "Boolean", "UUID", "Math"}
PROPAGATE_STATIC = {"valueOf", "toString", "format", "join", "copyValueOf", "requireNonNull", "decode",
                    "toHexString", "encodeToString", "asList", "of", "ofNullable", "get", "trim"}  # fmt: skip
WEAK_DIGESTS = {"MD2", "MD4", "MD5", "SHA", "SHA1", "SHA-1", "SHA-0"}
WEAK_CIPHERS = {"DES", "DESEDE", "TRIPLEDES", "3DES", "RC2", "RC4", "ARCFOUR", "BLOWFISH", "RC5", "IDEA"}
DIGEST_UTILS = re.compile(r"^(md2|md5|sha|sha1)(Hex)?$")
CHECKSUM_NAME = re.compile(
    r"(?i)(checksum|etag|cache|fingerprint|dedup|content_?md5|crc|digest_?of_?file|file_?hash)"
)
PREFERENCE_COOKIE = re.compile(
    r"(?i)(theme|lang|locale|pref|consent|timezone|currency|dismiss|seen|banner|layout|view|sort|mode)"
)
SECRET_NAME = re.compile(
    r"(?i)(token|secret|passw|pwd|otp|nonce|salt|session|csrf|xsrf|remember|reset|auth|cookie|apikey"
    r"|api_key|uuid|ticket|captcha|credential|signature|activation|verif)"
)
SHELLS = {"sh", "bash", "dash", "zsh", "ksh", "ash", "cmd", "cmd.exe", "powershell", "pwsh", "powershell.exe"}
SHELL_COMMAND_FLAGS = {"-c", "/c", "/C", "-lc", "-ec", "-Command", "-command", "/k", "/K"}
OPTION_TOOLS = {"git", "hg", "svn", "ssh", "scp", "sftp", "rsync", "curl", "wget"}
"""Programs whose option parser turns an argument starting with ``-`` into a dangerous option."""
OPTION_TOOLS_WITH_SOURCE = {"tar", "zip", "unzip", "7z", "find", "sendmail", "xargs"}
PATH_CLASSES = {"File", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter", "RandomAccessFile"}
URL_CLIENT_CALLS = {
    "getForObject", "getForEntity", "postForObject", "postForEntity", "postForLocation", "exchange", "put",
    "delete", "patchForObject", "headForHeaders", "optionsForAllow",
}  # fmt: skip
JDBC_TEMPLATE = {
    "query", "queryForObject", "queryForList", "queryForMap", "queryForRowSet", "queryForLong", "queryForInt",
    "update", "batchUpdate", "queryForStream", "execute",
}  # fmt: skip
SQL_RECEIVER = re.compile(
    r"(?i)(stat|stmt|jdbc|template|conn|^st$|^ps$|^s$|query|db|dao|session|em$|manager)"
)
LDAP_RECEIVER = re.compile(r"(?i)(ctx|context|ldap|dir)")
XPATH_RECEIVER = re.compile(r"(?i)(xpath|^xp$|^xp\w*)")
CLIENT_RECEIVER = re.compile(r"(?i)(rest|template|client|http)")
TYPE_ARGUMENTS = re.compile(r"<[^<>]*>")  # one level of generics, innermost first
# a scheme and a whole host before the first '/', '?' or '#' (a constant start that fixes the host)
FIXED_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]{0,20}://[^/?#@]{1,255}[/?#]")
CONTAINERS = {
    "ArrayList", "LinkedList", "Vector", "HashMap", "LinkedHashMap", "TreeMap", "Hashtable", "HashSet",
    "LinkedHashSet", "TreeSet", "ConcurrentHashMap", "ArrayDeque", "Stack", "CopyOnWriteArrayList",
}  # fmt: skip
PACKAGE_ROOTS = {"java", "javax", "jakarta", "org", "com", "net", "io", "android", "sun", "edu", "de", "fr"}
MAP_CLASSES = {"HashMap", "LinkedHashMap", "TreeMap", "Hashtable", "ConcurrentHashMap"}


def _type_name(node: Node | None, src: bytes) -> str:
    """``java.util.List<String>`` -> ``List``; ``String[]`` -> ``String[]``."""
    if node is None:
        return ""
    text = src[node.start_byte : node.end_byte].decode("utf-8", "replace")
    text = TYPE_ARGUMENTS.sub("", TYPE_ARGUMENTS.sub("", text))
    return text.rsplit(".", 1)[-1].strip()


# ---------------------------------------------------------------------------------------------------
# one file


@dataclass
class _Method:
    name: str
    node: Node
    cls: str
    params: list[tuple[str, str, bool]]
    """(name, type, annotated as a request source)"""


class _FileAnalysis:
    def __init__(self, src: bytes, bound: int = STEP_BOUND) -> None:
        self.src = src
        self.steps = bound
        self.methods: dict[str, list[_Method]] = {}
        self.classes: set[str] = set()
        self.fields: dict[str, Val] = {}
        self.field_types: dict[str, str] = {}
        self.servlet = False
        self.hits: dict[tuple[str, int], Hit] = {}
        self.memo: dict[tuple[Any, ...], Val] = {}
        self.stack: list[int] = []
        self.called: set[str] = set()
        self._invoked: set[int] = set()
        self.project: dict[str, _FileAnalysis] = {}
        """Class name -> the analysis of the changed file that declares it (this file's classes too)."""

    # -- helpers
    def t(self, node: Node) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def tick(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise _Cut("step bound")

    def hit(
        self, kind: str, node: Node, value: Val, what: str, detail: str = "", *, quiet: bool = False
    ) -> None:
        line, end = node.start_point[0] + 1, node.end_point[0] + 1
        key = (kind, line)
        old = self.hits.get(key)
        if old is None or (value.level > old.value.level):
            self.hits[key] = Hit(kind, line, end, value, what, detail, quiet)

    # -- collection
    def collect(self, root: Node) -> None:
        for node in _walk(root):
            if node.type in {
                "class_declaration",
                "enum_declaration",
                "record_declaration",
                "interface_declaration",
            }:
                name = node.child_by_field_name("name")
                cname = self.t(name) if name is not None else ""
                self.classes.add(cname)
                sup = node.child_by_field_name("superclass")
                if sup is not None and "Servlet" in self.t(sup):
                    self.servlet = True
                body = node.child_by_field_name("body")
                for member in body.named_children if body is not None else []:
                    if member.type in {"method_declaration", "constructor_declaration"}:
                        self._add_method(member, cname)
                    elif member.type == "field_declaration":
                        self._add_field(member)
            elif node.type == "object_creation_expression":
                # an anonymous class: its methods are analysed on their own (captured values unknown)
                body = next((c for c in node.named_children if c.type == "class_body"), None)
                for member in body.named_children if body is not None else []:
                    if member.type == "method_declaration":
                        self._add_method(member, "<anonymous>")
            elif node.type == "method_invocation":
                name = node.child_by_field_name("name")
                if name is not None:
                    self.called.add(self.t(name))
        # fields assigned in methods are not constants
        for node in _walk(root):
            if node.type == "assignment_expression":
                left = node.child_by_field_name("left")
                if left is None:
                    continue
                target = left
                if left.type == "field_access" and self.t(left.child_by_field_name("object")) == "this":
                    target = left.child_by_field_name("field")
                if target.type == "identifier" and self.t(target) in self.fields:
                    self.fields[self.t(target)] = UNKNOWN

    def _add_method(self, node: Node, cls: str) -> None:
        name_node = node.child_by_field_name("name")
        name = self.t(name_node) if name_node is not None else cls
        params = []
        plist = node.child_by_field_name("parameters")
        for p in plist.named_children if plist is not None else []:
            if p.type not in {"formal_parameter", "spread_parameter"}:
                continue
            pname = p.child_by_field_name("name")
            if pname is None:
                pname = next(
                    (c for c in p.named_children if c.type in {"identifier", "variable_declarator"}), None
                )
            ptype = _type_name(p.child_by_field_name("type"), self.src)
            annotated = any(
                c.type == "modifiers"
                and any(_annotation_name(a, self.src) in SOURCE_ANNOTATIONS for a in c.children)
                for c in p.children
            )
            if ptype in REQUEST_TYPES or annotated:
                self.servlet = True  # a request handler (servlet, Spring or JAX-RS)
            params.append((self.t(pname) if pname is not None else "_", ptype, annotated))
        self.methods.setdefault(name, []).append(_Method(name, node, cls, params))

    def _add_field(self, node: Node) -> None:
        ftype = _type_name(node.child_by_field_name("type"), self.src)
        final = any(c.type == "modifiers" and "final" in self.t(c).split() for c in node.children)
        for decl in node.children_by_field_name("declarator"):
            name = decl.child_by_field_name("name")
            if name is None:
                continue
            fname = self.t(name)
            self.field_types[fname] = ftype
            value = decl.child_by_field_name("value")
            if value is None:
                self.fields[fname] = self._typed_unknown(ftype)
                continue
            try:
                v = _Frame(self, None).eval(value)
            except (_Cut, RecursionError):
                v = UNKNOWN
            if not final and v.kind not in {"random", "securerandom"} and not v.kind.startswith("obj:"):
                v = join(v, self._typed_unknown(ftype))
            self.fields[fname] = v

    def _typed_unknown(self, ftype: str) -> Val:
        if ftype in {"Random", "ThreadLocalRandom"}:
            return Val(level=1, kind="random")
        if ftype == "SecureRandom":
            return Val(level=1, kind="securerandom")
        if ftype in {"int", "long", "short", "byte", "boolean", "double", "float", "char"}:
            return SAFE
        return UNKNOWN

    # -- running
    def run(self) -> None:
        for name, overloads in self.methods.items():
            if name in self.called:
                continue
            for m in overloads:
                args = [self.param_val(m, p) for p in m.params]
                self.invoke(m, args, depth=0)
        # a helper the file calls but whose callers never reached it (dead code, lambdas) still
        # reports request data reaching its sinks through annotated parameters
        for name, overloads in self.methods.items():
            if name in self.called:
                for m in overloads:
                    if id(m.node) not in self._invoked:
                        self.invoke(m, [self.param_val(m, p, helper=True) for p in m.params], depth=0)

    def param_val(self, m: _Method, p: tuple[str, str, bool], helper: bool = False) -> Val:
        _, ptype, annotated = p
        if ptype in REQUEST_TYPES:
            return Val(level=1, kind="request")
        if ptype in RESPONSE_TYPES:
            return Val(level=1, kind="response")
        if ptype == "HttpSession":
            return Val(level=1, kind="session")
        if annotated:
            return Val(level=3, sources=frozenset({f"the request ({p[0]})"}))
        if helper:
            return SAFE
        return self._typed_unknown(ptype)

    def invoke(self, m: _Method, args: list[Val], depth: int) -> Val:
        self._invoked.add(id(m.node))
        key = (id(m.node), tuple(args))
        if key in self.memo:
            return self.memo[key]
        if id(m.node) in self.stack or depth > DEPTH_BOUND:
            return join_all([*(a for a in args if a.level >= 2), SAFE]) if args else SAFE
        self.stack.append(id(m.node))
        try:
            frame = _Frame(self, m)
            for (pname, ptype, _), arg in zip(m.params, args, strict=False):
                frame.env[pname] = arg
                frame.types[pname] = ptype
            body = m.node.child_by_field_name("body")
            if body is not None:
                frame.block(body, frame.env)
            result = join_all(frame.returns) if frame.returns else SAFE
        finally:
            self.stack.pop()
        self.memo[key] = result
        return result

    def resolve(self, name: str, nargs: int, cls: str | None = None) -> _Method | None:
        overloads = [m for m in self.methods.get(name, []) if len(m.params) == nargs]
        if cls is not None:
            same = [m for m in overloads if m.cls == cls]
            overloads = same or overloads
        return overloads[0] if overloads else None


def _annotation_name(node: Node, src: bytes) -> str:
    if node.type not in {"annotation", "marker_annotation"}:
        return ""
    name = node.child_by_field_name("name")
    return src[name.start_byte : name.end_byte].decode().rsplit(".", 1)[-1] if name is not None else ""


def _walk(node: Node) -> Iterable[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


Env = dict[str, Val]


class _Frame:
    """One method's interpretation."""

    def __init__(self, fa: _FileAnalysis, method: _Method | None) -> None:
        self.fa = fa
        self.method = method
        self.env: Env = {}
        self.types: dict[str, str] = {}
        self.returns: list[Val] = []
        self.breaks: list[list[Env]] = []
        self.lambda_arg: Val = UNKNOWN

    # -- statements
    def block(self, node: Node, env: Env | None) -> Env | None:
        for stmt in node.named_children:
            if env is None:
                return None
            env = self.stmt(stmt, env)
        return env

    def stmt(self, node: Node, env: Env) -> Env | None:
        self.fa.tick()
        self.env = env
        t = node.type
        if t == "block":
            return self.block(node, env)
        if t == "local_variable_declaration":
            vtype = _type_name(node.child_by_field_name("type"), self.fa.src)
            for decl in node.children_by_field_name("declarator"):
                name = decl.child_by_field_name("name")
                value = decl.child_by_field_name("value")
                if name is None:
                    continue
                v = self.eval(value) if value is not None else CONST
                if vtype in {"int", "long", "short", "byte", "double", "float"} and v.level >= 1:
                    v = Val(level=1, lines=v.lines, rand=v.rand)
                self.env[self.fa.t(name)] = self._tag(v, value)
                self.types[self.fa.t(name)] = vtype
            return self.env
        if t == "expression_statement":
            for child in node.named_children:
                self.eval(child)
            return self.env
        if t == "if_statement":
            cond = self.eval(_unparen(node.child_by_field_name("condition")))
            then, other = node.child_by_field_name("consequence"), node.child_by_field_name("alternative")
            if cond.level == 0 and isinstance(cond.const, bool):
                chosen = then if cond.const else other
                return self.stmt(chosen, env) if chosen is not None else self.env
            checked, negated = self._guard(node.child_by_field_name("condition"))
            start = dict(self.env)
            narrowed = {
                **start,
                **{n: replace(start.get(n, UNKNOWN), level=1, sources=frozenset()) for n in checked},
            }
            then_env, else_env = (start, narrowed) if negated else (narrowed, start)
            # past a condition true for anything but a path on this site, the name is one
            local = _local_path_refused(self.fa.t(node.child_by_field_name("condition")))
            else_env = {**else_env, **{n: replace(else_env.get(n, UNKNOWN), kind=LOCAL_PATH) for n in local}}
            a = self.stmt(then, dict(then_env)) if then is not None else dict(then_env)
            b = self.stmt(other, dict(else_env)) if other is not None else dict(else_env)
            return _join_env(a, b)
        if t in {"while_statement", "for_statement", "enhanced_for_statement", "do_statement"}:
            return self.loop(node, env)
        if t in {"try_statement", "try_with_resources_statement"}:
            return self.try_(node, env)
        if t == "return_statement":
            value = node.named_children[0] if node.named_children else None
            self.returns.append(self.eval(value) if value is not None else CONST)
            return None
        if t in {"throw_statement"}:
            for child in node.named_children:
                self.eval(child)
            return None
        if t in {"break_statement", "continue_statement"}:
            if self.breaks:
                self.breaks[-1].append(dict(env))
            return None
        if t in {"switch_expression", "switch_statement"}:
            self.switch(node)
            return self.env
        if t in {"labeled_statement", "synchronized_statement"}:
            for child in node.named_children:
                if child.type == "block":
                    return self.block(child, env)
            return env
        if t == "yield_statement":
            for child in node.named_children:
                self.returns.append(self.eval(child))
            return None
        if t in {"local_class_declaration", "class_declaration", "assert_statement"}:
            return env
        for child in node.named_children:
            if child.type.endswith("expression") or child.type == "method_invocation":
                self.eval(child)
        return self.env

    def _guard(self, cond: Node | None) -> tuple[set[str], bool]:
        """The variables a validating condition checks (allow-list membership, a pattern match, a
        canonical-path containment check, a normalised ``base.resolve(name)`` that must start with
        ``base``), and whether the condition is negated."""
        node, negated = _unparen(cond), False
        if node is not None and node.type == "unary_expression" and self.fa.t(node).startswith("!"):
            node, negated = _unparen(node.child_by_field_name("operand")), True
        if node is None or node.type != "method_invocation":
            return set(), negated
        fa = self.fa
        name = fa.t(node.child_by_field_name("name"))
        obj = node.child_by_field_name("object")
        args = [a for a in node.child_by_field_name("arguments").named_children if a.type == "identifier"]
        names: set[str] = set()
        if name in {"contains", "containsKey", "isValid", "test"} or name.startswith("isValid"):
            names |= {fa.t(a) for a in args}
        elif name in {"equals", "equalsIgnoreCase"}:
            # "admin".equals(v), or v.equals("admin"): v holds that constant inside the branch
            first = node.child_by_field_name("arguments").named_children[:1]
            receiver_const = obj is not None and self.eval(obj).level == 0
            if receiver_const:
                names |= {fa.t(a) for a in args}
            elif obj is not None and obj.type == "identifier" and first and self.eval(first[0]).level == 0:
                names.add(fa.t(obj))
        elif name == "startsWith" and obj is not None and self._contained(obj, node):
            names.add(self._contained(obj, node))
        elif name in {"matches", "startsWith"} and obj is not None:
            root = obj
            while root.type == "method_invocation" and root.child_by_field_name("object") is not None:
                if fa.t(root.child_by_field_name("name")) == "matcher":
                    names |= {
                        fa.t(a)
                        for a in root.child_by_field_name("arguments").named_children
                        if a.type == "identifier"
                    }
                root = root.child_by_field_name("object")
            if root.type == "identifier" and (name == "matches" or root is not obj):
                names.add(fa.t(root))
        return names, negated

    def _contained(self, obj: Node, check: Node) -> str:
        """The name a containment check covers: ``base.resolve(name).normalize().startsWith(base)``
        (``toAbsolutePath()`` may come before ``normalize()``, ``toRealPath()`` may replace both), the
        same ``base`` on both sides. Without normalising, ``base/../x`` starts with ``base``: no name."""
        fa = self.fa
        args = check.child_by_field_name("arguments").named_children
        if obj.type != "method_invocation" or len(args) != 1:
            return ""
        last = fa.t(obj.child_by_field_name("name"))
        inner = obj.child_by_field_name("object")
        if last == "normalize" and inner is not None and inner.type == "method_invocation":
            if fa.t(inner.child_by_field_name("name")) == "toAbsolutePath":
                inner = inner.child_by_field_name("object")
        elif last != "toRealPath":
            return ""
        if inner is None or inner.type != "method_invocation":
            return ""
        if fa.t(inner.child_by_field_name("name")) != "resolve":
            return ""
        base = inner.child_by_field_name("object")
        resolved = inner.child_by_field_name("arguments").named_children
        if base is None or len(resolved) != 1 or resolved[0].type != "identifier":
            return ""
        return fa.t(resolved[0]) if fa.t(base) == fa.t(args[0]) else ""

    def _tag(self, v: Val, node: Node | None) -> Val:
        if node is None or v.level == 0:
            return v
        line = node.start_point[0] + 1
        return replace(v, lines=tuple(dict.fromkeys((*v.lines, line)))[-6:])

    def loop(self, node: Node, env: Env) -> Env | None:
        t = node.type
        if t == "for_statement":
            for init in node.children_by_field_name("init"):
                if init.type == "local_variable_declaration":
                    env = self.stmt(init, env) or env
                else:
                    self.eval(init)
                    env = self.env
        cond_node = node.child_by_field_name("condition")
        if cond_node is not None and t != "do_statement":
            self.env = env
            cond = self.eval(_unparen(cond_node))
            if cond.level == 0 and cond.const is False:
                return self.env
        body = node.child_by_field_name("body")
        state = dict(env)
        exits: list[Env] = [dict(env)] if t != "do_statement" else []
        for _ in range(2):
            self.breaks.append([])
            self.env = dict(state)
            if t == "enhanced_for_statement":
                name = node.child_by_field_name("name")
                it = self.eval(node.child_by_field_name("value"))
                if name is not None:
                    self.env[self.fa.t(name)] = self._tag(content(it), node)
                    self.types[self.fa.t(name)] = _type_name(node.child_by_field_name("type"), self.fa.src)
            out = self.stmt(body, self.env) if body is not None else self.env
            jumps = self.breaks.pop()
            if out is not None:
                self.env = out
                for upd in node.children_by_field_name("update"):
                    self.eval(upd)
                out = self.env
            merged = _join_env(out, _join_envs(jumps)) if jumps else out
            if merged is not None:
                exits.append(merged)
                state = _join_env(state, merged) or state
        return _join_envs(exits) if exits else None

    def try_(self, node: Node, env: Env) -> Env | None:
        self.env = env
        res = node.child_by_field_name("resources")
        if res is not None:
            for r in res.named_children:
                name, value = r.child_by_field_name("name"), r.child_by_field_name("value")
                if name is not None and value is not None:
                    self.env[self.fa.t(name)] = self._tag(self.eval(value), value)
                    self.types[self.fa.t(name)] = _type_name(r.child_by_field_name("type"), self.fa.src)
                elif r.named_children:
                    self.eval(r.named_children[-1])
        before = dict(self.env)
        body = node.child_by_field_name("body")
        after = self.block(body, dict(self.env)) if body is not None else self.env
        outs = [after]
        handlers = [c for c in node.named_children if c.type == "catch_clause"]
        for c in handlers:
            cb = c.child_by_field_name("body")
            start = _join_env(before, after) or before
            outs.append(self.block(cb, dict(start)) if cb is not None else start)
        merged = _join_envs([o for o in outs if o is not None])
        fin = next((c for c in node.named_children if c.type == "finally_clause"), None)
        if fin is not None:
            fb = next((c for c in fin.named_children if c.type == "block"), None)
            if fb is not None:
                res_env = self.block(fb, dict(merged or before))
                if merged is None or res_env is None:
                    return None
                return res_env
        return merged

    def switch(self, node: Node) -> Val:
        sel = self.eval(_unparen(node.child_by_field_name("condition")))
        body = node.child_by_field_name("body")
        groups = [g for g in body.named_children] if body is not None else []
        start = dict(self.env)

        def labels(g: Node) -> list[Node | None]:
            out: list[Node | None] = []
            for lab in (c for c in g.named_children if c.type == "switch_label"):
                if self.fa.t(lab).startswith("default"):
                    out.append(None)
                out += list(lab.named_children)
            return out

        def run_from(i: int) -> Env | None:
            env: Env | None = dict(start)
            self.breaks.append([])
            for g in groups[i:]:
                stmts = [c for c in g.named_children if c.type != "switch_label"]
                for s in stmts:
                    if env is None:
                        break
                    if s.type.endswith("expression") or s.type == "method_invocation":
                        self.env = env
                        self.returns_expr = self.eval(s)
                        env = self.env
                    else:
                        env = self.stmt(s, env)
                if env is None or g.type == "switch_rule":
                    break
            jumps = self.breaks.pop()
            return _join_envs([e for e in [env, *jumps] if e is not None]) if (env or jumps) else None

        chosen: int | None = None
        if sel.level == 0 and sel.const is not None:
            default = None
            for i, g in enumerate(groups):
                for lab in labels(g):
                    if lab is None:
                        default = i
                        continue
                    lv = self.eval(lab)
                    if lv.level == 0 and lv.const == sel.const:
                        chosen = i
                if chosen is not None:
                    break
            chosen = chosen if chosen is not None else default
            if chosen is None:
                self.env = start
                return CONST
            self.env = run_from(chosen) or start
            return CONST
        outs = [run_from(i) for i in range(len(groups))]
        has_default = any(None in labels(g) for g in groups)
        self.env = _join_envs([o for o in outs if o is not None] + ([] if has_default else [start])) or start
        return CONST

    # -- expressions
    def eval(self, node: Node | None) -> Val:
        if node is None:
            return CONST
        self.fa.tick()
        t = node.type
        fa = self.fa
        if t == "string_literal":
            return Val(const=_string_literal(fa.t(node)))
        if t == "text_block":
            return Val(const=fa.t(node)[3:-3])
        if t == "character_literal":
            raw = fa.t(node)[1:-1]
            return Val(const=raw if len(raw) == 1 else raw.encode().decode("unicode_escape", "ignore")[:1])
        if t in {
            "decimal_integer_literal",
            "hex_integer_literal",
            "octal_integer_literal",
            "binary_integer_literal",
        }:
            try:
                return Val(const=int(fa.t(node).rstrip("lL").replace("_", ""), 0))
            except ValueError:
                return CONST
        if t == "decimal_floating_point_literal":
            try:
                return Val(const=float(fa.t(node).rstrip("fFdD")))
            except ValueError:
                return CONST
        if t in {"true", "false"}:
            return Val(const=t == "true")
        if t == "lambda_expression":
            return self.lambda_(node)
        if t in {"null_literal", "class_literal", "method_reference", "this", "super"}:
            return Val(kind="this" if t == "this" else "")
        if t == "identifier":
            return self.name(fa.t(node))
        if t == "parenthesized_expression":
            return self.eval(_unparen(node))
        if t == "cast_expression":
            v = self.eval(node.child_by_field_name("value"))
            ctype = _type_name(node.child_by_field_name("type"), fa.src)
            if ctype in {"int", "long", "short", "byte", "double", "float", "char"} and v.level:
                return Val(level=1, rand=v.rand, lines=v.lines)
            return v
        if t == "assignment_expression":
            return self.assign(node)
        if t == "binary_expression":
            return self.binary(node)
        if t == "unary_expression":
            v = self.eval(node.child_by_field_name("operand"))
            op = fa.t(node.child_by_field_name("operator"))
            if v.level == 0 and v.const is not None:
                try:
                    if op == "!" and isinstance(v.const, bool):
                        return Val(const=not v.const)
                    if op == "-" and isinstance(v.const, int | float):
                        return Val(const=-v.const)
                    if op == "~" and isinstance(v.const, int):
                        return Val(const=~v.const)
                except TypeError:
                    pass
            return Val(level=min(v.level, 1), rand=v.rand)
        if t == "update_expression":
            for child in node.named_children:
                if child.type == "identifier":
                    self.env[fa.t(child)] = SAFE
            return SAFE
        if t == "ternary_expression":
            cond = self.eval(node.child_by_field_name("condition"))
            a, b = node.child_by_field_name("consequence"), node.child_by_field_name("alternative")
            if cond.level == 0 and isinstance(cond.const, bool):
                return self.eval(a if cond.const else b)
            return join(self.eval(a), self.eval(b))
        if t == "instanceof_expression":
            self.eval(node.child_by_field_name("left"))
            return SAFE
        if t == "array_initializer":
            return self.array([self.eval(c) for c in node.named_children])
        if t == "array_creation_expression":
            init = node.child_by_field_name("value")
            if init is not None:
                return self.eval(init)
            dims = [c for c in node.named_children if c.type == "dimensions_expr"]
            if len(dims) == 1 and dims[0].named_children:
                n = self.eval(dims[0].named_children[0])
                if isinstance(n.const, int) and 0 <= n.const <= MAX_ELEMS:
                    return Val(elems=(CONST,) * n.const)
            return Val(level=0)
        if t == "array_access":
            arr = self.eval(node.child_by_field_name("array"))
            idx = self.eval(node.child_by_field_name("index"))
            return self.element(arr, idx)
        if t == "field_access":
            return self.field(node)
        if t == "method_invocation":
            return self.call(node)
        if t == "object_creation_expression":
            return self.new(node)
        if t == "switch_expression":
            saved = self.returns
            self.returns = []
            self.switch(node)
            vals, self.returns = self.returns, saved
            return join_all(vals) if vals else SAFE
        parts = [self.eval(c) for c in node.named_children]
        return join_all(parts) if parts else CONST

    def lambda_(self, node: Node) -> Val:
        """Interpret a lambda's body where it is written, with the enclosing values and its parameters
        bound to what the called method hands it; its own returns do not leak into the method's."""
        params = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        outer_env, outer_returns = self.env, self.returns
        env = dict(outer_env)
        names = [params] if params is not None and params.type == "identifier" else []
        if params is not None and params.type != "identifier":
            for p in _walk(params):
                if p.type == "identifier" and p.parent is not None and p.parent.type != "type_identifier":
                    names.append(p)
        for n in names:
            env[self.fa.t(n)] = self.lambda_arg
        self.returns = []
        try:
            if body is not None and body.type == "block":
                self.block(body, env)
                result = join_all(self.returns) if self.returns else SAFE
            else:
                self.env = env
                result = self.eval(body)
        finally:
            self.env, self.returns = outer_env, outer_returns
        return replace(result, kind="lambda") if result.level else Val(kind="lambda")

    def name(self, name: str) -> Val:
        if name in self.env:
            return self.env[name]
        if name in self.fa.fields:
            return self.fa.fields[name]
        if name[:1].isupper():
            return Val(kind=f"class:{name}")
        if name in PACKAGE_ROOTS:
            return Val(kind="pkg")
        return UNKNOWN

    def array(self, vals: list[Val]) -> Val:
        if len(vals) > MAX_ELEMS:
            return join_all(vals)
        sources = frozenset().union(*(v.sources for v in vals)) if vals else frozenset()
        return Val(
            level=max((level_of(v) for v in vals), default=0), elems=tuple(vals), kind="list", sources=sources
        )

    def element(self, arr: Val, idx: Val) -> Val:
        if arr.elems is not None and isinstance(idx.const, int) and idx.level == 0:
            if 0 <= idx.const < len(arr.elems):
                return arr.elems[idx.const]
            return CONST
        return content(arr)

    def field(self, node: Node) -> Val:
        obj = node.child_by_field_name("object")
        fname = self.fa.t(node.child_by_field_name("field"))
        if obj is not None and obj.type == "this":
            return self.fa.fields.get(fname, UNKNOWN)
        recv = self.eval(obj)
        if recv.kind == "pkg":
            return Val(kind=f"class:{fname}") if fname[:1].isupper() else recv
        if fname == "length":
            return SAFE if recv.level else recv
        if recv.kind.startswith("class:") or (recv.level == 0 and recv.kind == "" and obj is not None
                                               and self.fa.t(obj)[:1].islower() and "." in self.fa.t(node)
                                               and fname[:1].isupper()):  # fmt: skip
            if fname[:1].isupper() and not fname.isupper():
                return Val(kind=f"class:{fname}")
            return CONST
        return content(recv) if recv.level else CONST

    def assign(self, node: Node) -> Val:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        op = self.fa.t(node.child_by_field_name("operator"))
        v = self.eval(right)
        if op != "=":
            old = self.eval(left)
            if op == "+=" and (
                isinstance(old.const, str) or isinstance(v.const, str) or old.level >= 2 or v.level >= 2
            ):
                v = text_val([old, v], node.start_point[0] + 1)
            else:
                v = self._arith(old, v, op[:-1])
        v = self._tag(v, right)
        self.store(left, v)
        return v

    def store(self, left: Node, v: Val) -> None:
        fa = self.fa
        if left.type == "identifier":
            name = fa.t(left)
            if name in self.env or name not in fa.fields:
                self.env[name] = v
            else:
                fa.fields[name] = join(fa.fields[name], v)
        elif left.type == "field_access":
            obj = left.child_by_field_name("object")
            fname = fa.t(left.child_by_field_name("field"))
            if obj is not None and obj.type == "this":
                fa.fields[fname] = join(fa.fields.get(fname), v)
        elif left.type == "array_access":
            arr_node = left.child_by_field_name("array")
            arr = self.eval(arr_node)
            idx = self.eval(left.child_by_field_name("index"))
            if arr.elems is not None and isinstance(idx.const, int) and 0 <= idx.const < len(arr.elems):
                elems = list(arr.elems)
                elems[idx.const] = v
                new = self.array(elems)
            else:
                new = join(arr, replace(v, elems=None, keys=None))
                new = replace(new, elems=None, level=max(arr.level, level_of(v)))
            if arr_node.type in {"identifier", "field_access"}:
                self.store(arr_node, new)

    def _arith(self, a: Val, b: Val, op: str) -> Val:
        if a.level == 0 and b.level == 0 and a.const is not None and b.const is not None:
            folded = _fold(a.const, b.const, op)
            if folded is not _NOFOLD:
                return Val(const=folded)
        if op in {"==", "!=", "<", ">", "<=", ">=", "&&", "||", "instanceof"}:
            return SAFE if (a.level or b.level) else CONST
        if a.level == 0 and b.level == 0:
            return CONST
        return Val(level=1, rand=a.rand or b.rand, lines=a.lines + b.lines)

    def binary(self, node: Node) -> Val:
        op = self.fa.t(node.child_by_field_name("operator"))
        left = self.eval(node.child_by_field_name("left"))
        if op in {"&&", "||"} and left.level == 0 and isinstance(left.const, bool):
            if (op == "&&" and not left.const) or (op == "||" and left.const):
                return Val(const=left.const)
            right = self.eval(node.child_by_field_name("right"))
            return right if isinstance(right.const, bool) else SAFE
        right = self.eval(node.child_by_field_name("right"))
        if op == "+" and (
            isinstance(left.const, str) or isinstance(right.const, str) or left.level >= 2 or right.level >= 2
            or left.head is not None or right.head is not None
        ):  # fmt: skip
            both = left.level == 0 and right.level == 0 and left.const is not None and right.const is not None
            if both and (isinstance(left.const, str) or isinstance(right.const, str)):
                return Val(const=_str(left.const) + _str(right.const))
            return text_val([left, right], node.start_point[0] + 1)
        return self._arith(left, right, op)

    # -- calls
    def call(self, node: Node) -> Val:
        fa = self.fa
        obj = node.child_by_field_name("object")
        name = fa.t(node.child_by_field_name("name"))
        arg_nodes = list(node.child_by_field_name("arguments").named_children)
        recv = self.eval(obj) if obj is not None else Val(kind="this")
        # a lambda given to a method of a container (forEach, map, filter...) receives its elements
        saved, self.lambda_arg = (
            self.lambda_arg,
            (
                content(recv)
                if recv.level >= 2 or recv.elems is not None or recv.keys is not None
                else UNKNOWN
            ),
        )
        args = [self.eval(a) for a in arg_nodes]
        self.lambda_arg = saved
        rtype = self.receiver_type(obj)
        cls = recv.kind[6:] if recv.kind.startswith("class:") else ""

        # intra-file methods
        if obj is None or recv.kind == "this" or cls in fa.classes or recv.kind.startswith("obj:"):
            target_cls = recv.kind[4:] if recv.kind.startswith("obj:") else (cls or None)
            m = fa.resolve(name, len(args), target_cls)
            if m is not None and (
                target_cls is None or m.cls == target_cls or obj is None or recv.kind == "this"
            ):
                return fa.invoke(m, args, len(fa.stack))
        # a class declared in another changed file: by the object's class, a static call or the
        # receiver's declared type
        other_cls = recv.kind[4:] if recv.kind.startswith("obj:") else cls or rtype
        other = fa.project.get(other_cls) if other_cls else None
        if other is not None and other is not fa:
            m = other.resolve(name, len(args), other_cls)
            if m is not None and m.cls == other_cls:
                return other.invoke(m, args, len(fa.stack) + 1)

        self.sinks(node, obj, name, recv=recv, rtype=rtype, cls=cls, args=args)
        self.state(node, name, recv=recv, rtype=rtype, cls=cls, args=args)
        return self.result(node, obj, name, recv=recv, rtype=rtype, cls=cls, args=args)

    def receiver_type(self, obj: Node | None) -> str:
        if obj is None:
            return ""
        fa = self.fa
        if obj.type == "identifier":
            n = fa.t(obj)
            return self.types.get(n) or fa.field_types.get(n) or ""
        if obj.type == "field_access" and obj.child_by_field_name("object").type == "this":
            return fa.field_types.get(fa.t(obj.child_by_field_name("field")), "")
        if obj.type == "method_invocation":
            inner = fa.t(obj.child_by_field_name("name"))
            return {
                "getWriter": "PrintWriter", "getOutputStream": "ServletOutputStream",
                "createStatement": "Statement", "prepareStatement": "PreparedStatement", "newXPath": "XPath",
                "getSession": "HttpSession", "getRuntime": "Runtime",
            }.get(inner, "")  # fmt: skip
        if obj.type == "object_creation_expression":
            return _type_name(obj.child_by_field_name("type"), fa.src)
        return ""

    def sinks(
        self, node: Node, obj: Node | None, name: str, *, recv: Val, rtype: str, cls: str, args: list[Val]
    ) -> None:
        fa = self.fa
        rname = fa.t(obj).rsplit(".", 1)[-1] if obj is not None else ""
        a0 = args[0] if args else CONST
        # SQL
        if args and (
            name in {"executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch", "prepareStatement",
                     "prepareCall", "nativeSQL", "createQuery", "createNativeQuery", "createSQLQuery"}
            or (name == "execute" and ("Statement" in rtype or "Jdbc" in rtype or SQL_RECEIVER.search(rname)))
            or (name in JDBC_TEMPLATE and ("Jdbc" in rtype or "Template" in rtype or "jdbc" in rname.lower()))
        ) and not (name == "execute" and ("Executor" in rtype or "executor" in rname.lower())):  # fmt: skip
            values = args if name == "batchUpdate" and all(a.kind != "list" for a in args) else [a0]
            for v in values:
                self.injection("sql", node, v, f"`{name}()`")
        # commands
        if name == "exec" and (rtype == "Runtime" or cls == "Runtime" or "getRuntime" in fa.t(obj or node)):
            if args:
                self.command(node, args[0], "`Runtime.exec()`")
            if len(args) > 1:  # the environment: LD_PRELOAD, PATH, BASH_ENV...
                self.injection("shell", node, args[1], "`Runtime.exec()` (environment)")
        if name == "command" and (rtype == "ProcessBuilder" or recv.kind == "pb") and args:
            argv = args[0] if len(args) == 1 and args[0].elems is not None else self.array(args)
            self.command(node, argv if len(args) > 1 or args[0].elems is not None else args[0], "`command()`")
        # LDAP
        if (
            name == "search"
            and len(args) >= 2
            and (
                "DirContext" in rtype
                or "LdapContext" in rtype
                or "LdapTemplate" in rtype
                or LDAP_RECEIVER.search(rname)
            )
        ):
            for v in args[:2]:
                self.injection("ldap", node, v, "`search()`")
        # XPath
        if (
            name in {"compile", "evaluate", "evaluateExpression"}
            and args
            and (
                rtype == "XPath"
                or XPATH_RECEIVER.search(rname)
                or (obj is not None and "newXPath" in fa.t(obj))
            )
        ):
            self.injection("xpath", node, a0, f"`XPath.{name}()`")
        # XSS
        # the response's writer, or a writer handed in as one (a JSP tag's JspWriter, a PrintWriter
        # parameter); a PrintWriter this code opened on a file or a StringWriter is not
        writer = recv.kind == "writer" or (
            rtype in {"PrintWriter", "JspWriter", "ServletOutputStream"}
            and recv.kind not in {"file", "lambda"}
        )
        if name in {"print", "println", "write", "format", "printf", "append"} and writer:
            for arg in args:
                v = content(arg) if arg.elems is not None else arg
                if v.level >= 3 or (v.level == 2 and v.built and "<" in (v.head or "")):
                    fa.hit("xss", node, v, "the response body")
        # redirects
        if recv.kind == "response" or rtype in RESPONSE_TYPES:
            target = None
            if name == "sendRedirect" and args:
                target = a0
            elif (
                name in {"setHeader", "addHeader"} and len(args) == 2 and str(a0.const).lower() == "location"
            ):
                target = args[1]
            if (
                target is not None
                and target.level >= 3
                and target.kind != LOCAL_PATH
                and not _fixed_start(target, site=True)
            ):
                fa.hit("redirect", node, target, f"`{name}()`")
        # SSRF
        url_read = name in {"openConnection", "openStream", "getContent"} and recv.kind == "url"
        if url_read and recv.level >= 3 and not _fixed_start(recv, site=False):
            fa.hit("ssrf", node, recv, f"`URL.{name}()`")
        client = (
            (name in URL_CLIENT_CALLS and (CLIENT_RECEIVER.search(rname) or "Template" in rtype))
            or (name in {"newBuilder", "uri", "connect"} and cls in {"HttpRequest", "Jsoup", ""})
            or (name == "url" and obj is not None and "Builder" in fa.t(obj))
        )
        if (
            client
            and args
            and a0.level >= 3
            and not _fixed_start(a0, site=False)
            and a0.kind != "uri-checked"
        ):
            fa.hit("ssrf", node, a0, f"`{name}()`")
        # resources of the web application by path (WEB-INF/web.xml, other servlets' sources)
        if name in {"getResourceAsStream", "getResource", "getRealPath"} and args and level_of(a0) >= 3:
            fa.hit("path", node, content(a0) if a0.elems is not None else a0, f"`{name}()`")
        # file paths from text
        if name in {"get", "of"} and cls in {"Paths", "Path"} and args:
            parts = [a for a in args if a.kind != "file"]
            if parts:
                v = text_val(parts, node.start_point[0] + 1) if len(parts) > 1 else parts[0]
                if level_of(v) >= 3 and v.kind != "uri-checked":
                    fa.hit("path", node, v, f"`{cls}.{name}()`")
        # trust boundary
        if (
            name in {"setAttribute", "putValue"}
            and len(args) == 2
            and (recv.kind == "session" or rtype == "HttpSession")
        ):
            for v in args:
                if level_of(v) >= 3:
                    fa.hit("trust", node, content(v), f"`HttpSession.{name}()`")
        # deserialization
        if name in {"readObject", "readUnshared"} and recv.kind in {"ois", "xmldecoder"} and recv.level >= 3:
            fa.hit("deserialization", node, recv, f"`{name}()`")
        decode = (name == "deserialize" and cls == "SerializationUtils") or name == "fromXML"
        if decode and args and level_of(a0) >= 3:
            fa.hit("deserialization", node, a0, f"`{name}()`")

    def state(self, node: Node, name: str, *, recv: Val, rtype: str, cls: str, args: list[Val]) -> None:
        """Weak algorithms, predictable random values and cookie flags: no flow needed."""
        fa = self.fa
        a0 = args[0] if args else CONST
        to_response = recv.kind == "response" or rtype in RESPONSE_TYPES
        if (
            name == "addCookie"
            and to_response
            and args
            and args[0].kind == "cookie"
            and args[0].secure is False
            and not PREFERENCE_COOKIE.search(str(args[0].default or ""))
        ):
            fa.hit("cookie", node, args[0], "`addCookie()`")
        # weak crypto
        if name == "getInstance" and cls in {
            "MessageDigest",
            "Cipher",
            "KeyGenerator",
            "SecretKeyFactory",
            "Mac",
        }:
            alg = (
                a0.const if isinstance(a0.const, str) else a0.default if isinstance(a0.default, str) else None
            )
            if alg is not None:
                if cls == "MessageDigest" and alg.upper() in WEAK_DIGESTS:
                    fa.hit("hash", node, a0, "`MessageDigest.getInstance()`", alg, quiet=self._checksum(node))
                elif cls in {"Cipher", "KeyGenerator", "SecretKeyFactory"} and _weak_cipher(
                    alg, cls != "Cipher"
                ):
                    fa.hit("cipher", node, a0, f"`{cls}.getInstance()`", alg)
        if cls == "DigestUtils" and DIGEST_UTILS.match(name):
            quiet = self._checksum(node)
            fa.hit("hash", node, a0, f"`DigestUtils.{name}()`", name.removesuffix("Hex").upper(), quiet=quiet)
        if cls == "Hashing" and name in {"md5", "sha1"}:
            fa.hit("hash", node, CONST, f"`Hashing.{name}()`", name.upper(), quiet=self._checksum(node))
        # predictable randomness
        if (recv.kind == "random" and name.startswith("next")) or (
            cls == "Math" and name == "random"
        ) or (cls == "RandomStringUtils" and name.startswith("random")):  # fmt: skip
            owner = self.method.name if self.method is not None else ""
            if fa.servlet or SECRET_NAME.search(owner) or SECRET_NAME.search(self._assigned_to(node)):
                fa.hit("random", node, Val(level=1, rand=True), f"`{name}()`")

    def _checksum(self, node: Node) -> bool:
        """Whether the digest is named as a checksum, ETag, cache key or fingerprint (not a secret)."""
        owner = self.method.name if self.method is not None else ""
        return bool(CHECKSUM_NAME.search(owner) or CHECKSUM_NAME.search(self._assigned_to(node)))

    def _assigned_to(self, node: Node) -> str:
        parent = node.parent
        for _ in range(4):
            if parent is None:
                return ""
            if parent.type == "variable_declarator":
                n = parent.child_by_field_name("name")
                return self.fa.t(n) if n is not None else ""
            if parent.type == "assignment_expression":
                return self.fa.t(parent.child_by_field_name("left"))
            parent = parent.parent
        return ""

    def command(self, node: Node, cmd: Val, what: str) -> None:
        """A command line (one string: ``Runtime.exec`` splits it on spaces) or an argument vector: a shell
        given ``-c`` runs the text after it; otherwise the program must be constant, and its arguments
        matter only for programs whose options run commands (git, ssh, curl, tar...), as in Python."""
        if cmd.elems is None:
            self.injection("shell", node, cmd, what)
            return
        argv = list(cmd.elems)
        program = argv[0] if argv else CONST
        base = (
            str(program.const).replace("\\", "/").rsplit("/", 1)[-1].lower()
            if isinstance(program.const, str)
            else ""
        )
        if not argv or program.level:
            if argv:
                self.injection("shell", node, program, what)
            return
        if base in SHELLS or program.const is None:  # a shell, or one of several constant programs
            flags = [
                i
                for i, a in enumerate(argv)
                if a.level == 0 and (a.const in SHELL_COMMAND_FLAGS or a.const is None)
            ]
            for v in argv[flags[0] + 1 :] if flags else []:
                self.injection("shell", node, v, what)
            return
        if base in OPTION_TOOLS or base in OPTION_TOOLS_WITH_SOURCE:
            for arg in argv[1:]:
                v = content(arg) if arg.elems is not None else arg
                if v.level >= 3 or (base in OPTION_TOOLS and v.level == 2):
                    self.fa.hit("argument", node, v, what)

    def injection(self, kind: str, node: Node, v: Val, what: str) -> None:
        if v.kind in {"file", "cookie", "writer"}:
            return
        if v.elems is not None or v.keys is not None:
            v = join_all([content(v), *([Val(built=True)] if v.built else [])])
        if v.level >= 3 or (v.level == 2 and v.built):
            self.fa.hit(kind, node, v, what)

    def result(
        self, node: Node, obj: Node | None, name: str, *, recv: Val, rtype: str, cls: str, args: list[Val]
    ) -> Val:
        fa = self.fa
        line = node.start_point[0] + 1
        a0 = args[0] if args else CONST
        # sources
        if recv.kind == "request":
            if name in SOURCE_GETTERS:
                where = f"request.{name}()"
                v = Val(level=3, sources=frozenset({where}), lines=(line,))
                if name in {"getParameterValues", "getParameterMap", "getParameterNames", "getHeaders",
                            "getHeaderNames", "getCookies", "getParts"}:  # fmt: skip
                    v = replace(v, kind="list")
                return v
            if name == "getSession":
                return Val(level=1, kind="session")
            return SAFE
        if recv.kind == "response":
            if name in {"getWriter", "getOutputStream"}:
                return Val(level=1, kind="writer")
            return SAFE
        if recv.kind == "session" and name in {"getAttribute", "getValue"}:
            return UNKNOWN
        if recv.kind == "writer":
            return recv
        if (
            name in {"read", "readFully", "readNBytes"}
            and args
            and recv.level >= 2
            and arg_nodes_first_ident(node)
        ):
            target = arg_nodes_first_ident(node)
            old = self.env.get(target, CONST)
            self.env[target] = replace(join(old, replace(recv, kind="", elems=None)), elems=None, kind="")
            return SAFE
        # sanitisers and safe results
        if SANITISERS.match(name) and (args or name == "getName"):
            return Val(
                level=1 if level_of(a0 if args else recv) else 0,
                kind="uri-checked" if name == "getName" else "",
            )
        if cls == "Math" and name in {"max", "min", "abs"} and args and all(a.level == 0 for a in args):
            nums = [
                a.const for a in args if isinstance(a.const, int | float) and not isinstance(a.const, bool)
            ]
            if len(nums) == len(args):
                return Val(const=max(nums) if name == "max" else min(nums) if name == "min" else abs(nums[0]))
        if cls in {"Paths", "Path"} and name in {"get", "of"}:
            return Val(level=min(max((level_of(a) for a in args), default=0), 1), kind="file")
        if name == "valueOf" and cls and cls != "String" and args:
            return SAFE  # Integer.valueOf, an enum's valueOf: a value of the type, or an exception
        if name in NUMERIC or cls in NUMERIC_CLASSES:
            folded = _fold_method(recv, name, args)
            if folded is not None:
                return folded
            return Val(
                level=1 if (recv.level or any(a.level for a in args)) else 0,
                rand=recv.rand or any(a.rand for a in args),
            )
        # randomness
        if recv.kind == "random" and name.startswith("next"):
            return Val(level=1, rand=True, lines=(line,))
        if recv.kind == "securerandom":
            return SAFE
        if cls == "Math" and name == "random":
            return Val(level=1, rand=True, lines=(line,))
        if cls == "ThreadLocalRandom" and name == "current":
            return Val(level=1, kind="random")
        if cls == "SecureRandom":
            return Val(level=1, kind="securerandom")
        # configuration
        if name == "getProperty" and (
            "Propert" in rtype or "prop" in (fa.t(obj).lower() if obj is not None else "")
        ):
            default = args[1].const if len(args) > 1 and isinstance(args[1].const, str) else None
            return Val(level=1, default=default)
        if cls == "System" and name in {"getProperty", "getenv"}:
            return SAFE
        # cookies
        if recv.kind == "cookie" and name in {"setSecure", "setHttpOnly"} and obj is not None:
            if name == "setSecure":
                flag = a0.const if a0.level == 0 and isinstance(a0.const, bool) else None
                self.store(obj, replace(recv, secure=flag))
            return CONST
        if recv.kind == "cookie" and name == "getValue":
            return replace(recv, kind="", secure=False)
        # a deserialisation filter installed on the stream: an allow-list pattern ("a.B;!*"), a lambda or a
        # filter object makes readObject safe; a pattern that does not end by rejecting the rest does not
        if recv.kind in {"ois", "xmldecoder"} and name == "setObjectInputFilter" and obj is not None:
            pattern = a0.const if a0.level == 0 and isinstance(a0.const, str) else None
            if pattern is None or pattern.replace(" ", "").endswith("!*"):
                self._store_root(obj, replace(recv, level=1, sources=frozenset()))
            return CONST
        # builders
        if recv.kind == "sb":
            if name in {"append", "insert"} and args:
                parts = (
                    [recv, args[-1]]
                    if name == "append" or not (isinstance(a0.const, int) and a0.const == 0)
                    else [args[-1], recv]
                )
                new = replace(text_val(parts, line), kind="sb")
                if obj is not None:
                    self._store_root(obj, new)
                return new
            if name in {"toString", "reverse", "substring", "subSequence", "trim"}:
                return replace(recv, kind="")
            if name == "setLength":
                new = Val(const="", kind="sb")
                self._store_root(obj, new)
                return new
            if name in {"replace", "deleteCharAt", "delete", "setCharAt"}:
                return recv
            return SAFE
        # containers
        if recv.kind in {"list", "map"}:
            return self.container(node, obj, name, recv, args)
        if recv.kind == "pb" and name == "start":
            return SAFE
        # string methods with constants folded
        if name in {"substring", "charAt", "toUpperCase", "toLowerCase", "trim", "strip", "concat", "replace",
                    "replaceAll", "replaceFirst", "intern", "repeat", "split", "toCharArray", "getBytes",
                    "chars", "stripLeading", "stripTrailing", "formatted", "lines"}:  # fmt: skip
            folded = _fold_method(recv, name, args)
            if folded is not None:
                return folded
            if name in {"concat"}:
                return text_val([recv, *args], line)
            if name in {"replace", "replaceAll", "replaceFirst"} and len(args) == 2:
                return join(replace(recv, head=recv.head if name != "replaceAll" else None), args[1])
            if name == "formatted":
                return text_val([recv, *args], line)
            out = replace(recv, elems=None, keys=None, kind="list" if name in {"split", "lines"} else "")
            return out if name != "substring" else replace(out, head=None if recv.head is None else recv.head)
        if cls == "String" and name in {"format", "join", "valueOf", "copyValueOf"}:
            vals = args[1:] if name == "format" and args and isinstance(a0.const, str) else args
            if name == "format" and args and not isinstance(a0.const, str) and a0.kind == "class:Locale":
                vals = args[1:]
                if len(args) > 1 and isinstance(args[1].const, str):
                    vals = args[2:]
            if name == "format":
                fmt = next((a for a in args if isinstance(a.const, str)), None)
                if fmt is not None and all(a.level <= 1 for a in vals):
                    return SAFE if any(a.level for a in vals) else CONST
                return text_val(
                    ([fmt] if fmt is not None else [])
                    + [content(v) if v.elems is not None else v for v in vals],
                    line,
                )
            if name == "valueOf" and len(args) == 1:
                if a0.level == 0 and a0.const is not None:
                    return Val(const=_str(a0.const))
                return replace(a0, kind="") if a0.elems is None else content(a0)
            return text_val([content(v) if v.elems is not None else v for v in vals], line)
        if cls in {"Arrays", "List", "Set", "Collections", "Stream"} and name in {
            "asList",
            "of",
            "singletonList",
            "copyOf",
            "stream",
        }:
            if len(args) == 1 and args[0].elems is not None:
                return replace(args[0], kind="list")
            return self.array(args)
        if cls == "Map" and name == "of":
            keys = tuple((args[i].const, args[i + 1]) for i in range(0, len(args) - 1, 2))
            return Val(level=max((level_of(v) for _, v in keys), default=0), keys=keys, kind="map")
        # objects passed through helpers of other files: their level is the arguments'
        parts = [recv] if recv.level and not recv.kind.startswith("class:") else []
        parts += [content(a) if (a.elems is not None or a.keys is not None) else a for a in args]
        if any(a.kind == "request" for a in args):
            return Val(level=3, sources=frozenset({f"{name}(request)"}), lines=(line,))
        if recv.kind == "ois":
            return replace(recv, kind="")
        v = join_all([replace(p, kind="", secure=False) for p in parts]) if parts else SAFE
        if obj is None or (recv.kind.startswith("class:") and not args):
            v = join(v, SAFE) if parts else SAFE
        return replace(v, built=v.built, head=None, default=None, elems=None, keys=None)

    def _store_root(self, obj: Node, new: Val) -> None:
        root = obj
        while root.type == "method_invocation" and root.child_by_field_name("object") is not None:
            root = root.child_by_field_name("object")
        if root.type in {"identifier", "field_access"}:
            self.store(root, new)

    def container(self, node: Node, obj: Node | None, name: str, recv: Val, args: list[Val]) -> Val:
        a0 = args[0] if args else CONST
        new: Val | None = None
        if recv.keys is not None or (recv.elems is None and recv.level == 0 and name in {"put"}):
            keys = dict(recv.keys or ())
            if name == "put" and len(args) == 2:
                if a0.level == 0 and a0.const is not None and len(keys) < MAX_ELEMS:
                    keys[a0.const] = args[1]
                    new = Val(
                        level=max(level_of(v) for v in keys.values()), keys=tuple(keys.items()), kind="map"
                    )
                else:
                    new = Val(level=max(recv.level, level_of(args[1])), kind="map")
            elif name in {"get", "getOrDefault", "remove"} and args:
                if a0.level == 0 and a0.const is not None and recv.keys is not None:
                    got = keys.get(a0.const)
                    if name == "getOrDefault" and got is None and len(args) > 1:
                        return args[1]
                    return got or CONST
                return content(recv)
        if new is None and name in {
            "add",
            "addElement",
            "push",
            "offer",
            "addLast",
            "addFirst",
            "set",
            "remove",
            "clear",
            "addAll",
            "get",
            "elementAt",
            "pop",
            "poll",
            "peek",
            "getFirst",
            "getLast",
            "removeFirst",
            "removeLast",
            "put",
        }:
            elems = list(recv.elems) if recv.elems is not None else None
            idx = (
                a0.const
                if a0.level == 0 and isinstance(a0.const, int) and not isinstance(a0.const, bool)
                else None
            )
            if name in {"get", "elementAt"}:
                if elems is not None and idx is not None:
                    return elems[idx] if 0 <= idx < len(elems) else CONST
                return content(recv)
            if name in {"getFirst", "peek", "poll", "pop", "getLast", "removeFirst", "removeLast"}:
                if elems:
                    pick = elems[-1] if name in {"getLast", "removeLast", "pop"} else elems[0]
                    if name in {"poll", "removeFirst"}:
                        elems = elems[1:]
                    elif name in {"pop", "removeLast"}:
                        elems = elems[:-1]
                    new = self.array(elems)
                    if obj is not None:
                        self._store_root(obj, new)
                    return pick
                return content(recv)
            if elems is not None and len(elems) < MAX_ELEMS:
                if name in {"add", "addElement", "push", "offer", "addLast"} and len(args) == 1:
                    elems.append(a0)
                elif name == "addFirst" and len(args) == 1:
                    elems.insert(0, a0)
                elif name == "add" and len(args) == 2 and idx is not None and 0 <= idx <= len(elems):
                    elems.insert(idx, args[1])
                elif name == "set" and len(args) == 2 and idx is not None and 0 <= idx < len(elems):
                    elems[idx] = args[1]
                elif name == "remove" and len(args) == 1 and idx is not None and 0 <= idx < len(elems):
                    removed = elems.pop(idx)
                    new = self.array(elems)
                    if obj is not None:
                        self._store_root(obj, new)
                    return removed
                elif name == "remove" and len(args) == 1 and a0.level == 0 and a0.const is not None:
                    for i, e in enumerate(elems):
                        if e.level == 0 and e.const == a0.const:
                            elems.pop(i)
                            break
                    else:
                        return SAFE
                elif name == "clear":
                    elems = []
                elif name == "addAll" and len(args) == 1 and args[0].elems is not None:
                    elems += list(args[0].elems)
                else:
                    elems = None
            if elems is not None:
                new = self.array(elems)
            elif name in {"remove", "clear"}:
                return SAFE if name == "clear" else content(recv)
            else:
                added = join_all([content(a) if a.elems is not None else a for a in args])
                new = Val(level=max(recv.level, level_of(added)), kind="list",
                          sources=recv.sources | added.sources, lines=recv.lines + added.lines)  # fmt: skip
            if name == "remove":
                return SAFE
        if new is not None:
            if obj is not None:
                self._store_root(obj, new)
            return SAFE
        if name in {
            "toArray",
            "iterator",
            "listIterator",
            "subList",
            "values",
            "keySet",
            "entrySet",
            "stream",
            "elements",
            "keys",
            "descendingIterator",
            "toList",
            "collect",
            "filter",
            "map",
            "sorted",
        }:
            return (
                replace(content(recv), kind="list")
                if recv.level or recv.elems or recv.keys
                else Val(kind="list")
            )
        if name in {"next", "nextElement", "getKey", "getValue", "findFirst", "orElse", "get"}:
            return content(recv)
        if name in {"size", "isEmpty", "contains", "containsKey", "indexOf"}:
            return SAFE
        return content(recv)

    def new(self, node: Node) -> Val:
        fa = self.fa
        tname = _type_name(node.child_by_field_name("type"), fa.src)
        arg_list = node.child_by_field_name("arguments")
        arg_nodes = list(arg_list.named_children) if arg_list is not None else []
        args = [self.eval(a) for a in arg_nodes]
        a0 = args[0] if args else CONST
        line = node.start_point[0] + 1
        if tname in {"StringBuilder", "StringBuffer"}:
            if args and not isinstance(a0.const, int):
                return replace(text_val([a0], line) if a0.level else a0, kind="sb")
            return Val(const="", kind="sb")
        if tname == "String":
            return replace(
                join_all([content(a) if a.elems is not None else a for a in args]), kind="", elems=None
            )
        if tname == "Cookie":
            name = a0.const if isinstance(a0.const, str) else None
            return Val(level=1, kind="cookie", secure=False, lines=(line,), default=name)
        if tname in PATH_CLASSES or (tname in {"PrintWriter", "FileSystemResource", "ZipFile"} and args):
            parts = [a for a in args if a.kind != "file" and (isinstance(a.const, str) or a.level >= 2)]
            if parts and tname in PATH_CLASSES | {"FileSystemResource", "ZipFile"}:
                v = text_val(parts, line) if len(parts) > 1 else parts[0]
                if level_of(v) >= 3 and v.kind != "uri-checked":
                    fa.hit("path", node, v, f"`new {tname}()`")
            return Val(level=min(max((level_of(a) for a in args), default=0), 1), kind="file")
        if tname in {"ObjectInputStream", "XMLDecoder"}:
            return Val(
                level=max((level_of(a) for a in args), default=0),
                sources=a0.sources,
                kind="ois" if tname == "ObjectInputStream" else "xmldecoder",
                lines=(line,),
            )
        if tname in {"URL", "URI"}:
            v = text_val(args, line) if len(args) > 1 else a0
            return replace(v, kind="url")
        if tname in {"HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpHead", "HttpPatch"}:
            if args and a0.level >= 3 and not _fixed_start(a0, site=False):
                fa.hit("ssrf", node, a0, f"`new {tname}()`")
            return SAFE
        if tname in {"ProcessBuilder"}:
            if args:
                argv = args[0] if len(args) == 1 and args[0].elems is not None else self.array(args)
                self.command(
                    node, argv if len(args) > 1 or args[0].elems is not None else args[0], "`ProcessBuilder`"
                )
            return Val(level=1, kind="pb")
        if tname in {"Random"}:
            return Val(level=1, kind="random")
        if tname == "SecureRandom":
            return Val(level=1, kind="securerandom")
        if tname in CONTAINERS:
            if args and (a0.elems is not None or a0.keys is not None or a0.level):
                return replace(a0, kind="map" if tname in MAP_CLASSES else "list")
            if tname in MAP_CLASSES:
                return Val(keys=(), kind="map")
            return Val(elems=(), kind="list")
        if tname in fa.classes or tname in fa.project:
            return Val(level=1, kind=f"obj:{tname}")
        if any(a.kind == "request" for a in args):
            return Val(level=3, sources=frozenset({f"new {tname}(request)"}), kind="reqwrap", lines=(line,))
        if tname in {
            "InputStreamReader",
            "BufferedReader",
            "ByteArrayInputStream",
            "BufferedInputStream",
            "StringReader",
            "InputSource",
            "StreamSource",
            "Scanner",
            "DataInputStream",
        }:
            return replace(join_all(args), kind="")
        return replace(join_all([content(a) for a in args]), kind="") if args else SAFE


_NOFOLD = object()


def _fold(a: object, b: object, op: str) -> object:
    try:
        if op in {"+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"}:
            if isinstance(a, str) or isinstance(b, str):
                return _str(a) + _str(b) if op == "+" else _NOFOLD
            x, y = _num(a), _num(b)
            if op == "+":
                return x + y
            if op == "-":
                return x - y
            if op == "*":
                return x * y
            if op == "/":
                return int(x / y) if isinstance(x, int) and isinstance(y, int) else x / y
            if op == "%":
                return x - y * int(x / y) if isinstance(x, int) and isinstance(y, int) else x % y
            if isinstance(x, int) and isinstance(y, int) and abs(y) < 64:
                return {"<<": x << y, ">>": x >> y, "&": x & y, "|": x | y, "^": x ^ y}[op]
            return _NOFOLD
        if op in {"==", "!="}:
            eq = _num(a) == _num(b) if not isinstance(a, str) and not isinstance(b, str) else a == b
            return eq if op == "==" else not eq
        if op in {"<", ">", "<=", ">="}:
            x, y = _num(a), _num(b)
            return {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]
        if op in {"&&", "||"} and isinstance(a, bool) and isinstance(b, bool):
            return (a and b) if op == "&&" else (a or b)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return _NOFOLD
    return _NOFOLD


def _num(c: object) -> Any:
    if isinstance(c, str) and len(c) == 1:
        return ord(c)
    if isinstance(c, bool):
        raise TypeError("boolean is not a number")
    if isinstance(c, int | float):
        return c
    raise TypeError("not a number")


def _fold_method(recv: Val, name: str, args: list[Val]) -> Val | None:
    """A string method of a constant receiver with constant arguments, evaluated."""
    if recv.level != 0 or not isinstance(recv.const, str) or any(a.level or a.const is None for a in args):
        return None
    s, a = recv.const, [x.const for x in args]
    try:
        if name == "charAt" and isinstance(a[0], int) and 0 <= a[0] < len(s):
            return Val(const=s[a[0]])
        if name == "length" and not a:
            return Val(const=len(s))
        ints = [x for x in a if isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= len(s)]
        if name == "substring" and len(ints) == len(a) and a:
            return Val(const=s[ints[0] : ints[1]] if len(ints) == 2 else s[ints[0] :])
        if name in {"toUpperCase", "toLowerCase", "trim", "strip"} and not a:
            return Val(const={"toUpperCase": s.upper(), "toLowerCase": s.lower()}.get(name, s.strip()))
        if name == "equals" and isinstance(a[0], str):
            return Val(const=s == a[0])
        if name == "equalsIgnoreCase" and isinstance(a[0], str):
            return Val(const=s.lower() == a[0].lower())
        if name in {"startsWith", "endsWith", "contains"} and isinstance(a[0], str):
            return Val(
                const={"startsWith": s.startswith, "endsWith": s.endswith, "contains": s.__contains__}[name](
                    a[0]
                )
            )
        if name == "indexOf" and isinstance(a[0], str):
            return Val(const=s.find(a[0]))
        if name == "isEmpty":
            return Val(const=not s)
        if name == "concat" and isinstance(a[0], str):
            return Val(const=s + a[0])
        texts = [x for x in a if isinstance(x, str)]
        if name == "replace" and len(texts) == len(a) == 2:
            return Val(const=s.replace(texts[0], texts[1]))
    except (IndexError, TypeError):
        return None
    return None


LOCAL_PATH = "local-path"
"""The kind of a value a condition proved a path on this site (``_local_path_refused``)."""
_LOCAL_PATH_TESTS = (
    ("!", '.startsWith("/")'),
    ("", '.startsWith("//")'),
    ("", '.contains("\\\\")'),
    ("", ".chars().anyMatch(Character::isISOControl)"),
)
"""A redirect target is a path on this site when it is refused for each: no leading "/", a second
"/" (a host), a backslash (browsers read it as "/") and a control character (browsers drop a tab)."""


def _local_path_refused(condition: str) -> set[str]:
    """The names a ``||`` condition is true for unless they are a path on this site (every test of
    ``_LOCAL_PATH_TESTS`` among its disjuncts; other disjuncts only refuse more)."""
    text = "".join(condition[:2000].split())
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    seen: dict[str, set[int]] = {}
    for part in text.split("||"):
        for index, (prefix, suffix) in enumerate(_LOCAL_PATH_TESTS):
            name = part.removeprefix(prefix).removesuffix(suffix) if part.startswith(prefix) else ""
            if part.endswith(suffix) and name.isidentifier():
                seen.setdefault(name, set()).add(index)
    return {name for name, tests in seen.items() if len(tests) == len(_LOCAL_PATH_TESTS)}


def _fixed_start(v: Val, *, site: bool) -> bool:
    """Whether the text's constant start pins it to this site (``/path``) or a fixed host."""
    head = _head(v) or ""
    if site and head.startswith("/") and not head.startswith(("//", "/\\")) and len(head) > 1:
        return True
    return bool(FIXED_HOST.match(head[:300]))


def _weak_cipher(transformation: str, family_only: bool = False) -> bool:
    parts = [p.strip().upper() for p in transformation.split("/")]
    alg = parts[0]
    if alg in WEAK_CIPHERS or alg.startswith(("PBEWITHMD5", "PBEWITHSHA1ANDDES", "PBEWITHSHA1ANDRC")):
        return True
    if alg.startswith("DES"):
        return True
    if family_only:
        return False
    if alg == "AES" and len(parts) == 1:
        return True
    return len(parts) > 1 and parts[1] == "ECB" and alg not in {"RSA", "EC", "ECIES", "ELGAMAL"}


def _string_literal(raw: str) -> str:
    body = raw[1:-1]
    if "\\" not in body:
        return body
    try:
        return body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return body


def arg_nodes_first_ident(node: Node) -> str:
    """The name of a call's first argument when it is a plain variable (a buffer a read fills)."""
    args = node.child_by_field_name("arguments")
    first = args.named_children[0] if args is not None and args.named_children else None
    if first is None or first.type != "identifier":
        return ""
    return first.text.decode("utf-8", "replace") if first.text is not None else ""


def _unparen(node: Node | None) -> Node | None:
    while node is not None and node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def _join_env(a: Env | None, b: Env | None) -> Env | None:
    if a is None:
        return b
    if b is None:
        return a
    return {k: join(a.get(k), b.get(k)) if k in a and k in b else (a.get(k) or b[k]) for k in {*a, *b}}


def _join_envs(envs: list[Env]) -> Env | None:
    out: Env | None = None
    for e in envs:
        out = _join_env(out, e)
    return out


# ---------------------------------------------------------------------------------------------------
# findings


@dataclass(frozen=True, slots=True)
class _Advice:
    category: str
    noun: str
    severity: Severity
    explanation: str
    remediation: tuple[str, ...]
    cwe: str = ""


_ADVICE = {
    "sql": _Advice(
        "sql-injection", "SQL text", Severity.HIGH,
        "A quote in a non-constant part of the SQL text changes the statement: whoever controls it can read "
        "or change any row the database account can reach.",
        ("Keep the SQL text constant and bind values: `PreparedStatement ps = c.prepareStatement(\"... WHERE "
         "id = ?\"); ps.setString(1, id);` (`jdbcTemplate.query(\"... = ?\", mapper, id)`).",
         "Map identifiers (a sort column, a table) through an allow-list.",
         "Add a test whose input contains a single quote."),
    ),
    "shell": _Advice(
        "command-injection", "command line", Severity.CRITICAL,
        "A command line passed to `Runtime.exec` or `ProcessBuilder` with a shell, or an argument taken from "
        "the request, lets its author run commands or add options with the service's privileges.",
        ("Run the program directly with an argument array (`new ProcessBuilder(\"tool\", \"--\", value)`), "
         "never through `sh -c`.",
         "Validate the value against an allow-list of the options you expect."),
    ),
    "argument": _Advice(
        "command-injection", "command argument", Severity.HIGH,
        "The program parses its arguments for options: a value starting with `-` becomes an option "
        "(`--upload-pack=`, `-oProxyCommand=`, `--checkpoint-action=`) and can run commands.",
        ("Put `\"--\"` before values that are not options "
         "(`new ProcessBuilder(\"git\", \"clone\", \"--\", url)`).",
         "Reject values that start with `-`, or validate them against the expected form."),
        cwe="CWE-88",
    ),
    "ldap": _Advice(
        "ldap-injection", "LDAP filter", Severity.HIGH,
        "`*`, `)` and `(` in a non-constant part of the filter change the query, e.g. to match every "
        "entry or bypass a password check.",
        ("Use a filter with `{0}` placeholders and pass the values as filter arguments "
         "(`ctx.search(base, \"(uid={0})\", new Object[] {uid}, controls)`).",
         "Or escape the value for a filter (`Encoder.encodeForLDAP`, Spring `LdapEncoder.filterEncode`)."),
    ),
    "xpath": _Advice(
        "xpath-injection", "XPath expression", Severity.HIGH,
        "A quote in a non-constant part of the expression changes it, so its author can read nodes the "
        "query was meant to hide.",
        ("Keep the expression constant and pass values as XPath variables (`$name` with an "
         "`XPathVariableResolver`).",),
    ),
    "xss": _Advice(
        "xss", "response text", Severity.HIGH,
        "Request data written to the response without HTML encoding runs as script in the victim's "
        "browser, with their session.",
        ("Encode for the context: `Encode.forHtml(value)` (OWASP Java Encoder), ESAPI `encodeForHTML`, or "
         "Spring `HtmlUtils.htmlEscape`.",
         "Prefer a template engine with auto-escaping over writing HTML by hand."),
    ),
    "redirect": _Advice(
        "open-redirect", "redirect target", Severity.MEDIUM,
        "A redirect to a location taken from the request sends users to any site, which phishing uses to "
        "borrow the site's name.",
        ("Redirect only to paths of this site (start with a single `/`) or to an allow-list of targets.",),
    ),
    "ssrf": _Advice(
        "ssrf", "outgoing URL", Severity.HIGH,
        "A URL taken from the request makes the server fetch any address, including internal services "
        "and cloud metadata endpoints.",
        ("Fix the scheme and host in code and put only validated path parts from the request in it, or "
         "check the host against an allow-list.",),
    ),
    "path": _Advice(
        "path-traversal", "file path", Severity.HIGH,
        "`../` or an absolute path in request data reaches files outside the intended directory.",
        ("Keep only the name (`Paths.get(name).getFileName()`, `FilenameUtils.getName`), then resolve it "
         "under the base directory and check `resolved.normalize().startsWith(base)`.",),
    ),
    "trust": _Advice(
        "trust-boundary", "session attribute", Severity.MEDIUM,
        "Code that reads a session attribute assumes the server put it there after checking it; storing a "
        "request value lets the client set that state directly.",
        ("Store only values the server derived or validated (a looked-up id, an allow-listed choice).",),
    ),
    "deserialization": _Advice(
        "deserialization", "serialized object", Severity.CRITICAL,
        "`readObject` on bytes from the request instantiates any class on the classpath; gadget chains "
        "turn that into code execution.",
        ("Accept a data format (JSON into a fixed class) instead of Java serialization, or install an "
         "`ObjectInputFilter` allow-list before `readObject`.",),
    ),
    "hash": _Advice(
        "weak-crypto", "digest", Severity.MEDIUM,
        "MD5, MD4, MD2 and SHA-1 have practical collisions and are fast to brute-force, so digests made "
        "with them do not protect passwords, signatures or tokens.",
        ("Use SHA-256 or stronger (`MessageDigest.getInstance(\"SHA-256\")`); for passwords a slow salted "
         "hash (bcrypt, scrypt, Argon2, PBKDF2).",),
        cwe="CWE-328",
    ),
    "cipher": _Advice(
        "weak-crypto", "cipher", Severity.MEDIUM,
        "DES, 3DES, RC2/RC4 and Blowfish are broken or have small blocks, and ECB (also what `\"AES\"` "
        "alone means) shows equal plaintext blocks as equal ciphertext.",
        ("Use an authenticated mode: `Cipher.getInstance(\"AES/GCM/NoPadding\")` with a fresh 12-byte IV "
         "per message.",),
    ),
    "random": _Advice(
        "insecure-randomness", "random value", Severity.MEDIUM,
        "`java.util.Random` and `Math.random()` are predictable: a few outputs reveal the generator's state, "
        "so ids, tokens or codes made from them can be guessed.",
        ("Use `java.security.SecureRandom` (e.g. 32 bytes encoded with `Base64.getUrlEncoder()`).",),
        cwe="CWE-330",
    ),
    "cookie": _Advice(
        "insecure-cookie", "cookie", Severity.LOW,
        "Without the Secure flag the browser also sends the cookie over plain HTTP, where anyone on the path "
        "can copy it.",
        ("Call `cookie.setSecure(true)` and `cookie.setHttpOnly(true)` before "
         "`response.addCookie(cookie)`.",),
    ),
}  # fmt: skip
_FLOW_KINDS = {
    "sql",
    "shell",
    "argument",
    "ldap",
    "xpath",
    "xss",
    "redirect",
    "ssrf",
    "path",
    "trust",
    "deserialization",
}


def _finding(hit: Hit, path: str, added: frozenset[int]) -> Finding:
    advice = _ADVICE[hit.kind]
    cat = lookup_category(advice.category)
    start, end = hit.line, hit.end_line
    if not any(n in added for n in range(start, end + 1)):
        through = [n for n in hit.value.lines if n in added]
        if through:
            start = end = through[-1]
    if hit.kind in _FLOW_KINDS:
        sure = hit.value.level >= 3
        if sure:
            origin = ", ".join(sorted(hit.value.sources)[:3]) or "the request"
            how = f"comes from {origin}"
        else:
            how = "is assembled from values that are not constants (concatenation, formatting or append)"
        trace = [n for n in hit.value.lines if n != hit.line][-3:]
        seen = f" (through line{'s' if len(trace) > 1 else ''} {', '.join(map(str, trace))})" if trace else ""
        message = f"The {advice.noun} reaching {hit.what} {how}{seen}."
        confidence = Confidence.HIGH if sure else Confidence.MEDIUM
        title = (
            f"{cat.title}: {advice.noun} {'from request data' if sure else 'built from non-constant text'}"
        )
    elif hit.kind in {"hash", "cipher"}:
        message = f"{hit.what} is given `{hit.detail}`, a weak {advice.noun} algorithm."
        confidence = Confidence.LOW if hit.quiet else Confidence.MEDIUM
        title = f"{cat.title}: {hit.detail}"
    elif hit.kind == "random":
        message = (
            f"{hit.what} of a predictable generator (java.util.Random / Math.random) makes a value here."
        )
        confidence, title = Confidence.MEDIUM, "Predictable random value"
    else:
        message = f"A cookie reaches {hit.what} without `setSecure(true)`."
        confidence, title = Confidence.MEDIUM, "Cookie set without the Secure flag"
    return Finding(
        rule_id=f"flow-java-{advice.category}" + ("-digest" if hit.kind == "hash" else ""),
        engine=ENGINE,
        category=cat.id,
        cwe=advice.cwe or cat.cwe,
        title=title,
        severity=advice.severity,
        confidence=confidence,
        path=path,
        start_line=start,
        end_line=end,
        message=message,
        explanation=advice.explanation,
        remediation=advice.remediation,
        provenance=Provenance(engine=ENGINE, tool_version=VERSION),
    )


def analyse_java(
    files: Mapping[str, tuple[str, frozenset[int]]],
    *,
    step_bound: int = STEP_BOUND,
    review_bound: int = REVIEW_STEP_BOUND,
) -> JavaFlowResult:
    """Findings for the changed Java files ``files`` (path -> (head text, added lines)), each on an
    added line or anchored on the latest added line the value passed through. Each file gets at most
    ``step_bound`` steps and the whole review ``review_bound``; a file cut short is in ``cuts``."""
    result = JavaFlowResult()
    left = review_bound
    parsed: list[tuple[str, frozenset[int], Node, _FileAnalysis]] = []
    project: dict[str, _FileAnalysis] = {}
    for path, (text, added) in sorted(files.items()):
        # methods without their class (code cut out of its file) are read as one class's body, lines
        # kept, as a review gives them to every engine (java_snippet); a caller may give them bare
        read = java_snippet.wrap(text) or text
        root = java_snippet.parse_java(read)
        if root is None:
            continue
        fa = _FileAnalysis(read.encode("utf-8"), step_bound)
        try:
            fa.collect(root)
        except (_Cut, RecursionError) as exc:
            result.cuts[path] = f"Java flow analysis stopped early ({exc or 'recursion'})"
            continue
        except Exception:  # untrusted code: a tree shape not foreseen costs this file only, not the review
            logger.warning("Java flow analysis failed on %s", path, exc_info=True)
            result.cuts[path] = "Java flow analysis failed on this file (an unforeseen construct)"
            continue
        for cname in fa.classes:
            project.setdefault(cname, fa)
        parsed.append((path, added, root, fa))
    for _, _, _, fa in parsed:
        # classes of the other changed files resolve too (a method there is still analysed on its
        # own as well, when its file does not call it itself)
        fa.project = project
    for path, _, root, fa in parsed:
        if left <= 0:
            result.cuts[path] = "Java flow analysis skipped (the review's step bound was spent)"
            continue
        fa.steps = before = min(fa.steps, left)
        try:
            fa.run()
        except (_Cut, RecursionError) as exc:
            result.cuts[path] = f"Java flow analysis stopped early ({exc or 'recursion'})"
        except Exception:  # untrusted code: a tree shape not foreseen costs this file only, not the review
            logger.warning("Java flow analysis failed on %s", path, exc_info=True)
            result.cuts[path] = "Java flow analysis failed on this file (an unforeseen construct)"
        else:
            if root.has_error:
                result.cuts[path] = "the file has syntax errors"
            result.analysed.add(path)
        left -= before - max(fa.steps, 0)
    for path, added, _, fa in parsed:
        if path not in result.analysed and path not in result.cuts:
            continue
        for hit in sorted(fa.hits.values(), key=lambda h: (h.line, h.kind)):
            finding = _finding(hit, path, added)
            if any(n in added for n in finding.lines):
                result.findings.append(finding)
    return result


def superseded(finding: Finding, result: JavaFlowResult) -> bool:
    """Whether ``finding`` (from the rule pack) is one the Java flow analysis ``result`` decides instead."""
    return (
        finding.rule_id in SUPERSEDED_RULES
        and finding.path in result.analysed
        and finding.path not in result.cuts
    )
