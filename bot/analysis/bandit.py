"""Run bandit once per review over the Python files and turn its results into Findings.

Bandit has no data-flow analysis, so most of its tests only corroborate a finding of the rule
pack (raising confidence); a short list of tests that are precise on their own is reported alone.
``# nosec`` comments are ignored: a change must not be able to silence the reviewer.
"""

from __future__ import annotations

import ast
import functools
import json
import logging
import re
import subprocess
import sys
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from bot.analysis import py2compat
from bot.core.diffmap import base_text
from bot.core.models import Confidence, FileChange, Finding, LineKind, Provenance, Severity
from bot.core.pyparse import parse_module
from bot.core.taxonomy import category as lookup_category
from bot.errors import AnalyzerError

logger = logging.getLogger(__name__)

ENGINE = "bandit"

# bandit test id -> Remediator category
CATEGORY_OF = {
    "B102": "code-injection",
    "B307": "code-injection",
    "B301": "deserialization",
    "B302": "deserialization",
    "B506": "deserialization",
    "B303": "weak-crypto",
    "B304": "weak-crypto",
    "B305": "weak-crypto",
    "B324": "weak-crypto",
    "B505": "weak-crypto",
    "B311": "insecure-randomness",
    "B306": "insecure-temp-file",
    "B313": "xxe",
    "B314": "xxe",
    "B315": "xxe",
    "B316": "xxe",
    "B317": "xxe",
    "B318": "xxe",
    "B319": "xxe",
    "B320": "xxe",
    "B323": "tls-verification",
    "B501": "tls-verification",
    "B502": "tls-verification",
    "B503": "tls-verification",
    "B504": "tls-verification",
    "B507": "tls-verification",
    "B105": "hardcoded-secret",
    "B106": "hardcoded-secret",
    "B107": "hardcoded-secret",
    "B201": "debug-mode",
    "B602": "command-injection",
    "B603": "command-injection",
    "B604": "command-injection",
    "B605": "command-injection",
    "B606": "command-injection",
    "B607": "command-injection",
    "B608": "sql-injection",
    "B610": "sql-injection",
    "B611": "sql-injection",
    "B308": "xss",
    "B701": "xss",
    "B702": "xss",
    "B703": "xss",
    "B310": "ssrf",
    "B108": "insecure-temp-file",
    "B202": "path-traversal",
    "B601": "command-injection",
    "B609": "command-injection",
    "B612": "code-injection",
    "B614": "deserialization",
    "B704": "xss",
    "B113": "resource-exhaustion",
    "B104": "infrastructure-exposure",
    "B103": "insecure-permissions",
}

NEVER_ALONE = frozenset({"B603", "B606", "B607"})
"""Tests that flag the argument-list form a shell fix produces: they corroborate, never report alone."""
PASSWORD_TESTS = frozenset({"B105", "B106", "B107"})
"""bandit's hard-coded password tests (a string assigned, passed or defaulted to a name like
``password``/``token``/``secret``): alone only when the string looks like a credential, never in tests,
and with a message that does not repeat the value."""

ALONE_MEDIUM = frozenset({"B102", "B307", "B602", "B604", "B605"})
"""Tests reported alone at medium confidence (inline) when bandit rates the call high severity: code
run by eval/exec, or a shell command line, built from non-constant text."""


@dataclass(frozen=True, slots=True)
class Advice:
    """What a bandit-only finding (no other engine saw the flaw) says and recommends."""

    explanation: str
    remediation: tuple[str, ...]


