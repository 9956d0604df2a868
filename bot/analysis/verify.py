"""Verify suggested fixes before anyone sees them: apply, parse, re-scan with every analyzer.

A candidate fix (a finding with a ``replacement``) is applied to a scratch copy of its file. It is kept
only when all of this holds:

1. the patched file parses in its language at least as well as the original did (Python: ``ast``;
   JavaScript, TypeScript, Java, Go, Ruby, Dockerfile, HCL, shell: a tree-sitter grammar, counting error
   and missing nodes; YAML and workflows: a YAML event parse; JSON: ``json``; any other language: the
   replacement must open and close as many brackets as the lines it replaces, a conservative check);
2. the analyzers that can see the flaw are run again, each on the original and on the patched copy in
   the same run: the rule pack (semgrep) on every language, bandit and the flow engine on Python, the
   Java flow analysis on Java (each dropping the rules it supersedes where it analysed a copy whole, as a
   review does: the Python ones are then not run at all), the route check (``route_auth``) for a
   missing-authorization fix;
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
   the file's imports in Python. An open-redirect fix that only normalises the path (``path.Clean``,
   ``"/" + strings.Trim(x, "/")``, ``normpath``) and checks no host fails too: ``/\\host`` survives
   it. The rule pack accepts that form in code a project wrote (it is what chi and macaron shipped),
   but it is never offered as a fix. A redirect fix that adds a check whose branch neither leaves, nor
   puts a constant in place of the target, nor holds the redirect fails too: the rule pack matches the
   Go checks on their condition alone.

The fixes of one file that do not overlap are checked together on one patched copy (a batch);
when that copy's re-scan shows anything but every flaw gone and nothing new, the batch's fixes are
re-scanned one by one, so a wrong fix is withheld and the right ones beside it kept (``check_fixes``).
Each round runs one semgrep process and, beside it, one bandit process; the flow engines run in process.
Imports bot.core, bot.errors and the analysis package's own runners.
"""

from __future__ import annotations

import ast
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.analysis import bandit as bandit_mod
from bot.analysis import flow as flow_mod
from bot.analysis import java_flow, redos, route_auth
from bot.analysis.semgrep import ALL_RULES as SEMGREP_ALL
from bot.analysis.semgrep import RuleFilter, run_semgrep
from bot.core.models import ChangeSet, DiffLine, FileChange, FileStatus, Finding, Hunk, LineKind, SourceFile
from bot.core.pyparse import parse_module
from bot.core.redact import contains_secret
from bot.core.taxonomy import category as lookup_category
from bot.errors import AnalyzerError
from bot.obs.context import ContextThreadPool

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


@dataclass(frozen=True, slots=True)
class Baseline:
    """The review's own rule-pack results for original files, used instead of scanning them again.

    ``findings``: path -> every semgrep finding of the file (a path missing here is scanned again);
    ``lacks``: path -> rule ids that run left out for the file (they are run on its original)."""

    findings: Mapping[str, Sequence[Finding]] = field(default_factory=dict)
    lacks: Mapping[str, frozenset[str]] = field(default_factory=dict)


NO_BASELINE = Baseline()


@dataclass
class _Candidate:
    index: int
    finding: Finding
    source: SourceFile
    patched: str
    rel: str
    span_new: range = field(default_factory=lambda: range(0))


