"""What the Python flow analysis knows: sources of attacker data, sinks, sanitisers, text builders.

Pure tables and small predicates over qualified names (``subprocess.run``) and method names; no
analysis state. Imports nothing of ours but the flow package and the pure regex parser
``bot.analysis.redos_regex`` (to read which characters a validating pattern admits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis import redos_regex
from bot.analysis.flow.values import ALL_KINDS, KIND_BITS, Val

# --------------------------------------------------------------------------------------- sources
REQUEST_NAMES = {"request", "req", "self.request", "flask.request", "bottle.request", "quart.request"}
REQUEST_ATTRS = {
    "args", "form", "values", "json", "get_json", "data", "get_data", "cookies", "headers", "files",
    "view_args", "stream", "GET", "POST", "body", "COOKIES", "META", "FILES", "query_params",
    "path_params", "query_string", "query", "match_info", "rel_url", "post", "text", "read", "content",
    "multipart", "params", "arguments", "body_arguments", "query_arguments", "url", "full_path",
    "path", "path_info", "referrer", "raw_path", "form_data", "get_argument", "get_arguments",
    "body_params", "environ", "uri", "content_type", "host", "data_files", "raw_post_data",
    "get_param", "get_param_as_list", "get_header", "media", "relative_uri", "forwarded_uri",
    "get_cookie_values", "getHeader", "getAllHeaders", "requestHeaders", "getCookie",
}  # fmt: skip
HANDLER_SOURCE_METHODS = {
    "get_argument", "get_arguments", "get_query_argument", "get_query_arguments",
    "get_body_argument", "get_body_arguments", "get_cookie", "get_secure_cookie",
}  # fmt: skip
# Names a module uses but never binds (no import, definition or assignment anywhere in it): the
# function or snippet was cut from a file whose imports are not part of the change (a review of one
# function, a file with ``from x import *``). Each name here has one meaning in practice; names that
# are common variables or differ between libraries (``load``, ``loads``, ``quote``, ``call``, ``run``,
# ``Template``, ``fromstring``, ``choice``: ``secrets`` has one too) are left out.
IMPLICIT_IMPORTS = {
    "Popen": "subprocess.Popen",
    "check_output": "subprocess.check_output",
    "check_call": "subprocess.check_call",
    "getoutput": "subprocess.getoutput",
    "getstatusoutput": "subprocess.getstatusoutput",
    "system": "os.system",
    "popen": "os.popen",
    "etree": "lxml.etree",
    "ET": "xml.etree.ElementTree",
    "ElementTree": "xml.etree.ElementTree",
    "cElementTree": "xml.etree.cElementTree",
    "minidom": "xml.dom.minidom",
    "parseString": "xml.dom.minidom.parseString",
    "urlopen": "urllib.request.urlopen",
    "urlretrieve": "urllib.request.urlretrieve",
    "urlparse": "urllib.parse.urlparse",
    "urlsplit": "urllib.parse.urlsplit",
    "urljoin": "urllib.parse.urljoin",
    "unquote": "urllib.parse.unquote",
    "quote_plus": "urllib.parse.quote_plus",
    "mktemp": "tempfile.mktemp",
    "mkstemp": "tempfile.mkstemp",
    "mkdtemp": "tempfile.mkdtemp",
    "NamedTemporaryFile": "tempfile.NamedTemporaryFile",
    "gettempdir": "tempfile.gettempdir",
    "md5": "hashlib.md5",
    "sha1": "hashlib.sha1",
    "Environment": "jinja2.Environment",
    "SandboxedEnvironment": "jinja2.sandbox.SandboxedEnvironment",
    "Unpickler": "pickle.Unpickler",
    "unsafe_load": "yaml.unsafe_load",
    "full_load": "yaml.full_load",
    "safe_load": "yaml.safe_load",
    "literal_eval": "ast.literal_eval",
    "text": "sqlalchemy.text",
    "RawSQL": "django.db.models.expressions.RawSQL",
    "connection": "django.db.connection",
    "HttpResponse": "django.http.HttpResponse",
    "HttpResponseRedirect": "django.http.HttpResponseRedirect",
    "format_html": "django.utils.html.format_html",
    "escape": "html.escape",
    "secure_filename": "werkzeug.utils.secure_filename",
    "safe_join": "werkzeug.utils.safe_join",
    "send_from_directory": "flask.send_from_directory",
    "make_response": "flask.make_response",
    "session": "flask.session",
    "randint": "random.randint",
    "randrange": "random.randrange",
    "getrandbits": "random.getrandbits",
    "rmtree": "shutil.rmtree",
    "copyfile": "shutil.copyfile",
    "copytree": "shutil.copytree",
    "basename": "os.path.basename",
    "abspath": "os.path.abspath",
    "realpath": "os.path.realpath",
    "normpath": "os.path.normpath",
    "commonpath": "os.path.commonpath",
}
SOURCE_CALLS = {"input", "raw_input", "os.getenv", "os.environ.get", "getpass.getpass"}
SOURCE_NAMES = {"sys.argv", "os.environ"}
ROUTE_DECORATORS = re.compile(
    r"(^|\.)(route|get|post|put|patch|delete|api_route|websocket|api_view|view_config|expose)$"
)
VERIFIED_PARAM = re.compile(r"(verified|validated|signed|trusted|authenticated|unsigned)_")
"""A decorated handler's parameter named as what a decorator checked and passes in
(``@signed_data_view def view(request, verified_data)``): not a route parameter."""
SAFE_PARAM_TYPES = {"int", "float", "bool", "uuid.UUID", "UUID", "datetime", "date", "Decimal"}
NOT_SOURCE_PARAMS = {"self", "cls", "request", "req", "db", "session", "background_tasks", "response"}

WELL_KNOWN_PACKAGES = {
    "flask", "django", "fastapi", "starlette", "aiohttp", "tornado", "requests", "httpx", "urllib3",
    "sqlalchemy", "psycopg2", "psycopg", "pymysql", "MySQLdb", "yaml", "jinja2", "markupsafe",
    "werkzeug", "pydantic", "numpy", "pandas", "boto3", "botocore", "six", "lxml", "ldap", "ldap3",
    "celery", "redis", "pytest", "click", "typer", "bottle", "pyramid", "sanic", "quart", "bs4",
}  # fmt: skip
"""Third-party packages not looked up in the repository unless the change has files under them."""

# ------------------------------------------------------------------------------------ sanitisers
SANITISER_CALLS = {
    "int", "float", "bool", "len", "abs", "round", "ord", "hash", "id", "uuid.UUID", "UUID",
    "bson.ObjectId", "ObjectId", "decimal.Decimal", "Decimal", "url_for", "flask.url_for",
    "reverse", "django.urls.reverse", "format_html", "django.utils.html.format_html",
    "psycopg2.sql.SQL", "psycopg2.sql.Identifier", "psycopg2.sql.Literal", "psycopg.sql.SQL",
    "psycopg.sql.Identifier", "psycopg.sql.Literal", "sqlalchemy.bindparam", "bindparam",
    "hashlib.sha256", "hashlib.md5", "hashlib.sha1", "uuid.uuid4", "secrets.token_hex",
    "secrets.token_urlsafe", "time.time", "datetime.datetime.now", "isinstance", "callable",
}  # fmt: skip
"""Conversions and constructors whose result is safe for every sink (a number, an id, a digest)."""
_B = KIND_BITS
_PATH, _HTML, _SQL, _SHELL, _LDAP = _B["path"], _B["html"], _B["sql"], _B["shell"], _B["ldap"]
URL_KINDS = _B["redirect"] | _B["ssrf"]
_URL_QUOTED = ALL_KINDS & ~(_PATH | URL_KINDS | _B["argument"] | _B["trust"])
"""What percent-encoding with ``/`` kept makes safe: quotes, spaces, ``<>;|&$()`` are encoded."""
PARTIAL_SANITISERS = {
    **dict.fromkeys(("shlex.quote", "pipes.quote", "shellescape.quote", "mslex.quote"), _SHELL),
    **dict.fromkeys(
        ("html.escape", "cgi.escape", "markupsafe.escape", "flask.escape", "jinja2.escape",
         "django.utils.html.escape", "django.utils.html.conditional_escape", "xml.sax.saxutils.escape",
         "xml.sax.saxutils.quoteattr", "bleach.clean", "bleach.linkify", "nh3.clean",
         "html_sanitizer.Sanitizer.sanitize", "lxml.html.clean.clean_html", "clean_html",
         "django.utils.html.escapejs", "django.utils.html.strip_tags", "markupsafe.Markup.escape"),
        _HTML,
    ),
    **dict.fromkeys(("re.escape", "regex.escape", "fnmatch.translate"), _B["regex"]),
    # ASCII letters, digits, '_', '.' and '-' only: no line break either (a header's filename=)
    **dict.fromkeys(("werkzeug.utils.secure_filename", "secure_filename"), _PATH | _B["header"]),
    **dict.fromkeys(
        ("os.path.basename", "posixpath.basename", "ntpath.basename", "werkzeug.security.safe_join",
         "werkzeug.utils.safe_join", "flask.safe_join", "safe_join", "django.utils._os.safe_join",
         "pathvalidate.sanitize_filename", "sanitize_filename"),
        _PATH,
    ),
    **dict.fromkeys(
        ("ldap.filter.escape_filter_chars", "ldap3.utils.conv.escape_filter_chars", "escape_filter_chars",
         "ldap.dn.escape_dn_chars", "escape_dn_chars", "ldap3.utils.dn.escape_rdn", "escape_rdn"),
        _LDAP,
    ),
    **dict.fromkeys(
        ("pymysql.escape_string", "pymysql.converters.escape_string", "MySQLdb.escape_string",
         "psycopg2.extensions.quote_ident", "psycopg.sql.quote", "escape_string", "escape_like",
         "quote_ident", "sqlescape", "escape_sql", "sql_escape", "quote_identifier", "escape_identifier"),
        _SQL,
    ),
    **dict.fromkeys(("urllib.parse.quote", "urllib.quote", "urllib2.quote", "six.moves.urllib.parse.quote"),
                    _URL_QUOTED),
    **dict.fromkeys(
        ("urllib.parse.quote_plus", "urllib.quote_plus", "urllib.parse.urlencode", "urllib.urlencode",
         "quote_plus", "urlencode"),
        _URL_QUOTED | _PATH | _B["redirect"],
    ),
}  # fmt: skip
"""Escape functions and what they make a value safe for, and for nothing else: a quoted shell word is
still SQL, escaped HTML still a path, a file's base name still a shell word."""
_SANITISER_HINTS = (
    (re.compile(r"(?i)sql|ident|literal|like"), _SQL),
    (re.compile(r"(?i)shell|cmd|command|arg"), _SHELL),
    (re.compile(r"(?i)html|xml|markup|attr|js|script|tag"), _HTML),
    (re.compile(r"(?i)path|file|dir|name"), _PATH),
    (re.compile(r"(?i)ldap|filter|dn"), _LDAP),
    (re.compile(r"(?i)regex|pattern|re_"), _B["regex"]),
)
"""Words of a project's own escape function's name that say what it escapes for."""
_SANITISER_NAME = re.compile(r"(?i)(escape|quote|sanitiz|sanitis|bleach|slugify|clean_?(html|path|name))")
HTML_TEXT_ESCAPES = {
    "escape", "html_escape", "escape_html", "xhtml_escape", "conditional_escape", "force_escape",
    "escape_silent", "htmlescape",
}  # fmt: skip
"""Last names of calls that escape HTML text only: in a URL attribute they leave ``javascript:``."""
MARKUP_RETURNING = {"__html__", "_repr_html_", "__html_format__"}
"""Methods whose return value template engines and notebooks insert as markup, unescaped."""
COMMAND_HELPER = re.compile(r"(?i)(command|cmd|shell|popen|spawn)")
"""Names of helpers that run a command line they are given (``run_command``, ``self.exec_cmd``)."""
COMMAND_LEAD = re.compile(r"[\w./-]{1,60} ")
"""The start of a command line: a program's name, then a space."""
HTML_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]{0,20}[\s>/]")
"""The opening of an HTML element in constant text (``<a href=``, ``<html>``, ``<br/>``)."""
RENDERING_CLASS = re.compile(r"(?i)(renderer|widget|input|select|textarea)$")
"""Classes whose methods return HTML for a page (Markdown renderers, form widgets)."""
ENUM_BASES = {"Enum", "IntEnum", "StrEnum", "enum.Enum", "enum.IntEnum", "enum.StrEnum", "Flag"}

