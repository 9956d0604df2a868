"""Regular expressions a change adds that backtrack without bound (ReDoS, CWE-1333): JS/TS and Ruby.

Regex literals (`/.../flags`, Ruby `%r{...}`) and `RegExp("...")` / `Regexp.new("...")` with a string
literal are read from the added lines (a small scanner that skips strings and comments), and each
pattern goes through `redos_regex.findings`. Exponential and polynomial shapes are medium
confidence; a pattern that is only quadratic through an unanchored leading whitespace repeat is low.
Go's regexp (RE2) and Rust's never backtrack, so they are not read. Imports bot.core only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from bot.analysis import redos_regex
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, LineKind, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
RULE_ID = "regex-redos"
LANGUAGES = frozenset({"javascript", "typescript", "ruby"})
REPORTED = frozenset({"nested"})
"""The shapes reported. The polynomial ones ("adjacent", "leading") found 7 of the dev set's ReDoS
fixes but added fix-side flags on the blind set (validation regexes such as `^(.+)@(.+)$` that fixes
add have the same shape), so only the exponential one is reported."""
MAX_LINE = 4000

_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^")
_WORDS_BEFORE_REGEX = ("return", "typeof", "case", "when", "if", "unless", "and", "or", "not", "in", "of")
_CONSTRUCTORS = ("RegExp(", "Regexp.new(", "Regexp.compile(")
_RUBY_DELIMS = {"{": "}", "(": ")", "[": "]", "<": ">", "|": "|", "!": "!", "/": "/"}


def _string_at(line: str, i: int) -> tuple[str, int] | None:
    """The content of the string literal starting at ``line[i]`` (escapes resolved) and its end."""
    quote = line[i]
    out: list[str] = []
    j = i + 1
    while j < len(line):
        c = line[j]
        if c == "\\" and j + 1 < len(line):
            out.append(line[j + 1] if line[j + 1] in "\"'`\\" else line[j : j + 2])
            j += 2
            continue
        if c == quote:
            return "".join(out), j + 1
        if quote == "`" and c == "$" and line[j + 1 : j + 2] == "{":
            return None  # a template with substitutions is not a constant pattern
        out.append(c)
        j += 1
    return None


def _regex_at(line: str, i: int, close: str = "/") -> tuple[str, int] | None:
    """The body of the regex literal whose opening delimiter is ``line[i]``, and where it ends."""
    j = i + 1
    in_class = False
    while j < len(line):
        c = line[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == close and not in_class:
            return line[i + 1 : j], j + 1
        j += 1
    return None


def _starts_regex(line: str, i: int, ruby: bool) -> bool:
    before = line[:i].rstrip()
    if not before:
        return True
    if before[-1] in _BEFORE_REGEX:
        return not before.endswith(("++", "--"))
    word = before.rsplit(None, 1)[-1]
    if word in _WORDS_BEFORE_REGEX:
        return True
    # Ruby: a method called without parentheses (`split /,/`, `match? /x/`) when a space follows
    method = word.rsplit(".", 1)[-1].rstrip("?!")
    return ruby and before != line[:i] and line[i + 1 : i + 2] not in (" ", "=") and method.isidentifier()


def patterns(line: str, language: str) -> Iterator[str]:
    """The regular expressions written on one line of JavaScript, TypeScript or Ruby."""
    ruby = language == "ruby"
    text = line[:MAX_LINE]
    i = 0
    while i < len(text):
        c = text[i]
        if c in "\"'`":
            for ctor in _CONSTRUCTORS:
                if text[:i].rstrip().endswith(ctor) or text[:i].rstrip().endswith(f"new {ctor}"):
                    found = _string_at(text, i)
                    if found is not None:
                        yield found[0]
                    break
            end = _string_at(text, i)
            if end is None:
                return
            i = end[1]
            continue
        if c == "#" and ruby:
            return  # a Ruby comment
        if c == "/" and text[i + 1 : i + 2] in ("/", "*") and not ruby:
            return  # a comment (a block comment's remainder is not read)
        if ruby and c == "%" and text[i + 1 : i + 2] == "r" and text[i + 2 : i + 3] in _RUBY_DELIMS:
            found = _regex_at(text, i + 2, _RUBY_DELIMS[text[i + 2]])
            if found is None:
                return
            yield found[0]
            i = found[1]
            continue
        if c == "/" and _starts_regex(text, i, ruby):
            found = _regex_at(text, i)
            if found is None:
                return
            if found[0]:
                yield found[0]
            i = found[1]
            continue
        i += 1


def find_redos(changeset: ChangeSet, languages: Mapping[str, str | None] | None = None) -> list[Finding]:
    """One finding per added line whose regular expression can backtrack without bound."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = languages.get(fc.path) if languages is not None else fc.language
        if fc.is_binary or language not in LANGUAGES:
            continue
        for hunk in fc.hunks:
            for dl in hunk.lines:
                if dl.kind is not LineKind.ADDED or dl.new_no is None:
                    continue
                found = _line_finding(fc, dl.new_no, dl.text, language)
                if found is not None:
                    out.append(found)
    return out


def _line_finding(fc: FileChange, line: int, text: str, language: str) -> Finding | None:
    stripped = text.lstrip()
    if stripped.startswith(("//", "*", "/*")) or (language == "ruby" and stripped.startswith("#")):
        return None
    for pattern in patterns(text, language):
        kinds = [k for k in redos_regex.findings(pattern) if k in REPORTED]
        if kinds:
            return _finding(fc, line, pattern, kinds)
    return None


_WHY = {
    "nested": "a repeated group whose body can itself repeat the same characters (exponential)",
    "adjacent": "two repeats that can match the same characters with only optional parts between "
    "them, followed by something that can fail (polynomial)",
    "leading": "an unanchored pattern that opens with a repeated whitespace class followed by "
    "something that can fail (quadratic in the input's length)",
}


def _finding(fc: FileChange, line: int, pattern: str, kinds: list[str]) -> Finding:
    cat = lookup_category("redos")
    shape = kinds[0]
    return Finding(
        rule_id=RULE_ID,
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title="Regular expression can backtrack without bound",
        severity=Severity.MEDIUM,
        confidence=Confidence.LOW if kinds == ["leading"] else Confidence.MEDIUM,
        path=fc.path,
        start_line=line,
        end_line=line,
        message=f"The pattern `{pattern[:120]}` has {_WHY[shape]}: a crafted input keeps the matcher "
        "busy for seconds or more.",
        explanation=(
            "Backtracking regex engines (V8, Ruby's Onigmo, Python's re) try every way to split the input "
            "between ambiguous repeats before giving up, so one request with a long crafted string "
            "blocks the event loop or worker."
        ),
        remediation=(
            "Make the repeats unambiguous: exclude the separator from the repeated class (`[^,]*` instead "
            "of `.*`), drop the inner quantifier (`(\\d+)*` -> `\\d*`), anchor the pattern, or trim "
            "without a regex.",
            "Cap the input's length before matching.",
            "Add a test that matches a 50 kB adversarial string within a time budget.",
        ),
        provenance=Provenance(engine=ENGINE),
    )


def rule_ids() -> Iterable[str]:
    yield RULE_ID
