"""Run semgrep once per review with Remediator's own rule pack and turn results into Findings.

Semgrep runs offline (no metrics, no registry, no version check) and ignores ``nosemgrep``
comments: a change must not be able to silence the reviewer.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from bot.core.diffmap import base_text
from bot.core.models import Confidence, Finding, Hunk, LineKind, Provenance, Severity, SourceFile
from bot.core.taxonomy import category as lookup_category
from bot.errors import AnalyzerError, AnalyzerTimeout

logger = logging.getLogger(__name__)

ENGINE = "semgrep"


def rule_files() -> list[Path]:
    """The rule pack's YAML files, shipped as package data."""
    base = resources.files("bot.analysis") / "rules"
    return sorted(Path(str(p)) for p in base.iterdir() if p.name.endswith((".yml", ".yaml")))


# Which rule files matter for which languages (bot.core.languages names); others apply to all files.
_RULE_LANGUAGES = {
    "python": {"python"},
    "python-state": {"python"},
    "javascript": {"javascript", "typescript"},
    "javascript-construction": {"javascript", "typescript"},
    "javascript-state": {"javascript", "typescript"},
    "java": {"java"},
    "java-construction": {"java"},
    "java-state": {"java"},
    "go": {"go"},
    "go-construction": {"go"},
    "go-state": {"go"},
    "ruby": {"ruby"},
    "c": {"c", "cpp"},
    "dockerfile": {"dockerfile"},
    "kubernetes": {"yaml"},
    "github-actions": {"github-actions"},
    "terraform": {"terraform", "hcl"},
}


def rule_files_for(languages: Iterable[str | None]) -> list[Path]:
    """The rule files a change with files of these languages needs (language-neutral ones always)."""
    present = set(languages)
    return [p for p in rule_files() if p.stem not in _RULE_LANGUAGES or _RULE_LANGUAGES[p.stem] & present]


@dataclass(frozen=True, slots=True)
class RuleFilter:
    """Which rules of the selected files a run uses: none of ``skip``; only ``only`` when given."""

    skip: frozenset[str] = frozenset()
    only: frozenset[str] | None = None

    def keeps(self, rule_id: str) -> bool:
        return rule_id not in self.skip and (self.only is None or rule_id in self.only)


ALL_RULES = RuleFilter()


def rules_in_categories(languages: Iterable[str | None], categories: Iterable[str]) -> frozenset[str]:
    """The ids of the rules a change with files of ``languages`` runs whose category (normalised as
    findings are, ``to_findings``) is one of ``categories``."""
    wanted = set(categories)
    return frozenset(
        str(r.get("id", ""))
        for p in rule_files_for(languages)
        for r in _rules_of(p, p.stat().st_mtime)
        if lookup_category(str(((r.get("metadata") or {}).get("category")) or "other")).id in wanted
    )


_LIBYAML = hasattr(yaml, "CSafeLoader")
"""libyaml's safe parser is there (ten times faster than the pure-Python one, same data)."""


@functools.lru_cache(maxsize=64)
def _rules_of(path: Path, stamp: float) -> tuple[dict[str, Any], ...]:
    """One rule file's rules, parsed once per process (and again only when the file changes)."""
    text = path.read_text(encoding="utf-8")
    data = (yaml.load(text, Loader=yaml.CSafeLoader) if _LIBYAML else yaml.safe_load(text)) or {}
    return tuple(data.get("rules", []))


@functools.lru_cache(maxsize=32)
def _combined_text(paths: tuple[Path, ...], stamps: tuple[float, ...], rules_filter: RuleFilter) -> str:
    rules = [
        r
        for path, stamp in zip(paths, stamps, strict=True)
        for r in _rules_of(path, stamp)
        if rules_filter.keeps(str(r.get("id", "")))
    ]
    # JSON is YAML: the anchors are expanded by the parse above, and json.dumps is ~70x faster than
    # yaml.dump (a review assembles up to three configs of the whole pack)
    return json.dumps({"rules": rules}, ensure_ascii=False)


