"""Turn flow hits into ``Finding``s: category, CWE, severity, confidence, anchor, advice.

High confidence when attacker data (a request, the command line, the environment, a route
parameter) reaches the sink; medium for unsafe construction from values whose origin is not visible;
low for a non-constant command handed whole to a shell (``os.system(cmd)``, ``shell=True``).
Imports the flow package and bot.core only.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.flow.interp import Hit
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "flow"
VERSION = "1"


@dataclass(frozen=True, slots=True)
class Advice:
    category: str
    noun: str
    severity: Severity
    explanation: str
    remediation: tuple[str, ...]
    cwe: str = ""
    """A CWE more precise than the category's own (argument injection within command injection)."""


ADVICE = {
    "sql": Advice(
        "sql-injection",
        "SQL text",
        Severity.HIGH,
        "Part of the SQL text is not a constant, so a quote in that value changes the statement: "
        "whoever controls it can read or change any row the database account can reach.",
        (
            "Keep the SQL text constant and pass values as bound parameters, e.g. "
            '`cur.execute("SELECT ... WHERE customer = %s", (customer,))` or `text("... = :c")` with '
            '`{"c": c}`.',
            "For identifiers (table, column, sort order), map the input through an allow-list or quote it "
            "with the driver's identifier quoting (`psycopg.sql.Identifier`).",
            "Add a test whose input contains a single quote.",
        ),
    ),
    "shell": Advice(
        "command-injection",
        "shell command line",
        Severity.CRITICAL,
        "The shell interprets `;`, `|`, `$()` and backticks inside the value, so whoever controls it can "
        "run any command with the service's privileges.",
        (
            'Pass an argument list without a shell: `subprocess.run(["tool", arg], check=True)`.',
            "If a shell is unavoidable, quote every non-constant part with `shlex.quote()`.",
            "Validate the value against an allow-list where the set of options is known.",
        ),
    ),
    "argument": Advice(
        "command-injection",
        "command argument",
        Severity.HIGH,
        "The program parses its arguments for options: a value starting with `-` becomes an option "
        "(`--upload-pack=`, `-oProxyCommand=`, `--config=alias.x=!cmd`) and can run commands.",
        (
            'Put `"--"` before values that are not options (`["git", "clone", "--", url, dest]`).',
            "Reject values that start with `-`, or validate them against the expected form (a URL scheme, "
            "a host name).",
        ),
        cwe="CWE-88",
    ),
    "code": Advice(
        "code-injection",
        "code or template text",
        Severity.CRITICAL,
        "Text evaluated as Python or compiled as a template runs with the service's privileges; "
        "a non-constant part lets its author run code.",
        (
            "Do not evaluate text: parse data with `json.loads` / `ast.literal_eval`, or dispatch "
            "through a dict of allowed functions.",
            "Keep template source constant and pass values as render context "
            "(`render_template_string(TPL, name=name)`).",
        ),
    ),
    "deserialize": Advice(
        "deserialization",
        "serialized data",
        Severity.HIGH,
        "pickle, marshal and unsafe YAML loaders construct arbitrary objects; data that is not a "
        "constant written by the application itself can run code when loaded.",
        (
            "Use a data-only format (`json.loads`, `yaml.safe_load`).",
            "If objects must cross a trust boundary, sign them (HMAC) and verify before loading.",
        ),
    ),
    "ldap": Advice(
        "ldap-injection",
        "LDAP filter",
        Severity.HIGH,
        "Characters such as `*`, `(` and `)` in the value change the filter, which can bypass "
        "authentication or disclose the directory.",
        (
            "Escape each value with `ldap.filter.escape_filter_chars()` (ldap3: "
            "`escape_filter_chars`), or build "
            "the filter with `ldap.filter.filter_format()`.",
        ),
    ),
    "xpath": Advice(
        "xpath-injection",
        "XPath expression",
        Severity.MEDIUM,
        "A quote in the value rewrites the predicate, so the query returns nodes the caller must not see.",
        (
            "Keep the expression constant and bind values as XPath variables: "
            '`tree.xpath("//u[@n=$n]", n=name)`.',
        ),
    ),
    "path": Advice(
        "path-traversal",
        "file path",
        Severity.HIGH,
        "A path containing `../` (or an absolute path) reaches files outside the intended directory.",
        (
            "Reduce the value to a file name (`werkzeug.utils.secure_filename`, `os.path.basename`) "
            "or serve it "
            "with `send_from_directory` / `safe_join`.",
            "Resolve the final path and check it stays inside the base directory "
            "(`os.path.realpath(p).startswith(base + os.sep)` or `Path.is_relative_to`).",
        ),
    ),
    "containment": Advice(
        "path-traversal",
        "path",
        Severity.MEDIUM,
        "A containment check that compares text lets through paths outside the directory whose names "
        "start with the directory's name (`/srv/static` is a character prefix of "
        "`/srv/static-secrets/key`).",
        (
            "Compare path components: `os.path.commonpath([root, path]) == root` on `realpath` results, "
            "or `Path(path).resolve().is_relative_to(root)`.",
            "When comparing strings, compare against the root with its trailing separator "
            "(`path.startswith(root + os.sep)`).",
        ),
    ),
    "archive": Advice(
        "path-traversal",
        "archive member",
        Severity.HIGH,
        "`tarfile` extraction without a filter writes members named `../x` or absolute paths outside the "
        "target directory and follows links.",
        (
            'Pass `filter="data"` to `extractall()` / `extract()` (Python 3.12+, backported to 3.8+ '
            "security releases).",
            "Otherwise check every member's resolved path stays under the destination before extracting.",
        ),
    ),
    "ssrf": Advice(
        "ssrf",
        "request URL",
        Severity.HIGH,
        "The server fetches a URL whose host the caller chooses: internal services, cloud metadata "
        "endpoints and local files become reachable.",
        (
            "Keep scheme and host constant and put the value only in the path or query (URL-quoted).",
            "Where the host must vary, check it against an allow-list after parsing "
            "(`urllib.parse.urlsplit`).",
        ),
    ),
    "redirect": Advice(
        "open-redirect",
        "redirect target",
        Severity.MEDIUM,
        "Redirecting to a caller-chosen URL sends users to an attacker's site from a trusted link "
        "(phishing, token theft).",
        (
            "Redirect only to local paths or allow-listed hosts (`url_has_allowed_host_and_scheme` "
            "in Django).",
            "Prefer redirecting to a named route (`url_for(...)`).",
        ),
    ),
    "html": Advice(
        "xss",
        "HTML",
        Severity.HIGH,
        "Text marked safe or written into an HTML response is not escaped, so a `<script>` in the value "
        "runs in the visitor's browser.",
        (
            "Render through the template engine with autoescaping, or escape each value "
            "(`markupsafe.escape`, `html.escape`, `format_html`).",
            "Never wrap non-constant text in `Markup` / `mark_safe`.",
        ),
    ),
    "header": Advice(
        "crlf-injection",
        "header value",
        Severity.MEDIUM,
        "A carriage return or line feed in the value ends the header: whoever controls it adds headers "
        "(`Set-Cookie`, `Location`) or a body of their own (response splitting, mail header injection).",
        (
            "Reject or strip `\\r` and `\\n` (and other control characters) before the value reaches a "
            "header, or URL-quote it (`urllib.parse.quote`); for file names use "
            "`filename*=UTF-8''` with a quoted name.",
            "Prefer the framework's response API, which refuses newlines in header values.",
        ),
        cwe="CWE-113",
    ),
    "trust": Advice(
        "trust-boundary",
        "request value",
        Severity.MEDIUM,
        "Code that reads the session assumes the server put the value there after checking it (a user "
        "id, a role, an approved amount); storing an unchecked request value lets the client set that "
        "state directly.",
        (
            "Store only values the server derived or validated (a looked-up id, an allow-listed choice).",
            "Keep request data and session state apart so the check cannot be skipped.",
        ),
    ),
    "random": Advice(
        "insecure-randomness",
        "predictable random value",
        Severity.MEDIUM,
        "The `random` module's generator (Mersenne Twister) is predictable: a few observed outputs give "
        "its state, so a token, cookie, session entry or link made from it can be computed by others.",
        (
            "Use the `secrets` module (`secrets.token_urlsafe(32)`, `secrets.randbelow(n)`) for any "
            "value a client holds or that guards access.",
            "Or `random.SystemRandom()` where an API needs the `random` interface.",
        ),
        cwe="CWE-330",
    ),
    "hash": Advice(
        "weak-crypto",
        "data",
        Severity.MEDIUM,
        "MD5 and SHA-1 have practical collision attacks and are fast enough to brute-force short "
        "secrets: a digest made with them no longer proves integrity or protects a password.",
        (
            "Use `hashlib.sha256` (or `blake2b`) for integrity, `hmac.new(key, msg, hashlib.sha256)` "
            "for signatures, and a password hash (argon2, bcrypt, `hashlib.scrypt`) for passwords.",
            "If the digest is not a security control (a cache key), pass `usedforsecurity=False`.",
        ),
        cwe="CWE-328",
    ),
    "cookie": Advice(
        "insecure-cookie",
        "cookie value",
        Severity.LOW,
        "Without `secure=True` the browser also sends the cookie over plain HTTP, where anyone on the "
        "path can copy it; without `httponly=True` any script on the page (an XSS payload) can read it.",
        (
            'Set `secure=True, httponly=True, samesite="Lax"` on every cookie that is not a display '
            "preference.",
        ),
    ),
    "xxe": Advice(
        "xxe",
        "XML document",
        Severity.HIGH,
        "A parser that resolves external entities inlines local files (`<!ENTITY x SYSTEM "
        '"file:///etc/passwd">`) or fetches URLs; one that expands entities can be exhausted by nested '
        "ones (billion laughs).",
        (
            "Parse untrusted XML with `defusedxml` (`defusedxml.ElementTree.fromstring`, `defusedxml.lxml`).",
            "With lxml, build the parser with `resolve_entities=False, no_network=True, load_dtd=False`.",
        ),
    ),
    "template": Advice(
        "template-injection",
        "template source",
        Severity.HIGH,
        "A template engine outside a sandbox gives template authors Python's object graph "
        "(`{{ ''.__class__.__mro__[1].__subclasses__() }}`): whoever writes the template text runs code "
        "with the service's privileges.",
        (
            "Keep template source constant (files shipped with the application) and pass values as "
            "render context.",
            "Where users must author templates, compile them in "
            "`jinja2.sandbox.ImmutableSandboxedEnvironment` (or `SandboxedEnvironment`) and keep "
            "Jinja2 up to date.",
        ),
    ),
    "timing": Advice(
        "timing-attack",
        "secret",
        Severity.MEDIUM,
        "`==` stops at the first byte that differs, so the response time tells an attacker how much of a "
        "guessed signature, token or key was right; they can recover it byte by byte.",
        (
            "Compare secrets with `hmac.compare_digest(a, b)` (or `secrets.compare_digest`, Django's "
            "`constant_time_compare`), on bytes or ASCII strings of the same type.",
            "For a set of allowed keys, compare against each with `compare_digest` (not `in`).",
        ),
    ),
    "tempfile": Advice(
        "insecure-temp-file",
        "path",
        Severity.MEDIUM,
        "Any local user can create files in the shared temporary directory: one who predicts the name "
        "creates it first (or a symlink to a file of yours), and the program writes to or reads from a "
        "file the attacker controls.",
        (
            "Create temporary files with `tempfile.mkstemp()` / `tempfile.NamedTemporaryFile()` and "
            "directories with `tempfile.mkdtemp()` / `TemporaryDirectory()` (random names, owner-only "
            "permissions, created atomically).",
            "For a persistent cache or state file, use a directory owned by the user (`0o700`), not `/tmp`.",
        ),
    ),
    "exposure": Advice(
        "information-exposure",
        "exception",
        Severity.MEDIUM,
        "Exception messages and tracebacks describe the server: file paths, SQL text, library versions, "
        "host names and sometimes credentials inside connection strings; sent to the client they map "
        "the system for an attacker.",
        (
            "Log the exception on the server (`logger.exception(...)`) and answer with a generic message "
            "and an error id the operator can look up.",
            "Return exception text only for errors written for the caller (validation errors).",
        ),
        cwe="CWE-209",
    ),
    "logged": Advice(
        "information-exposure",
        "secret",
        Severity.MEDIUM,
        "Log files are read, shipped and kept by more people and systems than the secret store: a "
        "password, key or token written there is disclosed to all of them.",
        (
            "Do not log secrets; log that the value was present, or a masked form (`key[:4] + '...'`).",
            "Rotate any credential that already reached the logs.",
        ),
        cwe="CWE-532",
    ),
    "serialised": Advice(
        "information-exposure",
        "secret",
        Severity.MEDIUM,
        "What a serialiser or `to_dict()` returns ends up in API responses, caches and exports: a "
        "password hash, key or secret in it is disclosed to every client that can read the object.",
        (
            "List the fields to expose explicitly (`fields = [...]`) and leave secrets out, or mark them "
            "`write_only`/`load_only`.",
            "Drop secret keys from `to_dict()`; serialise them only where the owner needs them.",
        ),
    ),
    "decompress": Advice(
        "resource-exhaustion",
        "compressed data",
        Severity.MEDIUM,
        "Compression ratios reach 1000:1 and more: a few kilobytes inflated without a bound on the "
        "output (a decompression bomb) take gigabytes of memory and the CPU to make them, and one "
        "request takes the service down.",
        (
            "Inflate in steps with a bound on the output: `d = zlib.decompressobj(); out = "
            "d.decompress(data, max_length=LIMIT)` and refuse the input when `d.unconsumed_tail` is "
            "not empty (`bz2`/`lzma` decompressors take `max_length` too).",
            "Read a compressed file in chunks (`f.read(CHUNK)`) and stop once the total passes a limit.",
            "Add a test with a small input that inflates past the limit.",
        ),
        cwe="CWE-409",
    ),
    "endless-read": Advice(
        "resource-exhaustion",
        "stream",
        Severity.MEDIUM,
        "At the end of a stream `read()` returns an empty value for ever: a loop that waits for a "
        "particular byte or line and never tests for that spins at full CPU on input that stops early "
        "(a truncated file, a closed connection), and a crafted document hangs the worker.",
        (
            "Stop when a read returns nothing (`if not chunk: raise ValueError('unexpected end')`), or "
            "include the empty value in what the loop waits for.",
            "Bound the loop by the input's length or a maximum number of iterations.",
            "Add a test with input cut off before the terminator.",
        ),
        cwe="CWE-835",
    ),
    "search-path": Advice(
        "uncontrolled-search-path",
        "path",
        Severity.MEDIUM,
        "Python imports the first matching module on `sys.path`: a directory the user does not control "
        "(the current directory, a path relative to it) lets a file planted there replace a module the "
        "program imports, and run with its privileges.",
        (
            "Put only the program's own directory on the path "
            "(`os.path.dirname(os.path.abspath(__file__))`), or install the package instead.",
            "Never add `''`, `'.'` or `os.getcwd()` to `sys.path` in code others run.",
        ),
    ),
}