@dataclass
class _Copy:
    """One scratch copy of a file with one or more non-overlapping fixes applied (a batch), in line
    order. Line numbers map across every replaced span."""

    rel: str
    source: SourceFile
    patched: str
    members: list[_Candidate]

    @property
    def spans_new(self) -> list[range]:
        return [c.span_new for c in self.members]

    def added_lines(self) -> frozenset[int]:
        """The lines of this copy the change adds: its own added lines mapped across the fixes, and
        every line of the fixes' replacements."""
        mapped = (self.to_new(n) for n in self.source.change.added_lines)
        return frozenset(n for n in mapped if n).union(*self.spans_new)

    def to_new(self, line: int) -> int | None:
        """An original line's number in this copy (None inside a replaced span)."""
        shift = 0
        for c in self.members:
            f = c.finding
            if line < f.start_line:
                break
            if line <= f.end_line:
                return None
            shift += len(c.span_new) - (f.end_line - f.start_line + 1)
        return line + shift

    def to_old(self, line: int) -> int | None:
        """A line's number of this copy in the original file (None inside a replacement)."""
        shift = 0
        for c in self.members:
            if line < c.span_new.start:
                break
            if line < c.span_new.stop:
                return None
            f = c.finding
            shift += len(c.span_new) - (f.end_line - f.start_line + 1)
        return line - shift

    def span_of_new(self, line: int) -> int | None:
        """Which member's replacement holds this line of the copy (its position), or None."""
        return next((k for k, c in enumerate(self.members) if line in c.span_new), None)

    def span_of_old(self, line: int) -> int | None:
        """Which member's replaced lines hold this original line (its position), or None."""
        return next(
            (k for k, c in enumerate(self.members) if c.finding.start_line <= line <= c.finding.end_line),
            None,
        )


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
    return parse_module(text) is not None


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
    baseline: Baseline = NO_BASELINE,
) -> tuple[list[Finding], int]:
    """Findings with unverifiable replacements removed, and how many were removed."""
    verdicts = check_fixes(
        findings, files, workdir, timeout=timeout, jobs=jobs, read=read, confirm=confirm, baseline=baseline
    )
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
    baseline: Baseline = NO_BASELINE,
) -> list[Verdict]:
    """One verdict per finding (findings without a replacement get ``Verdict(False, "no fix")``).

    The fixes of one file whose replaced lines do not overlap are applied together to one scratch
    copy (a batch) and re-scanned once. A batch passes only when every fix in it would: each flaw is
    gone at its own replacement, nothing new appears anywhere (results inside a replacement are
    compared with the results inside the lines it replaced, span by span). When the batch's re-scan
    shows anything else, its fixes are re-scanned one by one and judged alone, so a wrong fix is
    withheld and the right ones beside it are kept."""
    verdicts: list[Verdict] = [Verdict(False, "no fix")] * len(findings)
    candidates = _prepare(findings, files, verdicts)
    if not candidates:
        return verdicts
    originals = {c.source.path: c.source for c in candidates}
    copies = _batches(candidates)
    known: dict[str, list[_Hit] | None] = {}
    try:
        scan = _Scan(workdir, timeout, jobs, read, files, baseline)
        hits = _rescan(scan, copies, originals, known=known)
        retry: list[_Copy] = []
        for copy in copies:
            judged = _judge(copy, hits, confirm, batch=len(copy.members) > 1, whole=scan.whole)
            if judged is None:
                retry += [_single(c) for c in copy.members]
                continue
            for c, verdict in zip(copy.members, judged, strict=True):
                verdicts[c.index] = verdict
        if retry:
            logger.debug("fix verification: %d fix(es) re-scanned one by one", len(retry))
            known = {rel: found for rel, found in hits.items() if rel.startswith("orig/")}
            hits = _rescan(scan, retry, originals, known=known)
            for copy in retry:
                alone = _judge(copy, hits, confirm, batch=False, whole=scan.whole)
                alone = alone or [Verdict(False, "not judged")]
                verdicts[copy.members[0].index] = alone[0]
    except AnalyzerError as exc:
        logger.warning("fix verification: %s; no fix is offered", exc)
        for c in candidates:
            verdicts[c.index] = Verdict(False, f"the re-scan failed: {exc}")
        return verdicts
    return verdicts


def _prepare(
    findings: Sequence[Finding], files: Mapping[str, SourceFile], verdicts: list[Verdict]
) -> list[_Candidate]:
    """The fixes that apply, parse and have a fix's shape (the others get their verdict here)."""
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
    return candidates


def _single(c: _Candidate) -> _Copy:
    """A copy with this fix alone (its replacement placed where it starts in the original)."""
    f = c.finding
    span_new = range(f.start_line, f.start_line + len(c.span_new))
    return _Copy(c.rel, c.source, c.patched, [_Candidate(c.index, f, c.source, c.patched, c.rel, span_new)])


def _batches(candidates: Sequence[_Candidate]) -> list[_Copy]:
    """The candidates grouped into copies: per file, greedily in line order, a fix joins the current
    batch when its replaced lines start after the previous member's end; otherwise it opens another
    copy (overlapping fixes are never applied together)."""
    by_file: dict[str, list[_Candidate]] = {}
    for c in candidates:
        by_file.setdefault(c.source.path, []).append(c)
    copies: list[_Copy] = []
    for group in by_file.values():
        open_batches: list[list[_Candidate]] = []
        for c in sorted(group, key=lambda c: (c.finding.start_line, c.finding.end_line, c.index)):
            for batch in open_batches:
                if batch[-1].finding.end_line < c.finding.start_line:
                    batch.append(c)
                    break
            else:
                open_batches.append([c])
        for batch in open_batches:
            copies.append(_single(batch[0]) if len(batch) == 1 else _batch_copy(batch))
    return copies