# ---------------------------------------------------------------------- propagating calls/methods
STRING_METHODS = {
    "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold", "replace",
    "encode", "decode", "split", "rsplit", "splitlines", "partition", "rpartition", "ljust",
    "rjust", "center", "zfill", "expandtabs", "removeprefix", "removesuffix", "swapcase",
    "translate", "get", "getlist", "getall", "getone", "pop", "copy", "items", "values", "keys",
    "setdefault", "to_dict", "dict", "as_posix", "resolve", "absolute", "joinpath", "with_name",
    "with_suffix", "strftime", "getvalue", "read", "readline", "readlines", "first", "last",
    "get_json", "json", "text", "geturl", "hex",
}  # fmt: skip
PROPAGATING_CALLS = {
    "str", "repr", "ascii", "bytes", "list", "tuple", "set", "frozenset", "dict", "sorted",
    "reversed", "next", "iter", "min", "max", "os.path.join", "posixpath.join", "ntpath.join",
    "os.path.normpath", "os.path.abspath", "os.path.realpath", "os.path.expanduser",
    "os.path.dirname", "os.fspath", "pathlib.Path", "Path", "pathlib.PurePath", "PurePath",
    "urllib.parse.urljoin", "urljoin", "urllib.parse.unquote", "unquote", "urllib.parse.unquote_plus",
    "json.dumps", "json.loads", "base64.b64decode", "base64.urlsafe_b64decode", "base64.b64encode",
    "codecs.decode", "textwrap.dedent", "copy.copy", "copy.deepcopy", "getattr", "enumerate",
    "zip", "map", "filter", "itertools.chain", "functools.reduce", "reduce", "operator.concat",
    "os.path.expandvars", "urllib.parse.urlparse", "urlparse", "urllib.parse.urlunparse",
    "format", "io.StringIO", "io.BytesIO",
}  # fmt: skip
ACCESSORS = {"get", "getlist", "getall", "getone", "pop", "setdefault", "get_all"}
"""Container reads: the key argument does not flow into the result, the default does."""
PROPAGATING_LAST_NAMES = {
    "urlsplit", "urlparse", "urljoin", "urlunsplit", "urlunparse", "unquote", "unquote_plus",
    "normpath", "abspath", "realpath", "expanduser", "force_text", "force_str", "smart_str",
    "smart_text", "ensure_str", "ensure_text", "to_unicode", "to_native", "text_type", "dedent",
    "StringIO", "BytesIO", "parse_qs", "parse_qsl",
}  # fmt: skip
"""Well-known text helpers, whatever module they are imported from (six, django, compat shims)."""
CONTAINER_MUTATORS = {
    "append", "extend", "add", "update", "insert", "appendleft", "setdefault", "write", "writelines",
}  # fmt: skip
CONFIG_PARSERS = {
    "configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser",
    "ConfigParser.ConfigParser", "ConfigParser.RawConfigParser", "ConfigParser.SafeConfigParser",
}  # fmt: skip
"""Their ``set(section, option, value)`` / ``get(section, option)`` pairs are tracked like dict keys."""
HTML_BY_DEFAULT = {"flask", "quart", "bottle"}
"""Frameworks whose route returning a string sends it as ``text/html``."""
BOUND_FORM = "bound-form"
_BOUND_FORM = re.compile(r"[A-Z]\w{0,80}(Form|FormSet|Serializer)$")