ADVICE = {
    "sql-injection": Advice(
        "The query text is built from non-constant values; if any of them comes from a user, it can "
        "change the query.",
        (
            "Pass the values as bound parameters (`cursor.execute(sql, params)`, the ORM's filters).",
            "Identifiers that cannot be bound (table, column, ORDER BY) must come from an allow-list.",
        ),
    ),
    "command-injection": Advice(
        "A shell command line built from non-constant text runs whatever shell syntax those values carry.",
        (
            "Pass an argument list without a shell: `subprocess.run([prog, arg1, arg2], check=True)`.",
            "If a shell is unavoidable, quote every value with `shlex.quote()`.",
        ),
    ),
    "code-injection": Advice(
        "Text evaluated as Python code runs with the program's privileges; any part an attacker "
        "controls becomes code.",
        (
            "Parse data with `ast.literal_eval()` or `json.loads()` instead of `eval`/`exec`.",
            "Map names to functions with a dictionary instead of building code.",
        ),
    ),
    "deserialization": Advice(
        "Deserialising untrusted bytes with pickle/marshal/torch.load can construct arbitrary objects "
        "and run code.",
        (
            "Use a data-only format (JSON) for anything that crosses a trust boundary.",
            "If pickle is required, sign the bytes (HMAC) and verify before loading; "
            "`torch.load(..., weights_only=True)`.",
        ),
    ),
    "weak-crypto": Advice(
        "MD5, SHA-1 and legacy ciphers/modes are broken for security uses (signatures, integrity, "
        "passwords, encryption).",
        (
            "Use SHA-256 or better (`hashlib.sha256`), HMAC for integrity, and an AEAD cipher (AES-GCM).",
            "If the hash is not used for security, say so: `hashlib.md5(data, usedforsecurity=False)`.",
        ),
    ),
    "insecure-randomness": Advice(
        "The `random` module is predictable; tokens, ids, nonces or passwords made with it can be guessed.",
        ("Use `secrets.token_urlsafe()`, `secrets.token_bytes()` or `secrets.randbelow()`.",),
    ),
    "xxe": Advice(
        "The standard library XML parsers expand entities; untrusted XML can read local files or "
        "exhaust memory.",
        ("Parse untrusted XML with `defusedxml` (same API: `defusedxml.ElementTree.fromstring`).",),
    ),
    "xss": Advice(
        "Text marked safe is written into HTML without escaping; any user-controlled part becomes markup "
        "and script.",
        (
            "Let the template escape the value; mark safe only constant markup.",
            "Build HTML with `format_html()` / `markupsafe.Markup.format()`, which escape the arguments.",
        ),
    ),
    "ssrf": Advice(
        "`urlopen` on a non-constant URL fetches whatever the URL names, including `file://` and "
        "internal hosts.",
        (
            "Check the scheme (http/https only) and the host against an allow-list before fetching.",
            "Prefer an HTTP client that does not open `file://` URLs.",
        ),
    ),
    "path-traversal": Advice(
        "Extracting an archive without checking its members lets a name like `../../x` or a link "
        "write outside the target directory.",
        (
            "On Python 3.12+ pass `filter='data'` to `extractall`/`extract`.",
            "Otherwise resolve each member's path and refuse any outside the target, and any link.",
        ),
    ),
    "insecure-temp-file": Advice(
        "A fixed or predictable name in a shared temporary directory can be created first by another "
        "local user (or as a symlink), who then reads or redirects what the program writes.",
        ("Use `tempfile.mkstemp()`, `NamedTemporaryFile()` or `TemporaryDirectory()`.",),
    ),
    "hardcoded-secret": Advice(
        "A credential written in the source is readable by everyone with the code and cannot be rotated "
        "without a release.",
        ("Read it from the environment or a secret store; rotate the one committed.",),
    ),
    "debug-mode": Advice(
        "The debugger of a web framework lets anyone who reaches it run code.",
        ("Take debug mode from configuration and keep it off in production.",),
    ),
    "tls-verification": Advice(
        "Without certificate and host verification anyone on the network path can read and change "
        "the traffic.",
        ("Use `ssl.create_default_context()` and keep verification on.",),
    ),
    "resource-exhaustion": Advice(
        "A request without a timeout waits forever on a server that stops answering; each one holds "
        "a worker.",
        ("Pass `timeout=` (seconds) to every request.",),
    ),
    "insecure-permissions": Advice(
        "A file or directory made group- or world-writable (or executable) lets other local users "
        "change what the program reads, runs or trusts.",
        ("Grant the owner only: `0o600` for files, `0o700` for directories.",),
    ),
    "infrastructure-exposure": Advice(
        "Binding to all interfaces exposes the service on every network the host is on.",
        ("Bind to `127.0.0.1` or take the address from configuration.",),
    ),
}


