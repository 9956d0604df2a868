"""Dashboard page and JSON API times at 1,000 and 100,000 advisories (500 repositories), on SQLite
and PostgreSQL, in one run. Target (issue 5): at most 3x slower at 100x the data.

    /work/venv/bin/python benchmarks/dashboard_scale.py                     # SQLite, + PostgreSQL if set
    REMEDIATOR_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        /work/venv/bin/python benchmarks/dashboard_scale.py --repeat 7

Data: benchmarks/advisories_scale.py's generator (the store benchmark's rows), plus the history the
trend chart reads (an "opened" event per advisory, a resolving event for the closed ones). Requests
go through the real app (create_app, sign-in, role checks, templates) with Flask's test client, so
the times are the server's work without the network. Results: a Markdown table on stdout and
benchmarks/results/dashboard_scale.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from advisories_scale import NOW, REPOS, backends, measure, populate  # noqa: E402
from sqlalchemy import Engine, insert, select, text  # noqa: E402

from bot.config.settings import Settings  # noqa: E402
from bot.store import utc  # noqa: E402
from bot.store.api_tokens import Role, TokenStore  # noqa: E402
from bot.store.bootstrap import forget_engines  # noqa: E402
from bot.store.models import Advisory, AdvisoryEvent  # noqa: E402

RESOLVED = {"fixed": "fixed", "dismissed": "dismissed", "risk_accepted": "risk_accepted"}


class Clock:
    def now(self) -> float:
        return NOW


def add_history(engine: Engine) -> int:
    """The events the trend chart counts: opened at first sight; closed ones resolved some days later."""
    rnd = random.Random(7)
    now = utc(NOW)
    with engine.begin() as conn:
        rows = conn.execute(select(Advisory.id, Advisory.first_seen_at, Advisory.state)).all()
        events: list[dict[str, Any]] = []
        for advisory_id, first, state in rows:
            base = {"advisory_id": advisory_id, "actor": "remediator", "reason": "", "source": "scan"}
            events.append({**base, "at": first, "action": "opened", "from_state": None, "to_state": "open"})
            if state in RESOLVED:
                at = min(now, first + dt.timedelta(days=rnd.uniform(0, 60)))
                resolved = {"action": RESOLVED[state], "from_state": "open", "to_state": state}
                events.append({**base, "at": at, **resolved})
        for i in range(0, len(events), 5000):
            conn.execute(insert(AdvisoryEvent), events[i : i + 5000])
        conn.execute(text("ANALYZE advisory_events" if engine.dialect.name == "postgresql" else "ANALYZE"))
    return len(events)


def requests(app: Any, api_auth: dict[str, str], sample_id: int) -> dict[str, Callable[[], int]]:
    """Each returns the response size after checking the status, so a failure is never timed."""
    from webhooks.dashboard import context

    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert csrf is not None
    token = api_auth["Authorization"].removeprefix("Bearer ")
    signed = client.post("/login", data={"token": token, "csrf_token": csrf.group(1)})
    assert signed.status_code == 303, signed.status_code

    def get(path: str, headers: dict[str, str] | None = None, *, cold: bool = False) -> Callable[[], int]:
        def run() -> int:
            if cold:  # recompute the whole-ledger aggregates, as the first visit each minute does
                with app.app_context():
                    context.forget_reports()
            response = client.get(path, headers=headers or {})
            body = response.get_data()
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {body[:200]!r}")
            return len(body)

        return run

    first = client.get("/api/v1/advisories?limit=50", headers=api_auth).get_json()
    cursor = first["next_cursor"]
    for _ in range(8):  # the cursor of page 10 (1,000 advisories have about 13 pages of open ones)
        page = client.get(f"/api/v1/advisories?limit=50&cursor={cursor}", headers=api_auth).get_json()
        cursor = page["next_cursor"]
    if cursor is None:
        raise RuntimeError("fewer than 10 pages of open advisories")
    one_repo = "repo=org3/service-150&state=any"
    return {
        "page: open advisories, by risk": get("/advisories"),
        "page: page 10 (Next links)": get(f"/advisories?cursor={cursor}&start=450"),
        "page: one repository": get("/advisories?repo=org3/service-150"),
        "page: critical + overdue, oldest first": get("/advisories?severity=critical&overdue=true&sort=age"),
        "page: CWE-89, merged while open": get("/advisories?cwe=CWE-89&merged_while_open=true"),
        "page: older than 90 days, any state": get("/advisories?min_age=90&state=any&sort=age"),
        "page: advisory detail + history": get(f"/advisories/{sample_id}"),
        "page: trends + SLA (SVG), cached (<1 min old)": get("/trends"),
        "page: trends + SLA (SVG), recomputed": get("/trends", cold=True),
        "api: list, by risk (50)": get("/api/v1/advisories", api_auth),
        "api: list, 200 per page": get("/api/v1/advisories?limit=200", api_auth),
        "api: filter high+critical, overdue": get(
            "/api/v1/advisories?severity=high,critical&overdue=true", api_auth
        ),
        "api: advisory + history": get(f"/api/v1/advisories/{sample_id}", api_auth),
        "api: CSV export, one repository (rows grow 100x)": get(
            f"/api/v1/advisories.csv?{one_repo}", api_auth
        ),
        "api: SARIF export, one repository (rows grow 100x)": get(
            f"/api/v1/advisories.sarif?{one_repo}", api_auth
        ),
    }


def run_one(engine: Engine, n: int, data_dir: Path, repeat: int) -> dict[str, dict[str, float]]:
    from webhooks import create_app

    populate(engine, n)
    add_history(engine)
    secret, _ = TokenStore(engine).create(Role.VIEWER, "bench", created_by="bench", now=utc(NOW))
    with engine.connect() as conn:
        sample_id = conn.execute(select(Advisory.id).order_by(Advisory.risk.desc()).limit(1)).scalar_one()
    settings = Settings(data_dir=data_dir, database_url=engine.url.render_as_string(hide_password=False))
    app = create_app(settings, clock=Clock())
    out = {}
    for name, fn in requests(app, {"Authorization": f"Bearer {secret}"}, sample_id).items():
        seconds, size = measure(fn, repeat)
        out[name] = {"seconds": seconds, "bytes": size}
    forget_engines()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--output", default=str(ROOT / "benchmarks/results/dashboard_scale.json"))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend, make in backends(Path(tmp)):
            results[backend] = {}
            for n in sizes:
                engine, cleanup = make(n)
                try:
                    t0 = time.perf_counter()
                    timings = run_one(engine, n, Path(tmp) / f"data-{backend}-{n}", args.repeat)
                    print(
                        f"{backend}: {n:,} advisories measured in {time.perf_counter() - t0:.0f}s",
                        file=sys.stderr,
                    )
                finally:
                    cleanup()
                for op, value in timings.items():
                    results[backend].setdefault(op, {})[str(n)] = value
    lo, hi = str(sizes[0]), str(sizes[-1])
    print(f"| backend | request | {int(lo):,} (ms) | {int(hi):,} (ms) | ratio | within 3x |")
    print("|---|---|---:|---:|---:|:---:|")
    for backend, ops in results.items():
        for op, by_n in ops.items():
            a, b = by_n[lo]["seconds"], by_n[hi]["seconds"]
            ok = "yes" if b <= 3 * a else "**no**"
            print(f"| {backend} | {op} | {a * 1000:.1f} | {b * 1000:.1f} | {b / a:.1f}x | {ok} |")
    Path(args.output).write_text(
        json.dumps({"sizes": sizes, "repos": REPOS, "repeat": args.repeat, "results": results}, indent=2)
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
