"""The one orchestration function: a change in, the review it gets out.

select files -> one semgrep + one bandit process -> normalise -> keep what the change adds ->
dedupe and corroborate -> fingerprints -> verify fixes -> rank and place (bot.core.review).
Hosts, the CLI and the worker all call ``review_change``; nothing here posts anything.
"""

from __future__ import annotations

import logging
import tempfile
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.analysis import bandit as bandit_mod
from bot.analysis import fixers, java_flow, java_snippet, preexisting, py2compat
from bot.analysis import flow as flow_mod
from bot.analysis import semgrep as semgrep_mod
from bot.analysis.access_control import find_weakened_access
from bot.analysis.c_diff import find_c_diff
from bot.analysis.c_guards import find_removed_guards
from bot.analysis.dependencies import RepositoryFiles, check_dependencies
from bot.analysis.exposure import RiskContext, Site, infer
from bot.analysis.guarded_uses import find_guarded_uses
from bot.analysis.narrowed_checks import find_narrowed_conditions
from bot.analysis.proto_guards import find_proto_guards
from bot.analysis.redos import find_redos
from bot.analysis.removed_bounds import C_LANGUAGES
from bot.analysis.removed_controls import CODE_LANGUAGES, find_removed_controls
from bot.analysis.route_auth import find_unprotected_routes
from bot.analysis.ruby_diff import find_ruby_diff
from bot.analysis.static_pass import (
    SEMGREP_TIME_BUDGET,
    Static,
    StaticOptions,
    describe_semgrep_error,
    run_static,
    semgrep_baseline,
)
from bot.analysis.verify import verify_fixes
from bot.analysis.workspace import Reader, materialise, select_files
from bot.config.settings import Settings
from bot.core.coverage import Coverage, FileCoverage, FileState, SkipReason
from bot.core.fingerprint import assign_fingerprints
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Provenance, SourceFile
from bot.core.review import Policy, Review, build_review
from bot.core.symbols import enclosing_symbol
from bot.deps.advise import ENGINE as DEPS_ENGINE
from bot.llm.augment import STATIC_ONLY_NOTE, augment
from bot.llm.store import LLMStore
from bot.llm.types import MODEL_FIX_STEP_PREFIX, NO_VERIFIED_FIX, ReviewContext, Usage
from bot.obs import metrics

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]

RULE_PACK = "rule pack"
BANDIT = "bandit"
FLOW = "flow analysis"
SECRETS_ONLY = "secret scan"
DELETIONS = "removed-controls check"
_RULE_LANGUAGES = {
    "python",
    "javascript",
    "typescript",
    "java",
    "go",
    "ruby",
    "c",
    "cpp",
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
    usage: Usage = field(default_factory=Usage)
    summary_only: dict[str, str] = field(default_factory=dict)
    """Paths whose findings go to the summary, not inline, with why (the file looks generated)."""
    flow_probes: dict[str, set[str]] = field(default_factory=dict)
    """Python path -> the repository paths the flow analysis looked at to resolve its imports."""
    interfaces: dict[str, str] = field(default_factory=dict)
    """Python path -> the flow analysis' interface digest of it (``flow.interface``)."""
    texts: dict[str, str] = field(default_factory=dict)
    """Head contents of the files analysed, as far as known (exposure inference and entry points)."""
    languages: dict[str, str | None] = field(default_factory=dict)


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
    context: ReviewContext | None = None,
    llm_store: LLMStore | None = None,
    repository_files: RepositoryFiles | None = None,
    site: Site | None = None,
) -> Review:
    """Analyse ``changeset`` (head contents from ``read``, or the diff alone) into a Review.

    ``context`` carries the PR title and description (untrusted data for the LLM pass, scanned for
    prompt injection), the repository name (monthly LLM budget) and the repo's LLM exclusions.
    ``site`` names the repository and the organisation's asset map, which rank the findings."""
    result = analyse(
        changeset,
        read,
        settings,
        progress=progress,
        context=context,
        llm_store=llm_store,
        repository_files=repository_files,
    )
    notes = [*result.notes, *extra_notes]
    risk = risk_context(result, changeset, read, site or Site())
    return build_review(
        result.findings,
        changeset,
        Coverage(tuple(result.coverage)),
        policy or policy_from(settings),
        notes=notes,
        engines=result.engines,
        failures=result.failures,
        summary_only=result.summary_only,
        factors=risk.factors,
    )


