"""Secret redaction applied to every text that leaves the bot (comments, logs, reports, prompts, rows).

Pure: standard library only. What is hidden is exactly the kinds in ``bot.core.secret_kinds`` (the
list the rule pack's secret rules are tied to). Text is scanned line by line in linear time: every
pattern has a literal anchor and bounded, possessive repeats, and a line longer than
``MAX_LINE_CHARS`` is hidden whole. Redaction never adds or removes a line: only characters that are
not line boundaries are replaced, so ``splitlines()`` numbering is kept exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.core.secret_kinds import NAME_HINTS, TOKEN_PATTERNS, is_secret_name

PLACEHOLDER = "<redacted>"
MAX_LINE_CHARS = 100_000

# Every character str.splitlines() breaks on; a replacement never covers one of them.
_BOUNDARIES = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BODY = re.compile("[^" + _BOUNDARIES + "]++")
# Patterns used with .match()/.fullmatch() at the start of a line carry ^, so that even a search
# over a whole text stays linear; those matched at an inner position have only bounded repeats.

_NAME = re.compile(r"(?<![\w.$\-])[\w.$\-]{1,128}+")
# After a secret name: closing quote/bracket, an optional type annotation, the operator, the value.
_AFTER_NAME = re.compile(
    r"(?P<close>[\"'\]]{0,3}+)"
    r"(?:[ \t]{0,8}+:[ \t]{0,8}+[A-Za-z_][\w\[\].,| ]{0,64}+(?==))?"
    r"(?P<sep>[ \t]{0,16}+(?::=|=>|=|:)[ \t]{0,16}+|[ \t]{1,16}+)"
    r"(?:[rRbBuU]{0,2}+(?P<q>[\"'`])(?P<qv>[^\"'`\s]{1,1024}+)(?P=q)|(?P<uv>[^\s\"'`]{1,1024}+))"
)
_DOCKER_INSTRUCTION = re.compile(r"^[ \t]*+(?:ENV|ARG)[ \t]", re.IGNORECASE)
_UNQUOTED_STOP = frozenset(" \t\r;,#")
_NOT_VALUES = frozenset({"true", "false", "null", "none", "nil", "yes", "no", "undefined"})
_DOTTED_NAME = re.compile(r"[A-Za-z_$][\w$]{0,128}+(?:\.[A-Za-z_$][\w$]{0,128}+){0,32}+")

# Context kinds: a Kubernetes env entry's value, a Terraform secret variable's default.
_K8S_NAME = re.compile(r"^[ \t]*+(?:-[ \t]{1,8}+)?name:[ \t]{0,8}+[\"']?([\w.\-]{1,128}+)[\"']?[ \t]*+$")
_K8S_VALUE = re.compile(r"^[ \t]*+value:[ \t]{0,8}+")
_TF_VARIABLE = re.compile(r"^[ \t]*+variable[ \t]{1,8}+\"([\w\-]{1,128}+)\"[ \t]*+\{")
_TF_DEFAULT = re.compile(r"^[ \t]*+default[ \t]{0,8}+=[ \t]{0,8}+")
_LITERAL = re.compile(r"(?P<q>[\"'`])(?P<qv>[^\"'`\s]{1,1024}+)(?P=q)|(?P<uv>[^\s\"'`]{1,1024}+)")

# Signing secrets passed as literals: jwt.sign(payload, "secret"), jwt.verify(t, "secret"), cookieParser("s").
_SIGN_CALL = re.compile(r"\.(?:sign|verify)\(|\bcookieParser\(")
_SECOND_ARG = re.compile(r"(?<=\()[^,()\"'`\n]{0,256}+,[ \t]{0,16}+")
_FIRST_ARG = re.compile(r"(?<=\()[ \t]{0,16}+")

_KEY_BEGIN = re.compile(r"-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_KEY_END = re.compile(r"-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_KEY_MATERIAL = re.compile(r"(?:[\s\"']|\\[rn]){0,16}+[A-Za-z0-9+/]{8}")
_KEY_LINE = re.compile(r"^[\s\"']{0,64}+[A-Za-z0-9+/=]{8,}+(?:[\s\"',]|\\[rn]){0,16}+")
_KEY_HEADER = re.compile(r"^[ \t]{0,64}+[A-Za-z\-]{1,40}+:")
_KEY_ONLY = re.compile(r"^(?:[A-Za-z0-9+/=\s\"']|\\[rn]){0,200000}+")

# "password Tr0ub4dor&3", "pwd: s3cret!" in a pull request's prose (never applied to code)
_PROSE_PASSWORD = re.compile(
    r"(?P<lead>\b(?:password|passwd|pwd|passphrase)\b(?:[ \t]{1,8}+(?:is|was))?[ \t]{0,8}+[:=]?[ \t]{0,8}+)"
    r"(?P<value>[^\s<\"'`$%{][^\s<\"'`]{5,255}+)",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """``text`` with every secret the rule pack flags replaced by ``<redacted>``; lines are kept."""
    if not text:
        return text
    return "\n".join(_Scanner().lines(text.split("\n")))


def redact_prose(text: str) -> str:
    """``redact`` for a pull request's own words (title, description, commit messages): also hides a
    password given in prose ("the password is hunter2!"). Never used on code, where it hides code."""
    out = redact(text)
    return _PROSE_PASSWORD.sub(_prose_value, out)


def _prose_value(match: re.Match[str]) -> str:
    value = match.group("value")
    if value == PLACEHOLDER or not any(not c.isalpha() for c in value):
        return match.group(0)
    return match.group("lead") + PLACEHOLDER


def contains_secret(text: str) -> bool:
    """Whether ``redact`` would change ``text``."""
    return redact(text) != text


class _Scanner:
    """Line-by-line state: inside a private key block, after a secret-named k8s env entry, inside a
    Terraform variable that names a secret."""

    def __init__(self) -> None:
        self.in_key = False
        self.key_pending = False
        self.k8s_secret = False
        self.tf_depth = 0

    def lines(self, lines: list[str]) -> Iterator[str]:
        for line in lines:
            yield self.line(line)

    def line(self, line: str) -> str:
        if len(line) > MAX_LINE_CHARS:
            self.in_key = self.key_pending = self.k8s_secret = False
            return _hide_whole(line)
        if self.in_key:
            return self._inside_key(line)
        begin = _KEY_BEGIN.search(line)
        if begin:
            return self._key_begins(line, begin)
        if self.key_pending:
            if _KEY_LINE.fullmatch(line):
                self.key_pending, self.in_key = False, True
                return self._inside_key(line)
            self.key_pending = bool(_KEY_HEADER.match(line))
        line = _tokens(line)
        line = self._context(line)
        if any(hint in line.lower() for hint in NAME_HINTS):
            line = _assignments(line)
        if "sign" in line or "verify" in line or "cookieParser" in line:
            line = _signing(line)
        return line

    def _inside_key(self, line: str) -> str:
        end = _KEY_END.search(line)
        if end is None:
            return _hide_whole(line)
        self.in_key = False
        return _hide_whole(line[: end.start()]) + line[end.start() :]

    def _key_begins(self, line: str, begin: re.Match[str]) -> str:
        rest = begin.end()
        end = _KEY_END.search(line, rest)
        if end is not None:
            if _KEY_MATERIAL.match(line, rest):
                key = _LINE_BODY.sub(PLACEHOLDER, line[rest : end.start()])  # line breaks inside stay
                return line[:rest] + key + line[end.start() :]
            return line
        if _KEY_MATERIAL.match(line, rest):
            tail = line[rest:]
            self.in_key = _KEY_ONLY.fullmatch(tail) is not None
            return line[:rest] + _LINE_BODY.sub(PLACEHOLDER, tail)  # a '\r' in the key stays a line break
        self.key_pending = True
        return line

    def _context(self, line: str) -> str:
        if self.tf_depth > 0:
            self.tf_depth += line.count("{") - line.count("}")
            default = _TF_DEFAULT.match(line)
            if default:
                line = _replace_literal(line, default.end())
            return line
        variable = _TF_VARIABLE.match(line)
        if variable and is_secret_name(variable.group(1)):
            self.tf_depth = max(1, line.count("{") - line.count("}"))
            return line
        if self.k8s_secret and line.strip():
            self.k8s_secret = False
            value = _K8S_VALUE.match(line)
            if value:
                return _replace_literal(line, value.end())
        name = _K8S_NAME.match(line)
        if name and is_secret_name(name.group(1)):
            self.k8s_secret = True
        return line


def _hide_whole(line: str) -> str:
    """Every run of non-boundary characters becomes one placeholder; indentation stays."""
    body = line.lstrip(" \t")
    return line[: len(line) - len(body)] + _LINE_BODY.sub(PLACEHOLDER, body) if body else line


def _tokens(line: str) -> str:
    for _name, pattern in TOKEN_PATTERNS:
        line = pattern.sub(_secret_group if pattern.groups else PLACEHOLDER, line)
    return line


def _secret_group(match: re.Match[str]) -> str:
    value = match.group("secret")
    if _is_reference(value):
        return match.group(0)
    start, end = match.span("secret")
    whole = match.group(0)
    return whole[: start - match.start()] + PLACEHOLDER + whole[end - match.start() :]


def _assignments(line: str) -> str:
    spans: list[tuple[int, int]] = []
    docker = _DOCKER_INSTRUCTION.match(line) is not None
    for name in _NAME.finditer(line):
        if not is_secret_name(name.group(0)):
            continue
        after = _AFTER_NAME.match(line, name.end())
        if after is None or (not docker and not after.group("sep").strip()):
            continue
        span = _value_span(line, after)
        if span is not None:
            spans.append(span)
    return _apply(line, spans)


def _value_span(line: str, m: re.Match[str]) -> tuple[int, int] | None:
    if m.group("qv") is not None:
        return m.span("qv") if _is_secret_literal(m.group("qv"), quoted=True) else None
    end = m.end("uv")
    if end < len(line) and line[end] not in _UNQUOTED_STOP:
        return None
    value = m.group("uv").rstrip(";,")
    if not _is_secret_literal(value, quoted=False):
        return None
    return m.start("uv"), m.start("uv") + len(value)


def _replace_literal(line: str, at: int) -> str:
    m = _LITERAL.match(line, at)
    if m is None:
        return line
    group = "qv" if m.group("qv") is not None else "uv"
    value = m.group(group)
    if not _is_secret_literal(value, quoted=group == "qv"):
        return line
    start, end = m.span(group)
    return line[:start] + PLACEHOLDER + line[end:]


def _signing(line: str) -> str:
    spans: list[tuple[int, int]] = []
    for call in _SIGN_CALL.finditer(line):
        skip = (_SECOND_ARG if call.group(0) != "cookieParser(" else _FIRST_ARG).match(line, call.end())
        if skip is None:
            continue
        literal = _LITERAL.match(line, skip.end())
        if literal is not None and literal.group("qv") is not None and not _is_reference(literal.group("qv")):
            spans.append(literal.span("qv"))
    return _apply(line, spans)


def _apply(line: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in sorted(set(spans)):
        if start < last:
            continue
        out += [line[last:start], PLACEHOLDER]
        last = end
    return "".join(out) + line[last:] if out else line


def _is_secret_literal(value: str, *, quoted: bool) -> bool:
    """A literal value (not a reference, a code expression, a name or a keyword) of 6+ characters."""
    if len(value) < 6 or value == PLACEHOLDER or PLACEHOLDER in value or _is_reference(value):
        return False
    if quoted:
        return True
    if value[0] in "&*!|>#[(" or "(" in value or ")" in value or value.lower() in _NOT_VALUES:
        return False
    if all(c.isalpha() or c in "_.-" for c in value):
        return False  # an identifier, a dotted name or a word
    return _DOTTED_NAME.fullmatch(value) is None or "." not in value


def _is_reference(value: str) -> bool:
    """Values that name a secret rather than hold one (``${VAR}``, ``{{ secrets.X }}``, ``$VAR``)."""
    v = value.strip()
    return v.startswith(("$", "{", "%(", "<")) or "${" in v or "{{" in v or "$(" in v
