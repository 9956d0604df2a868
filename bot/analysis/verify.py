"""Verify suggested fixes before anyone sees them: apply, parse, re-scan with every analyzer.

A candidate fix (a finding with a ``replacement``) is applied to a scratch copy of its file. It is kept
only when all of this holds:

1. the patched file parses in its language at least as well as the original did (Python: ``ast``;
   JavaScript, TypeScript, Java, Go, Ruby, Dockerfile, HCL, shell: a tree-sitter grammar, counting error
   and missing nodes; YAML and workflows: a YAML event parse; JSON: ``json``; any other language: the
   replacement must open and close as many brackets as the lines it replaces, a conservative check);
2. the analyzers that can see the flaw are run again, each on the original and on the patched copy in
   the same run: the rule pack (semgrep) on every language, bandit and the flow engine on Python, the
   Java flow analysis on Java (dropping the rules it supersedes where it analysed a copy whole, as a
   review does), the route check (``route_auth``) for a missing-authorization fix;
3. the flaw was *reproduced* on the original: some re-run analyzer reports the finding's category on
   the replaced lines (a flaw no analyzer can see cannot be shown gone: such a fix passes only when the
   caller's ``confirm`` callback accepts it, e.g. a second model request for the model's own rules);
4. the flaw is *gone at its location*: no analyzer reports the finding's category on the replaced lines
   of the patched copy;
5. *nothing new appears*: every result on the patched copy (rule id, engine, line mapped back across the
   replaced lines) was already a result on the original, anywhere in the file. A flaw moved to another
   line, or another flaw introduced, fails this;
6. *the fix has a fix's shape*: for an injection class it adds no escaping made for another context
   (URL-quoting a value written into HTML, HTML-escaping SQL or a shell word) and no character deny-list
   (``.replace``/``re.sub``/``strings.Replace`` on the way to the sink). Analyzers model sanitisers by
   name, so these are checked on the fix's own text: calls the replacement adds, names resolved through
   the file's imports in Python.

All candidates are checked in one semgrep process and one bandit process; the flow engine runs in
process. Imports bot.core, bot.errors and the analysis package's own runners.
"""

from __future__ import annotations

import ast
import json
import logging
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.analysis import bandit as bandit_mod
from bot.analysis import flow as flow_mod
from bot.analysis import java_flow, route_auth
from bot.analysis.semgrep import run_semgrep
from bot.core.models import DiffLine, FileChange, FileStatus, Finding, Hunk, LineKind, SourceFile
from bot.core.redact import contains_secret
from bot.core.taxonomy import category as lookup_category
from bot.errors import AnalyzerError

logger = logging.getLogger(__name__)

Confirm = Callable[[Finding, str, str], bool]
"""(finding, original text, patched text) -> whether the fix removes the flaw; asked only for flaws
that no re-run analyzer reproduces (the model's own rules)."""
Reader = Callable[[str], "bytes | None"]

SEMGREP = "semgrep"
# bandit tests that flag every subprocess call, including the argument-list form a shell fix produces:
# they corroborate, never decide whether a flaw is gone
_BANDIT_IGNORED = {"B603", "B607"}
_TREE_SITTER = {
    "javascript": "javascript",
    "typescript": "typescript",
    "java": "java",
    "go": "go",
    "ruby": "ruby",
    "php": "php",
    "dockerfile": "dockerfile",
    "terraform": "hcl",
    "hcl": "hcl",
    "shell": "bash",
    "kotlin": "kotlin",
    "csharp": "csharp",
    "rust": "rust",
    "c": "c",
    "cpp": "cpp",
}
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether one candidate fix passed, and why not when it did not."""

    ok: bool
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Hit:
    engine: str
    rule: str
    category: str
    start: int
    end: int


@dataclass
class _Candidate:
    index: int
    finding: Finding
    source: SourceFile
    patched: str
    rel: str
    span_new: range = field(default_factory=lambda: range(0))


def apply_fix(text: str, finding: Finding) -> str | None:
    """``text`` with lines start..end replaced by the finding's replacement (None if impossible)."""
    if finding.replacement is None:
        return None
    lines = text.splitlines(keepends=True)
    if not 1 <= finding.start_line <= finding.end_line <= len(lines):
        return None
    last = lines[finding.end_line - 1]
    ending = last[len(last.rstrip("\r\n")) :]
    new = finding.replacement + ending
    return "".join(lines[: finding.start_line - 1]) + new + "".join(lines[finding.end_line :])