_STATE_HOW = {
    "random": "comes from the `random` module, whose output can be predicted",
    "hash": "is hashed with a broken algorithm",
    "cookie": "is stored in a cookie the browser may send over plain HTTP or expose to scripts",
    "xxe": "is parsed by an XML parser that resolves or expands entities",
    "template": "is not a constant and is compiled by a template engine that is not sandboxed",
    "timing": "takes time that depends on how many leading characters match",
    "tempfile": "names a file in a directory every local user can write, by a name they can predict",
    "containment": (
        "compares characters, not path components: a sibling such as `/srv/files-private` passes a "
        "check for `/srv/files`"
    ),
}
_STATE_HOW |= {
    "exposure": "reveals internals (paths, queries, versions, secrets in messages) to the client",
    "logged": "puts the secret in log files, which more people and systems read than its own store",
    "search-path": "lets a module planted there replace one the program imports",
    "serialised": "discloses it to every client that reads the object",
    "decompress": "is inflated with no bound on the output size, so a small input can exhaust memory",
    "endless-read": "and so runs for ever once the input stops before what it waits for",
}
_DESCRIBED = {
    "timing", "exposure", "logged", "search-path", "serialised", "containment", "decompress", "endless-read",
}  # fmt: skip
"""State kinds whose message starts with what was found (``hit.what``), not with the value."""
_PASSED = {"template", "tempfile"}
"""State kinds whose message names the value passed to a call (the others describe a use)."""


