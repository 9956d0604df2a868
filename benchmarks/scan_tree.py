"""`remediator scan` on a real web application's source distribution: a cold scan, a warm scan after
one file changed, and bandit and semgrep (the project's own rule pack) over the same tree, in one run.

    .venv/bin/python benchmarks/scan_tree.py                          # pip download django-cms==5.1.3
    .venv/bin/python benchmarks/scan_tree.py --sdist NAME==VERSION    # another pinned release
    .venv/bin/python benchmarks/scan_tree.py --tree PATH              # an unpacked tree (copied first)

The sdist comes from `pip download --no-binary :all: --no-deps NAME==VERSION` and is unpacked with
tarfile's `data` filter. Each command runs through `proctree.measure` (wall time, CPU time of the
whole process tree, sampled peak RSS of the tree and `ru_maxrss` from wait4), one after the other.
The cache starts empty in a fresh data directory; each warm scan follows an edit of a `--touch`
module (a comment line appended: its summaries stay the same), the last one a function added to
`--touch-interface` (its summaries change, so its importers are analysed again). Findings are
counted by class: Remediator's category, bandit's test id, semgrep's rule category. Targets
(issue 11): cold scan within 10 minutes on 2 cores with peak memory under 2 GB; warm scan under 10%
of the cold one. The machine is shared, so CPU time and the load average are reported beside wall
time. Results: benchmarks/results/scan_tree.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.proctree import Measurement, measure  # noqa: E402
from bot.analysis import semgrep as semgrep_mod  # noqa: E402

DEFAULT_SDIST = "django-cms==5.1.3"
DEFAULT_TOUCH = ("cms/cms_toolbars.py", "cms/views.py")
"""A module no other file imports, then one that 12 others import (their flow results depend on it)."""
DEFAULT_TOUCH_INTERFACE = "cms/views.py"
"""Then a function is added to it: its interface digest changes, so its 12 importers are analysed
again (the flow analysis only: their semgrep and bandit results come from the per-engine cache)."""
COMMENT_EDIT = "\n# benchmark: one edited line\n"
FUNCTION_EDIT = "\n\ndef benchmark_added(value):\n    return value\n"
RESULTS = ROOT / "benchmarks" / "results" / "scan_tree.json"
TEXT_SUFFIXES = {".py", ".js", ".html", ".css", ".scss", ".txt", ".rst", ".md", ".yml", ".yaml", ".json"}


def download(spec: str, work: Path) -> Path:
    """The unpacked source distribution of ``spec`` (NAME==VERSION) under ``work``."""
    dest = work / "download"
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", spec, "-d", str(dest)],
        check=True,
        capture_output=True,
    )
    (archive,) = [p for p in dest.iterdir() if p.name.endswith((".tar.gz", ".tgz"))]
    with tarfile.open(archive) as tar:
        tar.extractall(work / "src", filter="data")
    (tree,) = list((work / "src").iterdir())
    return tree


def count_lines(tree: Path) -> dict[str, int]:
    files = python = text = 0
    for path in tree.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        files += 1
        if path.suffix in TEXT_SUFFIXES:
            n = path.read_bytes().count(b"\n")
            text += n
            if path.suffix == ".py":
                python += n
    return {"files": files, "python_lines": python, "text_lines": text}


def _m(m: Measurement) -> dict[str, Any]:
    return {
        "wall_s": round(m.wall_s, 2),
        "cpu_s": round(m.cpu_s, 2),
        "tree_peak_rss_mb": round(m.tree_peak_rss_mb, 1),
        "largest_process_rss_mb": round(m.largest_process_rss_mb, 1),
        "exit_code": m.exit_code,
        "timed_out": m.timed_out,
    }


def _loaded(run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``run()``'s figures with the 1-minute load average before and after (a shared machine)."""
    before = os.getloadavg()[0]
    out = run()
    return {**out, "loadavg_1m": [round(before, 2), round(os.getloadavg()[0], 2)]}


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def run_scan(tree: Path, work: Path, label: str, env: dict[str, str], timeout: float) -> dict[str, Any]:
    out = work / f"{label}.json"
    # `python -m bot.cli` with PYTHONPATH at this checkout: the code measured is this file's repository
    cmd = [
        sys.executable,
        "-m",
        "bot.cli",
        "scan",
        "--repo",
        str(tree),
        "--format",
        "json",
        "--output",
        str(out),
        "--quiet",
    ]
    m = measure(
        cmd, cwd=work, env=env, stdout=work / f"{label}.out", stderr=work / f"{label}.err", timeout=timeout
    )
    data = _load(out) or {}
    findings = data.get("findings", [])
    return {
        **_m(m),
        "files": data.get("scan", {}).get("files"),
        "analysed": data.get("scan", {}).get("analysed"),
        "cached": data.get("scan", {}).get("cached"),
        "complete": data.get("complete"),
        "findings": len(findings),
        "by_class": dict(Counter(f["category"] for f in findings).most_common()),
        "by_severity": dict(Counter(f["severity"] for f in findings).most_common()),
        "coverage": {k: data.get("coverage", {}).get(k) for k in ("analysed", "partial", "skipped")},
    }


def run_bandit(tree: Path, work: Path, env: dict[str, str], timeout: float) -> dict[str, Any]:
    out = work / "bandit.json"
    cmd = [sys.executable, "-m", "bandit", "-r", str(tree), "-f", "json", "-q", "-o", str(out)]
    m = measure(
        cmd, cwd=work, env=env, stdout=work / "bandit.out", stderr=work / "bandit.err", timeout=timeout
    )
    results = (_load(out) or {}).get("results", [])
    return {
        **_m(m),
        "findings": len(results),
        "by_class": dict(Counter(f"{r['test_id']} {r['test_name']}" for r in results).most_common()),
        "by_severity": dict(Counter(r["issue_severity"].lower() for r in results).most_common()),
    }