def combined_config(paths: Sequence[Path], dest: Path, rules_filter: RuleFilter = ALL_RULES) -> Path:
    """One rules file with YAML anchors expanded (semgrep's native engine does not resolve them),
    written as JSON (which semgrep reads as the YAML it is)."""
    stamps = tuple(p.stat().st_mtime for p in paths)
    dest.write_text(_combined_text(tuple(paths), stamps, rules_filter), encoding="utf-8")
    return dest


def semgrep_binary() -> str:
    """The semgrep executable beside this interpreter (a venv) or on PATH."""
    local = Path(sys.executable).with_name("semgrep")
    if local.exists():
        return str(local)
    found = shutil.which("semgrep")
    if not found:
        raise AnalyzerError("semgrep is not installed (pip install semgrep)")
    return found


@dataclass(frozen=True, slots=True)
class SemgrepRun:
    results: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    scanned: list[str]
    version: str


_ARGV_BUDGET = 200_000  # bytes of target paths per process, far below the OS argument limit


def _batches(relpaths: Sequence[str]) -> list[list[str]]:
    batches: list[list[str]] = [[]]
    size = 0
    for rel in relpaths:
        if batches[-1] and size + len(rel) + 1 > _ARGV_BUDGET:
            batches.append([])
            size = 0
        batches[-1].append(rel)
        size += len(rel) + 1
    return batches


def run_semgrep(
    root: Path,
    relpaths: Sequence[str],
    *,
    timeout: int,
    jobs: int = 0,
    configs: Sequence[Path] | None = None,
    languages: Iterable[str | None] | None = None,
    native: bool = True,
    rules_filter: RuleFilter = ALL_RULES,
) -> SemgrepRun:
    """semgrep over ``relpaths`` (relative to ``root``): one process (more only for huge changes).

    Rules: ``configs`` if given, else the files ``languages`` need, else the whole pack; of those,
    the ones ``rules_filter`` keeps. The native engine starts ten times faster; if it rejects a rule,
    the run is repeated with the classic one.
    """
    if not relpaths:
        return SemgrepRun([], [], [], "")
    paths = (
        list(configs)
        if configs is not None
        else (rule_files_for(languages) if languages is not None else rule_files())
    )
    name = f".rules-{root.name}.yml" if rules_filter == ALL_RULES else f".rules-{root.name}-part.yml"
    config = combined_config(paths, root.parent / name, rules_filter)
    runs = [_run_batch(root, batch, config, timeout, jobs, native=native) for batch in _batches(relpaths)]
    return SemgrepRun(
        results=[r for run in runs for r in run.results],
        errors=[e for run in runs for e in run.errors],
        scanned=[p for run in runs for p in run.scanned],
        version=runs[0].version,
    )


def _run_batch(
    root: Path, relpaths: Sequence[str], config: Path, timeout: int, jobs: int, *, native: bool
) -> SemgrepRun:
    run = _invoke(root, relpaths, config, timeout, jobs, native=native)
    if native and any("Rule parse error" in str(e.get("message", "")) for e in run.errors):
        logger.warning("semgrep's native engine rejected a rule; running the classic engine instead")
        run = _invoke(root, relpaths, config, timeout, jobs, native=False)
    return run


