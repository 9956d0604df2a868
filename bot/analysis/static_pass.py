"""The static engines of one analysis: semgrep over every file and bandit over the Python ones as two
concurrent processes, the flow analysis in process, with an optional per-file, per-engine cache.

A whole-tree scan (bot.analysis.tree_scan) passes an ``EngineCache``: semgrep's and bandit's results
for one file depend only on its content and the rules and tool versions, so a file whose cached
result is there is not given to that engine again; the flow analysis (which depends on the files a
module imports) always runs. A scan also asks that a semgrep run that times out be split in halves
and the halves retried, down to ``SPLIT_DEPTH`` halvings, so one slow file costs its own result,
not the batch's. Imports bot.core, bot.config, bot.errors and the analysis package's runners.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bot.analysis import bandit as bandit_mod
from bot.analysis import flow as flow_mod
from bot.analysis import java_flow, verify
from bot.analysis import semgrep as semgrep_mod
from bot.analysis.workspace import Reader
from bot.config.settings import Settings
from bot.core.models import Finding, SourceFile
from bot.errors import AnalyzerError, AnalyzerTimeout
from bot.obs.context import ContextThreadPool

SEMGREP = "semgrep"
BANDIT = "bandit"
SPLIT_DEPTH = 4
"""How many times a timed-out semgrep run is halved (at most 16 parts) before its files are given up."""
SEMGREP_TIME_BUDGET = "not fully reviewed: the per-file time budget ran out (30 s per rule, 3 strikes)"
BANDIT_UNPARSED = "unparsed"

SemgrepRunner = Callable[..., semgrep_mod.SemgrepRun]
"""``semgrep.run_semgrep``'s signature: (root, relpaths, *, timeout, jobs, languages)."""


@dataclass(frozen=True, slots=True)
class EngineResult:
    """What one engine said about one file."""

    findings: tuple[Finding, ...] = ()
    corroborating: tuple[Finding, ...] = ()
    """bandit's findings that only raise the confidence of another engine's."""
    problem: str = ""
    """semgrep: the parse problem it reported for the file; bandit: ``BANDIT_UNPARSED``."""


class EngineCache(Protocol):
    """Per-file results of one engine, for files whose content the cache knows (a scan's cache)."""

    def engine_get(self, engine: str, path: str) -> EngineResult | None: ...

    def engine_put(self, engine: str, path: str, result: EngineResult) -> None: ...


@dataclass(frozen=True, slots=True)
class StaticOptions:
    """How a whole-tree scan runs the engines (a review uses the defaults)."""

    cache: EngineCache | None = None
    split: bool = False
    """Retry a semgrep run that timed out in halves."""
    runner: SemgrepRunner | None = None
    """In place of ``semgrep.run_semgrep`` (tests)."""


@dataclass
class Static:
    semgrep: list[Finding] = field(default_factory=list)
    standalone: list[Finding] = field(default_factory=list)
    corroborating: list[Finding] = field(default_factory=list)
    parse_errors: dict[str, str] = field(default_factory=dict)
    bandit_unparsed: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    semgrep_ok: bool = True
    bandit_ok: bool = True
    semgrep_lost: set[str] = field(default_factory=set)
    """Files whose semgrep run timed out even after splitting (the rest of the batch has results)."""
    semgrep_deferred: set[str] = field(default_factory=set)
    """Python files whose semgrep results leave out ``flow.SUPERSEDED_RULES`` (the flow analysis
    analysed them whole, so a review drops those rules' results there anyway)."""
    flow: flow_mod.FlowResult = field(default_factory=flow_mod.FlowResult)
    java_flow: java_flow.JavaFlowResult = field(default_factory=java_flow.JavaFlowResult)


@dataclass(frozen=True, slots=True)
class _Split:
    run: semgrep_mod.SemgrepRun
    lost: list[str]
    runs: int


def run_semgrep_split(
    root: Path,
    relpaths: Sequence[str],
    *,
    timeout: int,
    jobs: int,
    languages: Iterable[str | None],
    runner: SemgrepRunner = semgrep_mod.run_semgrep,
    depth: int = SPLIT_DEPTH,
) -> tuple[semgrep_mod.SemgrepRun, list[str]]:
    """semgrep over ``relpaths``; a run that times out is retried as two halves (recursively, at
    most ``depth`` halvings). Returns the merged run and the files no run could finish."""
    langs = set(languages)

    def attempt(paths: list[str]) -> semgrep_mod.SemgrepRun:
        return runner(root, paths, timeout=timeout, jobs=jobs, languages=langs)

    done = _split(attempt, list(relpaths), depth)
    return done.run, done.lost