def risk_context(
    result: AnalysisResult, changeset: ChangeSet, read: Reader | None, site: Site
) -> RiskContext:
    """Asset map first; where it is silent, exposure inferred from the files (bounded reads)."""
    inference = infer(read, result.texts, listed=[fc.path for fc in changeset.files])
    return RiskContext(site, inference, result.texts, result.languages)


def analyse(
    changeset: ChangeSet,
    read: Reader | None,
    settings: Settings,
    *,
    progress: Progress = _noop,
    context: ReviewContext | None = None,
    llm_store: LLMStore | None = None,
    repository_files: RepositoryFiles | None = None,
    static_options: StaticOptions | None = None,
) -> AnalysisResult:
    # static_options: a whole-tree scan's engine cache and semgrep splitting (bot.analysis.static_pass)
    files, skipped = select_files(
        changeset, read, max_file_bytes=settings.max_file_bytes, excludes=settings.exclude_paths
    )
    by_path = {sf.path: sf for sf in files}
    if changeset.unlisted:
        skipped.append(
            FileCoverage(
                f"({changeset.unlisted:,} more changed files)",
                FileState.SKIPPED,
                reason=SkipReason.TOO_LARGE,
                detail="not listed by the host (it lists at most 3,000 files of a pull request)",
            )
        )
    failures: list[str] = []
    # with a model configured, the LLM pass itself says what it did or could not do
    notes = [] if settings.llm_configured else [STATIC_ONLY_NOTE]
    if any(sf.from_hunks_only for sf in files):
        notes.append(
            "Some files were analysed from the diff's hunks only (no full contents available); "
            "flows that pass through unchanged lines may be missed."
        )
    with tempfile.TemporaryDirectory(prefix="remediator-") as tmp:
        root = Path(tmp) / "src"
        seen = _as_analysed(files, notes)
        relpaths = sorted(materialise(seen.values(), root))
        py_files = [p for p in relpaths if by_path[p].language == "python"]
        progress(f"analysing {len(relpaths)} file(s): rule pack on all, bandit on {len(py_files)} Python")
        static = run_static(
            root,
            relpaths,
            py_files,
            seen,
            settings,
            read=read,
            options=static_options,
        )
        failures += static.failures
        notes += [f"Flow analysis: {why}." for why in static.flow.cuts.review]
        deletions_only, c_deletions_only, heads = _deleting(
            changeset, skipped, files, read=read, settings=settings
        )
        languages = {sf.path: sf.language for sf in files} | {fc.path: fc.language for fc in deletions_only}
        diff_level = [
            *find_removed_controls(changeset, languages),
            *find_redos(changeset, languages, {sf.path: sf.text for sf in files}),
            *find_ruby_diff(changeset, languages),
            *find_unprotected_routes([sf.change for sf in files], {sf.path: sf.lines for sf in files}),
            *find_weakened_access(
                [*(sf.change for sf in files), *deletions_only],
                heads,
                read=read,
                max_bytes=settings.max_file_bytes,
            ),
            *find_c_diff(changeset, languages, {sf.path: sf.lines for sf in files}),
            *find_guarded_uses(changeset, languages, heads),
            *find_narrowed_conditions(changeset, languages),
            *find_proto_guards(changeset, languages, heads),
            *find_removed_guards(
                changeset, languages | {fc.path: fc.language for fc in c_deletions_only}, heads
            ),
        ]
        # in the Python files it analysed whole, the flow analysis decides the injection classes
        # ... and the Java flow analysis in the Java files it analysed whole
        # ... and a taint flow through a line the change adds, to a sink it leaves as it was, is its doing
        rule_pack = _through_changed_lines(
            [
                f
                for f in static.semgrep
                if not flow_mod.superseded(f, static.flow) and not java_flow.superseded(f, static.java_flow)
            ],
            by_path,
            root,
            settings,
        )
        findings = _merge_engines(
            static,
            [*rule_pack, *diff_level],
            by_path,
            seen,
            tmp=Path(tmp),
            settings=settings,
            read=read,
            notes=notes,
        )
        # files that only look generated or vendored are analysed statically, but not sent to the model
        own = [sf for sf in files if not sf.looks]
        with metrics.timed("llm"):  # a phase of its own (also inside "analyse", which includes it)
            llm = augment(
                findings,
                own,
                changeset,
                settings,
                context or ReviewContext(),
                progress=progress,
                store=llm_store,
            )
        findings, notes = llm.findings, llm.apply_notes(notes, STATIC_ONLY_NOTE)
        deps = check_dependencies(changeset, read, settings, code=files, repository_files=repository_files)
        findings += deps.result.findings
        notes += deps.result.notes
        by_path |= {sf.path: sf for sf in deps.files if sf.path not in by_path}
        code_of = {p: sf.lines for p, sf in by_path.items()}
        findings = [_with_symbol(f, by_path, code_of) for f in findings]
        findings = assign_fingerprints(findings, code_of)
        # dependency bumps are verified against the vulnerability database itself (bot.deps.advise)
        in_change = [f for f in findings if _touches_added(f, by_path) and f.engine != DEPS_ENGINE]
        keep = {id(f) for f in in_change}
        originals = in_change
        in_change = [f if f.sink_line else fixers.propose(f, by_path) for f in originals]
        if any(f.replacement is not None for f in in_change):
            progress("verifying suggested fixes")
            verified, dropped = verify_fixes(
                in_change,
                by_path,
                Path(tmp) / "fixes",
                timeout=settings.analyzer_timeout,
                jobs=settings.analyzer_jobs,
                read=read,
                confirm=llm.confirm_fix,
                baseline=semgrep_baseline(static, [sf.path for sf in files]),
            )
            if dropped:
                notes.append(f"{dropped} automatic fix(es) withheld: they did not pass verification.")
            # a withheld fix leaves the finding as it was (its lines, its steps), saying so
            in_change = [
                _withheld(o) if p.replacement is not None and v.replacement is None else v
                for o, p, v in zip(originals, in_change, verified, strict=True)
            ]
        findings = [f for f in findings if id(f) not in keep] + in_change
    checked = {fc.path for fc in (*deletions_only, *c_deletions_only)}
    coverage = [
        FileCoverage(fc.path, FileState.ANALYSED, (DELETIONS,), detail="the change only deletes lines here")
        if fc.path in checked
        else fc
        for fc in skipped
    ]
    for sf in files:
        coverage.append(
            _file_coverage(
                sf,
                static.semgrep_ok and sf.path not in static.semgrep_lost,
                static.bandit_ok,
                static.parse_errors.get(sf.path),
                sf.path in static.bandit_unparsed,
                flow=static.flow,
                java_flow=static.java_flow,
            )
        )
    order = {fc.path: i for i, fc in enumerate(changeset.files)}
    coverage.sort(key=lambda fc: order.get(fc.path, 0))
    coverage = deps.coverage(llm.apply_coverage(coverage))
    engines = [
        name
        for name, ok in (("semgrep", static.semgrep_ok), ("bandit", static.bandit_ok and bool(py_files)))
        if ok
    ]
    if static.flow.analysed or static.java_flow.analysed:
        engines.append(flow_mod.ENGINE)
    if llm.ran:
        engines.append(llm.engine_label)
    if deps.result.checked:
        engines.append(DEPS_ENGINE)
    looks = {sf.path: f"in a file that looks {sf.looks}" for sf in files if sf.looks}
    texts = {p: sf.text for p, sf in by_path.items()}
    languages = {p: sf.language for p, sf in by_path.items()}
    return AnalysisResult(
        findings,
        coverage,
        failures,
        engines,
        notes,
        llm.usage,
        looks,
        flow_probes=static.flow.probes,
        interfaces=static.flow.interfaces,
        texts=texts,
        languages=languages,
    )


