"""How many inline findings on the labelled corpus carry a verified one-click fix, per class (issue 12).

    .venv/bin/python benchmarks/fix_coverage.py                 # writes benchmarks/results/fix_coverage.json
    .venv/bin/python benchmarks/fix_coverage.py --label before  # keep an earlier figure under another key

The whole corpus (tests/corpus) is reviewed as one change, exactly as ``remediator eval`` does, with no
model configured (static fixers only) and no cap on inline comments. A finding counts as carrying a
suggestion when its comment would offer one: it has a verified replacement and every line it replaces is
an added line of one hunk (``Anchor.suggestion``). Results are merged into the JSON file under
``--label`` (default ``current``), so a before/after pair can live side by side.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.analysis.pipeline import review_change  # noqa: E402
from bot.cli.evaluate import case_diff, load_cases  # noqa: E402
from bot.config.settings import Settings  # noqa: E402
from bot.core.diffmap import parse_diff  # noqa: E402
from bot.core.review import Policy  # noqa: E402

DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "fix_coverage.json"


def measure(corpus: Path) -> dict[str, Any]:
    cases = load_cases(corpus)
    parts, heads = [], {}
    for case in cases:
        text, files = case_diff(case)
        parts.append(text)
        heads.update(files)
    started = time.monotonic()
    review = review_change(parse_diff("".join(parts)), heads.get, Settings(), policy=Policy(max_inline=10**6))
    seconds = time.monotonic() - started
    total: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    without: dict[str, list[str]] = {}
    for rf in review.inline:
        f = rf.finding
        total[f.category] += 1
        if rf.anchor is not None and rf.anchor.suggestion:
            fixed[f.category] += 1
        else:
            without.setdefault(f.category, []).append(f"{f.path}:{f.start_line} [{f.rule_id}]")
    classes = {
        c: {"inline": total[c], "with_fix": fixed[c], "share": round(fixed[c] / total[c], 4)}
        for c in sorted(total)
    }
    inline = sum(total.values())
    return {
        "cases": len(cases),
        "inline": inline,
        "with_fix": sum(fixed.values()),
        "share": round(sum(fixed.values()) / inline, 4) if inline else 0.0,
        "seconds": round(seconds, 1),
        "classes": classes,
        "without_fix": {c: sorted(v) for c, v in sorted(without.items())},
        "notes": list(review.notes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--label", default="current")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    result = measure(args.corpus)
    data: dict[str, Any] = {}
    if args.output.is_file():
        data = json.loads(args.output.read_text(encoding="utf-8"))
    data[args.label] = result
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("| class | inline | with a verified fix | share |\n| --- | ---: | ---: | ---: |")
    for c, row in result["classes"].items():
        print(f"| {c} | {row['inline']} | {row['with_fix']} | {row['share']:.0%} |")
    print(f"| **all** | {result['inline']} | {result['with_fix']} | {result['share']:.0%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
