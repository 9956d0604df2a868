"""Regular expressions a change adds that backtrack without bound (ReDoS, CWE-1333).

Python (``redos_py``: re/regex calls with constant patterns, read with ``ast`` from the file at the
head and as it was before), JS/TS and Ruby (regex literals, `%r{...}`, ``RegExp("...")`` /
``Regexp.new("...")`` on the added lines, by a small scanner that skips strings and comments). Each
pattern is judged by ``redos_ambiguity`` (exponential / polynomial of degree k / linear) and the
diff decides (``redos_report.verdict``): a pattern that replaces another at the same call of the
hunk, or under the same name, is reported only when strictly worse (JS/Ruby: and ambiguous within
itself, or low when it adds only the search's quadratic to an unanchored linear pattern); a brand-new
one when exponential (medium; JS/Ruby: and the older nested-shape check agrees) or polynomial within
itself (low; JS/Ruby: not only in wildcards, and its hunk rewrites no pattern as ambiguous). A JS/Ruby
pattern the change removes elsewhere in the file is moved, not new. Go's regexp (RE2) and Rust's
never backtrack, so they are not read. Imports bot.core and the redos_* modules only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from bot.analysis import redos_py, redos_regex
from bot.analysis.redos_ambiguity import EXPONENTIAL, UNKNOWN, Ambiguity, analyse
from bot.analysis.redos_report import ENGINE, RULE_ID, finding, verdict
from bot.analysis.redos_sre import parse_python
from bot.core.diffmap import base_text
from bot.core.models import ChangeSet, FileChange, FileStatus, Finding, LineKind

__all__ = ["ENGINE", "LANGUAGES", "RULE_ID", "find_redos", "literals", "patterns", "rule_ids"]

LANGUAGES = frozenset({"javascript", "typescript", "ruby"})
"""The languages read line by line (Python is read whole, with ``ast``)."""
MAX_LINE = 4000
MAX_PY_FILE = 400_000
_PY_IMPORTS = ("re.", "regex", "from re ", "pygments.lexer")  # a cheap test before parsing

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
    for _, pattern in literals(line, language):
        yield pattern


def literals(line: str, language: str) -> Iterator[tuple[int, str]]:
    """The regular expressions on one line of JavaScript, TypeScript or Ruby, with where each starts."""
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
                        yield i, found[0]
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
            yield i, found[0]
            i = found[1]
            continue
        if c == "/" and _starts_regex(text, i, ruby):
            found = _regex_at(text, i)
            if found is None:
                return
            if found[0]:
                yield i, found[0]
            i = found[1]
            continue
        i += 1


def _string_fragments(line: str) -> Iterator[tuple[int, str]]:
    """The string literals on a JS line that read as regular-expression source (a class escape, a
    non-capturing group or a negated class, and an unbounded repeat after a group, a class or an
    escape): parts of a pattern the file hands to ``RegExp`` as a variable (ansi-regex's array)."""
    text = line[:MAX_LINE]
    i = 0
    while i < len(text):
        c = text[i]
        if c == "/" and text[i + 1 : i + 2] in ("/", "*"):
            return
        if c in "\"'`":
            found = _string_at(text, i)
            if found is None:
                return
            body = found[0]
            if _reads_as_regex(body):
                yield i, body
            i = found[1]
            continue
        i += 1


_REGEX_MARKS = ("\\d", "\\s", "\\w", "\\D", "\\S", "\\W", "(?:", "[^")


def _reads_as_regex(body: str) -> bool:
    if not any(mark in body for mark in _REGEX_MARKS):
        return False
    return any(body[k] in "*+" and body[k - 1] in ")]dswDSW" for k in range(1, len(body)))


def _dynamic_regexp(text: str | None) -> bool:
    """Whether the file builds a regular expression from a variable: ``RegExp(name``."""
    if not text:
        return False
    start = text.find("RegExp(")
    while start >= 0:
        rest = text[start + 7 : start + 400].lstrip()
        if rest[:1] and rest[:1] not in "\"'`/)":
            return True
        if rest[:1] and rest[:1] in "\"'`":  # text joined to a literal: `"^rgb\\(" + parts`, `${re}`
            literal = _string_at(rest, 0)
            if literal is None or rest[literal[1] :].lstrip().startswith(("+", ".concat(")):
                return True
        start = text.find("RegExp(", start + 7)
    return False


def find_redos(
    changeset: ChangeSet,
    languages: Mapping[str, str | None] | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Finding]:
    """One finding per added line whose regular expression can backtrack without bound (and, where
    it replaces one, more than the one it replaces). ``texts``: files' contents at the head, needed
    for Python."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = languages.get(fc.path) if languages is not None else fc.language
        if fc.is_binary:
            continue
        if language in LANGUAGES:
            text = texts.get(fc.path) if texts is not None else None
            out += _line_findings(fc, language, _dynamic_regexp(text) and language != "ruby")
        elif language == "python" and texts is not None and fc.path in texts:
            out += _python_findings(fc, texts[fc.path])
    return out


def _comment(text: str, language: str) -> bool:
    stripped = text.lstrip()
    return stripped.startswith(("//", "*", "/*")) or (language == "ruby" and stripped.startswith("#"))


def _ident_before(text: str) -> str:
    j = len(text)
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "_$.@"):
        j -= 1
    return text[j:].rsplit(".", 1)[-1] if text[j:] else ""


def _key(line: str, start: int) -> tuple[str, str] | None:
    """What a literal is bound to (`name =`, `name:`) or handed to (`.split(`), when the line says."""
    before = line[:start].rstrip()
    for ctor in _CONSTRUCTORS:
        if before.endswith(ctor):
            before = before[: -len(ctor)].rstrip().removesuffix("new").rstrip()
            break
    if before.endswith(("=", ":")) and not before.endswith(("==", "!=", "<=", ">=", "::")):
        name = _ident_before(before[:-1].rstrip())
        return ("bound", name) if name else None
    if before.endswith("("):
        name = _ident_before(before[:-1].rstrip())
        return ("call", name) if name else None
    return None


def _line_findings(fc: FileChange, language: str, fragments: bool = False) -> list[Finding]:
    """``fragments``: also string literals that read as regex source (the file hands a variable to
    ``RegExp``)."""
    out: list[Finding] = []

    def found_on(line: str) -> list[tuple[int, str]]:
        seen = list(literals(line, language))
        if fragments:
            starts = {i for i, _ in seen}
            seen += [(i, s) for i, s in _string_fragments(line) if i not in starts]
        return seen

    verdicts: dict[str, Ambiguity] = {}

    def judge(pattern: str) -> Ambiguity:
        if pattern not in verdicts:
            verdicts[pattern] = analyse(redos_regex.parse(pattern), "search")
        return verdicts[pattern]

    # a pattern the change removes anywhere in the file is moved, not new (forwarded 0.1.1 hoisted
    # `/ *, */` into a constant and trimmed the input before the split)
    moved = {
        pattern
        for hunk in fc.hunks
        for dl in hunk.lines
        if dl.kind is LineKind.REMOVED and not _comment(dl.text, language)
        for _, pattern in found_on(dl.text)
    }
    for hunk in fc.hunks:
        added = sum(
            1
            for dl in hunk.lines
            if dl.kind is LineKind.ADDED and not _comment(dl.text, language)
            for _ in found_on(dl.text)
        )
        removed = [
            (_key(dl.text, i), pattern)
            for dl in hunk.lines
            if dl.kind is LineKind.REMOVED and not _comment(dl.text, language)
            for i, pattern in found_on(dl.text)
        ]
        for dl in hunk.lines:
            if dl.kind is not LineKind.ADDED or dl.new_no is None or _comment(dl.text, language):
                continue
            for i, pattern in found_on(dl.text):
                found = judge(pattern)
                if found.rank < 2:
                    continue
                key = _key(dl.text, i)
                before = [p for k, p in removed if key is not None and k == key]
                if not before and len(removed) == 1 and added == 1:  # one regex for another
                    before = [removed[0][1]]
                if pattern in before or pattern in moved:
                    continue  # the same pattern, moved or re-indented
                shapes = redos_regex.findings(pattern)
                shaped = "nested" in shapes or "leading" in shapes
                if not before and not shaped and not _new_polynomial(found, [judge(p) for _, p in removed]):
                    continue
                replaced = judge(before[0]) if before else None
                leading = "leading" in shapes and found.inner == 1
                loosened = bool(before) and not before[0].startswith(("^", "\\A"))
                unpaired = not before and not shaped
                confidence = verdict(
                    found,
                    replaced,
                    python=False,
                    constant_input=False,
                    leading=leading,
                    loosened=loosened,
                    unpaired=unpaired,
                )
                if confidence is not None:
                    out.append(
                        finding(fc, dl.new_no, pattern, found, removed=replaced, confidence=confidence)
                    )
                    break
    return out


def _new_polynomial(found: Ambiguity, rewritten: list[Ambiguity]) -> bool:
    """A new JS/Ruby pattern without the measured shapes is reported (low) when it is polynomial
    within itself, not only in wildcards (`^(.*?),(.*?)$`: the common split, mostly of short text),
    and the hunk rewrites no pattern at least as ambiguous (path-parse's fix split one in two)."""
    if found.inner < 2 or found.rank == EXPONENTIAL or _wildcards_only(found):
        return False
    return all(found.worse_than(old) for old in rewritten)


_WILDCARDS = frozenset({".", "[\\s\\S]", "[\\S\\s]", "[^]", "[\\d\\D]", "[\\w\\W]"})


def _wildcards_only(found: Ambiguity) -> bool:
    """Whether every ambiguous repeat of ``found`` is a repeat of any character (`.*`, `[\\s\\S]+`)."""
    return bool(found.parts) and all(part.rstrip("*+?") in _WILDCARDS for part in found.parts)


def _python_findings(fc: FileChange, text: str) -> list[Finding]:
    if len(text) > MAX_PY_FILE or not any(word in text for word in _PY_IMPORTS):
        return []
    head = redos_py.sites(text)
    if not head:
        return []
    before = base_text(text, fc.hunks) if fc.status is not FileStatus.ADDED else None
    tables = any(site.key[0] == "table" for site in head)
    base = (redos_py.sites(before, tables=tables) if before else None) or []
    added = fc.added_lines
    verdicts: dict[tuple[str | bytes, int, str], Ambiguity] = {}

    def judge(site: redos_py.Site) -> Ambiguity:
        key = (site.pattern, site.flags, site.mode)
        if key not in verdicts:
            node = parse_python(site.pattern, site.flags)
            verdicts[key] = UNKNOWN if node is None else analyse(node, site.mode)
        return verdicts[key]

    by_key: dict[tuple[str, ...], redos_py.Site] = {}
    by_line: dict[int, list[redos_py.Site]] = {}
    rows: dict[tuple[str, ...], list[redos_py.Site]] = {}  # a lexer table's rows by their token
    for old in base:
        by_key.setdefault(old.key, old)
        if old.key[0] == "table":
            rows.setdefault(old.key, []).append(old)
        for n in old.pattern_lines:
            by_line.setdefault(n, []).append(old)
    gone = _removed_by_line(fc)
    out: dict[int, Finding] = {}
    for site in head:
        touched = site.pattern_lines & added or site.call_lines & added
        if not touched:
            continue
        line = min(touched)
        found = judge(site)
        if found.rank < 2 or line in out:
            continue
        if site.key[0] == "table":
            # a table row: unchanged when any row of its token had the pattern; else compared with
            # the most ambiguous row of the same token it may replace
            same = rows.get(site.key, [])
            if any((old.pattern, old.flags) == (site.pattern, site.flags) for old in same):
                continue
            counterpart = max(same, key=lambda old: judge(old).rank, default=None)
        else:
            counterpart = _counterpart(site, by_key, by_line, gone.get(line, frozenset()))
        if counterpart is not None and (counterpart.pattern, counterpart.flags) == (site.pattern, site.flags):
            continue  # unchanged (reformatted, or a new use of a pattern that was there)
        replaced = judge(counterpart) if counterpart is not None else None
        confidence = verdict(found, replaced, python=True, constant_input=site.constant_input)
        if confidence is not None:
            out[line] = finding(fc, line, site.pattern, found, removed=replaced, confidence=confidence)
    return [out[k] for k in sorted(out)]


def _removed_by_line(fc: FileChange) -> dict[int, frozenset[int]]:
    """For each added line, the old lines its hunk removes."""
    out: dict[int, frozenset[int]] = {}
    for hunk in fc.hunks:
        gone = frozenset(
            dl.old_no for dl in hunk.lines if dl.kind is LineKind.REMOVED and dl.old_no is not None
        )
        for dl in hunk.lines:
            if dl.kind is LineKind.ADDED and dl.new_no is not None:
                out[dl.new_no] = gone
    return out


def _counterpart(
    site: redos_py.Site,
    by_key: Mapping[tuple[str, ...], redos_py.Site],
    by_line: Mapping[int, list[redos_py.Site]],
    gone: frozenset[int],
) -> redos_py.Site | None:
    """The pattern ``site`` replaces: the same name rebound, else one the hunk removes at the same call."""
    if site.key[0] != "call" and site.key in by_key:
        return by_key[site.key]
    if not gone:
        return None
    candidates = {id(old): old for n in sorted(gone) for old in by_line.get(n, [])}
    same_call = [old for old in candidates.values() if old.callee == site.callee]
    keyed = [old for old in same_call if old.key == site.key]
    picked = keyed or same_call
    return picked[0] if picked else None


def rule_ids() -> Iterable[str]:
    yield RULE_ID