# ---------------------------------------------------------------------------------------- parsing
def syntax_errors(text: str, language: str | None, path: str = "") -> int | None:
    """How many syntax errors ``text`` has in ``language`` (0: it parses); None when no parser is known."""
    check = _CHECKS.get(language or "")
    if check is not None:
        return 0 if check(text) else 1
    name = _TREE_SITTER.get(language or "")
    if name == "typescript" and path.endswith(".tsx"):
        name = "tsx"
    parser = _ts_parser(name) if name else None
    if parser is None:
        return None
    tree = parser.parse(text.encode("utf-8", errors="replace"))
    if not tree.root_node.has_error:
        return 0
    errors, stack = 0, [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            errors += 1
        if node.has_error:
            stack.extend(node.children)
    return max(errors, 1)


def _python_parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _yaml_parses(text: str) -> bool:
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.YAMLError:
        return False
    return True


def _json_parses(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


_CHECKS: dict[str, Callable[[str], bool]] = {
    "python": _python_parses,
    "yaml": _yaml_parses,
    "github-actions": _yaml_parses,
    "json": _json_parses,
}


_PARSERS: dict[str, Any] = {}


def _ts_parser(name: str) -> Any:
    if name not in _PARSERS:
        try:
            import tree_sitter_language_pack as tslp  # noqa: PLC0415 - heavy native import, on demand

            _PARSERS[name] = tslp.get_parser(name)  # type: ignore[arg-type]
        except (ImportError, LookupError, ValueError, RuntimeError, OSError) as exc:
            logger.info("no tree-sitter grammar for %s: %s", name, exc)
            _PARSERS[name] = None
    return _PARSERS[name]


def _bracket_balance(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for ch in text:
        if ch in _BRACKETS:
            out[ch] += 1
        elif ch in _BRACKETS.values():
            out[next(k for k, v in _BRACKETS.items() if v == ch)] -= 1
    return out


def parses_as_well(original: str, patched: str, finding: Finding, language: str | None, path: str) -> bool:
    """Whether the patched text parses at least as well as the original (see the module docstring)."""
    before = syntax_errors(original, language, path)
    if before is not None:
        after = syntax_errors(patched, language, path)
        return after is not None and after <= before
    replaced = "\n".join(original.splitlines()[finding.start_line - 1 : finding.end_line])
    return _bracket_balance(replaced) == _bracket_balance(finding.replacement or "")


# ---------------------------------------------------------------------------------------- verification
def verify_fixes(
    findings: Sequence[Finding],
    files: Mapping[str, SourceFile],
    workdir: Path,
    *,
    timeout: int,
    jobs: int = 0,
    read: Reader | None = None,
    confirm: Confirm | None = None,
) -> tuple[list[Finding], int]:
    """Findings with unverifiable replacements removed, and how many were removed."""
    verdicts = check_fixes(findings, files, workdir, timeout=timeout, jobs=jobs, read=read, confirm=confirm)
    out: list[Finding] = []
    dropped = 0
    for f, verdict in zip(findings, verdicts, strict=True):
        if f.replacement is not None and not verdict.ok:
            dropped += 1
            logger.debug("fix for %s:%d withheld: %s", f.path, f.start_line, verdict.reason)
            out.append(f.with_(replacement=None))
        else:
            out.append(f)
    return out, dropped


def check_fixes(
    findings: Sequence[Finding],
    files: Mapping[str, SourceFile],
    workdir: Path,
    *,
    timeout: int,
    jobs: int = 0,
    read: Reader | None = None,
    confirm: Confirm | None = None,
) -> list[Verdict]:
    """One verdict per finding (findings without a replacement get ``Verdict(False, "no fix")``)."""
    verdicts: list[Verdict] = [Verdict(False, "no fix")] * len(findings)
    candidates: list[_Candidate] = []
    for index, f in enumerate(findings):
        if f.replacement is None:
            continue
        sf = files.get(f.path)
        patched = apply_fix(sf.text, f) if sf else None
        if sf is None or patched is None:
            verdicts[index] = Verdict(False, "the fix does not apply to the file")
            continue
        if contains_secret(f.replacement):
            verdicts[index] = Verdict(False, "the fix contains a secret")
            continue
        if patched == sf.text:
            verdicts[index] = Verdict(False, "the fix changes nothing")
            continue
        if not parses_as_well(sf.text, patched, f, sf.language, sf.path):
            verdicts[index] = Verdict(False, "the fixed file does not parse")
            continue
        shape = _shape_problem(f, sf, patched)
        if shape is not None:
            verdicts[index] = Verdict(False, f"not a fix: {shape}")
            continue
        new_len = len(f.replacement.splitlines()) or 1
        span_new = range(f.start_line, f.start_line + new_len)
        candidates.append(_Candidate(index, f, sf, patched, f"fix{index}/{f.path}", span_new))
    if not candidates:
        return verdicts
    originals = {c.source.path: c.source for c in candidates}
    try:
        hits = _rescan(candidates, originals, files, workdir, timeout=timeout, jobs=jobs, read=read)
    except AnalyzerError as exc:
        logger.warning("fix verification: %s; no fix is offered", exc)
        for c in candidates:
            verdicts[c.index] = Verdict(False, f"the re-scan failed: {exc}")
        return verdicts
    for c in candidates:
        verdicts[c.index] = _judge(c, hits, confirm)
    return verdicts


def _orig_rel(path: str) -> str:
    return f"orig/{path}"


def _rescan(
    candidates: Sequence[_Candidate],
    originals: Mapping[str, SourceFile],
    files: Mapping[str, SourceFile],
    workdir: Path,
    *,
    timeout: int,
    jobs: int,
    read: Reader | None,
) -> dict[str, list[_Hit] | None]:
    """Results per scratch path (``orig/<path>`` and ``fix<i>/<path>``); None for a path that did not
    parse for semgrep."""
    texts = {_orig_rel(p): sf.text for p, sf in originals.items()} | {c.rel: c.patched for c in candidates}
    for rel, text in texts.items():
        target = workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", errors="replace", newline="")
    relpaths = sorted(texts)
    languages = {sf.language for sf in originals.values()}
    run = run_semgrep(workdir, relpaths, timeout=timeout, jobs=jobs, languages=languages)
    hits: dict[str, list[_Hit] | None] = {rel: [] for rel in relpaths}
    for r in run.results:
        rel = str(r.get("path", ""))
        meta = (r.get("extra") or {}).get("metadata") or {}
        cat = lookup_category(str(meta.get("category", "other"))).id
        start, end = int(r["start"]["line"]), int(r["end"]["line"])
        hits.setdefault(rel, []).append(_Hit(SEMGREP, str(r.get("check_id")), cat, start, end))  # type: ignore[union-attr]
    broken = {str(e.get("path", "")) for e in run.errors if _is_parse_error(e)}
    for rel in broken:
        hits[rel] = None
    py = [rel for rel in relpaths if _language_of(rel, candidates, originals) == "python"]
    if py:
        brun = bandit_mod.run_bandit(workdir, py, timeout=timeout)
        for r in brun.results:
            rel = str(r.get("filename", "")).removeprefix("./")
            test_id = str(r.get("test_id", ""))
            if test_id not in bandit_mod.CATEGORY_OF or test_id in _BANDIT_IGNORED or hits.get(rel) is None:
                continue
            line = int(r.get("line_number", 1))
            cat = lookup_category(bandit_mod.CATEGORY_OF[test_id]).id
            hits[rel].append(_Hit(bandit_mod.ENGINE, test_id, cat, line, line))  # type: ignore[union-attr]
        _flow_hits(candidates, originals, files, read, hits)
    _java_flow_hits(candidates, originals, hits)
    _route_hits(candidates, hits)
    return hits


def _language_of(
    rel: str, candidates: Sequence[_Candidate], originals: Mapping[str, SourceFile]
) -> str | None:
    for c in candidates:
        if c.rel == rel:
            return c.source.language
    sf = originals.get(rel.removeprefix("orig/"))
    return sf.language if sf else None


def _flow_hits(
    candidates: Sequence[_Candidate],
    originals: Mapping[str, SourceFile],
    files: Mapping[str, SourceFile],
    read: Reader | None,
    hits: dict[str, list[_Hit] | None],
) -> None:
    """The flow engine on each Python original and patched copy, with the same added lines (mapped
    across the replaced lines) so its findings are anchored as the review anchored them."""

    def reader(path: str) -> bytes | None:
        sf = files.get(path)
        if sf is not None:
            return sf.text.encode("utf-8")
        return read(path) if read is not None else None

    def run(path: str, text: str, added: frozenset[int]) -> list[_Hit]:
        result = flow_mod.analyse_python({path: (text, added)}, reader)
        return [
            _Hit(flow_mod.ENGINE, f.rule_id, f.category, f.start_line, f.end_line) for f in result.findings
        ]

    for path, sf in originals.items():
        if sf.language == "python" and hits.get(_orig_rel(path)) is not None:
            hits[_orig_rel(path)].extend(run(path, sf.text, sf.change.added_lines))  # type: ignore[union-attr]
    for c in candidates:
        if c.source.language != "python" or hits.get(c.rel) is None:
            continue
        f = c.finding
        added = {_to_new(n, f, c.span_new) for n in c.source.change.added_lines}
        added.discard(None)
        added.update(c.span_new)
        hits[c.rel].extend(run(c.source.path, c.patched, frozenset(n for n in added if n)))  # type: ignore[union-attr]


def _java_flow_hits(
    candidates: Sequence[_Candidate], originals: Mapping[str, SourceFile], hits: dict[str, list[_Hit] | None]
) -> None:
    """The Java flow analysis on each Java original and patched copy, as in a review: its findings
    join the hits, and in a copy it analysed whole the rule-pack rules it supersedes are dropped."""

    def run(rel: str, path: str, text: str, added: frozenset[int]) -> None:
        found = hits.get(rel)
        if found is None:
            return
        result = java_flow.analyse_java({path: (text, added)})
        if path in result.analysed and path not in result.cuts:
            found[:] = [h for h in found if h.rule not in java_flow.SUPERSEDED_RULES]
        found.extend(
            _Hit(java_flow.ENGINE, f.rule_id, f.category, f.start_line, f.end_line) for f in result.findings
        )

    for path, sf in originals.items():
        if sf.language == "java":
            run(_orig_rel(path), path, sf.text, sf.change.added_lines)
    for c in candidates:
        if c.source.language != "java":
            continue
        f = c.finding
        added = {_to_new(n, f, c.span_new) for n in c.source.change.added_lines}
        added.discard(None)
        added.update(c.span_new)
        run(c.rel, c.source.path, c.patched, frozenset(n for n in added if n))


def _route_hits(candidates: Sequence[_Candidate], hits: dict[str, list[_Hit] | None]) -> None:
    """The route check (a new handler without its siblings' auth control) on the original and patched
    copy of each missing-authorization fix, with the change's added lines mapped across the fix."""

    def run(sf: SourceFile, text: str, added: set[int]) -> list[_Hit]:
        lines = text.splitlines()
        rows = tuple(
            DiffLine(LineKind.ADDED if n in added else LineKind.CONTEXT, None, n, "")
            for n in range(1, len(lines) + 1)
        )
        change = FileChange(
            sf.path, None, FileStatus.MODIFIED, (Hunk(1, 0, 1, len(lines), rows),), language=sf.language
        )
        found = route_auth.find_unprotected_routes([change], {sf.path: lines})
        return [_Hit(route_auth.ENGINE, f.rule_id, f.category, f.start_line, f.end_line) for f in found]

    done: set[str] = set()
    for c in candidates:
        f, sf = c.finding, c.source
        if f.category != "missing-authorization" or hits.get(c.rel) is None:
            continue
        if sf.path not in done and hits.get(_orig_rel(sf.path)) is not None:
            done.add(sf.path)
            hits[_orig_rel(sf.path)].extend(run(sf, sf.text, set(sf.change.added_lines)))  # type: ignore[union-attr]
        added = {n for n in (_to_new(n, f, c.span_new) for n in sf.change.added_lines) if n}
        hits[c.rel].extend(run(sf, c.patched, added | set(c.span_new)))  # type: ignore[union-attr]


def _to_new(line: int, f: Finding, span_new: range) -> int | None:
    """An original line's number in the patched file (None inside the replaced lines)."""
    if line < f.start_line:
        return line
    if line > f.end_line:
        return line + len(span_new) - (f.end_line - f.start_line + 1)
    return None


def _to_old(line: int, f: Finding, span_new: range) -> int | None:
    """A patched line's number in the original file (None inside the replacement)."""
    if line < span_new.start:
        return line
    if line >= span_new.stop:
        return line - len(span_new) + (f.end_line - f.start_line + 1)
    return None


def _overlaps(h: _Hit, lines: range) -> bool:
    return h.start < lines.stop and h.end >= lines.start


def _judge(c: _Candidate, hits: Mapping[str, list[_Hit] | None], confirm: Confirm | None) -> Verdict:
    f = c.finding
    before, after = hits.get(_orig_rel(f.path)), hits.get(c.rel)
    if after is None:
        return Verdict(False, "the fixed file does not parse for the rule pack")
    if before is None:
        before = []
    old_span = range(f.start_line, f.end_line + 1)
    reproduced = any(h.category == f.category and _overlaps(h, old_span) for h in before)
    remaining = [h for h in after if h.category == f.category and _overlaps(h, c.span_new)]
    if remaining:
        h = remaining[0]
        return Verdict(False, f"the flaw is still there: {h.engine} {h.rule} at line {h.start}")
    old_keys = Counter(_key(h, old_span, lambda n: n) for h in before)
    new_keys = Counter(_key(h, c.span_new, lambda n: _to_old(n, f, c.span_new)) for h in after)
    extra = new_keys - old_keys
    if extra:
        engine, rule, where = sorted(extra, key=str)[0]
        place = "in the fix" if where is None else f"at line {where}"
        return Verdict(False, f"the fix brings a new result: {engine} {rule} {place}")
    if not reproduced:
        if confirm is not None and confirm(f, c.source.text, c.patched):
            return Verdict(True, "no analyzer sees this flaw: confirmed by the caller")
        return Verdict(False, "no analyzer reproduces the flaw, so it cannot be shown gone")
    return Verdict(True)


def _key(h: _Hit, span: range, to_old: Callable[[int], int | None]) -> tuple[str, str, int | None]:
    """(engine, rule, original line or None inside the replaced lines)."""
    if h.start in span:
        return (h.engine, h.rule, None)
    return (h.engine, h.rule, to_old(h.start))


# escaping calls, by the context they are right for (qualified as written, Python names resolved through
# the file's imports)
_ESCAPES = {
    "html.escape": "html", "markupsafe.escape": "html", "flask.escape": "html", "cgi.escape": "html",
    "django.utils.html.escape": "html", "escapeHtml": "html", "escape_html": "html",
    "StringEscapeUtils.escapeHtml4": "html", "HtmlUtils.htmlEscape": "html",
    "template.HTMLEscapeString": "html",
    "html.EscapeString": "html", "he.encode": "html", "_.escape": "html",
    "urllib.parse.quote": "url", "urllib.parse.quote_plus": "url", "urllib.parse.urlencode": "url",
    "encodeURI": "url", "encodeURIComponent": "url", "escape": "url", "url.QueryEscape": "url",
    "url.PathEscape": "url", "URLEncoder.encode": "url",
    "shlex.quote": "shell", "pipes.quote": "shell", "escapeshellarg": "shell",
    "re.escape": "regex", "json.dumps": "json", "JSON.stringify": "json",
}  # fmt: skip
_JS_GLOBAL = {"escape"}  # JavaScript's global escape() is URL-style; Python's bare escape is resolved
_RIGHT_CONTEXT: dict[str, set[str]] = {
    "xss": {"html"},
    "sql-injection": set(),
    "nosql-injection": set(),
    "command-injection": {"shell"},
    "code-injection": set(),
    "path-traversal": set(),
    "ldap-injection": set(),
    "xpath-injection": set(),
    "workflow-injection": set(),
}
_DENYLIST_CALLS = {
    "replace",
    "replaceAll",
    "re.sub",
    "strings.Replace",
    "strings.ReplaceAll",
    "strip",
    "translate",
}


def _calls_in(text: str) -> Counter[str]:
    """Dotted names followed by ``(`` in ``text`` (a plain scan, linear), attribute calls also under
    their last part (``x.replace(`` counts as ``replace``)."""
    out: Counter[str] = Counter()
    word: list[str] = []
    for ch in text + " ":
        if ch.isalnum() or ch in "._$":
            word.append(ch)
            continue
        if word and ch == "(":
            name = "".join(word).strip(".")
            out[name] += 1
            if "." in name:
                out[name.rsplit(".", 1)[1]] += 1
        word = []
    return out


def _python_aliases(text: str) -> dict[str, str]:
    """Local name -> qualified module or function name, from the module's imports."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                out[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                out[a.asname or a.name] = f"{node.module}.{a.name}"
    return out


def _qualified(name: str, aliases: Mapping[str, str], python: bool) -> str:
    if not python:
        return name
    head, _, rest = name.partition(".")
    base = aliases.get(head, head)
    return f"{base}.{rest}" if rest else base


def _shape_problem(finding: Finding, sf: SourceFile, patched: str) -> str | None:
    """Why the fix is not shaped like a fix for its class (see the module docstring), or None."""
    right = _RIGHT_CONTEXT.get(finding.category)
    if right is None or finding.replacement is None:
        return None
    old_span = "\n".join(sf.text.splitlines()[finding.start_line - 1 : finding.end_line])
    added = _calls_in(finding.replacement) - _calls_in(old_span)
    python = sf.language == "python"
    aliases = _python_aliases(patched) if python else {}
    for name in sorted(added):
        qualified = _qualified(name, aliases, python)
        if python and "." not in name and qualified == name and name in _JS_GLOBAL:
            continue  # a bare Python name we cannot resolve: not JavaScript's escape()
        context = _ESCAPES.get(qualified)
        if context is not None and context not in right:
            return f"it escapes for the {context} context, not for {finding.category}"
        if qualified in _DENYLIST_CALLS or name.rsplit(".", 1)[-1] in {"replace", "replaceAll"}:
            return f"it filters characters ({name}), a deny-list, instead of fixing {finding.category}"
    return None


def _is_parse_error(error: Mapping[str, object]) -> bool:
    kind = error.get("type")
    text = str(kind[0] if isinstance(kind, list) and kind else kind)
    return "Syntax" in text or "Parse" in text or "Lexical" in text


def languages_with_parsers() -> Iterable[str]:
    """Languages whose fixes are parsed with a real parser (for the docs and tests)."""
    return ["python", "yaml", "github-actions", "json", *_TREE_SITTER]