def _withheld(f: Finding) -> Finding:
    steps = tuple(s for s in f.remediation if not s.startswith(MODEL_FIX_STEP_PREFIX))
    return f.with_(replacement=None, fix_origin="", remediation=(*steps, NO_VERIFIED_FIX))


def _deleting(
    changeset: ChangeSet,
    skipped: Sequence[FileCoverage],
    files: Sequence[SourceFile],
    *,
    read: Reader | None,
    settings: Settings,
) -> tuple[list[FileChange], list[FileChange], dict[str, list[str]]]:
    """The code files and the C/C++ files the change only deletes lines from, and every file's lines at
    the change's head: the analysed files', and those deletion-only files' read once (within the file
    size limit) for the diff readers that look at what a removed guard protected."""
    code, c_files = _deletions_only(changeset, skipped), _deletions_only(changeset, skipped, C_LANGUAGES)
    heads = {sf.path: list(sf.lines) for sf in files}
    for fc in (*code, *c_files):
        data = read(fc.path) if read is not None else None
        if data is not None and len(data) <= settings.max_file_bytes:
            heads[fc.path] = data.decode("utf-8", errors="replace").splitlines()
    return code, c_files, heads


def _deletions_only(
    changeset: ChangeSet, skipped: Sequence[FileCoverage], code: Collection[str] = CODE_LANGUAGES
) -> list[FileChange]:
    """Code files skipped only because the change adds nothing to them, yet deletes lines: the
    removed-controls check (and, for C and C++, the removed-guard check) still reads what they lose."""
    paths = {fc.path for fc in skipped if fc.reason is SkipReason.NO_ADDED_LINES}
    return [
        fc
        for fc in changeset.files
        if fc.path in paths and fc.language in code and any(h.old_len for h in fc.hunks)
    ]


