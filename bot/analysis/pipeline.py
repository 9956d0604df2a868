"""The one orchestration function: a change in, the review it gets out.

select files -> one semgrep + one bandit process -> normalise -> keep what the change adds ->
dedupe and corroborate -> fingerprints -> verify fixes -> rank and place (bot.core.review).
Hosts, the CLI and the worker all call ``review_change``; nothing here posts anything.
"""

from __future__ import annotations

import logging
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.analysis import bandit as bandit_mod
from bot.analysis import semgrep as semgrep_mod
from bot.analysis.verify import verify_fixes
from bot.analysis.workspace import Reader, SourceFile, materialise, select_files
from bot.config import Settings
from bot.core.coverage import Coverage, FileCoverage, FileState, SkipReason
from bot.core.fingerprint import assign_fingerprints
from bot.core.models import ChangeSet, Confidence, Finding, Provenance
from bot.core.review import Policy, Review, build_review
from bot.core.symbols import enclosing_symbol
from bot.errors import AnalyzerError

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]

RULE_PACK = "rule pack"
BANDIT = "bandit"
SECRETS_ONLY = "secret scan"
_RULE_LANGUAGES = {
    "python",
    "javascript",
    "typescript",
    "java",
    "go",
    "dockerfile",
    "yaml",
    "github-actions",
    "terraform",
    "hcl",
}


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    """Findings (all of them, before placement), coverage entries and failures of one analysis."""

    findings: list[Finding]
    coverage: list[FileCoverage]
    failures: list[str]
    engines: list[str]
    notes: list[str]


def _noop(_: str) -> None:
    return None


def policy_from(settings: Settings) -> Policy:
    return Policy(settings.min_severity, settings.min_confidence, settings.max_inline_comments)


def review_change(
    changeset: ChangeSet,
    read: Reader | None,
    settings: Settings,
    *,
    policy: Policy | None = None,
    progress: Progress = _noop,
    extra_notes: Iterable[str] = (),
) -> Review:
    """Analyse ``changeset`` (head contents from ``read``, or the diff alone) into a Review."""
    result = analyse(changeset, read, settings, progress=progress)
    notes = [*result.notes, *extra_notes]
    return build_review(
        result.findings,
        changeset,
        Coverage(tuple(result.coverage)),
        policy or policy_from(settings),
        notes=notes,
        engines=result.engines,
        failures=result.failures,
    )


def analyse(
    changeset: ChangeSet, read: Reader | None, settings: Settings, *, progress: Progress = _noop
) -> AnalysisResult:
    files, skipped = select_files(
        changeset, read, max_file_bytes=settings.max_file_bytes, excludes=settings.exclude_paths
    )
    by_path = {sf.path: sf for sf in files}
    failures: list[str] = []
    notes = ["Static analysis only: no LLM is configured for this review."]
    if any(sf.from_hunks_only for sf in files):
        notes.append(
            "Some files were analysed from the diff's hunks only (no full contents available); "
            "flows that pass through unchanged lines may be missed."
        )
    with tempfile.TemporaryDirectory(prefix="remediator-") as tmp:
        root = Path(tmp) / "src"
        written = materialise(files, root)
        relpaths = sorted(written)
        progress(f"analysing {len(relpaths)} file(s) with the rule pack (semgrep)")
        sg_findings: list[Finding] = []
        sg_parse: dict[str, str] = {}
        original_counts: dict[str, Counter[str]] = {}
        semgrep_ok = True
        try:
            run = semgrep_mod.run_semgrep(
                root, relpaths, timeout=settings.analyzer_timeout, jobs=settings.analyzer_jobs
            )
            sg_findings = semgrep_mod.to_findings(run, by_path)
            for r in run.results:
                original_counts.setdefault(str(r.get("path")), Counter())[str(r.get("check_id"))] += 1
            for err in run.errors:
                path = str(err.get("path") or "")
                if path in by_path:
                    sg_parse[path] = _describe_semgrep_error(err)
        except AnalyzerError as exc:
            semgrep_ok = False
            failures.append(f"rule pack (semgrep): {exc}")
        py_files = [p for p in relpaths if by_path[p].language == "python"]
        progress(f"analysing {len(py_files)} Python file(s) with bandit")
        bandit_ok = True
        bandit_unparsed: set[str] = set()
        standalone: list[Finding] = []
        corroborating: list[Finding] = []
        try:
            brun = bandit_mod.run_bandit(root, py_files, timeout=settings.analyzer_timeout)
            standalone, corroborating = bandit_mod.to_findings(brun, by_path)
            bandit_unparsed = {str(e.get("filename", "")).removeprefix("./") for e in brun.errors}
        except AnalyzerError as exc:
            bandit_ok = False
            if py_files:
                failures.append(f"bandit: {exc}")
        findings = _merge(sg_findings, standalone, corroborating)
        findings = [_with_symbol(f, by_path) for f in findings]
        code_of = {p: sf.lines for p, sf in by_path.items()}
        findings = assign_fingerprints(findings, code_of)
        in_change = [f for f in findings if _touches_added(f, by_path)]
        if any(f.replacement is not None for f in in_change):
            progress("verifying suggested fixes")
            verified, dropped = verify_fixes(
                in_change,
                by_path,
                original_counts,
                Path(tmp) / "fixes",
                timeout=settings.analyzer_timeout,
                jobs=settings.analyzer_jobs,
            )
            if dropped:
                notes.append(f"{dropped} automatic fix(es) withheld: they did not pass verification.")
            keep = {id(f) for f in in_change}
            findings = [f for f in findings if id(f) not in keep] + verified
    coverage = list(skipped)
    for sf in files:
        coverage.append(
            _file_coverage(sf, semgrep_ok, bandit_ok, sg_parse.get(sf.path), sf.path in bandit_unparsed)
        )
    order = {fc.path: i for i, fc in enumerate(changeset.files)}
    coverage.sort(key=lambda fc: order.get(fc.path, 0))
    engines = [e for e, ok in (("semgrep", semgrep_ok), ("bandit", bandit_ok and bool(py_files))) if ok]
    return AnalysisResult(findings, coverage, failures, engines, notes)