@dataclass(frozen=True, slots=True)
class StandaloneTest:
    """A bandit test precise enough to report on its own, with the advice Remediator gives."""

    title: str
    severity: Severity
    explanation: str
    remediation: tuple[str, ...]
    confidence: Confidence | None = None
    """The tier Remediator reports it at (None: bandit's own confidence)."""


STANDALONE = {
    "B323": StandaloneTest(
        "TLS certificate verification disabled",
        Severity.HIGH,
        "An unverified TLS context accepts any certificate, so anyone on the network path can "
        "read and change the traffic.",
        (
            "Use `ssl.create_default_context()`.",
            "If a private CA is needed, load it with `cafile=` instead of disabling verification.",
        ),
    ),
    "B501": StandaloneTest(
        "TLS certificate verification disabled",
        Severity.HIGH,
        "`verify=False` accepts any certificate, so a machine in the middle can read and change "
        "the request, including credentials.",
        (
            "Remove `verify=False` (verification is on by default).",
            "For an internal CA pass `verify='/path/to/ca-bundle.pem'`.",
        ),
    ),
    "B502": StandaloneTest(
        "Obsolete SSL/TLS protocol version",
        Severity.HIGH,
        "SSLv2/SSLv3/TLS 1.0 have practical attacks; traffic can be decrypted or downgraded.",
        (
            "Use `ssl.PROTOCOL_TLS_CLIENT` / `ssl.create_default_context()`.",
            "Set `minimum_version = ssl.TLSVersion.TLSv1_2` or later.",
        ),
    ),
    "B503": StandaloneTest(
        "Obsolete SSL/TLS protocol version",
        Severity.MEDIUM,
        "A default of an obsolete protocol version allows downgrade attacks.",
        ("Use `ssl.create_default_context()` and set a TLS 1.2+ minimum version.",),
    ),
    "B504": StandaloneTest(
        "TLS connection without a protocol version",
        Severity.LOW,
        "`ssl.wrap_socket` without a version may negotiate an obsolete protocol.",
        ("Use an `SSLContext` from `ssl.create_default_context()` and its `wrap_socket`.",),
    ),
    "B506": StandaloneTest(
        "Unsafe YAML load",
        Severity.HIGH,
        "`yaml.load` without a safe loader can construct arbitrary Python objects and run code.",
        ("Use `yaml.safe_load(...)` or pass `Loader=yaml.SafeLoader`.",),
    ),
    "B507": StandaloneTest(
        "SSH host key not verified",
        Severity.HIGH,
        "Accepting unknown host keys lets a machine in the middle impersonate the server.",
        ("Load known hosts with `client.load_system_host_keys()` and use `RejectPolicy`.",),
    ),
    "B306": StandaloneTest(
        "Insecure temporary file name (mktemp)",
        Severity.MEDIUM,
        "`tempfile.mktemp()` returns a name that does not exist yet; another local user can create "
        "that file (or a symlink) first, and the program then writes to a file the attacker controls.",
        (
            "Use `tempfile.mkstemp()` (returns an open descriptor) or `tempfile.NamedTemporaryFile()`.",
            "For a directory use `tempfile.mkdtemp()` / `TemporaryDirectory()`.",
        ),
        Confidence.MEDIUM,
    ),
    "B505": StandaloneTest(
        "Cryptographic key too small",
        Severity.HIGH,
        "RSA/DSA keys under 2048 bits (and EC curves under 224 bits) can be factored or broken with "
        "resources well within reach; anything signed or encrypted with them is forgeable or readable.",
        ("Generate RSA keys of at least 3072 bits (`key_size=3072`), or use Ed25519 / P-256.",),
        Confidence.HIGH,
    ),
    "B701": StandaloneTest(
        "Jinja2 autoescape disabled",
        Severity.HIGH,
        "Without autoescaping every variable rendered into HTML is a cross-site scripting vector.",
        ("Create the environment with `autoescape=select_autoescape()` (or `True`).",),
    ),
}

