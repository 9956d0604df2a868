"""Summaries of the review-scaling runs: medians, per-line cost above start-up, target, Markdown, JSON.

Pure apart from ``machine_info`` (which asks the tools for their versions); imports nothing from
``bot``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from changes import BuiltChange, CaseSpec
from proctree import Measurement

TARGET_FROM_LINES = 1_000
TARGET_MAX_RATIO = 2.0
LINEAR_FROM_LINES = 1_000
"""Per-line costs of smaller changes are mostly noise: a few lines move the time by milliseconds."""
MEMORY_METHOD = (
    "Peak RSS = the largest sum of VmRSS over the whole process tree (the command and every "
    "descendant, found through /proc/PID/task/TID/children), sampled every {interval:g} ms; shared "
    "pages count once per process and spikes shorter than the interval can be missed. "
    "wait4()'s ru_maxrss is kept as largest_process_rss_mb: Linux reports the largest single "
    "process of the tree there, not a sum, which is also why RUSAGE_CHILDREN deltas cannot be used "
    "(that maximum never drops, so a smaller later child leaves it unchanged)."
)


@dataclass
class ToolRuns:
    measurements: list[Measurement] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    def add(self, m: Measurement, facts: dict[str, Any], problem: str | None, stderr_tail: str) -> None:
        self.measurements.append(m)
        self.facts = facts or self.facts
        if problem:
            self.problems.append(problem)
            self.stderr.append(stderr_tail)

    def median(self, attr: str) -> float | None:
        values: list[float] = [getattr(m, attr) for m in self.measurements]
        return statistics.median(values) if values else None

    def summary(self) -> dict[str, Any]:
        return {
            "median_wall_s": _round(self.median("wall_s"), 3),
            "median_cpu_s": _round(self.median("cpu_s"), 3),
            "median_tree_peak_rss_mb": _round(self.median("tree_peak_rss_mb"), 1),
            "max_tree_peak_rss_mb": _round(
                max((m.tree_peak_rss_mb for m in self.measurements), default=None), 1
            ),
            "max_largest_process_rss_mb": _round(
                max((m.largest_process_rss_mb for m in self.measurements), default=None), 1
            ),
            "runs": [asdict(m) for m in self.measurements],
            "facts": self.facts,
            "problems": self.problems,
            "stderr": self.stderr,
        }


@dataclass
class CaseResult:
    spec: CaseSpec
    change: BuiltChange
    remediator: ToolRuns
    bandit: ToolRuns
    generate_s: float

    @property
    def failed(self) -> bool:
        return bool(self.remediator.problems or self.bandit.problems)

    def failure_text(self) -> str:
        lines = []
        for name, runs in (("remediator", self.remediator), ("bandit", self.bandit)):
            for problem, tail in zip(runs.problems, runs.stderr, strict=True):
                lines.append(f"{self.spec.label}: {name}: {problem}\n{tail}".rstrip())
        return "\n".join(lines)

    @property
    def verified_fixes(self) -> bool:
        facts = self.remediator.facts
        return bool(facts.get("fixes_offered") or facts.get("fixes_withheld_note"))


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def ratio(r: CaseResult) -> float | None:
    rem, ban = r.remediator.median("wall_s"), r.bandit.median("wall_s")
    return rem / ban if rem is not None and ban else None


def baseline_of(r: CaseResult, results: list[CaseResult]) -> CaseResult | None:
    """The start-up run to subtract from ``r``: the one with fix verification when ``r`` had it."""
    startups = [s for s in results if s.spec.startup]
    same = [s for s in startups if s.verified_fixes == r.verified_fixes]
    return (same or startups)[0] if startups else None


def per_1k(r: CaseResult, results: list[CaseResult], tool: str) -> float | None:
    """Seconds per 1,000 added lines above the start-up cost (None for the start-ups)."""
    base_run = baseline_of(r, results)
    if r.spec.startup or base_run is None:
        return None
    runs: ToolRuns = getattr(r, tool)
    base_runs: ToolRuns = getattr(base_run, tool)
    now, base = runs.median("wall_s"), base_runs.median("wall_s")
    if now is None or base is None:
        return None
    return (now - base) / r.change.added_lines * 1000


def linearity(results: list[CaseResult], tool: str) -> dict[str, Any]:
    """Spread of the per-line cost over the Python-only changes (the mixed one has other languages'
    costs), from LINEAR_FROM_LINES up when the run has such changes."""
    rest = [r for r in results if not r.spec.startup and r.spec.layout != "mixed"]
    chosen = [r for r in rest if r.change.added_lines >= LINEAR_FROM_LINES] or rest
    costs = {r.spec.key: per_1k(r, results, tool) for r in chosen}
    positive = {k: c for k, c in costs.items() if c is not None and c > 0}
    spread = max(positive.values()) / min(positive.values()) if len(positive) >= 2 else None
    return {
        "over": list(positive),
        "left_out_not_above_startup": [k for k in costs if k not in positive],
        "noise_dominated": not any(r.change.added_lines >= LINEAR_FROM_LINES for r in rest),
        "per_1k_lines_s": {k: _round(v, 4) for k, v in costs.items()},
        "largest_over_smallest": _round(spread, 3),
    }


def target(results: list[CaseResult]) -> dict[str, Any]:
    cases = {
        r.spec.key: _round(ratio(r), 3)
        for r in results
        if not r.spec.startup and r.change.added_lines >= TARGET_FROM_LINES
    }
    known = [v for v in cases.values() if v is not None]
    return {
        "rule": f"from {TARGET_FROM_LINES:,} added lines, remediator wall time <= "
        f"{TARGET_MAX_RATIO:g}x bandit's on the same files",
        "ratios": cases,
        "met": (all(v <= TARGET_MAX_RATIO for v in known) if known else None),
    }


def _fmt(value: float | None, spec: str, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:{spec}}{suffix}"


def markdown(results: list[CaseResult], info: dict[str, Any]) -> str:
    repeat = max((len(r.remediator.measurements) for r in results), default=0)
    out = [
        f"## Review scaling: remediator vs bandit (median of {repeat} run(s))",
        "",
        "| change | files | added lines | remediator s | bandit s | ratio | remediator peak RSS MB "
        "| bandit peak RSS MB | remediator s per 1k lines |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        files = f"{len(r.change.changed):,}"
        if len(r.change.python_files) != len(r.change.changed):
            files += f" ({len(r.change.python_files)} .py)"
        label = r.spec.label + (" †" if r.verified_fixes else "") + (" FAILED" if r.failed else "")
        out.append(
            f"| {label} | {files} | {r.change.added_lines:,} "
            f"| {_fmt(r.remediator.median('wall_s'), '.2f')} | {_fmt(r.bandit.median('wall_s'), '.2f')} "
            f"| {_fmt(ratio(r), '.1f', 'x')} | {_fmt(r.remediator.median('tree_peak_rss_mb'), '.0f')} "
            f"| {_fmt(r.bandit.median('tree_peak_rss_mb'), '.0f')} "
            f"| {_cost(r, results)} |"
        )
    out += ["", *_notes(results, info)]
    return "\n".join(out) + "\n"


def _cost(r: CaseResult, results: list[CaseResult]) -> str:
    if r.spec.startup:
        return "-"
    noisy = " ‡" if r.change.added_lines < LINEAR_FROM_LINES else ""
    return _fmt(per_1k(r, results, "remediator"), ".2f") + noisy


def _notes(results: list[CaseResult], info: dict[str, Any]) -> list[str]:
    bandit_costs = ", ".join(
        f"{r.spec.label}: {_fmt(per_1k(r, results, 'bandit'), '.3f')} s"
        for r in results
        if not r.spec.startup
    )
    startups = "; ".join(
        f"{s.spec.label}: remediator {_fmt(s.remediator.median('wall_s'), '.2f')} s, "
        f"bandit {_fmt(s.bandit.median('wall_s'), '.2f')} s"
        for s in results
        if s.spec.startup
    )
    notes = [
        "- † the review also verified suggested fixes: a second semgrep process over the patched files.",
        f"- ‡ under {LINEAR_FROM_LINES:,} added lines the extra time is within the run-to-run noise "
        "of the start-up, so the per-line cost says little.",
        "- ratio = remediator wall time / bandit wall time over the same head Python files (bandit "
        "cannot read the other languages of the mixed change).",
        "- per 1k lines = (median - start-up median) / added lines x 1,000, subtracting the start-up "
        "with a fix († rows) or the plain one. Start-up, one line appended to one file: "
        f"{startups}. Bandit per 1k lines: {bandit_costs or 'n/a'}.",
    ]
    for tool in ("remediator", "bandit"):
        lin = linearity(results, tool)
        over = ", ".join(lin["over"]) or "nothing"
        caveat = " (only changes under 1,000 lines: noise-dominated)" if lin["noise_dominated"] else ""
        if lin["left_out_not_above_startup"]:
            left = ", ".join(lin["left_out_not_above_startup"])
            caveat += f"; left out, not above the start-up in this run: {left}"
        notes.append(
            f"- Linear growth, {tool}: largest / smallest per-1k cost over {over} = "
            f"{_fmt(lin['largest_over_smallest'], '.2f')} (1.00 = perfectly linear){caveat}."
        )
    tgt = target(results)
    verdicts = ", ".join(
        f"{key}: {_fmt(v, '.1f', 'x')} {'meets' if v is not None and v <= TARGET_MAX_RATIO else 'misses'}"
        for key, v in tgt["ratios"].items()
    )
    met = {True: "MET", False: "NOT MET", None: "not measured (no change of 1,000+ lines in this run)"}
    notes.append(f"- Target ({tgt['rule']}): {verdicts or '-'}; overall {met[tgt['met']]}.")
    notes.append("- " + MEMORY_METHOD.format(interval=info["interval_ms"]))
    load = info["loadavg_start"][0]
    busy = " (machine busy: absolute times are noisy, compare ratios)" if load > 0.7 * info["cpus"] else ""
    notes.append(
        f"- Machine: {info['cpus']} CPUs, load {load:.2f} at start, {info['loadavg_end'][0]:.2f} at end"
        f"{busy}; semgrep {info['semgrep']}, bandit {info['bandit']}, Python {info['python']}; "
        f"{info['elapsed_s']:.0f} s in all."
    )
    failures = [r.failure_text() for r in results if r.failed]
    if failures:
        notes += ["", "Failed runs (not valid measurements):", "```", *failures, "```"]
    return notes


def _version(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (proc.stdout.strip() or proc.stderr.strip() or "unknown").splitlines()[-1]


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_info(remediator: list[str]) -> dict[str, Any]:
    here = Path(__file__).resolve().parent
    return {
        "cpus": os.cpu_count() or 1,
        "loadavg_start": list(os.getloadavg()),
        "platform": platform.platform(),
        "python": platform.python_version(),
        # from package metadata: `semgrep --version` would try the network for a version check
        "semgrep": _package_version("semgrep"),
        "bandit": _package_version("bandit"),
        "remediator": _version([*remediator, "--version"]),
        "commit": _version(["git", "-C", str(here), "rev-parse", "HEAD"]),
        "worktree_dirty": bool(_git_status(here)),
    }


def _git_status(here: Path) -> str:
    proc = subprocess.run(
        ["git", "-C", str(here), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout.strip()


def to_json(results: list[CaseResult], info: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    cases = []
    for r in results:
        rem, ban = r.remediator.summary(), r.bandit.summary()
        rem["per_1k_lines_s"] = _round(per_1k(r, results, "remediator"), 4)
        ban["per_1k_lines_s"] = _round(per_1k(r, results, "bandit"), 4)
        base = baseline_of(r, results)
        cases.append(
            {
                "key": r.spec.key,
                "label": r.spec.label,
                "startup": r.spec.startup,
                "per_1k_relative_to": None if r.spec.startup or base is None else base.spec.key,
                "layout": r.spec.layout,
                "files": len(r.change.changed),
                "python_files": len(r.change.python_files),
                "languages": r.change.languages,
                "added_lines": r.change.added_lines,
                "generate_s": round(r.generate_s, 2),
                "verified_fixes": r.verified_fixes,
                "ratio": _round(ratio(r), 3),
                "remediator": rem,
                "bandit": ban,
            }
        )
    return {
        "benchmark": "review_scaling",
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": [Path(sys.argv[0]).name, *sys.argv[1:]],
        "options": {
            "sizes": [c.key for c in args.cases],
            "repeat": args.repeat,
            "quick": args.quick,
            "seed": args.seed,
            "interval_ms": args.interval_ms,
            "settings": args.setting,
        },
        "machine": info,
        "memory_method": MEMORY_METHOD.format(interval=args.interval_ms),
        "cases": cases,
        "linearity": {tool: linearity(results, tool) for tool in ("remediator", "bandit")},
        "target": target(results),
        "complete": not any(r.failed for r in results),
    }
