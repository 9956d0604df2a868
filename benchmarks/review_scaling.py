"""How `remediator review` scales with the size of a change, as ratios against bandit in the same run.

For each synthetic change (a real git repository, see changes.py) it times the review exactly as a
user runs it and bandit alone over the same head Python files, interleaved, and reports medians.
Run as a script: ``python benchmarks/review_scaling.py --help``; imports nothing from ``bot``.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from changes import BASE_BRANCH, CaseSpec, build
from proctree import measure
from report import CaseResult, ToolRuns, machine_info, markdown, to_json

STARTUPS = (
    CaseSpec("1", "1 (start-up)", 1, startup=True),
    CaseSpec("1fix", "1 with a fix (start-up)", 1, layout="fixable", startup=True),
)
CASES = (
    CaseSpec("10", "10", 10),
    CaseSpec("100", "100", 100),
    CaseSpec("1000", "1,000", 1_000),
    CaseSpec("10000", "10,000", 10_000),
    CaseSpec("files1000", "1,000 files x 10", 10_000, layout="wide", files=1_000),
    CaseSpec("mixed1000", "1,000 mixed (py/js/go/java)", 1_000, layout="mixed"),
)
QUICK = ("10", "100")
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "review_scaling.json"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    keys = ",".join(c.key for c in CASES)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help=f"comma-separated subset of: {keys} (default all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--quick", action="store_true", help="CI smoke: --sizes 10,100 --repeat 1")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="JSON results file")
    parser.add_argument("--seed", type=int, default=20240601, help="seed of the synthetic code")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one run is killed")
    parser.add_argument("--interval-ms", type=float, default=20, help="memory sampling interval")
    parser.add_argument(
        "--remediator",
        default=str(Path(sys.executable).with_name("remediator")),
        help="command that runs remediator (split like a shell would; default: beside this Python)",
    )
    parser.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="REMEDIATOR_* setting for the review (others are removed from its environment)",
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="generate the repositories here and keep them"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = args.sizes or ",".join(QUICK)
        args.repeat = 1
    wanted = [s.strip() for s in (args.sizes or keys).split(",") if s.strip()]
    unknown = sorted(set(wanted) - {c.key for c in CASES})
    if unknown:
        parser.error(f"unknown size(s) {', '.join(unknown)}; choose from {keys}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.cases = [c for c in CASES if c.key in wanted]
    return args


def review_env(settings: Sequence[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    for item in settings:
        name, sep, value = item.partition("=")
        if not sep or not name.startswith("REMEDIATOR_"):
            raise SystemExit(f"--setting wants REMEDIATOR_NAME=VALUE, got {item!r}")
        env[name] = value
    return env


def check_review(path: Path, exit_code: int, changed: int) -> tuple[dict[str, Any], str | None]:
    """Facts from a review's JSON, and why the run does not count (None when it does)."""
    if exit_code not in (0, 1):
        return {}, f"exit {exit_code}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, f"output is not JSON ({exc})"
    notes = " ".join(data.get("notes", []))
    findings = data.get("findings", [])
    facts = {
        "complete": data.get("complete"),
        "engines": data.get("engines"),
        "findings": len(findings),
        "findings_by_rule": _count(f.get("rule_id") for f in findings),
        "fixes_offered": sum(1 for f in findings if f.get("replacement") is not None),
        "fixes_withheld_note": "withheld" in notes,
        "analysed_files": data.get("coverage", {}).get("analysed"),
        "partial_files": data.get("coverage", {}).get("partial"),
    }
    if data.get("failures"):
        return facts, "review incomplete: " + "; ".join(data["failures"])
    if facts["analysed_files"] != changed:
        return facts, f"analysed {facts['analysed_files']} of {changed} changed files"
    return facts, None


def check_bandit(path: Path, exit_code: int) -> tuple[dict[str, Any], str | None]:
    if exit_code not in (0, 1):
        return {}, f"exit {exit_code}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, f"output is not JSON ({exc})"
    results = data.get("results", [])
    facts = {
        "findings": len(results),
        "errors": len(data.get("errors", [])),
        "findings_by_test": _count(r.get("test_id") for r in results),
    }
    return facts, None


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        out[str(item)] = out.get(str(item), 0) + 1
    return dict(sorted(out.items()))


def run_case(spec: CaseSpec, root: Path, args: argparse.Namespace, repeat: int) -> CaseResult:
    repo = root / spec.key
    started = time.perf_counter()
    change = build(spec, repo, args.seed)
    generate_s = time.perf_counter() - started
    review_cmd = [*shlex.split(args.remediator), "review", "--repo", str(repo), "--base", BASE_BRANCH]
    review_cmd += ["--format", "json"]
    bandit_cmd = [sys.executable, "-m", "bandit", "-q", "-f", "json", *change.python_files]
    env = review_env(args.setting)
    result = CaseResult(spec, change, ToolRuns(), ToolRuns(), generate_s)
    out, err = root / f"{spec.key}.out", root / f"{spec.key}.err"
    for index in range(repeat):
        # alternate the order so that drift in machine load does not favour one tool
        order = ("remediator", "bandit") if index % 2 == 0 else ("bandit", "remediator")
        for tool in order:
            if tool == "bandit" and not change.python_files:
                continue
            cmd = review_cmd if tool == "remediator" else bandit_cmd
            m = measure(
                cmd,
                cwd=repo,
                env=env,
                stdout=out,
                stderr=err,
                timeout=args.timeout,
                interval=args.interval_ms / 1000,
            )
            if tool == "remediator":
                facts, problem = check_review(out, m.exit_code, len(change.changed))
                runs = result.remediator
            else:
                facts, problem = check_bandit(out, m.exit_code)
                runs = result.bandit
            if m.timed_out:
                problem = f"killed after {args.timeout:.0f} s"
            runs.add(m, facts, problem, _tail(err))
            status = f"  FAILED: {problem}" if problem else ""
            _log(
                f"  {spec.key:>10} {tool:<10} run {index + 1}/{repeat}: "
                f"{m.wall_s:7.2f} s {m.tree_peak_rss_mb:6.0f} MB{status}"
            )
    return result


def _tail(path: Path, lines: int = 5) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which(shlex.split(args.remediator)[0]):
        _log(f"review_scaling: cannot run {args.remediator!r}; pass --remediator")
        return 2
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        _log(f"review_scaling: --keep {args.keep} is not empty")
        return 2
    info = machine_info(shlex.split(args.remediator))
    info["interval_ms"] = args.interval_ms
    began = time.perf_counter()
    results: list[CaseResult] = []
    with tempfile.TemporaryDirectory(prefix="review-scaling-") as tmp:
        root = args.keep.resolve() if args.keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        _log(f"review_scaling: generating changes under {root}; warm-up run (not counted)")
        warm = run_case(STARTUPS[0], root / "warm-up", args, repeat=1)
        if warm.failed:
            _log("review_scaling: the warm-up run failed, nothing measured:\n" + warm.failure_text())
            return 1
        for spec in (*STARTUPS, *args.cases):
            _log(f"review_scaling: {spec.label} ({args.repeat} run(s) each)")
            results.append(run_case(spec, root, args, args.repeat))
    info["elapsed_s"] = round(time.perf_counter() - began, 1)
    info["loadavg_end"] = list(os.getloadavg())
    print(markdown(results, info))
    payload = to_json(results, info, args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    _log(f"review_scaling: wrote {args.output} ({info['elapsed_s']:.0f} s in all)")
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
