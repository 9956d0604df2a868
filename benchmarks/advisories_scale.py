"""How the advisory store's list, filter and export scale: 1,000 vs 100,000 advisories over 500
repositories, on SQLite and PostgreSQL, in one run (ratios mean something even on a noisy machine).

    /work/venv/bin/python benchmarks/advisories_scale.py                   # SQLite, + PostgreSQL if set
    REMEDIATOR_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        /work/venv/bin/python benchmarks/advisories_scale.py --sizes 1000,100000 --repeat 7

Each operation goes through the same AdvisoryStore calls the dashboard, API and CLI use. The
PostgreSQL run works in a schema of its own and drops only that schema. Results: a Markdown table on
stdout and benchmarks/results/advisories_scale.json. Target (issue 5): pages and API-sized reads at
most 3x slower at 100x the data; whole exports are O(rows) by nature and reported per row.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, create_engine, insert, text  # noqa: E402

from bot.core.models import Severity  # noqa: E402
from bot.store import AdvisoryQuery, AdvisoryStore, Sort, State, utc  # noqa: E402
from bot.store.db import make_engine  # noqa: E402
from bot.store.export import write_csv, write_sarif  # noqa: E402
from bot.store.models import Advisory  # noqa: E402

REPOS = 500
NOW = 1_767_225_600.0  # 2026-01-01
CWES = [
    ("CWE-89", "sql-injection"),
    ("CWE-78", "command-injection"),
    ("CWE-79", "xss"),
    ("CWE-22", "path-traversal"),
    ("CWE-502", "deserialization"),
    ("CWE-798", "hardcoded-secret"),
    ("CWE-295", "tls-verification"),
    ("CWE-918", "ssrf"),
    ("CWE-327", "weak-crypto"),
    ("CWE-601", "open-redirect"),
    ("CWE-611", "xxe"),
    ("CWE-330", "insecure-randomness"),
]
STATES = [
    (State.OPEN, 55),
    (State.FIXED, 20),
    (State.DISMISSED, 10),
    (State.RISK_ACCEPTED, 5),
    (State.REOPENED, 10),
]


class Clock:
    def now(self) -> float:
        return NOW


def rows(n: int, seed: int) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    states = [s for s, w in STATES for _ in range(w)]
    out = []
    for i in range(n):
        sev = rnd.choices([4, 3, 2, 1], weights=[5, 25, 45, 25])[0]
        conf = rnd.choice([1, 2, 3])
        cwe, category = rnd.choice(CWES)
        first = utc(NOW - rnd.uniform(0, 365) * 86_400)
        state = rnd.choice(states)
        pr = rnd.randint(1, 400)
        out.append(
            {
                "host": "github",
                "repo": f"org{i % REPOS // 50}/service-{i % REPOS:03d}",
                "fingerprint": f"{rnd.getrandbits(128):032x}",
                "rule_id": f"{category}.rule-{rnd.randint(1, 4)}",
                "engine": "semgrep",
                "category": category,
                "cwe": cwe,
                "title": f"{category} in handler {i}",
                "severity": sev,
                "confidence": conf,
                "risk": round(sev * {3: 1.0, 2: 0.75, 1: 0.5}[conf], 2),
                "path": f"app/module_{i % 97}.py",
                "start_line": 10 + i % 300,
                "end_line": 10 + i % 300,
                "symbol": f"handler_{i}",
                "message": "Untrusted input reaches a dangerous sink " * 2,
                "explanation": "Why it matters " * 5,
                "remediation": json.dumps(["Validate", "Use the safe API"]),
                "replacement": None,
                "excerpt": f"{10 + i % 300:>5} + cursor.execute(query % user_input)",
                "first_pr": pr,
                "first_commit": f"{rnd.getrandbits(160):040x}",
                "last_pr": pr,
                "last_commit": f"{rnd.getrandbits(160):040x}",
                "first_seen_at": first,
                "last_seen_at": first,
                "state": state.value,
                "is_open": state.is_open,
                "state_changed_at": first,
                "state_actor": "remediator",
                "state_reason": "",
                "accepted_until": None,
                "accepted_pr": None,
                "approver": "",
                "merged_while_open": state.is_open and rnd.random() < 0.08,
                "merged_pr": None,
                "merge_commit": None,
                "merged_at": None,
                "closed_unmerged": False,
                "version": 1,
            }
        )
    return out


def populate(engine: Engine, n: int) -> AdvisoryStore:
    store = AdvisoryStore(engine, Clock())
    store.upgrade()
    data = rows(n, seed=n)
    with engine.begin() as conn:
        for i in range(0, n, 5000):
            conn.execute(insert(Advisory), data[i : i + 5000])
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE advisories"))
        else:
            conn.execute(text("ANALYZE"))
    return store


def operations(store: AdvisoryStore) -> dict[str, Callable[[], int]]:
    open_q = AdvisoryQuery(open_only=True)
    deep_cursor: list[str | None] = [None]

    def deep_page() -> int:
        if deep_cursor[0] is None:  # prepare once: the cursor of page 20
            q = open_q
            for _ in range(19):
                q = replace(q, after=store.page(q).next_cursor)
            deep_cursor[0] = q.after
        return len(store.page(replace(open_q, after=deep_cursor[0])).items)

    def export(fmt: str, q: AdvisoryQuery) -> Callable[[], int]:
        def run() -> int:
            out = io.StringIO()
            return (write_csv if fmt == "csv" else write_sarif)(store.iter(q), out)

        return run

    repo_q = AdvisoryQuery(repos=("org3/service-150",), open_only=True)
    return {
        "list: open, by risk, page 1 (50)": lambda: len(store.page(open_q).items),
        "list: open, by risk, page 20 (cursor)": deep_page,
        "list: open, oldest first": lambda: len(store.page(replace(open_q, sort=Sort.AGE)).items),
        "filter: one repo": lambda: len(store.page(repo_q).items),
        "filter: critical + open": lambda: len(
            store.page(replace(open_q, severities=(Severity.CRITICAL,))).items
        ),
        "filter: CWE-89 + open": lambda: len(store.page(replace(open_q, cwes=("CWE-89",))).items),
        "filter: category + state dismissed": lambda: len(
            store.page(AdvisoryQuery(categories=("xss",), states=(State.DISMISSED,))).items
        ),
        "filter: overdue (SLA)": lambda: len(store.page(AdvisoryQuery(overdue=True)).items),
        "filter: merged while open": lambda: len(store.page(AdvisoryQuery(merged_while_open=True)).items),
        "filter: age > 90 days, oldest first": lambda: len(
            store.page(AdvisoryQuery(min_age_days=90, open_only=True, sort=Sort.AGE)).items
        ),
        "count: open": lambda: store.count(open_q),
        "export CSV: one repo": export("csv", repo_q),
        "export SARIF: one repo": export("sarif", repo_q),
        "export CSV: every open advisory": export("csv", open_q),
    }


def measure(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    fn()  # warm caches, prepare cursors
    times, n = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), n


def backends(tmp: Path) -> list[tuple[str, Callable[[int], tuple[Engine, Callable[[], None]]]]]:
    def sqlite(n: int) -> tuple[Engine, Callable[[], None]]:
        eng = make_engine(f"sqlite:///{tmp / f'adv-{n}.db'}")
        return eng, eng.dispose

    out: list[tuple[str, Callable[[int], tuple[Engine, Callable[[], None]]]]] = [("sqlite", sqlite)]
    url = os.environ.get("REMEDIATOR_TEST_DATABASE_URL", "")
    if url:

        def postgres(n: int) -> tuple[Engine, Callable[[], None]]:
            schema = f"remediator_bench_{uuid.uuid4().hex[:10]}"
            admin = create_engine(url)
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            eng = make_engine(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}")

            def drop() -> None:
                eng.dispose()
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()

            return eng, drop

        out.append(("postgresql", postgres))
    else:
        print("REMEDIATOR_TEST_DATABASE_URL unset: PostgreSQL not measured", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--output", default=str(ROOT / "benchmarks/results/advisories_scale.json"))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in backends(Path(tmp)):
            results[name] = {}
            for n in sizes:
                engine, cleanup = make(n)
                try:
                    t0 = time.perf_counter()
                    store = populate(engine, n)
                    print(
                        f"{name}: {n} advisories loaded in {time.perf_counter() - t0:.1f}s", file=sys.stderr
                    )
                    for op, fn in operations(store).items():
                        seconds, rows_out = measure(fn, args.repeat)
                        results[name].setdefault(op, {})[str(n)] = {"seconds": seconds, "rows": rows_out}
                finally:
                    cleanup()
    lo, hi = str(sizes[0]), str(sizes[-1])
    print(f"| backend | operation | {int(lo):,} (ms) | {int(hi):,} (ms) | ratio | rows at {int(hi):,} |")
    print("|---|---|---:|---:|---:|---:|")
    for name, ops in results.items():
        for op, by_n in ops.items():
            a, b = by_n[lo]["seconds"], by_n[hi]["seconds"]
            print(f"| {name} | {op} | {a * 1000:.2f} | {b * 1000:.2f} | {b / a:.1f}x | {by_n[hi]['rows']} |")
    Path(args.output).write_text(
        json.dumps({"sizes": sizes, "repos": REPOS, "repeat": args.repeat, "results": results}, indent=2)
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
