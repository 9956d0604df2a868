"""Per-class TPR, FPR and TPR - FPR of `remediator scan` on the Flask endpoint set (tests/webapp).

Measurements, not tests (tests/unit/test_webapp_suite.py checks the set itself). Scans
tests/webapp/cases once as a user would, then reads tests/webapp/expected.csv: a file counts as
flagged for its class when a finding of one of the class's categories is reported in it (the strict
count), or when any finding at all is (the loose count). Files with an even number are the dev half,
odd ones the held-out half.

    .venv/bin/python benchmarks/webapp.py                  # table for all files
    .venv/bin/python benchmarks/webapp.py --split held     # table for the held-out half
    .venv/bin/python benchmarks/webapp.py --output         # also write benchmarks/results/webapp.json
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT / "tests" / "webapp"
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "webapp.json"
SPLITS = ("dev", "held", "all")

# The suite's classes and the categories of bot/core/taxonomy.py that count as finding them.
CATEGORIES: dict[str, frozenset[str]] = {
    "cmdi": frozenset({"command-injection"}),
    "codeinj": frozenset({"code-injection"}),
    "deserialization": frozenset({"deserialization"}),
    "hash": frozenset({"weak-crypto", "weak-password-hash"}),
    "ldapi": frozenset({"ldap-injection"}),
    "pathtraver": frozenset({"path-traversal"}),
    "redirect": frozenset({"open-redirect"}),
    "securecookie": frozenset({"insecure-cookie"}),
    "sqli": frozenset({"sql-injection"}),
    "trustbound": frozenset({"trust-boundary"}),
    "weakrand": frozenset({"insecure-randomness"}),
    "xpathi": frozenset({"xpath-injection"}),
    "xss": frozenset({"xss"}),
    "xxe": frozenset({"xxe"}),
}


@dataclass(frozen=True, slots=True)
class Case:
    """One row of expected.csv: a file (relative to the suite), its class, its label and CWE."""

    file: str
    cls: str
    vulnerable: bool
    cwe: str

    @property
    def number(self) -> int:
        return int(Path(self.file).stem)

    def in_split(self, split: str) -> bool:
        if split == "dev":
            return self.number % 2 == 0
        if split == "held":
            return self.number % 2 == 1
        return True


def load_expected(suite: Path = SUITE) -> list[Case]:
    """The labelled cases, in the order of expected.csv."""
    with (suite / "expected.csv").open(encoding="utf-8", newline="") as fh:
        return [
            Case(row["file"], row["class"], row["vulnerable"] == "true", row["cwe"])
            for row in csv.DictReader(fh)
        ]


def default_command() -> list[str]:
    return [str(Path(sys.executable).with_name("remediator"))]


def run_scan(command: list[str], cases_dir: Path) -> tuple[dict[str, object], float]:
    """`remediator scan` over the cases as JSON, and its wall time. Defaults only: REMEDIATOR_* unset."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    argv = [*command, "scan", "--repo", str(cases_dir), "--format", "json", "--no-cache", "--quiet"]
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"scan failed with exit status {proc.returncode}: {shlex.join(argv)}")
    report: dict[str, object] = json.loads(proc.stdout)
    return report, elapsed


def categories_by_file(report: dict[str, object]) -> dict[str, set[str]]:
    """Path (relative to the scanned directory) -> the categories reported in it."""
    found: dict[str, set[str]] = {}
    findings = report.get("findings", [])
    assert isinstance(findings, list)
    for finding in findings:
        found.setdefault(str(finding["path"]), set()).add(str(finding["category"]))
    return found


def _rates(tp: int, fn: int, fp: int, tn: int) -> dict[str, float | int]:
    tpr = tp / (tp + fn) if tp + fn else 0.0
    fpr = fp / (fp + tn) if fp + tn else 0.0
    return {"tp": tp, "fn": fn, "fp": fp, "tn": tn, "tpr": tpr, "fpr": fpr, "score": tpr - fpr}