def _invoke(
    root: Path, relpaths: Sequence[str], config: Path, timeout: int, jobs: int, *, native: bool
) -> SemgrepRun:
    cmd = [
        semgrep_binary(),
        "scan",
        # the native engine matches rules' `paths:` against the project root; pin it to the workspace
        *(["--experimental", "--project-root", "."] if native else []),
        "--json",
        "--quiet",
        "--metrics=off",
        "--disable-version-check",
        "--disable-nosem",
        "--no-rewrite-rule-ids",
        "--no-git-ignore",
        "--max-target-bytes",
        "0",
        "--timeout",
        "30",
        "--timeout-threshold",
        "3",
        "-j",
        str(jobs or os.cpu_count() or 1),
        "--config",
        str(config),
        "--",
        *relpaths,
    ]
    env = {
        k: v
        for k, v in os.environ.items()
        if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"}
    }
    env.update({"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0", "NO_COLOR": "1"})
    logger.debug("semgrep: scanning %d files (native engine: %s)", len(relpaths), native)
    try:
        proc = subprocess.run(
            cmd,
            cwd=root,
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise AnalyzerTimeout(f"semgrep did not finish within {timeout} s") from exc
    except OSError as exc:
        raise AnalyzerError(f"semgrep could not start: {exc}") from exc
    try:
        data = json.loads(proc.stdout.decode("utf-8", errors="replace") or "{}")
    except json.JSONDecodeError as exc:
        tail = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [""]
        raise AnalyzerError(f"semgrep output was not JSON (exit {proc.returncode}): {tail[0][:200]}") from exc
    if "results" not in data:
        tail = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or [""]
        raise AnalyzerError(f"semgrep failed (exit {proc.returncode}): {tail[0][:200]}")
    return SemgrepRun(
        results=list(data.get("results", [])),
        errors=list(data.get("errors", [])),
        scanned=list((data.get("paths") or {}).get("scanned", [])),
        version=str(data.get("version", "")),
    )


def _replacement(sf: SourceFile, result: Mapping[str, Any]) -> str | None:
    """Whole-line replacement text for the lines the result spans, from semgrep's ``fix``."""
    fix = (result.get("extra") or {}).get("fix")
    if fix is None:
        return None
    start, end = result["start"], result["end"]
    raw = sf.text.encode("utf-8", errors="replace")
    s_off, e_off = int(start["offset"]), int(end["offset"])
    if not 0 <= s_off <= e_off <= len(raw):
        return None
    line_start = raw.rfind(b"\n", 0, s_off) + 1
    line_end = raw.find(b"\n", e_off)
    if line_end == -1:
        line_end = len(raw)
    before = raw[line_start:s_off].decode("utf-8", errors="replace")
    after = raw[e_off:line_end].decode("utf-8", errors="replace")
    eol = "\r" if after.endswith("\r") else ""
    new = before + str(fix) + after.rstrip("\r")
    return new.replace("\n", eol + "\n") if eol else new


def to_findings(run: SemgrepRun, files: Mapping[str, SourceFile]) -> list[Finding]:
    """Normalise semgrep results (paths relative to the workspace root) into Findings."""
    out: list[Finding] = []
    for result in run.results:
        path = str(result.get("path", ""))
        sf = files.get(path)
        if sf is None:
            continue
        extra = result.get("extra") or {}
        meta = extra.get("metadata") or {}
        cat = lookup_category(str(meta.get("category", "other")))
        try:
            severity = Severity.parse(str(meta.get("severity", "medium")))
            confidence = Confidence.parse(str(meta.get("confidence", "medium")))
        except ValueError:
            logger.warning("rule %s has invalid severity/confidence metadata", result.get("check_id"))
            severity, confidence = Severity.MEDIUM, Confidence.MEDIUM
        remediation = meta.get("remediation") or ()
        if isinstance(remediation, str):
            remediation = (remediation,)
        cwe = str(meta.get("cwe") or cat.cwe).split(":")[0].strip()
        out.append(
            Finding(
                rule_id=str(result.get("check_id")),
                engine=ENGINE,
                category=cat.id,
                cwe=cwe,
                title=str(meta.get("title") or cat.title),
                severity=severity,
                confidence=confidence,
                path=path,
                start_line=int(result["start"]["line"]),
                end_line=int(result["end"]["line"]),
                message=" ".join(str(extra.get("message", "")).split()),
                explanation=" ".join(str(meta.get("explanation", "")).split()),
                remediation=tuple(" ".join(str(s).split()) for s in remediation),
                replacement=_replacement(sf, result),
                provenance=Provenance(engine=ENGINE, tool_version=run.version),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Flows through changed lines
#
# A taint finding sits on its sink. When a change edits the source or a step of the flow (drops a
# sanitiser where the value is built, changes where it comes from) but leaves the sink line as it
# was, the finding would be dropped as not the change's doing. Its dataflow trace says otherwise.
# `semgrep scan` (1.187's native CLI) leaves the trace out of its JSON even with
# `--dataflow-traces`; semgrep-core, the engine it runs, always writes it. So the taint findings
# of the run whose sink touches no added line are run again through semgrep-core, only their rules
# on only their files (one process), and the ones whose source or intermediate
# variables lie on an added line of the same file are kept, anchored there.


def taint_rule_ids() -> frozenset[str]:
    """The ids of the pack's taint-mode rules."""
    return frozenset(
        str(r.get("id", ""))
        for p in rule_files()
        for r in _rules_of(p, p.stat().st_mtime)
        if r.get("mode") == "taint"
    )


def semgrep_core_binary() -> Path | None:
    """semgrep's engine, shipped inside the semgrep package (None when it is not there)."""
    try:
        spec = importlib.util.find_spec("semgrep")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    core = Path(spec.origin).parent / "bin" / "semgrep-core"
    return core if core.exists() else None


# semgrep-core's own names for the languages the rule pack's taint rules cover
_CORE_LANGUAGES = {"python", "javascript", "typescript", "java", "go", "ruby", "c", "cpp"}


def trace_locations(trace: Any, path: str) -> list[tuple[int, int]]:
    """(start line, end line) of the taint source and intermediate variables of a semgrep
    ``dataflow_trace``, in flow order, those in file ``path`` only (the sink is left out)."""
    out: list[tuple[int, int]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            start, end = node.get("start"), node.get("end")
            if isinstance(start, dict) and isinstance(end, dict) and "path" in node:
                if str(node["path"]) == path:
                    out.append((int(start.get("line", 0)), int(end.get("line", 0))))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if isinstance(trace, dict):
        walk(trace.get("taint_source"))
        walk(trace.get("intermediate_vars"))
    return out


def _core_traces(
    root: Path, targets: Mapping[str, tuple[str, str]], rules: frozenset[str], *, timeout: int, jobs: int
) -> dict[tuple[str, str, int, int], list[tuple[int, int]]]:
    """semgrep-core with the ``rules`` over ``targets`` (a path relative to ``root.parent`` -> the
    path the rules' ``paths:`` see and the language): each result's trace locations in its own
    file, by (rule, path, sink start line, end line)."""
    core = semgrep_core_binary()
    if core is None or not targets:
        return {}
    config = combined_config(
        rule_files_for({lang for _, lang in targets.values()}),
        root.parent / f".rules-{root.name}-traces.yml",
        RuleFilter(only=rules),
    )
    listed = [
        ["CodeTarget", {"path": {"fpath": rel, "ppath": f"/{seen}"}, "analyzer": lang, "products": ["sast"]}]
        for rel, (seen, lang) in sorted(targets.items())
    ]
    target_file = root.parent / f".targets-{root.name}.json"
    target_file.write_text(json.dumps(["Targets", listed]), encoding="utf-8")
    cmd = [str(core), "-rules", str(config), "-targets", str(target_file), "-json", "-timeout", "30"]
    cmd += ["-timeout_threshold", "3", "-j", str(jobs or os.cpu_count() or 1)]
    try:
        proc = subprocess.run(
            cmd, cwd=root.parent, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
        text = proc.stdout.decode("utf-8", errors="replace")
        data = json.loads(text[text.find("{") :] if "{" in text else "{}")  # progress dots come first
    except (subprocess.TimeoutExpired, OSError, json.JSONDecodeError) as exc:
        logger.warning("semgrep-core (dataflow traces) failed: %s", exc)
        return {}
    traces: dict[tuple[str, str, int, int], list[tuple[int, int]]] = {}
    for r in data.get("results") or []:
        path = str(r.get("path", ""))
        trace = (r.get("extra") or {}).get("dataflow_trace")
        key = (str(r.get("check_id")), path, int(r["start"]["line"]), int(r["end"]["line"]))
        traces.setdefault(key, []).extend(trace_locations(trace, path))
    return traces


def _old_line(hunks: Sequence[Hunk], new: int) -> int:
    """The line number before the change of head line ``new``, which the change leaves as it was."""
    delta = 0
    for hunk in sorted(hunks, key=lambda h: h.new_start):
        for dl in hunk.lines:
            if dl.new_no == new:
                return dl.old_no or 0
        new_nos = [dl.new_no for dl in hunk.lines if dl.new_no is not None]
        if (max(new_nos) if new_nos else hunk.new_start) < new:
            delta += sum(
                1 if dl.kind is LineKind.REMOVED else -1 if dl.kind is LineKind.ADDED else 0
                for dl in hunk.lines
            )
    return new + delta


def through_changed_lines(
    findings: Sequence[Finding],
    files: Mapping[str, SourceFile],
    root: Path,
    *,
    timeout: int,
    jobs: int = 0,
) -> list[Finding]:
    """The taint findings among ``findings`` whose sink touches no added line but whose flow
    passes through one in the same file, and which the same rule does not report at that sink in
    the file before the change (rebuilt from the head and the hunks): each anchored on the first
    such line of its trace (in flow order), saying so and naming the sink's line, with no fix (the
    fix belongs on the sink). Files analysed from the diff's hunks only are left out (their line
    numbers are not the file's), and so are files whose earlier version cannot be rebuilt."""
    taint = taint_rule_ids()
    wanted: list[Finding] = []
    bases: dict[str, str] = {}
    for f in findings:
        sf = files.get(f.path)
        if f.engine != ENGINE or f.rule_id not in taint or sf is None or sf.from_hunks_only:
            continue
        added = sf.change.added_lines
        if not added or sf.language not in _CORE_LANGUAGES or any(n in added for n in f.lines):
            continue
        if min(added) > f.start_line:  # a flow runs down to its sink (semgrep's taint stays in a function)
            continue  # ... so a change only below the sink is not on it: spare the process
        if f.path not in bases:
            base = base_text(sf.text, sf.change.hunks)
            if base is None:
                continue
            bases[f.path] = base
        wanted.append(f)
    if not wanted:
        return []
    head_dir, base_dir = root.name, f".base-{root.name}"
    targets: dict[str, tuple[str, str]] = {}
    for path, base in bases.items():
        lang = str(files[path].language)
        copy = root.parent / base_dir / path
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(base, encoding="utf-8")
        targets[f"{head_dir}/{path}"] = (path, lang)
        targets[f"{base_dir}/{path}"] = (path, lang)
    rules = frozenset(f.rule_id for f in wanted)
    traces = _core_traces(root, targets, rules, timeout=timeout, jobs=jobs)
    before = {(rule, path, start) for rule, path, start, _ in traces if path.startswith(f"{base_dir}/")}
    out: list[Finding] = []
    for f in wanted:
        change = files[f.path].change
        if (f.rule_id, f"{base_dir}/{f.path}", _old_line(change.hunks, f.start_line)) in before:
            continue  # the flow reached this sink before the change: not its doing
        steps = traces.get((f.rule_id, f"{head_dir}/{f.path}", f.start_line, f.end_line), [])
        line = next((n for s, e in steps for n in range(s, e + 1) if n in change.added_lines), None)
        if line is None:
            continue
        sink = f"line {f.start_line}" if f.end_line == f.start_line else f"lines {f.start_line}-{f.end_line}"
        note = f"The flow passes through line {line}, which this change edits; the sink is on {sink}."
        out.append(
            f.with_(
                start_line=line,
                end_line=line,
                message=f"{f.message} {note}".strip(),
                replacement=None,
                sink_line=f.start_line,
            )
        )
    return out
