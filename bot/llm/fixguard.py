"""What a model-written fix may change: the flagged lines' own expression, nothing more.

A clean re-scan is not enough on its own: a model can turn an SQL injection into an authorisation
backdoor (``if user == "admin": return True``) that no rule flags. So before a model's replacement
is verified at all, it is compared with the lines it replaces, token by token:

- a bounded edit: at most as many changed tokens as the original has (at least ``MIN_EDIT``), and
  at most one more line (two for the classes whose fix is a guard);
- no new ``True`` and, outside the guard classes, no new ``return``/``yield``/``break``/``continue``;
- no new branch (``if``/``for``/``while``/``try``/``and``/``or``/ternary ...), except one ``if``
  in a guard class (path traversal, open redirect, missing authorisation ...) whose body refuses
  (``raise``/``throw``/``abort``/a 4xx status) and never grants (no new ``True``);
- no new call beyond the callee names already on the lines and those the class needs (an escape
  function for XSS, a containment check for a path);
- no import, ``require`` or ``eval``-like construct at all;
- no refusal (``raise``/``throw``/``abort`` ...), negation (``not``/``!``) or 4xx status removed;
- no new string literal beyond what the class needs (an SQL placeholder; a text already in one of
  the original literals; ``"/"`` for a redirect).
The tokenizer is linear (one pass, no backtracking) and works on any C-like or Python-like language.
Pure: standard library only; must not import analysis, hosts or openai.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MAX_TEXT = 4000
MAX_TOKENS = 800
MIN_EDIT = 16
BRANCHES = frozenset(
    {
        "if",
        "elif",
        "else",
        "for",
        "while",
        "try",
        "except",
        "catch",
        "finally",
        "switch",
        "case",
        "when",
        "unless",
        "match",
        "and",
        "or",
        "?",
        "&&",
        "||",
        "goto",
        "select",
    }
)
GUARD_BOOLEAN = frozenset({"and", "or", "not", "&&", "||", "!", "!=", "==", "===", "!==", "is", "in"})
IMPORTS = frozenset({"import", "require", "include", "using", "exec", "eval", "__import__", "system"})
REFUSALS = frozenset({"raise", "throw", "abort", "Error", "panic"})
GRANTS = frozenset({"True", "true"})
# what an existing check on the flagged lines stands on: a fix never drops a refusal, a negation or
# a 4xx status (deleting ``if not allowed(u): abort(403)`` is a backdoor no rule flags)
KEPT = REFUSALS | frozenset({"not", "!", "400", "401", "403", "404"})
EXITS = frozenset({"return", "yield", "break", "continue", "exit", "os._exit", "goto"})
GUARD_CLASSES = frozenset(
    {"path-traversal", "open-redirect", "ssrf", "missing-authorization", "mass-assignment", "other"}
)
# conversions to a number or a boolean narrow a value and never reach anything: any class may use them
NUMBER_CALLS = frozenset({"int", "float", "bool", "Number", "parseInt", "parseFloat", "Boolean"})
NUMBER_CALLS |= frozenset({"Atoi", "ParseInt", "ParseFloat", "parseLong", "valueOf", "to_i", "Integer"})
CLASS_CALLS: dict[str, frozenset[str]] = {
    "xss": frozenset(
        {"escape", "escapeHtml", "escapeHTML", "htmlEscape", "encodeForHTML", "forHtml", "EscapeString"}
        | {"HTMLEscapeString", "htmlspecialchars", "h", "sanitize", "text", "textContent", "createTextNode"}
    ),
    "path-traversal": frozenset(
        {"realpath", "abspath", "resolve", "normpath", "normalize", "startsWith", "startswith", "basename"}
        | {"safe_join", "secure_filename", "is_relative_to", "relative_to", "commonpath", "relative", "Clean"}
        | {"IsLocal", "HasPrefix", "Rel", "toRealPath", "getCanonicalPath", "normalize", "Base", "abort"}
    ),
    "open-redirect": frozenset(
        {"urlparse", "urlsplit", "startswith", "startsWith", "url_has_allowed_host_and_scheme", "URL"}
        | {"HasPrefix", "Parse", "IsAbs", "abort"}
    ),
    "insecure-randomness": frozenset(
        {"choice", "randbelow", "token_urlsafe", "token_hex", "token_bytes", "randbits", "SystemRandom"}
        | {"randomBytes", "randomInt", "randomUUID", "getRandomValues", "SecureRandom", "Read"}
    ),
    "weak-crypto": frozenset({"sha256", "sha512", "sha3_256", "new", "createHash", "getInstance", "Sum256"}),
    "weak-password-hash": frozenset(
        {"generate_password_hash", "make_password", "hash", "hashpw", "gensalt", "scrypt", "argon2"}
    ),
    "deserialization": frozenset({"safe_load", "SafeLoader", "loads", "parse"}),
    "command-injection": frozenset({"quote", "execFile", "spawn", "Command", "run", "split"}),
    "tls-verification": frozenset(),
    "sql-injection": frozenset(),
}
CLASS_LITERALS: dict[str, frozenset[str]] = {
    "open-redirect": frozenset({"/", "//", "/\\", "\\", "http", "https"}),
    "insecure-cookie": frozenset({"Lax", "Strict", "lax", "strict"}),
    "weak-crypto": frozenset({"sha256", "SHA-256", "sha512", "SHA-512", "AES/GCM/NoPadding", "aes-256-gcm"}),
    "path-traversal": frozenset({"..", "/", "\\"}),
}
SQL_PLACEHOLDER = re.compile(r"\?|%s|\$\d{1,3}|:[A-Za-z_]\w{0,63}|@[A-Za-z_]\w{0,63}")

# one alternative per token kind; every repetition is over a character class the next part cannot
# start with, and a string's closing quote is optional (an unterminated string runs to the end of its
# line), so a match never fails after a scan and tokenising is linear in the input
_TOKEN = re.compile(
    r"""(?P<str>[rRbBuUfF]{0,2}(?:"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\.)*`?))"""
    r"""|(?P<name>[A-Za-z_$][\w$]*)"""
    r"""|(?P<num>\d[\w.]*)"""
    r"""|(?P<op>===|!==|==|!=|<=|>=|&&|\|\||->|=>|::|\*\*|//|<<|>>|[^\s\w])"""
    r"""|(?P<space>\s+)""",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    line: int


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` (strings whole, comments as punctuation, whitespace dropped)."""
    out: list[Token] = []
    line = 0
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # unreachable: the op alternative takes any other character
            break
        kind = m.lastgroup or "op"
        if kind != "space":
            out.append(Token(kind, m.group(), line))
        line += m.group().count("\n")
        pos = m.end()
    return out


def _literal(text: str) -> str:
    body = text.lstrip("rRbBuUfF")
    return body[1:-1] if len(body) >= 2 and body[0] == body[-1] else body[1:]


def _callees(toks: Sequence[Token]) -> Counter[str]:
    return Counter(t.text for t, nxt in itertools.pairwise(toks) if t.kind == "name" and nxt.text == "(")


def file_names(text: str) -> frozenset[str]:
    """The names a file uses anywhere (a guard's check may call what the file imports or defines)."""
    return frozenset(t.text for t in tokens(text[: MAX_TEXT * 25]) if t.kind == "name")


def check_model_fix(  # noqa: PLR0911 - one return per refusal reason
    original: str, replacement: str, category: str, file_calls: frozenset[str] = frozenset()
) -> str | None:
    """None when ``replacement`` only rewrites ``original``'s own expression, else the reason.

    ``file_calls`` (from ``file_names``) are the names a guard class's check may call."""
    if len(original) > MAX_TEXT or len(replacement) > MAX_TEXT:
        return "the fix is too large to compare"
    old, new = tokens(original), tokens(replacement)
    if len(old) > MAX_TOKENS or len(new) > MAX_TOKENS:
        return "the fix is too large to compare"
    guard = category in GUARD_CLASSES
    extra_lines = replacement.count("\n") - original.count("\n")
    if extra_lines > (2 if guard else 1):
        return f"the fix adds {extra_lines} lines"
    matcher = difflib.SequenceMatcher(a=[t.text for t in old], b=[t.text for t in new], autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    if changed > max(MIN_EDIT, len(old)):
        return f"the fix changes {changed} tokens of {len(old)}"
    before, after = Counter(t.text for t in old), Counter(t.text for t in new)
    reason = _added_or_dropped(before, after)
    if reason:
        return reason
    flips = Counter(
        new[j1 + k].text
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace" and i2 - i1 == j2 - j1
        for k in range(i2 - i1)
        if old[i1 + k].text in {"False", "false", "None", "null"}
    )
    for word in GRANTS:  # a flag turned on (verify=False -> True) is a fix; a new True is not
        if after[word] - flips[word] > before[word]:
            return f"the fix adds `{word}`"
    if not guard:
        for word in EXITS:
            if after[word] > before[word]:
                return f"the fix adds `{word}`"
    reason = _branches(old, new, before, after, guard)
    if reason:
        return reason
    allowed = CLASS_CALLS.get(category, frozenset()) | NUMBER_CALLS | (file_calls if guard else frozenset())
    new_calls = _callees(new) - _callees(old)
    for name in new_calls:
        if name not in allowed and before[name] == 0:
            return f"the fix adds a call to `{name}`"
    return _literals(old, new, category)


def _added_or_dropped(before: Counter[str], after: Counter[str]) -> str | None:
    for word in IMPORTS:
        if after[word] > before[word]:
            return f"the fix adds `{word}`"
    for word in sorted(KEPT):
        if after[word] < before[word]:
            return f"the fix removes `{word}`"
    return None


def _branches(
    old: Sequence[Token], new: Sequence[Token], before: Counter[str], after: Counter[str], guard: bool
) -> str | None:
    added = {w: after[w] - before[w] for w in BRANCHES if after[w] > before[w]}
    if not added:
        return None
    if not guard:
        return f"the fix adds a branch (`{sorted(added)[0]}`)"
    if added.get("if", 0) > 1 or any(w not in GUARD_BOOLEAN | {"if"} for w in added):
        return "the fix adds more than one check"
    if not any(after[w] > before[w] for w in REFUSALS) and not any(
        t.kind == "num" and t.text in {"400", "401", "403", "404"} and before[t.text] < after[t.text]
        for t in new
    ):
        return "the fix adds a check that does not refuse (no raise, throw, abort or 4xx status)"
    return None


def _literals(old: Sequence[Token], new: Sequence[Token], category: str) -> str | None:
    old_texts = [_literal(t.text) for t in old if t.kind == "str"]
    known = set(old_texts)
    joined = "".join(old_texts).replace("'", "").replace('"', "")
    allowed = CLASS_LITERALS.get(category, frozenset())
    for t in new:
        if t.kind != "str":
            continue
        text = _literal(t.text)
        if text in known or text in allowed or text == "":
            continue
        if any(text in k for k in known):
            continue  # a piece of an original literal
        if category == "sql-injection":
            stripped = SQL_PLACEHOLDER.sub("", text).replace("'", "").replace('"', "")
            if _pieces_in(stripped, joined):
                continue
        return f"the fix adds the string {text[:40]!r}"
    return None


def _pieces_in(text: str, source: str) -> bool:
    """Whether ``text``'s words appear, in order, in ``source`` (SQL re-joined around placeholders)."""
    pos = 0
    for word in text.split():
        found = source.find(word, pos)
        if found < 0:
            return False
        pos = found + len(word)
    return True