def bound_form(last: str, given: list[Val]) -> Val | None:
    """A form or serializer class (Django, WTForms, DRF: ``SelectForm(request.POST)``,
    ``ItemSerializer(data=request.data)``) bound to attacker data: what it holds
    (``cleaned_data``, ``validated_data``, ``data``, its fields) is that data, checked only for the
    field types the class (often in another file) declares. None for any other call."""
    if not _BOUND_FORM.match(last):
        return None
    sources = frozenset(s for v in given for s in v.sources)
    if not sources:
        return None
    lines = tuple(n for v in given if v.sources for n in v.lines)[:4]
    return Val(unknown=True, sources=sources, lines=lines, marker=BOUND_FORM)


NAME_RESOLVED_SKIP = {"run", "get", "set", "call", "execute", "read", "write", "open", "close", "send"}
"""Method names too common to resolve by name alone when the receiver's class is unknown."""


def sanitiser_bits(qualname: str) -> int:
    """The sink kinds (``KIND_BITS``) a call of ``qualname`` makes its argument safe for: every kind for
    a conversion, the escaped kind for an escape function, 0 for anything else. A project's own
    ``escape_*``/``sanitize_*`` counts for the kinds its name names, for every kind when it names none."""
    if qualname in PARTIAL_SANITISERS:
        return PARTIAL_SANITISERS[qualname]
    if qualname in SANITISER_CALLS:
        return ALL_KINDS
    last = qualname.rsplit(".", 1)[-1]
    # unquote(), unescape(): they undo the quoting
    if last.lower().startswith("un") or not _SANITISER_NAME.search(last):
        return 0
    if last in PARTIAL_SANITISERS:
        return PARTIAL_SANITISERS[last]
    if last.lower() in {"escape", "conditional_escape", "escape_html", "html_escape"}:
        return _HTML
    hinted = 0
    for pattern, bits in _SANITISER_HINTS:
        if pattern.search(last):
            hinted |= bits
    return hinted or ALL_KINDS


def is_sanitiser(qualname: str) -> bool:
    return bool(sanitiser_bits(qualname))