_HOW = {True: "from untrusted input", False: "built from non-constant text"}


def _anchor(hit: Hit, added: frozenset[int]) -> tuple[int, int]:
    """The sink's lines when the change adds one of them; else the latest added line where the value
    was built or attacker data entered it."""
    if any(n in added for n in range(hit.line, hit.end_line + 1)):
        return hit.line, hit.end_line
    through = [n for n in hit.value.lines if n in added]
    if through:
        return through[-1], through[-1]
    return hit.line, hit.end_line


def category_of(kind: str) -> str:
    """The taxonomy category of a sink kind ("sql" -> "sql-injection")."""
    advice = ADVICE.get(kind)
    return advice.category if advice is not None else "other"


def _title(category: str, noun: str, hit: Hit, sure: bool) -> str:
    if hit.reason:
        return f"{category}: {noun} can backtrack without bound"
    if hit.kind in _STATE_HOW:
        return f"{category}: {hit.what}" + (" with untrusted input" if sure else "")
    if hit.whole and not sure:
        return f"{category}: {noun} handed to a shell whole"
    return f"{category}: {noun} {_HOW[sure]}"


def _confidence(hit: Hit, sure: bool) -> Confidence:
    if hit.kind == "header":
        return Confidence.MEDIUM  # most frameworks refuse newlines in a header value at run time
    if hit.level:
        return {"high": Confidence.HIGH, "medium": Confidence.MEDIUM}.get(hit.level, Confidence.LOW)
    if sure:
        return Confidence.HIGH
    if hit.whole:
        return Confidence.LOW
    return Confidence.MEDIUM