_describe_semgrep_error = describe_semgrep_error  # the name the file-budget tests import


def _file_coverage(
    sf: SourceFile,
    semgrep_ok: bool,
    bandit_ok: bool,
    parse_error: str | None,
    bandit_unparsed: bool,
    *,
    flow: flow_mod.FlowResult,
    java_flow: java_flow.JavaFlowResult | None = None,
) -> FileCoverage:
    analyzers: list[str] = []
    details: list[str] = []
    if semgrep_ok:
        analyzers.append(RULE_PACK if sf.language in _RULE_LANGUAGES else SECRETS_ONLY)
    if sf.path in flow.analysed:
        analyzers.append(FLOW)
    if sf.path in flow.cuts.files:
        details.append(f"flow analysis cut short: {flow.cuts.files[sf.path]}")
    if java_flow is not None and sf.path in java_flow.analysed:
        analyzers.append(FLOW)
    if java_flow is not None and sf.path in java_flow.cuts:
        details.append(f"flow analysis cut short: {java_flow.cuts[sf.path]}")
    if sf.language == "python" and bandit_ok:
        if bandit_unparsed:
            details.append("bandit could not parse it (newer Python syntax?), rule pack applied")
        else:
            analyzers.append(BANDIT)
    if sf.from_hunks_only:
        details.append("from diff hunks only")
    if sf.looks:
        details.append(f"looks {sf.looks}: analysed all the same, findings listed in the summary")
    if not analyzers:
        return FileCoverage(
            sf.path, FileState.SKIPPED, reason=SkipReason.ANALYZER_FAILED, detail="; ".join(details)
        )
    if parse_error:
        details.insert(
            0, parse_error if parse_error == SEMGREP_TIME_BUDGET else f"parse problem: {parse_error}"
        )
        return FileCoverage(sf.path, FileState.PARTIAL, tuple(analyzers), detail="; ".join(details))
    return FileCoverage(sf.path, FileState.ANALYSED, tuple(analyzers), detail="; ".join(details))


