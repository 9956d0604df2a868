"""Line-level Ruby and Rails checks on the lines a change adds (the brakeman-style shapes the rule pack
in rules/ruby.yml does not have), reported at low confidence: they see construction, not a source.

Each check reads one added line (comment lines skipped, at most ``MAX_LINE`` characters):

- ``rb-regex-interpolation`` (CWE-185): a regex literal or ``Regexp.new`` that interpolates a plain
  variable (not escaped with ``Regexp.escape``/``Regexp.union``, not a constant, not named like a regex):
  its ``.``, ``*`` or ``|`` become pattern syntax and the anchor no longer holds.
- ``rb-regex-line-anchor`` (CWE-625): ``validates ... format:`` / ``validates_format_of`` with a regex
  anchored by ``^``/``$`` (line anchors, so ``"ok\\n<script>"`` passes) instead of ``\\A``/``\\z``.
- ``rb-dynamic-dispatch`` (CWE-94): ``send``/``public_send``/``__send__`` with a name that is not a
  literal symbol or string, ``constantize``/``safe_constantize``/``const_get`` of a non-constant.
- ``rb-eval-value`` (CWE-94): ``eval``/``instance_eval``/``class_eval``/``module_eval`` of a variable
  (a block or a literal without interpolation is not reported).
- ``rb-kernel-open`` (CWE-78): ``Kernel#open``/``URI.open`` of a non-literal (``|cmd`` runs a command).
- ``rb-sql-text-interpolation`` (CWE-89): a string literal that is SQL text (SELECT ... FROM,
  INSERT INTO, UPDATE ... SET, DELETE FROM, WHERE) interpolating a value that is not quoted, a number
  or a constant.
- ``rb-render-inline`` (CWE-94): ``render inline:`` of a non-literal or an interpolated string.
- ``rb-weak-password-hash`` (CWE-916): MD5/SHA-1/SHA-2 digests on a line about a password.
- ``rb-empty-secret-default`` (CWE-1391): ``key ||= ''`` and ``secret = x || ""``: a missing key
  becomes the empty one, which anyone can sign with.
- ``rb-weak-random-secret`` (CWE-338): ``rand``/``Random``/``sample``/``shuffle`` on a line about a
  token, secret, nonce, salt, password, OTP or reset code (``SecureRandom`` is not reported).

A result the hunk's removed lines already had (same rule, as many or more) is left out, as bandit's
results are (bot.analysis.bandit._removed_results): a fix that keeps the same call is not flagged.
Imports bot.core and bot.analysis.redos (its regex-literal reader).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from bot.analysis.redos import patterns as regex_literals
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
MAX_LINE = 400
"""Longer lines (minified or generated) are not read."""

_COMMENT = re.compile(r"^\s*#")
_DEF = re.compile(r"^\s*def\s")
_INTERP = re.compile(r"#\{([^{}]{1,120})\}")
_PLAIN_VALUE = re.compile(r"^@{0,2}[a-z_]\w*(?:\.[a-z_]\w*[?!]?){0,3}$")
_REGEXY_NAME = re.compile(
    r"(?i)(?:pattern|regexp?|rx|matcher|re|width|size|len|length|count|max|min|limit|depth|num|number|index|idx)s?$"
)
"""Names of a value that holds a regex already, or a number (``/.{1,#{line_width}}/``)."""
_REGEXP_NEW = re.compile(r"\bRegexp\.new\(\s*(@{0,2}[a-z_]\w*(?:\.[a-z_]\w*){0,3})\s*[,)]")
_VALIDATES = re.compile(r"^\s*(?:validates\b[^#]{0,300}\b(?:format|with):|validates_format_of\b)")
_SEND = re.compile(r"\.(?:public_send|__send__|send)(?:\(\s*|\s+)([^\s,()]{1,120})")
_CONSTANTIZE = re.compile(r"\.(?:safe_)?constantize\b")
_CONST_GET = re.compile(r"\bconst_get\(\s*([^\s,()]{1,120})")
_EVAL = re.compile(
    r"(?:^|[\s.;(])(?:instance_eval|class_eval|module_eval|eval)(?:\(\s*|\s+)([^\s,()]{1,120})"
)
_OPEN = re.compile(r"(?:^|[\s=(;,]|\bKernel\.|\bURI\.)open(?:\(\s*|\s+)([^\s,()]{1,120})")
_SQL_TEXT = re.compile(
    r"(?i)[\"'](?:[^\"']{0,40}\b)?(?:select\b[^\"']{1,200}\bfrom\b|insert\s+into\b|update\s+\S{1,80}\s+set\b|delete\s+from\b|[^\"']{0,200}\bwhere\s{1,5}[\w.]{1,60}\s{0,5}(?:=|<|>|!=|in\b|like\b|is\b))"
)
_RENDER_INLINE = re.compile(r"\brender\b\(?\s*inline:\s*(\S{1,120})")
_DIGEST = re.compile(
    r"\b(?:Digest::(?:MD5|SHA1|SHA256|SHA384|SHA512|SHA2)|OpenSSL::Digest::(?:MD5|SHA1|SHA256)|OpenSSL::Digest\.new\(\s*[\"'](?i:md5|sha1|sha256)[\"'])"
)
_PASSWORD = re.compile(r"(?i)passw(?:or)?d|\bpwd\b|passphrase")
_WEAK_RANDOM = re.compile(
    r"(?:^|[\s=(\[+])(?:Kernel\.)?rand\b|\bRandom\.(?:rand|new|bytes)\b|\.(?:sample|shuffle)\b"
)
_SECRET_NAME = re.compile(
    r"(?i)token|secret|nonce|salt|passw(?:or)?d|\botp\b|one_time|reset_code|reset_key|verification_code|confirm\w{0,20}code|api_key|session_id|csrf"
)
_SECURE_RANDOM = re.compile(r"\bSecureRandom\b")
_EMPTY_SECRET = re.compile(
    r"(?i)^\s*@{0,2}\w{0,40}(?:key|secret|password|passphrase)\s{0,5}(?:\|\|=\s{0,5}|=[^=#]{1,200}\|\|\s{0,5})(?:''|\"\")\s*$"
)
"""``key ||= ''`` / ``secret = opts[:secret] || ""``: a missing key or secret becomes the empty one."""
PATTERNS: tuple[re.Pattern[str], ...] = (
    _COMMENT,
    _DEF,
    _INTERP,
    _PLAIN_VALUE,
    _REGEXY_NAME,
    _REGEXP_NEW,
    _VALIDATES,
    _SEND,
    _CONSTANTIZE,
    _CONST_GET,
    _EVAL,
    _OPEN,
    _SQL_TEXT,
    _RENDER_INLINE,
    _DIGEST,
    _PASSWORD,
    _WEAK_RANDOM,
    _SECRET_NAME,
    _SECURE_RANDOM,
    _EMPTY_SECRET,
)
"""Every pattern of this module that sees untrusted text, for the linear-time test."""

_SAFE_PARTS = (
    "to_i",
    "to_f",
    "quote",
    "sanitize",
    "table_name",
    "column_name",
    "escape",
    ".id",
    ".size",
    ".length",
)


@dataclass(frozen=True, slots=True)
class Check:
    rule_id: str
    category: str
    cwe: str
    title: str
    message: str
    explanation: str
    remediation: tuple[str, ...]


CHECKS: dict[str, Check] = {
    c.rule_id: c
    for c in (
        Check(
            "rb-regex-interpolation",
            "input-validation",
            "CWE-185",
            "Value interpolated into a regular expression without Regexp.escape",
            "A regular expression interpolates a value without `Regexp.escape`; its `.`, `*`, `|` or `(` "
            "become pattern syntax.",
            "A prefix or name check built this way matches more than intended (a `.` matches any "
            "character, `|` adds an alternative), and a crafted value can make the match backtrack.",
            ("Interpolate `Regexp.escape(value)`, or compare strings (`start_with?`, `==`).",),
        ),
        Check(
            "rb-regex-line-anchor",
            "input-validation",
            "CWE-625",
            "Validation regex anchored with ^/$ instead of \\A/\\z",
            "This format validation anchors with `^`/`$`, which match at any line break.",
            'In Ruby `^` and `$` are line anchors: `"ok\\n<script>..."` passes `/^[a-z]+$/`, so the '
            "validation lets through values with anything on a second line.",
            ("Anchor the whole string with `\\A` and `\\z`.",),
        ),
        Check(
            "rb-dynamic-dispatch",
            "code-injection",
            "CWE-94",
            "Method or class chosen by a non-constant name",
            "A method or class is chosen by a name that is not a constant "
            "(send / public_send / constantize).",
            "If the name can come from a request, `send` calls any method (including private ones and "
            "`Kernel#system`) and `constantize` reaches any class in the application.",
            ("Map the value onto a fixed allow-list of methods or classes.",),
        ),
        Check(
            "rb-eval-value",
            "code-injection",
            "CWE-94",
            "Ruby code evaluated from a value",
            "A value (not a block or a fixed literal) is evaluated as Ruby code.",
            "Whatever reaches the evaluated text runs with the application's rights.",
            ("Use a block, `define_method` or `public_send` with an allow-listed name, not evaluated text.",),
        ),
        Check(
            "rb-kernel-open",
            "command-injection",
            "CWE-78",
            "Kernel#open of a non-constant value",
            "`open` is given a value that is not a constant; a value starting with `|` runs a command.",
            "Kernel#open starts a shell for `|cmd`, and with open-uri loaded it fetches any URL.",
            ("Use `File.open`/`File.read` for files, `URI.parse(url).open` for URLs you have checked.",),
        ),
        Check(
            "rb-sql-text-interpolation",
            "sql-injection",
            "CWE-89",
            "SQL text built by string interpolation",
            "SQL text interpolates a value that is not quoted or numeric.",
            "Whoever controls the value can close the literal and add SQL of their own.",
            ("Use placeholders (`?` with bind values) or hash conditions; identifiers from an allow-list.",),
        ),
        Check(
            "rb-render-inline",
            "code-injection",
            "CWE-94",
            "Template compiled from a non-constant string (render inline:)",
            "`render inline:` compiles non-constant text as an ERB template.",
            "ERB in the text (`<%= ... %>`) runs Ruby on the server.",
            ("Render a template file and pass the value as a local.",),
        ),
        Check(
            "rb-weak-password-hash",
            "weak-password-hash",
            "CWE-916",
            "Password hashed with a fast digest",
            "A password is hashed with a fast, unsalted digest (MD5/SHA).",
            "Fast digests are brute-forced at billions of guesses a second once the hashes leak.",
            ("Use `has_secure_password` / BCrypt (or Argon2, scrypt).",),
        ),
        Check(
            "rb-empty-secret-default",
            "jwt-verification",
            "CWE-1391",
            "Missing key or secret replaced by an empty one",
            "A missing key or secret falls back to the empty string instead of being refused.",
            "A signature or MAC checked with an empty key is one anyone can compute: a token signed with "
            "`''` is accepted whenever the key is not configured.",
            ("Raise when the key is missing or empty; never substitute a default.",),
        ),
        Check(
            "rb-weak-random-secret",
            "insecure-randomness",
            "CWE-338",
            "Predictable random value used for a secret",
            "A token, secret or code is made with `rand`/`Random`/`sample`, which are predictable.",
            "Ruby's `rand` is a Mersenne Twister; its outputs can be predicted from a few observed ones.",
            ("Use `SecureRandom` (`SecureRandom.urlsafe_base64`, `SecureRandom.random_number`).",),
        ),
    )
}


def _non_constant(arg: str) -> bool:
    """A first argument that is neither a literal symbol/string without interpolation nor a Constant."""
    if arg.startswith(":") and not arg.startswith(':"'):
        return False
    if arg[:1] in ("'", '"', "%"):
        return "#{" in arg
    if arg[:1].isupper() or arg[:1].isdigit() or arg in ("self", "nil", "true", "false"):
        return False
    return not arg.startswith(("{", "do", "&", "<<", "["))


def _receiver(text: str, end: int) -> str:
    """The receiver written just before ``end`` (``params[:type]`` in ``params[:type].constantize``):
    read backwards to a space, ``(``, ``=`` or ``,``, at most 120 characters (a scan, not a regex
    tried from every position)."""
    start = end
    while start > 0 and end - start < 120 and text[start - 1] not in " \t(=,":
        start -= 1
    return text[start:end]


def _unsafe_interpolation(expr: str) -> bool:
    expr = expr.strip()
    return bool(_PLAIN_VALUE.match(expr)) and not any(s in expr for s in _SAFE_PARTS)


def line_rules(text: str) -> Iterator[str]:
    """The rule ids one line of Ruby triggers (at most once each)."""
    if len(text) > MAX_LINE or _COMMENT.match(text):
        return
    for source in regex_literals(text, "ruby"):
        if any(
            _unsafe_interpolation(m.group(1)) and not _REGEXY_NAME.search(m.group(1).strip())
            for m in _INTERP.finditer(source)
        ):
            yield "rb-regex-interpolation"
            break
    else:
        m = _REGEXP_NEW.search(text)
        if m and not _REGEXY_NAME.search(m.group(1)) and not any(s in m.group(1) for s in _SAFE_PARTS):
            yield "rb-regex-interpolation"
    if _VALIDATES.match(text) and any(
        s.startswith("^") or (s.endswith("$") and not s.endswith("\\$")) for s in regex_literals(text, "ruby")
    ):
        yield "rb-regex-line-anchor"
    dispatch = [m.group(1) for rx in (_SEND, _CONST_GET) for m in rx.finditer(text)]
    if any(_non_constant(a) for a in dispatch) or any(
        _non_constant(_receiver(text, m.start())) for m in _CONSTANTIZE.finditer(text)
    ):
        yield "rb-dynamic-dispatch"
    defines = bool(_DEF.match(text))  # `def open(path)` defines a method, it calls none
    if not defines and any(
        _non_constant(m.group(1)) and m.group(1)[:1] not in "'\"" for m in _EVAL.finditer(text)
    ):
        yield "rb-eval-value"
    if not defines and any(
        _non_constant(m.group(1)) and m.group(1)[:1] not in "'\"" for m in _OPEN.finditer(text)
    ):
        yield "rb-kernel-open"
    sql = _SQL_TEXT.search(text)
    if sql and any(_unsafe_interpolation(m.group(1)) for m in _INTERP.finditer(text, sql.start())):
        yield "rb-sql-text-interpolation"
    inline = _RENDER_INLINE.search(text)
    if inline and _non_constant(inline.group(1).rstrip(",)")):
        yield "rb-render-inline"
    if _DIGEST.search(text) and _PASSWORD.search(text):
        yield "rb-weak-password-hash"
    if _EMPTY_SECRET.match(text):
        yield "rb-empty-secret-default"
    if _WEAK_RANDOM.search(text) and _SECRET_NAME.search(text) and not _SECURE_RANDOM.search(text):
        yield "rb-weak-random-secret"


def _hunk_findings(fc: FileChange, hunk: Hunk) -> list[Finding]:
    removed: Counter[str] = Counter()
    added: dict[str, list[int]] = {}
    for dl in hunk.lines:
        if dl.kind is LineKind.REMOVED:
            removed.update(line_rules(dl.text))
        elif dl.kind is LineKind.ADDED and dl.new_no is not None:
            for rule in line_rules(dl.text):
                added.setdefault(rule, []).append(dl.new_no)
    # as many results of the rule on the lines the hunk removes: none is new (more: all stay)
    return [
        _finding(fc, rule, line)
        for rule, lines in added.items()
        if len(lines) > removed[rule]
        for line in lines
    ]


def find_ruby_diff(changeset: ChangeSet, languages: Mapping[str, str | None] | None = None) -> list[Finding]:
    """The low-confidence Ruby findings above, on the added lines of a change's Ruby files."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = (languages.get(fc.path) if languages is not None else fc.language) or ""
        if fc.is_binary or language != "ruby":
            continue
        for hunk in fc.hunks:
            out.extend(_hunk_findings(fc, hunk))
    return out


def _finding(fc: FileChange, rule: str, line: int) -> Finding:
    check = CHECKS[rule]
    cat = lookup_category(check.category)
    return Finding(
        rule_id=rule,
        engine=ENGINE,
        category=cat.id,
        cwe=check.cwe,
        title=check.title,
        severity=Severity.MEDIUM,
        confidence=Confidence.LOW,
        path=fc.path,
        start_line=line,
        end_line=line,
        message=check.message,
        explanation=check.explanation,
        remediation=check.remediation,
        provenance=Provenance(engine=ENGINE),
    )


def rule_ids() -> Iterator[str]:
    """Every rule id this analyzer can emit (for documentation and tests)."""
    yield from CHECKS
