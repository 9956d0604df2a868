"""The Python flow analysis' cross-file pass on a synthetic 100,000-line repository.

Generates a deterministic repository of packages whose modules import each other (handlers read
request data and call helpers in other files, helpers build SQL and shell text, some escape it), then
times ``bot.analysis.flow.analyse_python`` in this process, exactly as the review pipeline calls it:
(1) every file in the change, (2) a change of a few files whose imports are fetched through the
reader (the rest of the repository), within the default bounds. Imports ``bot`` (it measures the pass,
not the CLI). Run: ``python benchmarks/flow_scaling.py [--lines 100000] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

from bot.analysis.flow import Limits, analyse_python

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "flow_scaling.json"

HANDLER = """
@app.route("/{pkg}/{mod}/{n}")
def view_{n}(request):
    term = request.args.get("q", "")
    limit = int(request.args.get("limit", "10"))
    rows = {other}.{helper}(term, limit)
    return {{"rows": rows, "count": len(rows)}}
"""
HELPER_SQL = """
def find_{n}(term, limit, cur=None):
    cur = cur or connect()
    query = "SELECT id, name FROM items_{n} WHERE name = '" + term + "' LIMIT %d" % limit
    cur.execute(query)
    return cur.fetchall()
"""
HELPER_SAFE = """
def find_{n}(term, limit, cur=None):
    cur = cur or connect()
    query = "SELECT id, name FROM items_{n} WHERE name = %s LIMIT %s"
    cur.execute(query, (term, int(limit)))
    return [dict(row) for row in cur.fetchall()]
"""
HELPER_SHELL = """
def find_{n}(term, limit, cur=None):
    safe = shlex.quote(term)
    out = subprocess.check_output("grep -c " + safe + " /var/log/app.log", shell=True)
    return [line.strip() for line in out.decode().splitlines()][:limit]
"""
FILLER = """
def transform_{n}(items, prefix="item"):
    result = []
    for index, item in enumerate(items):
        label = f"{{prefix}}-{{index}}"
        if isinstance(item, dict):
            label += ":" + ",".join(sorted(item))
        elif item is None:
            continue
        result.append(label.strip().lower())
    totals = {{}}
    for label in result:
        totals[label] = totals.get(label, 0) + 1
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
"""


def generate(lines: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    files: dict[str, str] = {}
    total = 0
    n = 0
    module_names: list[str] = []
    helpers: dict[str, list[int]] = {}
    while total < lines:
        pkg = f"pkg{len(module_names) // 20}"
        mod = f"mod{len(module_names) % 20}"
        path = f"{pkg}/{mod}.py"
        module_names.append(f"{pkg}.{mod}")
        imports = ["import shlex", "import subprocess", "from db import connect", "from web import app"]
        others = (
            rng.sample(module_names[:-1], k=min(3, len(module_names) - 1)) if len(module_names) > 1 else []
        )
        imports += [f"import {o} as m{i}" for i, o in enumerate(others)]
        body: list[str] = []
        size = 0
        while size < 190:
            n += 1
            choice = rng.random()
            if others and choice < 0.2:
                i = rng.randrange(len(others))
                target = helpers.get(others[i]) or [0]
                helper = f"find_{rng.choice(target)}"
                block = HANDLER.format(pkg=pkg, mod=mod, n=n, other=f"m{i}", helper=helper)
            elif choice < 0.55:
                template = HELPER_SQL if choice < 0.3 else HELPER_SAFE if choice < 0.45 else HELPER_SHELL
                block = template.format(n=n)
                helpers.setdefault(f"{pkg}.{mod}", []).append(n)
            else:
                block = FILLER.format(n=n)
            body.append(block)
            size += block.count("\n")
        text = "\n".join(imports) + "\n" + "".join(body)
        files[path] = text
        total += text.count("\n")
    for pkg in {p.split("/")[0] for p in files}:
        files[f"{pkg}/__init__.py"] = ""
    return files


def run(files: dict[str, str], changed: list[str]) -> dict[str, object]:
    change = {p: (files[p], frozenset(range(1, files[p].count("\n") + 2))) for p in changed}
    fetched: list[str] = []

    def read(path: str) -> bytes | None:
        fetched.append(path)
        text = files.get(path)
        return None if text is None else text.encode()

    start_wall, start_cpu = time.perf_counter(), time.process_time()
    result = analyse_python(change, read, Limits())
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "changed_files": len(changed),
        "changed_lines": sum(files[p].count("\n") for p in changed),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "process_peak_rss_mb": round(peak_kb / 1024, 1),
        "findings": len(result.findings),
        "findings_high": sum(1 for f in result.findings if f.confidence.label == "high"),
        "steps": result.steps,
        "reads": len(fetched),
        "cuts": {"files": len(result.cuts.files), "review": result.cuts.review},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    files = generate(args.lines, args.seed)
    python_files = sorted(p for p in files if not p.endswith("__init__.py"))
    total_lines = sum(t.count("\n") for t in files.values())
    print(f"repository: {len(files)} files, {total_lines:,} lines", file=sys.stderr)
    scenarios = {
        "whole_repository_in_change": run(files, python_files),
        "ten_files_changed_imports_fetched": run(files, python_files[-10:]),
    }
    report = {
        "benchmark": "flow_scaling",
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "repository": {"files": len(files), "lines": total_lines, "seed": args.seed},
        "machine": {
            "cpus": os.cpu_count(),
            "loadavg_start": list(os.getloadavg()),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "target": "whole pass within 60 s on 2 cores",
        "scenarios": scenarios,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for name, figures in scenarios.items():
        print(f"{name}: {json.dumps(figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