def _batch_copy(members: list[_Candidate]) -> _Copy:
    """One copy with every member's fix applied (bottom up, so earlier line numbers hold)."""
    sf = members[0].source
    text = sf.text
    for c in reversed(members):
        # each applied alone to the same text, and they do not overlap: this cannot fail
        text = apply_fix(text, c.finding) or text
    shift = 0
    placed: list[_Candidate] = []
    for c in members:
        f = c.finding
        span_new = range(f.start_line + shift, f.start_line + shift + len(c.span_new))
        shift += len(c.span_new) - (f.end_line - f.start_line + 1)
        placed.append(_Candidate(c.index, f, sf, c.patched, c.rel, span_new))
    rel = f"batch{members[0].index}/{sf.path}"
    return _Copy(rel, sf, text, placed)


def _orig_rel(path: str) -> str:
    return f"orig/{path}"


@dataclass(frozen=True, slots=True)
class _Scan:
    workdir: Path
    timeout: int
    jobs: int
    read: Reader | None
    files: Mapping[str, SourceFile]
    baseline: Baseline
    whole: set[str] = field(default_factory=set)
    """Python copies the flow analysis analysed whole, of files the review's flow analysis analysed
    whole: the rule pack's rules it supersedes are neither run on them nor compared there (as the
    review left them out of its run there)."""
    superseded_run: set[str] = field(default_factory=set)
    """Originals whose results include the superseded rules (needed by a copy not analysed whole)."""


def _rescan(
    scan: _Scan,
    copies: Sequence[_Copy],
    originals: Mapping[str, SourceFile],
    *,
    known: Mapping[str, list[_Hit] | None],
) -> dict[str, list[_Hit] | None]:
    """Results per scratch path (``orig/<path>`` and each copy's path); None for a path that did not
    parse for semgrep. ``known``: originals' results from an earlier re-scan, not scanned again; an
    original the baseline covers is not given to semgrep again (only the rules its run left out, when
    a copy needs them). The rule pack's rules the Python flow analysis supersedes run only on a copy it
    did not analyse whole and on that copy's original (``_Scan.whole``)."""
    wanted = {_orig_rel(p): sf for p, sf in originals.items() if any(c.source.path == p for c in copies)}
    texts = {rel: sf.text for rel, sf in wanted.items() if rel not in known}
    texts |= {c.rel: c.patched for c in copies}
    for rel, text in texts.items():
        target = scan.workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", errors="replace", newline="")
    relpaths = sorted(texts)
    covered = {
        rel: wanted[rel].path
        for rel in relpaths
        if rel in wanted and wanted[rel].path in scan.baseline.findings
    }
    python = {c.rel for c in copies if c.source.language == "python"}
    python |= {rel for rel in texts if rel in wanted and wanted[rel].language == "python"}
    py = [rel for rel in relpaths if rel in python]
    # bandit's process runs beside the flow analysis (one core) and semgrep (the machine's cores)
    with ContextThreadPool(max_workers=1, thread_name_prefix="verify-bandit") as pool:
        bandit_run = pool.submit(bandit_mod.run_bandit, scan.workdir, py, timeout=scan.timeout)
        hits, flow_found, late = _flow_and_semgrep(
            scan, copies, originals, known=known, texts=texts, covered=covered
        )
        if py:
            _bandit_hits(bandit_run.result(), hits, texts)
    for rel, found in flow_found.items():
        if hits.get(rel) is not None:
            hits[rel].extend(found)  # type: ignore[union-attr]
    _java_flow_hits(copies, {p: sf for p, sf in originals.items() if _orig_rel(p) in texts}, hits)
    _route_hits(copies, {_orig_rel(p) for p in originals if _orig_rel(p) in texts}, hits)
    _redos_hits(copies, {_orig_rel(p) for p in originals if _orig_rel(p) in texts}, hits)
    for rel, earlier in known.items():
        if rel in wanted:
            more = hits.get(rel) if rel in late else None
            hits[rel] = None if earlier is None else [*earlier, *(more or [])]
    return hits