def score(cases: list[Case], found: dict[str, set[str]], split: str) -> dict[str, object]:
    """Per-class strict and loose confusion counts and rates for one split, with their averages."""
    strict: dict[str, dict[str, float | int]] = {}
    loose: dict[str, dict[str, float | int]] = {}
    for cls in sorted({c.cls for c in cases}):
        rows = [c for c in cases if c.cls == cls and c.in_split(split)]
        counts = {"strict": [0, 0, 0, 0], "loose": [0, 0, 0, 0]}
        for case in rows:
            cats = found.get(case.file.removeprefix("cases/"), set())
            for kind, flagged in (("strict", bool(cats & CATEGORIES[cls])), ("loose", bool(cats))):
                index = (0 if flagged else 1) if case.vulnerable else (2 if flagged else 3)
                counts[kind][index] += 1
        strict[cls] = _rates(*counts["strict"])
        loose[cls] = _rates(*counts["loose"])

    def mean(table: dict[str, dict[str, float | int]]) -> float:
        return sum(float(r["score"]) for r in table.values()) / max(len(table), 1)

    return {
        "files": sum(c.in_split(split) for c in cases),
        "classes": strict,
        "average_score": mean(strict),
        "loose_classes": loose,
        "loose_average_score": mean(loose),
    }


def render(split: str, result: dict[str, object]) -> str:
    """A Markdown table of one split: strict counts and rates, then the loose score."""
    strict = result["classes"]
    loose = result["loose_classes"]
    assert isinstance(strict, dict) and isinstance(loose, dict)
    lines = [
        f"split: {split} ({result['files']} files)",
        "",
        "| class | TP | FN | FP | TN | TPR | FPR | TPR-FPR | loose TPR | loose FPR | loose TPR-FPR |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cls, r in strict.items():
        lo = loose[cls]
        lines.append(
            f"| {cls} | {r['tp']} | {r['fn']} | {r['fp']} | {r['tn']} | {r['tpr']:.0%} | {r['fpr']:.0%}"
            f" | {r['score']:.0%} | {lo['tpr']:.0%} | {lo['fpr']:.0%} | {lo['score']:.0%} |"
        )
    lines.append(
        f"| **average** | | | | | | | **{result['average_score']:.1%}** | | |"
        f" {result['loose_average_score']:.1%} |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--split", choices=SPLITS, default="all", help="which files the table shows")
    parser.add_argument(
        "--output",
        nargs="?",
        const=str(DEFAULT_OUTPUT),
        default=None,
        help=f"write every split as JSON (default path {DEFAULT_OUTPUT.relative_to(ROOT)})",
    )
    parser.add_argument("--remediator", help="command to run instead of the remediator beside this Python")
    parser.add_argument("--report", help="score this saved `scan --format json` report instead of scanning")
    parser.add_argument("--suite", default=str(SUITE), help="the suite directory (expected.csv, cases/)")
    args = parser.parse_args(argv)

    suite = Path(args.suite)
    cases = load_expected(suite)
    elapsed = None
    if args.report:
        report = json.loads(Path(args.report).read_text(encoding="utf-8"))
    else:
        command = shlex.split(args.remediator) if args.remediator else default_command()
        report, elapsed = run_scan(command, suite / "cases")
    found = categories_by_file(report)
    results = {split: score(cases, found, split) for split in SPLITS}

    print(render(args.split, results[args.split]))
    print()
    print(
        "average TPR-FPR: " + ", ".join(f"{s} {float(results[s]['average_score']):.1%}" for s in SPLITS)  # type: ignore[arg-type]
    )
    scan = report.get("scan", {})
    if isinstance(scan, dict) and scan.get("analysed") != len(cases):
        print(f"warning: the scan analysed {scan.get('analysed')} of {len(cases)} files", file=sys.stderr)
    if args.output:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "suite": str(suite.relative_to(ROOT)) if suite.is_relative_to(ROOT) else str(suite),
            "cases": len(cases),
            "scan_seconds": round(elapsed, 1) if elapsed is not None else None,
            "complete": report.get("complete"),
            "engines": report.get("engines"),
            "splits": results,
        }
        out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