def to_finding(hit: Hit, path: str, added: frozenset[int]) -> Finding:
    advice = ADVICE[hit.kind]
    cat = lookup_category(advice.category)
    sure = bool(hit.value.sources)
    start, end = _anchor(hit, added)
    if hit.kind in _STATE_HOW:
        how = _STATE_HOW[hit.kind]
        if hit.value.sources:
            how += f" (it comes from {', '.join(sorted(hit.value.sources)[:3])})"
    elif hit.reason:
        how = f"backtracks without bound on a crafted near-match: {hit.reason}"
    elif sure:
        origin = ", ".join(sorted(hit.value.sources)[:3])
        how = f"comes from {origin}"
    elif hit.whole:
        how = "is not a constant and runs through a shell: the caller chooses the whole command"
    elif hit.kind == "argument":
        how = "is not a constant, so it may start with `-` where the program reads options"
    else:
        how = "is assembled from values that are not constants (concatenation, formatting or join)"
    where = f" through `{hit.via}()`" if hit.via else ""
    trace = [n for n in hit.value.lines if n != hit.line][-3:]
    plural = "s" if len(trace) > 1 else ""
    seen = f" (the value passes through line{plural} {', '.join(map(str, trace))})" if trace else ""
    message = f"The {advice.noun} reaching {hit.what}{where} {how}{seen}."
    if hit.kind in _PASSED:
        message = f"The {advice.noun} passed to {hit.what} {how}{seen}."
    elif hit.kind in _DESCRIBED:
        message = f"{hit.what[:1].upper()}{hit.what[1:]} {how}."
    if hit.reason:
        message = f"The {advice.noun} passed to {hit.what} {how}."
    return Finding(
        rule_id=f"flow-python-{advice.category}",
        engine=ENGINE,
        category=cat.id,
        cwe=advice.cwe or cat.cwe,
        title=_title(cat.title, advice.noun, hit, sure),
        severity=advice.severity,
        confidence=_confidence(hit, sure),
        path=path,
        start_line=start,
        end_line=end,
        message=message,
        explanation=advice.explanation,
        remediation=advice.remediation,
        provenance=Provenance(engine=ENGINE, tool_version=VERSION),
    )


