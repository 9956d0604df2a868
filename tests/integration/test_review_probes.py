"""Well-known files are probed without a round trip each (bot/jobs/probes.py): a review lists the
root once and asks only for deployment files and CODEOWNERS whose top-level file or folder exists.
Before, every review made 15 + 4 sequential 404 requests (200 ms each at the scale test's latency)."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path
from typing import Any

import pytest

from bot.analysis.exposure import WELL_KNOWN
from bot.config.settings import Settings
from bot.core import codeowners
from bot.core.clock import SystemClock
from bot.jobs.probes import SkipAbsent
from bot.jobs.review_pr import review_pull_request
from tests.integration.conftest import github_app_settings

REPO = "acme/payments"
BASE = "import subprocess\n\n\ndef health():\n    return 'ok'\n"
HEAD = BASE + "\n\ndef archive(name):\n    subprocess.run(f'tar czf /srv/{name}.tgz', shell=True)\n"
INGRESS = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n"


@dataclasses.dataclass
class _Ctx:
    settings: Settings
    clock: Any = dataclasses.field(default_factory=SystemClock)


def _diff(old: str, new: str, path: str = "app/jobs.py") -> str:
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))
    return f"diff --git a/{path} b/{path}\n{body}"


def _review(github_sim: Any, tmp_path: Path, extra: dict[str, str]) -> list[Any]:
    settings: Settings = github_app_settings(github_sim, tmp_path)
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/jobs.py": BASE, **extra})
    github_sim.add_pull(REPO, diff=_diff(BASE, HEAD), user="dev1", head_files={"app/jobs.py": HEAD, **extra})
    payload = {"host": "github", "repo": REPO, "number": 1, "installation_id": 77, "head_sha": "x"}
    assert review_pull_request(payload, _Ctx(settings)) is not None
    prefix = f"/repos/{REPO}/contents/"
    return [r.path.removeprefix(prefix) for r in github_sim.requests if r.path.startswith(prefix)]


def test_a_repository_without_deployment_files_or_owners_is_not_probed_path_by_path(
    github_sim: Any, tmp_path: Path
) -> None:
    read = _review(github_sim, tmp_path, {})
    assert not set(read) & set(WELL_KNOWN)
    assert not set(read) & set(codeowners.LOCATIONS)
    assert read.count("") == 2  # the root listed once at the head (deployment), once at main (owners)
    assert len([c for c in github_sim.issue_comments(REPO, 1) if "remediator:summary" in c.body]) == 1


def test_deployment_files_and_owners_that_exist_are_still_read(github_sim: Any, tmp_path: Path) -> None:
    read = _review(
        github_sim, tmp_path, {"deploy/ingress.yaml": INGRESS, ".github/CODEOWNERS": "* @acme/sec\n"}
    )
    assert "deploy/ingress.yaml" in read and ".github/CODEOWNERS" in read
    # only paths under folders that exist are asked for
    assert {p for p in read if p in WELL_KNOWN} <= {p for p in WELL_KNOWN if p.startswith("deploy/")}
    assert "k8s/ingress.yaml" not in read and "CODEOWNERS" not in read


class _Lister:
    def __init__(self, names: frozenset[str] | None) -> None:
        self.names, self.calls = names, 0

    def root_names(self, repo: str, ref: str) -> frozenset[str] | None:
        self.calls += 1
        return self.names


@pytest.mark.parametrize("names", [None, frozenset({"k8s", "main.tf"})])
def test_skip_absent_reads_what_may_exist_and_lists_once(names: frozenset[str] | None) -> None:
    asked: list[str] = []

    def read(path: str) -> bytes | None:
        asked.append(path)
        return b"x"

    lister = _Lister(names)
    reader = SkipAbsent(read, lister, REPO, "main", WELL_KNOWN)
    got = {p: reader(p) for p in [*WELL_KNOWN, "app/jobs.py"]}
    assert lister.calls == 1
    if names is None:  # the listing was not whole: every path is read as before
        assert asked == [*WELL_KNOWN, "app/jobs.py"]
    else:
        assert asked == ["k8s/ingress.yaml", "k8s/service.yaml", "main.tf", "app/jobs.py"]
        assert got["Dockerfile"] is None and got["k8s/service.yaml"] == b"x"