def _split(attempt: Callable[[list[str]], semgrep_mod.SemgrepRun], relpaths: list[str], depth: int) -> _Split:
    try:
        return _Split(attempt(relpaths), [], 1)
    except AnalyzerTimeout:
        if len(relpaths) < 2 or depth <= 0:
            return _Split(semgrep_mod.SemgrepRun([], [], [], ""), relpaths, 1)
    middle = len(relpaths) // 2
    halves = [_split(attempt, part, depth - 1) for part in (relpaths[:middle], relpaths[middle:])]
    runs = [h.run for h in halves]
    merged = semgrep_mod.SemgrepRun(
        results=[r for run in runs for r in run.results],
        errors=[e for run in runs for e in run.errors],
        scanned=[p for run in runs for p in run.scanned],
        version=next((run.version for run in runs if run.version), ""),
    )
    return _Split(merged, [p for h in halves for p in h.lost], 1 + sum(h.runs for h in halves))


def run_static(
    root: Path,
    relpaths: list[str],
    py_files: list[str],
    by_path: dict[str, SourceFile],
    settings: Settings,
    *,
    read: Reader | None,
    options: StaticOptions | None = None,
) -> Static:
    """The three engines over the materialised files under ``root`` (see the module docstring)."""
    options = options or StaticOptions()
    cache, runner = options.cache, options.runner
    out = Static()
    sg_cached = _cached(cache, SEMGREP, relpaths)
    bandit_cached = _cached(cache, BANDIT, py_files)
    sg_todo = [p for p in relpaths if p not in sg_cached]
    bandit_todo = [p for p in py_files if p not in bandit_cached]
    run_sg = runner or semgrep_mod.run_semgrep
    # a review (no cache, no splitting, the real runner): the rules the flow analysis supersedes in a
    # Python file it analyses whole are left out of the first run and run afterwards only on the
    # Python files it did not analyse whole; their results elsewhere would be dropped (pipeline)
    deferred = (
        cache is None
        and runner is None
        and not options.split
        and any(by_path[p].language == "python" for p in sg_todo)
    )
    first = semgrep_mod.RuleFilter(skip=flow_mod.SUPERSEDED_RULES) if deferred else semgrep_mod.ALL_RULES
    with ContextThreadPool(max_workers=2, thread_name_prefix="analyzer") as pool:
        languages = {by_path[p].language for p in sg_todo}
        sg_future: Future[tuple[semgrep_mod.SemgrepRun, list[str]]]
        if options.split:  # never deferred
            sg_future = pool.submit(
                run_semgrep_split,
                root,
                sg_todo,
                timeout=settings.analyzer_timeout,
                jobs=settings.analyzer_jobs,
                languages=languages,
                runner=run_sg,
            )
        else:
            sg_future = pool.submit(
                lambda: (
                    run_sg(
                        root,
                        sg_todo,
                        timeout=settings.analyzer_timeout,
                        jobs=settings.analyzer_jobs,
                        languages=languages,
                        rules_filter=first,
                    ),
                    [],
                )
            )
        timeout = settings.analyzer_timeout
        bandit_future = pool.submit(bandit_mod.run_bandit, root, bandit_todo, timeout=timeout)
        out.flow = flow_mod.analyse_python(
            {p: (by_path[p].text, by_path[p].change.added_lines) for p in py_files},
            read,
            flow_mod.Limits(file_bytes=settings.max_file_bytes),
        )
        java_files = [p for p in relpaths if by_path[p].language == "java"]
        out.java_flow = java_flow.analyse_java(
            {p: (by_path[p].text, by_path[p].change.added_lines) for p in java_files}
        )
        if deferred:
            whole = out.flow.analysed - out.flow.cuts.files.keys()
            rest = [p for p in sg_todo if by_path[p].language == "python" and p not in whole]
            out.semgrep_deferred = {p for p in sg_todo if by_path[p].language == "python"} - set(rest)
            sg_future = _superseded_rules_too(sg_future, root, rest, settings)
        _collect_semgrep(out, sg_future, sg_todo, by_path, cache)
        _collect_bandit(out, bandit_future, bandit_todo, by_path, cache)
    for path, hit in sg_cached.items():
        out.semgrep += hit.findings
        if hit.problem:
            out.parse_errors[path] = hit.problem
    for path, hit in bandit_cached.items():
        out.standalone += hit.findings
        out.corroborating += hit.corroborating
        if hit.problem == BANDIT_UNPARSED:
            out.bandit_unparsed.add(path)
    return out