_VALIDATOR_NAME = re.compile(
    r"(?i)(valid|allowed|allow_?list|whitelist|safe|^is_|^check|permitted|match|^verify|_verify|"
    r"compare_digest|constant_time_compare)"
)
"""Names of checks: a guard on them proves its arguments safe (an HMAC compared before unpickling
authenticates the data)."""
VALIDATOR_METHODS = {
    "isdigit", "isnumeric", "isdecimal", "isalnum", "isalpha", "isidentifier", "isascii",
    "startswith", "is_relative_to", "fullmatch", "match",
}  # fmt: skip


def is_validator(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last in VALIDATOR_METHODS or bool(_VALIDATOR_NAME.search(last))


CHARACTER_CHECKS = {"isdigit", "isnumeric", "isdecimal", "isalnum", "isalpha", "isidentifier"}
"""String predicates whose truth leaves no character any sink treats specially."""
_VALIDATOR_HINTS = (
    (re.compile(r"(?i)url|uri|host|domain|origin|redirect|next|scheme|netloc|link|referr"), URL_KINDS),
    (re.compile(r"(?i)path|file|dir|folder|travers|inside|within|contain|relative"), _PATH),
    (re.compile(r"(?i)sql|column|table|order_?by|sort_?(key|field|by)|identifier"), _SQL),
    (re.compile(r"(?i)html|markup"), _HTML),
    (re.compile(r"(?i)cmd|command|shell|argv"), _SHELL | _B["argument"]),
)
"""Words of a validator's name that say what it validates for (``is_safe_url``: redirects and URLs)."""


def validator_bits(name: str) -> int:
    """The sink kinds a check named ``name`` proves its arguments safe for when it holds: what its
    name says it checks (a URL, a path, SQL), every kind for a character-class predicate or a check
    whose name names nothing (``is_valid``, ``compare_digest``)."""
    last = name.rsplit(".", 1)[-1]
    if last in CHARACTER_CHECKS:
        return ALL_KINDS
    if last == "isascii":
        return 0
    hinted = 0
    for pattern, bits in _VALIDATOR_HINTS:
        if pattern.search(last):
            hinted |= bits
    return hinted | KIND_BITS["trust"] if hinted else ALL_KINDS


_KIND_MARKS = {
    "sql": "'\"\\;`",
    "shell": ";|&$`<>()'\"\\\n\r*?",
    "code": "()[]'\".;\\",
    "ldap": "()*\\&|!=\0",
    "xpath": "'\"[]()/=@",
    "path": "/\\\0",
    "ssrf": "/\\@:#?.%",
    "redirect": "/\\:",
    "html": "<>\"'`",
    "regex": ".*+?()[]{}|\\^$",
    "argument": "-",
    "header": "\r\n",
    "deserialize": "().'\"\\",
}
"""The characters that make a value dangerous at each kind of sink (a pattern that admits none of
them validates the value for that kind)."""
_KIND_MASKS = {kind: sum(1 << ord(c) for c in set(marks)) for kind, marks in _KIND_MARKS.items()}
REGEX_CAP = 500


def regex_check(pattern: str, how: str) -> tuple[int, int]:
    """What ``re.<how>(pattern, value)`` proves about ``value``: the sink kinds it is safe for when
    the call matches, and when it does not. A pattern anchored at both ends (or ``fullmatch``)
    validates the value for the kinds none of whose special characters it admits (``[\\w.-]+``:
    SQL, shell, HTML, paths; not an option starting with ``-``); a search for a character class
    or a sequence that fails proves them absent (``[^\\w]``, ``\\.\\.``)."""
    if len(pattern) > REGEX_CAP:
        return 0, 0
    try:
        root = redos_regex.parse(pattern)
    except (RecursionError, ValueError, IndexError):
        return 0, 0
    options = root.items if root.kind == "alt" else [root]
    starts = how in {"fullmatch", "match"} or all(_edge(o, 0) for o in options)
    ends = how == "fullmatch" or all(_edge(o, -1) for o in options)
    if starts and ends:
        admitted = redos_regex.chars(root).bits
        checked = sum(KIND_BITS[k] for k, mask in _KIND_MASKS.items() if not admitted & mask)
        return checked | KIND_BITS["trust"], 0
    if how != "search":
        return 0, 0
    singles, texts = 0, set()
    for option in options:
        parts = [p for p in _spliced(option) if p.kind != "anchor"]
        if len(parts) == 1 and parts[0].kind == "char":
            singles |= parts[0].chars.bits
        if parts and all(p.kind == "char" and p.chars.bits.bit_count() == 1 for p in parts):
            texts.add("".join(chr(p.chars.bits.bit_length() - 1) for p in parts))
    absent = sum(KIND_BITS[k] for k, mask in _KIND_MASKS.items() if mask & ~singles == 0)
    if ".." in texts or singles & (1 << ord(".")):
        absent |= _PATH  # no parent-directory step
    return 0, absent


def _spliced(node: redos_regex.Node) -> list[redos_regex.Node]:
    out: list[redos_regex.Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.kind == "seq":
            stack.extend(reversed(n.items))
        else:
            out.append(n)
    return out


def _edge(option: redos_regex.Node, at: int) -> bool:
    """Whether ``option`` is anchored at its start (``at`` 0) or its end (-1)."""
    parts = _spliced(option)
    if not parts:
        return False
    edge = parts[at]
    return edge.kind == "anchor" and (edge.end_anchor if at == -1 else not edge.end_anchor)


# ------------------------------------------------------------------------------------------ sinks
@dataclass(frozen=True, slots=True)
class Sink:
    kind: str
    """sql, shell, code, deserialize, ldap, xpath, path, ssrf, redirect, html, archive."""
    args: tuple[int, ...]
    keywords: tuple[str, ...] = ()
    what: str = ""


CONSTRUCTION_KINDS = {"sql", "shell", "code", "ldap", "xpath", "html"}
"""Kinds where text built from unknown parts is a finding without a visible source."""
ANY_NONCONSTANT = {"eval()", "exec()", "Markup()", "mark_safe()", "SafeString()"}
"""Sinks where any non-constant value is a finding: code evaluated as is, text declared safe HTML."""
ARCHIVE_MEMBER_METHODS = {"namelist", "getnames", "getmembers", "infolist"}
"""Names of the members of an archive: chosen by whoever made the archive."""

_SQL_RECEIVER = re.compile(
    r"(?i)(^|[._])(cur|curs|cursor|cr|conn|connection|con|cnx|db|database|session|sess|engine|tx|txn|"
    r"transaction|dbh|sqlite|psql|pg|mysql|c|client|pool|connector|schema_editor)(\d*)$"
)
SQL_TEXT = re.compile(
    r"(?is)^\s*(?:\(\s*)?(select|insert|update|delete|with|create|drop|alter|replace|pragma|truncate|merge|"
    r"grant|revoke|exec|call|show|describe|set|begin|declare|vacuum|attach)\b"
)
SQL_METHODS = {
    "execute", "executemany", "executescript", "mogrify", "exec_driver_sql", "execute_sql",
    "execute_query", "execute_script", "fetch", "fetchrow", "fetchval", "run_sql", "raw_sql",
}  # fmt: skip
SQL_CALL_WORDS = re.compile(r"(?i)query|sql|exec|fetch")
"""Words of a function or method name (``fetch_all``, ``run_query``, ``db_exec``) that, given text that
starts like a SQL statement and is built from non-constant parts, make the call a SQL sink whatever
its receiver: a project's own query helper."""
SQL_FUNCTIONS = {
    "sqlalchemy.text": Sink("sql", (0,), ("text",), "sqlalchemy text()"),
    "sqlalchemy.sql.text": Sink("sql", (0,), ("text",), "sqlalchemy text()"),
    "sqlalchemy.sql.expression.text": Sink("sql", (0,), ("text",), "sqlalchemy text()"),
    "sqlalchemy.literal_column": Sink("sql", (0,), (), "literal_column()"),
    "django.db.models.expressions.RawSQL": Sink("sql", (0,), ("sql",), "RawSQL()"),
    "django.db.models.RawSQL": Sink("sql", (0,), ("sql",), "RawSQL()"),
    "RawSQL": Sink("sql", (0,), ("sql",), "RawSQL()"),
    "pandas.read_sql": Sink("sql", (0,), ("sql",), "pandas.read_sql()"),
    "pandas.read_sql_query": Sink("sql", (0,), ("sql",), "pandas.read_sql_query()"),
}
SHELL_FUNCTIONS = {
    "os.system": Sink("shell", (0,), ("command",), "os.system()"),
    "os.popen": Sink("shell", (0,), ("cmd",), "os.popen()"),
    "commands.getoutput": Sink("shell", (0,), (), "commands.getoutput()"),
    "commands.getstatusoutput": Sink("shell", (0,), (), "commands.getstatusoutput()"),
    "subprocess.getoutput": Sink("shell", (0,), ("cmd",), "subprocess.getoutput()"),
    "subprocess.getstatusoutput": Sink("shell", (0,), ("cmd",), "subprocess.getstatusoutput()"),
    "asyncio.create_subprocess_shell": Sink("shell", (0,), ("cmd",), "create_subprocess_shell()"),
    "pty.spawn": Sink("shell", (0,), (), "pty.spawn()"),
}
SUBPROCESS = {"subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
              "subprocess.Popen"}  # fmt: skip
SUBPROCESS_NAMES = {name.rsplit(".", 1)[-1] for name in SUBPROCESS}
WHOLE_COMMAND_SINKS = {sink.what for name, sink in SHELL_FUNCTIONS.items() if name != "pty.spawn"}
"""Sinks that always hand their text to a shell: a non-constant command passed in whole is reported
at low confidence (its caller decides what runs; ``subprocess`` counts only with ``shell=`` set)."""
SHELLS = {"sh", "bash", "dash", "zsh", "ksh", "ash", "cmd", "cmd.exe", "powershell", "pwsh"}
SHELL_COMMAND_FLAGS = {"-c", "/c", "/C", "-lc", "-ec", "-Command", "-command"}
OPTION_PARSING_TOOLS = {"git", "hg", "svn", "ssh", "scp", "sftp", "rsync", "curl", "wget"}
"""Programs whose option parser turns an argument starting with ``-`` into a dangerous option
(``--upload-pack=``, ``-oProxyCommand=``, ``--config=alias...``): any non-constant argument there is
reported (medium without a visible source)."""
OPTION_PARSING_TOOLS_WITH_SOURCE = {"tar", "zip", "unzip", "7z", "find", "sendmail", "xargs"}
"""Reported only when request data or another source reaches the argument (``--checkpoint-action=``)."""
FLAG_OPTIONS = {
    "-q", "--quiet", "-v", "--verbose", "--noupdate", "-U", "--symref", "--heads", "--tags", "--refs",
    "--bare", "--mirror", "--recursive", "--recurse-submodules", "--shallow-submodules",
    "--single-branch", "--no-single-branch", "--no-checkout", "--no-tags", "--progress", "--force",
    "--all", "--prune", "--insecure", "--pull", "--uncompressed", "--no-hardlinks", "--local",
    "--shared", "-k", "--location", "--silent", "--show-error", "--archive", "--compress", "--delete",
}  # fmt: skip
"""Options of those programs that take no value: what follows one is parsed as an option or an
operand again (``git ls-remote --symref URL``), not taken as the option's value."""
EXEC_ARGV = {
    "os.execl": 1, "os.execlp": 1, "os.execle": 1, "os.execv": 1, "os.execvp": 1, "os.execve": 1,
    "os.spawnl": 2, "os.spawnlp": 2, "os.spawnv": 2, "os.spawnvp": 2,
}  # fmt: skip
"""Functions taking the program's argument vector from this position (a list, or the other arguments)."""
VCS_SUBCOMMANDS = {"clone", "checkout", "pull", "fetch", "update", "archive", "ls-remote", "submodule"}
CODE_FUNCTIONS = {
    "eval": Sink("code", (0,), (), "eval()"),
    "exec": Sink("code", (0,), (), "exec()"),
    "compile": Sink("code", (0,), ("source",), "compile()"),
    "execfile": Sink("code", (0,), (), "execfile()"),
    "jinja2.Template": Sink("code", (0,), ("source",), "jinja2.Template()"),
    "jinja2.environment.Template": Sink("code", (0,), ("source",), "jinja2.Template()"),
    "mako.template.Template": Sink("code", (0,), ("text",), "mako Template()"),
    "tornado.template.Template": Sink("code", (0,), ("template_string",), "tornado Template()"),
    "<unimported>.Template": Sink("code", (0,), ("source", "text"), "Template()"),
    "flask.render_template_string": Sink("code", (0,), ("source",), "render_template_string()"),
    "render_template_string": Sink("code", (0,), ("source",), "render_template_string()"),
    "django.template.Template": Sink("code", (0,), (), "django Template()"),
}
DYNAMIC_LOOKUPS = {
    "importlib.import_module", "__import__", "import_string", "django.utils.module_loading.import_string",
    "werkzeug.utils.import_string", "pydoc.locate", "locate",
}  # fmt: skip
"""Calls that import or resolve code by a name (``interp._dynamic_lookup``: request data choosing it)."""
DESERIALIZE_FUNCTIONS = {
    name: Sink("deserialize", (0,), (), f"{name}()")
    for name in (
        "pickle.loads", "pickle.load", "cPickle.loads", "cPickle.load", "_pickle.loads", "dill.loads",
        "dill.load", "marshal.loads", "marshal.load", "jsonpickle.decode", "pandas.read_pickle",
        "yaml.unsafe_load", "shelve.open",
    )
}  # fmt: skip
SERIALIZERS = {
    "pickle.dumps", "cPickle.dumps", "_pickle.dumps", "dill.dumps", "marshal.dumps", "jsonpickle.encode",
}  # fmt: skip
"""Calls whose result is the serialised form of the caller's own objects (what the loads above read back)."""
YAML_LOADS = {"yaml.load", "yaml.load_all"}
SAFE_YAML_LOADERS = re.compile(r"(Safe|Base|Full)Loader$")
"""Loaders that construct no arbitrary Python objects (FullLoader since PyYAML 5.4, as the rule pack's
``py-yaml-unsafe-load`` reads it: the fix real projects made, ``Loader=yaml.FullLoader``, is not a flaw)."""
PATH_FUNCTIONS = {
    name: Sink("path", (0,), ("file", "path", "filename"), f"{name}()")
    for name in (
        "open", "io.open", "codecs.open", "os.remove", "os.unlink", "os.rmdir", "os.removedirs",
        "shutil.rmtree", "shutil.copy", "shutil.copyfile", "shutil.copy2", "shutil.move",
        "shutil.copytree", "flask.send_file", "send_file", "os.open", "os.listdir", "os.rename",
        "aiofiles.open", "starlette.responses.FileResponse", "fastapi.responses.FileResponse",
        "FileResponse", "aiohttp.web.FileResponse", "web.FileResponse", "django.http.FileResponse",
        "os.chmod", "os.makedirs", "os.mkdir", "tempfile.mkstemp",
    )
}  # fmt: skip
PATH_FUNCTIONS |= {
    name: Sink("path", (0, 1), ("src", "dst"), f"{name}()")
    for name in (
        "shutil.copy", "shutil.copyfile", "shutil.copy2", "shutil.move", "shutil.copytree", "os.rename",
        "os.replace", "os.renames", "os.link", "os.symlink",
    )
}  # fmt: skip
"""Both ends of a copy or a move: a destination outside the root writes or replaces any file."""
PATH_FUNCTIONS |= {
    name: Sink("path", (0,), ("directory",), f"{name}() directory")
    for name in ("flask.send_from_directory", "send_from_directory", "flask.helpers.send_from_directory")
}  # its file name is kept inside the directory; the directory itself is trusted
PATH_FUNCTIONS |= {
    name: Sink("path", (), ("root",), f"{name}() root") for name in ("bottle.static_file", "static_file")
}
FILE_PARAM = re.compile(
    r"(?i)(^|_)(file_?name|fname|file|path|file_?path|rel_?path|sub_?path|name|key|member|entry|"
    r"resource|asset|page|doc|document|attachment|upload|image|target|dest|destination)$|"
    r"^[a-z]{2,30}name$"
)
"""Parameter names of a file name or relative path chosen by the caller (``filename``, ``object_key``,
``rolename``: a name that becomes a file's name)."""
TEST_FILE = re.compile(r"(^|/)(tests?|testing)/|(^|/)test_[^/]*\.py$|_tests?\.py$|(^|/)conftest\.py$")
HTTP_SERVER_HANDLER = re.compile(r"(^|\.)(Base|Simple|CGI)HTTPRequestHandler$")
HTTP_SERVER_ATTRS = {"path", "headers", "requestline", "rfile", "raw_requestline"}
"""``http.server`` request handlers: ``self.path`` and the rest are the client's request."""
WSGI_ENVIRON = {"environ", "wsgi_environ"}
"""A WSGI application's request (``environ["PATH_INFO"]``), when ``start_response`` is beside it."""
ASGI_SCOPE_TYPES = {"Scope", "starlette.types.Scope", "HTTPScope", "WWWScope"}
"""Annotations of an ASGI request scope (``scope["path"]``)."""
PATH_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "unlink", "rmdir", "open", "mkdir"}
SSRF_FUNCTIONS = {
    **{
        f"{lib}.{m}": Sink("ssrf", (0,), ("url",), f"{lib}.{m}()")
        for lib in ("requests", "httpx")
        for m in ("get", "post", "put", "patch", "delete", "head", "options", "stream")
    },
    "requests.request": Sink("ssrf", (1,), ("url",), "requests.request()"),
    "httpx.request": Sink("ssrf", (1,), ("url",), "httpx.request()"),
    "urllib.request.urlopen": Sink("ssrf", (0,), ("url",), "urlopen()"),
    "urllib.request.Request": Sink("ssrf", (0,), ("url",), "urllib Request()"),
    "urllib2.urlopen": Sink("ssrf", (0,), ("url",), "urlopen()"),
    "urllib.urlopen": Sink("ssrf", (0,), ("url",), "urlopen()"),
    "urlopen": Sink("ssrf", (0,), ("url",), "urlopen()"),
    "urllib.request.urlretrieve": Sink("ssrf", (0,), ("url",), "urlretrieve()"),
    **{
        f"{mod}.{cls}": Sink("ssrf", (0,), ("host",), f"{cls}()")
        for mod in ("http.client", "httplib", "six.moves.http_client")
        for cls in ("HTTPConnection", "HTTPSConnection")
    },
    "smtplib.SMTP": Sink("ssrf", (0,), ("host",), "SMTP()"),
    "socket.create_connection": Sink("ssrf", (0,), ("address",), "socket.create_connection()"),
}
SSRF_CLIENT_RECEIVER = re.compile(r"(?i)(^|[._])(session|client|http|requests|httpx|s)$")
REDIRECT_FUNCTIONS = {
    name: Sink("redirect", (0,), ("location", "url", "to"), "redirect")
    for name in (
        "flask.redirect", "redirect", "django.shortcuts.redirect", "quart.redirect",
        "django.http.HttpResponseRedirect", "HttpResponseRedirect", "HttpResponsePermanentRedirect",
        "django.http.HttpResponsePermanentRedirect", "starlette.responses.RedirectResponse",
        "fastapi.responses.RedirectResponse", "RedirectResponse", "aiohttp.web.HTTPFound",
        "web.HTTPFound", "bottle.redirect", "werkzeug.utils.redirect", "sanic.response.redirect",
        "falcon.HTTPFound", "falcon.HTTPSeeOther", "falcon.HTTPTemporaryRedirect",
        "falcon.HTTPMovedPermanently", "falcon.HTTPPermanentRedirect", "litestar.response.Redirect",
        *(
            f"{mod}.{cls}"
            for mod in ("pyramid.httpexceptions", "webob.exc", "aiohttp.web", "web")
            for cls in ("HTTPFound", "HTTPSeeOther", "HTTPTemporaryRedirect", "HTTPMovedPermanently",
                        "HTTPPermanentRedirect")
        ),
    )
}  # fmt: skip
REDIRECT_METHODS = {"sendRedirect", "send_redirect", "redirect_to", "http_redirect"}
"""Methods of a handler or protocol object that answer with a redirect to their first argument."""
REQUEST_FIELD = re.compile(
    r"(?i)^_?(http_)?request_(params|args|arguments|query|uri|url|path|headers|body|data|form)$"
)
"""Fields where a server or protocol object keeps the request it parsed (``self.http_request_params``)."""
HTML_MARKUP = {
    name: Sink("html", (0,), (), f"{name.rsplit('.', 1)[-1]}()")
    for name in (
        "markupsafe.Markup", "flask.Markup", "jinja2.Markup", "Markup",
        "django.utils.safestring.mark_safe", "mark_safe", "SafeString",
        "django.utils.safestring.SafeString",
    )
}  # fmt: skip
HTML_MARKUP |= {
    name: Sink("html", (0,), ("format_string",), "format_html() format string")
    for name in ("django.utils.html.format_html", "format_html")
}  # its arguments are escaped, its format string is taken as markup
HTML_RESPONSES = {
    name: Sink("html", (0,), ("content", "response"), f"{name.rsplit('.', 1)[-1]}()")
    for name in (
        "flask.make_response", "make_response", "django.http.HttpResponse", "HttpResponse",
        "starlette.responses.HTMLResponse", "fastapi.responses.HTMLResponse", "HTMLResponse",
        "flask.Response", "werkzeug.wrappers.Response", "aiohttp.web.Response", "web.Response",
    )
}  # fmt: skip
HTML_RESPONSES |= {
    name: Sink("html", (position,), (keyword,), f"{name.rsplit('.', 1)[-1]}()")
    for name, position, keyword in (
        ("twisted.web.resource.NoResource", 0, "message"), ("resource.NoResource", 0, "message"),
        ("twisted.web.resource.ForbiddenResource", 0, "message"),
        ("resource.ForbiddenResource", 0, "message"),
        ("twisted.web.resource.ErrorPage", 2, "detail"), ("resource.ErrorPage", 2, "detail"),
    )
}  # fmt: skip
"""Twisted's error pages put their text into the HTML as it is (``pages.notFound`` escapes it)."""
HEADER_METHODS = {"set_header", "add_header", "send_header", "setHeader", "append_header"}
"""Methods that write one header (name, value): Tornado, http.server, http.client, email, WSGI helpers."""
HEADER_MAP_METHODS = {"add", "set", "setdefault", "append", "extend", "update"}
"""Methods of a ``.headers`` map that store a header."""
EMAIL_HEADERS = {"subject", "to", "from", "cc", "bcc", "reply-to", "sender", "return-path", "in-reply-to"}
_MESSAGE_NAME = re.compile(r"(?i)(^|[._])(msg|message|mail|email|mime_?\w*|envelope)$")
_RESPONSE_HEADERS = re.compile(r"(?i)(^|[._])(resp|response|res|r|rv|reply|self)\.headers$")
"""Header maps of a response (``response.headers``, ``self.headers`` of a handler), not a request's."""
CRLF_MARKER = "crlf-stripped"  # one of values.TEXT_MARKERS
"""What remains of a value whose CR and LF were removed (``.replace("\\r", "")``): safe in a header."""


LOCAL_SOURCES = {
    "os.getenv()", "os.environ.get()", "os.environ", "sys.argv", "input()", "raw_input()",
    "getpass.getpass()",
}  # fmt: skip
"""Sources of the operator's own process (environment, command line, terminal): no visitor writes a
header line with them (an API token from the environment in an outgoing request's header is no flaw)."""


def message_object(name: str) -> bool:
    """Whether ``name`` holds an email message (``msg["Subject"] = x`` writes a header)."""
    return bool(_MESSAGE_NAME.search(name))


def response_headers(name: str) -> bool:
    return bool(_RESPONSE_HEADERS.search(name)) and not name.startswith(("request.", "req.", "self.request."))


LDAP_METHODS = {"search_s": 2, "search_st": 2, "search_ext": 2, "search_ext_s": 2, "search": 1}
LDAP_KEYWORDS = ("filterstr", "search_filter")
XPATH_FUNCTIONS = {"lxml.etree.XPath", "lxml.etree.ETXPath", "etree.XPath", "etree.ETXPath"}
ELEMENT_FIND = {"find", "findall", "findtext", "iterfind"}


def element_path(text: str) -> bool:
    """Whether the constant text of a ``find()`` argument reads as an ElementTree path with a
    predicate (``.//user[@name='``, ``user[name='``), not text searched in a string (``"[" + sep``)."""
    return "[" in text and any(mark in text for mark in "@/=")


TAR_OPENERS = {"tarfile.open", "tarfile.TarFile", "tarfile.TarFile.open"}
_FIXED_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#{}%]+[/?#]")
_LOCAL_PATH = re.compile(r"^/(?![/\\])")


def fixed_host(lead: str) -> bool:
    """Whether text starting with ``lead`` names its scheme and host in constant text."""
    return bool(_FIXED_HOST.match(lead))


def local_redirect(lead: str) -> bool:
    return bool(_LOCAL_PATH.match(lead))


def sql_receiver(receiver: str) -> bool:
    return bool(_SQL_RECEIVER.search(receiver))


SINK_TABLES = (
    SQL_FUNCTIONS,
    SHELL_FUNCTIONS,
    CODE_FUNCTIONS,
    DESERIALIZE_FUNCTIONS,
    PATH_FUNCTIONS,
    SSRF_FUNCTIONS,
    REDIRECT_FUNCTIONS,
    HTML_MARKUP,
    HTML_RESPONSES,
)

# ------------------------------------------------------------- client state, digests, XML parsers
RANDOM_FUNCTIONS = {
    "random", "randint", "randrange", "choice", "choices", "sample", "getrandbits", "randbytes",
    "uniform", "triangular", "gauss", "normalvariate", "betavariate", "expovariate", "rand", "randn",
    "integers", "bytes", "random_sample",
}  # fmt: skip
"""Functions of ``random`` (and ``numpy.random``) whose output is predictable."""
RANDOM_MODULES = {"random", "numpy.random", "np.random"}
RANDOM_GENERATORS = {"random.Random", "numpy.random.default_rng", "numpy.random.RandomState"}
"""Constructors of predictable generator objects (``random.SystemRandom`` is not one)."""
SECRET_NAME = re.compile(
    r"(?i)(token|secret|passw|(?<![a-z])pwd(?![a-z])|nonce|(?<![a-z])otp(?![a-z])|(?<![a-z])salt(?![a-z])|"
    r"csrf|xsrf|session|sess_?id|(?<![a-z])sid(?![a-z])|api_?key|auth(?!or)|remember|reset_?(token|code|key|"
    r"link)|verif|confirm_?code|activation|invite_?code|magic_?link|challenge|one_?time|(?<![a-z])pin(?![a-z])|"
    r"credential|signature)"
)
"""Names of values that must not be guessable: a predictable random value assigned to one, passed as
one, or returned by a function named so is a flaw."""
PREFERENCE_COOKIE = re.compile(
    r"(?i)(theme|lang|locale|pref|consent|timezone|tz|currency|dismiss|seen|banner|tour|sidebar|layout|"
    r"view|sort|font|colou?r|mode)"
)
"""Cookies that hold a display preference: little to protect, their missing flags are low confidence."""
COOKIE_SETTERS = {"set_cookie": (6, 7), "set_signed_cookie": (7, 8)}
"""Methods setting a cookie, with the positions of their ``secure`` and ``httponly`` parameters
(Flask/Werkzeug and Django; ``set_signed_cookie`` takes a salt first)."""
SESSION_OBJECTS = {"flask.session", "quart.session", "flask.globals.session", "bottle.request.session"}
WEAK_DIGESTS = {"md5", "sha1", "md4", "md2", "sha", "ripemd160", "md5-sha1"}
WEAK_DIGEST_MODULES = re.compile(r"^Crypto(dome)?\.Hash\.(MD5|MD4|MD2|SHA1|SHA)$")
"""PyCryptodome's broken digests (``Crypto.Hash.MD5.new(data)``)."""
CHECKSUM_NAME = re.compile(
    r"(?i)(checksum|etag|cache|fingerprint|dedup|shard|bucket|md5sum|sha1sum|content_?hash|file_?hash|"
    r"digest_?of|gravatar|color|colour)"
)
"""Names of digests that are not security controls (a cache key, an ETag): MD5/SHA-1 there is fine."""
LXML_PARSE = {
    "lxml.etree.fromstring", "lxml.etree.parse", "lxml.etree.XML", "lxml.etree.fromstringlist",
    "lxml.objectify.fromstring", "lxml.objectify.parse", "lxml.objectify.XML",
}  # fmt: skip
LXML_PARSERS = {"lxml.etree.XMLParser", "lxml.objectify.makeparser", "lxml.etree.XMLPullParser"}
STDLIB_XML_PARSE = {
    "xml.dom.minidom.parseString", "xml.dom.minidom.parse", "xml.dom.pulldom.parseString",
    "xml.dom.pulldom.parse", "xml.etree.ElementTree.fromstring", "xml.etree.ElementTree.parse",
    "xml.etree.ElementTree.XML", "xml.etree.ElementTree.iterparse", "xml.etree.cElementTree.fromstring",
    "xml.etree.cElementTree.parse", "xml.sax.parseString", "xml.sax.parse",
}  # fmt: skip
"""Standard-library XML parsers: no external entities by default (Python 3.7.1+), but entity expansion
(billion laughs) and, with a feature switched on, external entities; request data parsed with them is
reported (defusedxml is the safe form)."""
SAX_EXTERNAL_FEATURES = {
    "feature_external_ges", "feature_external_pes", "http://xml.org/sax/features/external-general-entities",
    "http://xml.org/sax/features/external-parameter-entities",
}  # fmt: skip