def _through_changed_lines(
    rule_pack: list[Finding], by_path: dict[str, SourceFile], root: Path, settings: Settings
) -> list[Finding]:
    """The rule pack's findings, each taint finding whose flow passes through a line the change adds
    to a sink it leaves as it was moved onto that line (bot.analysis.semgrep.through_changed_lines):
    the flaw is the change's doing."""
    moved = {
        (f.rule_id, f.path, f.sink_line): f
        for f in semgrep_mod.through_changed_lines(
            rule_pack, by_path, root, timeout=settings.analyzer_timeout, jobs=settings.analyzer_jobs
        )
    }
    kept = (moved.get((f.rule_id, f.path, f.start_line), f) for f in rule_pack)
    return list({id(f): f for f in kept}.values())


def _touches_added(f: Finding, files: dict[str, SourceFile]) -> bool:
    sf = files.get(f.path)
    return bool(sf) and any(n in sf.change.added_lines for n in f.lines)  # type: ignore[union-attr]


def _with_symbol(f: Finding, files: dict[str, SourceFile], code_of: dict[str, list[str]]) -> Finding:
    sf = files.get(f.path)
    if sf is None:
        return f
    return f.with_(symbol=enclosing_symbol(code_of[f.path], f.start_line, sf.language))


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.path == b.path and a.start_line <= b.end_line and b.start_line <= a.end_line


def _bump(conf: Confidence) -> Confidence:
    return Confidence(min(int(conf) + 1, int(Confidence.HIGH)))


def _as_analysed(files: Sequence[SourceFile], notes: list[str]) -> dict[str, SourceFile]:
    """The files as the engines read them: a Python 2 file as its line-for-line Python 3 rewrite
    (``py2compat``), Java methods without their class as a class's body (``java_snippet``), which the
    analysis alone sees; a note in ``notes`` says so."""
    py3 = py2compat.convert({sf.path: sf.text for sf in files if sf.language == "python"})
    if py3:
        notes.append(
            f"{len(py3)} Python 2 file(s) analysed as their line-for-line Python 3 rewrite "
            "(print, except, raise, exec and literal syntax); comments quote the file as it is."
        )
    java = java_snippet.convert(
        {sf.path: sf.text for sf in files if sf.language == "java" and not sf.from_hunks_only}
    )
    if java:
        notes.append(
            f"{len(java)} Java file(s) holding methods without their class analysed as the body of "
            "one class (line numbers kept); comments quote the file as it is."
        )
    read_as = py3 | java
    return {sf.path: replace(sf, text=read_as[sf.path]) if sf.path in read_as else sf for sf in files}