def _bandit_hits(
    brun: bandit_mod.BanditRun, hits: dict[str, list[_Hit] | None], texts: Mapping[str, str]
) -> None:
    """bandit's results as hits, leaving out what the review itself would not report: markup marked
    safe whose every value passes through an escaping call first (``bandit.harmless``) is not a
    finding of the review, so it is neither the flaw nor a new result of a fix. Only for the markup
    tests, whose judgement rests on the calls in the code; the hash tests' rests on names and comments
    (a checksum, a cache key), which a wrong fix could simply add beside md5."""
    for r in brun.results:
        rel = str(r.get("filename", "")).removeprefix("./")
        test_id = str(r.get("test_id", ""))
        if test_id not in bandit_mod.CATEGORY_OF or test_id in _BANDIT_IGNORED or hits.get(rel) is None:
            continue
        line = int(r.get("line_number", 1))
        if (
            test_id in bandit_mod.MARKUP_TESTS
            and rel in texts
            and bandit_mod.harmless(test_id, line, texts[rel])
        ):
            continue
        cat = lookup_category(bandit_mod.CATEGORY_OF[test_id]).id
        hits[rel].append(_Hit(bandit_mod.ENGINE, test_id, cat, line, line))  # type: ignore[union-attr]


def _flow_and_semgrep(
    scan: _Scan,
    copies: Sequence[_Copy],
    originals: Mapping[str, SourceFile],
    *,
    known: Mapping[str, list[_Hit] | None],
    texts: Mapping[str, str],
    covered: Mapping[str, str],
) -> tuple[dict[str, list[_Hit] | None], dict[str, list[_Hit]], list[str]]:
    """semgrep's and the Python flow analysis' results per scratch path (see ``_rescan``), and the
    originals known from an earlier round that were given the superseded rules now."""
    wanted = {_orig_rel(p): sf for p, sf in originals.items() if any(c.source.path == p for c in copies)}
    relpaths = sorted(texts)
    todo = {p: sf for p, sf in originals.items() if _orig_rel(p) in texts}
    # the flow analysis first: where it analyses a Python copy whole and the review's did the file
    # (the review left the rules it supersedes out there), those rules are left out of the copy's
    # re-scan too, and out of its original's when no other copy of the file needs them
    superseded = flow_mod.SUPERSEDED_RULES
    decided = {path for path, rules in scan.baseline.lacks.items() if superseded <= rules}
    flow_found = _flow_hits(copies, todo, scan.files, scan.read, whole=scan.whole, decided=decided)
    # what keeps every rule: a Python copy not analysed whole, and its original
    needs = {
        _orig_rel(c.source.path) for c in copies if c.source.language == "python" and c.rel not in scan.whole
    }
    needs |= {c.rel for c in copies if c.source.language == "python" and c.rel not in scan.whole}
    hits: dict[str, list[_Hit] | None] = {rel: [] for rel in relpaths}
    language = {rel: sf.language for rel, sf in wanted.items()} | {c.rel: c.source.language for c in copies}
    full = [rel for rel in relpaths if rel not in covered and rel in needs]
    lean = [rel for rel in relpaths if rel not in covered and rel not in needs]
    _semgrep_hits(scan, lean, {language[rel] for rel in lean}, RuleFilter(skip=superseded), hits)
    _semgrep_hits(scan, full, {language[rel] for rel in full}, SEMGREP_ALL, hits)
    scan.superseded_run.update(rel for rel in full if rel in wanted)
    late = _from_baseline(scan, covered, needs=needs, known=known, wanted=wanted, hits=hits)
    return hits, flow_found, late


def _from_baseline(
    scan: _Scan,
    covered: Mapping[str, str],
    *,
    needs: set[str],
    known: Mapping[str, list[_Hit] | None],
    wanted: Mapping[str, SourceFile],
    hits: dict[str, list[_Hit] | None],
) -> list[str]:
    """The review's results for the ``covered`` originals, plus a run of the rules its run left out
    where a copy ``needs`` them; also for an original known from an earlier round without them (those
    are returned: their results join the known ones)."""
    superseded = flow_mod.SUPERSEDED_RULES
    lacking: dict[frozenset[str], list[str]] = {}
    for rel, path in covered.items():
        hits[rel] = [
            _Hit(SEMGREP, f.rule_id, f.category, f.start_line, f.end_line)
            for f in scan.baseline.findings[path]
        ]
        rules = scan.baseline.lacks.get(path, frozenset())
        if rel in needs:
            scan.superseded_run.add(rel)  # the review ran them, or the run below does
        else:
            rules = rules - superseded
        if rules:
            lacking.setdefault(rules, []).append(rel)
    late = sorted(rel for rel in needs if rel in known and rel not in scan.superseded_run)
    if late:
        lacking.setdefault(superseded, []).extend(late)
        scan.superseded_run.update(late)
    for rules, rels in sorted(lacking.items(), key=lambda kv: sorted(kv[0])):
        only = RuleFilter(only=rules)
        _semgrep_hits(scan, rels, {wanted[rel].language for rel in rels}, only, hits)
    return late