def _describe_semgrep_error(err: dict[str, object]) -> str:
    kind = err.get("type")
    label = str(kind[0] if isinstance(kind, list) and kind else kind or "error")
    spans = err.get("spans") or []
    line = ""
    if isinstance(spans, list) and spans and isinstance(spans[0], dict):
        start = spans[0].get("start")
        if isinstance(start, dict):
            line = f" at line {start.get('line')}"
    return f"{label}{line}"


def _file_coverage(
    sf: SourceFile, semgrep_ok: bool, bandit_ok: bool, parse_error: str | None, bandit_unparsed: bool
) -> FileCoverage:
    analyzers: list[str] = []
    details: list[str] = []
    if semgrep_ok:
        analyzers.append(RULE_PACK if sf.language in _RULE_LANGUAGES else SECRETS_ONLY)
    if sf.language == "python" and bandit_ok:
        if bandit_unparsed:
            details.append("bandit could not parse it (newer Python syntax?), rule pack applied")
        else:
            analyzers.append(BANDIT)
    if sf.from_hunks_only:
        details.append("from diff hunks only")
    if not analyzers:
        return FileCoverage(
            sf.path, FileState.SKIPPED, reason=SkipReason.ANALYZER_FAILED, detail="; ".join(details)
        )
    if parse_error:
        details.insert(0, f"parse problem: {parse_error}")
        return FileCoverage(sf.path, FileState.PARTIAL, tuple(analyzers), detail="; ".join(details))
    return FileCoverage(sf.path, FileState.ANALYSED, tuple(analyzers), detail="; ".join(details))


def _touches_added(f: Finding, files: dict[str, SourceFile]) -> bool:
    sf = files.get(f.path)
    return bool(sf) and any(n in sf.change.added_lines for n in f.lines)  # type: ignore[union-attr]


def _with_symbol(f: Finding, files: dict[str, SourceFile]) -> Finding:
    sf = files.get(f.path)
    if sf is None:
        return f
    return f.with_(symbol=enclosing_symbol(sf.lines, f.start_line, sf.language))


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.path == b.path and a.start_line <= b.end_line and b.start_line <= a.end_line


def _bump(conf: Confidence) -> Confidence:
    return Confidence(min(int(conf) + 1, int(Confidence.HIGH)))


def _merge(
    primary: Sequence[Finding], standalone: Sequence[Finding], corroborating: Sequence[Finding]
) -> list[Finding]:
    """One finding per flaw: same category on overlapping lines collapse into the strongest;
    an independent engine agreeing raises confidence one step and is recorded."""
    ordered = sorted(
        [*primary, *standalone],
        key=lambda f: (
            f.path,
            f.category,
            -int(f.severity),
            -int(f.confidence),
            f.engine != semgrep_mod.ENGINE,
            f.start_line,
            f.rule_id,
        ),
    )
    kept: list[Finding] = []
    for f in ordered:
        twin = next((k for k in kept if k.category == f.category and _overlaps(k, f)), None)
        if twin is None:
            kept.append(f)
            continue
        if f.engine != twin.engine and f.engine not in twin.provenance.corroborated_by:
            merged = twin.with_(
                confidence=_bump(twin.confidence),
                provenance=_corroborate(twin, f),
                replacement=twin.replacement if twin.replacement is not None else f.replacement,
            )
            kept[kept.index(twin)] = merged
    out = []
    for k in kept:
        support = next(
            (
                c
                for c in corroborating
                if c.category == k.category and _overlaps(c, k) and c.engine != k.engine
            ),
            None,
        )
        if support is None:
            out.append(k)
        else:
            out.append(k.with_(confidence=_bump(k.confidence), provenance=_corroborate(k, support)))
    return out


def _corroborate(kept: Finding, support: Finding) -> Provenance:
    tag = f"{support.engine}:{support.rule_id}"
    return replace(kept.provenance, corroborated_by=(*kept.provenance.corroborated_by, tag))