def run_semgrep(tree: Path, work: Path, env: dict[str, str], timeout: float) -> dict[str, Any]:
    config = semgrep_mod.combined_config(semgrep_mod.rule_files(), work / "rules.yml")
    out = work / "semgrep.json"
    cmd = [
        semgrep_mod.semgrep_binary(),
        "scan",
        "--json",
        "--quiet",
        "--metrics=off",
        "--disable-version-check",
        "--no-git-ignore",
        "--timeout",
        "30",
        "--timeout-threshold",
        "3",
        "-j",
        "2",
        "--config",
        str(config),
        "--output",
        str(out),
        str(tree),
    ]
    m = measure(
        cmd, cwd=work, env=env, stdout=work / "semgrep.out", stderr=work / "semgrep.err", timeout=timeout
    )
    results = (_load(out) or {}).get("results", [])

    def category(r: dict[str, Any]) -> str:
        meta = r.get("extra", {}).get("metadata", {}) or {}
        return str(meta.get("category") or r.get("check_id"))

    return {
        **_m(m),
        "findings": len(results),
        "by_class": dict(Counter(map(category, results)).most_common()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sdist", default=DEFAULT_SDIST, help=f"NAME==VERSION to download (default {DEFAULT_SDIST})"
    )
    parser.add_argument("--tree", type=Path, help="an unpacked tree to scan instead of downloading")
    parser.add_argument(
        "--touch",
        action="append",
        help=f"edit this file, then scan again (repeatable; default {', '.join(DEFAULT_TOUCH)})",
    )
    parser.add_argument(
        "--touch-interface",
        default=DEFAULT_TOUCH_INTERFACE,
        help=f"then add a function to it and scan again ('' skips; default {DEFAULT_TOUCH_INTERFACE})",
    )
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per command")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--skip-baselines", action="store_true", help="scan only (no bandit, no semgrep)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="scan-tree-"))
    try:
        if args.tree:
            tree = work / "tree"
            shutil.copytree(args.tree, tree, symlinks=True)
            source = {"tree": str(args.tree)}
        else:
            tree = download(args.sdist, work)
            source = {"sdist": args.sdist, "via": "pip download --no-binary :all: --no-deps"}
        env = {
            **os.environ,
            "REMEDIATOR_DATA_DIR": str(work / "data"),
            "REMEDIATOR_LOG_LEVEL": "ERROR",
            "PYTHONPATH": str(ROOT),
        }
        for key in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            env.pop(key, None)
        size = count_lines(tree)
        print(f"tree: {size}", file=sys.stderr)
        load_start = os.getloadavg()
        runs: dict[str, Any] = {}
        print("cold scan...", file=sys.stderr)
        runs["cold"] = _loaded(lambda: run_scan(tree, work, "cold", env, args.timeout))
        edits = [(t, COMMENT_EDIT) for t in args.touch or DEFAULT_TOUCH]
        if args.touch_interface:
            edits.append((args.touch_interface, FUNCTION_EDIT))
        for number, (touched, edit) in enumerate(edits, start=1):
            with (tree / touched).open("a", encoding="utf-8") as handle:
                handle.write(edit)
            print(f"warm scan after editing {touched}...", file=sys.stderr)
            label = f"warm{number}"
            runs[label] = {
                "touched": touched,
                "edit": "function added" if edit == FUNCTION_EDIT else "comment line appended",
                **_loaded(lambda label=label: run_scan(tree, work, label, env, args.timeout)),
            }
        if not args.skip_baselines:
            print("bandit...", file=sys.stderr)
            runs["bandit"] = _loaded(lambda: run_bandit(tree, work, env, args.timeout))
            print("semgrep (the project's rule pack)...", file=sys.stderr)
            runs["semgrep"] = _loaded(lambda: run_semgrep(tree, work, env, args.timeout))
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, check=False
        )
        cold = runs["cold"]
        warms = {name: run for name, run in runs.items() if name.startswith("warm")}
        ratios = {
            name: {
                "touched": run["touched"],
                "edit": run["edit"],
                "files_analysed": run["analysed"],
                "wall": round(run["wall_s"] / cold["wall_s"], 4) if cold["wall_s"] else None,
                "cpu": round(run["cpu_s"] / cold["cpu_s"], 4) if cold["cpu_s"] else None,
            }
            for name, run in warms.items()
        }
        result = {
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "code": commit.stdout.decode().strip() or None,
            "machine": {"cpus": os.cpu_count(), "loadavg_start": load_start, "loadavg_end": os.getloadavg()},
            "source": source,
            "size": size,
            "runs": runs,
            "warm_over_cold": ratios,
            "targets": {
                "cold_wall_under_600s": cold["wall_s"] < 600,
                "cold_cpu_under_1200s_on_2_cores": cold["cpu_s"] < 1200,
                "cold_tree_peak_under_2gb": cold["tree_peak_rss_mb"] < 2048,
                **{
                    f"{name}_under_10pct_cpu": r["cpu"] is not None and r["cpu"] < 0.1
                    for name, r in ratios.items()
                },
                **{
                    f"{name}_under_10pct_wall": r["wall"] is not None and r["wall"] < 0.1
                    for name, r in ratios.items()
                },
            },
        }
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({k: result[k] for k in ("size", "warm_over_cold", "targets")}, indent=2))
        for name, run in runs.items():
            print(
                f"{name:8} wall {run['wall_s']:8.1f} s  cpu {run['cpu_s']:8.1f} s  "
                f"peak {run['tree_peak_rss_mb']:7.1f} MB  findings {run['findings']}  "
                f"exit {run['exit_code']}  load {run['loadavg_1m']}"
            )
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