def _semgrep_hits(
    scan: _Scan,
    relpaths: Sequence[str],
    languages: set[str | None],
    rules: RuleFilter,
    hits: dict[str, list[_Hit] | None],
) -> None:
    """semgrep's results on ``relpaths`` added to ``hits`` (None for a path it could not parse)."""
    if not relpaths:
        return
    run = run_semgrep(
        scan.workdir, relpaths, timeout=scan.timeout, jobs=scan.jobs, languages=languages, rules_filter=rules
    )
    for r in run.results:
        rel = str(r.get("path", ""))
        meta = (r.get("extra") or {}).get("metadata") or {}
        cat = lookup_category(str(meta.get("category", "other"))).id
        start, end = int(r["start"]["line"]), int(r["end"]["line"])
        found = hits.setdefault(rel, [])
        if found is not None:
            found.append(_Hit(SEMGREP, str(r.get("check_id")), cat, start, end))
    for e in run.errors:
        if _is_parse_error(e):
            hits[str(e.get("path", ""))] = None


def _flow_hits(
    copies: Sequence[_Copy],
    originals: Mapping[str, SourceFile],
    files: Mapping[str, SourceFile],
    read: Reader | None,
    *,
    whole: set[str],
    decided: set[str],
) -> dict[str, list[_Hit]]:
    """The flow engine on each Python original and patched copy, with the same added lines (mapped
    across the replaced lines) so its findings are anchored as the review anchored them. The copies
    of a file in ``decided`` (the review's flow analysis analysed it whole) that it analysed whole
    are added to ``whole``."""

    def reader(path: str) -> bytes | None:
        sf = files.get(path)
        if sf is not None:
            return sf.text.encode("utf-8")
        return read(path) if read is not None else None

    def run(path: str, text: str, added: frozenset[int]) -> tuple[list[_Hit], bool]:
        result = flow_mod.analyse_python({path: (text, added)}, reader)
        found = [
            _Hit(flow_mod.ENGINE, f.rule_id, f.category, f.start_line, f.end_line) for f in result.findings
        ]
        return found, path in result.analysed and path not in result.cuts.files

    out: dict[str, list[_Hit]] = {}
    for path, sf in originals.items():
        if sf.language == "python":
            out[_orig_rel(path)], _ = run(path, sf.text, sf.change.added_lines)
    for c in copies:
        if c.source.language != "python":
            continue
        out[c.rel], analysed_whole = run(c.source.path, c.patched, c.added_lines())
        if analysed_whole and c.source.path in decided:
            whole.add(c.rel)
    return out


