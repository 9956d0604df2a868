"""Per-class true- and false-positive rates on the Java servlet set (tests/fixtures/java_servlets).

Measurements, not tests (tests/unit/test_java_flow.py pins the expectations). Every servlet of the set
becomes a new file of one combined change, reviewed once by the real pipeline (rule pack + flow
analyses, static only). A vulnerable case counts as found when a finding of its class is reported in
its file; a benign case counts as a false positive when a finding of its set's class is reported in it.

    .venv/bin/python benchmarks/java_servlets.py            # table
    .venv/bin/python benchmarks/java_servlets.py --json     # machine-readable
    .venv/bin/python benchmarks/java_servlets.py --inline   # count only medium/high findings
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis.pipeline import analyse  # noqa: E402
from bot.config.settings import Settings  # noqa: E402
from bot.core.diffmap import parse_diff  # noqa: E402
from bot.core.models import Confidence  # noqa: E402

SET = ROOT / "tests" / "fixtures" / "java_servlets"
CLASS_OF = {
    "sql": "sql-injection", "command": "command-injection", "crypto": "weak-crypto", "hash": "weak-crypto",
    "ldap": "ldap-injection", "xpath": "xpath-injection", "path": "path-traversal",
    "cookie": "insecure-cookie", "trust": "trust-boundary", "random": "insecure-randomness", "xss": "xss",
    "xxe": "xxe", "ssrf": "ssrf", "redirect": "open-redirect", "deser": "deserialization",
}  # fmt: skip


def load_set(root: Path = SET) -> list[tuple[str, str, str, str]]:
    """(set name, file name, expected category or 'clean', text) for every case."""
    cases = []
    for path in sorted(root.glob("*.javaset")):
        name: str | None = None
        expect, text = "", []
        for line in [*path.read_text(encoding="utf-8").splitlines(), "//// END expect=end"]:
            if line.startswith("//// "):
                if name is not None:
                    cases.append((path.stem, name, expect, "\n".join(text) + "\n"))
                name, _, expect = line[5:].partition(" expect=")
                text = []
            else:
                text.append(line)
    return cases


def review(cases: list[tuple[str, str, str, str]], *, inline: bool) -> dict[str, set[str]]:
    """Case path -> the categories reported in it."""
    chunks, heads = [], {}
    for set_name, fname, _, text in cases:
        path = f"{set_name}/src/main/java/{fname}"
        lines = text.splitlines(keepends=True)
        chunks.append(
            f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
            f"@@ -0,0 +1,{len(lines)} @@\n" + "".join("+" + ln for ln in lines)
        )
        heads[path] = text.encode()
    settings = replace(Settings.from_env(), llm_enabled=False)
    result = analyse(parse_diff("".join(chunks)), heads.get, settings)
    found: dict[str, set[str]] = {}
    for f in result.findings:
        if inline and f.confidence < Confidence.MEDIUM:
            continue
        found.setdefault(f.path, set()).add(f.category)
    return found


def score(inline: bool = False) -> dict[str, dict[str, float]]:
    cases = load_set()
    found = review(cases, inline=inline)
    table: dict[str, dict[str, float]] = {}
    for set_name in sorted({c[0] for c in cases}):
        cat = CLASS_OF[set_name]
        vuln = [c for c in cases if c[0] == set_name and c[2] != "clean"]
        safe = [c for c in cases if c[0] == set_name and c[2] == "clean"]
        tp = sum(cat in found.get(f"{s}/src/main/java/{n}", set()) for s, n, _, _ in vuln)
        fp = sum(cat in found.get(f"{s}/src/main/java/{n}", set()) for s, n, _, _ in safe)
        tpr, fpr = tp / max(len(vuln), 1), fp / max(len(safe), 1)
        table[set_name] = {"vulnerable": len(vuln), "benign": len(safe), "tpr": tpr, "fpr": fpr}
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--inline", action="store_true", help="count only medium and high confidence")
    args = parser.parse_args()
    table = score(args.inline)
    if args.json:
        print(json.dumps(table, indent=2))
        return
    print(f"{'class':10} {'vuln':>4} {'benign':>6} {'TPR':>6} {'FPR':>6} {'score':>6}")
    for name, row in table.items():
        print(
            f"{name:10} {row['vulnerable']:4d} {row['benign']:6d} {row['tpr']:6.0%} {row['fpr']:6.0%}"
            f" {row['tpr'] - row['fpr']:6.0%}"
        )
    mean = sum(r["tpr"] - r["fpr"] for r in table.values()) / len(table)
    print(f"{'mean':10} {'':4} {'':6} {'':6} {'':6} {mean:6.1%}")


if __name__ == "__main__":
    main()
