"""Webhook ack latency under load for GitLab deliveries: the GitHub benchmark (webhook_load.py) repeated
with GitLab's real bodies (Merge Request Hook open/update, Note Hook commands) and X-Gitlab-Token.

Checks every delivery was acknowledged 202 and queued exactly once, and compares p50/p99 with a bare
Flask endpoint under the same gunicorn options. SQLite queue always; Redis too when
REMEDIATOR_TEST_REDIS_URL is set (its db is flushed: not db 0).

    python benchmarks/webhook_load_gitlab.py [--deliveries 2000] [--concurrency 8] [--workers 2]

Writes benchmarks/results/webhook_load_gitlab.json. Not a timed test: run it by hand.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks import loadgen  # noqa: E402

GITLAB = REPO / "tests/fixtures/platform/gitlab"
BODIES = (
    ("Merge Request Hook", "go-playground-webhooks-testdata/merge-request-event.json"),
    ("Merge Request Hook", "go-gitlab-testdata/webhooks/service_merge_request.json"),
    ("Note Hook", "go-gitlab-testdata/webhooks/note_merge_request.json"),
)
SECRET = "benchmark-gitlab-secret"  # noqa: S105 - a test value, not a credential
RESULTS = REPO / "benchmarks" / "results" / "webhook_load_gitlab.json"
PATH = "/webhooks/gitlab"


def bare_app() -> Any:
    """The baseline: a Flask endpoint that reads the body and answers 202, nothing else."""
    return loadgen.bare_app(PATH)


def deliveries(count: int) -> list[tuple[bytes, dict[str, str]]]:
    """Bodies and headers built before timing: real GitLab bodies spread over 200 merge requests."""
    bases = [(event, json.loads((GITLAB / name).read_bytes())) for event, name in BODIES]
    out = []
    for i in range(count):
        event, base = bases[i % len(bases)]
        data = copy.deepcopy(base)
        iid = 1 + i % 200
        if event == "Note Hook":
            data["merge_request"]["iid"] = iid
            data["object_attributes"]["note"] = f"/remediator explain {i}"
            data["object_attributes"]["id"] = 10_000 + i
        else:
            data["object_attributes"]["iid"] = iid
            data["object_attributes"]["last_commit"]["id"] = f"{i:040x}"
        headers = {
            "Content-Type": "application/json",
            "X-Gitlab-Event": event,
            "X-Gitlab-Token": SECRET,
            "X-Gitlab-Event-UUID": str(uuid.uuid4()),
        }
        out.append((json.dumps(data).encode(), headers))
    return out


def main() -> int:
    args = loadgen.parse_args(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory(prefix="remediator-bench-gl-") as tmpdir:
        runs = loadgen.run_all(
            args,
            Path(tmpdir),
            bare="benchmarks.webhook_load_gitlab:bare_app()",
            base_env={"REMEDIATOR_GITLAB_WEBHOOK_SECRET": SECRET, "REMEDIATOR_LOG_LEVEL": "WARNING"},
            deliveries=deliveries,
            path=PATH,
        )

    print(f"{args.deliveries} GitLab deliveries, {args.concurrency} client threads, {args.workers} workers")
    loadgen.print_table(runs)
    meets = loadgen.print_target(runs)
    loadgen.write_report(RESULTS, args, runs, meets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