def weak_check_finding(path: str, line: int, what: str) -> Finding:
    """A redirect-target check that lets an off-site target through (``urlchecks``): medium
    confidence, the construction tier (the value it guards may not come from a request here)."""
    advice = ADVICE["redirect"]
    cat = lookup_category(advice.category)
    return Finding(
        rule_id=f"flow-python-{advice.category}-weak-check",
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title=f"{cat.title}: the redirect check can be walked around",
        severity=advice.severity,
        confidence=Confidence.MEDIUM,
        path=path,
        start_line=line,
        end_line=line,
        message=f"This check of a redirect target accepts an off-site URL: {what}.",
        explanation=advice.explanation
        + " Browsers read `\\` as `/` and accept one or three slashes after a scheme, so a check made "
        "with string tests or `urlparse` alone lets `//evil.com`, `/\\evil.com` or `https:/evil.com` "
        "through.",
        remediation=(
            "Use the framework's check (`django.utils.http.url_has_allowed_host_and_scheme`), or replace "
            "`\\` with `/` first, then require an empty scheme and netloc and a path that starts with one "
            "`/` not followed by `/` or `\\`.",
            "Add tests for `//evil.com`, `/\\evil.com`, `https:/evil.com` and `https:///evil.com`.",
        ),
        provenance=Provenance(engine=ENGINE, tool_version=VERSION),
    )
