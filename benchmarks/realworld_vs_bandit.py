"""What bandit alone flags on the real-world cases, counted the way ``remediator eval`` counts.

Measurements, not tests. Both sides of every case (tests/realworld/README.md) become one combined
change each, exactly as ``remediator eval`` builds them; bandit (every test, ``--ignore-nosec``) runs
once per side over the changed Python files at the change's head, and a result counts when its line
is one the change adds. Figures: recall (the introducing change flagged), fix-side false positives
(the fixing change flagged) and discrimination (the first without the second), for bandit as a whole,
per test id and per (test id, bandit confidence), and, given ``remediator eval --format json``
output, what each test would add to Remediator's own flags if it reported standalone.

    .venv/bin/python benchmarks/realworld_vs_bandit.py                        # dev, Python (~30 s)
    .venv/bin/python benchmarks/realworld_vs_bandit.py --remediator eval.json # + marginal gain per test
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.cli.realworld import FIXING, INTRODUCING, RealCase, load_realworld, side_change  # noqa: E402
from bot.core.diffmap import parse_diff  # noqa: E402

DEFAULT_CASES = ROOT / "tests" / "realworld" / "dev"
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "realworld_vs_bandit.json"
SIDES = (INTRODUCING, FIXING)


@dataclass(frozen=True, slots=True)
class Hit:
    case: str
    test_id: str
    confidence: str
    severity: str
    line: int


@dataclass
class Side:
    hits: list[Hit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_side(cases: list[RealCase], side: str, timeout: int) -> Side:
    """bandit over the head Python files of one side; the results on lines the side adds."""
    diff, heads = side_change(cases, side)
    out = Side()
    if not diff:
        return out
    changeset = parse_diff(diff)
    added = {fc.path: fc.added_lines for fc in changeset.files if fc.path.endswith(".py") and fc.added_lines}
    with tempfile.TemporaryDirectory(prefix="rw-bandit-") as tmp:
        root = Path(tmp)
        for path in added:
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(heads[path])
        cmd = [sys.executable, "-m", "bandit", "-f", "json", "-q", "--ignore-nosec", "--", *sorted(added)]
        proc = subprocess.run(cmd, cwd=root, capture_output=True, timeout=timeout, check=False)
        data = json.loads(proc.stdout.decode("utf-8", errors="replace") or "{}")
    out.errors = [str(e.get("filename", "")) for e in data.get("errors", [])]
    for r in data.get("results", []):
        path = str(r.get("filename", "")).removeprefix("./")
        line = int(r.get("line_number", 0))
        if line not in added.get(path, ()):
            continue
        out.hits.append(
            Hit(
                path.partition("/")[0],
                str(r.get("test_id")),
                str(r.get("issue_confidence")),
                str(r.get("issue_severity")),
                line,
            )
        )
    return out


def tally(case_ids: list[str], intro: set[str], fix: set[str]) -> dict[str, Any]:
    n = len(case_ids) or 1
    hit = sum(c in intro for c in case_ids)
    fp = sum(c in fix for c in case_ids)
    disc = sum(c in intro and c not in fix for c in case_ids)
    return {
        "cases": len(case_ids),
        "recall": round(hit / n, 4),
        "fix_fp_rate": round(fp / n, 4),
        "discrimination": round(disc / n, 4),
        "flagged": hit,
        "fix_flagged": fp,
        "discriminated": disc,
    }


def remediator_flags(path: Path, mode: str) -> tuple[set[str], set[str]]:
    """(introducing, fixing) case ids Remediator flagged in ``remediator eval --format json`` output."""
    run = json.loads(path.read_text(encoding="utf-8"))["runs"][0]
    intro, fix = set(), set()
    for case_id, found in run["cases"].items():
        for side, bucket in (("introducing", intro), ("fixing", fix)):
            lines = found[side]
            if mode == "inline":
                lines = [x for x in lines if not x.endswith("(low)")]
            if lines:
                bucket.add(case_id)
    return intro, fix


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    ap.add_argument("--language", default="python")
    ap.add_argument("--remediator", type=Path, help="`remediator eval --format json` output, same cases")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args(argv)
    cases = load_realworld(args.cases, [args.language] if args.language else ())
    ids = [c.id for c in cases]
    sides = {side: run_side(cases, side, args.timeout) for side in SIDES}
    by_key: dict[str, dict[str, set[str]]] = defaultdict(lambda: {INTRODUCING: set(), FIXING: set()})
    for side, result in sides.items():
        for h in result.hits:
            by_key["all"][side].add(h.case)
            by_key[h.test_id][side].add(h.case)
            by_key[f"{h.test_id}@{h.confidence}"][side].add(h.case)
    report: dict[str, Any] = {
        "cases": str(args.cases.relative_to(ROOT) if args.cases.is_relative_to(ROOT) else args.cases),
        "language": args.language or "all",
        "bandit_alone": tally(ids, by_key["all"][INTRODUCING], by_key["all"][FIXING]),
        "per_test": {
            key: tally(ids, v[INTRODUCING], v[FIXING]) | {"cases_flagged": sorted(v[INTRODUCING])}
            for key, v in sorted(by_key.items())
            if key != "all"
        },
        "unparsed": {side: r.errors for side, r in sides.items()},
    }
    print(f"{len(ids)} cases; bandit alone: {json.dumps(report['bandit_alone'])}")
    if args.remediator:
        report["remediator"] = {}
        for mode in ("any", "inline"):
            r_intro, r_fix = remediator_flags(args.remediator, mode)
            base = tally(ids, r_intro, r_fix)
            marginal = {}
            for key, v in sorted(by_key.items()):
                union = tally(ids, r_intro | v[INTRODUCING], r_fix | v[FIXING])
                marginal[key] = {
                    "discrimination_gain": round(union["discrimination"] - base["discrimination"], 4),
                    "fix_fp_gain": round(union["fix_fp_rate"] - base["fix_fp_rate"], 4),
                    "new_cases": sorted(v[INTRODUCING] - r_intro - v[FIXING]),
                    "new_fix_side": sorted(v[FIXING] - r_fix),
                }
            report["remediator"][mode] = {"alone": base, "with_each_test": marginal}
            print(f"remediator ({mode}): {json.dumps(base)}")
            for key, m in marginal.items():
                if m["new_cases"] or m["new_fix_side"]:
                    print(f"  + {key:12} disc {m['discrimination_gain']:+.4f} fixFP {m['fix_fp_gain']:+.4f}")
    for key, t in report["per_test"].items():
        if "@" not in key:
            flags = f"flagged {t['flagged']:3} fix-side {t['fix_flagged']:3}"
            print(f"{key:6} {flags} disc {t['discriminated']:3}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