def _superseded_rules_too(
    first: Future[tuple[semgrep_mod.SemgrepRun, list[str]]], root: Path, rest: list[str], settings: Settings
) -> Future[tuple[semgrep_mod.SemgrepRun, list[str]]]:
    """The first run's results and, for the Python files in ``rest``, the superseded rules' results."""
    done: Future[tuple[semgrep_mod.SemgrepRun, list[str]]] = Future()
    try:
        run, lost = first.result()
        if rest:
            more = semgrep_mod.run_semgrep(
                root,
                rest,
                timeout=settings.analyzer_timeout,
                jobs=settings.analyzer_jobs,
                languages={"python"},
                rules_filter=semgrep_mod.RuleFilter(only=flow_mod.SUPERSEDED_RULES),
            )
            run = semgrep_mod.SemgrepRun(
                results=run.results + more.results,
                errors=run.errors + more.errors,
                scanned=run.scanned,
                version=run.version or more.version,
            )
        done.set_result((run, lost))
    except AnalyzerError as exc:
        done.set_exception(exc)
    return done


def semgrep_baseline(static: Static, paths: Iterable[str]) -> verify.Baseline:
    """The semgrep results of this run for ``paths``, for fix verification to reuse on the original
    files: only files semgrep read whole (no parse problem, no time bound, the run succeeded)."""
    if not static.semgrep_ok:
        return verify.NO_BASELINE
    findings: dict[str, list[Finding]] = {
        p: [] for p in paths if p not in static.parse_errors and p not in static.semgrep_lost
    }
    for f in static.semgrep:
        if f.path in findings:
            findings[f.path].append(f)
    lacks = {p: flow_mod.SUPERSEDED_RULES for p in static.semgrep_deferred if p in findings}
    return verify.Baseline(findings, lacks)


def _cached(cache: EngineCache | None, engine: str, paths: Sequence[str]) -> dict[str, EngineResult]:
    if cache is None:
        return {}
    found = {p: cache.engine_get(engine, p) for p in paths}
    return {p: hit for p, hit in found.items() if hit is not None}


def _collect_semgrep(
    out: Static,
    future: Future[tuple[semgrep_mod.SemgrepRun, list[str]]],
    todo: list[str],
    by_path: dict[str, SourceFile],
    cache: EngineCache | None,
) -> None:
    try:
        run, lost = future.result()
    except AnalyzerError as exc:
        out.semgrep_ok = False
        out.failures.append(f"rule pack (semgrep): {exc}")
        return
    findings = semgrep_mod.to_findings(run, by_path)
    out.semgrep += findings
    for err in run.errors:
        path = str(err.get("path") or "")
        if path in by_path:
            out.parse_errors[path] = describe_semgrep_error(err)
    if lost:
        out.semgrep_lost = set(lost)
        out.failures.append(
            f"rule pack (semgrep): {len(lost)} file(s) did not finish within the time bound, "
            "even in smaller runs"
        )
    if cache is None:
        return
    mine: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        mine[f.path].append(f)
    for path in todo:
        problem = out.parse_errors.get(path, "")
        if path in out.semgrep_lost or problem == SEMGREP_TIME_BUDGET:
            continue  # a time bound is the machine's state, not the file's: never cached
        cache.engine_put(SEMGREP, path, EngineResult(tuple(mine.get(path, ())), (), problem))


def _collect_bandit(
    out: Static,
    future: Future[bandit_mod.BanditRun],
    todo: list[str],
    by_path: dict[str, SourceFile],
    cache: EngineCache | None,
) -> None:
    try:
        brun = future.result()
    except AnalyzerError as exc:
        out.bandit_ok = False
        if todo:
            out.failures.append(f"bandit: {exc}")
        return
    standalone, corroborating = bandit_mod.to_findings(brun, by_path)
    out.standalone += standalone
    out.corroborating += corroborating
    unparsed = {str(e.get("filename", "")).removeprefix("./") for e in brun.errors}
    out.bandit_unparsed |= unparsed
    if cache is None:
        return
    alone: dict[str, list[Finding]] = defaultdict(list)
    support: dict[str, list[Finding]] = defaultdict(list)
    for f in standalone:
        alone[f.path].append(f)
    for f in corroborating:
        support[f.path].append(f)
    for path in todo:
        problem = BANDIT_UNPARSED if path in unparsed else ""
        cache.engine_put(BANDIT, path, EngineResult(tuple(alone[path]), tuple(support[path]), problem))


def describe_semgrep_error(err: dict[str, object]) -> str:
    kind = err.get("type")
    label = str(kind[0] if isinstance(kind, list) and kind else kind or "error")
    if "timeout" in label.lower():
        return SEMGREP_TIME_BUDGET  # semgrep's --timeout/--timeout-threshold: the worker goes on
    spans = err.get("spans") or []
    line = ""
    if isinstance(spans, list) and spans and isinstance(spans[0], dict):
        start = spans[0].get("start")
        if isinstance(start, dict):
            line = f" at line {start.get('line')}"
    return f"{label}{line}"