def _java_flow_hits(
    copies: Sequence[_Copy], originals: Mapping[str, SourceFile], hits: dict[str, list[_Hit] | None]
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
    for c in copies:
        if c.source.language != "java":
            continue
        run(c.rel, c.source.path, c.patched, c.added_lines())


def _rerun_for(
    category: str,
    run: Callable[[SourceFile, str, set[int]], list[_Hit]],
    copies: Sequence[_Copy],
    orig_todo: set[str],
    hits: dict[str, list[_Hit] | None],
) -> None:
    """``run`` (a check no other re-scan does) on each copy holding a fix of ``category`` and, once,
    on its original (when ``orig_todo`` holds it), with the lines each adds; the results join the hits."""
    done: set[str] = set()
    for c in copies:
        sf = c.source
        if all(m.finding.category != category for m in c.members) or hits.get(c.rel) is None:
            continue
        orig = _orig_rel(sf.path)
        if orig in orig_todo and orig not in done and hits.get(orig) is not None:
            done.add(orig)
            hits[orig].extend(run(sf, sf.text, set(sf.change.added_lines)))  # type: ignore[union-attr]
        hits[c.rel].extend(run(sf, c.patched, set(c.added_lines())))  # type: ignore[union-attr]


def _route_hits(copies: Sequence[_Copy], orig_todo: set[str], hits: dict[str, list[_Hit] | None]) -> None:
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

    _rerun_for("missing-authorization", run, copies, orig_todo, hits)


def _redos_hits(copies: Sequence[_Copy], orig_todo: set[str], hits: dict[str, list[_Hit] | None]) -> None:
    """The ReDoS check on the original and patched copy of each regular-expression fix: the patterns on
    the lines the change adds (mapped across the fix, the fix's own lines included), as a review runs it."""

    def run(sf: SourceFile, text: str, added: set[int]) -> list[_Hit]:
        lines = text.splitlines()
        rows = tuple(
            DiffLine(LineKind.ADDED, None, n, lines[n - 1]) for n in sorted(added) if 1 <= n <= len(lines)
        )
        change = FileChange(
            sf.path, None, FileStatus.MODIFIED, (Hunk(1, 0, 1, len(lines), rows),), language=sf.language
        )
        found = redos.find_redos(ChangeSet((change,)), {sf.path: sf.language})
        return [_Hit(redos.ENGINE, f.rule_id, f.category, f.start_line, f.end_line) for f in found]

    _rerun_for("redos", run, copies, orig_todo, hits)


def _overlaps(h: _Hit, lines: range) -> bool:
    return h.start < lines.stop and h.end >= lines.start


def _without_superseded(found: list[_Hit]) -> list[_Hit]:
    return [h for h in found if not (h.engine == SEMGREP and h.rule in flow_mod.SUPERSEDED_RULES)]


def _judge(
    c: _Copy,
    hits: Mapping[str, list[_Hit] | None],
    confirm: Confirm | None,
    *,
    batch: bool,
    whole: frozenset[str] | set[str] = frozenset(),
) -> list[Verdict] | None:
    """One verdict per member of the copy; for a batch, None when any member would fail (the batch
    is then re-scanned one fix at a time)."""
    before, after = hits.get(_orig_rel(c.source.path)), hits.get(c.rel)
    if after is None:
        return None if batch else [Verdict(False, "the fixed file does not parse for the rule pack")]
    if before is None:
        before = []
    if c.rel in whole:
        before, after = _without_superseded(before), _without_superseded(after)
    for m in c.members:
        span = m.span_new
        remaining = [h for h in after if h.category == m.finding.category and _overlaps(h, span)]
        if remaining:
            if batch:
                return None
            h = remaining[0]
            return [Verdict(False, f"the flaw is still there: {h.engine} {h.rule} at line {h.start}")]
    old_keys = Counter(_key(h, c.span_of_old(h.start), h.start) for h in before)
    new_keys = Counter(
        _key(h, c.span_of_new(h.start), c.to_old(h.start)) for h in after if not _carried_literal(c, h)
    )
    extra = new_keys - old_keys
    if extra:
        if batch:
            return None
        engine, rule, where = sorted(extra, key=str)[0]
        place = "in the fix" if isinstance(where, str) else f"at line {where}"
        return [Verdict(False, f"the fix brings a new result: {engine} {rule} {place}")]
    out: list[Verdict] = []
    for m in c.members:
        f = m.finding
        old_span = range(f.start_line, f.end_line + 1)
        if any(h.category == f.category and _overlaps(h, old_span) for h in before):
            out.append(Verdict(True))
        elif confirm is not None and confirm(f, c.source.text, m.patched):
            out.append(Verdict(True, "no analyzer sees this flaw: confirmed by the caller"))
        else:
            out.append(Verdict(False, "no analyzer reproduces the flaw, so it cannot be shown gone"))
    return out


# bandit tests about a literal's value (a temporary directory, every interface), and what they match
_LITERAL_TESTS: dict[str, Callable[[str], bool]] = {
    "B108": lambda v: v.startswith(("/tmp", "/var/tmp", "/dev/shm")),  # noqa: S108 - what B108 matches
    "B104": lambda v: v == "0.0.0.0",  # noqa: S104 - the value B104 looks for
}
_STRING_LITERAL = re.compile(r'"([^"\\\n]*)"|\'([^\'\\\n]*)\'')
"""A quoted string without escapes on one line; a literal with escapes is not matched (and the result
on its line then counts as new: the conservative side)."""


def _carried_literal(c: _Copy, h: _Hit) -> bool:
    """Whether ``h`` is a bandit result about a literal's value that a fix only carried over: the
    result lies in a replacement, and every literal on its line that the test matches already occurs
    in the lines that replacement replaced. ``"tar czf /tmp/b.tgz " + p`` rewritten as an argument
    list gives ``"/tmp/b.tgz"`` a string of its own, which bandit's B108 flags only then: the same path,
    not a new flaw."""
    test = _LITERAL_TESTS.get(h.rule)
    k = c.span_of_new(h.start)
    if h.engine != bandit_mod.ENGINE or test is None or k is None:
        return False
    lines = c.patched.splitlines()
    if not 1 <= h.start <= len(lines):
        return False
    values = [a or b for a, b in _STRING_LITERAL.findall(lines[h.start - 1])]
    flagged = [v for v in values if test(v)]
    f = c.members[k].finding
    replaced = "\n".join(c.source.text.splitlines()[f.start_line - 1 : f.end_line])
    return bool(flagged) and all(v in replaced for v in flagged)


def _key(h: _Hit, span: int | None, old_line: int | None) -> tuple[str, str, int | str | None]:
    """(engine, rule, original line; or which replacement holds it, as "fix<k>")."""
    if span is not None:
        return (h.engine, h.rule, f"fix{span}")
    return (h.engine, h.rule, old_line)


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
# calls that rewrite characters whatever they are called on (``x.replace(`` for any ``x``)
_REPLACE_CALLS = frozenset({"replace", "replaceAll"})
# character deny-lists: what an injection fix must not be
_DENYLIST_CALLS = _REPLACE_CALLS | {
    "re.sub", "strings.Replace", "strings.ReplaceAll", "strip", "translate",
}  # fmt: skip
# path normalisers: "//host" becomes "/host", but "/\\host" stays and browsers read it as "//host"
_NORMALISERS = _REPLACE_CALLS | {
    "path.Clean", "filepath.Clean", "strings.Trim", "strings.TrimLeft", "strings.TrimPrefix",
    "os.path.normpath", "posixpath.normpath", "path.normalize", "path.posix.normalize", "lstrip",
}  # fmt: skip
# calls that look at the host or the scheme (or compare with an allow-list)
_HOST_CHECKS = frozenset({
    "url.Parse", "urlparse", "urlsplit", "url_has_allowed_host_and_scheme", "is_safe_url",
    "URL", "URI", "URI.create", "URI.parse", "Contains", "slices.Contains", "includes", "has",
})  # fmt: skip

# the calls among those that read the target's host or scheme, or look it up in a collection by name
_HOST_PARSERS = _HOST_CHECKS - {"Contains", "includes", "has"}


@dataclass(frozen=True)
class _Shape:
    """What a fix for one class must not add: escaping made for another context (``right``: the
    contexts that fit; None, escaping is not looked at) or one of the ``filters`` calls, unless it
    also adds one of the ``unless`` calls (a real check beside the filter). ``why`` is formatted with
    the call's ``name`` and the ``category``. A call to one of the ``sinks`` (its name or a dotted name
    ending in it) never counts as a filter, under any of its names."""

    right: frozenset[str] | None
    filters: frozenset[str]
    why: str
    unless: frozenset[str] = frozenset()
    sinks: frozenset[str] = frozenset()  # the sink itself: a second call to it is not a filter


_DENYLIST_WHY = "it filters characters ({name}), a deny-list, instead of fixing {category}"
_SHAPES: dict[str, _Shape] = {
    **{
        category: _Shape(frozenset(right), _DENYLIST_CALLS, _DENYLIST_WHY)
        for category, right in (
            ("xss", {"html"}),
            ("sql-injection", set()),
            ("nosql-injection", set()),
            ("command-injection", {"shell"}),
            ("code-injection", set()),
            ("path-traversal", set()),
            ("ldap-injection", set()),
            ("xpath-injection", set()),
            ("workflow-injection", set()),
        )
    },
    # a redirect fix that only normalises the path leaves "/\\host" open: it must check the host (or
    # an allow-list), or keep the value out of the target
    "open-redirect": _Shape(
        None,
        _NORMALISERS,
        "it only normalises the path, which leaves '/\\host' open (browsers read it as "
        "'//host'); check that the target has no host, or use an allow-list",
        unless=_HOST_CHECKS,
        # a fix of location.replace(next) calls location.replace('/') in its fallback
        sinks=frozenset({"location.replace"}),
    ),
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
    tree = parse_module(text)
    if tree is None:
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
    shape = _SHAPES.get(finding.category)
    if finding.replacement is None or shape is None:
        return None
    if finding.category == "open-redirect":
        inert = _inert_guard(finding, sf, patched)
        if inert is not None:
            return inert
    old_span = "\n".join(sf.text.splitlines()[finding.start_line - 1 : finding.end_line])
    added = _calls_in(finding.replacement) - _calls_in(old_span)
    for name, count in list(added.items()):
        if any(name == s or name.endswith(f".{s}") for s in shape.sinks):
            added[name] = 0
            added[name.rsplit(".", 1)[-1]] -= count
    added = +added
    checked = not shape.unless.isdisjoint(added)
    if finding.category == "open-redirect" and _HOST_PARSERS.isdisjoint(added):
        # (strings.Contains(x, "\\") is a character test, not an allow-list: only a parse counts here)
        tested = _prefixes_tested(finding.replacement) - _prefixes_tested(old_span)
        if "//" in tested and "/" not in tested:
            return (
                "it refuses '//' but does not require a leading '/', so 'https://host' passes it; "
                "check that the target has no scheme or host, or that it starts with one '/'"
            )
    python = sf.language == "python"
    aliases = _python_aliases(patched) if python else {}
    for name in sorted(added):
        qualified = _qualified(name, aliases, python)
        if python and "." not in name and qualified == name and name in _JS_GLOBAL:
            continue  # a bare Python name we cannot resolve: not JavaScript's escape()
        context = _ESCAPES.get(qualified)
        if shape.right is not None and context is not None and context not in shape.right:
            return f"it escapes for the {context} context, not for {finding.category}"
        filtered = name in shape.filters or qualified in shape.filters
        if not checked and (filtered or name.rsplit(".", 1)[-1] in _REPLACE_CALLS & shape.filters):
            return shape.why.format(name=name, category=finding.category)
    return None


# a prefix test with a literal: Go strings.HasPrefix(x, "//"), JS/Java x.startsWith("//"), Python
# x.startswith("//")
_PREFIX_TEST = re.compile(
    r"""(?:HasPrefix\(\s*[\w.\[\]()]+\s*,|\.(?:startsWith|startswith)\(\(?)\s*(?:"([^"\n]*)"|'([^'\n]*)')"""
)


def _prefixes_tested(text: str) -> set[str]:
    """The literal prefixes ``text`` tests a value for (a linear scan)."""
    return {a or b for a, b in _PREFIX_TEST.findall(text)}


# what a guard's branch must do for a redirect check to change anything: leave, or put a constant
# in place of the value (or hold the redirect itself, the check around it)
_LEAVES = {"return_statement", "throw_statement"}
_ASSIGNS = {"assignment_statement", "assignment_expression"}
_LITERALS = {
    "interpreted_string_literal",
    "raw_string_literal",
    "string",
    "string_literal",
    "template_string",
}


def _inert_guard(finding: Finding, sf: SourceFile, patched: str) -> str | None:
    """An ``if`` a redirect fix adds whose branch neither leaves, nor assigns a constant, nor holds a
    redirect: a check that changes nothing (the rule pack's Go redirect checks are matched on the
    condition alone, so the verifier looks at the branch)."""
    name = _TREE_SITTER.get(sf.language or "")
    if name not in {"go", "javascript", "typescript", "java"}:
        return None
    parser = _ts_parser("tsx" if name == "typescript" and sf.path.endswith(".tsx") else name)
    if parser is None:
        return None
    first = finding.start_line - 1
    last = first + len((finding.replacement or "").splitlines()) - 1
    old_span = "\n".join(sf.text.splitlines()[finding.start_line - 1 : finding.end_line])
    data = patched.encode("utf-8", errors="replace")
    stack = [parser.parse(data).root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type != "if_statement" or node.start_point[0] < first or node.end_point[0] > last:
            continue
        text = data[node.start_byte : node.end_byte].decode("utf-8", errors="replace")
        branch = node.child_by_field_name("consequence")
        if branch is None or text in old_span or _acts(branch, data):
            continue
        return "it adds a check whose branch changes nothing (it neither leaves nor replaces the target)"
    return None


def _acts(branch: Any, data: bytes) -> bool:
    stack = [branch]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type in _LEAVES:
            return True
        if node.type in _ASSIGNS:
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if right is not None and right.type == "expression_list" and right.named_child_count == 1:
                right = right.named_children[0]
            target = b"" if left is None else data[left.start_byte : left.end_byte].strip()
            if right is not None and right.type in _LITERALS and target not in {b"", b"_"}:
                return True
        if node.type in {"call_expression", "method_invocation"}:
            called = data[node.start_byte : node.end_byte].split(b"(", 1)[0]
            if called.rsplit(b".", 1)[-1] in {b"Redirect", b"redirect", b"sendRedirect"}:
                return True
    return False


def _is_parse_error(error: Mapping[str, object]) -> bool:
    kind = error.get("type")
    text = str(kind[0] if isinstance(kind, list) and kind else kind)
    return "Syntax" in text or "Parse" in text or "Lexical" in text


def languages_with_parsers() -> Iterable[str]:
    """Languages whose fixes are parsed with a real parser (for the docs and tests)."""
    return ["python", "yaml", "github-actions", "json", *_TREE_SITTER]