_LEVEL = {"LOW": 1, "MEDIUM": 2, "HIGH": 3}


@dataclass(frozen=True, slots=True)
class BanditRun:
    results: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    version: str


def run_bandit(root: Path, relpaths: Sequence[str], *, timeout: int) -> BanditRun:
    """One bandit process over the Python files ``relpaths`` (relative to ``root``)."""
    if not relpaths:
        return BanditRun([], [], "")
    cmd = [sys.executable, "-m", "bandit", "-f", "json", "-q", "--ignore-nosec", "--", *relpaths]
    try:
        proc = subprocess.run(
            cmd, cwd=root, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as exc:
        raise AnalyzerError(f"bandit did not finish within {timeout} s") from exc
    except OSError as exc:
        raise AnalyzerError(f"bandit could not start: {exc}") from exc
    try:
        data = json.loads(proc.stdout.decode("utf-8", errors="replace") or "{}")
    except json.JSONDecodeError as exc:
        raise AnalyzerError(f"bandit output was not JSON (exit {proc.returncode})") from exc
    if "results" not in data:
        raise AnalyzerError(f"bandit failed (exit {proc.returncode})")
    return BanditRun(list(data["results"]), list(data.get("errors", [])), _version())


def _version() -> str:
    try:
        return metadata.version("bandit")
    except metadata.PackageNotFoundError:
        return ""


def to_findings(run: BanditRun, known_paths: Mapping[str, object]) -> tuple[list[Finding], list[Finding]]:
    """(standalone findings, corroborating findings) from a bandit run."""
    standalone: list[Finding] = []
    corroborating: list[Finding] = []
    for r in run.results:
        path = str(r.get("filename", "")).removeprefix("./")
        test_id = str(r.get("test_id", ""))
        if path not in known_paths or test_id not in CATEGORY_OF:
            continue
        if test_id == "B506" and "FullLoader" in _code_line(r):
            continue  # no arbitrary objects since PyYAML 5.4 (the rule pack and the flow analysis agree)
        cat = lookup_category(CATEGORY_OF[test_id])
        line_range = [int(x) for x in r.get("line_range") or [r.get("line_number", 1)]]
        start, end = min(line_range), max(line_range)
        spec = STANDALONE.get(test_id)
        sev = spec.severity if spec else Severity(min(4, _LEVEL.get(str(r.get("issue_severity")), 2)))
        conf = Confidence(_LEVEL.get(str(r.get("issue_confidence")), 2))
        if spec is not None and spec.confidence is not None:
            conf = spec.confidence
        finding = Finding(
            rule_id=f"bandit-{test_id}-{r.get('test_name', '')}".replace("_", "-"),
            engine=ENGINE,
            category=cat.id,
            cwe=cat.cwe,
            title=spec.title if spec else cat.title,
            severity=sev,
            confidence=conf,
            path=path,
            start_line=int(r.get("line_number", start)),
            end_line=max(int(r.get("line_number", start)), min(end, int(r.get("line_number", start)))),
            message=" ".join(str(r.get("issue_text", "")).split()),
            explanation=spec.explanation if spec else _advice(cat.id).explanation,
            remediation=spec.remediation if spec else _advice(cat.id).remediation,
            provenance=Provenance(engine=ENGINE, tool_version=run.version),
        )
        (standalone if spec else corroborating).append(finding)
    return standalone, corroborating


def _code_line(result: Mapping[str, Any]) -> str:
    """The source line bandit reports (its ``code`` holds numbered lines around it)."""
    prefix = f"{result.get('line_number')} "
    return next((line for line in str(result.get("code", "")).splitlines() if line.startswith(prefix)), "")


def _advice(category_id: str) -> Advice:
    return ADVICE.get(category_id, Advice("", ()))


def test_id_of(finding: Finding) -> str:
    """The bandit test id of one of this module's findings ("B608"), "" for another engine's."""
    if finding.engine != ENGINE:
        return ""
    return finding.rule_id.removeprefix("bandit-").partition("-")[0]


def alone(finding: Finding, text: str | None) -> Finding | None:
    """A corroborating finding no other engine's finding took up, as a finding of its own: what
    bandit sees on a change is never lost. Low confidence (the summary and SARIF), medium for code
    or a shell command line built from non-constant text; None for the tests that flag the safe form
    and where the head ``text`` of the file shows the use is not a security one (``harmless``)."""
    test_id = test_id_of(finding)
    if test_id in PASSWORD_TESTS:
        return _password_alone(finding, test_id)
    if test_id in NEVER_ALONE or test_id not in CATEGORY_OF:
        return None
    if test_id == "B103" and not _writable_by_others(finding.message):
        return None  # an executable bit for the group or others (0o755) is how scripts are installed
    if text is not None and harmless(test_id, finding.start_line, text):
        return None
    medium = test_id in ALONE_MEDIUM and finding.severity >= Severity.HIGH
    return finding.with_(
        confidence=Confidence.MEDIUM if medium else Confidence.LOW,
        message=f"{finding.message} (bandit {test_id}; no other engine confirmed it)",
    )


_BANDIT_LITERAL = re.compile(r"Possible hardcoded password: '(.{0,200})'$")
_TEST_PATH = re.compile(r"(^|/)(tests?|testing|fixtures?|examples?|docs?)/|(^|/)test_[^/]*$|_tests?\.py$")
_LABEL_WORDS = frozenset(
    {
        "password", "passwd", "pwd", "pass", "token", "secret", "key", "bearer", "basic", "none", "null",
        "true", "false", "hidden", "text", "string", "required", "optional", "changeme_in_env",
        "access_token", "refresh_token", "id_token", "client_credentials", "authorization_code",
    }
)  # fmt: skip
"""Values that name a field, a header scheme or a type rather than being a credential."""


_ENV_NAME = re.compile(r"\A[A-Z][A-Z0-9_]*\Z")
_IDENTIFIER = re.compile(r"\A[a-z]+(?:_[a-z]+)+\Z")
"""Anchored at both ends (one attempt, linear): an environment variable's or an identifier's name."""


def _credential_like(value: str) -> bool:
    """Whether ``value`` (a string literal given to a password-like name) can be a credential: not
    empty or a mask, not a label, path, URL, template, environment variable name or sentence."""
    if not 4 <= len(value) <= 128 or len(set(value)) < 3 or any(c.isspace() for c in value):
        return False
    if value.lower() in _LABEL_WORDS or _words(value) <= _LABEL_WORDS:
        return False
    if value.startswith(("/", ".", "http:", "https:", "$", "%", "<", "{")) or any(c in value for c in "{}%"):
        return False
    return not _ENV_NAME.fullmatch(value) and not _IDENTIFIER.fullmatch(value)


_MASK = re.compile(r"permissive mask (0o[0-7]{1,6})")


def _writable_by_others(message: str) -> bool:
    """Whether bandit's B103 mask (in its message) lets the group or other users write."""
    match = _MASK.search(message)
    return match is not None and int(match.group(1), 8) & 0o022 != 0


def _password_alone(finding: Finding, test_id: str) -> Finding | None:
    """A hard-coded password result of bandit as a low finding of its own, or None (see PASSWORD_TESTS)."""
    match = _BANDIT_LITERAL.search(finding.message)
    if match is None or _TEST_PATH.search(finding.path):
        return None
    if not _credential_like(match.group(1)):
        return None
    return finding.with_(
        confidence=Confidence.LOW,
        message="A literal credential is written in the code (a string given to a password, token or "
        f"secret name; bandit {test_id}; no other engine confirmed it).",
    )


def preexisting(
    findings: Sequence[Finding], files: Mapping[str, tuple[str, FileChange]], work: Path, *, timeout: int
) -> set[int]:
    """ids of the bandit findings the change did not introduce: in the same hunk, the file before the
    change already had as many results of that test on the lines the change removes (an edited line
    that keeps the flaw). One more bandit process, over the files before the change, only where it
    can matter.

    ``files``: path -> (head text, change) of the Python files analysed."""
    groups = _edited_hunks(findings, files)
    bases = {}
    for path in {path for path, _, _ in groups}:
        text, change = files[path]
        base = base_text(text, change.hunks)
        if base is not None:
            bases[path] = base
    if not bases:
        return set()
    bases |= py2compat.convert(bases)
    for path, base in bases.items():
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(base, encoding="utf-8")
    try:
        run = run_bandit(work, sorted(bases), timeout=timeout)
    except AnalyzerError as exc:
        logger.info("bandit on the files before the change failed: %s", exc)
        return set()
    before = _removed_results(run, {p: files[p][1] for p in bases})
    out: set[int] = set()
    for key, group in groups.items():
        # as many results of the test in the hunk as before: none is new (more: all stay)
        if key[0] in bases and len(group) <= before.get(key, 0):
            out |= {id(f) for f in group}
    return out


def _edited_hunks(
    findings: Sequence[Finding], files: Mapping[str, tuple[str, FileChange]]
) -> dict[tuple[str, int, str], list[Finding]]:
    """(path, hunk index, test id) -> bandit findings in hunks that also remove lines."""
    groups: dict[tuple[str, int, str], list[Finding]] = {}
    for f in findings:
        entry = files.get(f.path)
        test_id = test_id_of(f)
        if entry is None or not test_id:
            continue
        hunks = entry[1].hunks
        index = next((i for i, h in enumerate(hunks) if h.covers_new(f.start_line)), None)
        if index is not None and any(dl.kind is LineKind.REMOVED for dl in hunks[index].lines):
            groups.setdefault((f.path, index, test_id), []).append(f)
    return groups


def _removed_results(run: BanditRun, changes: Mapping[str, FileChange]) -> dict[tuple[str, int, str], int]:
    """(path, hunk index, test id) -> how many results the run has on the lines that hunk removes."""
    removed: dict[tuple[str, int], int] = {}  # (path, old line) -> hunk index
    for path, change in changes.items():
        for i, hunk in enumerate(change.hunks):
            for dl in hunk.lines:
                if dl.kind is LineKind.REMOVED and dl.old_no is not None:
                    removed[(path, dl.old_no)] = i
    before: dict[tuple[str, int, str], int] = {}
    for r in run.results:
        path = str(r.get("filename", "")).removeprefix("./")
        index = removed.get((path, int(r.get("line_number", 0))))
        if index is not None:
            key = (path, index, str(r.get("test_id", "")))
            before[key] = before.get(key, 0) + 1
    return before


HASH_TESTS = frozenset({"B303", "B324"})
MARKUP_TESTS = frozenset({"B308", "B703", "B704"})
XML_TESTS = frozenset({"B313", "B314", "B315", "B316", "B317", "B318", "B319", "B320"})
_NOT_A_SECRET = re.compile(
    r"(?i)checksum|etag|cache|fingerprint|integrity|md5sum|sha1sum|dedup|content_?hash"
)
"""Names of a hash's line or function that say it is a checksum or a key, not a security control."""
_MARKERS = frozenset({"mark_safe", "Markup", "SafeString", "SafeText"})
_ESCAPERS = frozenset(
    {
        "escape",
        "conditional_escape",
        "escapejs",
        "json_script",
        "format_html",
        "format_html_join",
        "quote",
        "quoteattr",
        "strip_tags",
        "striptags",
        "clean",
        "linkify",
        "escape_html",
        "html_escape",
        "sanitize",
    }
)


@functools.lru_cache(maxsize=8)
def _tree(text: str) -> ast.Module | None:
    return parse_module(text)  # shared: asked for once per result of a file, and by other engines


SECRET_WORDS = frozenset(
    {
        "id", "ids", "uid", "uuid", "guid", "token", "tokens", "secret", "secrets", "password",
        "passwords", "passwd", "pwd", "key", "keys", "nonce", "salt", "otp", "auth",
        "authenticator", "session", "sid", "challenge", "pin", "csrf", "xsrf", "reset", "cookie",
        "verification", "verify", "captcha", "signature", "passphrase", "iv", "invite", "api",
        "code", "activation", "confirmation", "ascii", "letters", "digits", "hexdigits", "printable",
        "alphabet", "charset", "chars",
    }
)  # fmt: skip
"""Words of a name that make a random value a security value (an identifier split at ``_`` and case),
and of the alphabets random tokens are drawn from (``random.choice(string.ascii_letters)``)."""
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _secret_context(tree: ast.Module, text: str, line: int) -> bool:
    """Whether the random value at ``line`` is named (on its line, or by the function around it) as
    an id, token, key, password, nonce or another value an attacker must not guess."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    names = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    return any(_words(part) & SECRET_WORDS for part in (here, *names))


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def harmless(test_id: str, line: int, text: str) -> bool:
    """Whether the code at ``line`` shows bandit's result is not a flaw: a weak hash named as a
    checksum or cache key (line or enclosing function), markup marked safe whose every argument
    is constant or passes through an escaping function first, or an XML parser built with
    ``resolve_entities=False`` (the hardened parser a fix adds)."""
    if test_id not in HASH_TESTS | MARKUP_TESTS | XML_TESTS | {"B311"}:
        return False
    tree = _tree(text)
    if tree is None:
        return False
    if test_id == "B311":
        return not _secret_context(tree, text, line)
    if test_id in XML_TESTS:
        return any(
            isinstance(node, ast.Call)
            and node.lineno <= line <= (node.end_lineno or node.lineno)
            and any(
                k.arg == "resolve_entities" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            )
            for node in ast.walk(tree)
        )
    if test_id in HASH_TESTS:
        lines = text.splitlines()
        if 0 < line <= len(lines) and _NOT_A_SECRET.search(lines[line - 1]):
            return True
        return any(
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.lineno <= line <= (node.end_lineno or node.lineno)
            and _NOT_A_SECRET.search(node.name) is not None
            for node in ast.walk(tree)
        )
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name(node.func) in _MARKERS
        and node.lineno <= line <= (node.end_lineno or node.lineno)
    ]
    return bool(calls) and all(_escaped(arg) for call in calls for arg in call.args)


def _escaped(arg: ast.expr) -> bool:
    if isinstance(arg, ast.Constant):
        return True
    for node in ast.walk(arg):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in _ESCAPERS:
            return True
        first = node.args[0] if node.args else None
        if (
            name == "replace"
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and "<" in first.value
        ):
            return True
    return False


_function_spans: weakref.WeakKeyDictionary[ast.Module, list[tuple[int, int]]] = weakref.WeakKeyDictionary()
"""A parsed module -> its functions' line spans, innermost first (same_scope is asked per finding)."""


def same_scope(text: str, line: int, others: Iterable[int]) -> bool:
    """Whether any of the lines ``others`` is in the same innermost function as ``line`` (or, for a
    line outside every function, also outside every function)."""
    tree = _tree(text)
    if tree is None:
        return False
    spans = _function_spans.get(tree)
    if spans is None:
        spans = _function_spans[tree] = sorted(
            (
                (node.lineno, node.end_lineno or node.lineno)
                for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            ),
            key=lambda span: span[1] - span[0],
        )

    def scope(n: int) -> tuple[int, int] | None:
        return next((span for span in spans if span[0] <= n <= span[1]), None)

    mine = scope(line)
    return any(scope(n) == mine for n in others)