def _merge_engines(
    static: Static,
    primary: list[Finding],
    by_path: dict[str, SourceFile],
    seen: dict[str, SourceFile],
    *,
    tmp: Path,
    settings: Settings,
    read: Reader | None = None,
    notes: list[str] | None = None,
) -> list[Finding]:
    """``_merge`` of one analysis. What the file before the change already had on the lines the
    change edits is left out, the change did not add it: bandit's results (``bandit.preexisting``)
    and the rule pack's and the flow analyses' findings (``preexisting``, among ``primary``, said in
    ``notes``). ``by_path``: the files as they are; ``seen``: as the engines read them
    (``_as_analysed``)."""
    py_files = [p for p, sf in seen.items() if sf.language == "python" and not sf.from_hunks_only]
    # one after the other, not in two threads: both parse Python source in this process, and
    # CPython 3.11's ast.parse is not safe in two threads at once ("SystemError: AST constructor
    # recursion depth mismatch", seen in CI when bandit's earlier run went to a thread)
    old = bandit_mod.preexisting(
        [*static.standalone, *static.corroborating],
        {p: (by_path[p].text, by_path[p].change) for p in py_files},
        tmp / "before",
        timeout=settings.analyzer_timeout,
    )
    earlier = preexisting.preexisting(
        [*primary, *static.flow.findings, *static.java_flow.findings],
        by_path,
        seen,
        read=read,
        work=tmp / "earlier",
        settings=settings,
    )
    if earlier and notes is not None:
        notes.append(
            f"{len(earlier)} finding(s) on lines this change edits are not reported: the file had "
            "them there before the change (same rule or class, same hunk)."
        )
    primary = [f for f in primary if id(f) not in earlier]
    flow = static.flow

    def single(c: Finding) -> Finding | None:
        sf = seen.get(c.path)
        text = None if sf is None or sf.from_hunks_only else sf.text
        if id(c) in old:
            return None
        # where the flow analysis judged a sink of the class in the same function, it has decided
        verdicts = [n for cat, n in flow.judged.get(c.path, ()) if cat == c.category]
        whole = c.path in flow.analysed and c.path not in flow.cuts.files
        if whole and text is not None and verdicts and bandit_mod.same_scope(text, c.start_line, verdicts):
            return None
        return bandit_mod.alone(c, text)

    return _merge(
        primary,
        [
            *(f for f in static.standalone if id(f) not in old),
            *(f for f in static.flow.findings if id(f) not in earlier),
            *(f for f in static.java_flow.findings if id(f) not in earlier),
        ],
        static.corroborating,
        alone=single,
    )


def _merge(
    primary: Sequence[Finding],
    standalone: Sequence[Finding],
    corroborating: Sequence[Finding],
    *,
    alone: Callable[[Finding], Finding | None] | None = None,
) -> list[Finding]:
    """One finding per flaw: same category on overlapping lines collapse into the strongest;
    an independent engine agreeing raises confidence one step and is recorded.

    With ``alone``, a corroborating finding that supports nothing is reported as ``alone`` makes it
    (None: not at all)."""
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
    kept: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in ordered:
        group = kept[(f.path, f.category)]
        index = next((i for i, k in enumerate(group) if _overlaps(k, f)), None)
        if index is None:
            group.append(f)
            continue
        twin = group[index]
        if f.engine != twin.engine and not _corroborated_by(twin, f.engine):
            group[index] = twin.with_(
                confidence=_bump(twin.confidence),
                provenance=_corroborate(twin, f),
                replacement=twin.replacement if twin.replacement is not None else f.replacement,
            )
    support_by: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for c in corroborating:
        support_by[(c.path, c.category)].append(c)
    out = []
    used: set[int] = set()
    for key, group in kept.items():
        for k in group:
            support = next(
                (
                    c
                    for c in support_by.get(key, ())
                    if _overlaps(c, k) and c.engine != k.engine and not _corroborated_by(k, c.engine)
                ),
                None,
            )
            used |= {id(c) for c in support_by.get(key, ()) if _overlaps(c, k)}
            if support is None:
                out.append(k)
            else:
                out.append(k.with_(confidence=_bump(k.confidence), provenance=_corroborate(k, support)))
    if alone is None:
        return out
    seen: set[tuple[str, str, int]] = set()
    for c in corroborating:
        spot = (c.path, c.category, c.start_line)
        if id(c) in used or spot in seen:
            continue
        single = alone(c)
        if single is not None:
            seen.add(spot)
            out.append(single)
    return out


def _corroborated_by(finding: Finding, engine: str) -> bool:
    return any(tag.startswith(f"{engine}:") for tag in finding.provenance.corroborated_by)


def _corroborate(kept: Finding, support: Finding) -> Provenance:
    tag = f"{support.engine}:{support.rule_id}"
    return replace(kept.provenance, corroborated_by=(*kept.provenance.corroborated_by, tag))
